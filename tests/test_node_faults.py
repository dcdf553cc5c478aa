"""Fault injection: nothing is lost, nothing is stored twice (KP-REQ-102).

Two real nodes on loopback; the receiver is down at the start, killed with SIGKILL in the middle
of the run and restarted; the sender likewise. At the end every certificate is delivered exactly
once, every receipt is recorded and verifies, nothing is left in the outbox. Bounded in time;
``KP_EXCHANGE_FAULT_COUNT`` sets the number of certificates (default 24; the issue's run is
1000), and ``KP_TEST_POSTGRES_URL`` adds the same run on PostgreSQL.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")

import kpstandard
from kpstandard.node import Node, NodeStore, load_config, queue_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

COUNT = int(os.environ.get("KP_EXCHANGE_FAULT_COUNT", "24"))
DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get("KP_TEST_POSTGRES_URL"),
            reason="KP_TEST_POSTGRES_URL names no PostgreSQL server (.ci/run starts one)",
        ),
    ),
]


def wait_until(predicate, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.parametrize("database", DATABASES)
def test_kills_and_outages_lose_nothing_and_duplicate_nothing(
    tmp_path: Path, database: str
) -> None:
    ports = harness.free_port(), harness.free_port()
    if database == "postgresql":
        urls = harness.postgres_databases(os.environ["KP_TEST_POSTGRES_URL"], 2)
    else:
        urls = ["bw-node.sqlite", "eu-node.sqlite"]
    made = make_demo.make(
        tmp_path,
        bw_port=ports[0],
        eu_port=ports[1],
        count=COUNT,
        bw_database=urls[0],
        eu_database=urls[1],
    )
    bw_node = Node.load(load_config(made["bw"]))
    eu_node = Node.load(load_config(made["eu"]))
    bw_store, eu_store = NodeStore(bw_node.config.database), NodeStore(eu_node.config.database)
    bw = harness.NodeProcess(made["bw"], ports[0], tmp_path / "bw.log")
    eu = harness.NodeProcess(made["eu"], ports[1], tmp_path / "eu.log")
    documents = [tmp_path / f"certificate-{n}.xml" for n in range(1, COUNT + 1)]
    thirds = [
        documents[: COUNT // 3],
        documents[COUNT // 3 : 2 * COUNT // 3],
        documents[2 * COUNT // 3 :],
    ]

    def queue(paths: list[Path]) -> None:
        for path in paths:
            queue_document(bw_node, bw_store, path.read_bytes())

    def delivered() -> int:
        return bw_store.counts()["outbox_delivered"]

    budget = 60 + COUNT * 0.5
    try:
        bw.start()
        queue(thirds[0])  # the receiver is down: the sender retries with backoff
        time.sleep(1.0)
        assert delivered() == 0
        eu.start()
        wait_until(lambda: delivered() >= 1, budget, "a first delivery")
        eu.kill()  # in the middle of the run
        queue(thirds[1])
        time.sleep(1.0)  # the receiver is down for a while
        eu.start()
        wait_until(
            lambda: delivered() >= len(thirds[0]) + 1, budget, "deliveries after the restart"
        )
        bw.kill()  # the sender, in the middle of the run
        queue(thirds[2])
        bw.start()
        wait_until(lambda: delivered() == COUNT, budget, "every delivery")
    finally:
        bw.stop()
        eu.stop()

    counts = bw_store.counts()
    assert (counts["outbox_pending"], counts["outbox_failed"], counts["outbox_delivered"]) == (
        0,
        0,
        COUNT,
    )
    received = eu_store.inbox_items(limit=COUNT + 10)
    assert len(received) == COUNT  # exactly once: no duplicates, nothing lost
    assert sorted(i.body for i in received) == sorted(p.read_bytes() for p in documents)
    now = datetime.datetime.now(datetime.UTC)
    for item in bw_store.outbox_items(limit=COUNT + 10):
        assert item.receipt is not None
        report = kpstandard.verify(
            item.receipt, trust_list=bw_node.trust_list, verification_time=now
        )
        assert report.valid, [f.code for f in report.findings]
        assert report.document.message_id == item.message_id
    bw_store.close()
    eu_store.close()
