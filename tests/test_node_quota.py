"""The quarantine quota (spec/exchange/protocol.md 5): an authenticated, listed peer filled the
quarantine with refused 1 MiB bodies without limit. Past its count or bytes in the period, a
refusal is KP-EX-030 (429), nothing is kept, and the sender retries. In-process, on SQLite, and
on PostgreSQL too when ``KP_TEST_POSTGRES_URL`` names a server (as in test_node_faults.py).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

from kpstandard.exchange import Address, Envelope, new_message_id
from kpstandard.node import Node, NodeStore, load_config
from kpstandard.node._receive import Receiver

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


def eu_receiver(
    folder: Path, kind: str, **quota: int
) -> tuple[Receiver, NodeStore, dict[str, Path]]:
    eu_db = databases(kind, folder, 1)[0]
    made = make_demo.make(
        folder,
        bw_port=harness.free_port(),
        eu_port=harness.free_port(),
        count=3,
        eu_database=eu_db,
        bw_database=str(folder / "bw.sqlite"),
    )
    node = Node.load(load_config(made["eu"]))
    node = dataclasses.replace(node, config=dataclasses.replace(node.config, **quota))
    store = NodeStore(node.config.database)
    return Receiver(node, store), store, made


def forged(made: dict[str, Path], n: int) -> bytes:
    """A BW certificate altered after signing: refused KP-EX-011 and kept in quarantine."""
    body = Path(made["certificate"]).read_bytes()
    assert b"BW-DDL-2025/0117" in body
    return body.replace(b"BW-DDL-2025/0117", f"BW-DDL-2025/09{n:02d}".encode())


def deliver(receiver: Receiver, body: bytes) -> tuple[int, dict[str, Any]]:
    """The status of BW's delivery and, for a refusal, its problem document and header fields."""
    outcome = receiver.deliver(Envelope(BW, EU, new_message_id(), "kp-certificate"), BW, body)
    if outcome.content_type != "application/problem+json":
        return outcome.status, {}
    return outcome.status, json.loads(outcome.body) | {"headers": outcome.headers}


@pytest.mark.parametrize("kind", DATABASES)
def test_past_the_count_a_refusal_is_kp_ex_030_and_nothing_is_kept(
    tmp_path: Path, kind: str
) -> None:
    receiver, store, made = eu_receiver(tmp_path, kind, quarantine_count=2)
    try:
        for _ in range(2):
            status, answer = deliver(receiver, forged(made, 2))
            assert (status, answer["code"]) == (422, "KP-EX-011")
        assert store.counts()["quarantine"] == 2
        status, answer = deliver(receiver, forged(made, 2))
        assert (status, answer["code"], answer["refused"]) == (429, "KP-EX-030", "KP-EX-011")
        assert answer["findings"]  # the sender still learns why its document was refused
        assert answer["headers"]["retry-after"] == str(receiver.node.config.quarantine_period)
        assert store.counts()["quarantine"] == 2  # nothing kept
        # a valid document of the same sender is still accepted: only refusals count
        status, _ = deliver(receiver, (tmp_path / "certificate-3.xml").read_bytes())
        assert status == 201
        # another sender's quota is its own
        assert store.quarantine_use(str(EU), "1970-01-01T00:00:00Z") == (0, 0)
    finally:
        store.close()


@pytest.mark.parametrize("kind", DATABASES)
def test_past_the_bytes_a_refusal_is_kp_ex_030(tmp_path: Path, kind: str) -> None:
    receiver, store, made = eu_receiver(tmp_path, kind, quarantine_bytes=1)
    try:
        status, answer = deliver(receiver, forged(made, 2))
        assert (status, answer["code"], answer["refused"]) == (429, "KP-EX-030", "KP-EX-011")
        assert store.counts()["quarantine"] == 0
    finally:
        store.close()


def test_a_quota_of_the_past_period_no_longer_counts(tmp_path: Path) -> None:
    receiver, store, made = eu_receiver(tmp_path, "sqlite", quarantine_count=1)
    try:
        assert deliver(receiver, forged(made, 2))[0] == 422
        assert deliver(receiver, forged(made, 2))[0] == 429
        with store.transaction() as conn:  # the first refusal is now older than the period
            conn.exec_driver_sql("UPDATE quarantine SET received_at = '2000-01-01T00:00:00Z'")
        assert deliver(receiver, forged(made, 2))[0] == 422
        assert store.counts()["quarantine"] == 2
    finally:
        store.close()
