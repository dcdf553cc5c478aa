"""Peak memory of validating a batch in one process: flat in the batch size.

Run by hand (never as a timed test), usually through ``python benchmarks/run.py``:

    python benchmarks/memory.py [--quick]

For JSON and XML, a fresh process validates ``N`` generated documents one by one with
``kpstandard.validate`` and prints its peak resident memory (``ru_maxrss``), at two batch sizes
ten times apart: the two figures must be about the same. (The peak of the whole ``kpcert
validate`` process tree on a large batch is in ``batch.py``.)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Row
from corpus import documents

import kpstandard

GROWTH = 1.10
"""The peak at the larger batch may be at most this many times the peak at the smaller one."""


def _child(count: int, syntax: str) -> None:
    """In a fresh process: validate ``count`` documents one by one; print the peak RSS in KiB."""
    valid = 0
    for data in documents(count, syntax):
        valid += kpstandard.validate(data).verdict.value == "valid"
    assert valid == count, f"{count - valid} generated documents were not valid"
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_kib(count: int, syntax: str) -> int:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(count), syntax],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def measure(batch: int) -> list[Row]:
    """The peak memory at ``batch // 10`` and ``batch`` documents, per syntax."""
    rows = []
    for syntax in ("json", "xml"):
        small, large = peak_kib(batch // 10, syntax), peak_kib(batch, syntax)
        rows.append(
            Row(
                f"peak memory, {syntax.upper()} validation",
                f"{large / 1024:.1f} MiB at {batch:,} docs",
                f"{small / 1024:.1f} MiB at {batch // 10:,} docs",
                f"{large / small:.2f}x",
                f"flat (<= {GROWTH:.2f}x)",
                large / small <= GROWTH,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller batch")
    parser.add_argument("--child", nargs=2, metavar=("COUNT", "SYNTAX"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(int(args.child[0]), args.child[1])
        return
    from _harness import table

    print(table(measure(10_000 if args.quick else 50_000)))


if __name__ == "__main__":
    main()
