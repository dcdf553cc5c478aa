"""The node's lookups by document and by message are indexed queries (schema 4), with the answers
they gave when they read the whole outbox: the certificate an import confirmation confirms (from
the outbox of the exporting node, the inbox of the importing one), a certificate queued again
(its first message). In-process, on SQLite, and on PostgreSQL too when ``KP_TEST_POSTGRES_URL``
names a server (as in test_node_faults.py).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import sqlalchemy as sa

from kpstandard.exchange import Address, Envelope
from kpstandard.node import Node, NodeStore, _store, load_config, queue_document
from kpstandard.node._receive import Receiver, certificate_for

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


class Nodes:
    def __init__(self, folder: Path, kind: str) -> None:
        bw_db, eu_db = databases(kind, folder, 2)
        self.made = make_demo.make(
            folder,
            bw_port=harness.free_port(),
            eu_port=harness.free_port(),
            count=3,
            bw_database=bw_db,
            eu_database=eu_db,
        )
        self.bw = Node.load(load_config(self.made["bw"]))
        self.eu = Node.load(load_config(self.made["eu"]))
        self.bw_store = NodeStore(self.bw.config.database)
        self.eu_store = NodeStore(self.eu.config.database)


@pytest.fixture(params=DATABASES)
def nodes(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Nodes]:
    made = Nodes(tmp_path, request.param)
    yield made
    made.bw_store.close()
    made.eu_store.close()


def test_the_schema_has_the_lookup_indexes(nodes: Nodes) -> None:
    assert nodes.bw_store.schema_version == len(_store.MIGRATIONS) == 5
    inspector = sa.inspect(nodes.bw_store.engine)
    for index in (*_store.INDEXES, *_store.INDEXES_V5):
        found = {i["name"]: i["column_names"] for i in inspector.get_indexes(index.table.name)}
        assert found.get(index.name) == [c.name for c in index.columns]


def test_certificate_for_finds_the_certificate_in_the_outbox_or_the_inbox(nodes: Nodes) -> None:
    certificate = nodes.made["certificate"].read_bytes()
    confirmation = nodes.made["confirmation"].read_bytes()
    assert certificate_for(nodes.bw_store, confirmation) is None  # not sent, not received
    assert certificate_for(nodes.bw_store, certificate) is None  # not a confirmation
    assert certificate_for(nodes.bw_store, b"<not a document") is None
    for n in (2, 3):  # other certificates in the outbox
        queue_document(
            nodes.bw,
            nodes.bw_store,
            (nodes.made["certificate"].parent / f"certificate-{n}.xml").read_bytes(),
        )
    message_id, receiver = queue_document(nodes.bw, nodes.bw_store, certificate)
    assert receiver == EU
    assert certificate_for(nodes.bw_store, confirmation) == certificate  # the exporting node
    # the importing node: the certificate is in its inbox
    assert certificate_for(nodes.eu_store, confirmation) is None
    outcome = Receiver(nodes.eu, nodes.eu_store).deliver(
        Envelope(BW, EU, message_id, "kp-certificate"), BW, certificate
    )
    assert outcome.status == 201, outcome.body
    assert certificate_for(nodes.eu_store, confirmation) == certificate
    # and the importing node can now queue its confirmation, which is verified with it
    _, back = queue_document(nodes.eu, nodes.eu_store, confirmation)
    assert back == BW


def test_a_certificate_queued_again_returns_its_first_message(nodes: Nodes) -> None:
    certificate = nodes.made["certificate"].read_bytes()
    first = queue_document(nodes.bw, nodes.bw_store, certificate)
    queue_document(
        nodes.bw,
        nodes.bw_store,
        (nodes.made["certificate"].parent / "certificate-2.xml").read_bytes(),
    )
    assert queue_document(nodes.bw, nodes.bw_store, certificate) == first
    assert [
        i.message_id
        for i in nodes.bw_store.outbox_items()
        if i.number == nodes.bw_store.outbox_item(first[0]).number
    ] == [first[0]]  # type: ignore[union-attr]
    assert nodes.bw_store.counts()["outbox_pending"] == 2


def test_a_relayed_certificate_is_not_taken_for_this_nodes_own(nodes: Nodes) -> None:
    """A hub holds other senders' certificates in its outbox: the certificate an import
    confirmation confirms may be one of them, but a certificate this node queues is its own."""
    certificate = nodes.made["certificate"].read_bytes()
    with nodes.bw_store.transaction() as conn:
        nodes.bw_store.enqueue(
            conn,
            message_id="relayed-1",
            receiver=str(EU),
            document_type="kp-certificate",
            number="BW-RELAYED-1",
            digest="x",
            body=certificate,
            now=0.0,
            sender="CF/CF-BECDOR",
        )
    found = nodes.bw_store.latest_document("kp-certificate", "BW-RELAYED-1")
    assert found is not None
    assert (found.message_id, found.sender) == ("relayed-1", "CF/CF-BECDOR")
    assert nodes.bw_store.latest_document("kp-certificate", "BW-RELAYED-1", own=True) is None


def test_the_lookups_use_their_indexes_not_a_scan(tmp_path: Path) -> None:
    """SQLite's query plan of every statement certificate_for and queue_document run: a search
    through an index, never a scan of the outbox, the inbox or the quarantine."""
    made = Nodes(tmp_path, "sqlite")
    certificate = made.made["certificate"].read_bytes()
    queue_document(made.bw, made.bw_store, certificate)
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    sa.event.listen(made.bw_store.engine, "before_cursor_execute", record)
    certificate_for(made.bw_store, made.made["confirmation"].read_bytes())
    queue_document(made.bw, made.bw_store, certificate)  # again: its first message
    Receiver(made.bw, made.bw_store).tracking(EU, "no-such-message")
    sa.event.remove(made.bw_store.engine, "before_cursor_execute", record)
    assert statements
    with made.bw_store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = " | ".join(
                str(row[-1]) for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            )
            for table in ("outbox", "inbox", "quarantine", "redeliveries"):
                assert f"SCAN {table}" not in plan, (statement, plan)
    made.bw_store.close()
    made.eu_store.close()


def test_a_schema_3_database_is_migrated_to_4_with_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = make_demo.make(tmp_path, bw_port=harness.free_port(), eu_port=harness.free_port())
    node = Node.load(load_config(made["bw"]))
    with monkeypatch.context() as patch:
        patch.setattr(_store, "MIGRATIONS", _store.MIGRATIONS[:3])
        old = NodeStore(node.config.database)
        assert old.schema_version == 3
        with old.transaction() as conn:  # as the earlier code made it: without them
            for index in _store.INDEXES:
                index.drop(conn, checkfirst=True)
        message_id, _ = queue_document(node, old, made["certificate"].read_bytes())
        old.close()
    store = NodeStore(node.config.database)
    assert store.schema_version == len(_store.MIGRATIONS)
    inspector = sa.inspect(store.engine)
    for index in _store.INDEXES:
        assert index.name in {i["name"] for i in inspector.get_indexes(index.table.name)}
    assert "outbox_due" in {i["name"] for i in inspector.get_indexes("outbox")}
    item = store.latest_document("kp-certificate", store.outbox_item(message_id).number)  # type: ignore[union-attr]
    assert item is not None
    assert item.message_id == message_id
    store.close()


def test_a_schema_4_database_is_migrated_to_5_with_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 5 indexes the nonces by age and the quarantine by sender and instant, and adds the
    receipts of documents delivered again under another message id; the rows stay."""
    made = make_demo.make(tmp_path, bw_port=harness.free_port(), eu_port=harness.free_port())
    node = Node.load(load_config(made["bw"]))
    with monkeypatch.context() as patch:
        patch.setattr(_store, "MIGRATIONS", _store.MIGRATIONS[:4])
        old = NodeStore(node.config.database)
        assert old.schema_version == 4
        with old.transaction() as conn:  # as schema 4 made them: without the new indexes
            for index in _store.INDEXES_V5:
                index.drop(conn, checkfirst=True)
            _store.redeliveries.drop(conn, checkfirst=True)
        assert old.use_nonce("key-1", "nonce-1", 1000.0, 300.0)
        old.quarantine(message_id="m-1", sender=str(EU), code="KP-EX-011", findings=[], body=b"x")
        message_id, _ = queue_document(node, old, made["certificate"].read_bytes())
        old.close()
    store = NodeStore(node.config.database)
    assert store.schema_version == 5
    inspector = sa.inspect(store.engine)
    for index in _store.INDEXES_V5:
        assert index.name in {i["name"] for i in inspector.get_indexes(index.table.name)}
    assert "redeliveries" in inspector.get_table_names()
    assert not store.use_nonce("key-1", "nonce-1", 1001.0, 300.0)  # the nonce is still known
    assert store.quarantined(str(EU), "m-1") is not None
    assert store.quarantine_use(str(EU), "1970-01-01T00:00:00Z") == (1, 1)
    assert store.outbox_item(message_id) is not None
    store.close()


def test_forgetting_old_nonces_and_the_quarantine_quota_use_their_indexes(tmp_path: Path) -> None:
    """Every request deleted the old nonces with a full scan of ``nonces`` (SQLite's plan)."""
    made = Nodes(tmp_path, "sqlite")
    store = made.bw_store
    statements: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "DELETE")):
            statements.append((statement, parameters))

    sa.event.listen(store.engine, "before_cursor_execute", record)
    store.use_nonce("key-1", "nonce-1", 1000.0, 300.0)
    store.quarantine_use(str(EU), "2026-01-01T00:00:00Z")
    sa.event.remove(store.engine, "before_cursor_execute", record)
    assert len(statements) == 2
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in statements:
            plan = " | ".join(
                str(row[-1]) for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            )
            assert "SCAN" not in plan, (statement, plan)
            assert "INDEX" in plan, (statement, plan)
    made.bw_store.close()
    made.eu_store.close()
