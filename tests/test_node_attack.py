"""An attack campaign against the reference node on loopback (issue 14, "hostile peers"): each
attack that broke the node has its regression test here, asserting the exact status and KP-EX
code, that nothing is stored and that the node still answers.

The node is the server of ``kpcert node serve`` (:func:`kpstandard.node.server`, uvicorn with the
node's limits) in a thread of this process, over SQLite, and over PostgreSQL as well when
``KP_TEST_POSTGRES_URL`` names a server (``.ci/run`` starts one), with short time limits so every
test takes seconds.
"""

from __future__ import annotations

import base64
import concurrent.futures
import datetime
import json
import select
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import httpx
from starlette.testclient import TestClient

import kpstandard
from kpstandard.exchange import (
    Address,
    Envelope,
    Identity,
    SignatureError,
    new_message_id,
    signed_request,
)
from kpstandard.node import ConfigError, Node, NodeStore, create_app, load_config, server
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

from tests.node_databases import DATABASES, databases  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")
HEAD_TIMEOUT = 1.0


def identity(name: str, address: Address) -> Identity:
    return Identity(
        address,
        load_private_key(PKI / f"{name}.key.pem"),
        load_certificate(PKI / f"{name}.cert.pem"),
    )


class Target:
    """EU's node, served in a thread; BW signs the attacks."""

    def __init__(self, folder: Path, database: str) -> None:
        self.port = harness.free_port()
        eu_database = databases(database, folder, 1)[0]
        self.made = make_demo.make(
            folder,
            bw_port=harness.free_port(),
            eu_port=self.port,
            count=12,
            eu_database=eu_database,
            bw_database=str(folder / "bw.sqlite"),
            extra=f"body_timeout = 1.0\nheader_timeout = {HEAD_TIMEOUT}\nmax_body = 200000\n",
        )
        self.folder = folder
        self.node = Node.load(load_config(self.made["eu"]))
        self.store = NodeStore(self.node.config.database)
        self.server = server(self.node, self.store, worker=False)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"
        self.bw = identity("BW-MME-DH", BW)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the node did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.store.close()

    def certificate(self, n: int) -> bytes:
        return self.folder.joinpath(f"certificate-{n}.xml").read_bytes()

    def request(self, body: bytes, *, message_id: str | None = None, **kw: Any) -> httpx.Request:
        envelope = Envelope(BW, EU, message_id or new_message_id(), "kp-certificate")
        return signed_request(
            self.bw,
            EU,
            "POST",
            self.url + "/messages",
            body=body,
            envelope=envelope,
            content_type="application/xml",
            **kw,
        )

    def send(self, request: httpx.Request) -> httpx.Response:
        with httpx.Client(timeout=30) as http:
            return http.send(request)

    def alive(self) -> bool:
        return httpx.get(self.url + "/health", timeout=5).status_code == 200


@pytest.fixture(scope="module", params=DATABASES)
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    made = Target(tmp_path_factory.mktemp(f"attack-{request.param}"), request.param)
    made.start()
    yield made
    made.stop()


def code(response: httpx.Response) -> str | None:
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        return str(response.json()["code"])
    return None


def number_of(body: bytes) -> str:
    return str(kpstandard.load(body).certificate_number)


def inbox_rows(target: Target, number: str) -> int:
    return sum(1 for i in target.store.inbox_items(limit=10_000) if i.number == number)


# -- concurrency: the same document from N clients at once ---------------------------------------


def test_the_same_delivery_sent_concurrently_is_stored_once_and_answered_new_only_once(
    target: Target,
) -> None:
    """Eight clients deliver the same document under the same message id at once (a sender's
    retries racing): one row, one 201, the others 200 with the same receipt. The loser of the
    race on the unique key was answered 201 ("new") as well."""
    body = target.certificate(1)
    message_id = new_message_id()
    requests = [target.request(body, message_id=message_id) for _ in range(8)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(target.send, requests))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 7 + [201], [(a.status_code, a.text[:200]) for a in answers]
    assert len({a.content for a in answers}) == 1
    assert inbox_rows(target, number_of(body)) == 1


def test_the_same_document_under_different_message_ids_concurrently_is_stored_once(
    target: Target,
) -> None:
    body = target.certificate(2)
    requests = [target.request(body) for _ in range(8)]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(target.send, requests))
    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    # each answered with a receipt about its own message id (protocol 3.4), all with the first
    # acceptance's instant and digest: one receipt for all named one message id, and the other
    # senders' workers refused it and retried for ever
    receipts = [
        kpstandard.verify(
            a.content,
            trust_list=target.node.trust_list,
            verification_time=datetime.datetime.now(datetime.UTC),
        ).document
        for a in answers
    ]
    assert [r.message_id for r in receipts] == [r.headers["kp-message-id"] for r in requests]
    assert len({(r.received_at, r.digest.value) for r in receipts}) == 1
    assert inbox_rows(target, number_of(body)) == 1


def _another_document_under(number: str) -> bytes:
    data = json.loads((ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_text())
    today = datetime.datetime.now(datetime.UTC).date()
    data["certificateNumber"] = number
    data["dateOfIssue"] = today.isoformat()
    data["dateOfExpiry"] = (today + datetime.timedelta(days=59)).isoformat()
    return kpstandard.sign(
        json.dumps(data).encode(),
        key=load_private_key(PKI / "BW-MME-DH.key.pem"),
        certificate=load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )


def test_two_documents_under_one_number_concurrently_one_accepted_the_other_conflicts(
    target: Target,
) -> None:
    first = target.certificate(3)
    second = _another_document_under(number_of(first))
    requests = [target.request(b) for b in (first, second) * 4]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(target.send, requests))
    accepted = [a for a in answers if a.status_code in (200, 201)]
    refused = [a for a in answers if a.status_code not in (200, 201)]
    assert [a.status_code for a in accepted].count(201) == 1
    assert len(accepted) == 4
    assert {(a.status_code, code(a)) for a in refused} == {(409, "KP-EX-012")}
    assert len(refused) == 4
    assert inbox_rows(target, number_of(first)) == 1
    assert target.alive()


