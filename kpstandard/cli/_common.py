"""What the command's subcommands share: exit codes, reading inputs, writing output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

DOCUMENT_SUFFIXES = (".json", ".xml")


class UsageError(Exception):
    """Bad usage or unreadable input: the command exits 2 with this message."""


def read_bytes(path: Path) -> bytes:
    """Read a file, turning every OS error into a UsageError that names the path."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders walked recursively for .json and .xml files, in sorted order.

    Raises:
        UsageError: a path does not exist.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in DOCUMENT_SUFFIXES and p.is_file())
            )
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {name}")
    return found


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
