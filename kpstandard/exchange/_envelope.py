"""The envelope of a delivery: who sends, to whom, which message, which document type.

The envelope travels as HTTP header fields that the request signature covers (``KP-Sender``,
``KP-Receiver``, ``KP-Message-Id``, ``KP-Document-Type``), and the body is the document's exact
signed bytes, never re-encoded: the digest a receipt names is the digest of what was signed.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from kpstandard.exchange._codes import Refusal

__all__ = ["DOCUMENT_TYPES", "Address", "Envelope", "EnvelopeError", "new_message_id"]

DOCUMENT_TYPES = (
    "kp-certificate",
    "import-confirmation",
    "certificate-status-notice",
    "status-response",
)
"""The document types a node delivers (ExchangeDocumentType in spec/model/datatypes.yaml)."""

_ADDRESS = re.compile(r"(?P<participant>[A-Z]{2})/(?P<authority>[0-9A-Za-z][0-9A-Za-z./_-]{0,63})")
_MESSAGE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")


class EnvelopeError(ValueError):
    """An envelope header is missing or of the wrong form (KP-EX-010)."""

    refusal = Refusal.BAD_ENVELOPE


@dataclass(frozen=True, order=True)
class Address:
    """An authority of a Participant, as the envelope names it: ``BW/BW-MME-DH``."""

    participant: str
    authority: str

    def __str__(self) -> str:
        return f"{self.participant}/{self.authority}"

    @classmethod
    def parse(cls, text: str) -> Address:
        matched = _ADDRESS.fullmatch(text.strip())
        if matched is None:
            raise EnvelopeError(f"{text!r} is not an address PARTICIPANT/AUTHORITY")
        return cls(matched["participant"], matched["authority"])


@dataclass(frozen=True)
class Envelope:
    """A delivery's envelope."""

    sender: Address
    receiver: Address
    message_id: str
    """Unique per sending node and document; the same document resent keeps its message id."""
    document_type: str

    def headers(self) -> dict[str, str]:
        """The envelope as (lower-case) header fields."""
        return {
            "kp-sender": str(self.sender),
            "kp-receiver": str(self.receiver),
            "kp-message-id": self.message_id,
            "kp-document-type": self.document_type,
        }

    @classmethod
    def from_headers(cls, headers: dict[str, str]) -> Envelope:
        """Read an envelope from lower-case header fields; raises :class:`EnvelopeError`."""
        try:
            sender = headers["kp-sender"]
            receiver = headers["kp-receiver"]
            message_id = headers["kp-message-id"].strip()
            document_type = headers["kp-document-type"].strip()
        except KeyError as exc:
            raise EnvelopeError(f"the header {exc.args[0]} is missing") from exc
        if _MESSAGE_ID.fullmatch(message_id) is None:
            raise EnvelopeError("KP-Message-Id is not 1 to 64 letters, digits, '.', '_', '-'")
        if document_type not in DOCUMENT_TYPES:
            raise EnvelopeError(f"KP-Document-Type {document_type!r} is not delivered")
        return cls(Address.parse(sender), Address.parse(receiver), message_id, document_type)


def new_message_id() -> str:
    """A fresh message id (a random UUID)."""
    return str(uuid.uuid4())
