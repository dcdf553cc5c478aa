"""Deliveries per second between two reference nodes on this machine, with verification on
arrival (signature, trust list, schema, rules) and a signed receipt, and the latency percentiles
of one delivery. Run by hand, never as a timed test:

    python benchmarks/exchange.py [--count 300] [--database postgresql://...]

1. Latency: one client delivers documents one after the other to the receiving node and verifies
   each receipt; percentiles of the round trip.
2. Throughput: the sending node's outbox worker delivers ``--count`` queued certificates; wall
   time from the first to the last receipt recorded.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))

import harness  # noqa: E402
import make_demo  # noqa: E402

import kpstandard  # noqa: E402
from kpstandard.exchange import Address, Client, Envelope, new_message_id  # noqa: E402
from kpstandard.node import Node, NodeStore, load_config, queue_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--database", help="a PostgreSQL URL (default: SQLite files)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kp-exchange-bench-"))
    ports = harness.free_port(), harness.free_port()
    urls = (
        harness.postgres_databases(args.database, 2)
        if args.database
        else ["bw-node.sqlite", "eu-node.sqlite"]
    )
    started = time.perf_counter()
    made = make_demo.make(
        folder,
        bw_port=ports[0],
        eu_port=ports[1],
        count=2 * args.count,
        bw_database=urls[0],
        eu_database=urls[1],
    )
    print(f"signed {2 * args.count} certificates in {time.perf_counter() - started:.1f} s")
    bw_node = Node.load(load_config(made["bw"]))
    eu = harness.NodeProcess(made["eu"], ports[1], folder / "eu.log")
    bw = harness.NodeProcess(made["bw"], ports[0], folder / "bw.log")
    eu.start()
    try:
        documents = [
            (folder / f"certificate-{n}.xml").read_bytes() for n in range(1, 2 * args.count + 1)
        ]
        latencies = []
        now = datetime.datetime.now(datetime.UTC)
        with Client(bw_node.identity, Address("EU", "EU-BE-FPSECO-DO"), eu.url) as client:
            for body in documents[: args.count]:
                envelope = Envelope(
                    bw_node.config.authority, client.peer, new_message_id(), "kp-certificate"
                )
                t0 = time.perf_counter()
                answer = client.deliver(envelope, body)
                report = kpstandard.verify(
                    answer.body, trust_list=bw_node.trust_list, verification_time=now
                )
                latencies.append(time.perf_counter() - t0)
                if answer.status != 201 or not report.valid:
                    raise SystemExit(f"delivery failed: {answer.status} {answer.body[:300]!r}")
        q = statistics.quantiles(latencies, n=100)
        print(
            f"latency of one delivery + receipt verification ({args.count}): "
            f"p50 {q[49] * 1000:.1f} ms, p90 {q[89] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms"
        )
        store = NodeStore(bw_node.config.database)
        for body in documents[args.count :]:
            queue_document(bw_node, store, body)
        t0 = time.perf_counter()
        bw.start()
        while store.counts()["outbox_delivered"] < args.count:
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        print(
            f"outbox worker: {args.count} deliveries in {wall:.1f} s "
            f"({args.count / wall:.0f} deliveries/s, node start-up included)"
        )
    finally:
        bw.stop()
        eu.stop()


if __name__ == "__main__":
    main()
