"""The trust and time layers: a verified signer judged by the trust list, at a verification time."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard import findings as F
from kpstandard.findings import Finding, Layer, LayerResult, LayerStatus
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    ImportConfirmation,
    KPCertificate,
    Receipt,
    StatusResponse,
)
from kpstandard.signature.keys import describe_certificate
from kpstandard.signature.trustlist import TrustList, validity

__all__ = [
    "Anchor",
    "Received",
    "Signer",
    "anchoring",
    "key_end",
    "received_in_time",
    "signer_of",
    "time_layer",
    "trust_layer",
]


@dataclass(frozen=True)
class Signer:
    """Who must have signed a document, as the document itself says."""

    participant: str
    authority: str
    role: str
    day: datetime.date


def signer_of(document: Any) -> Signer | None:
    """The expected signer of a document; None for a type the trust list does not judge."""
    if isinstance(document, KPCertificate):
        return Signer(
            document.exporting_participant,
            document.issuing_authority.identifier,
            "exporting",
            document.date_of_issue,
        )
    if isinstance(document, ImportConfirmation):
        return Signer(
            document.importing_participant,
            document.importing_authority.identifier,
            "importing",
            document.date_of_receipt,
        )
    if isinstance(document, CertificateStatusNotice):
        return Signer(
            document.certificate.exporting_participant,
            document.issuing_authority.identifier,
            "exporting",
            document.effective_from.astimezone(datetime.UTC).date(),
        )
    if isinstance(document, StatusResponse):
        return Signer(
            document.participant,
            document.responding_authority.identifier,
            "exporting",
            document.answered_at.astimezone(datetime.UTC).date(),
        )
    if isinstance(document, Receipt):  # the receiver of a certificate or notice is importing
        received_by_importer = document.received_document_type in {
            "kp-certificate",
            "certificate-status-notice",
        }
        return Signer(
            document.participant,
            document.receiving_authority.identifier,
            "importing" if received_by_importer else "exporting",
            document.received_at.astimezone(datetime.UTC).date(),
        )
    return None


def _result(layer: Layer, findings: list[Finding]) -> LayerResult:
    return LayerResult(layer, LayerStatus.FAILED if findings else LayerStatus.PASSED)


def trust_layer(
    document: Any, certificate: x509.Certificate, trust_list: TrustList, location: str
) -> tuple[list[Finding], LayerResult]:
    signer = signer_of(document)
    if isinstance(document, AuthorityTrustList):  # trusted when signed by the pinned operator
        der = certificate.public_bytes(Encoding.DER)
        findings = []
        if der != trust_list.operator.public_bytes(Encoding.DER):
            subject = describe_certificate(certificate)
            message = f"a trust list signed by {subject}, not by the pinned list operator"
            findings.append(F.make_finding(F.TRUST_LIST_INVALID, location, message))
        return findings, _result(Layer.TRUST, findings)
    if signer is None:
        raise TypeError(f"no trust rule for {type(document).__name__}")
    findings = trust_list.judge(
        certificate,
        participant=signer.participant,
        authority=signer.authority,
        role=signer.role,
        day=signer.day,
        location=location,
    )
    return findings, _result(Layer.TRUST, findings)


def time_layer(
    document: Any,
    trust_list: TrustList,
    instant: datetime.datetime,
    *,
    received: Sequence[Received] = (),
) -> tuple[list[Finding], LayerResult]:
    """The verification time against the trust list's period and the document's dates.

    An outdated trust list is no defect of the document: the layer does not run, with a warning
    (KP-TM-001), and the document is "not judged" [KP-REQ-044]. The date of expiry of a KP
    Certificate is the last day on which the shipment may be presented to the importing authority
    under it (KP-BT-010): verified after it, the certificate is accepted only when one of the
    ``received`` records (the importing authority's own signed import confirmation) shows the
    goods received on or before that day (:func:`received_in_time`, KP-TM-002) [KP-REQ-041].
    """
    if not trust_list.current_at(instant):
        listed = trust_list.document
        warning = F.make_finding(
            F.TRUST_LIST_OUTDATED,
            "",
            f"at {instant.isoformat()} the trust list (issue {listed.sequence_number}, issued "
            f"{listed.issued.isoformat()}, next update {listed.next_update.isoformat()}) is not "
            "in force: get the current one",
        )
        reason = "the trust list is not in force at the verification time"
        return [warning], LayerResult(Layer.TIME, LayerStatus.NOT_RUN, reason)
    findings = []
    day = instant.astimezone(datetime.UTC).date()
    signer = signer_of(document)
    if signer is not None and day < signer.day:
        findings.append(
            F.make_finding(
                F.NOT_YET_ISSUED,
                "",
                f"the verification time {day} is before the document's date {signer.day}",
            )
        )
    if (
        isinstance(document, KPCertificate)
        and day > document.date_of_expiry
        and received_in_time(document, received) is None
    ):
        findings.append(
            F.make_finding(
                F.CERTIFICATE_EXPIRED,
                "",
                f"the date of expiry, the last day for presenting the shipment to the importing "
                f"authority, was {document.date_of_expiry}; the verification time is {day}, and "
                "no import confirmation of the importing authority shows the goods received on "
                "or before that day",
            )
        )
    return findings, _result(Layer.TIME, findings)


@dataclass(frozen=True)
class Received:
    """The importing authority's record that it received the goods a certificate covers: its
    own signed import confirmation of that certificate (not refused)."""

    day: datetime.date
    """The date of receipt the confirmation states."""
    source: str
    """What the record is, for messages (the confirmation's number and authority)."""


def received_in_time(document: KPCertificate, received: Sequence[Received]) -> Received | None:
    """The record that the goods were received by the importing authority on or before the
    certificate's date of expiry, the first such; None when there is none.

    A delivery receipt of the certificate's document does not count: on the exchange the
    document is delivered at issuance, so a receipt proves the document arrived, not that the
    goods were presented in time; nor does a registry's recorded-at instant [KP-REQ-041].
    """
    return next((r for r in received if r.day <= document.date_of_expiry), None)


# --- anchoring: whether the document's own date can be trusted -----------------------------------


@dataclass(frozen=True)
class Anchor:
    """Evidence, from a system the verifier trusts, that a document existed at an instant."""

    recorded_at: datetime.datetime
    """The instant the evidence says the document was recorded (or received)."""
    source: str
    """What the evidence is, for messages (a status response, by whom, answered when)."""


def key_end(
    certificate: x509.Certificate, trust_list: TrustList, instant: datetime.datetime
) -> tuple[str, datetime.datetime] | None:
    """How and when the signing key stopped being usable, as of ``instant``; None if it is not.

    Returns ``("revoked", since)`` for the earliest revocation recorded anywhere on the list up to
    the instant; otherwise ``("ended", when)`` for the earliest retirement, ValidUntil or X.509
    notAfter before it.
    """
    listings = trust_list.listings(certificate)
    history = [change for listing in listings for change in listing.entry.status_history]
    revoked = [c.since for c in history if c.status == "revoked" and c.since <= instant]
    if revoked:
        return "revoked", min(revoked)
    ends = [c.since for c in history if c.status == "retired" and c.since <= instant]
    ends += [
        listing.entry.valid_until
        for listing in listings
        if listing.entry.valid_until is not None and listing.entry.valid_until <= instant
    ]
    _, after = validity(certificate)
    if after <= instant:
        ends.append(after)
    return ("ended", min(ends)) if ends else None


def anchoring(
    certificate: x509.Certificate,
    trust_list: TrustList,
    instant: datetime.datetime,
    anchors: tuple[Anchor, ...],
    *,
    ended_keys: bool = False,
) -> list[Finding]:
    """Whether the document's date can be trusted, given the evidence that anchors it in time.

    A key revoked for compromise at any instant up to the verification time could have signed
    the document after the compromise, dated before it: the document's date proves nothing, and
    only evidence recorded before the revocation does [KP-REQ-076]. With ``ended_keys`` the same
    holds for a key retired or past its validity [KP-REQ-077]. Returns the warning (KP-ST-001,
    KP-ST-002) that leaves the document "not judged", or nothing.
    """
    end = key_end(certificate, trust_list, instant)
    if end is None or (end[0] == "ended" and not ended_keys):
        return []
    how, when = end
    if any(anchor.recorded_at < when for anchor in anchors):
        return []
    given = "; ".join(f"{a.source} recorded it at {a.recorded_at.isoformat()}" for a in anchors)
    evidence = f" (the evidence given: {given})" if given else ""
    if how == "revoked":
        return [
            F.make_finding(
                F.UNANCHORED_REVOKED,
                "",
                f"the signing key ({describe_certificate(certificate)}) was revoked from "
                f"{when.isoformat()}: a thief of the key could have dated the document before "
                "that; give a status response of the issuing authority recorded before the "
                f"revocation{evidence}",
            )
        ]
    return [
        F.make_finding(
            F.UNANCHORED_ENDED,
            "",
            f"the signing key ({describe_certificate(certificate)}) could sign no more from "
            f"{when.isoformat()}, and this verifier asks for evidence that the document predates "
            f"that{evidence}",
        )
    ]
