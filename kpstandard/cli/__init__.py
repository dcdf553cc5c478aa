"""The ``kpcert`` command: a thin layer over the library.

Exit codes: 0 valid / success, 1 invalid or a failed check, 2 bad usage or unreadable input.
The command never prints a traceback: an unexpected exception is reported on standard error as an
internal error and the exit code is 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from kpstandard._cli_doc import CommandDoc
from kpstandard.cli import _describe, _spec, _version
from kpstandard.cli._common import EXIT_USAGE, UsageError

__all__ = ["build_parser", "describe", "main"]


COMMANDS: dict[str, str] = {
    "validate": "_validate",
    "convert": "_convert",
    "sign": "_signing",
    "verify": "_signing",
    "trust-list": "_trust_list",
    "registry": "_registry",
    "node": "_node",
    "spec": "_spec",
    "render": "_render",
    "verify-print": "_render",
    "stats": "_stats",
    "serve": "_serve",
    "conformance": "_conformance",
    "version": "_version",
}
"""Each command and the module of ``kpstandard.cli`` that registers and runs it, in the order of
``kpcert --help``. A test checks it against the modules themselves."""


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"kpstandard.cli.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command's argument parser (the docs generate the command reference from it).

    With ``command``, only the module of that command is imported and registered: the parser
    parses that command's arguments, help and errors exactly as the whole one does, and the
    command starts without importing every other command's libraries (the conformance runner,
    the web servers). ``spec`` needs the whole parser (it describes every command).
    """
    parser = argparse.ArgumentParser(
        prog="kpcert",
        description="Validate, convert, sign and verify digital Kimberley Process Certificates.",
    )
    parser.add_argument("--version", action=_version.VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = COMMANDS.get(command or "")
    names = (
        [wanted]
        if wanted is not None and wanted != "_spec"
        else list(dict.fromkeys(COMMANDS.values()))
    )
    for name in names:
        if name == "_spec":
            # `kpcert spec` writes the command's own reference page: it is handed the description.
            _spec.register(commands, describe=lambda: _describe.describe(parser, intro=_intro()))
        else:
            _module(name).register(commands)
    return parser


def _intro() -> str:
    return (__doc__ or "").split("\n\n", 1)[-1]


def describe() -> CommandDoc:
    """The command described as data, for its reference page (``kpcert spec build``)."""
    return _describe.describe(build_parser(), intro=_intro())


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kpcert`` with ``argv`` (default: the process's arguments); return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments[0] if arguments else None)
    args = parser.parse_args(arguments)
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
