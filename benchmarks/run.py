"""Every benchmark of kpstandard in one table: each path beside its floor, and issue 11's targets.

Run by hand (never as a timed test):

    python benchmarks/run.py [--quick] [--only paths,batch,memory,worst]

- ``paths.py``: verify, sign, XML and JSON full validation, each beside its floor (a true
  pipeline of lxml, cryptography and jsonschema-rs), interleaved in one process, CPU time per
  document, medians of several rounds, and the ratio against issue 11's target;
- ``batch.py``: ``kpcert validate`` on a generated batch, ``--jobs 1`` and all cores, as a share of
  the in-process rate per core;
- ``memory.py``: the peak memory of a validating process at two batch sizes (flat);
- ``worst_case.py``: adversarial inputs up to 1 MiB through every entry point (issue 9), the
  slowest per entry point, flagged over 1 s of CPU.

The machine load (``os.getloadavg``) is printed before and after, with the library versions:
compare ratios measured in the same run, not absolute figures across runs. ``--quick`` uses fewer
rounds (and a smaller batch for the memory part; the batch part keeps its 50,000 documents, see
``batch.COUNT``): about two minutes on 2 cores; without it the figures are steadier.
The exit status is 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness
import batch
import memory
import paths
import worst_case
from _harness import Row

PARTS = ("paths", "batch", "memory", "worst")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts to run ({', '.join(PARTS)})"
    )
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    unknown = chosen - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    print(_harness.environment())
    print(f"before: {_harness.load()}", flush=True)
    rows: list[Row] = []
    if "paths" in chosen:
        rows += paths.measure(
            rounds=5 if args.quick else 7, passes=paths.PASSES_QUICK if args.quick else paths.PASSES
        )
    if "batch" in chosen:
        rows += batch.measure(batch.COUNT, rounds=3 if args.quick else 5)
    if "memory" in chosen:
        rows += memory.measure(10_000 if args.quick else 50_000)
    print(_harness.table(rows))
    print(_harness.notes(rows))
    met = all(row.met is not False for row in rows)
    if "worst" in chosen:
        print("\nworst case (issue 9): the slowest input of up to 1 MiB per entry point")
        report, passed = worst_case.measure(timeout=60.0)
        print(report)
        met = met and passed
    print(f"after: {_harness.load()}; {time.perf_counter() - started:.0f} s")
    print("every target met" if met else "NOT every target met (see the table)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
