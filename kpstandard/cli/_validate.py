"""``kpcert validate``: judge documents, report every finding with its code and location."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, expand_paths, print_json, read_bytes
from kpstandard.validation.engine import validate_bytes
from kpstandard.validation.findings import DocumentReport, Verdict


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate documents (files or folders)",
        description="Validate documents in JSON or XML (the syntax is detected from the content). "
        "Folders are walked recursively for .json and .xml files. Exit 0 when every document is "
        "valid, 1 when any is not, 2 for bad usage or an unreadable path.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for machines",
    )
    parser.set_defaults(run=run)


def summarize(reports: list[DocumentReport]) -> dict[str, int]:
    verdicts = [r.verdict for r in reports]
    return {
        "documents": len(reports),
        "valid": verdicts.count(Verdict.VALID),
        "invalid": verdicts.count(Verdict.INVALID),
        "not_judged": verdicts.count(Verdict.NOT_JUDGED),
    }


def _print_text(report: DocumentReport) -> None:
    kind = ", ".join(x for x in (report.type, report.syntax) if x)
    print(f"{report.path}: {report.verdict.value}" + (f" ({kind})" if kind else ""))
    for finding in report.findings:
        where = finding.location or "(document)"
        print(
            f"  {finding.code} {finding.severity.value} at {where} [{finding.requirement}]: "
            f"{finding.message}"
        )
    for layer in report.layers:
        if layer.reason and report.verdict is Verdict.NOT_JUDGED:
            print(f"  {layer.layer.value} layer not run: {layer.reason}")


def run(args: argparse.Namespace) -> int:
    paths = expand_paths(args.paths)
    reports = []
    for path in paths:
        report = validate_bytes(read_bytes(path), path=str(path))
        reports.append(report)
        if args.format == "text":
            _print_text(report)
    summary = summarize(reports)
    if args.format == "json":
        print_json({"documents": [r.to_json() for r in reports], "summary": summary})
    else:
        print(
            f"{summary['documents']} documents: {summary['valid']} valid, "
            f"{summary['invalid']} invalid, {summary['not_judged']} not judged",
            file=sys.stderr if not reports else sys.stdout,
        )
    return EXIT_OK if summary["valid"] == summary["documents"] else EXIT_FAILED
