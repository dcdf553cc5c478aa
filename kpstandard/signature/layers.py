"""The trust and time layers: a verified signer judged by the trust list, at a verification time."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard import findings as F
from kpstandard.findings import Finding, Layer, LayerResult, LayerStatus
from kpstandard.model import AuthorityTrustList, ImportConfirmation, KPCertificate
from kpstandard.signature.keys import describe_certificate
from kpstandard.signature.trustlist import TrustList

__all__ = ["Signer", "signer_of", "time_layer", "trust_layer"]


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
    document: Any, trust_list: TrustList, instant: datetime.datetime
) -> tuple[list[Finding], LayerResult]:
    """The verification time against the trust list's period and the document's dates.

    An outdated trust list is no defect of the document: the layer does not run, with a warning
    (KP-TM-001), and the document is "not judged" [KP-REQ-044].
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
    if isinstance(document, KPCertificate) and day > document.date_of_expiry:
        findings.append(
            F.make_finding(
                F.CERTIFICATE_EXPIRED,
                "",
                f"the certificate expired on {document.date_of_expiry}; the verification time "
                f"is {day}",
            )
        )
    return findings, _result(Layer.TIME, findings)