def test_the_loser_of_the_race_on_the_unique_key_gets_the_idempotent_answer(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race made certain: the first look-up of every delivery finds nothing (as when two
    deliveries both look before either stores), so the second one's insert hits the unique key.
    It was answered 201 "new" with the winner's receipt; it is the duplicate (200)."""
    from kpstandard.node._receive import Receiver

    receiver = Receiver(target.node, target.store)
    monkeypatch.setattr(target.store, "lookup", lambda *a: None)
    body = target.certificate(4)
    envelope = Envelope(BW, EU, new_message_id(), "kp-certificate")
    first = receiver.deliver(envelope, BW, body)
    again = receiver.deliver(envelope, BW, body)
    other_id = Envelope(BW, EU, new_message_id(), "kp-certificate")
    other = receiver.deliver(other_id, BW, body)
    assert (first.status, again.status, other.status) == (201, 200, 200)
    assert again.headers == {"kp-receipt": "duplicate"}
    assert first.body == again.body
    # another message id: a receipt of its own, with the first one's instant (protocol 3.4)
    receipts = [
        kpstandard.verify(
            r.body,
            trust_list=target.node.trust_list,
            verification_time=datetime.datetime.now(datetime.UTC),
        ).document
        for r in (first, other)
    ]
    assert [r.message_id for r in receipts] == [envelope.message_id, other_id.message_id]
    assert receipts[0].received_at == receipts[1].received_at
    conflicting = receiver.deliver(envelope, BW, _another_document_under(number_of(body)))
    assert (conflicting.status, conflicting.code) == (409, "KP-EX-012")
    assert inbox_rows(target, number_of(body)) == 1


# -- slow senders and idle connections -----------------------------------------------------------


def _read_answer(s: socket.socket) -> str:
    answer = b""
    while chunk := s.recv(65536):
        answer += chunk
    return answer.decode("latin-1")


def test_a_connection_that_sends_nothing_is_answered_408_and_closed(target: Target) -> None:
    """uvicorn bounds idle keep-alive connections and the app bounds the body, but nothing bounded
    the request head: a connection that sent nothing stayed open for ever."""
    with socket.create_connection(("127.0.0.1", target.port), timeout=HEAD_TIMEOUT + 5) as s:
        started = time.monotonic()
        answer = _read_answer(s)  # a socket timeout here is the defect
    assert time.monotonic() - started < HEAD_TIMEOUT + 4
    assert answer.startswith("HTTP/1.1 408 ")
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["code"] == "KP-EX-008"


def test_a_head_sent_one_byte_at_a_time_is_cut_off(target: Target) -> None:
    head = f"GET /health HTTP/1.1\r\nhost: 127.0.0.1:{target.port}\r\nx-slow: ".encode()
    with socket.create_connection(("127.0.0.1", target.port), timeout=HEAD_TIMEOUT + 5) as s:
        started = time.monotonic()
        try:
            for byte in head + b"a" * 100:  # about 0.1 s a byte: the head never completes
                s.sendall(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            pass  # the node closed the connection
        answer = _read_answer(s)
    assert time.monotonic() - started < HEAD_TIMEOUT + 4
    assert answer.startswith("HTTP/1.1 408 ")
    assert "KP-EX-008" in answer


def test_a_slow_head_after_a_kept_alive_answer_is_cut_off(target: Target) -> None:
    """uvicorn's keep-alive timer stops at the first byte of the next request: a sender that
    trickles the next head evaded it."""
    request = f"GET /health HTTP/1.1\r\nhost: 127.0.0.1:{target.port}\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", target.port), timeout=HEAD_TIMEOUT + 5) as s:
        s.sendall(request)
        first = s.recv(65536).decode("latin-1")
        assert first.startswith("HTTP/1.1 200 ")
        started = time.monotonic()
        try:
            for byte in request[:-2]:  # never the blank line that ends the head
                s.sendall(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            pass
        answer = _read_answer(s)
    assert time.monotonic() - started < HEAD_TIMEOUT + 4
    assert "HTTP/1.1 408 " in answer
    assert "KP-EX-008" in answer


def test_many_idle_connections_do_not_stop_the_node_and_are_closed(target: Target) -> None:
    idle = [socket.create_connection(("127.0.0.1", target.port), timeout=10) for _ in range(300)]
    try:
        assert target.alive()
        request = target.request(target.certificate(5))
        assert target.send(request).status_code == 201
        time.sleep(HEAD_TIMEOUT + 0.5)
        closed = 0
        for s in idle:
            s.settimeout(3)
            if _read_answer(s).startswith("HTTP/1.1 408 "):
                closed += 1
        assert closed == len(idle)
    finally:
        for s in idle:
            s.close()
    assert target.alive()


def test_a_slow_body_is_still_cut_off_by_the_app(target: Target) -> None:
    request = target.request(target.certificate(6))
    head = f"POST /messages HTTP/1.1\r\nhost: 127.0.0.1:{target.port}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in request.headers.items() if k.lower() != "host"
    )
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as s:
        s.sendall(head.encode() + b"\r\n" + request.content[:100])
        answer = _read_answer(s)
    assert " 408 " in answer.splitlines()[0]
    assert "KP-EX-008" in answer
    assert inbox_rows(target, number_of(target.certificate(6))) == 0


# -- refused before the body is read -------------------------------------------------------------


