"""Fuzz every library entry point for a while, and report inputs/s and the slowest input.

Run by hand (never as a timed test):

    python benchmarks/fuzz.py [--seconds 60] [--seed 1] [--atheris]

Without ``--atheris``: the mutator of ``tests/fuzzing.py`` over the seeds (the examples and the
conformance inputs), random but reproducible from ``--seed``. With ``--atheris`` (``pip install
atheris``): libFuzzer's coverage-guided search drives the same mutator (a custom mutator), so the
inputs that reach new code are kept and mutated further. Either way each input goes through every
entry point with the oracle of its promise; an input that breaks one is written to
``tests/data/fuzz-regressions/`` (replayed by every test run from then on) and the run goes on.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import ENTRY_POINTS, REGRESSIONS, corpus, crashes, mutate  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.inputs = 0
        self.crashes = 0
        self.slowest = (0.0, b"", "")
        self.started = time.perf_counter()

    def run(self, data: bytes) -> None:
        for entry in ENTRY_POINTS:
            start = time.perf_counter()
            found = crashes(data, (entry,))
            elapsed = time.perf_counter() - start
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, data, entry)
            for crash in found:
                self.crashes += 1
                name = f"{crash.entry}-{hashlib.sha256(data).hexdigest()[:12]}.bin"
                REGRESSIONS.mkdir(parents=True, exist_ok=True)
                (REGRESSIONS / name).write_bytes(data)
                print(f"CRASH {crash.entry}: {crash.error} -> {name}", flush=True)
        self.inputs += 1

    def report(self) -> None:
        seconds = time.perf_counter() - self.started
        elapsed, data, entry = self.slowest
        print(
            f"{self.inputs} inputs in {seconds:.1f} s ({self.inputs / seconds:.0f} inputs/s, each "
            f"through {len(ENTRY_POINTS)} entry points); {self.crashes} crashes"
        )
        print(
            f"slowest single call: {elapsed * 1000:.1f} ms in {entry}, on {len(data)} bytes "
            f"starting {data[:60]!r}"
        )


def random_run(seconds: float, seed: int) -> None:
    rng = random.Random(seed)
    seeds = corpus()
    tally = Tally()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        tally.run(mutate(rng.choice(seeds), rng, rounds=rng.randint(1, 6)))
        if tally.inputs % 2000 == 0:
            print(f"  {tally.inputs} inputs...", file=sys.stderr, flush=True)
    tally.report()


def atheris_run(seconds: float, seed: int) -> None:
    import atheris  # type: ignore[import-not-found]  # optional: pip install atheris

    tally = Tally()
    deadline = time.monotonic() + seconds

    def one(data: bytes) -> None:
        if time.monotonic() > deadline:
            tally.report()
            raise SystemExit(0)
        tally.run(data)

    def custom_mutator(data: bytes, max_size: int, mutation_seed: int) -> bytes:
        return mutate(
            data or random.Random(mutation_seed).choice(corpus()), random.Random(mutation_seed)
        )[:max_size]

    corpus_dir = ROOT / ".fuzz-corpus"
    corpus_dir.mkdir(exist_ok=True)
    for index, data in enumerate(corpus()):
        (corpus_dir / f"seed-{index:04d}").write_bytes(data)
    with atheris.instrument_imports():
        import kpstandard  # noqa: F401  (instrumented for coverage)
    atheris.Setup(
        [sys.argv[0], f"-seed={seed}", "-max_len=1048592", "-rss_limit_mb=4096", str(corpus_dir)],
        one,
        custom_mutator=custom_mutator,
    )
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--atheris", action="store_true", help="coverage-guided (pip install atheris)"
    )
    args = parser.parse_args()
    if args.atheris:
        atheris_run(args.seconds, args.seed)
    else:
        random_run(args.seconds, args.seed)


if __name__ == "__main__":
    main()
