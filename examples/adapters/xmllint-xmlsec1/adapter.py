#!/usr/bin/env python3
"""A conformance adapter for plain XML tooling: xmllint --schema, nothing else.

It answers the kpstandard adapter protocol (JSON lines on stdin/stdout) as a validator of the XML
syntax whose whole judgement is libxml2's XSD validation against the standard's schemas: no
business rules, no code lists, no hardened reading beyond what xmllint does by default. Its report
shows what plain XSD validation meets of the standard, and what it misses.

Only the Python standard library and the xmllint command are used (Debian: libxml2-utils).

TODO(issue 4, signature area): declare the verifier role and answer it with `xmlsec1 --verify`
(the trust list's certificates as trusted PEMs), so that the report also shows what plain XMLDSig
verification meets and misses.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
XSD_DIR = Path(os.environ.get("KP_XSD_DIR", HERE.parents[2] / "spec" / "xml"))
SCHEMAS = ("kp-certificate.xsd", "import-confirmation.xsd", "authority-trust-list.xsd")
NO_ROOT = "No matching global declaration available for the validation root"

# What the tool says, and the finding code of the standard that says the same (first match wins).
PARSER_MESSAGES = (
    (re.compile(r"Document is empty|Start tag expected, '<' not found"), "KP-P-001"),
    (re.compile(r"Excessive depth|depth .*exceed", re.I), "KP-P-005"),
    (re.compile(r"entity|DOCTYPE|DTD", re.I), "KP-P-004"),
    (re.compile(r"."), "KP-P-003"),
)
SCHEMA_MESSAGES = (
    (re.compile(re.escape(NO_ROOT)), "KP-P-007"),
    (re.compile(r"Missing child element|is required but missing"), "KP-S-001"),
    (re.compile(r"This element is not expected|attribute '[^']*' is not allowed"), "KP-S-002"),
    (re.compile(r"not an element of the set"), "KP-S-004"),
    (re.compile(r"Duplicate key-sequence"), "KP-S-006"),
    (
        re.compile(
            r"not a valid value|not accepted by the pattern|facet|has a length"
            r"|Element content is not allowed"
        ),
        "KP-S-003",
    ),
    (re.compile(r"entity", re.I), "KP-P-004"),
    (re.compile(r"."), "KP-S-099"),
)

IMPLEMENTATION = {
    "name": "xmllint-xsd",
    "version": subprocess.run(
        ["xmllint", "--version"], capture_output=True, text=True, check=False
    ).stderr.split("\n", 1)[0].removeprefix("xmllint: ").strip() or "unknown",
    "language": "c",
    "roles": ["validator"],
    "syntaxes": ["xml"],
    "features": [],
    "homepage": "https://gitlab.gnome.org/GNOME/libxml2",
}


def codes_for(lines: list[str], table: tuple[tuple[re.Pattern[str], str], ...]) -> list[str]:
    found: list[str] = []
    for line in lines:
        if "This element is not expected. Expected is" in line:
            # libxml2 says both: this element is unexpected here, and the one expected is missing
            # (or comes later); without a tree of its own the adapter cannot tell which.
            found += [c for c in ("KP-S-002", "KP-S-001") if c not in found]
            continue
        for pattern, code in table:
            if pattern.search(line):
                if code not in found:
                    found.append(code)
                break
    return found


def xmllint(path: str, xsd: str) -> tuple[int, list[str]]:
    completed = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(XSD_DIR / xsd), path],
        capture_output=True,
        text=True,
        errors="replace",  # xmllint echoes the offending bytes, which need not be UTF-8
        check=False,
        timeout=60,
    )
    lines = [
        line
        for line in completed.stderr.splitlines()
        if line.strip()
        and not line.endswith((" validates", " fails to validate"))
        and not line.startswith((" ", "^"))
    ]
    return completed.returncode, lines


def validate(document: bytes) -> dict[str, object]:
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as handle:
        handle.write(document)
        path = handle.name
    try:
        for xsd in SCHEMAS:
            status, lines = xmllint(path, xsd)
            if status == 0:
                return {"outcome": "accept"}
            if status == 1:  # not well-formed: no schema will change that
                return {"outcome": "reject", "codes": codes_for(lines, PARSER_MESSAGES)}
            if any(NO_ROOT in line for line in lines):
                continue  # another document type: try the next schema
            return {"outcome": "reject", "codes": codes_for(lines, SCHEMA_MESSAGES) or ["KP-S-099"]}
        return {"outcome": "reject", "codes": ["KP-P-007"]}
    finally:
        os.unlink(path)


def answer(command: dict[str, object]) -> dict[str, object]:
    if command["cmd"] == "start":
        return {"version": 1, "implementation": IMPLEMENTATION}
    if command["cmd"] == "stop":
        return {"stopped": True}
    seq = command["seq"]
    if command["role"] != "validator":
        return {"seq": seq, "outcome": "skipped", "reason": "xmllint only validates"}
    test = command["test"]
    assert isinstance(test, dict)
    document = base64.b64decode(test["input"]["base64"])
    try:
        return {"seq": seq, **validate(document)}
    except (OSError, subprocess.SubprocessError) as exc:
        return {"seq": seq, "outcome": "errored", "message": f"{type(exc).__name__}: {exc}"}


def main() -> int:
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        sys.stdout.write(json.dumps(answer(command)) + "\n")
        sys.stdout.flush()  # one answer per line, at once
        if command["cmd"] == "stop":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
