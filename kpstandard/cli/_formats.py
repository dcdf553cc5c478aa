"""The output formats of ``kpcert validate``, written as the reports arrive (memory stays flat).

- ``text``: one block per document, then the summary line.
- ``json``: one object ``{"documents": [...], "summary": {...}}``.
- ``jsonl``: one object per document per line, then ``{"summary": {...}}``.
- ``junit``: JUnit XML, one ``testcase`` per document (a ``failure`` for an invalid document, with
  its codes and locations; an ``error`` for one not judged or unreadable). The counts that head the
  file are known only at the end, so the test cases are spooled to a temporary file (in memory up
  to 1 MiB, on disk beyond) and copied after the header.
- ``sarif``: SARIF 2.1.0, one run of the tool ``kpcert`` with a rule per finding code of the
  catalogue, a result per finding (the file as ``artifactLocation``, the JSON Pointer or XPath as a
  logical location's ``fullyQualifiedName``), and a tool notification per document that could not
  be judged or read.
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from kpstandard.cli._common import plural
from kpstandard.cli._version import library_version
from kpstandard.findings import CODES

__all__ = ["writer"]

INFORMATION_URI = "https://github.com/kpstandard/kpstandard"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_NOT_XML = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""What XML 1.0 does not allow in text (compiled when first used: 5 ms, a few % of start-up)."""


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, imported when JUnit output is written (it pulls in
    ``urllib.request``, ``http.client`` and ``ssl``: a tenth of the command's start-up)."""
    from xml.sax.saxutils import escape as sax_escape

    return sax_escape(text)


def quoteattr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr``, imported when needed (see :func:`escape`)."""
    from xml.sax.saxutils import quoteattr as sax_quoteattr

    return sax_quoteattr(text)


@functools.cache
def _not_xml() -> re.Pattern[str]:
    return re.compile(_NOT_XML)


def _xml_text(text: str) -> str:
    """Text safe inside XML 1.0 (messages may quote a document's own characters)."""
    return _not_xml().sub("\ufffd", text)


class Writer:
    """Text output; the base of the others."""

    def __init__(self, stream: IO[str], unusable: Any = None) -> None:
        self.stream = stream
        self.unusable = unusable
        if unusable is not None:
            self.header()

    def header(self) -> None:
        reasons = "; ".join(f"{f.code}: {f.message}" for f in self.unusable.findings)
        self.stream.write(
            f"the trust list {self.unusable.path} cannot be used, so no document is judged: "
            f"{reasons}\n"
        )

    def document(self, output: str) -> None:
        self.stream.write(output + "\n")

    def documents(self, outputs: list[str]) -> None:
        """Several documents in a row: what :meth:`document` writes for each, in one write
        where the format allows it (text and JSON lines)."""
        if type(self).document is not Writer.document:
            for output in outputs:
                self.document(output)
        elif outputs:
            self.stream.write("\n".join(outputs) + "\n")

    def unreadable(self, message: str) -> None:
        """An unreadable path (its message already went to standard error)."""

    def close(self, counts: dict[str, int]) -> None:
        c = counts
        text = (
            f"{plural(c['documents'], 'document')}: {c['valid']} valid, {c['invalid']} invalid, "
            f"{c['not_judged']} not judged"
        )
        self.stream.write(text + (f"; {c['unreadable']} unreadable" if c["unreadable"] else ""))
        self.stream.write("\n")


class JsonWriter(Writer):
    def header(self) -> None:
        pass

    def document(self, output: str) -> None:
        if not hasattr(self, "_started"):
            self._started = True
            self.stream.write('{"documents": [\n' + output)
        else:
            self.stream.write(",\n" + output)

    def documents(self, outputs: list[str]) -> None:
        if outputs:
            self.document(",\n".join(outputs))

    def close(self, counts: dict[str, int]) -> None:
        if not hasattr(self, "_started"):
            self.stream.write('{"documents": [')
        tail = f'"summary": {json.dumps(counts)}'
        if self.unusable is not None:
            tail += f', "trustList": {json.dumps(self.unusable.to_json(), ensure_ascii=False)}'
        self.stream.write("\n], " + tail + "}\n")


class JsonLinesWriter(Writer):
    def header(self) -> None:
        pass

    def close(self, counts: dict[str, int]) -> None:
        last: dict[str, Any] = {"summary": counts}
        if self.unusable is not None:
            last["trustList"] = self.unusable.to_json()
        self.stream.write(json.dumps(last, ensure_ascii=False) + "\n")


def _finding_line(finding: dict[str, Any]) -> str:
    where = finding["location"] or "(document)"
    return (
        f"{finding['code']} {finding['severity']} at {where} [{finding['requirement']}]: "
        f"{finding['message']}"
    )


def _reasons(result: dict[str, Any]) -> list[str]:
    return [f"{r['layer']} layer: {r['reason']}" for r in result["layers"] if r.get("reason")]


class JUnitWriter(Writer):
    """JUnit XML as Jenkins, GitLab, GitHub test reporters and Azure DevOps read it."""

    def __init__(self, stream: IO[str], unusable: Any = None) -> None:
        import tempfile  # here: only JUnit output spools its cases

        # Closed in close(): the spool lives as long as the writer.
        self.cases = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=1024 * 1024, mode="w+", encoding="utf-8"
        )
        self.failures = 0
        self.errors = 0
        self.tests = 0
        self.unreadables = 0
        super().__init__(stream, unusable)

    def header(self) -> None:
        pass

    def _case(self, name: str, body: str) -> None:
        self.tests += 1
        self.cases.write(
            f'    <testcase classname="kpcert.validate" name={quoteattr(_xml_text(name))}'
            f" file={quoteattr(_xml_text(name))}"
        )
        self.cases.write(f">\n{body}    </testcase>\n" if body else "/>\n")

    def document(self, output: str) -> None:
        result = json.loads(output)
        name = result["path"] or "(document)"
        verdict = result["verdict"]
        codes = sorted({f["code"] for f in result["findings"]})
        lines = [_finding_line(f) for f in result["findings"]] + _reasons(result)
        text = escape(_xml_text("\n".join(lines)))
        if verdict == "invalid":
            self.failures += 1
            count = plural(len(result["findings"]), "finding")
            message = quoteattr(_xml_text(f"invalid: {count} ({', '.join(codes)})"))
            body = f'      <failure type="invalid" message={message}>{text}</failure>\n'
        elif verdict == "not-judged":
            self.errors += 1
            summary = "; ".join(_reasons(result)) or ", ".join(codes)
            message = quoteattr(_xml_text(f"not judged: {summary}"))
            body = f'      <error type="not-judged" message={message}>{text}</error>\n'
        else:
            body = ""
        self._case(name, body)

    def unreadable(self, message: str) -> None:
        self.errors += 1
        self.unreadables += 1
        text = quoteattr(_xml_text(message))
        self._case(
            f"unreadable {self.unreadables}",
            f'      <error type="unreadable" message={text}>{escape(_xml_text(message))}</error>\n',
        )

    def close(self, counts: dict[str, int]) -> None:
        counts_attributes = (
            f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}" skipped="0"'
        )
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="kpcert validate" {counts_attributes}>\n')
        self.stream.write(f'  <testsuite name="kpcert validate" {counts_attributes}>\n')
        if self.unusable is not None:
            reasons = "; ".join(f"{f.code}: {f.message}" for f in self.unusable.findings)
            text = f"the trust list {self.unusable.path} cannot be used: {reasons}"
            self.stream.write(f"    <system-err>{escape(_xml_text(text))}</system-err>\n")
        self.cases.seek(0)
        while chunk := self.cases.read(64 * 1024):
            self.stream.write(chunk)
        self.cases.close()
        self.stream.write("  </testsuite>\n</testsuites>\n")


