"""What the command's subcommands share: exit codes, reading inputs, writing output.

Every file the command reads goes through :func:`read_limited`: opened with ``O_NONBLOCK`` (so a
FIFO never blocks the open), refused unless it is a regular file once symlinks are resolved (a
FIFO, a device such as ``/dev/zero`` or a socket would block or never end), and read to at most
its limit + 1 bytes, so that the caller can tell "too large" without ever holding more.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import stat
import sys
from collections.abc import Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

from kpstandard.syntax.limits import DEFAULT_LIMITS

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

DOCUMENT_SUFFIXES = (".json", ".xml")
STDIN = "-"
"""The path that names standard input."""

DOCUMENT_LIMIT = DEFAULT_LIMITS.max_bytes
"""The most bytes read of a document or a trust list (1 MiB): one more is read, so that the
input layer reports KP-P-002 for a larger one."""
PEM_LIMIT = 64 * 1024
"""The most bytes read of a PEM key or certificate: a certificate or an RSA-4096 key is a few
kilobytes, so 64 KiB leaves room for a chain with comments and refuses anything else."""

_READ_CHUNK = 256 * 1024
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class UsageError(Exception):
    """Bad usage or unreadable input: the command exits 2 with this message."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _read_stream(read: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk: bytes = read(min(remaining, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_limited(path: str | Path, *, limit: int = DOCUMENT_LIMIT) -> bytes:
    """Read at most ``limit + 1`` bytes of a regular file, or of standard input for ``-``.

    Never blocks on a FIFO and never reads a device: anything that is not a regular file after
    symlinks are resolved is refused before a byte is read.

    Raises:
        UsageError: the path cannot be opened, is not a regular file, or a read fails.
    """
    name = str(path)
    if name == STDIN:
        try:
            return _read_stream(sys.stdin.buffer.read, limit)
        except (OSError, ValueError, AttributeError) as exc:
            raise UsageError(f"cannot read standard input: {exc}") from exc
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from exc
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise UsageError(f"cannot read {name}: {_kind(status.st_mode)}, not a regular file")
        # One read of the size the file says it has (+ 1, to see a file that grew): a fixed
        # chunk of 256 KiB would cost a large allocation per small document. A file that grew
        # is read on, still bounded by the limit.
        first = os.read(fd, min(status.st_size, limit) + 1)
        if len(first) <= status.st_size or len(first) > limit:
            return first
        return first + _read_stream(lambda size: os.read(fd, size), limit - len(first))
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def read_pem(path: str, what: str) -> bytes:
    """Read a PEM key or certificate (bounded by :data:`PEM_LIMIT`).

    Raises:
        UsageError: unreadable, not a regular file, or larger than the bound.
    """
    data = read_limited(path, limit=PEM_LIMIT)
    if len(data) > PEM_LIMIT:
        raise UsageError(f"{path}: larger than {PEM_LIMIT} bytes; {what} in PEM is a few kilobytes")
    return data


def read_bytes(path: Path | str) -> bytes:
    """Read a document (bounded by :data:`DOCUMENT_LIMIT` + 1 bytes; see :func:`read_limited`)."""
    return read_limited(path)


def iter_paths(paths: list[str]) -> Iterator[str]:
    """Files as given; folders walked recursively for .json and .xml files, in sorted order.

    Every path is checked before the walk starts, and the walk is lazy, so that a folder of any
    size costs no memory. ``-`` (standard input) is passed through. Paths are strings (a
    ``Path`` per file costs more than reading a small document), normalized as ``Path`` writes
    them.

    Raises:
        UsageError: a path does not exist, or a folder holds no .json or .xml file (raised at
            once, not during the walk: a mistyped folder in CI must not pass as "0 documents").
    """
    for name in paths:
        if name == STDIN:
            continue
        if not os.path.exists(name):
            raise UsageError(f"no such file or folder: {name}")
        if os.path.isdir(name) and not _holds_document(str(Path(name))):
            raise UsageError(f"{name}: no .json or .xml file in this folder or below it")
    if paths.count(STDIN) > 1:
        raise UsageError("standard input (-) can be named only once")
    return _walk(paths)


def _walk(paths: list[str]) -> Iterator[str]:
    for name in paths:
        path = name if name == STDIN else str(Path(name))
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        yield from _walk_folder(path)


def _entry_kind(entry: os.DirEntry[str]) -> str | None:
    """What the walk makes of a directory entry: "folder" (to descend into), "document", or
    None. The kind comes from the listing (no ``stat`` per file). Regular files and links are
    documents by their suffix (the reader resolves a link and refuses one to a FIFO or a device
    loudly); a FIFO or device itself never is. Links to folders are not followed."""
    if entry.is_dir():
        return None if entry.is_symlink() else "folder"
    if entry.name.endswith(DOCUMENT_SUFFIXES) and (
        entry.is_symlink() or entry.is_file(follow_symlinks=False)
    ):
        return "document"
    return None


def _holds_document(folder: str) -> bool:
    """Whether :func:`_walk_folder` would yield anything, found without sorting: the walk
    itself lists (and sorts) a folder of any size once more."""
    try:
        with os.scandir(folder) as listing:
            subfolders = []
            for entry in listing:
                try:
                    kind = _entry_kind(entry)
                except OSError:
                    continue
                if kind == "document":
                    return True
                if kind == "folder":
                    subfolders.append(entry.path)
    except OSError:
        return False
    return any(_holds_document(subfolder) for subfolder in subfolders)


def _walk_folder(folder: str) -> Iterator[str]:
    """A folder's documents (as :func:`_entry_kind` tells them), then its subfolders' (sorted; as
    ``os.walk`` orders them). A folder that cannot be listed is skipped, as ``os.walk`` does.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=attrgetter("name"))
    except OSError:
        return
    subfolders = []
    for entry in entries:
        try:
            kind = _entry_kind(entry)
        except OSError:
            continue
        if kind == "document":
            yield entry.path  # the folder (normalized) joined with a plain name
        elif kind == "folder":
            subfolders.append(entry.path)
    for subfolder in subfolders:
        yield from _walk_folder(subfolder)


def write_output(data: bytes, output: str | None) -> None:
    """Write bytes to a file, or to stdout when no file is named (or ``-``)."""
    if output and output != STDIN:
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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 document``, ``2 documents``: a count with its noun in the right number."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def date_argument(text: str) -> datetime.date:
    """An argparse type: a calendar date, YYYY-MM-DD, with a message that says so."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date in the form YYYY-MM-DD (e.g. 2026-03-02), got {text!r}"
        ) from None


def instant_argument(text: str) -> datetime.datetime:
    """An argparse type: an ISO 8601 instant or date; without an offset it is taken as UTC."""
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "expected an ISO 8601 instant such as 2026-03-02T10:00:00Z (or a date, "
            f"YYYY-MM-DD, meaning its midnight UTC), got {text!r}"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
