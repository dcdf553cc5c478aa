"""A hub holds messages by (sender authority, message id), not by the message id alone: two
senders that choose the same message id are both relayed and both delivered (KP-REQ-102;
spec/exchange/protocol.md 3.4), and a database of schema 2 is migrated to that key with its rows.

In-process (the hub's and the receiver's :class:`Receiver` over their stores, no HTTP: the
authentication in front of them is tested in test_node.py), on SQLite, and on PostgreSQL too when
``KP_TEST_POSTGRES_URL`` names a server (as in test_node_faults.py).
"""

from __future__ import annotations

import base64
import datetime
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import sqlalchemy as sa

import kpstandard
from kpstandard.exchange import Address, Envelope
from kpstandard.node import Node, NodeStore, _store, load_config
from kpstandard.node._receive import Receiver
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
CF = Address("CF", "CF-BECDOR")
EU = Address("EU", "EU-BE-FPSECO-DO")


def cf_certificate() -> bytes:
    """A certificate of CF's authority for the EU, issued today (the second sender)."""
    document = json.loads(
        (ROOT / "examples" / "documents" / "cf-eu-compliant-zone.json").read_text()
    )
    today = datetime.datetime.now(datetime.UTC).date()
    document["dateOfIssue"] = today.isoformat()
    document["dateOfExpiry"] = (today + datetime.timedelta(days=60)).isoformat()
    return kpstandard.sign(
        json.dumps(document).encode(),
        key=load_private_key(PKI / "CF-BECDOR.key.pem"),
        certificate=load_certificate(PKI / "CF-BECDOR.cert.pem"),
    )