def _artifact_uri(path: str) -> str:
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def sarif_rules() -> list[dict[str, Any]]:
    """A SARIF rule per finding code of the catalogue, in code order."""
    rules = []
    for code in sorted(CODES.values(), key=lambda c: c.code):
        rules.append(
            {
                "id": code.code,
                "shortDescription": {"text": code.title},
                "fullDescription": {
                    "text": f"{code.title} (layer {code.layer.value}; enforces {code.requirement})"
                },
                "defaultConfiguration": {
                    "level": "error" if code.severity.value == "error" else "warning"
                },
                "properties": {
                    "requirement": code.requirement,
                    "layer": code.layer.value,
                    "tags": [code.layer.value, code.requirement],
                },
            }
        )
    return rules


class SarifWriter(Writer):
    """SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, Azure DevOps) read."""

    def __init__(self, stream: IO[str], unusable: Any = None) -> None:
        self.rules = sarif_rules()
        self.rule_index = {rule["id"]: index for index, rule in enumerate(self.rules)}
        self.first = True
        self.notifications: list[dict[str, Any]] = []
        super().__init__(stream, unusable)
        driver = {
            "name": "kpcert",
            "fullName": "kpcert, the kpstandard reference validator",
            "version": library_version(),
            "informationUri": INFORMATION_URI,
            "rules": self.rules,
        }
        head = json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0"}, ensure_ascii=False).rstrip(
            "}"
        )
        tool = json.dumps({"driver": driver}, ensure_ascii=False)
        stream.write(f'{head}, "runs": [{{"tool": {tool}, "results": [')

    def header(self) -> None:
        reasons = "; ".join(f"{f.code}: {f.message}" for f in self.unusable.findings)
        text = f"the trust list {self.unusable.path} cannot be used: {reasons}"
        self.notifications.append({"level": "error", "message": {"text": text}})

    def _result(self, path: str | None, syntax: str | None, finding: dict[str, Any]) -> None:
        result: dict[str, Any] = {
            "ruleId": finding["code"],
            "level": "error" if finding["severity"] == "error" else "warning",
            "message": {"text": finding["message"]},
            "properties": {"requirement": finding["requirement"], "layer": finding["layer"]},
        }
        if finding["code"] in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding["code"]]
        location: dict[str, Any] = {}
        if path and path != "<stdin>":
            location["physicalLocation"] = {"artifactLocation": {"uri": _artifact_uri(path)}}
        if finding["location"]:
            location["logicalLocations"] = [
                {
                    "fullyQualifiedName": finding["location"],
                    "kind": "element" if syntax == "xml" else "property",
                }
            ]
        if location:
            result["locations"] = [location]
        self.stream.write(("\n" if self.first else ",\n") + json.dumps(result, ensure_ascii=False))
        self.first = False

    def document(self, output: str) -> None:
        result = json.loads(output)
        for finding in result["findings"]:
            self._result(result["path"], result["syntax"], finding)
        if result["verdict"] == "not-judged":
            reasons = "; ".join(_reasons(result)) or "a layer did not run"
            self._notify("warning", f"{result['path']}: not judged: {reasons}", result["path"])

    def _notify(self, level: str, text: str, path: str | None) -> None:
        notification: dict[str, Any] = {"level": level, "message": {"text": text}}
        if path and path != "<stdin>":
            notification["locations"] = [
                {"physicalLocation": {"artifactLocation": {"uri": _artifact_uri(path)}}}
            ]
        self.notifications.append(notification)

    def unreadable(self, message: str) -> None:
        self._notify("error", message, None)

    def close(self, counts: dict[str, int]) -> None:
        invocation = {
            "executionSuccessful": counts["unreadable"] == 0,
            "toolExecutionNotifications": self.notifications,
            "properties": {"summary": counts},
        }
        self.stream.write(
            "\n], " + f'"invocations": [{json.dumps(invocation, ensure_ascii=False)}]' + "}]}\n"
        )


def writer(fmt: str, stream: IO[str], unusable: Any = None) -> Writer:
    """The writer of one output format."""
    kinds: dict[str, type[Writer]] = {
        "text": Writer,
        "json": JsonWriter,
        "jsonl": JsonLinesWriter,
        "junit": JUnitWriter,
        "sarif": SarifWriter,
    }
    return kinds[fmt](stream, unusable)
