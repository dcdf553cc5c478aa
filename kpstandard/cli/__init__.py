"""The ``kpcert`` command: a thin layer over the library.

Exit codes: 0 valid / success, 1 invalid or a failed check, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kpstandard.cli import _conformance, _convert, _signing, _spec, _trust_list, _validate
from kpstandard.cli._common import EXIT_USAGE, UsageError

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser (the docs generate the command reference from it)."""
    parser = argparse.ArgumentParser(
        prog="kpcert",
        description="Validate, convert, sign and verify digital Kimberley Process Certificates.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (_validate, _convert, _signing, _trust_list, _spec, _conformance):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kpcert`` with ``argv`` (default: the process's arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except UsageError as exc:
        print(f"kpcert: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `kpcert validate ... | head` is not an error
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
