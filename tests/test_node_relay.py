"""Pull mode and a hub, end to end on loopback (spec/exchange/protocol.md 1.2, 4.1): a node
without inbound connections pulls its inbox from a peer and acknowledges with its receipt; a hub
stores and forwards a certificate from the sender to the receiver's node, and the receiver's
signed receipt comes back to the sender. Nodes are real processes over SQLite, and over
PostgreSQL too when ``KP_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts one)."""

from __future__ import annotations

import base64
import datetime
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import yaml

import kpstandard
from kpstandard.exchange import Address, Client
from kpstandard.node import Node, NodeStore, load_config, pull, queue_document
from kpstandard.pipeline import build_trust_list
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

PKI = ROOT / "examples" / "pki"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


def wait_for(predicate: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


@pytest.mark.parametrize("database", DATABASES)
def test_a_node_without_inbound_connections_pulls_its_inbox_and_acknowledges(
    tmp_path: Path, database: str
) -> None:
    bw_port = harness.free_port()
    bw_db, eu_db = databases(database, None, 2)
    made = make_demo.make(
        tmp_path,
        bw_port=bw_port,
        eu_port=harness.free_port(),
        count=2,
        bw_database=bw_db,
        eu_database=eu_db,
    )
    append(made["bw"], '\n[node.relay]\n"EU/EU-BE-FPSECO-DO" = "pull"\n')  # BW holds EU's mail
    append(made["eu"], 'pull_from = "BW/BW-MME-DH"\n')
    bw = harness.NodeProcess(made["bw"], bw_port, tmp_path / "bw.log")
    bw.start()
    try:
        bw_node, eu_node = Node.load(load_config(made["bw"])), Node.load(load_config(made["eu"]))
        bw_store, eu_store = NodeStore(bw_node.config.database), NodeStore(eu_node.config.database)
        certificate = made["certificate"].read_bytes()
        message_id, receiver = queue_document(bw_node, bw_store, certificate)
        assert receiver == EU
        time.sleep(0.5)  # the worker holds it: EU pulls
        held = bw_store.outbox_item(message_id)
        assert held is not None
        assert (held.state, held.attempts) == ("pending", 0)

        pulled = pull(eu_node, eu_store)
        assert (pulled.accepted, pulled.refused) == (1, [])
        assert [i.body for i in eu_store.inbox_items()] == [certificate]
        item = bw_store.outbox_item(message_id)
        assert item is not None
        assert item.state == "delivered"
        assert item.receipt is not None
        receipt = kpstandard.verify(
            item.receipt,
            trust_list=bw_node.trust_list,
            verification_time=datetime.datetime.now(datetime.UTC),
        )
        assert receipt.valid
        assert receipt.document.message_id == message_id
        assert pull(eu_node, eu_store).accepted == 0  # nothing left, nothing twice

        # the officer's command does the same
        queue_document(bw_node, bw_store, (tmp_path / "certificate-2.xml").read_bytes())
        run = subprocess.run(
            [sys.executable, "-m", "kpstandard.cli", "node", "pull", "--config", str(made["eu"]),
             "--format", "json"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout) == {"pulled": True, "accepted": 1, "refused": []}
        assert len(eu_store.inbox_items()) == 2
        assert bw_store.counts()["outbox_pending"] == 0
        bw_store.close()
        eu_store.close()
    finally:
        bw.stop()


def test_pull_from_a_peer_that_is_down_is_a_pull_error(tmp_path: Path) -> None:
    made = make_demo.make(tmp_path, bw_port=harness.free_port(), eu_port=harness.free_port())
    append(made["eu"], 'pull_from = "BW/BW-MME-DH"\n')
    node = Node.load(load_config(made["eu"]))
    from kpstandard.node import PullError

    with pytest.raises(PullError, match="cannot reach"):
        pull(node, NodeStore(node.config.database))


def hub_trust_list(folder: Path, hub_port: int, eu_port: int) -> None:
    """The demo's list, with the EU's mail going to a hub run by AE-KPO first (senders deliver to
    the first endpoint), and the EU's own node second (its key signs the EU's requests)."""
    description = yaml.safe_load((folder / "trust-list.yaml").read_text("utf-8"))
    for participant in description["participants"]:
        for authority in participant["authorities"]:
            if (participant["code"], authority["identifier"]) == ("EU", "EU-BE-FPSECO-DO"):
                authority["exchangeNodes"] = [
                    {
                        "endpoint": f"http://127.0.0.1:{hub_port}",
                        "certificates": [make_demo._cert_b64("AE-KPO")],
                    },
                    {
                        "endpoint": f"http://127.0.0.1:{eu_port}",
                        "certificates": [make_demo._cert_b64("EU-BE-FPSECO-DO")],
                    },
                ]
    (folder / "trust-list.yaml").write_text(yaml.safe_dump(description, sort_keys=False), "utf-8")
    signed = kpstandard.sign(
        build_trust_list(folder / "trust-list.yaml", "xml"),
        key=load_private_key(PKI / "operator" / "operator.key.pem"),
        certificate=load_certificate(PKI / "operator" / "operator.cert.pem"),
    )
    (folder / "trust-list.xml").write_bytes(signed)


@pytest.mark.parametrize("database", DATABASES)
def test_a_hub_stores_and_forwards_and_the_receipt_comes_back(
    tmp_path: Path, database: str
) -> None:
    bw_port, eu_port, hub_port = harness.free_port(), harness.free_port(), harness.free_port()
    bw_db, eu_db, hub_db = databases(database, None, 3)
    made = make_demo.make(
        tmp_path, bw_port=bw_port, eu_port=eu_port, bw_database=bw_db, eu_database=eu_db
    )
    hub_trust_list(tmp_path, hub_port, eu_port)
    hub = make_demo.config(tmp_path, "hub", "AE/AE-KPO", "A shared hub (test)", hub_port, hub_db)
    append(hub, f'\n[node.relay]\n"EU/EU-BE-FPSECO-DO" = "http://127.0.0.1:{eu_port}"\n')
    nodes = [
        harness.NodeProcess(made["bw"], bw_port, tmp_path / "bw.log"),
        harness.NodeProcess(hub, hub_port, tmp_path / "hub.log"),
        harness.NodeProcess(made["eu"], eu_port, tmp_path / "eu.log"),
    ]
    for node in nodes:
        node.start()
    try:
        bw_node = Node.load(load_config(made["bw"]))
        bw_store = NodeStore(bw_node.config.database)
        certificate = made["certificate"].read_bytes()
        message_id, receiver = queue_document(bw_node, bw_store, certificate)
        assert receiver == EU
        wait_for(lambda: bw_store.outbox_item(message_id).state == "delivered")  # type: ignore[union-attr]
        item = bw_store.outbox_item(message_id)
        assert item is not None
        assert item.receipt is not None
        receipt = kpstandard.verify(
            item.receipt,
            trust_list=bw_node.trust_list,
            verification_time=datetime.datetime.now(datetime.UTC),
        )
        assert receipt.valid, [f.code for f in receipt.findings]
        assert receipt.document.receiving_authority.identifier == "EU-BE-FPSECO-DO"
        assert receipt.document.message_id == message_id
        eu_store = NodeStore(Node.load(load_config(made["eu"])).config.database)
        assert [i.body for i in eu_store.inbox_items()] == [certificate]
        assert [i.sender for i in eu_store.inbox_items()] == ["BW/BW-MME-DH"]
        hub_store = NodeStore(Node.load(load_config(hub)).config.database)
        assert hub_store.counts()["outbox_delivered"] == 1
        assert hub_store.counts()["inbox"] == 0  # a hub keeps nothing as its own
        # the sender tracks its message at the hub (protocol 4.3.1, KP-REQ-130): forwarded, with
        # the EU's receipt; the hub's officer names it with its sender
        with Client(bw_node.identity, EU, f"http://127.0.0.1:{hub_port}") as client:
            tracked = client.get(f"/tracking/{message_id}")
        assert tracked.status == 200, tracked.body
        assert tracked.json()["state"] == "forwarded"
        assert base64.b64decode(tracked.json()["receipt"]) == item.receipt
        run = subprocess.run(
            [sys.executable, "-m", "kpstandard.cli", "node", "track", message_id, "--config",
             str(hub), "--sender", "BW/BW-MME-DH", "--format", "json"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["state"] == "delivered"
        assert json.loads(run.stdout)["sender"] == "BW/BW-MME-DH"
        for store in (bw_store, eu_store, hub_store):
            store.close()
    finally:
        for node in nodes:
            node.stop()