@pytest.mark.parametrize("database", DATABASES)
def test_two_senders_with_the_same_message_id_are_both_relayed_and_delivered(
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
    documents = {BW: made["certificate"].read_bytes(), CF: cf_certificate()}
    try:
        for sender, body in documents.items():
            envelope = Envelope(sender, EU, "same-id-1", "kp-certificate")
            outcome = hub.deliver(envelope, sender, body)
            assert (outcome.status, outcome.code) == (202, None), outcome.body
        # each sender's retry is answered for its own message, not the other's
        again = hub.deliver(Envelope(CF, EU, "same-id-1", "kp-certificate"), CF, documents[CF])
        assert (again.status, again.code) == (202, None)
        held = json.loads(hub.pull(EU, 0, 100).body)["messages"]
        assert sorted((m["sender"], m["messageId"]) for m in held) == [
            ("BW/BW-MME-DH", "same-id-1"),
            ("CF/CF-BECDOR", "same-id-1"),
        ]
        for message in held:  # the EU pulls, stores and acknowledges each
            body = base64.b64decode(message["document"])
            sender = Address.parse(message["sender"])
            stored = eu.deliver(
                Envelope(sender, EU, message["messageId"], "kp-certificate"), sender, body
            )
            assert stored.status == 201, stored.body
            ack = json.dumps(
                {
                    "messageId": message["messageId"],
                    "receipt": base64.b64encode(stored.body).decode(),
                }
            ).encode()
            assert hub.acknowledge(EU, ack).status == 204
        for sender in documents:
            item = hub_store.outbox_item("same-id-1", str(sender))
            assert item is not None
            assert item.state == "delivered"
            assert item.sender == str(sender)
        assert sorted(i.sender for i in eu_store.inbox_items()) == ["BW/BW-MME-DH", "CF/CF-BECDOR"]
        assert sorted(i.body for i in eu_store.inbox_items()) == sorted(documents.values())
        # the relayed sender's message answers with the EU's receipt, the other's is untouched
        done = hub.deliver(Envelope(BW, EU, "same-id-1", "kp-certificate"), BW, documents[BW])
        assert (done.status, done.headers.get("kp-receipt")) == (200, "relayed")
        # the same sender reusing its id for another document is still a conflict
        other = (tmp_path / "certificate-2.xml").read_bytes()
        clash = hub.deliver(Envelope(BW, EU, "same-id-1", "kp-certificate"), BW, other)
        assert (clash.status, clash.code) == (409, "KP-EX-012")
        # and kept in quarantine, not dropped (KP-REQ-104); the held message is unchanged
        assert [(q["sender"], q["code"]) for q in hub_store.quarantine_items()] == [
            ("BW/BW-MME-DH", "KP-EX-012")
        ]
        kept = hub_store.outbox_item("same-id-1", str(BW))
        assert kept is not None
        assert kept.body == documents[BW]
    finally:
        hub_store.close()
        eu_store.close()


def _schema_2_outbox(url: str) -> None:
    """A database left by schema 2: the outbox keyed by message_id alone, sender NULL for own."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    old = sa.MetaData()
    sa.Table(
        "schema_migrations",
        old,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("applied_at", sa.String(32), nullable=False),
    )
    sa.Table(
        "outbox",
        old,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(64), nullable=False, unique=True),
        sa.Column("receiver", sa.String(80), nullable=False),
        sa.Column("document_type", sa.String(32), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("digest_sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Float, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("receipt", sa.LargeBinary),
        sa.Column("delivered_at", sa.String(32)),
        sa.Column("sender", sa.String(80)),
        sa.Index("outbox_due", "state", "next_attempt_at"),
    )
    row = {
        "receiver": "EU/EU-BE-FPSECO-DO",
        "document_type": "kp-certificate",
        "number": "BW1",
        "digest_sha256": "x",
        "body": b"<a/>",
        "created_at": "2026-11-30T00:00:00Z",
        "state": "pending",
        "attempts": 0,
        "next_attempt_at": 0.0,
    }
    with engine.begin() as conn:
        old.create_all(conn)
        # the other tables of schemas 1 and 2, unchanged since (schema 4 indexes two of them)
        for table in (_store.certificates, _store.notices, _store.inbox, _store.quarantine,
                      _store.nonces, _store.pull_cursors):  # fmt: skip
            table.create(conn)
        conn.execute(
            old.tables["schema_migrations"].insert(),
            [{"version": v, "applied_at": "2026-11-30T00:00:00Z"} for v in (1, 2)],
        )
        conn.execute(
            old.tables["outbox"].insert(),
            [
                {**row, "message_id": "own-1", "sender": None},
                {**row, "message_id": "relayed-1", "sender": "BW/BW-MME-DH"},
            ],
        )
    engine.dispose()


@pytest.mark.parametrize("database", DATABASES)
def test_schema_2_is_migrated_to_the_sender_and_message_id_key(
    tmp_path: Path, database: str
) -> None:
    (url,) = databases(database, tmp_path, 1)
    _schema_2_outbox(url if "://" in url else f"sqlite:///{url}")
    store = NodeStore(url)
    try:
        assert store.schema_version == len(_store.MIGRATIONS)  # and on to the latest schema
        own = store.outbox_item("own-1")
        assert own is not None
        assert (own.id, own.sender) == (1, None)
        relayed = store.outbox_item("relayed-1", "BW/BW-MME-DH")
        assert relayed is not None
        assert relayed.id == 2
        assert store.outbox_item("relayed-1") is None  # not this node's own message
        with store.transaction() as conn:  # another sender, the same id: a second row
            store.enqueue(
                conn, message_id="relayed-1", receiver="EU/EU-BE-FPSECO-DO",
                document_type="kp-certificate", number="CF1", digest="y", body=b"<b/>",
                now=1.0, sender="CF/CF-BECDOR",
            )  # fmt: skip
        assert [i.id for i in store.outbox_for("EU/EU-BE-FPSECO-DO", "relayed-1")] == [2, 3]
        with pytest.raises(sa.exc.IntegrityError), store.transaction() as conn:
            store.enqueue(
                conn, message_id="relayed-1", receiver="EU/EU-BE-FPSECO-DO",
                document_type="kp-certificate", number="CF1", digest="y", body=b"<b/>",
                now=1.0, sender="CF/CF-BECDOR",
            )  # fmt: skip
    finally:
        store.close()
