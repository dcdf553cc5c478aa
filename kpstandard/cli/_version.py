"""``kpcert version`` and ``kpcert --version``: which library, standard and suite this is."""

from __future__ import annotations

import argparse
from typing import Any

from kpstandard.cli._common import EXIT_OK, print_json


def library_version() -> str:
    """The installed kpstandard's version (from its metadata)."""
    import importlib.metadata  # 7 ms: every start imports this module, few ask for the version

    try:
        return importlib.metadata.version("kpstandard")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"


def versions() -> dict[str, str]:
    """The library's version, the standard's (as documents declare it, and the model's), and the
    conformance suite's (from its manifests; "unavailable" when the suite is not installed)."""
    from kpstandard.model.meta import default_model

    model = default_model()
    suite = "unavailable"
    try:
        from kpstandard.conformance._suite import default_suite_dir, load_suite

        suite = load_suite(default_suite_dir(), validate=False).version
    except Exception:  # a wheel without the suite, or a broken one: say so, do not fail
        pass
    return {
        "kpstandard": library_version(),
        "standard": model.spec_version,
        "model": model.version,
        "conformanceSuite": suite,
    }


def version_line() -> str:
    v = versions()
    return (
        f"kpcert (kpstandard) {v['kpstandard']}; standard {v['standard']} (model {v['model']}); "
        f"conformance suite {v['conformanceSuite']}"
    )


class VersionAction(argparse.Action):
    """``--version``: print the versions and exit 0 (computed only when asked)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "print the library's, the standard's and the suite's version")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(version_line())
        parser.exit(EXIT_OK)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "version",
        help="print the versions of the library, the standard and the conformance suite",
        description="Print the version of kpstandard (the library and this command), of the "
        "standard it implements (the specVersion documents declare, and the model's version) "
        "and of the conformance suite it ships.",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default); json for programs",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.format == "json":
        print_json(versions())
    else:
        print(version_line())
    return EXIT_OK
