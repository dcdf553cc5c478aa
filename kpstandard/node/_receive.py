"""What a node does with a request, apart from HTTP: authenticate, verify, store once, answer.

Each method returns an :class:`Outcome` (status, body, type); the ASGI app only moves bytes.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from kpstandard import _api as api
from kpstandard.exchange import (
    Address,
    Envelope,
    NodeKey,
    Refusal,
    SignatureError,
    verify_signature,
)
from kpstandard.exchange._envelope import _MESSAGE_ID
from kpstandard.exchange._httpsig import parse_signature_input
from kpstandard.findings import Finding
from kpstandard.model import (
    Authority,
    CertificateStatusNotice,
    Digest,
    ImportConfirmation,
    KPCertificate,
    Receipt,
    StatusResponse,
)
from kpstandard.node._config import Node
from kpstandard.node._store import InboxItem, NodeStore, OutboxItem, instant
from kpstandard.registry import RegistryError, respond
from kpstandard.signature.layers import signer_of

__all__ = ["Outcome", "Receiver", "certificate_for", "check_receipt", "problem"]

SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
UTC = datetime.UTC


@dataclass(frozen=True)
class Outcome:
    status: int
    body: bytes
    content_type: str
    code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def problem(refusal: Refusal, detail: str, **extra: Any) -> Outcome:
    """A refusal as ``application/problem+json`` (RFC 9457) with its KP-EX code."""
    body = {
        "type": f"urn:kpstandard:exchange:{refusal.code}",
        "title": refusal.title,
        "status": refusal.status,
        "code": refusal.code,
        "detail": detail,
        **extra,
    }
    return Outcome(
        refusal.status, json.dumps(body).encode(), "application/problem+json", refusal.code
    )


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "layer": f.layer.value,
        "severity": f.severity.value,
        "location": f.location,
        "requirement": f.requirement,
        "message": f.message,
    }


def _sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def identity_of(document: Any) -> tuple[str, str, str] | None:
    """(participant, number, receiver participant or "") of a document the protocol delivers."""
    if isinstance(document, KPCertificate):
        return (
            document.exporting_participant,
            document.certificate_number,
            document.importing_participant,
        )
    if isinstance(document, ImportConfirmation):
        return (
            document.importing_participant,
            document.confirmation_number,
            document.certificate.exporting_participant,
        )
    if isinstance(document, CertificateStatusNotice):
        return (document.certificate.exporting_participant, document.notice_number, "")
    if isinstance(document, StatusResponse):
        return (document.participant, document.certificate_number, "")
    return None


_TYPES = {
    KPCertificate: "kp-certificate",
    ImportConfirmation: "import-confirmation",
    CertificateStatusNotice: "certificate-status-notice",
    StatusResponse: "status-response",
}


class Receiver:
    """The protocol's server side over a node's store."""

    def __init__(self, node: Node, store: NodeStore, *, quota: bool = True) -> None:
        self.node = node
        self.store = store
        self.quota = quota
        """Whether the quarantine quota applies (not to messages this node pulls itself)."""

    # -- authentication (KP-REQ-101) ----------------------------------------------------------
    def screen(self, headers: dict[str, str]) -> tuple[list[NodeKey], Address, Address]:
        """What the header fields alone tell, before the body is read (spec/exchange/protocol.md
        2.2, "before reading the request further"): a signature of the profile, by a listed node
        key, between two addresses. Returns the key's listings, the sender and the receiver
        named; raises :class:`SignatureError` (KP-EX-001, 002, 003, 010)."""
        _, matched, _ = parse_signature_input(headers)
        candidates = self.node.directory.keys.get(matched["keyid"])
        if not candidates:
            raise SignatureError(Refusal.UNKNOWN_KEY, "the keyid names no node key on the list")
        certificate = candidates[0].certificate
        now = datetime.datetime.now(UTC)
        if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
            # The directory lists every certificate of a node, whatever its validity: a key
            # whose certificate had expired still authenticated (found by
            # tests/test_node_attack.py).
            raise SignatureError(
                Refusal.UNKNOWN_KEY,
                "the node certificate is not valid now (valid "
                f"{certificate.not_valid_before_utc:%Y-%m-%d} to "
                f"{certificate.not_valid_after_utc:%Y-%m-%d})",
            )
        try:
            claimed = Address.parse(headers.get("kp-sender", ""))
            receiver = Address.parse(headers.get("kp-receiver", ""))
        except ValueError as exc:
            raise SignatureError(Refusal.BAD_ENVELOPE, str(exc)) from exc
        return candidates, claimed, receiver

    def authenticate(
        self,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        body: bytes,
        *,
        delivery: bool = False,
    ) -> Address:
        """The authority a request comes from. Raises :class:`SignatureError` with its refusal.

        Only a ``delivery`` may come from a hub in another authority's name (protocol 1.3): the
        document it carries is signed by that authority. Anywhere else (pull, acknowledge,
        tracking, status) the relaying exception let a node key listed for an authority this
        node serves act as any other authority, and read the mail held for it (found by
        tests/test_node_attack.py)."""
        candidates, claimed, receiver = self.screen(headers)
        signed = verify_signature(
            method=method,
            path=path,
            query=query,
            headers=headers,
            body=body,
            certificate=candidates[0].certificate,
        )
        listed = {c.address for c in candidates}
        # A key listed as a node of the very authority addressed, other than this node's own
        # key, is that authority's hub: it relays other authorities' documents, whose own
        # signatures say who sent them (3.2).
        relayed = (
            delivery
            and receiver in listed
            and claimed in self.node.directory.roles
            and candidates[0].certificate != self.node.identity.certificate
        )
        if claimed not in listed and not relayed:
            raise SignatureError(
                Refusal.IMPERSONATION,
                f"the key is listed for {', '.join(sorted(str(c.address) for c in candidates))},"
                f" not for {claimed}",
            )
        if not self.node.config.serves(receiver):
            raise SignatureError(
                Refusal.MISDIRECTED, f"this node serves {self.node.config.authority}"
            )
        now = time.time()
        if abs(now - signed.created) > self.node.config.clock_skew:
            raise SignatureError(Refusal.STALE, "created is outside the accepted clock skew")
        if not self.store.use_nonce(signed.key_id, signed.nonce, now, self.node.config.clock_skew):
            raise SignatureError(Refusal.REPLAYED, "this signature's nonce was already used")
        return claimed

    # -- deliver ------------------------------------------------------------------------------
    def _verify(self, body: bytes, document_type: str) -> tuple[Any, list[Finding], bool]:
        certificate = None
        if document_type == "import-confirmation":
            certificate = certificate_for(self.store, body)
        report = api.verify(
            body,
            trust_list=self.node.trust_list,
            verification_time=datetime.datetime.now(UTC),
            certificate=certificate,
        )
        return report.document, list(report.findings), report.valid

    def _refuse(
        self,
        message_id: str,
        sender: Address,
        body: bytes,
        refusal: Outcome,
        findings: list[dict[str, Any]],
    ) -> Outcome:
        """Keep a refused delivery in quarantine and answer its refusal; or, when the sender's
        refused deliveries of the period already reach its quota (count or bytes), keep nothing
        and answer KP-EX-030 (``429``, with the refusal's code and findings): an authenticated,
        listed peer filled the quarantine with 1 MiB bodies without limit (found by
        tests/test_node_attack.py). The sender retries; past the period it is kept."""
        config = self.node.config
        if self.quota:
            since = datetime.datetime.now(UTC) - datetime.timedelta(
                seconds=config.quarantine_period
            )
            count, size = self.store.quarantine_use(str(sender), instant(since))
            if count + 1 > config.quarantine_count or size + len(body) > config.quarantine_bytes:
                outcome = problem(
                    Refusal.QUARANTINE_QUOTA,
                    f"{sender} has {count} refused deliveries ({size} bytes) in quarantine in "
                    f"the last {config.quarantine_period} s (quota: {config.quarantine_count}, "
                    f"{config.quarantine_bytes} bytes); this one ({refusal.code}) is not kept",
                    refused=refusal.code,
                    findings=findings,
                )
                return Outcome(
                    outcome.status,
                    outcome.body,
                    outcome.content_type,
                    outcome.code,
                    {"retry-after": str(config.quarantine_period)},
                )
        self.store.quarantine(
            message_id=message_id,
            sender=str(sender),
            code=refusal.code or "",
            findings=findings,
            body=body,
        )
        return refusal

    def deliver(self, envelope: Envelope, sender: Address, body: bytes) -> Outcome:
        """Verify a delivered document, store it once, answer with the signed receipt."""
        if envelope.sender != sender:
            return problem(Refusal.IMPERSONATION, "KP-Sender is not the signing node's authority")
        document, findings, valid = self._verify(body, envelope.document_type)
        listed = [_finding(f) for f in findings]
        if not valid or document is None:
            return self._refuse(
                envelope.message_id,
                sender,
                body,
                problem(
                    Refusal.DOCUMENT_REFUSED,
                    "the document did not pass verification",
                    findings=listed,
                ),
                listed,
            )
        identity = identity_of(document)
        signer = signer_of(document)
        wrong = None
        if (
            identity is None
            or signer is None
            or _TYPES.get(type(document)) != envelope.document_type
        ):
            wrong = "the document is not of the type KP-Document-Type names"
        elif Address(signer.participant, signer.authority) != sender:
            wrong = (
                f"the document is signed for {signer.participant}/{signer.authority}, not {sender}"
            )
        elif identity[2] and identity[2] != envelope.receiver.participant:
            wrong = f"the document is addressed to {identity[2]}"
        if wrong is not None or identity is None:
            return self._refuse(
                envelope.message_id,
                sender,
                body,
                problem(Refusal.NOT_THE_SENDERS, wrong or "not a delivered document"),
                listed,
            )
        participant, number, _ = identity
        if envelope.receiver != self.node.config.authority:
            return self._relay(envelope, number, body)
        key = (
            number
            if envelope.document_type != "status-response"
            else f"{number}@{_sha256(body)[:20]}"
        )
        digest = _sha256(body)
        stored = self.store.lookup(envelope.document_type, participant, key)
        if stored is None:
            receipt = self._receipt(envelope, number, digest)
            stored, new = self.store.accept(
                {
                    "message_id": envelope.message_id,
                    "sender": str(sender),
                    "document_type": envelope.document_type,
                    "participant": participant,
                    "number": key,
                    "digest_sha256": digest,
                    "body": body,
                    "received_at": instant(datetime.datetime.now(UTC)),
                    "receipt": receipt,
                }
            )
            if new:
                return Outcome(
                    201, stored.receipt, "application/xml", headers={"kp-receipt": "new"}
                )
        if stored.digest != digest:
            return self._refuse(
                envelope.message_id,
                sender,
                body,
                problem(
                    Refusal.CONFLICT,
                    f"{envelope.document_type} {number} of {participant} was accepted with "
                    "another digest",
                ),
                [],
            )
        if (stored.sender, stored.message_id) != (str(sender), envelope.message_id):
            return self._again(envelope, sender, stored)
        return Outcome(200, stored.receipt, "application/xml", headers={"kp-receipt": "duplicate"})

    def _again(self, envelope: Envelope, sender: Address, stored: InboxItem) -> Outcome:
        """The same document delivered again under another message id (a sender that queued it
        twice, or lost its outbox and sent it anew): stored once, and answered ``200`` with a
        receipt about the message that asked, with the first acceptance's instant and digest
        (spec/exchange/protocol.md 3.4). The first receipt named the first message id: its
        sender's worker refused it and retried for ever, and tracking the new id was 404 (found
        by tests/test_node_attack.py)."""
        known = self.store.by_message(str(sender), envelope.message_id)
        if known is not None and known.digest == stored.digest:
            receipt = known.receipt
        else:
            first = api.load(stored.receipt)
            at = first.received_at if isinstance(first, Receipt) else None
            receipt = self.store.redelivered(
                str(sender),
                envelope.message_id,
                stored,
                self._receipt(envelope, stored.number.split("@", 1)[0], stored.digest, at=at),
                instant(datetime.datetime.now(UTC)),
            )
        return Outcome(200, receipt, "application/xml", headers={"kp-receipt": "duplicate"})

    def _relay(self, envelope: Envelope, number: str, body: bytes) -> Outcome:
        """Store and forward a verified document for an authority this node serves (a hub): 202
        until the receiving authority's receipt is in, then that receipt (200), as often as the
        sender retries; the final receiver's refusal once it refused."""
        item = self.store.outbox_item(envelope.message_id, str(envelope.sender))
        if item is None:
            item, new = self.store.hold(
                message_id=envelope.message_id,
                receiver=str(envelope.receiver),
                document_type=envelope.document_type,
                number=number,
                digest=_sha256(body),
                body=body,
                now=time.time(),
                sender=str(envelope.sender),
            )
            if new:
                return Outcome(
                    202, json.dumps({"state": "forwarding"}).encode(), "application/json"
                )
        if item.digest != _sha256(body):
            return self._refuse(  # kept, as every refusal of a verified document [KP-REQ-104]
                envelope.message_id,
                envelope.sender,
                body,
                problem(Refusal.CONFLICT, "this message id is held with another document"),
                [],
            )
        if item.state == "delivered" and item.receipt is not None:
            return Outcome(200, item.receipt, "application/xml", headers={"kp-receipt": "relayed"})
        if item.state == "failed":
            return problem(
                Refusal.DOCUMENT_REFUSED, f"the receiver refused it: {item.last_error or ''}"
            )
        return Outcome(202, json.dumps({"state": "forwarding"}).encode(), "application/json")

    def _receipt(
        self,
        envelope: Envelope,
        number: str,
        digest: str,
        *,
        at: datetime.datetime | None = None,
    ) -> bytes:
        """The signed receipt of a message; ``at`` the instant the document was first recorded
        (a delivery again under another message id), now by default."""
        me = self.node.config.authority
        receipt = Receipt(
            spec_version="1.0",
            participant=me.participant,
            receiving_authority=Authority(
                name={"en": self.node.config.name}, identifier=me.authority
            ),
            message_id=envelope.message_id,
            sender_participant=envelope.sender.participant,
            sender_authority=envelope.sender.authority,
            received_document_type=envelope.document_type,
            document_number=number,
            digest=Digest(algorithm=SHA256, value=digest),
            received_at=at or datetime.datetime.now(UTC).replace(microsecond=0),
        )
        return api.sign(
            api.dumps(receipt, "xml"), key=self.node.key, certificate=self.node.certificate
        )

    # -- status, tracking, pull ---------------------------------------------------------------
    def status(self, number: str, digest: str) -> Outcome:
        me = self.node.config.authority
        try:
            response = respond(
                self.store,
                number,
                digest,
                participant=me.participant,
                authority=Authority(name={"en": self.node.config.name}, identifier=me.authority),
            )
        except RegistryError as exc:
            return problem(Refusal.NOT_FOUND, str(exc))
        signed = api.sign(
            api.dumps(response, "xml"), key=self.node.key, certificate=self.node.certificate
        )
        return Outcome(200, signed, "application/xml")

    def tracking(self, sender: Address, message_id: str) -> Outcome:
        """What became of a message the authenticated caller sent (spec/exchange/protocol.md
        4.3): accepted here, held for relay (a hub: forwarding, forwarded, failed) or refused.
        A message is its sender and id: no caller learns anything of another sender's."""
        if _MESSAGE_ID.fullmatch(message_id) is None:
            return problem(Refusal.BAD_ENVELOPE, "a message id is 1 to 64 letters, digits, . _ -")
        found = self.store.by_message(str(sender), message_id)
        if found is not None:
            body = {
                "messageId": message_id,
                "state": "accepted",
                "receivedAt": found.received_at,
                "receipt": base64.b64encode(found.receipt).decode("ascii"),
            }
            return Outcome(200, json.dumps(body).encode(), "application/json")
        relayed = self.store.outbox_item(message_id, str(sender))
        if relayed is not None:  # a hub: a message it holds for relay, asked by its sender
            return Outcome(200, json.dumps(relay_state(relayed)).encode(), "application/json")
        held = self.store.quarantined(str(sender), message_id)
        if held is not None:
            body = {"messageId": message_id, "state": "refused", **held}
            return Outcome(200, json.dumps(body).encode(), "application/json")
        return problem(Refusal.NOT_FOUND, f"no message {message_id} from {sender}")

    def pull(self, caller: Address, after: int, limit: int) -> Outcome:
        """The messages this node holds for a caller that cannot accept deliveries."""
        items = self.store.held_for(str(caller), after, max(1, min(limit, 100)))
        body = {
            "messages": [
                {
                    "cursor": i.id,
                    "messageId": i.message_id,
                    "sender": i.sender or str(self.node.config.authority),
                    "receiver": i.receiver,
                    "documentType": i.document_type,
                    "document": base64.b64encode(i.body).decode("ascii"),
                }
                for i in items
            ],
            "next": items[-1].id if items else after,
        }
        return Outcome(200, json.dumps(body).encode(), "application/json")

    def acknowledge(self, caller: Address, body: bytes) -> Outcome:
        """A pulled message acknowledged with the caller's signed receipt."""
        try:
            given = json.loads(body)
            message_id = str(given["messageId"])
            receipt = base64.b64decode(given["receipt"], validate=True)
        except (ValueError, KeyError, TypeError, RecursionError):
            # RecursionError: a deeply nested body was answered 503 KP-EX-016 ("retry later")
            # though it can never succeed (found by tests/test_node_attack.py).
            return problem(Refusal.BAD_ENVELOPE, "expected {messageId, receipt (base64)}")
        items = self.store.outbox_for(str(caller), message_id)
        if not items:
            return problem(Refusal.NOT_FOUND, f"no message {message_id} for {caller}")
        # Held for several senders under one id (a hub): the receipt says whose it is.
        problem_text = ""
        for item in items:
            sender = Address.parse(item.sender) if item.sender else self.node.config.authority
            problem_text = check_receipt(
                self.node, receipt, item.message_id, item.digest, caller, sender=sender
            )
            if not problem_text:
                self.store.delivered(item.id, receipt, datetime.datetime.now(UTC))
                return Outcome(204, b"", "application/json")
        return problem(Refusal.DOCUMENT_REFUSED, problem_text)


