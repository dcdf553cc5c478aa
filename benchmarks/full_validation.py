"""Full validation (input, schema and rules layers) throughput, and a large batch through kpcert.

Run by hand (never as a timed test):

    python benchmarks/full_validation.py [--count 3000] [--batch 100000]

First, documents per second on one core through `kpstandard.validate` for JSON and XML. Then
`--batch` generated documents are written to a temporary folder and validated with
`kpcert validate --format jsonl` (all cores), reporting wall time and the peak resident memory of
the whole process tree (the command and its workers), sampled from /proc.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import documents

from kpstandard.pipeline import validate_bytes


def one_core(count: int) -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"full validation (input + schema + rules), one core, {count} certificates each:")
    for syntax in ("json", "xml"):
        items = list(documents(count, syntax))
        assert all(validate_bytes(item).valid for item in items), "the corpus must be valid"
        started = time.perf_counter()
        for item in items:
            validate_bytes(item)
        elapsed = time.perf_counter() - started
        print(f"  {syntax:<4} {count / elapsed:>9,.0f} docs/s")
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))


def _tree_rss_kib(root: int) -> int:
    """The resident memory of ``root`` and all its descendants, in KiB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry)] = int(fields["PPid"])
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += rss.get(pid, 0)
        pending.extend(child for child, parent in parents.items() if parent == pid)
    return total


def batch(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(
            f"writing {count:,} generated documents (half JSON, half XML) to a temporary folder..."
        )
        for index, data in enumerate(documents(count // 2, "json")):
            Path(folder, f"{index:06d}.json").write_bytes(data)
        for index, data in enumerate(documents(count - count // 2, "xml", seed=11)):
            Path(folder, f"{index:06d}.xml").write_bytes(data)
        command = [sys.executable, "-m", "kpstandard.cli", "validate", "--format", "jsonl", folder]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kib(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        lines = 0
        assert process.stdout is not None
        for _ in process.stdout:
            lines += 1
        code = process.wait()
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
        print(
            f"kpcert validate on {count:,} documents ({os.cpu_count()} cores): exit {code}, "
            f"{lines:,} report lines, {elapsed:.1f} s wall, {count / elapsed:,.0f} docs/s, "
            f"peak memory of the process tree {peak / 1024:.0f} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="documents per one-core run")
    parser.add_argument("--batch", type=int, default=100_000, help="documents in the kpcert batch")
    args = parser.parse_args()
    one_core(args.count)
    batch(args.batch)


if __name__ == "__main__":
    main()