def _head_only(target: Target, headers: dict[str, str], length: int) -> str:
    """A POST /messages whose head announces ``length`` body bytes, of which none are sent."""
    head = f"POST /messages HTTP/1.1\r\nhost: 127.0.0.1:{target.port}\r\n" + "".join(
        f"{k}: {v}\r\n" for k, v in headers.items() if k.lower() not in ("host", "content-length")
    )
    head += f"content-length: {length}\r\nconnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as s:
        s.sendall(head.encode())
        s.settimeout(0.8)  # under body_timeout (1 s): the refusal may not wait for the body
        answer = b""
        try:
            while chunk := s.recv(65536):  # the node closes the connection after its answer
                answer += chunk
        except TimeoutError:
            return "no answer before the body"
        return answer.decode("latin-1")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("unsigned", "KP-EX-001"),
        ("malformed", "KP-EX-002"),
        ("unknown key", "KP-EX-003"),
    ],
)
def test_a_request_refused_by_its_head_is_refused_before_its_body(
    target: Target, change: str, expected: str
) -> None:
    """Protocol 2.2: "A node refuses, before reading the request further: a request without a
    signature ...". The node read the whole body (up to max_body, within body_timeout) before
    looking at the signature, so an anonymous sender could hold it with a slow body."""
    headers = dict(target.request(target.certificate(7)).headers)
    if change == "unsigned":
        del headers["signature-input"], headers["signature"]
    elif change == "malformed":
        headers["signature-input"] = headers["signature-input"].replace('tag="', 'tag="x')
    else:
        rogue = signed_request(
            identity("rogue", BW), EU, "POST", target.url + "/messages", body=b""
        )
        headers["signature-input"] = rogue.headers["signature-input"]
        headers["signature"] = rogue.headers["signature"]
    answer = _head_only(target, headers, 150_000)
    assert answer.startswith("HTTP/1.1 401 "), answer[:200]
    assert expected in answer
    assert target.alive()


# -- signature and envelope header fields --------------------------------------------------------


def _resign(target: Target, request: httpx.Request, **changes: str) -> httpx.Request:
    for name, value in changes.items():
        request.headers[name.replace("_", "-")] = value
    return request


def _probe(target: Target, request: httpx.Request) -> tuple[int, str | None]:
    response = target.send(request)
    return response.status_code, code(response)


def test_signature_fields_outside_the_profile(target: Target) -> None:
    body = target.certificate(8)
    number = number_of(body)

    def fresh() -> httpx.Request:
        return target.request(body)

    sig_input = fresh().headers["signature-input"]
    cases: list[tuple[str, httpx.Request]] = []
    cases.append(("KP-EX-002", _resign(target, fresh(), signature="kp=:AAAA:")))
    cases.append(("KP-EX-002", _resign(target, fresh(), signature_input="kp=(")))
    cases.append(("KP-EX-002", _resign(target, fresh(), signature_input=sig_input + ", x=()")))
    cases.append(("KP-EX-002", _resign(target, fresh(), signature_input=sig_input + ";expires=1")))
    cases.append(
        (
            "KP-EX-002",
            _resign(
                target,
                fresh(),
                signature_input=sig_input.replace("ecdsa-p256-sha256", "hmac-sha256"),
            ),
        )
    )
    cases.append(
        (
            "KP-EX-002",
            _resign(target, fresh(), signature_input=sig_input.replace('"@method" ', "")),
        )
    )
    cases.append(
        (
            "KP-EX-002",
            _resign(target, fresh(), signature_input=sig_input.replace('"content-digest" ', "")),
        )
    )
    cases.append(("KP-EX-002", _resign(target, fresh(), signature="kp=:" + "A" * 60000 + ":")))
    many = ", ".join(f"l{n}=:AAAA:" for n in range(2000))
    cases.append(("KP-EX-002", _resign(target, fresh(), signature=many)))
    cases.append(("KP-EX-009", _resign(target, fresh(), content_digest="sha-512=:AAAA:")))
    cases.append(("KP-EX-005", target.request(body, created=int(time.time()) + 3600)))
    cases.append(("KP-EX-002", _resign(target, fresh(), kp_sender="BW/BW-OTHER")))
    answers = [(expected, _probe(target, r)) for expected, r in cases]
    assert [(e, a[1]) for e, a in answers] == [(e, e) for e, _ in cases], answers
    assert all(400 <= status < 500 for _, (status, _) in answers)
    assert inbox_rows(target, number) == 0
    assert target.alive()


def test_a_key_of_another_authority_signing_as_itself_for_another_sender(target: Target) -> None:
    """EU's own node key (on the list, for EU) used to post as BW: impersonation, KP-EX-004."""
    eu = identity("EU-BE-FPSECO-DO", EU)
    posing = Identity(BW, eu.key, eu.certificate)
    request = signed_request(
        posing,
        EU,
        "POST",
        target.url + "/messages",
        body=target.certificate(8),
        envelope=Envelope(BW, EU, new_message_id(), "kp-certificate"),
    )
    assert _probe(target, request) == (403, "KP-EX-004")


def _raw(target: Target, request: httpx.Request, extra: list[tuple[str, str]]) -> str:
    head = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n"
    head += f"host: 127.0.0.1:{target.port}\r\n"
    head += "".join(
        f"{k}: {v}\r\n"
        for k, v in request.headers.items()
        if k.lower() not in ("host", "connection")
    )
    head += "".join(f"{k}: {v}\r\n" for k, v in extra) + "connection: close\r\n\r\n"
    data = head.encode("latin-1") + request.content
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as s:
        for start in range(0, len(data), 65536):  # stop sending once the node answered
            if select.select([s], [], [], 0)[0]:
                break
            s.sendall(data[start : start + 65536])
            time.sleep(0.001)
        return _read_answer(s)


@pytest.mark.parametrize(
    "field", ["kp-sender", "kp-receiver", "kp-message-id", "signature-input", "content-digest"]
)
def test_a_covered_field_given_twice_is_refused(target: Target, field: str) -> None:
    """RFC 9421 2.1: a field given on several lines is signed as their values joined by ", ";
    the node took the last line only, so what it verified and what another reader (a proxy, a
    log) takes as the field differed. A covered field given twice is refused (KP-EX-010)."""
    body = target.certificate(9)
    request = target.request(body)
    first = request.headers[field]
    answer = _raw(target, request, [(field, first)])
    assert answer.startswith("HTTP/1.1 400 "), answer[:300]
    assert "KP-EX-010" in answer
    assert inbox_rows(target, number_of(body)) == 0


