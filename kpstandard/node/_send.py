"""Queue a signed document for delivery: the officer's ``kpcert node send``."""

from __future__ import annotations

import base64
import datetime
import hashlib
import time
from typing import Any

from kpstandard import _api as api
from kpstandard.exchange import Address, new_message_id
from kpstandard.model import ImportConfirmation, KPCertificate
from kpstandard.node._config import Node
from kpstandard.node._receive import _TYPES, certificate_for, identity_of
from kpstandard.node._store import NodeStore
from kpstandard.registry import Entry
from kpstandard.signature.layers import signer_of

__all__ = ["SendError", "queue_document"]


class SendError(ValueError):
    """The document cannot be sent; the message says why."""


def _receiver(node: Node, document: object) -> Address:
    if isinstance(document, KPCertificate):
        participant, role = document.importing_participant, "importing"
    elif isinstance(document, ImportConfirmation):
        participant, role = document.certificate.exporting_participant, "exporting"
    else:
        raise SendError("give the receiver with --to PARTICIPANT/AUTHORITY")
    found = node.directory.authorities(participant, role)
    if len(found) != 1:
        raise SendError(
            f"{len(found)} {role} authorities of {participant} have an exchange node on the "
            "trust list: give the receiver with --to"
        )
    return found[0]


def queue_document(
    node: Node, store: NodeStore, signed: bytes, *, to: Address | None = None
) -> tuple[str, Address]:
    """Verify one of this authority's signed documents and queue it; return the message id and
    the receiver. A certificate is recorded in the registry in the same transaction
    [KP-REQ-075]; queuing the same certificate again queues nothing and returns the first
    message."""
    now = datetime.datetime.now(datetime.UTC)
    report = api.verify(
        signed,
        trust_list=node.trust_list,
        verification_time=now,
        certificate=certificate_for(store, signed),
    )
    document = report.document
    if not report.valid or document is None:
        codes = ", ".join(sorted({f.code for f in report.findings})) or report.verdict.value
        raise SendError(f"the document does not verify ({codes})")
    signer = signer_of(document)
    identity = identity_of(document)
    if signer is None or identity is None or type(document) not in _TYPES:
        raise SendError("not a document the exchange delivers")
    if Address(signer.participant, signer.authority) != node.config.authority:
        raise SendError(f"the document is signed for {signer.participant}/{signer.authority}")
    receiver = to or _receiver(node, document)
    digest = base64.b64encode(hashlib.sha256(signed).digest()).decode("ascii")
    message_id = new_message_id()
    outgoing: dict[str, Any] = {
        "message_id": message_id,
        "receiver": str(receiver),
        "document_type": _TYPES[type(document)],
        "number": identity[1],
        "digest": digest,
        "body": signed,
        "now": time.time(),
    }
    if isinstance(document, KPCertificate):
        entry = Entry(
            document.certificate_number,
            document.exporting_participant,
            document.issuing_authority.identifier,
            document.date_of_issue,
            digest,
            now.replace(microsecond=0),
        )
        stored = store.issue(entry, **outgoing)
        if stored.digest != digest:
            raise SendError(
                f"{entry.number} is recorded with another digest: a number is issued once"
            )
        if stored.recorded_at != entry.recorded_at or store.outbox_item(message_id) is None:
            earlier = store.latest_document("kp-certificate", entry.number, own=True)
            if earlier is not None:
                return earlier.message_id, Address.parse(earlier.receiver)
        return message_id, receiver
    with store.transaction() as conn:
        store.enqueue(conn, **outgoing)
    return message_id, receiver
