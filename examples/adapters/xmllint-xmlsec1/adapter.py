#!/usr/bin/env python3
"""A conformance adapter for plain XML tooling: xmllint --schema and xmlsec1 --verify, nothing else.

It answers the kpstandard adapter protocol (JSON lines on stdin/stdout) in two roles, for the XML
syntax only:

- validator: libxml2's XSD validation against the standard's schemas is its whole judgement: no
  business rules, no code lists, no hardened reading beyond what xmllint does by default;
- verifier: the same XSD validation, then `xmlsec1 --verify` with the test root CA as the trusted
  certificate (`--trusted-pem`), at the test's verification time. A generic XMLDSig verifier
  knows no Authority Trust List: it trusts whatever certificate the CA issued, checks that
  certificate's validity at the verification time rather than on the document's date, and
  enforces no signature profile. On acceptance it returns the input as the signed data, which is
  all it has.

Its report shows what plain XSD validation and plain XMLDSig verification meet of the standard,
and what they miss. Only the Python standard library and the xmllint and xmlsec1 commands are used
(Debian: libxml2-utils, xmlsec1).
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
TRUSTED_PEM = Path(
    os.environ.get(
        "KP_TRUSTED_PEM", HERE.parents[2] / "examples" / "pki" / "ca" / "root-ca.cert.pem"
    )
)
"""The certificate xmlsec1 trusts: the test root CA that issued every test certificate (TEST
ONLY)."""
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
    (re.compile(r"\bentity\b", re.I), "KP-P-004"),  # not "identity-constraint"
    (re.compile(r"."), "KP-S-099"),
)

# What xmlsec1 says when it refuses a signature, and the code of the standard that says the same.
XMLSEC1_MESSAGES = (
    (re.compile(r'failed to find default node with name="Signature"'), "KP-SIG-001"),
    (re.compile(r"data and digest do not match"), "KP-SIG-009"),
    (re.compile(r"signature verification failed|data do not match"), "KP-SIG-010"),
    (re.compile(r"certificate has expired|certificate is not yet valid"), "KP-T-004"),
    (re.compile(r"certificate verification failed|unable to get local issuer"), "KP-T-001"),
    (re.compile(r"d2i_X509|X509CertDerRead|key is not found"), "KP-SIG-011"),
)


def _version(command: str) -> str:
    try:
        completed = subprocess.run(
            [command, "--version"], capture_output=True, text=True, check=False
        )
    except OSError:
        return "not installed"
    text = (completed.stdout or completed.stderr).split("\n", 1)[0]
    return text.removeprefix(f"{command}: ").strip() or "unknown"


IMPLEMENTATION = {
    "name": "xmllint-xmlsec1",
    "version": f"{_version('xmllint')}; {_version('xmlsec1')}",
    "language": "c",
    "roles": ["validator", "verifier"],
    "syntaxes": ["xml"],
    "features": [],
    "homepage": "https://gitlab.gnome.org/GNOME/libxml2",
    "source": "https://www.aleksey.com/xmlsec/",
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


def verify(document: bytes, verification_time: str) -> dict[str, object]:
    """XSD validation, then xmlsec1 --verify against the trusted CA at the verification time."""
    judged = validate(document)
    if judged["outcome"] != "accept":
        return judged
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as handle:
        handle.write(document)
        path = handle.name
    try:
        completed = subprocess.run(
            [
                "xmlsec1",
                "--verify",
                "--trusted-pem",
                str(TRUSTED_PEM),
                "--id-attr:Id",
                "SignedProperties",  # XAdES: what its references point to
                "--id-attr:Id",
                "KeyInfo",
                "--verification-time",  # local time, hence TZ=UTC below
                verification_time.replace("T", " ").removesuffix("Z"),
                path,
            ],
            capture_output=True,
            text=True,
            errors="replace",
            check=False,
            timeout=60,
            env={**os.environ, "TZ": "UTC"},
        )
    finally:
        os.unlink(path)
    if completed.returncode == 0:
        # xmlsec1 cannot say what it verified: the input is all this verifier can return.
        output = {"base64": base64.b64encode(document).decode("ascii"), "syntax": "xml"}
        return {"outcome": "accept", "output": output}
    lines = completed.stderr.splitlines()
    return {"outcome": "reject", "codes": codes_for(lines, XMLSEC1_MESSAGES) or ["KP-SIG-010"]}


def answer(command: dict[str, object]) -> dict[str, object]:
    if command["cmd"] == "start":
        return {"version": 1, "implementation": IMPLEMENTATION}
    if command["cmd"] == "stop":
        return {"stopped": True}
    seq = command["seq"]
    role = command["role"]
    if role not in ("validator", "verifier"):
        return {"seq": seq, "outcome": "skipped", "reason": f"xmllint and xmlsec1 do not {role}"}
    test = command["test"]
    assert isinstance(test, dict)
    document = base64.b64decode(test["input"]["base64"])
    try:
        if role == "verifier":
            return {"seq": seq, **verify(document, test["context"]["verificationTime"])}
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
