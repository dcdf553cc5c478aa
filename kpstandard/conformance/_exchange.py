"""The ``exchange`` role: the runner plays a peer node against a node under test, over the
protocol (spec/exchange/protocol.md), and grades what it answers in the suite's report format.

The node under test is the importing authority ``EU/EU-BE-FPSECO-DO`` of the suite's test PKI;
the runner is the exporting authority ``BW/BW-MME-DH`` (and, to impersonate, ``AE/AE-KPO``). The
node is configured from a *kit* (:func:`make_kit`): the suite's trust list with an exchange node
for both authorities, re-signed by the test operator, and the test keys of the node's authority.
Documents are signed at run time with today's date, since a node judges at its own clock; their
numbers are fresh per run, so a run against a node that has seen an earlier run is still judged.

Each test is a short scenario (a delivery, a duplicate, a conflict, a forgery, a pull, a status
query, a restart) with a stable id ``KP-V-EXC-nnnn``, the requirement it checks and the answer
the protocol asks for, written by hand beside it. TEST ONLY keys: never configure a real node
with the kit.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard import _api as api
from kpstandard.conformance._grading import Grade
from kpstandard.conformance._manifest import EXCHANGE_AREA, ExchangeTest
from kpstandard.conformance._suite import default_suite_dir
from kpstandard.conformance._versions import all_versions
from kpstandard.conformance.generate._pki import sign_document
from kpstandard.conformance.generate._xmldsig import SigningKey
from kpstandard.exchange import Address, Answer, Client, Envelope, Identity, signed_request
from kpstandard.model import AuthorityTrustList, ExchangeNode, Receipt, StatusResponse
from kpstandard.model.meta import version_key
from kpstandard.signature.keys import PrivateKey, load_certificate, load_private_key
from kpstandard.signature.trustlist import TrustList

__all__ = [
    "AREA",
    "NODE",
    "PEER",
    "ROLE",
    "ExchangeTarget",
    "Kit",
    "make_kit",
    "play",
    "scenarios",
]

UTC = datetime.UTC
ROLE = "exchange"
AREA = EXCHANGE_AREA
NODE = Address("EU", "EU-BE-FPSECO-DO")
"""The authority the node under test serves."""
PEER = Address("BW", "BW-MME-DH")
"""The authority the runner plays."""
STRANGER = Address("AE", "AE-KPO")
"""An authority on the list with no exchange node: its key signs nothing the node may accept."""
_PEER_ENDPOINT = "http://127.0.0.1:9"
"""The runner's own endpoint on the kit's list: the discard port; no test needs the node to
deliver to the runner (the pull tests ask instead)."""


def _context_dir(suite: Path | None) -> Path:
    return (suite or default_suite_dir()) / "issuance" / "context"


def _b64_der(certificate: x509.Certificate) -> str:
    return base64.b64encode(certificate.public_bytes(Encoding.DER)).decode("ascii")


@dataclass(frozen=True)
class Kit:
    """The files a node under test is configured with, and what the runner needs of them."""

    folder: Path
    trust_list: Path
    """The suite's trust list with both exchange nodes, signed by the test operator."""
    trust_anchor: Path
    key: Path
    """The node authority's test key (receipts, status responses, request signatures)."""
    certificate: Path
    node_config: Path
    """A configuration of the reference node (``kpcert node serve --config``), as an example."""


