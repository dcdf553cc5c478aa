"""``kpcert spec build`` and ``kpcert spec check``: the artifacts generated from the model."""

from __future__ import annotations

import argparse
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
