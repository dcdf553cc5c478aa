"""The exchange protocol's refusal codes (KP-EX-nnn): why a node did not accept a request.

They are the protocol's API (spec/exchange/protocol.md, section 6): every refusal is an
``application/problem+json`` answer (RFC 9457) whose ``code`` is one of these, with the HTTP
status given here; a refused document also carries the findings of its verification. Codes are
never reused for another meaning.
"""

from __future__ import annotations

import enum

__all__ = ["Refusal"]


class Refusal(enum.Enum):
    """A refusal of the exchange protocol: its code, HTTP status and meaning."""

    UNSIGNED = ("KP-EX-001", 401, "The request carries no HTTP message signature")
    BAD_SIGNATURE = (
        "KP-EX-002",
        401,
        "The HTTP message signature is malformed, outside the profile, or does not verify",
    )
    UNKNOWN_KEY = (
        "KP-EX-003",
        401,
        "The signing key is not the key of an exchange node on the Authority Trust List",
    )
    IMPERSONATION = (
        "KP-EX-004",
        403,
        "The key is listed for another authority than the one the request names as its sender",
    )
    STALE = ("KP-EX-005", 401, "The signature's creation time is outside the accepted window")
    REPLAYED = ("KP-EX-006", 401, "The signature's nonce was already used: a replayed request")
    TOO_LARGE = ("KP-EX-007", 413, "The request body is larger than the node accepts")
    TOO_SLOW = ("KP-EX-008", 408, "The request body did not arrive in time")
    DIGEST_MISMATCH = (
        "KP-EX-009",
        400,
        "The body does not match its Content-Digest (or the digest is missing)",
    )
    BAD_ENVELOPE = (
        "KP-EX-010",
        400,
        "The envelope is incomplete or malformed (a KP- header missing or of the wrong form)",
    )
    DOCUMENT_REFUSED = (
        "KP-EX-011",
        422,
        "The delivered document did not pass verification (signature, trust list, schema, rules); "
        "it is kept in quarantine",
    )
    CONFLICT = (
        "KP-EX-012",
        409,
        "A different document was already accepted under this document type, Participant and "
        "number",
    )
    NOT_THE_SENDERS = (
        "KP-EX-013",
        422,
        "The document is not the sending authority's own, or not addressed to the receiving "
        "Participant, or not of the type the envelope names",
    )
    MISDIRECTED = ("KP-EX-014", 421, "This node does not serve the receiver the envelope names")
    NOT_FOUND = ("KP-EX-015", 404, "No such message, certificate or inbox entry for this caller")
    UNAVAILABLE = (
        "KP-EX-016",
        503,
        "The node could not process the request now (an internal error); retry later",
    )
    METHOD_NOT_ALLOWED = ("KP-EX-017", 405, "The operation at this path does not take this method")
    NO_SUCH_OPERATION = ("KP-EX-018", 404, "The protocol has no operation at this path")
    QUARANTINE_QUOTA = (
        "KP-EX-030",
        429,
        "The sender's refused deliveries used up its quarantine quota for the period (count or "
        "bytes); nothing was stored; retry later",
    )

    def __init__(self, code: str, status: int, title: str) -> None:
        self.code = code
        self.status = status
        self.title = title

    @classmethod
    def by_code(cls, code: str) -> Refusal | None:
        """The refusal of a code, or None."""
        return next((r for r in cls if r.code == code), None)