def make_kit(folder: Path, endpoint: str, *, suite: Path | None = None, port: int = 0) -> Kit:
    """Write the kit for a node under test reached at ``endpoint`` into ``folder``.

    Args:
        folder: where to write (created).
        endpoint: the base URL of the node under test, as the trust list will name it.
        suite: the suite folder (default: this installation's).
        port: the port written into the example configuration (default: the endpoint's).
    """
    context = _context_dir(suite)
    folder.mkdir(parents=True, exist_ok=True)
    listed = api.load((context / "trust-list.xml").read_bytes())
    assert isinstance(listed, AuthorityTrustList)
    nodes = {
        PEER: (_PEER_ENDPOINT, PEER.authority),
        NODE: (endpoint.rstrip("/"), NODE.authority),
    }
    participants = []
    for participant in listed.participants:
        authorities = []
        for authority in participant.authorities:
            found = nodes.get(Address(participant.code, authority.identifier))
            if found is not None:
                cert = load_certificate(context / f"{found[1]}.cert.pem")
                authority = dataclasses.replace(
                    authority,
                    exchange_nodes=(
                        ExchangeNode(endpoint=found[0], certificates=(_b64_der(cert),)),
                    ),
                )
            authorities.append(authority)
        participants.append(dataclasses.replace(participant, authorities=tuple(authorities)))
    extended = dataclasses.replace(listed, participants=tuple(participants))
    signed = api.sign(
        api.dumps(extended, "xml"),
        key=load_private_key(context / "operator.key.pem"),
        certificate=load_certificate(context / "operator.cert.pem"),
    )
    files = {
        "trust-list.xml": signed,
        "operator.cert.pem": (context / "operator.cert.pem").read_bytes(),
        "node.key.pem": (context / f"{NODE.authority}.key.pem").read_bytes(),
        "node.cert.pem": (context / f"{NODE.authority}.cert.pem").read_bytes(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    listen_port = port or httpx.URL(endpoint).port or 80
    config = folder / "node.toml"
    config.write_text(
        "# The node under test of the exchange role (TEST KEYS ONLY): kpcert node serve --config\n"
        "[node]\n"
        f'authority = "{NODE}"\n'
        'name = "EU node under test"\n'
        f'listen = "127.0.0.1:{listen_port}"\n'
        'database = "node.sqlite"\n'
        'trust_list = "trust-list.xml"\n'
        'trust_anchor = "operator.cert.pem"\n'
        'key = "node.key.pem"\n'
        'certificate = "node.cert.pem"\n',
        "utf-8",
    )
    return Kit(
        folder,
        folder / "trust-list.xml",
        folder / "operator.cert.pem",
        folder / "node.key.pem",
        folder / "node.cert.pem",
        config,
    )


@dataclass(frozen=True)
class ExchangeTarget:
    """The node under test."""

    url: str
    """Its base URL (the endpoint the kit's trust list names)."""
    kit: Kit
    restart: Callable[[], None] | None = None
    """Stops and starts the node (its data kept), returning when it answers again; without it,
    the durability test does not apply."""
    timeout: float = 30.0


class _Failed(Exception):
    """The node's answer contradicts the protocol."""


class _WrongReason(Exception):
    """The node refused as expected, with another code."""


@dataclass
class _Session:
    """What the scenarios share: identities, documents made for this run, answers so far."""

    target: ExchangeTarget
    trust_list: TrustList
    peer: Identity
    stranger: Identity
    peer_key: PrivateKey
    peer_certificate: x509.Certificate
    stranger_key: PrivateKey
    stranger_certificate: x509.Certificate
    http: httpx.Client
    run_id: str
    template: str
    """The suite's golden BW -> EU certificate as JSON, without its signature."""
    serial: int = 0
    delivered: dict[str, Any] = field(default_factory=dict)

    def client(self, identity: Identity | None = None) -> Client:
        return Client(identity or self.peer, NODE, self.target.url, timeout=self.target.timeout)

    def number(self) -> str:
        self.serial += 1
        today = datetime.datetime.now(UTC).date()
        return f"BW7{today:%y%m%d}{self.run_id}{self.serial:02d}"

    def certificate(
        self, number: str, *, key: PrivateKey | None = None, cert: Any = None, **changes: Any
    ) -> bytes:
        template = json.loads(self.template)
        today = datetime.datetime.now(UTC).date()
        template["certificateNumber"] = number
        template["dateOfIssue"] = today.isoformat()
        template["dateOfExpiry"] = (today + datetime.timedelta(days=60)).isoformat()
        template.update(changes)
        # The suite's own signer: it signs what the reference signer would refuse (a broken rule).
        return sign_document(
            api.load(json.dumps(template).encode()),
            SigningKey(key or self.peer_key, cert or self.peer_certificate),
        )

    def deliver(
        self, document: bytes, *, message_id: str | None = None, identity: Identity | None = None
    ) -> tuple[Envelope, Answer]:
        who = identity or self.peer
        envelope = Envelope(
            who.address, NODE, message_id or f"exc-{secrets.token_hex(8)}", "kp-certificate"
        )
        with self.client(who) as client:
            return envelope, client.deliver(envelope, document)


def _digest(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _expect_refusal(answer: Answer, status: int, *codes: str) -> str:
    if answer.status < 400:
        raise _Failed(f"accepted ({answer.status}); expected a refusal {', '.join(codes)}")
    if answer.code not in codes:
        raise _WrongReason(
            f"refused {answer.status} with {answer.code or 'no code'}; expected {', '.join(codes)}"
        )
    if answer.status != status:
        raise _WrongReason(f"{answer.code} answered with HTTP {answer.status}, not {status}")
    return ""


def _check_receipt(
    session: _Session, answer: Answer, envelope: Envelope, document: bytes, *, status: int = 201
) -> Receipt:
    if answer.status != status:
        raise _Failed(
            f"answered {answer.status} {answer.code or ''}; expected {status} with a receipt"
        )
    report = api.verify(
        answer.body, trust_list=session.trust_list, verification_time=datetime.datetime.now(UTC)
    )
    receipt = report.document
    if not report.valid or not isinstance(receipt, Receipt):
        codes = ", ".join(sorted({f.code for f in report.findings})) or report.verdict.value
        raise _Failed(f"the answer is not a signed Receipt that verifies ({codes})")
    if Address(receipt.participant, receipt.receiving_authority.identifier) != NODE:
        raise _Failed(f"the receipt is signed for {receipt.participant}, not {NODE}")
    if receipt.digest.value != _digest(document):
        raise _Failed("the receipt names another digest than the document's")
    if (receipt.sender_participant, receipt.sender_authority) != (
        envelope.sender.participant,
        envelope.sender.authority,
    ):
        raise _Failed("the receipt names another sender")
    return receipt


@dataclass(frozen=True)
class Scenario:
    """One test of the exchange role."""

    id: str
    name: str
    requirement: str
    level: str
    description: str
    expected: dict[str, Any]
    """The answer the protocol asks for: ``outcome`` (accept, reject), the refusal ``codes`` and
    their HTTP ``status`` (for an accepting test, those its follow-up requests expect)."""
    run: Callable[[_Session], str]
    """Returns "" on a pass, or why the test does not apply; raises on a failure."""
    sends: str = ""
    """What the runner sends to the node, in words (the manifest's ``sends``)."""


# -- the scenarios, each with its expectation written by hand ------------------------------------


def _deliver_valid(s: _Session) -> str:
    number = s.number()
    document = s.certificate(number)
    started = datetime.datetime.now(UTC).replace(microsecond=0)
    envelope, answer = s.deliver(document)
    receipt = _check_receipt(s, answer, envelope, document)
    if receipt.message_id != envelope.message_id or receipt.document_number != number:
        raise _Failed("the receipt is about another message or number")
    ended = datetime.datetime.now(UTC) + datetime.timedelta(seconds=1)
    slack = datetime.timedelta(minutes=5)
    if not started - slack <= receipt.received_at <= ended + slack:
        raise _Failed(f"the receipt's instant {receipt.received_at} is not the time of receipt")
    s.delivered["valid"] = (envelope, document, receipt)
    return ""


def _first(s: _Session) -> tuple[Envelope, bytes, Receipt]:
    if "valid" not in s.delivered:
        _deliver_valid(s)
    first: tuple[Envelope, bytes, Receipt] = s.delivered["valid"]
    return first


def _same_message_again(s: _Session) -> str:
    envelope, document, receipt = _first(s)
    again, answer = s.deliver(document, message_id=envelope.message_id)
    second = _check_receipt(s, answer, again, document, status=200)
    if (second.message_id, second.received_at) != (receipt.message_id, receipt.received_at):
        raise _Failed("the duplicate's receipt is not the receipt of the first acceptance")
    return ""


def _same_document_new_message(s: _Session) -> str:
    _, document, receipt = _first(s)
    again, answer = s.deliver(document)
    second = _check_receipt(s, answer, again, document, status=200)
    return _answers_the_new_message(second, again, receipt, "")


def _answers_the_new_message(second: Receipt, again: Envelope, first: Receipt, after: str) -> str:
    """Protocol 3.4: the receipt of a document delivered again under a new message id names that
    message id (the sender's check needs no exception) with the first acceptance's instant."""
    if second.message_id != again.message_id:
        raise _Failed(
            f"{after}the receipt of the same document under a new message id names message "
            f"{second.message_id!r}, not the message that asked ({again.message_id!r})"
        )
    if second.received_at != first.received_at:
        raise _Failed(
            f"{after}the same document under a new message id was recorded again: its receipt's "
            f"instant {second.received_at} is not the first acceptance's ({first.received_at})"
        )
    return ""


def _conflict(s: _Session) -> str:
    _, document, _ = _first(s)
    number = api.load(document).certificate_number
    today = datetime.datetime.now(UTC).date()
    other = s.certificate(number, dateOfExpiry=(today + datetime.timedelta(days=59)).isoformat())
    if other == document:  # pragma: no cover (a signature has a fresh instant or value)
        raise _Failed("the runner could not make a second document under the same number")
    _, answer = s.deliver(other)
    return _expect_refusal(answer, 409, "KP-EX-012")


def _invalid(s: _Session) -> str:
    today = datetime.datetime.now(UTC).date()
    document = s.certificate(
        s.number(), dateOfExpiry=(today - datetime.timedelta(days=1)).isoformat()
    )
    envelope, answer = s.deliver(document)
    _expect_refusal(answer, 422, "KP-EX-011")
    return _tracked_refused(s, envelope)


def _tracked_refused(s: _Session, envelope: Envelope) -> str:
    with s.client() as client:
        tracked = client.get(f"/tracking/{envelope.message_id}")
    if tracked.status != 200:
        raise _Failed(f"the refused message is not kept: tracking answered {tracked.status}")
    try:
        state = tracked.json().get("state")
    except ValueError as exc:
        raise _Failed("tracking did not answer JSON") from exc
    if state != "refused":
        raise _Failed(f"tracking says {state!r} of a refused message, not 'refused'")
    return ""


def _forged(s: _Session) -> str:
    number = s.number()
    document = s.certificate(number)
    forged = document.replace(number.encode(), (number[:-2] + "99").encode())
    if forged == document:  # pragma: no cover
        raise _Failed("the runner could not forge the document")
    envelope, answer = s.deliver(forged)
    _expect_refusal(answer, 422, "KP-EX-011")
    return _tracked_refused(s, envelope)


def _not_the_senders(s: _Session) -> str:
    document = s.certificate(
        s.number(), key=s.stranger_key, cert=s.stranger_certificate, exportingParticipant="AE"
    )
    _, answer = s.deliver(document)
    return _expect_refusal(answer, 422, "KP-EX-013", "KP-EX-011")


def _unsigned(s: _Session) -> str:
    document = s.certificate(s.number())
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-certificate")
    response = s.http.post(
        s.target.url.rstrip("/") + "/messages",
        content=document,
        headers={**envelope.headers(), "content-type": "application/xml"},
    )
    return _expect_refusal(_answer(response), 401, "KP-EX-001")


def _answer(response: httpx.Response) -> Answer:
    code = None
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        try:
            code = response.json().get("code")
        except ValueError:
            code = None
    return Answer(response.status_code, code, response.content, dict(response.headers))


def _unknown_key(s: _Session) -> str:
    document = s.certificate(s.number())
    _, answer = s.deliver(document, identity=s.stranger)
    return _expect_refusal(answer, 401, "KP-EX-003")


def _impersonation(s: _Session) -> str:
    document = s.certificate(s.number())
    liar = Identity(STRANGER, s.peer_key, s.peer_certificate)
    _, answer = s.deliver(document, identity=liar)
    return _expect_refusal(answer, 403, "KP-EX-004")


def _replayed(s: _Session) -> str:
    document = s.certificate(s.number())
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-certificate")
    request = signed_request(
        s.peer,
        NODE,
        "POST",
        s.target.url.rstrip("/") + "/messages",
        body=document,
        envelope=envelope,
        content_type="application/xml",
    )
    first = s.http.send(request)
    if first.status_code != 201:
        raise _Failed(f"the first delivery answered {first.status_code}, not 201")
    again = s.http.send(request)
    return _expect_refusal(_answer(again), 401, "KP-EX-006")


def _signed_delivery(
    s: _Session, document: bytes, envelope: Envelope, *, created: int | None = None
) -> httpx.Request:
    return signed_request(
        s.peer,
        envelope.receiver,
        "POST",
        s.target.url.rstrip("/") + "/messages",
        body=document,
        envelope=envelope,
        content_type="application/xml",
        created=created,
    )


def _bad_signature(s: _Session) -> str:
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-certificate")
    request = _signed_delivery(s, s.certificate(s.number()), envelope)
    # A covered component changed after signing: the signature no longer verifies.
    request.headers["kp-message-id"] = f"exc-{secrets.token_hex(8)}"
    return _expect_refusal(_answer(s.http.send(request)), 401, "KP-EX-002")


def _stale_signature(s: _Session) -> str:
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-certificate")
    an_hour_ago = int(time.time()) - 3600
    request = _signed_delivery(s, s.certificate(s.number()), envelope, created=an_hour_ago)
    return _expect_refusal(_answer(s.http.send(request)), 401, "KP-EX-005")


def _digest_mismatch(s: _Session) -> str:
    document = s.certificate(s.number())
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-certificate")
    request = _signed_delivery(s, document, envelope)
    altered = document.replace(b"</", b" </", 1)  # the same length but one byte
    request.stream = httpx.ByteStream(altered)
    request.headers["content-length"] = str(len(altered))
    return _expect_refusal(_answer(s.http.send(request)), 400, "KP-EX-009")


def _bad_envelope(s: _Session) -> str:
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "kp-passport")
    request = _signed_delivery(s, s.certificate(s.number()), envelope)
    return _expect_refusal(_answer(s.http.send(request)), 400, "KP-EX-010")


def _wrong_document_type(s: _Session) -> str:
    envelope = Envelope(PEER, NODE, f"exc-{secrets.token_hex(8)}", "import-confirmation")
    request = _signed_delivery(s, s.certificate(s.number()), envelope)
    return _expect_refusal(_answer(s.http.send(request)), 422, "KP-EX-013")


def _misdirected(s: _Session) -> str:
    request = signed_request(s.peer, STRANGER, "GET", s.target.url.rstrip("/") + "/inbox?after=0")
    return _expect_refusal(_answer(s.http.send(request)), 421, "KP-EX-014")


def _no_such_operation(s: _Session) -> str:
    url = s.target.url.rstrip("/") + "/no-such-operation"
    request = signed_request(s.peer, NODE, "GET", url)
    return _expect_refusal(_answer(s.http.send(request)), 404, "KP-EX-018")


def _method_not_allowed(s: _Session) -> str:
    request = signed_request(s.peer, NODE, "DELETE", s.target.url.rstrip("/") + "/messages")
    answer = _answer(s.http.send(request))
    verdict = _expect_refusal(answer, 405, "KP-EX-017")
    if "allow" not in {name.lower() for name in answer.headers}:
        raise _Failed("a 405 answer without an Allow field")
    return verdict


def _tracking(s: _Session) -> str:
    envelope, _, _ = _first(s)
    with s.client() as client:
        answer = client.get(f"/tracking/{envelope.message_id}")
        unknown = client.get(f"/tracking/exc-none-{secrets.token_hex(6)}")
    if answer.status != 200:
        raise _Failed(f"tracking of an accepted message answered {answer.status}")
    body = answer.json()
    if body.get("state") != "accepted":
        raise _Failed(f"tracking says {body.get('state')!r} of an accepted message")
    return _expect_refusal(unknown, 404, "KP-EX-015")


def _pull(s: _Session) -> str:
    with s.client() as client:
        answer = client.get("/inbox?after=0&limit=10")
        ack = client.post_json(
            "/inbox/ack",
            json.dumps(
                {"messageId": f"exc-none-{secrets.token_hex(6)}", "receipt": "AAAA"}
            ).encode(),
        )
    if answer.status != 200:
        raise _Failed(f"the inbox answered {answer.status}, not 200")
    try:
        body = answer.json()
        messages = body["messages"]
        int(body["next"])
    except (ValueError, KeyError, TypeError) as exc:
        raise _Failed("the inbox is not {messages: [...], next: CURSOR}") from exc
    for message in messages:
        if message.get("receiver") != str(PEER):
            raise _Failed(f"the inbox of {PEER} lists a message for {message.get('receiver')}")
    return _expect_refusal(ack, 404, "KP-EX-015")


def _pull_unsigned(s: _Session) -> str:
    response = s.http.get(s.target.url.rstrip("/") + "/inbox?after=0")
    return _expect_refusal(_answer(response), 401, "KP-EX-001")


def _status_unknown(s: _Session) -> str:
    digest = _digest(b"no such certificate")
    query = digest.replace("+", "%2B").replace("/", "%2F")
    number = f"{NODE.participant}0000000{s.run_id}"
    with s.client() as client:
        answer = client.get(f"/status/{number}?digest={query}")
        foreign = client.get(f"/status/{s.number()}?digest={query}")
    if answer.status != 200:
        raise _Failed(f"a status query answered {answer.status} {answer.code or ''}, not 200")
    report = api.verify(
        answer.body, trust_list=s.trust_list, verification_time=datetime.datetime.now(UTC)
    )
    response = report.document
    if not report.valid or not isinstance(response, StatusResponse):
        codes = ", ".join(sorted({f.code for f in report.findings})) or report.verdict.value
        raise _Failed(f"the answer is not a signed Status Response that verifies ({codes})")
    if response.participant != NODE.participant:
        raise _Failed(f"the status response is signed for {response.participant}")
    if (response.certificate_number, response.digest.value) != (number, digest):
        raise _Failed("the status response is about another number or digest")
    if response.status != "unknown" or response.recorded_at is not None:
        raise _Failed(
            f"a number never recorded is answered {response.status!r} (recorded at "
            f"{response.recorded_at}), not 'unknown' without an instant"
        )
    return _expect_refusal(foreign, 404, "KP-EX-015")


def _status_unsigned(s: _Session) -> str:
    response = s.http.get(s.target.url.rstrip("/") + "/status/EU0000000000000?digest=AAAA")
    return _expect_refusal(_answer(response), 401, "KP-EX-001")


def _durable(s: _Session) -> str:
    if s.target.restart is None:
        return "no restart command was given: the node's durability cannot be tested"
    envelope, document, receipt = _first(s)
    s.target.restart()
    with s.client() as client:
        tracked = client.get(f"/tracking/{envelope.message_id}")
    if tracked.status != 200 or tracked.json().get("state") != "accepted":
        raise _Failed(
            f"after a restart the accepted message is lost (tracking answered {tracked.status})"
        )
    again, answer = s.deliver(document)
    second = _check_receipt(s, answer, again, document, status=200)
    return _answers_the_new_message(second, again, receipt, "after a restart, ")


def scenarios() -> tuple[Scenario, ...]:
    """The tests of the exchange role, in run order."""

    def refuse(status: int, *codes: str) -> dict[str, Any]:
        return {"outcome": "reject", "codes": list(codes), "status": status}

    accept: dict[str, Any] = {"outcome": "accept"}
    return (
        Scenario(
            "KP-V-EXC-0001",
            "deliver-valid",
            "KP-REQ-100",
            "MUST",
            "A valid signed certificate delivered by its issuing authority's node is accepted with "
            "201 and a Receipt signed by the receiving authority, about that message, number and "
            "digest, with the instant of receipt.",
            accept,
            _deliver_valid,
            sends=(
                "POST /messages signed with the node key of BW/BW-MME-DH: a KP Certificate from "
                "BW to EU, signed today by that authority, under a fresh number."
            ),
        ),
        Scenario(
            "KP-V-EXC-0002",
            "duplicate-same-message",
            "KP-REQ-102",
            "MUST",
            "The same delivery again (a retry) is answered 200 with the receipt of its first "
            "acceptance, with its first instant: stored once.",
            accept,
            _same_message_again,
            sends=(
                "The delivery of KP-V-EXC-0001 again: the same message id and document (a retry)."
            ),
        ),
        Scenario(
            "KP-V-EXC-0003",
            "duplicate-new-message",
            "KP-REQ-102",
            "MUST",
            "The same document under a new message id is answered 200 with a receipt naming "
            "that message id, with the instant and digest of its first acceptance: the receiver "
            "stores a document once (type, Participant, number, digest).",
            accept,
            _same_document_new_message,
            sends=("The document of KP-V-EXC-0001 again, under a new message id."),
        ),
        Scenario(
            "KP-V-EXC-0004",
            "conflicting-document",
            "KP-REQ-103",
            "MUST",
            "Another signed document under a number already accepted is refused with KP-EX-012 "
            "(409); the stored document is not replaced.",
            refuse(409, "KP-EX-012"),
            _conflict,
            sends=(
                "Another certificate signed by BW/BW-MME-DH under the number of KP-V-EXC-0001 "
                "(its date of expiry a day earlier)."
            ),
        ),
        Scenario(
            "KP-V-EXC-0005",
            "invalid-document",
            "KP-REQ-104",
            "MUST",
            "A signed certificate that breaks a rule (expiry before issue) is refused with "
            "KP-EX-011 (422) and kept: tracking says refused.",
            refuse(422, "KP-EX-011"),
            _invalid,
            sends=(
                "A certificate signed by BW/BW-MME-DH whose date of expiry is before its date of "
                "issue; then GET /tracking/{its message id}."
            ),
        ),
        Scenario(
            "KP-V-EXC-0006",
            "forged-document",
            "KP-REQ-104",
            "MUST",
            "A certificate altered after signing (its number changed) is refused with KP-EX-011 "
            "(422) and kept: tracking says refused.",
            refuse(422, "KP-EX-011"),
            _forged,
            sends=(
                "A certificate signed by BW/BW-MME-DH whose number was changed after signing; "
                "then GET /tracking/{its message id}."
            ),
        ),
        Scenario(
            "KP-V-EXC-0007",
            "not-the-senders-document",
            "KP-REQ-104",
            "MUST",
            "A certificate signed by another authority than the sending node's is refused "
            "(KP-EX-013, or KP-EX-011 when it does not verify for the receiver).",
            refuse(422, "KP-EX-013", "KP-EX-011"),
            _not_the_senders,
            sends=(
                "A certificate of AE signed by AE/AE-KPO, delivered by the node of BW/BW-MME-DH."
            ),
        ),
        Scenario(
            "KP-V-EXC-0008",
            "unsigned-request",
            "KP-REQ-101",
            "MUST",
            "A delivery without an HTTP message signature is refused with KP-EX-001 (401).",
            refuse(401, "KP-EX-001"),
            _unsigned,
            sends=(
                "POST /messages with a valid certificate and a complete envelope, without an HTTP "
                "message signature."
            ),
        ),
        Scenario(
            "KP-V-EXC-0009",
            "unknown-node-key",
            "KP-REQ-101",
            "MUST",
            "A delivery signed with a key that the trust list names for no exchange node is "
            "refused with KP-EX-003 (401).",
            refuse(401, "KP-EX-003"),
            _unknown_key,
            sends=(
                "A delivery signed with the key of AE/AE-KPO, which the trust list names for no "
                "exchange node."
            ),
        ),
        Scenario(
            "KP-V-EXC-0010",
            "impersonation",
            "KP-REQ-101",
            "MUST",
            "A delivery signed with one authority's node key that names another authority as its "
            "sender is refused with KP-EX-004 (403).",
            refuse(403, "KP-EX-004"),
            _impersonation,
            sends=(
                "A delivery signed with the node key of BW/BW-MME-DH whose envelope names "
                "AE/AE-KPO as the sender."
            ),
        ),
        Scenario(
            "KP-V-EXC-0011",
            "replayed-request",
            "KP-REQ-101",
            "MUST",
            "The same signed request sent twice (the same signature nonce) is refused the second "
            "time with KP-EX-006 (401).",
            refuse(401, "KP-EX-006"),
            _replayed,
            sends=(
                "One signed delivery of a valid certificate sent twice, byte for byte (the same "
                "signature nonce)."
            ),
        ),
        Scenario(
            "KP-V-EXC-0012",
            "tracking",
            "KP-REQ-100",
            "MUST",
            "Tracking of an accepted message says accepted; of a message the node never had, "
            "KP-EX-015 (404).",
            refuse(404, "KP-EX-015"),
            _tracking,
            sends=(
                "GET /tracking/{the message id of KP-V-EXC-0001}, and GET /tracking/{a message id "
                "the node never had}."
            ),
        ),
        Scenario(
            "KP-V-EXC-0013",
            "pull-inbox",
            "KP-REQ-101",
            "MUST",
            "The pull inbox answers the calling authority {messages, next} with only its own "
            "messages; acknowledging a message it does not hold is refused with KP-EX-015 (404).",
            refuse(404, "KP-EX-015"),
            _pull,
            sends=(
                "GET /inbox?after=0&limit=10 as BW/BW-MME-DH, then POST /inbox/ack of a message "
                "id the node does not hold."
            ),
        ),
        Scenario(
            "KP-V-EXC-0014",
            "pull-unsigned",
            "KP-REQ-101",
            "MUST",
            "An unsigned request for the pull inbox is refused with KP-EX-001 (401).",
            refuse(401, "KP-EX-001"),
            _pull_unsigned,
            sends=("GET /inbox?after=0 without an HTTP message signature."),
        ),
        Scenario(
            "KP-V-EXC-0015",
            "status-unknown-number",
            "KP-REQ-101",
            "MUST",
            "A status query about a number of the node's Participant that its registry never "
            "recorded is answered with a Status Response signed by the node's authority, status "
            "unknown and no recorded-at instant (never a made-up status); about a number of "
            "another Participant, KP-EX-015 (404).",
            refuse(404, "KP-EX-015"),
            _status_unknown,
            sends=(
                "GET /status/{a number of EU the node never recorded}?digest=..., and the same of "
                "a number of BW."
            ),
        ),
        Scenario(
            "KP-V-EXC-0016",
            "status-unsigned",
            "KP-REQ-101",
            "MUST",
            "An unsigned status query is refused with KP-EX-001 (401).",
            refuse(401, "KP-EX-001"),
            _status_unsigned,
            sends=("GET /status/EU0000000000000?digest=AAAA without an HTTP message signature."),
        ),
        Scenario(
            "KP-V-EXC-0017",
            "durable-after-restart",
            "KP-REQ-102",
            "MUST",
            "After the node is restarted, an accepted message is still tracked as accepted and "
            "the same document delivered again under a new message id gets a receipt naming "
            "that message id with the instant of its first acceptance (not applicable when the "
            "runner is given no way to restart the node).",
            accept,
            _durable,
            sends=(
                "The runner's restart command, then GET /tracking/{the message id of "
                "KP-V-EXC-0001} and the document of KP-V-EXC-0001 delivered again."
            ),
        ),
        Scenario(
            "KP-V-EXC-0018",
            "bad-signature",
            "KP-REQ-101",
            "MUST",
            "A delivery whose envelope was changed after it was signed (a covered header, the "
            "message id) is refused with KP-EX-002 (401): its signature does not verify.",
            refuse(401, "KP-EX-002"),
            _bad_signature,
            sends=(
                "A delivery of a valid certificate signed with the node key of BW/BW-MME-DH, "
                "whose KP-Message-Id header was replaced after signing."
            ),
        ),
        Scenario(
            "KP-V-EXC-0019",
            "stale-signature",
            "KP-REQ-101",
            "MUST",
            "A delivery signed an hour ago (its signature's created parameter more than 300 "
            "seconds from the node's clock) is refused with KP-EX-005 (401).",
            refuse(401, "KP-EX-005"),
            _stale_signature,
            sends=(
                "A delivery of a valid certificate signed with the node key of BW/BW-MME-DH, "
                "with created set 3600 seconds in the past."
            ),
        ),
        Scenario(
            "KP-V-EXC-0020",
            "digest-mismatch",
            "KP-REQ-101",
            "MUST",
            "A signed delivery whose body is not the body its Content-Digest names is refused "
            "with KP-EX-009 (400).",
            refuse(400, "KP-EX-009"),
            _digest_mismatch,
            sends=(
                "A signed delivery of a valid certificate whose body was changed by one byte "
                "after signing (the Content-Digest header and the signature left as they were)."
            ),
        ),
        Scenario(
            "KP-V-EXC-0021",
            "bad-envelope",
            "KP-REQ-101",
            "MUST",
            "A signed delivery whose envelope names a document type the protocol does not have "
            "is refused with KP-EX-010 (400).",
            refuse(400, "KP-EX-010"),
            _bad_envelope,
            sends=("A signed delivery of a valid certificate with KP-Document-Type: kp-passport."),
        ),
        Scenario(
            "KP-V-EXC-0022",
            "wrong-document-type",
            "KP-REQ-104",
            "MUST",
            "A signed delivery of a KP Certificate whose envelope says it is an import "
            "confirmation is refused with KP-EX-013 (422).",
            refuse(422, "KP-EX-013"),
            _wrong_document_type,
            sends=(
                "A signed delivery of a valid certificate with KP-Document-Type: "
                "import-confirmation."
            ),
        ),
        Scenario(
            "KP-V-EXC-0023",
            "misdirected",
            "KP-REQ-101",
            "MUST",
            "A signed request whose KP-Receiver is an authority the node does not serve is "
            "refused with KP-EX-014 (421).",
            refuse(421, "KP-EX-014"),
            _misdirected,
            sends="GET /inbox?after=0 signed by BW/BW-MME-DH with KP-Receiver: AE/AE-KPO.",
        ),
        Scenario(
            "KP-V-EXC-0024",
            "no-such-operation",
            "KP-REQ-135",
            "MUST",
            "A signed request for a path where the protocol has no operation is refused with "
            "KP-EX-018 (404), a problem document with its code.",
            refuse(404, "KP-EX-018"),
            _no_such_operation,
            sends="GET /no-such-operation signed by BW/BW-MME-DH.",
        ),
        Scenario(
            "KP-V-EXC-0025",
            "method-not-allowed",
            "KP-REQ-135",
            "MUST",
            "A signed request with a method the path does not take is refused with KP-EX-017 "
            "(405) and an Allow field.",
            refuse(405, "KP-EX-017"),
            _method_not_allowed,
            sends="DELETE /messages signed by BW/BW-MME-DH.",
        ),
    )


def _session(
    target: ExchangeTarget, http: httpx.Client, suite: Path | None, version: str | None = None
) -> _Session:
    context = _context_dir(suite)
    trust_list, findings = api.load_trust_list(
        target.kit.trust_list.read_bytes(), anchor=load_certificate(target.kit.trust_anchor)
    )
    if trust_list is None:
        codes = ", ".join(sorted({f.code for f in findings}))
        raise ValueError(f"the kit's trust list cannot be used ({codes})")
    keys = {
        who: (
            load_private_key(context / f"{who.authority}.key.pem"),
            load_certificate(context / f"{who.authority}.cert.pem"),
        )
        for who in (PEER, STRANGER)
    }
    return _Session(
        target=target,
        trust_list=trust_list,
        peer=Identity(PEER, *keys[PEER]),
        stranger=Identity(STRANGER, *keys[STRANGER]),
        peer_key=keys[PEER][0],
        peer_certificate=keys[PEER][1],
        stranger_key=keys[STRANGER][0],
        stranger_certificate=keys[STRANGER][1],
        http=http,
        run_id=f"{secrets.randbelow(10_000):04d}",
        template=json.dumps(_certificate_template(context, version)),
    )


def _certificate_template(context: Path, version: str | None = None) -> dict[str, Any]:
    """The suite's golden BW -> EU certificate, as JSON data without its signature, declaring
    ``version`` of the standard (default: the golden document's own). It holds nothing that one
    version of the standard judges otherwise than another (one country of origin, addresses in
    the exporting and importing Participants)."""
    document = api.load((context / "bw-eu-unmixed.xml").read_bytes())
    value: dict[str, Any] = json.loads(api.dumps(document, "json"))
    if version is not None:
        value["specVersion"] = version
    return value


def play(
    target: ExchangeTarget,
    tests: Iterable[ExchangeTest],
    http: httpx.Client,
    *,
    suite: Path | None = None,
    versions: tuple[str, ...] | None = None,
) -> Iterator[tuple[ExchangeTest, Grade, str, float]]:
    """Play each test of the exchange area against the node: the test, its grade, why (unless
    it passed) and the seconds it took.

    The certificates the runner sends declare the newest version of the standard among
    ``versions``, the versions the node claims (default: every version): a node receives newly
    issued documents.

    A test whose scenario this runner does not know (a manifest newer than the runner) is graded
    errored. What the node does is graded, never raised.

    Raises:
        ValueError, OSError: the kit cannot be used (its trust list, the suite's test keys).
    """
    newest = max(versions or all_versions(), key=version_key)
    session = _session(target, http, suite, newest)
    known = {scenario.name: scenario for scenario in scenarios()}
    for test in tests:
        began = time.monotonic()
        scenario = known.get(test.name)
        if scenario is None:
            yield test, Grade.ERRORED, f"this runner has no scenario {test.name!r}", 0.0
            continue
        detail = ""
        try:
            why_not = scenario.run(session)
            grade = Grade.NOT_APPLICABLE if why_not else Grade.PASS
            detail = why_not
        except _Failed as exc:
            grade, detail = Grade.FAIL, str(exc)
        except _WrongReason as exc:
            grade, detail = Grade.WRONG_REASON, str(exc)
        except httpx.TimeoutException as exc:
            grade, detail = Grade.TIMEOUT, f"no answer in time: {exc}"
        except httpx.HTTPError as exc:
            grade, detail = Grade.CRASHED, f"the node could not be reached: {exc}"
        except Exception as exc:  # a garbled answer the checks did not foresee
            grade, detail = Grade.PROTOCOL_ERROR, f"{type(exc).__name__}: {exc}"
        yield test, grade, detail, time.monotonic() - began
