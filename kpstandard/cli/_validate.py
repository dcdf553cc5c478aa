"""``kpcert validate``: judge documents, report every finding with its code and location.

Files are validated in parallel on all cores when there are many; the main process keeps only
counters and a bounded window of work in flight, so memory stays flat however many files there are.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding
from tqdm import tqdm

from kpstandard.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    iter_paths,
    read_bytes,
)
from kpstandard.cli._signing import add_trust_arguments, instant, trust_list_from
from kpstandard.signature.keys import load_certificate
from kpstandard.signature.trustlist import TrustList, load_trust_list
from kpstandard.validation.engine import validate_bytes

CHUNK = 64
"""Files per task sent to a worker process."""
IN_PROCESS_BELOW = 2 * CHUNK
"""Fewer files than this are validated in this process: starting workers would cost more."""

_options: dict[str, Any] = {}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "validate",
        help="validate documents (files or folders)",
        description="Validate documents in JSON or XML (the syntax is detected from the content) "
        "through the input, schema and rules layers. Folders are walked recursively for .json and "
        ".xml files. Exit 0 when every document is valid, 1 when any is invalid or could not be "
        "judged, 2 for bad usage or an unreadable path.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="text for people (default); json: one object with every document and a summary; "
        "jsonl: one object per document per line, then a summary line",
    )
    parser.add_argument(
        "--at",
        type=datetime.date.fromisoformat,
        metavar="DATE",
        help="judge the code lists as of this date, YYYY-MM-DD (default: each document's date of "
        "issue)",
    )
    parser.add_argument(
        "--certificate",
        metavar="PATH",
        help="the KP Certificate that the import confirmations being validated confirm",
    )
    add_trust_arguments(parser, required=False)
    parser.add_argument(
        "--time",
        type=instant,
        metavar="TIME",
        help="with --trust-list: the verification time of the time layer, ISO 8601 (default: now)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: all cores)",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar, even on a terminal"
    )
    parser.set_defaults(run=run)


# --- the work, in this process or a worker --------------------------------------------------


def _init(options: dict[str, Any]) -> None:
    _options.clear()
    _options.update(options)
    source = options.get("trust_source")
    if source is not None:  # in a worker: verify the list again from its bytes (once per worker)
        trust_list, _ = load_trust_list(source[0], anchor=load_certificate(source[1]))
        _options["trust_list"] = trust_list


def _for_workers(options: dict[str, Any]) -> dict[str, Any]:
    """The options as they cross to a worker process: a trust list travels as its bytes and
    anchor (its certificates are not picklable), and is verified again there."""
    shipped = {k: v for k, v in options.items() if k != "trust_list"}
    trust_list: TrustList | None = options.get("trust_list")
    if trust_list is not None:
        anchor = trust_list.operator.public_bytes(Encoding.PEM)
        shipped["trust_source"] = (options["trust_list_bytes"], anchor)
    return shipped


Result = tuple[str, str]
"""What the main process needs of one document: its verdict (or ``unreadable``) and its output,
already rendered in the requested format (rendering in the workers keeps the main process light)."""


def _validate_one(path: str) -> Result:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return UNREADABLE, f"kpcert: cannot read {path}: {exc.strerror or exc}"
    report = validate_bytes(
        data,
        path=path,
        at=_options.get("at"),
        certificate=_options.get("certificate"),
        trust_list=_options.get("trust_list"),
        verification_time=_options.get("time"),
    )
    result = report.to_json()
    if _options.get("format") == "text":
        return result["verdict"], _render_text(result)
    return result["verdict"], json.dumps(result, ensure_ascii=False)


def _validate_chunk(paths: list[str]) -> list[Result]:
    return [_validate_one(path) for path in paths]


def _results(paths: Iterator[str], jobs: int) -> Iterator[Result]:
    """Validate paths in order; in parallel when there are many, with bounded work in flight."""
    head = list(islice(paths, IN_PROCESS_BELOW))
    if jobs <= 1 or len(head) < IN_PROCESS_BELOW:
        for path in chain(head, paths):
            yield _validate_one(path)
        return
    source = chain(head, paths)
    chunks = iter(lambda: list(islice(source, CHUNK)), [])
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(_for_workers(_options),)) as pool:
        window: deque[Future[list[Result]]] = deque()
        for chunk in islice(chunks, jobs * 2):
            window.append(pool.submit(_validate_chunk, chunk))
        while window:
            done = window.popleft().result()
            following = next(chunks, None)
            if following is not None:
                window.append(pool.submit(_validate_chunk, following))
            yield from done


# --- output --------------------------------------------------------------------------------


UNREADABLE = "unreadable"


class _Summary:
    def __init__(self) -> None:
        self.counts = {"documents": 0, "valid": 0, "invalid": 0, "not_judged": 0, UNREADABLE: 0}

    def add(self, verdict: str) -> None:
        if verdict != UNREADABLE:
            self.counts["documents"] += 1
        self.counts[verdict.replace("-", "_")] += 1

    def exit_code(self) -> int:
        if self.counts["unreadable"]:
            return EXIT_USAGE
        return EXIT_OK if self.counts["valid"] == self.counts["documents"] else EXIT_FAILED

    def line(self) -> str:
        c = self.counts
        text = (
            f"{c['documents']} documents: {c['valid']} valid, {c['invalid']} invalid, "
            f"{c['not_judged']} not judged"
        )
        return text + (f"; {c['unreadable']} unreadable" if c["unreadable"] else "")


def _render_text(result: dict[str, Any]) -> str:
    kind = ", ".join(x for x in (result["type"], result["syntax"]) if x)
    lines = [f"{result['path']}: {result['verdict']}" + (f" ({kind})" if kind else "")]
    for finding in result["findings"]:
        where = finding["location"] or "(document)"
        lines.append(
            f"  {finding['code']} {finding['severity']} at {where} [{finding['requirement']}]: "
            f"{finding['message']}"
        )
    for layer in result["layers"]:
        if layer.get("reason"):
            lines.append(f"  {layer['layer']} layer: {layer['reason']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    options: dict[str, Any] = {
        "at": args.at,
        "format": args.format,
        "trust_list": trust_list_from(args),
        "trust_list_bytes": read_bytes(Path(args.trust_list)) if args.trust_list else None,
        "time": args.time,
    }
    if args.certificate:
        options["certificate"] = read_bytes(Path(args.certificate))
    _init(options)
    paths = iter_paths(args.paths)  # raises UsageError for a missing path, before any output
    show_progress = not args.no_progress and sys.stderr.isatty()
    total = sum(1 for _ in iter_paths(args.paths)) if show_progress else None
    summary = _Summary()
    first = True
    if args.format == "json":
        sys.stdout.write('{"documents": [')
    with tqdm(total=total, unit="doc", disable=not show_progress, file=sys.stderr) as bar:
        for verdict, output in _results((str(p) for p in paths), args.jobs):
            bar.update(1)
            summary.add(verdict)
            if verdict == UNREADABLE:
                bar.write(output, sys.stderr)
            elif args.format == "text":
                bar.clear()
                print(output)
            elif args.format == "json":
                sys.stdout.write(("\n" if first else ",\n") + output)
                first = False
            else:
                sys.stdout.write(output + "\n")
    if args.format == "json":
        sys.stdout.write("\n], " + f'"summary": {json.dumps(summary.counts)}' + "}\n")
    elif args.format == "jsonl":
        sys.stdout.write(json.dumps({"summary": summary.counts}) + "\n")
    else:
        print(summary.line())
    sys.stdout.flush()
    return summary.exit_code()
