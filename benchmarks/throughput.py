"""Parse + schema-validation throughput on one core, and peak memory over a batch.

Run by hand (never as a timed test):

    python benchmarks/throughput.py [--count 3000] [--batch 10000]

Prints documents per second for JSON and XML through kpstandard's input and schema layers
(hardened parse, JSON Schema / XSD, binding to the typed document), beside the bare parsers and
validators as a yardstick, then the peak resident memory of `kpstandard.validate` over a batch of
generated documents, measured in fresh processes at two batch sizes to show it is flat.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jsonschema_rs
from corpus import documents
from lxml import etree

from kpstandard._resources import spec_dir
from kpstandard.validation.engine import read


def rate(label: str, items: list[bytes], work: Callable[[bytes], object]) -> float:
    work(items[0])  # warm caches (compiled schemas)
    started = time.perf_counter()
    for item in items:
        work(item)
    elapsed = time.perf_counter() - started
    per_second = len(items) / elapsed
    size = sum(map(len, items)) / len(items)
    print(f"  {label:<46} {per_second:>9,.0f} docs/s   ({size / 1024:.1f} KB avg)")
    return per_second


def throughput(count: int) -> dict[str, float]:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    json_docs = list(documents(count, "json"))
    xml_docs = list(documents(count, "xml"))
    schema = json.loads((spec_dir() / "json" / "kp-certificate.schema.json").read_text())
    rs = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    xsd = etree.XMLSchema(etree.parse(str(spec_dir() / "xml" / "kp-certificate.xsd")))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    print(f"throughput, one core, {count} generated certificates each:")
    rate("json.loads (yardstick)", json_docs, json.loads)
    rate("json.loads + jsonschema-rs (yardstick)", json_docs, lambda d: rs.is_valid(json.loads(d)))
    figures = {"json": rate("kpstandard JSON: parse + schema + bind", json_docs, read)}
    rate(
        "lxml parse + XSD (yardstick)",
        xml_docs,
        lambda d: xsd.validate(etree.fromstring(d, parser)),
    )
    figures["xml"] = rate("kpstandard XML: parse + schema + bind", xml_docs, read)
    for syntax in ("json", "xml"):
        assert read(json_docs[0] if syntax == "json" else xml_docs[0]).document is not None
    return figures


def _batch_child(count: int, syntax: str) -> None:
    """In a fresh process: validate ``count`` documents one by one; print peak RSS in KiB."""
    valid = 0
    for data in documents(count, syntax):
        valid += read(data).document is not None
    assert valid == count, f"{count - valid} generated documents were invalid"
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def peak_memory(batch: int) -> None:
    print("peak resident memory of a process validating a batch (flat in the batch size):")
    for syntax in ("json", "xml"):
        for size in (batch // 10, batch):
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(size), syntax],
                capture_output=True,
                text=True,
                check=True,
            )
            peak_mib = int(done.stdout.split()[-1]) / 1024
            print(f"  {syntax:<4} {size:>7,} documents: {peak_mib:6.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="documents per throughput run")
    parser.add_argument("--batch", type=int, default=10_000, help="documents in the memory batch")
    parser.add_argument("--child", nargs=2, metavar=("COUNT", "SYNTAX"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _batch_child(int(args.child[0]), args.child[1])
        return
    throughput(args.count)
    peak_memory(args.batch)


if __name__ == "__main__":
    main()
