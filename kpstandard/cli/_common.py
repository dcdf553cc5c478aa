"""What the command's subcommands share: exit codes, reading inputs, writing output."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
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


def iter_paths(paths: list[str]) -> Iterator[Path]:
    """Files as given; folders walked recursively for .json and .xml files, in sorted order.

    Every path is checked before the walk starts, and the walk is lazy, so that a folder of any
    size costs no memory.

    Raises:
        UsageError: a path does not exist (raised at once, not during the walk).
    """
    for name in paths:
        if not Path(name).exists():
            raise UsageError(f"no such file or folder: {name}")
    return _walk([Path(name) for name in paths])


def _walk(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders.sort()
            for name in sorted(files):
                candidate = os.path.join(folder, name)
                # Regular files (and links, which fail loudly if dangling); never a FIFO or a
                # device, where reading would block or never end.
                if name.endswith(DOCUMENT_SUFFIXES) and (
                    os.path.islink(candidate) or os.path.isfile(candidate)
                ):
                    yield Path(candidate)


def write_output(data: bytes, output: str | None) -> None:
    """Write bytes to a file, or to stdout when no file is named."""
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
