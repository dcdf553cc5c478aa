"""``kpcert spec build`` and ``kpcert spec check``: the artifacts generated from the model."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kpstandard._cli_doc import CommandDoc
from kpstandard._resources import source_root
from kpstandard.cli._common import EXIT_FAILED, EXIT_OK, UsageError
from kpstandard.errors import ModelError


def register(commands: Any, *, describe: Callable[[], CommandDoc]) -> None:
    """Add ``kpcert spec``; ``describe`` gives the whole command's description, for its page."""
    parser = commands.add_parser(
        "spec",
        help="regenerate or check the artifacts generated from the model",
        description="The schemas, the document classes and the reference pages are generated "
        "from spec/model and committed. 'build' regenerates them; 'check' exits 1 naming every "
        "committed artifact that differs from what the model generates.",
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (("build", "regenerate every artifact"), ("check", "fail on stale ones")):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument(
            "--root",
            metavar="DIR",
            help="the repository checkout (default: the one kpstandard runs from)",
        )
        action.set_defaults(run=run, describe=describe)
    diff = actions.add_parser(
        "diff",
        help="list the changes between two versions of the standard, and whom they break",
        description="Compare the model, data types, rules, requirements and code lists of two "
        "versions of the standard and classify every change: compatible, breaking for "
        "producers (valid documents may be rejected), breaking for consumers (documents may "
        "carry what an old consumer refuses), with the ids affected. Each side is a folder (a "
        "checkout or its spec/) or a git ref of the repository.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier version: a folder or a git ref")
    diff.add_argument("new", metavar="NEW", help="the later version: a folder or a git ref")
    diff.add_argument(
        "--root",
        metavar="DIR",
        help="the repository git refs are read from (default: the one kpstandard runs from)",
    )
    diff.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    diff.set_defaults(run=run_diff, describe=describe)


def _root(args: argparse.Namespace) -> Path:
    if args.root:
        root = Path(args.root)
        if not (root / "spec" / "model" / "model.yaml").is_file():
            raise UsageError(f"{root} has no spec/model/model.yaml")
        return root
    found = source_root()
    if found is None:
        raise UsageError("not running from a source checkout; give --root DIR")
    return found


def run_diff(args: argparse.Namespace) -> int:
    # Imported here, like the build: no other command needs to load the whole standard.
    from kpstandard.specbuild._diff import Impact, diff_specs, open_spec

    repository = Path(args.root) if args.root else (source_root() or Path.cwd())
    try:
        with open_spec(args.old, repository) as old, open_spec(args.new, repository) as new:
            changes = diff_specs(old, new)
    except ModelError as exc:
        raise UsageError(f"kpcert spec diff: {exc}") from exc
    if args.format == "json":
        print(json.dumps([c.as_json() for c in changes], indent=2, ensure_ascii=False))
        return EXIT_OK
    for change in changes:
        impact = " + ".join(sorted(i.value for i in change.impact))
        print(f"{change.area:<13} {', '.join(change.ids):<24} {impact:<46} {change.description}")
    counts = {i: sum(i in c.impact for c in changes) for i in Impact}
    print(
        f"{len(changes)} changes: {counts[Impact.COMPATIBLE]} compatible, "
        f"{counts[Impact.PRODUCERS]} breaking for producers, "
        f"{counts[Impact.CONSUMERS]} breaking for consumers"
    )
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    # Imported here: the build reads the whole standard, which no other command needs to load.
    from kpstandard.specbuild import build, check

    root = _root(args)
    try:
        if args.action == "build":
            written = build(root, args.describe())
            for path in written:
                print(f"wrote {path}")
            if not written:
                print("spec build: nothing to write; every generated artifact matches the model")
            return EXIT_OK
        stale, problems = check(root, args.describe())
    except ModelError as exc:
        print(f"kpcert spec {args.action}: the model is inconsistent: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for path in stale:
        print(f"stale: {path} differs from what the model generates; run 'kpcert spec build'")
    for problem in problems:
        print(f"inconsistent: {problem}")
    if not stale and not problems:
        print("spec check: every generated artifact matches the model; the files agree")
    return EXIT_FAILED if stale or problems else EXIT_OK
