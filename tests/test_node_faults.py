"""Fault injection: nothing is lost, nothing is stored twice (KP-REQ-102).

Two real nodes on loopback; the receiver is down at the start, killed with SIGKILL in the middle
of the run and restarted; the sender likewise. At the end every certificate is delivered exactly
once, every receipt is recorded and verifies, nothing is left in the outbox. The second scenario
puts a hub between them (spec/exchange/protocol.md 1.3, store and forward): the hub is killed
with SIGKILL in the middle of the run and restarted, the receiver is down for a while; at the end
the receiver holds every certificate once, the sender every receiver's receipt, the hub each
message once, delivered, and no outbox holds anything. Bounded in time;
``KP_EXCHANGE_FAULT_COUNT`` sets the number of certificates (default 24; the issue's run is
1000), and ``KP_TEST_POSTGRES_URL`` adds the same runs on PostgreSQL.
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

from tests.node_databases import DATABASES, databases  # noqa: E402
from tests.test_node_relay import hub_trust_list  # noqa: E402

COUNT = int(os.environ.get("KP_EXCHANGE_FAULT_COUNT", "24"))


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
    urls = databases(database, None, 2)  # SQLite: in each node's own folder
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


@pytest.mark.parametrize("database", DATABASES)
def test_through_a_hub_killed_mid_run_nothing_is_lost_or_duplicated(
    tmp_path: Path, database: str
) -> None:
    """Sender -> hub -> receiver (store and forward): the receiver is down at the start, the hub
    is killed with SIGKILL in the middle of the run and restarted while the sender keeps
    retrying, then the receiver is down again for a while."""
    bw_port, eu_port, hub_port = harness.free_port(), harness.free_port(), harness.free_port()
    urls = databases(database, None, 3)  # SQLite: in each node's own folder
    made = make_demo.make(
        tmp_path,
        bw_port=bw_port,
        eu_port=eu_port,
        count=COUNT,
        bw_database=urls[0],
        eu_database=urls[1],
    )
    hub_trust_list(tmp_path, hub_port, eu_port)  # the EU's mail goes to the hub
    hub_config = make_demo.config(tmp_path, "hub", "AE/AE-KPO", "Hub (test)", hub_port, urls[2])
    hub_config.write_text(
        hub_config.read_text("utf-8")
        + f'\n[node.relay]\n"EU/EU-BE-FPSECO-DO" = "http://127.0.0.1:{eu_port}"\n',
        "utf-8",
    )
    bw_node = Node.load(load_config(made["bw"]))
    bw_store = NodeStore(bw_node.config.database)
    eu_store = NodeStore(Node.load(load_config(made["eu"])).config.database)
    hub_store = NodeStore(Node.load(load_config(hub_config)).config.database)
    bw = harness.NodeProcess(made["bw"], bw_port, tmp_path / "bw.log")
    hub = harness.NodeProcess(hub_config, hub_port, tmp_path / "hub.log")
    eu = harness.NodeProcess(made["eu"], eu_port, tmp_path / "eu.log")
    documents = [tmp_path / f"certificate-{n}.xml" for n in range(1, COUNT + 1)]
    thirds = [
        documents[: COUNT // 3],
        documents[COUNT // 3 : 2 * COUNT // 3],
        documents[2 * COUNT // 3 :],
    ]

    def queue(paths: list[Path]) -> None:
        for path in paths:
            queue_document(bw_node, bw_store, path.read_bytes())

    def received() -> int:
        return eu_store.counts()["inbox"]

    budget = 60 + COUNT * 1.0
    try:
        bw.start()
        hub.start()
        queue(thirds[0])  # the receiver is down: the hub holds them, the sender waits
        wait_until(lambda: hub_store.counts()["outbox_pending"] >= 1, budget, "the hub holds one")
        assert received() == 0
        eu.start()
        wait_until(lambda: received() >= 1, budget, "a first delivery through the hub")
        hub.kill()  # in the middle of the run
        queue(thirds[1])
        time.sleep(1.0)  # the sender retries against a hub that is down
        hub.start()
        wait_until(lambda: received() >= len(thirds[0]) + 1, budget, "forwarding after restart")
        eu.kill()  # the receiver is down for a while: the hub holds and retries
        queue(thirds[2])
        time.sleep(1.0)
        eu.start()
        wait_until(lambda: bw_store.counts()["outbox_delivered"] == COUNT, budget, "every receipt")
    finally:
        bw.stop()
        hub.stop()
        eu.stop()

    counts = bw_store.counts()
    assert (counts["outbox_pending"], counts["outbox_failed"], counts["outbox_delivered"]) == (
        0,
        0,
        COUNT,
    )
    inbox = eu_store.inbox_items(limit=COUNT + 10)
    assert len(inbox) == COUNT  # exactly once at the receiver
    assert sorted(i.body for i in inbox) == sorted(p.read_bytes() for p in documents)
    assert {i.sender for i in inbox} == {"BW/BW-MME-DH"}
    relayed = hub_store.outbox_items(limit=COUNT + 10)
    assert len(relayed) == COUNT  # each message held once at the hub: no duplicates
    assert len({(r.sender, r.message_id) for r in relayed}) == COUNT
    assert len({r.digest for r in relayed}) == COUNT
    assert {r.state for r in relayed} == {"delivered"}
    assert hub_store.counts()["inbox"] == 0  # a hub keeps nothing as its own
    for store in (hub_store, eu_store):  # nothing left in any outbox, nothing quarantined
        assert (store.counts()["outbox_pending"], store.counts()["outbox_failed"]) == (0, 0)
        assert store.counts()["quarantine"] == 0
    now = datetime.datetime.now(datetime.UTC)
    receipts = {}
    for item in bw_store.outbox_items(limit=COUNT + 10):
        assert item.receipt is not None
        report = kpstandard.verify(
            item.receipt, trust_list=bw_node.trust_list, verification_time=now
        )
        assert report.valid, [f.code for f in report.findings]
        assert report.document.message_id == item.message_id
        assert report.document.receiving_authority.identifier == "EU-BE-FPSECO-DO"
        receipts[item.message_id] = item.receipt
    # the sender holds the receiver's own receipt, as the hub recorded it and the receiver gave it
    assert {r.message_id: r.receipt for r in relayed} == receipts
    assert sorted(receipts.values()) == sorted(i.receipt for i in inbox)
    for store in (bw_store, eu_store, hub_store):
        store.close()