@pytest.mark.parametrize(
    "message_id",
    ["../../etc/passwd", "a/b", "a\\b", "x" * 65, "' OR 1=1 --", "abc;DROP TABLE inbox", ".."],
)
def test_hostile_message_ids_are_refused_with_kp_ex_010(target: Target, message_id: str) -> None:
    body = target.certificate(10)
    envelope = Envelope(BW, EU, "placeholder", "kp-certificate")
    request = signed_request(
        target.bw,
        EU,
        "POST",
        target.url + "/messages",
        body=body,
        envelope=Envelope(envelope.sender, envelope.receiver, message_id, envelope.document_type),
    )
    assert _probe(target, request) == (400, "KP-EX-010")
    assert inbox_rows(target, number_of(body)) == 0


@pytest.mark.parametrize(
    "extra",
    [[("x-nul", "a\x00b")], [("x-huge", "a" * 1_000_000)], [("content-length", "5, 6")]],
    ids=["nul", "huge-field", "bad-length"],
)
def test_a_request_that_is_not_http_is_refused_with_a_code(
    target: Target, extra: list[tuple[str, str]]
) -> None:
    """h11 refuses these; uvicorn answered text/plain without a code (KP-REQ-135)."""
    request = target.request(target.certificate(9))
    answer = _raw(target, request, extra)
    assert answer.startswith("HTTP/1.1 400 "), answer[:200]
    assert "application/problem+json" in answer
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["code"] == "KP-EX-010"
    assert target.alive()


def test_a_message_id_not_in_ascii_is_refused_with_kp_ex_010(target: Target) -> None:
    """A message id the signer cannot sign (the client refuses it), sent on the wire in
    Latin-1 in place of a signed one."""
    body = target.certificate(10)
    request = target.request(body)
    request.headers["kp-message-id"] = "caf\xe9"
    answer = _raw(target, request, [])
    assert answer.startswith("HTTP/1.1 400 "), answer[:300]
    assert "KP-EX-010" in answer


def test_a_receiver_the_node_does_not_serve(target: Target) -> None:
    request = signed_request(
        target.bw,
        Address("AE", "AE-KPO"),
        "POST",
        target.url + "/messages",
        body=target.certificate(9),
        envelope=Envelope(BW, Address("AE", "AE-KPO"), new_message_id(), "kp-certificate"),
    )
    assert _probe(target, request) == (421, "KP-EX-014")


# -- bodies ---------------------------------------------------------------------------------------


def test_a_compressed_body_is_not_inflated(target: Target) -> None:
    """A node takes the body's bytes as sent (the digest is over them): a gzip bomb is a few
    hundred bytes that are not a document."""
    import gzip

    bomb = gzip.compress(b"<" * 50_000_000)
    request = target.request(bomb)
    request.headers["content-encoding"] = "gzip"
    assert _probe(target, request) == (422, "KP-EX-011")


def test_a_chunked_body_over_the_limit(target: Target) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b" " * 10_000

    body = b"".join(chunks())
    request = target.request(body)
    request.stream = httpx.ByteStream(b"")  # type: ignore[assignment]
    del request.headers["content-length"]
    request.headers["transfer-encoding"] = "chunked"
    with httpx.Client(timeout=10) as http:
        response = http.send(
            httpx.Request(request.method, request.url, headers=request.headers, content=chunks())
        )
    assert (response.status_code, code(response)) == (413, "KP-EX-007")


def test_xml_with_a_dtd_and_json_with_a_huge_number(target: Target) -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    assert _probe(target, target.request(dtd)) == (422, "KP-EX-011")
    huge = b'{"certificateNumber": ' + b"9" * 100_000 + b"}"
    assert _probe(target, target.request(huge)) == (422, "KP-EX-011")


def test_a_valid_certificate_for_another_participant(target: Target) -> None:
    data = json.loads((ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_text())
    today = datetime.datetime.now(datetime.UTC).date()
    data["importingParticipant"] = "AE"
    data["certificateNumber"] = "BW9" + today.strftime("%y%m%d") + "777777"
    data["dateOfIssue"] = today.isoformat()
    data["dateOfExpiry"] = (today + datetime.timedelta(days=59)).isoformat()
    signed = kpstandard.sign(
        json.dumps(data).encode(),
        key=load_private_key(PKI / "BW-MME-DH.key.pem"),
        certificate=load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )
    status, found = _probe(target, target.request(signed))
    assert (status, found) == (422, "KP-EX-013")


# -- inbox, acknowledgement, tracking, status, the page -------------------------------------------


def _signed_get(target: Target, path: str) -> httpx.Response:
    return target.send(signed_request(target.bw, EU, "GET", target.url + path))


def _signed_post_json(target: Target, path: str, body: bytes) -> httpx.Response:
    return target.send(
        signed_request(
            target.bw, EU, "POST", target.url + path, body=body, content_type="application/json"
        )
    )


@pytest.mark.parametrize(
    "query",
    [
        "after=-1",
        "after=9223372036854775808",
        "after=1e3",
        "after=%00",
        "limit=0",
        "limit=101",
        "after=" + "9" * 5000,
        "after=1_0",
        "after=%2B5",
        "limit=%205",
        "after=%D9%A3",
    ],
)
def test_inbox_cursors_out_of_range_are_refused(target: Target, query: str) -> None:
    response = _signed_get(target, "/inbox?" + query)
    assert (response.status_code, code(response)) == (400, "KP-EX-010")


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"messageId": "x", "receipt": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        b'{"messageId": ' + b"9" * 10_000 + b', "receipt": ""}',
        b"\xff\xfe",
        b"[]",
        b'{"messageId": "x", "receipt": "%%%"}',
    ],
    ids=["deep", "deep-member", "huge-number", "not-utf8", "array", "bad-base64"],
)
def test_a_malformed_acknowledgement_is_refused_with_kp_ex_010(target: Target, body: bytes) -> None:
    """A deeply nested JSON body raised RecursionError, which is not a ValueError: the node
    answered 503 KP-EX-016 ("retry later") to a request that can never succeed."""
    response = _signed_post_json(target, "/inbox/ack", body)
    assert (response.status_code, code(response)) == (400, "KP-EX-010")
    assert target.alive()


