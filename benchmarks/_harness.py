"""Measuring a candidate beside its floor: interleaved rounds in one process, CPU time, medians.

Every figure of `benchmarks/` comes from here, so that all of them mean the same thing:

- **CPU time** (`time.process_time`), not wall time: the machine is shared, and another process
  taking a core slows the wall clock of both the candidate and its floor, not their CPU time;
- **interleaved rounds**: round 1 runs the candidate then the floor, round 2 the floor then the
  candidate, and so on, so that a change of machine load or CPU frequency during the run falls on
  both alike;
- **medians** of the rounds' per-document times, and the **ratio** of the two medians, which is
  the figure compared with the target (ratios measured in the same run are what count);
- the **same inputs** for the candidate and its floor.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata

__all__ = [
    "Comparison",
    "Row",
    "compare",
    "environment",
    "load",
    "micros",
    "notes",
    "per_document",
    "rate",
    "table",
]


def per_document(work: Callable[[bytes], object], items: Sequence[bytes], passes: int) -> float:
    """CPU seconds per document of ``passes`` passes of ``work`` over ``items``."""
    started = time.process_time()
    for _ in range(passes):
        for item in items:
            work(item)
    return (time.process_time() - started) / (passes * len(items))


@dataclass(frozen=True)
class Comparison:
    """The medians of a candidate and its floor over the same inputs, measured interleaved."""

    candidate: float
    """Median CPU seconds per document of the candidate."""
    floor: float
    """Median CPU seconds per document of the floor."""
    rounds: tuple[tuple[float, float], ...]
    """Each round's (candidate, floor) CPU seconds per document."""

    @property
    def ratio(self) -> float:
        """How many times the floor's time the candidate takes."""
        return self.candidate / self.floor


def compare(
    candidate: Callable[[bytes], object],
    floor: Callable[[bytes], object],
    items: Sequence[bytes],
    *,
    rounds: int,
    passes: int,
) -> Comparison:
    """Measure ``candidate`` and ``floor`` over ``items`` in ``rounds`` interleaved rounds."""
    for item in items:  # warm both (compiled schemas, caches, lazy imports)
        candidate(item)
        floor(item)
    measured: list[tuple[float, float]] = []
    for index in range(rounds):
        if index % 2 == 0:
            ours = per_document(candidate, items, passes)
            base = per_document(floor, items, passes)
        else:
            base = per_document(floor, items, passes)
            ours = per_document(candidate, items, passes)
        measured.append((ours, base))
    return Comparison(
        candidate=statistics.median(ours for ours, _ in measured),
        floor=statistics.median(base for _, base in measured),
        rounds=tuple(measured),
    )


@dataclass
class Row:
    """One line of the summary table."""

    path: str
    """What is measured."""
    figure: str
    """The candidate's figure (time per document, rate)."""
    floor: str
    """The floor's figure, or what the candidate is compared with."""
    ratio: str
    """The figure compared with the target."""
    target: str
    """The issue's target for it."""
    met: bool | None
    """Whether the target is met (None: no target, a figure only)."""
    notes: list[str] = field(default_factory=list)


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table (readable in a terminal, pasteable into an issue)."""
    header = ("path", "kpstandard", "floor", "ratio", "target", "met")
    lines = [header]
    for row in rows:
        met = "-" if row.met is None else ("yes" if row.met else "NO")
        lines.append((row.path, row.figure, row.floor, row.ratio, row.target, met))
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |"
        )
        if number == 0:
            out.append("| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(out)


def notes(rows: Sequence[Row]) -> str:
    """The notes of the rows, one per line, under the table."""
    return "\n".join(f"- {row.path}: {note}" for row in rows for note in row.notes if note)


def load() -> str:
    """The machine load (1, 5 and 15 minute averages) and the number of cores."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def environment() -> str:
    """The interpreter and the versions of the libraries the figures depend on."""
    from cryptography.hazmat.backends.openssl.backend import backend
    from lxml import etree

    parts = [f"Python {platform.python_version()} ({platform.machine()})"]
    for name in ("kpstandard", "lxml", "cryptography", "signxml", "jsonschema-rs"):
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} (not installed)")
    libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
    parts.append(f"libxml2 {libxml2}, {backend.openssl_version_text()}")
    return ", ".join(parts)


def micros(seconds: float) -> str:
    """Seconds per document as microseconds."""
    return f"{seconds * 1e6:,.0f} µs"


def rate(seconds: float) -> str:
    """Seconds per document as documents per second (per core, since it is CPU time)."""
    return f"{1 / seconds:,.0f}/s"
