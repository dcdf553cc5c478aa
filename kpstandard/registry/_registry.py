"""The registry's interface and the operations over any store that implements it."""

from __future__ import annotations

import base64
import datetime
import hashlib
from dataclasses import dataclass
from typing import Protocol

from kpstandard.errors import KPStandardError
from kpstandard.model import (
    Authority,
    CertificateStatusNotice,
    Digest,
    KPCertificate,
    StatusResponse,
)
from kpstandard.pipeline import validate_bytes
from kpstandard.status import CertificateId, status_of

__all__ = ["Entry", "Registry", "RegistryError", "add_notice", "record", "respond"]

SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


class RegistryError(KPStandardError):
    """The registry refuses a change: a number recorded with another digest, a notice that
    contradicts the history, a document that is not what it must be."""


@dataclass(frozen=True)
class Entry:
    """One certificate in the registry."""

    number: str
    participant: str
    authority: str
    """The identifier of the issuing authority."""
    date_of_issue: datetime.date
    digest: str
    """The SHA-256 digest of the signed certificate's exact bytes, in base64."""
    recorded_at: datetime.datetime
    """When the authority's system recorded it; never rewritten."""


class Registry(Protocol):
    """A store of issued certificates and their notices: what a registry implementation provides.

    Implementations keep entries append-only: :meth:`insert` never changes a stored entry, and
    notices are only added, each with the exact signed bytes.
    """

    def insert(self, entry: Entry) -> Entry:
        """Store an entry; if its number is stored, return the stored entry unchanged."""

    def entry(self, number: str) -> Entry | None:
        """The entry of a certificate number, or None."""

    def insert_notice(self, number: str, notice_number: str, signed: bytes) -> None:
        """Store a notice of a recorded certificate (its signed bytes), once per notice number."""

    def notices(self, number: str) -> list[bytes]:
        """The signed notices of a certificate, in the order they were stored."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


def _sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _document(data: bytes, kind: type) -> object:
    report = validate_bytes(data)
    if not report.valid or not isinstance(report.document, kind):
        codes = ", ".join(sorted({f.code for f in report.findings})) or report.verdict.value
        raise RegistryError(f"not a valid {kind.__name__} ({codes})")
    return report.document


def record(store: Registry, signed: bytes, *, now: datetime.datetime | None = None) -> Entry:
    """Record a signed certificate before it leaves the authority's system [KP-REQ-075].

    The content is read from the bytes (the signature is the issuer's own, made by
    :func:`kpstandard.sign`; the registry records, it does not re-verify trust). Recording the
    same bytes again returns the first entry, with its first instant: the instant is never
    rewritten.

    Raises:
        RegistryError: not a valid certificate, or its number is recorded with another digest.
    """
    certificate = _document(signed, KPCertificate)
    assert isinstance(certificate, KPCertificate)
    entry = Entry(
        certificate.certificate_number,
        certificate.exporting_participant,
        certificate.issuing_authority.identifier,
        certificate.date_of_issue,
        _sha256(signed),
        (now or _now()).astimezone(datetime.UTC).replace(microsecond=0),
    )
    stored = store.insert(entry)
    if stored.digest != entry.digest:
        raise RegistryError(
            f"certificate {entry.number} is recorded with another digest ({stored.digest}): a "
            "number is issued once"
        )
    return stored


def _notices(store: Registry, number: str) -> list[CertificateStatusNotice]:
    found = []
    for data in store.notices(number):
        notice = _document(data, CertificateStatusNotice)
        assert isinstance(notice, CertificateStatusNotice)
        found.append(notice)
    return found


def add_notice(store: Registry, signed: bytes) -> CertificateStatusNotice:
    """Record a signed status notice of a recorded certificate [KP-REQ-070, KP-REQ-073].

    Raises:
        RegistryError: not a valid notice, its certificate is not recorded (or with another
            digest or authority, or after the notice's effective instant), or it contradicts the
            history (a change after void, replaced
            or withdrawn).
    """
    notice = _document(signed, CertificateStatusNotice)
    assert isinstance(notice, CertificateStatusNotice)
    number = notice.certificate.number
    entry = store.entry(number)
    if entry is None:
        raise RegistryError(f"certificate {number} is not recorded in this registry")
    if notice.certificate.digest.algorithm != SHA256 or notice.certificate.digest.value != (
        entry.digest
    ):
        raise RegistryError(f"the notice's digest is not the recorded digest of {number}")
    if notice.issuing_authority.identifier != entry.authority:
        raise RegistryError(f"only {entry.authority}, which issued {number}, may change its status")
    if notice.effective_from < entry.recorded_at:
        raise RegistryError(
            f"the notice takes effect at {notice.effective_from.isoformat()}, before {number} was "
            f"recorded ({entry.recorded_at.isoformat()})"
        )
    earlier = _notices(store, number)
    if any(n.notice_number == notice.notice_number for n in earlier):
        return notice  # the same notice again: idempotent
    last = max((n.effective_from for n in earlier), default=notice.effective_from)
    state = status_of(_identity(entry), [*earlier, notice], at=max(last, notice.effective_from))
    if state.ignored:
        raise RegistryError("; ".join(f.message for f in state.ignored))
    store.insert_notice(number, notice.notice_number, signed)
    return notice


def _identity(entry: Entry) -> CertificateId:
    return CertificateId(entry.number, entry.participant, entry.date_of_issue, entry.authority)


def respond(
    store: Registry,
    number: str,
    digest: str,
    *,
    participant: str,
    authority: Authority,
    now: datetime.datetime | None = None,
) -> StatusResponse:
    """The answer of the registry about a number and SHA-256 digest, unsigned: sign it with the
    authority's key (:func:`kpstandard.sign`) before it leaves the system.

    Raises:
        RegistryError: the number is not of ``participant``.
    """
    if not number.startswith(participant):
        raise RegistryError(f"{number} is not a certificate number of {participant}")
    answered = (now or _now()).astimezone(datetime.UTC).replace(microsecond=0)
    entry = store.entry(number)
    recorded = entry is not None and entry.digest == digest and entry.recorded_at <= answered
    state = None
    if entry is not None and recorded:
        state = status_of(_identity(entry), _notices(store, number), at=answered)
    return StatusResponse(
        spec_version="1.0",
        participant=participant,
        responding_authority=authority,
        certificate_number=number,
        digest=Digest(algorithm=SHA256, value=digest),
        status=state.status if state else "unknown",
        replaced_by=state.replaced_by if state else None,
        recorded_at=entry.recorded_at if entry is not None and recorded else None,
        status_since=state.since if state else None,
        answered_at=answered,
    )
