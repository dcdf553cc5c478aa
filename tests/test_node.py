"""Two reference nodes on loopback exchange a certificate, a receipt and an import confirmation;
hostile requests are refused with their KP-EX codes and store nothing (spec/exchange/protocol.md).

The nodes are real processes (``kpcert node serve``) over SQLite, and over PostgreSQL as well
when ``KP_TEST_POSTGRES_URL`` names a server where the tests may create databases (``.ci/run``
starts one).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import kpstandard
from kpstandard.exchange import Address, Client, Envelope, Identity, new_message_id, signed_request
from kpstandard.node import Node, NodeStore, load_config, queue_document
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


def identity(name: str, address: Address) -> Identity:
    return Identity(
        address,
        load_private_key(PKI / f"{name}.key.pem"),
        load_certificate(PKI / f"{name}.cert.pem"),
    )


def wait_for(predicate: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


class Pair:
    def __init__(self, folder: Path, database: str) -> None:
        ports = harness.free_port(), harness.free_port()
        urls = databases(database, None, 2)  # SQLite: in each node's own folder
        self.made = make_demo.make(
            folder,
            bw_port=ports[0],
            eu_port=ports[1],
            count=3,
            bw_database=urls[0],
            eu_database=urls[1],
            extra="body_timeout = 1.0\nmax_body = 200000\n",
        )
        self.bw = harness.NodeProcess(self.made["bw"], ports[0], folder / "bw.log")
        self.eu = harness.NodeProcess(self.made["eu"], ports[1], folder / "eu.log")
        self.bw_node = Node.load(load_config(self.made["bw"]))
        self.eu_node = Node.load(load_config(self.made["eu"]))
        self.bw_store = NodeStore(self.bw_node.config.database)
        self.eu_store = NodeStore(self.eu_node.config.database)
        self.folder = folder


@pytest.fixture(scope="module", params=DATABASES)
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    made = Pair(tmp_path_factory.mktemp(f"nodes-{request.param}"), request.param)
    made.bw.start()
    made.eu.start()
    yield made
    made.bw.stop()
    made.eu.stop()
    made.bw_store.close()
    made.eu_store.close()


def digest(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def test_two_nodes_exchange_a_certificate_a_receipt_and_a_confirmation(pair: Pair) -> None:
    certificate = pair.made["certificate"].read_bytes()
    message_id, receiver = queue_document(pair.bw_node, pair.bw_store, certificate)
    assert receiver == EU
    wait_for(lambda: pair.bw_store.outbox_item(message_id).state == "delivered")  # type: ignore[union-attr]
    item = pair.bw_store.outbox_item(message_id)
    assert item is not None
    assert item.receipt is not None
    report = kpstandard.verify(
        item.receipt,
        trust_list=pair.bw_node.trust_list,
        verification_time=datetime.datetime.now(datetime.UTC),
    )
    assert report.valid, [f.code for f in report.findings]
    assert report.document.message_id == message_id
    assert report.document.digest.value == digest(certificate)
    assert report.document.receiving_authority.identifier == "EU-BE-FPSECO-DO"
    received = [i for i in pair.eu_store.inbox_items() if i.document_type == "kp-certificate"]
    assert [i.body for i in received] == [certificate]

    # the import confirmation flows back the same way
    confirmation = pair.made["confirmation"].read_bytes()
    message_id, receiver = queue_document(pair.eu_node, pair.eu_store, confirmation)
    assert receiver == BW
    wait_for(lambda: pair.eu_store.outbox_item(message_id).state == "delivered")  # type: ignore[union-attr]
    assert [
        i.body for i in pair.bw_store.inbox_items() if i.document_type == "import-confirmation"
    ] == [confirmation]

    # the status of the certificate, from the issuing registry, signed
    number = kpstandard.load(certificate).certificate_number
    with Client(pair.eu_node.identity, BW, pair.bw.url) as client:
        answer = client.get(f"/status/{number}?digest={digest(certificate).replace('+', '%2B')}")
    assert answer.status == 200
    response = kpstandard.verify(
        answer.body,
        trust_list=pair.eu_node.trust_list,
        verification_time=datetime.datetime.now(datetime.UTC),
    )
    assert response.valid
    assert response.document.status == "issued"


def deliver(pair: Pair, body: bytes, *, sender: Identity | None = None, **kw: Any) -> Any:
    sender = sender or identity("BW-MME-DH", BW)
    envelope = kw.pop("envelope", None) or Envelope(
        sender.address, EU, new_message_id(), "kp-certificate"
    )
    request = signed_request(
        sender,
        EU,
        "POST",
        pair.eu.url + "/messages",
        body=body,
        envelope=envelope,
        content_type="application/xml",
        **kw,
    )
    import httpx

    return httpx.Client(timeout=10).send(request)


def code(response: Any) -> str | None:
    return (
        response.json().get("code")
        if response.headers["content-type"].startswith("application/problem+json")
        else None
    )


def receipt_of(pair: Pair, data: bytes) -> Any:
    report = kpstandard.verify(
        data,
        trust_list=pair.bw_node.trust_list,
        verification_time=datetime.datetime.now(datetime.UTC),
    )
    assert report.valid, [f.code for f in report.findings]
    return report.document


def test_the_same_document_twice_is_stored_once_with_the_first_receipt(pair: Pair) -> None:
    body = pair.folder.joinpath("certificate-2.xml").read_bytes()
    envelope = Envelope(BW, EU, new_message_id(), "kp-certificate")
    first = deliver(pair, body, envelope=envelope)
    again = deliver(pair, body, envelope=envelope)  # a retry of the same message
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.content == first.content
    number = kpstandard.load(body).certificate_number
    assert pair.eu_store.lookup("kp-certificate", "BW", number) is not None


def test_the_same_document_under_a_new_message_id_is_answered_about_that_message(
    pair: Pair,
) -> None:
    """Protocol 3.4: stored once, and the receipt answers the message that asked (its id), with
    the first acceptance's instant and digest. It carried the first message id: the sender's
    worker refused it and retried for ever, and tracking the new id was 404 KP-EX-015."""
    data = json.loads((ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_text())
    today = datetime.datetime.now(datetime.UTC).date()
    data["certificateNumber"] = "BW2025NEWID"  # a number of its own in the module's nodes
    data["dateOfIssue"] = today.isoformat()
    data["dateOfExpiry"] = (today + datetime.timedelta(days=59)).isoformat()
    body = kpstandard.sign(
        json.dumps(data).encode(),
        key=load_private_key(PKI / "BW-MME-DH.key.pem"),
        certificate=load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )
    first = deliver(pair, body)
    assert first.status_code == 201, first.text
    envelope = Envelope(BW, EU, new_message_id(), "kp-certificate")
    again = deliver(pair, body, envelope=envelope)
    assert again.status_code == 200, again.text
    assert again.headers["kp-receipt"] == "duplicate"
    before, after = receipt_of(pair, first.content), receipt_of(pair, again.content)
    assert after.message_id == envelope.message_id != before.message_id
    assert after.received_at == before.received_at
    assert after.digest.value == before.digest.value == digest(body)
    assert deliver(pair, body, envelope=envelope).content == again.content  # and retried: same
    number = kpstandard.load(body).certificate_number
    assert [i.number for i in pair.eu_store.inbox_items()].count(number) == 1
    with Client(identity("BW-MME-DH", BW), EU, pair.eu.url) as client:
        answer = client.get(f"/tracking/{envelope.message_id}")
    assert answer.status == 200, answer.body
    assert answer.json()["state"] == "accepted"
    assert base64.b64decode(answer.json()["receipt"]) == again.content

    # the sender's worker takes that receipt: the delivery ends (it retried for ever)
    message_id, _ = queue_document(pair.bw_node, pair.bw_store, body)
    wait_for(lambda: pair.bw_store.outbox_item(message_id).state == "delivered")  # type: ignore[union-attr]
    item = pair.bw_store.outbox_item(message_id)
    assert item is not None
    assert item.receipt is not None
    assert receipt_of(pair, item.receipt).message_id == message_id
    assert receipt_of(pair, item.receipt).received_at == before.received_at


def test_a_different_document_under_an_accepted_number_is_refused(pair: Pair) -> None:
    first = pair.folder.joinpath("certificate-3.xml").read_bytes()
    assert deliver(pair, first).status_code == 201
    number = kpstandard.load(first).certificate_number
    data = json.loads((ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_text())
    today = datetime.datetime.now(datetime.UTC).date()
    data["certificateNumber"] = number
    data["dateOfIssue"] = today.isoformat()
    data["dateOfExpiry"] = (today + datetime.timedelta(days=59)).isoformat()
    signed = kpstandard.sign(
        json.dumps(data).encode(),
        key=load_private_key(PKI / "BW-MME-DH.key.pem"),
        certificate=load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )
    response = deliver(pair, signed)
    assert (response.status_code, code(response)) == (409, "KP-EX-012")
    stored = pair.eu_store.lookup("kp-certificate", "BW", number)
    assert stored is not None
    assert stored.body == first


def hostile(pair: Pair) -> list[tuple[str, Any]]:
    body = pair.made["certificate"].read_bytes()
    bw = identity("BW-MME-DH", BW)
    rogue = identity("rogue", BW)
    ae = identity("AE-KPO", Address("AE", "AE-KPO"))
    eu_as_bw = Identity(
        BW, identity("EU-BE-FPSECO-DO", EU).key, identity("EU-BE-FPSECO-DO", EU).certificate
    )
    import httpx

    http = httpx.Client(timeout=10)
    cases: list[tuple[str, Any]] = []
    cases.append(("KP-EX-001", http.post(pair.eu.url + "/messages", content=body)))
    cases.append(("KP-EX-003", deliver(pair, body, sender=rogue)))
    cases.append(("KP-EX-003", deliver(pair, body, sender=ae)))  # on the list, but runs no node
    cases.append(("KP-EX-004", deliver(pair, body, sender=eu_as_bw)))
    cases.append(("KP-EX-005", deliver(pair, body, created=int(time.time()) - 3600)))
    request = signed_request(
        bw,
        EU,
        "POST",
        pair.eu.url + "/messages",
        body=body,
        envelope=Envelope(BW, EU, new_message_id(), "kp-certificate"),
        content_type="application/xml",
    )
    http.send(request)
    cases.append(("KP-EX-006", http.send(request)))  # the same signed request again
    cases.append(("KP-EX-007", deliver(pair, body + b" " * 300_000)))
    tampered = signed_request(
        bw,
        EU,
        "POST",
        pair.eu.url + "/messages",
        body=body,
        envelope=Envelope(BW, EU, new_message_id(), "kp-certificate"),
        content_type="application/xml",
    )
    tampered.stream = httpx.ByteStream(body.replace(b"</", b" </", 1))  # type: ignore[assignment]
    tampered.headers["content-length"] = str(len(body) + 1)
    cases.append(("KP-EX-009", http.send(tampered)))
    forged = body.replace(b"BW-DDL-2025/0117", b"BW-DDL-2025/0118")
    cases.append(("KP-EX-011", deliver(pair, forged)))
    cases.append(
        (
            "KP-EX-013",
            deliver(pair, body, envelope=Envelope(BW, EU, new_message_id(), "import-confirmation")),
        )
    )
    misdirected = signed_request(
        bw,
        Address("AE", "AE-KPO"),
        "GET",
        pair.eu.url + "/inbox",
    )
    cases.append(("KP-EX-014", http.send(misdirected)))
    return cases


def test_hostile_requests_are_refused_with_their_codes_and_store_nothing(pair: Pair) -> None:
    before = pair.eu.health()
    cases = hostile(pair)
    assert [(expected, code(r)) for expected, r in cases] == [(e, e) for e, _ in cases]
    after = pair.eu.health()
    assert after["inbox"] == before["inbox"]
    assert after["quarantine"] == before["quarantine"] + 2  # the forged one, the mislabelled one
    assert pair.eu.process is not None
    assert pair.eu.process.poll() is None


def test_a_slow_sender_is_cut_off(pair: Pair) -> None:
    bw = identity("BW-MME-DH", BW)
    body = pair.made["certificate"].read_bytes()
    request = signed_request(
        bw,
        EU,
        "POST",
        pair.eu.url + "/messages",
        body=body,
        envelope=Envelope(BW, EU, new_message_id(), "kp-certificate"),
        content_type="application/xml",
    )
    head = f"POST /messages HTTP/1.1\r\nhost: 127.0.0.1:{pair.eu.port}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in request.headers.items() if k.lower() != "host"
    )
    with socket.create_connection(("127.0.0.1", pair.eu.port), timeout=15) as s:
        s.sendall(head.encode() + b"\r\n" + body[:100])
        answer = ""  # the node answers after body_timeout (1 s)
        while "KP-EX-" not in answer and (chunk := s.recv(65536)):
            answer += chunk.decode("latin-1")
    assert " 408 " in answer.splitlines()[0]
    assert "KP-EX-008" in answer


def test_the_officer_page_metrics_and_tracking(pair: Pair) -> None:
    import httpx

    page = httpx.get(pair.bw.url + "/").text
    assert 'data-test="outbox"' in page
    assert "BW/BW-MME-DH" in page
    metrics = httpx.get(pair.bw.url + "/metrics").text
    assert 'kp_node_outbox{state="pending"}' in metrics
    forged = pair.made["certificate"].read_bytes().replace(b"BW-DDL-2025/0117", b"BW-DDL-2025/0119")
    envelope = Envelope(BW, EU, new_message_id(), "kp-certificate")
    deliver(pair, forged, envelope=envelope)
    with Client(identity("BW-MME-DH", BW), EU, pair.eu.url) as client:
        answer = client.get(f"/tracking/{envelope.message_id}")
    assert answer.status == 200
    assert answer.json()["state"] == "refused"
    assert answer.json()["code"] == "KP-EX-011"
