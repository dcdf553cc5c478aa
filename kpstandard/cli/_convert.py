"""``kpcert convert``: JSON to XML and back, losslessly."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kpstandard._api import convert
from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, plural, read_bytes, write_output
from kpstandard.errors import InvalidDocumentError


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "convert",
        help="convert a document between JSON and XML",
        description="Convert a valid document to the other syntax. Only a document that passes "
        "the schema layer is converted; the output validates and converts back to the same data. "
        "Exit 0 when converted, 1 when the document is refused, 2 for bad usage.",
    )
    parser.add_argument(
        "path", metavar="PATH", help="the document to convert; - for standard input"
    )
    parser.add_argument("--to", required=True, choices=("json", "xml"), help="the target syntax")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    data = read_bytes(args.path)
    try:
        converted = convert(data, args.to)
    except InvalidDocumentError as exc:
        count = plural(len(exc.findings), "problem")
        print(f"{args.path}: not converted, the document is invalid ({count}):", file=sys.stderr)
        for finding in exc.findings:
            print(f"  {finding.code} {finding.location or '/'}: {finding.message}", file=sys.stderr)
        return EXIT_FAILED
    write_output(converted, args.output)
    return EXIT_OK
