"""The conformance suite: vectors, the adapter protocol, the runner and its reports.

The suite's data lives in ``conformance/`` (manifests, exact input bytes, JSON Schemas of the
manifest, the protocol and the reports); this package reads it, drives an implementation through
the protocol (:mod:`kpstandard.conformance.protocol`), grades each answer, and writes the report.
The command is ``kpcert conformance``.

    suite = load_suite()
    with open("report.jsonl", "w") as report:
        run_suite(suite, StdioTransport("kpcert conformance adapter"), report)
    summary = summarize(read_report(Path("report.jsonl")))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kpstandard.conformance._grading import Grade
    from kpstandard.conformance._manifest import AREAS, LEVELS, ROLES, Manifest, Suite, Vector
    from kpstandard.conformance._report import InvalidReport, MissingFooter, Report, read_report
    from kpstandard.conformance._runner import RunOptions, run_suite
    from kpstandard.conformance._suite import InvalidSuiteError, default_suite_dir, load_suite
    from kpstandard.conformance._summary import summarize
    from kpstandard.conformance._transport import HttpTransport, StdioTransport, Transport
    from kpstandard.conformance.protocol import PROTOCOL_VERSION

_HOMES = {
    "Grade": "_grading",
    "AREAS": "_manifest",
    "LEVELS": "_manifest",
    "ROLES": "_manifest",
    "Manifest": "_manifest",
    "Suite": "_manifest",
    "Vector": "_manifest",
    "InvalidReport": "_report",
    "MissingFooter": "_report",
    "Report": "_report",
    "read_report": "_report",
    "RunOptions": "_runner",
    "run_suite": "_runner",
    "InvalidSuiteError": "_suite",
    "default_suite_dir": "_suite",
    "load_suite": "_suite",
    "summarize": "_summary",
    "HttpTransport": "_transport",
    "StdioTransport": "_transport",
    "Transport": "_transport",
    "PROTOCOL_VERSION": "protocol",
}
"""Where each public name lives. They are imported on first use, so that the command's other
subcommands do not pay for the runner's imports."""

__all__ = [
    "AREAS",
    "LEVELS",
    "PROTOCOL_VERSION",
    "ROLES",
    "Grade",
    "HttpTransport",
    "InvalidReport",
    "InvalidSuiteError",
    "Manifest",
    "MissingFooter",
    "Report",
    "RunOptions",
    "StdioTransport",
    "Suite",
    "Transport",
    "Vector",
    "default_suite_dir",
    "load_suite",
    "read_report",
    "run_suite",
    "summarize",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