_CODE = re.compile(r"\bKP-EX-[0-9]{3}\b")


def relay_state(item: OutboxItem) -> dict[str, Any]:
    """The tracking answer for a message a hub holds for relay: ``forwarding`` until the
    receiving authority's receipt is in (with the attempts so far and the last error),
    ``forwarded`` with that receipt, ``failed`` with the receiver's refusal (its KP-EX code when
    it gave one) or the reason the hub gave up."""
    body: dict[str, Any] = {
        "messageId": item.message_id,
        "receiver": item.receiver,
        "at": item.created_at,
    }
    if item.state == "delivered" and item.receipt is not None:
        body |= {
            "state": "forwarded",
            "deliveredAt": item.delivered_at,
            "receipt": base64.b64encode(item.receipt).decode("ascii"),
        }
    elif item.state == "failed":
        body |= {"state": "failed", "detail": item.last_error or ""}
        code = _CODE.search(item.last_error or "")
        if code is not None:
            body["code"] = code.group()
    else:
        body |= {"state": "forwarding", "attempts": item.attempts}
        if item.last_error:
            body["detail"] = item.last_error
    return body


def certificate_for(store: NodeStore, confirmation_bytes: bytes) -> bytes | None:
    """The signed certificate an import confirmation confirms, from this node's outbox (the
    exporting node) or inbox (the importing node), or None."""
    try:
        confirmation = api.load(confirmation_bytes)
    except Exception:  # verification reports what is wrong with it
        return None
    if not isinstance(confirmation, ImportConfirmation):
        return None
    number = confirmation.certificate.number
    sent = store.latest_document("kp-certificate", number)
    if sent is not None:
        return sent.body
    found = store.lookup("kp-certificate", confirmation.certificate.exporting_participant, number)
    return None if found is None else found.body


def check_receipt(
    node: Node,
    receipt: bytes,
    message_id: str,
    digest: str,
    peer: Address,
    *,
    sender: Address | None = None,
) -> str:
    """Why a receipt does not acknowledge a message ("" when it does): verified against the trust
    list, of the peer's authority, about this message and digest, and, given ``sender``, about
    that sender's message (a message is its sender and id)."""
    report = api.verify(
        receipt, trust_list=node.trust_list, verification_time=datetime.datetime.now(UTC)
    )
    document = report.document
    if not report.valid or not isinstance(document, Receipt):
        codes = ", ".join(sorted({f.code for f in report.findings})) or report.verdict.value
        return f"the receipt does not verify ({codes})"
    if Address(document.participant, document.receiving_authority.identifier) != peer:
        return "the receipt is not signed by the receiving authority"
    if document.message_id != message_id or document.digest.value != digest:
        return "the receipt is about another message or document"
    if sender is not None and Address(document.sender_participant, document.sender_authority) != (
        sender
    ):
        return "the receipt is about another sender's message"
    return ""