def test_acknowledging_a_message_held_for_another_receiver(target: Target) -> None:
    """An acknowledgement of a message the node does not hold for the caller: KP-EX-015."""
    receipt = base64.b64encode(b"<Receipt/>").decode()
    body = json.dumps({"messageId": new_message_id(), "receipt": receipt}).encode()
    response = _signed_post_json(target, "/inbox/ack", body)
    assert (response.status_code, code(response)) == (404, "KP-EX-015")


@pytest.mark.parametrize("message_id", ["-x", "a%2Fb", "x" * 65, "%27%20OR%201%3D1"])
def test_tracking_hostile_message_ids(target: Target, message_id: str) -> None:
    response = _signed_get(target, "/tracking/" + message_id)
    assert response.status_code in (400, 404)
    assert code(response) in ("KP-EX-010", "KP-EX-015", "KP-EX-018")


@pytest.mark.parametrize(
    "path",
    [
        "/status/" + "9" * 200 + "?digest=abc",
        "/status/BW-DDL-2025%2F0117?digest=%00",
        "/status/x?digest=" + "A" * 5000,
        "/status/x",
    ],
)
def test_status_queries_with_hostile_values(target: Target, path: str) -> None:
    response = _signed_get(target, path)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert code(response) is not None


@pytest.mark.parametrize(
    "answer",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"messages": 5}',
        b'{"messages": [{"cursor": "x"}]}',
        b'{"messages": [{"cursor": 1, "messageId": "../x", "sender": "BW/BW-MME-DH",'
        b' "documentType": "kp-certificate", "document": ""}]}',
    ],
    ids=["deep", "not-a-list", "bad-cursor", "bad-message-id"],
)
def test_pulling_from_a_hostile_peer_is_a_pull_error(
    target: Target, monkeypatch: pytest.MonkeyPatch, answer: bytes
) -> None:
    """The pulling side: a peer's answer out of protocol is a PullError, never another
    exception (a deeply nested answer escaped as RecursionError), and nothing is stored."""
    import dataclasses

    from kpstandard.exchange import Answer, Client
    from kpstandard.node import PullError, pull

    config = dataclasses.replace(
        target.node.config, pull_from=BW, pull_endpoint="http://127.0.0.1:9"
    )
    node = dataclasses.replace(target.node, config=config)
    monkeypatch.setattr(Client, "get", lambda self, path: Answer(200, None, answer, {}))
    before = target.store.counts()
    with pytest.raises(PullError, match="out of protocol"):
        pull(node, target.store)
    assert target.store.counts() == before


def test_the_officer_page_shows_the_newest_documents_past_10000(
    target: Target, tmp_path: Path
) -> None:
    """The page read the first 10,000 inbox rows (with their bodies) and showed the last 200 of
    those: past 10,000 documents a new one never appeared, and every unauthenticated GET / read
    every body of those rows."""
    from starlette.testclient import TestClient

    from kpstandard.node import create_app
    from kpstandard.node._store import inbox

    store = NodeStore(str(tmp_path / "page.sqlite"))
    rows = [
        {
            "message_id": f"m{n}",
            "sender": "BW/BW-MME-DH",
            "document_type": "kp-certificate",
            "participant": "BW",
            "number": f"N{n:06d}",
            "digest_sha256": "x",
            "body": b"-",
            "received_at": "2026-11-30T00:00:00Z",
            "receipt": b"-",
        }
        for n in range(10_050)
    ]
    with store.transaction() as conn:
        conn.execute(inbox.insert(), rows)
    with TestClient(
        create_app(target.node, store, worker=False), client=("127.0.0.1", 50000)
    ) as client:  # the page is the operators' (loopback's)
        page = client.get("/").text
    store.close()
    assert "N010049" in page
    assert "N009850" in page
    assert "N009849" not in page


# -- a hub: the same relayed message twice at once -------------------------------------------------


