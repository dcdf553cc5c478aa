"""``kpcert stats``: Annex III trade figures from a folder of certificates."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from typing import Any

from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    iter_paths,
    plural,
    read_bytes,
    write_output,
)

COLUMNS = (
    "quarter",
    "exporting_participant",
    "importing_participant",
    "hs_code",
    "carats",
    "value_usd",
    "certificates",
)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "stats",
        help="sum certificates into Annex III trade figures",
        description="Sum the carat weight and the value in US$ of the certificates found in the "
        "given files and folders per quarter of the date of issue, exporting and importing "
        "Participant and HS code, in exact decimals, with the number of certificates behind each "
        "sum (Technical Annex, Article 19). A certificate counts when it passes the schema and "
        "rules layers; its signature is not verified. The same certificate in two files counts "
        "once, and a replaced certificate gives way to its replacement. Documents not counted "
        "are listed with the reason (in the JSON output, or on standard error with --format "
        "csv). Production, stocks and trade on paper cannot be computed from certificates. "
        "Exit 0 when every certificate was counted, 1 when one was left out as invalid, "
        "unreadable or conflicting, 2 for bad usage.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="certificates, or folders walked for .json and .xml",
    )
    parser.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        help="json (default: rows, the number of certificates and the documents skipped) or csv "
        "(one row per quarter, Participant pair and HS code)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here instead of standard output"
    )
    parser.set_defaults(run=run)


def _documents(paths: list[str]) -> Any:
    for path in iter_paths(paths):
        try:
            yield path, read_bytes(path)
        except UsageError:
            yield path, None


def run(args: argparse.Namespace) -> int:
    import json

    from kpstandard._stats import trade_statistics

    statistics = trade_statistics(_documents(args.paths))
    if args.format == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in statistics.rows:
            writer.writerow(
                (
                    row.quarter,
                    row.exporting_participant,
                    row.importing_participant,
                    row.hs_code,
                    row.carats,
                    row.value_usd,
                    row.certificates,
                )
            )
        write_output(out.getvalue().encode("utf-8"), args.output)
        for skipped in statistics.skipped:
            codes = f" ({', '.join(skipped.codes)})" if skipped.codes else ""
            print(f"{skipped.path}: not counted, {skipped.reason}{codes}", file=sys.stderr)
    else:
        text = json.dumps(statistics.to_json(), indent=2, ensure_ascii=False) + "\n"
        write_output(text.encode("utf-8"), args.output)
    if not statistics.complete:
        left_out = [s for s in statistics.skipped if s.problem]
        print(f"kpcert stats: {plural(len(left_out), 'document')} left out", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
