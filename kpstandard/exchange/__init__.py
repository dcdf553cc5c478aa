"""The exchange protocol between authorities (spec/exchange/protocol.md): the envelope, the
protocol's profile of HTTP Message Signatures (RFC 9421) with keys from the Authority Trust List,
the refusal codes, and a client. The reference node is :mod:`kpstandard.node`.
"""

from __future__ import annotations

from kpstandard.exchange._client import Answer, Client, Identity, signed_request
from kpstandard.exchange._codes import Refusal
from kpstandard.exchange._directory import Directory, NodeKey
from kpstandard.exchange._envelope import (
    DOCUMENT_TYPES,
    Address,
    Envelope,
    EnvelopeError,
    new_message_id,
)
from kpstandard.exchange._httpsig import SignatureError, key_id, verify_signature

__all__ = [
    "DOCUMENT_TYPES",
    "Address",
    "Answer",
    "Client",
    "Directory",
    "Envelope",
    "EnvelopeError",
    "Identity",
    "NodeKey",
    "Refusal",
    "SignatureError",
    "key_id",
    "new_message_id",
    "signed_request",
    "verify_signature",
]
