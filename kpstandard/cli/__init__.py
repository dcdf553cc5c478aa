"""The ``kpcert`` command: a thin layer over the library.

Exit codes: 0 valid / success, 1 invalid or a failed check, 2 bad usage or unreadable input.
The command never prints a traceback: an unexpected exception is reported on standard error as an
internal error and the exit code is 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kpstandard._cli_doc import CommandDoc
from kpstandard.cli import (
    _conformance,
    _convert,
    _describe,
    _node,
    _registry,
    _render,
    _serve,
    _signing,
    _spec,
    _trust_list,
    _validate,
    _version,
)
from kpstandard.cli._common import EXIT_USAGE, UsageError

__all__ = ["build_parser", "describe", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser (the docs generate the command reference from it)."""
    parser = argparse.ArgumentParser(
        prog="kpcert",
        description="Validate, convert, sign and verify digital Kimberley Process Certificates.",
    )
    parser.add_argument("--version", action=_version.VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (_validate, _convert, _signing, _trust_list, _registry, _node):
        module.register(commands)
    # `kpcert spec` writes the command's own reference page: it is handed the description.
    _spec.register(commands, describe=lambda: _describe.describe(parser, intro=_intro()))
    for module in (_render, _serve, _conformance, _version):
        module.register(commands)
    return parser


def _intro() -> str:
    return (__doc__ or "").split("\n\n", 1)[-1]


def describe() -> CommandDoc:
    """The command described as data, for its reference page (``kpcert spec build``)."""
    return _describe.describe(build_parser(), intro=_intro())


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
    except KeyboardInterrupt:
        print("kpcert: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: say what failed, and that it is our fault
        detail = f"{type(exc).__name__}: {exc}"
        if len(detail) > 500:
            detail = detail[:497] + "..."
        print(
            f"kpcert: internal error in 'kpcert {args.command}' ({detail}); this is a bug in "
            "kpstandard, please report it with the command and its input",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return code


if __name__ == "__main__":
    sys.exit(main())