def _certificate_for(participant: str, number: str) -> bytes:
    data = json.loads((ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_text())
    today = datetime.datetime.now(datetime.UTC).date()
    data["importingParticipant"] = participant
    data["certificateNumber"] = number
    data["dateOfIssue"] = today.isoformat()
    data["dateOfExpiry"] = (today + datetime.timedelta(days=59)).isoformat()
    return kpstandard.sign(
        json.dumps(data).encode(),
        key=load_private_key(PKI / "BW-MME-DH.key.pem"),
        certificate=load_certificate(PKI / "BW-MME-DH.cert.pem"),
    )


def test_a_hub_answers_the_loser_of_a_race_on_a_relayed_message_202(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two deliveries of one message for an authority the node relays for, both looking before
    either stored it: the second insert hit the outbox's unique key (sender, message id) and the
    IntegrityError was answered 503 KP-EX-016. It is the same message: 202, held once."""
    import dataclasses

    from kpstandard.node._receive import Receiver

    ae = Address("AE", "AE-KPO")
    config = dataclasses.replace(target.node.config, relay=((ae, "pull"),))
    receiver = Receiver(dataclasses.replace(target.node, config=config), target.store)
    today = datetime.datetime.now(datetime.UTC).date()
    body = _certificate_for("AE", f"BW9{today:%y%m%d}888888")
    envelope = Envelope(BW, ae, new_message_id(), "kp-certificate")
    first = receiver.deliver(envelope, BW, body)
    monkeypatch.setattr(target.store, "outbox_item", lambda *a, **k: None)
    again = receiver.deliver(envelope, BW, body)
    assert (first.status, again.status) == (202, 202), again.body[:300]
    monkeypatch.undo()
    other = _certificate_for("AE", f"BW9{today:%y%m%d}888889")
    monkeypatch.setattr(target.store, "outbox_item", lambda *a, **k: None)
    conflicting = receiver.deliver(envelope, BW, other)
    assert (conflicting.status, conflicting.code) == (409, "KP-EX-012")
    monkeypatch.undo()
    held = target.store.outbox_for(str(ae), envelope.message_id)
    assert len(held) == 1


# -- a hub's relaying exception used to read another authority's mail ------------------------------


def test_a_node_key_cannot_pull_or_track_as_another_authority_at_a_hub(
    target: Target, tmp_path: Path
) -> None:
    """At a hub that holds mail for AE (pull) and relays for BW, BW's own node key signed
    ``GET /inbox`` with ``KP-Sender: AE/AE-KPO`` and ``KP-Receiver: BW/BW-MME-DH``: the relaying
    exception (a key listed for the authority addressed may send for another, protocol 1.3)
    let it through as AE, and BW read the documents held for AE. The exception is for
    deliveries only, whose documents carry their own signatures; elsewhere KP-EX-004."""
    import dataclasses

    from starlette.testclient import TestClient

    from kpstandard.node import create_app

    ae = Address("AE", "AE-KPO")
    config = dataclasses.replace(target.node.config, relay=((ae, "pull"), (BW, "pull")))
    node = dataclasses.replace(target.node, config=config)
    store = NodeStore(str(tmp_path / "hub.sqlite"))
    with store.transaction() as conn:
        store.enqueue(
            conn,
            message_id="for-ae",
            receiver=str(ae),
            document_type="kp-certificate",
            number="N1",
            digest="x",
            body=b"secret",
            now=time.time(),
            sender=str(BW),
        )
    posing = Identity(ae, target.bw.key, target.bw.certificate)
    with TestClient(create_app(node, store, worker=False)) as client:
        answers = []
        for method, path, body in (
            ("GET", "/inbox?after=0&limit=10", b""),
            ("GET", "/tracking/for-ae", b""),
            ("POST", "/inbox/ack", b'{"messageId": "for-ae", "receipt": ""}'),
        ):
            request = signed_request(posing, BW, method, "http://testserver" + path, body=body)
            response = client.request(method, path, headers=dict(request.headers), content=body)
            answers.append((response.status_code, response.json().get("code")))
            assert b"secret" not in response.content
            assert base64.b64encode(b"secret") not in response.content
    store.close()
    assert answers == [(403, "KP-EX-004")] * 3


# -- replays and load -----------------------------------------------------------------------------


def test_a_nonce_used_again_in_a_new_request_is_a_replay(target: Target) -> None:
    nonce = "attack-nonce-" + new_message_id().replace("-", "")[:20]
    first = _probe(target, target.request(b"<a/>", nonce=nonce))
    again = _probe(target, target.request(b"<b/>", nonce=nonce))
    get = _probe(target, signed_request(target.bw, EU, "GET", target.url + "/inbox", nonce=nonce))
    assert first == (422, "KP-EX-011")
    assert again == get == (401, "KP-EX-006")


def test_many_documents_delivered_concurrently_twice_each_are_each_stored_once(
    target: Target,
) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    bodies = [_certificate_for("EU", f"BW9{today:%y%m%d}9{n:05d}") for n in range(10)]
    requests = [target.request(b) for b in bodies for _ in range(2)]
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(target.send, requests))
    assert sorted(a.status_code for a in answers) == [200] * 10 + [201] * 10, [
        (a.status_code, a.text[:200]) for a in answers if a.status_code >= 300
    ]
    for body in bodies:
        assert inbox_rows(target, number_of(body)) == 1


# -- the sending side against a hostile receiver --------------------------------------------------


class _Hostile:
    """A receiver on loopback that reads a request and answers as ``mode`` says."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(
                next(
                    (
                        line.split(b":")[1]
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    b"0",
                )
            )
            while len(body) < length:
                body += conn.recv(65536)
            problem = b"application/problem+json"
            try:
                if self.mode == "trickle":
                    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n")
                    while not self.stop.is_set():
                        conn.sendall(b"<")
                        time.sleep(0.1)
                elif self.mode == "huge":
                    size = 20_000_000
                    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % size)
                    for _ in range(size // 1_000_000):
                        conn.sendall(b"<" * 1_000_000)
                else:
                    answer = {
                        "array": b"[]",
                        "deep": b"[" * 100_000 + b"]" * 100_000,
                        "code-list": b'{"code": ["KP-EX-011"]}',
                    }[self.mode]
                    conn.sendall(
                        b"HTTP/1.1 422 X\r\ncontent-type: %s\r\ncontent-length: %d\r\n\r\n%s"
                        % (problem, len(answer), answer)
                    )
            except OSError:
                pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


@pytest.mark.parametrize("mode", ["trickle", "huge", "array", "deep", "code-list"])
def test_a_hostile_receiver_costs_the_sender_one_bounded_attempt(
    target: Target, tmp_path: Path, mode: str
) -> None:
    """The outbox worker against a receiver that trickles its answer (httpx bounds each read,
    not the answer: the delivery, and every other one of its batch, waited for ever), answers
    20 MB, or answers a problem whose JSON is not an object, deeply nested, or has a code that
    is not a string (each failed the whole batch, and the item was sent again a second later,
    for ever, with no backoff). Each is one failed attempt, retried later."""
    import asyncio
    import dataclasses

    from kpstandard.node._worker import Worker

    hostile = _Hostile(mode)
    try:
        bw = Node.load(load_config(target.made["bw"]))
        config = dataclasses.replace(
            bw.config,
            database=str(tmp_path / "sender.sqlite"),
            relay=((EU, f"http://127.0.0.1:{hostile.port}"),),
            delivery_timeout=1.0,
        )
        node = dataclasses.replace(bw, config=config)
        store = NodeStore(config.database)
        with store.transaction() as conn:
            store.enqueue(
                conn,
                message_id="to-hostile",
                receiver=str(EU),
                document_type="kp-certificate",
                number="N1",
                digest="x",
                body=target.certificate(11),
                now=time.time(),
            )
        worker = Worker(node, store)
        [item] = store.due(time.time())

        async def attempt() -> None:
            async with httpx.AsyncClient(timeout=15.0) as http:
                await asyncio.wait_for(worker._guarded(http, item), 10)

        started = time.monotonic()
        asyncio.run(attempt())
        assert time.monotonic() - started < 5
        after = store.outbox_item("to-hostile")
        store.close()
    finally:
        hostile.close()
    assert after is not None
    assert (after.state, after.attempts) == ("pending", 1), after.last_error
    assert after.last_error


@pytest.mark.parametrize("mode", ["trickle", "huge", "deep", "code-list"])
def test_a_hostile_peer_costs_the_client_one_bounded_request(target: Target, mode: str) -> None:
    """The synchronous client (pull, ``kpcert node status|track``) against a peer that trickles
    its answer (it waited for ever: httpx bounds each read), answers without end (read whole
    into memory), or answers a problem body that is deeply nested or has a list as its code."""
    from kpstandard.exchange import Client

    hostile = _Hostile(mode)
    try:
        url = f"http://127.0.0.1:{hostile.port}"
        with Client(target.bw, EU, url, timeout=5, deadline=1, max_answer=1_000_000) as client:
            started = time.monotonic()
            if mode in ("trickle", "huge"):
                with pytest.raises(httpx.HTTPError):
                    client.get("/inbox")
            else:
                answer = client.get("/inbox")
                assert (answer.status, answer.code) == (422, None)
            assert time.monotonic() - started < 4
    finally:
        hostile.close()


def test_a_pulled_message_acknowledged_twice_and_by_another_authority(target: Target) -> None:
    """A hub holds a message for IN (pull). IN acknowledges it with its signed receipt: 204, and
    again: 204, the message delivered once with the first receipt. BW acknowledging the same
    message id with IN's receipt: 404 KP-EX-015 (the message is not held for BW); IN with a
    receipt about another digest: 422 KP-EX-011, nothing changed."""
    import dataclasses

    from kpstandard.node._receive import Receiver

    ae = Address("IN", "IN-GJEPC")
    config = dataclasses.replace(target.node.config, relay=((ae, "pull"),))
    hub = Receiver(dataclasses.replace(target.node, config=config), target.store)
    today = datetime.datetime.now(datetime.UTC).date()
    body = _certificate_for("IN", f"BW9{today:%y%m%d}777001")
    envelope = Envelope(BW, ae, new_message_id(), "kp-certificate")
    assert hub.deliver(envelope, BW, body).status == 202
    [held] = target.store.outbox_for(str(ae), envelope.message_id)

    ae_identity = identity("IN-GJEPC", ae)
    as_ae = dataclasses.replace(
        target.node,
        config=dataclasses.replace(target.node.config, authority=ae, name="GJEPC (test)"),
        key=ae_identity.key,
        certificate=ae_identity.certificate,
    )
    signer = Receiver(as_ae, target.store)
    receipt = signer._receipt(envelope, held.number, held.digest)
    other = signer._receipt(envelope, held.number, "b3RoZXI=")

    def ack(caller: Address, signed: bytes) -> tuple[int, str | None]:
        given = {"messageId": envelope.message_id, "receipt": base64.b64encode(signed).decode()}
        outcome = hub.acknowledge(caller, json.dumps(given).encode())
        return outcome.status, outcome.code

    assert ack(BW, receipt) == (404, "KP-EX-015")
    assert ack(ae, other) == (422, "KP-EX-011")
    assert target.store.outbox_for(str(ae), envelope.message_id)[0].state == "pending"
    assert ack(ae, receipt) == (204, None)
    first = target.store.outbox_for(str(ae), envelope.message_id)[0]
    assert ack(ae, receipt) == (204, None)
    again = target.store.outbox_for(str(ae), envelope.message_id)
    assert len(again) == 1
    assert (again[0].state, again[0].receipt, again[0].delivered_at) == (
        "delivered",
        receipt,
        first.delivered_at,
    )


def test_a_sender_not_on_the_list_and_a_keyid_of_another_authority(target: Target) -> None:
    nobody = Identity(Address("ZZ", "NOBODY"), target.bw.key, target.bw.certificate)
    request = signed_request(
        nobody,
        EU,
        "POST",
        target.url + "/messages",
        body=target.certificate(12),
        envelope=Envelope(nobody.address, EU, new_message_id(), "kp-certificate"),
    )
    assert _probe(target, request) == (403, "KP-EX-004")
    from kpstandard.exchange import key_id

    request = target.request(target.certificate(12))
    eu_key = key_id(identity("EU-BE-FPSECO-DO", EU).certificate)
    bw_key = key_id(target.bw.certificate)
    request.headers["signature-input"] = request.headers["signature-input"].replace(bw_key, eu_key)
    assert _probe(target, request) == (401, "KP-EX-002")
    assert inbox_rows(target, number_of(target.certificate(12))) == 0


# -- a node certificate outside its validity period ------------------------------------------------


def test_a_node_certificate_past_its_validity_authenticates_nothing(
    target: Target, tmp_path: Path
) -> None:
    """The trust list names AO's node with a certificate that expired in 2024: its key signed
    requests that the node accepted as AO's (the directory took every listed certificate,
    whatever its validity). KP-EX-003, before the body."""
    import yaml

    from kpstandard.node._receive import Receiver
    from kpstandard.pipeline import build_trust_list

    description = yaml.safe_load((ROOT / "examples" / "pki" / "trust-list.yaml").read_text())
    expired = load_certificate(PKI / "AO-MIREMPET-KP-expired.cert.pem")
    from cryptography.hazmat.primitives.serialization import Encoding

    der = base64.b64encode(expired.public_bytes(Encoding.DER)).decode()
    for participant in description["participants"]:
        for authority in participant["authorities"]:
            for cert in authority["certificates"]:
                if "file" in cert:
                    cert["file"] = str(ROOT / "examples" / "pki" / cert["file"])
            if authority["identifier"] == "AO-MIREMPET-KP":
                authority["exchangeNodes"] = [
                    {"endpoint": "http://127.0.0.1:9", "certificates": [der]}
                ]
    source = tmp_path / "trust-list.yaml"
    source.write_text(yaml.safe_dump(description, sort_keys=False))
    signed = kpstandard.sign(
        build_trust_list(source, "xml"),
        key=load_private_key(ROOT / "examples" / "pki" / "operator" / "operator.key.pem"),
        certificate=load_certificate(ROOT / "examples" / "pki" / "operator" / "operator.cert.pem"),
    )
    (tmp_path / "trust-list.xml").write_bytes(signed)
    text = (
        target.made["eu"]
        .read_text()
        .replace('trust_list = "trust-list.xml"', f'trust_list = "{tmp_path / "trust-list.xml"}"')
    )
    (tmp_path / "eu.toml").write_text(text)
    node = Node.load(load_config(tmp_path / "eu.toml"))
    ao = Identity(
        Address("AO", "AO-MIREMPET-KP"),
        load_private_key(PKI / "AO-MIREMPET-KP-expired.key.pem"),
        expired,
    )
    request = signed_request(ao, EU, "GET", target.url + "/inbox")
    headers = {k.lower(): v for k, v in request.headers.items()}
    receiver = Receiver(node, target.store)
    with pytest.raises(SignatureError) as refused:
        receiver.screen(headers)
    assert refused.value.refusal.code == "KP-EX-003"
    with pytest.raises(SignatureError) as refused:
        receiver.authenticate("GET", "/inbox", "", headers, b"")
    assert refused.value.refusal.code == "KP-EX-003"


def test_the_officer_page_reads_no_document_bodies(target: Target, tmp_path: Path) -> None:
    """Each unauthenticated GET / read up to 200 outbox and 200 quarantine rows with their
    bodies (up to 1 MiB each): the page selects the columns it shows, never a body."""
    import sqlalchemy as sa
    from starlette.testclient import TestClient

    from kpstandard.node import create_app

    store = NodeStore(str(tmp_path / "page.sqlite"))
    with store.transaction() as conn:
        store.enqueue(
            conn,
            message_id="out-1",
            receiver=str(BW),
            document_type="kp-certificate",
            number="N-OUT",
            digest="x",
            body=b"-",
            now=time.time(),
        )
    store.quarantine(message_id="q-1", sender=str(BW), code="KP-EX-011", findings=[], body=b"-")
    statements: list[str] = []
    sa.event.listen(
        store.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *rest: statements.append(statement),
    )
    with TestClient(
        create_app(target.node, store, worker=False), client=("127.0.0.1", 50000)
    ) as client:  # the page is the operators' (loopback's)
        page = client.get("/").text
    store.close()
    assert "N-OUT" in page
    assert "q-1" in page
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    assert not [s for s in selects if ".body" in s or ".receipt" in s], selects


@pytest.mark.parametrize(
    ("client", "headers", "operator"),
    [
        (("127.0.0.1", 50000), {}, True),
        (("::1", 50000), {}, True),
        (("203.0.113.7", 50000), {}, False),
        (("10.0.0.5", 50000), {}, False),
        (("testclient", 50000), {}, False),  # not an address
        (("127.0.0.1", 50000), {"x-forwarded-for": "203.0.113.7"}, False),  # through a proxy
        (("127.0.0.1", 50000), {"forwarded": "for=203.0.113.7"}, False),
        (("127.0.0.1", 50000), {"x-real-ip": "203.0.113.7"}, False),
    ],
)
def test_the_officer_page_and_metrics_are_the_operators_only(
    target: Target, client: tuple[str, int], headers: dict[str, str], operator: bool
) -> None:
    """The page lists every sender's message ids and needed no authentication (against
    KP-REQ-130), and the metrics and /health counts told anyone the queues: they answer only the
    operators' networks (loopback by default), not through a proxy; anyone else is answered
    404 KP-EX-018 as for a path without an operation, and /health without counts."""
    with TestClient(create_app(target.node, target.store, worker=False), client=client) as http:
        answers = [http.get(path, headers=headers) for path in ("/", "/metrics")]
        health = http.get("/health", headers=headers)
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    if operator:
        assert [a.status_code for a in answers] == [200, 200]
        assert 'data-test="outbox"' in answers[0].text
        assert "inbox" in health.json()
    else:
        assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "KP-EX-018")] * 2
        assert set(health.json()) == {"status", "authority"}


def test_the_operators_networks_are_configured(tmp_path: Path) -> None:
    made = make_demo.make(tmp_path, bw_port=harness.free_port(), eu_port=harness.free_port())
    config = made["eu"]
    config.write_text(
        config.read_text().replace("[node]\n", '[node]\noperators = ["10.1.0.0/16"]\n', 1)
    )
    node = Node.load(load_config(config))
    store = NodeStore(node.config.database)
    try:
        for host, status in (("10.1.2.3", 200), ("127.0.0.1", 404)):
            with TestClient(create_app(node, store, worker=False), client=(host, 1)) as http:
                assert http.get("/metrics").status_code == status, host
    finally:
        store.close()
    config.write_text(config.read_text().replace('["10.1.0.0/16"]', '"everyone"'))
    with pytest.raises(ConfigError, match="operators"):
        load_config(config)
