"""Reports: one JSON line per test, between a header and a footer.

The runner writes and flushes each line as the test ends, so a run that is cut short leaves a
report without its footer, and :func:`read_report` rejects it (:class:`MissingFooter`) rather than
let an incomplete report pass for a complete one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kpstandard.conformance._suite import schema_errors

__all__ = [
    "REPORT_SCHEMA",
    "DuplicateRecord",
    "EmptyReport",
    "InvalidReport",
    "MissingFooter",
    "Report",
    "ReportWriter",
    "read_report",
]

REPORT_SCHEMA = "urn:kpstandard:conformance:report:1"


class InvalidReport(Exception):
    """A report file is not a complete, valid report."""


class EmptyReport(InvalidReport):
    """The report has no line at all."""


class MissingFooter(InvalidReport):
    """The report ends without its footer: the run was cut short, results may be missing."""


class DuplicateRecord(InvalidReport):
    """One test and role appear twice."""


@dataclass(frozen=True)
class Report:
    """A complete report, as read back."""

    header: dict[str, Any]
    records: tuple[dict[str, Any], ...]
    footer: dict[str, Any]

    @property
    def implementation(self) -> dict[str, Any] | None:
        value: dict[str, Any] | None = self.header.get("implementation")
        return value


@dataclass
class ReportWriter:
    """Writes a report line by line, flushing each, so that what is written is what happened."""

    stream: IO[str]
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def _write(self, value: dict[str, Any]) -> None:
        self.stream.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.stream.flush()

    def header(self, value: dict[str, Any]) -> None:
        self._write({"kind": "header", **value})

    def record(self, value: dict[str, Any]) -> None:
        key = (value["id"], value["role"])
        if key in self._seen:
            raise DuplicateRecord(f"{key[0]} in role {key[1]} recorded twice")
        self._seen.add(key)
        self._write({"kind": "test", **value})

    def footer(self, value: dict[str, Any]) -> None:
        self._write({"kind": "footer", **value})


def _lines(source: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise InvalidReport(f"line {number} is not JSON: {exc}") from exc
        problems = schema_errors(REPORT_SCHEMA, value)
        if problems:
            raise InvalidReport(f"line {number} is not a report line: {problems[0]}")
        yield number, value


def parse_report(source: Iterable[str]) -> Report:
    """Read a report from its lines.

    Raises:
        EmptyReport, MissingFooter, DuplicateRecord, InvalidReport: it is not a complete report.
    """
    lines = _lines(source)
    first = next(lines, None)
    if first is None:
        raise EmptyReport("the report is empty")
    number, header = first
    if header["kind"] != "header":
        raise InvalidReport(f"line {number} should be the header")
    records: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for number, value in lines:
        if value["kind"] == "footer":
            if next(lines, None) is not None:
                raise InvalidReport(f"lines follow the footer (line {number})")
            return Report(header, tuple(records), value)
        if value["kind"] != "test":
            raise InvalidReport(f"line {number}: a second header")
        key = (value["id"], value["role"])
        if key in seen:
            raise DuplicateRecord(f"line {number}: {key[0]} in role {key[1]} recorded twice")
        seen.add(key)
        records.append(value)
    raise MissingFooter(
        f"the report ends after {len(records)} tests without its footer: the run was cut short"
    )


def read_report(path: Path) -> Report:
    """Read a report file (report.jsonl).

    Raises:
        OSError: it cannot be read.
        InvalidReport: it is not a complete report (MissingFooter when cut short).
    """
    with path.open(encoding="utf-8") as stream:
        return parse_report(stream)
