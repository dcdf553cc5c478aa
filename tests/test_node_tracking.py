"""Tracking at a hub (spec/exchange/protocol.md 4.3.1, KP-REQ-130): the sender of a message the
hub holds for relay asks the hub, and is answered forwarding, forwarded (with the receiving
authority's receipt) or failed (with the receiver's refusal); another sender asking about the
same message id learns nothing (KP-EX-015, as for a message the hub never had).

In-process (the hub's and the receiver's :class:`Receiver` over their stores; the authentication
in front of them is tested in test_node.py, and the hub over HTTP in test_node_relay.py), on
SQLite, and on PostgreSQL too when ``KP_TEST_POSTGRES_URL`` names a server.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

from kpstandard.exchange import Address, Envelope
from kpstandard.node import Node, NodeStore, load_config
from kpstandard.node._receive import Receiver
from tests.test_node_hub_keys import cf_certificate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

BW = Address("BW", "BW-MME-DH")
CF = Address("CF", "CF-BECDOR")
EU = Address("EU", "EU-BE-FPSECO-DO")


def track(receiver: Receiver, caller: Address, message_id: str) -> tuple[int, dict[str, object]]:
    outcome = receiver.tracking(caller, message_id)
    return outcome.status, json.loads(outcome.body)


@pytest.mark.parametrize("database", DATABASES)
def test_a_hub_tracks_the_messages_it_relays_for_their_sender_only(
    tmp_path: Path, database: str
) -> None:
    hub_db, eu_db = databases(database, tmp_path, 2)
    made = make_demo.make(
        tmp_path,
        bw_port=harness.free_port(),
        eu_port=harness.free_port(),
        count=2,
        eu_database=eu_db,
    )
    hub_config = make_demo.config(tmp_path, "hub", "AE/AE-KPO", "Hub (test)", 1, hub_db)
    hub_config.write_text(
        hub_config.read_text() + '\n[node.relay]\n"EU/EU-BE-FPSECO-DO" = "pull"\n', "utf-8"
    )
    hub_node, eu_node = Node.load(load_config(hub_config)), Node.load(load_config(made["eu"]))
    hub_store, eu_store = NodeStore(hub_node.config.database), NodeStore(eu_node.config.database)
    hub, eu = Receiver(hub_node, hub_store), Receiver(eu_node, eu_store)
    certificate = made["certificate"].read_bytes()
    try:
        status, body = track(hub, BW, "relay-1")  # nothing held yet
        assert (status, body["code"]) == (404, "KP-EX-015")
        held = hub.deliver(Envelope(BW, EU, "relay-1", "kp-certificate"), BW, certificate)
        assert held.status == 202

        status, body = track(hub, BW, "relay-1")
        assert status == 200
        assert body["state"] == "forwarding"
        assert (body["messageId"], body["receiver"], body["attempts"]) == ("relay-1", str(EU), 0)
        assert "receipt" not in body
        # another sender, the same message id: nothing disclosed, as for an unknown message
        for caller in (CF, EU, hub_node.config.authority):
            status, body = track(hub, caller, "relay-1")
            assert (status, body["code"]) == (404, "KP-EX-015"), caller

        # the EU pulls, stores and acknowledges with its receipt
        (message,) = json.loads(hub.pull(EU, 0, 100).body)["messages"]
        assert (message["sender"], message["messageId"]) == (str(BW), "relay-1")
        stored = eu.deliver(Envelope(BW, EU, "relay-1", "kp-certificate"), BW, certificate)
        assert stored.status == 201
        ack = {"messageId": "relay-1", "receipt": base64.b64encode(stored.body).decode()}
        assert hub.acknowledge(EU, json.dumps(ack).encode()).status == 204

        status, body = track(hub, BW, "relay-1")
        assert status == 200
        assert body["state"] == "forwarded"
        assert base64.b64decode(str(body["receipt"])) == stored.body  # the EU's own receipt
        assert body["deliveredAt"]
        # the receiving node answers for what it received, with the same receipt
        status, body = track(eu, BW, "relay-1")
        assert (status, body["state"]) == (200, "accepted")
        assert base64.b64decode(str(body["receipt"])) == stored.body
        status, body = track(hub, CF, "relay-1")
        assert (status, body["code"]) == (404, "KP-EX-015")

        # a second sender's message under the same id is its own, and fails on its own
        assert (
            hub.deliver(Envelope(CF, EU, "relay-1", "kp-certificate"), CF, cf_certificate()).status
            == 202
        )
        item = hub_store.outbox_item("relay-1", str(CF))
        assert item is not None
        hub_store.failed(item.id, 'HTTP 422 KP-EX-011 {"code": "KP-EX-011"}')
        status, body = track(hub, CF, "relay-1")
        assert (status, body["state"], body["code"]) == (200, "failed", "KP-EX-011")
        assert "KP-EX-011" in str(body["detail"])
        status, body = track(hub, BW, "relay-1")
        assert (status, body["state"]) == (200, "forwarded")
    finally:
        hub_store.close()
        eu_store.close()


@pytest.mark.parametrize("database", DATABASES)
def test_a_hub_tracks_a_message_it_refused_itself_as_refused(tmp_path: Path, database: str) -> None:
    (hub_db,) = databases(database, tmp_path, 1)
    make_demo.make(tmp_path, bw_port=harness.free_port(), eu_port=harness.free_port())
    hub_config = make_demo.config(tmp_path, "hub", "AE/AE-KPO", "Hub (test)", 1, hub_db)
    hub_config.write_text(
        hub_config.read_text() + '\n[node.relay]\n"EU/EU-BE-FPSECO-DO" = "pull"\n', "utf-8"
    )
    hub_store = NodeStore(Node.load(load_config(hub_config)).config.database)
    hub = Receiver(Node.load(load_config(hub_config)), hub_store)
    forged = (tmp_path / "certificate-1.xml").read_bytes().replace(b"EU", b"EV", 1)
    try:
        refused = hub.deliver(Envelope(BW, EU, "forged-1", "kp-certificate"), BW, forged)
        assert refused.code == "KP-EX-011"
        status, body = track(hub, BW, "forged-1")
        assert (status, body["state"], body["code"]) == (200, "refused", "KP-EX-011")
        assert hub_store.outbox_item("forged-1", str(BW)) is None  # nothing held for relay
        status, body = track(hub, CF, "forged-1")
        assert (status, body["code"]) == (404, "KP-EX-015")
    finally:
        hub_store.close()
