"""A certificate's status at an instant, from its Certificate Status Notices (its status history).

    notices of one certificate --in order of effective instant--> the status at an instant

The history is a pure function of the certificate and the notices given: no clock, no store. A
notice that is not about the certificate (another number, Participant, authority or digest) or
that contradicts the history (a second replacement, a change after void, replaced or withdrawn, a
change after the import confirmation other than withdrawal for fraud) is not used, and the result
says so with a finding [KP-REQ-071, KP-REQ-073, KP-REQ-074]. Whether a notice is authentic (its
signature, its signer on the trust list) is judged before, by the pipeline
(:func:`kpstandard.verify` with ``status_evidence``); this module trusts what it is given.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from kpstandard import findings as F
from kpstandard.findings import Finding
from kpstandard.model import CertificateStatusNotice, KPCertificate

__all__ = [
    "DIGEST_ALGORITHMS",
    "TERMINAL",
    "CertificateId",
    "CertificateState",
    "digest_matches",
    "status_of",
]

TERMINAL = frozenset({"void", "replaced", "withdrawn"})
"""Statuses after which no notice changes the status again [KP-REQ-073]."""

DIGEST_ALGORITHMS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
    "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
    "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
}
"""The digest algorithms of the standard (the DigestAlgorithm data type), by URI."""


@dataclass(frozen=True)
class CertificateId:
    """What identifies a certificate to its notices, when the certificate itself is not at hand
    (a registry keeps these, not the certificate)."""

    number: str
    participant: str
    date_of_issue: datetime.date
    authority: str
    """The identifier of the issuing authority."""

    @classmethod
    def of(cls, certificate: KPCertificate) -> CertificateId:
        return cls(
            certificate.certificate_number,
            certificate.exporting_participant,
            certificate.date_of_issue,
            certificate.issuing_authority.identifier,
        )


@dataclass(frozen=True)
class CertificateState:
    """A certificate's status at an instant."""

    status: str
    """``issued`` (no notice in force), or the status of the last notice in force: ``void``,
    ``replaced``, ``lost``, ``stolen`` or ``withdrawn``."""
    since: datetime.datetime | None = None
    """The effective instant of that notice; None for ``issued``."""
    replaced_by: str | None = None
    """For ``replaced``: the number of the replacement certificate."""
    notice: str | None = None
    """The number of the notice that set the status; None for ``issued``."""
    ignored: tuple[Finding, ...] = ()
    """Why notices given were not used (KP-ST-003, KP-ST-006)."""

    @property
    def in_force(self) -> bool:
        """Whether the certificate still stands: its status is ``issued``."""
        return self.status == "issued"


def digest_matches(algorithm: str, value: str, data: bytes) -> bool:
    """Whether ``value`` (base64) is the digest of ``data`` with the algorithm named by its URI."""
    name = DIGEST_ALGORITHMS.get(algorithm)
    if name is None:
        return False
    return base64.b64encode(hashlib.new(name, data).digest()).decode("ascii") == value


def _about(
    notice: CertificateStatusNotice, certificate: CertificateId, data: bytes | None
) -> str | None:
    """Why the notice is not about the certificate; None when it is."""
    reference = notice.certificate
    if reference.number != certificate.number:
        return f"it concerns certificate {reference.number}"
    if reference.exporting_participant != certificate.participant:
        return f"it names exporting Participant {reference.exporting_participant}"
    if reference.date_of_issue != certificate.date_of_issue:
        return f"it names the date of issue {reference.date_of_issue}"
    if notice.issuing_authority.identifier != certificate.authority:
        return (
            f"it is issued by {notice.issuing_authority.identifier}, not by "
            f"{certificate.authority}, the certificate's issuing authority"
        )
    if data is not None and not digest_matches(
        reference.digest.algorithm, reference.digest.value, data
    ):
        return "its digest is not the digest of the certificate's bytes"
    return None


def status_of(
    certificate: KPCertificate | CertificateId,
    notices: Iterable[CertificateStatusNotice],
    *,
    at: datetime.datetime,
    data: bytes | None = None,
    confirmed_at: datetime.datetime | None = None,
) -> CertificateState:
    """The status of a certificate at an instant, from its notices.

    Args:
        certificate: the certificate, or what identifies it (:class:`CertificateId`).
        notices: its Certificate Status Notices, authentic (verified by the caller), in any order.
        at: the instant (an aware datetime; naive means UTC).
        data: the certificate's exact (signed) bytes: when given, a notice counts only if its
            digest is theirs.
        confirmed_at: when the import of the certificate was confirmed (the instant the Import
            Confirmation took effect); from then on only a withdrawal for fraud changes the
            status [KP-REQ-074].

    Returns:
        The status, with the notice that set it and findings for every notice not used.
    """
    if at.tzinfo is None:
        at = at.replace(tzinfo=datetime.UTC)
    if confirmed_at is not None and confirmed_at.tzinfo is None:
        confirmed_at = confirmed_at.replace(tzinfo=datetime.UTC)
    if isinstance(certificate, KPCertificate):
        certificate = CertificateId.of(certificate)
    ignored: list[Finding] = []
    state = CertificateState("issued")
    ordered = sorted(notices, key=lambda n: (n.effective_from, n.notice_number))
    for notice in ordered:
        why = _about(notice, certificate, data)
        if why is not None:
            message = f"notice {notice.notice_number} is not about this certificate: {why}"
            ignored.append(F.make_finding(F.EVIDENCE_UNUSABLE, "", message))
            continue
        if notice.effective_from > at:
            continue  # not yet in force
        if state.status in TERMINAL:
            conflict = (
                f"notice {notice.notice_number} ({notice.status}) follows notice "
                f"{state.notice}, which made the certificate {state.status} for good"
            )
        elif (
            confirmed_at is not None
            and notice.effective_from >= confirmed_at
            and not (notice.status == "withdrawn" and notice.reason == "fraud")
        ):
            conflict = (
                f"notice {notice.notice_number} ({notice.status}) takes effect after the import "
                f"was confirmed ({confirmed_at.isoformat()}); only a withdrawal for fraud may"
            )
        else:
            state = CertificateState(
                notice.status, notice.effective_from, notice.replaced_by, notice.notice_number
            )
            continue
        ignored.append(F.make_finding(F.HISTORY_CONFLICT, "", conflict))
    return CertificateState(
        state.status, state.since, state.replaced_by, state.notice, tuple(ignored)
    )
