"""The certificate's life after signing: status notices, status responses as time anchors.

The back-dating case of issue 13: a certificate signed with a key revoked for compromise from
2026-01-01 and dated before it is "not judged" without evidence (KP-ST-001) and valid with a
status response of the issuing authority recorded before the compromise.
"""

from __future__ import annotations

import dataclasses
import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import kpstandard
from kpstandard.findings import DocumentReport, Layer, LayerStatus, Verdict
from kpstandard.model import (
    CertificateReference,
    CertificateStatusNotice,
    Digest,
    KPCertificate,
)
from kpstandard.pipeline import load_trust_list, sign, validate_bytes
from kpstandard.registry import SQLiteRegistry, record, respond
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.trustlist import TrustList
from kpstandard.status import CertificateId, status_of

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
DOCUMENTS = ROOT / "examples" / "documents"
UTC = datetime.UTC
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


COMPROMISE = at("2026-01-01T00:00:00Z")  # examples/pki/trust-list.yaml
VERIFIED = at("2026-01-10T12:00:00Z")


@cache
def trust_list() -> TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    data = (ROOT / "examples" / "signed" / "trust-list.xml").read_bytes()
    loaded, findings = load_trust_list(data, anchor=anchor)
    assert loaded is not None, findings
    return loaded


def signed_by(stem: str, document: Any) -> bytes:
    folder = PKI / "authorities"
    key = load_private_key(folder / f"{stem}.key.pem")
    certificate = load_certificate(folder / f"{stem}.cert.pem")
    return sign(kpstandard.dumps(document, "xml"), key=key, certificate=certificate)


@cache
def backdated() -> KPCertificate:
    """A South African certificate dated before the compromise of the key that signs it."""
    document = kpstandard.load((DOCUMENTS / "za-in-container.json").read_bytes())
    assert isinstance(document, KPCertificate)
    return dataclasses.replace(
        document,
        certificate_number="ZA2025009901",
        date_of_issue=datetime.date(2025, 12, 30),
        date_of_expiry=datetime.date(2026, 2, 27),
    )


@cache
def backdated_signed() -> bytes:
    return signed_by("ZA-SADPMR-compromised", backdated())


def registry_with(data: bytes, recorded: str) -> SQLiteRegistry:
    store = SQLiteRegistry(":memory:")
    record(store, data, now=at(recorded))
    return store


def response(
    data: bytes,
    *,
    recorded: str = "2025-12-30T09:00:00Z",
    answered: str = "2026-01-09T10:00:00Z",
    signer: str = "ZA-SADPMR",
    store: SQLiteRegistry | None = None,
) -> bytes:
    store = store or registry_with(data, recorded)
    certificate = kpstandard.load(data)
    digest = record(store, data).digest
    answer = respond(
        store,
        certificate.certificate_number,
        digest,
        participant=certificate.exporting_participant,
        authority=certificate.issuing_authority,
        now=at(answered),
    )
    return signed_by(signer, answer)


def verify(data: bytes, *evidence: bytes, when: datetime.datetime = VERIFIED) -> DocumentReport:
    return validate_bytes(
        data, trust_list=trust_list(), verification_time=when, status_evidence=evidence
    )


def codes(report: DocumentReport) -> list[str]:
    return sorted(f.code for f in report.findings)


def time_status(report: DocumentReport) -> LayerStatus:
    return next(r.status for r in report.layers if r.layer is Layer.TIME)


# --- anchoring -----------------------------------------------------------------------------------


def test_backdated_with_a_compromised_key_is_not_judged_without_evidence() -> None:
    report = verify(backdated_signed())
    assert report.verdict is Verdict.NOT_JUDGED
    assert codes(report) == ["KP-ST-001"]
    assert time_status(report) is LayerStatus.PARTIAL


def test_backdated_is_valid_with_a_response_recorded_before_the_compromise() -> None:
    data = backdated_signed()
    report = verify(data, response(data))
    assert report.verdict is Verdict.VALID, report.findings


def test_a_response_recorded_after_the_compromise_anchors_nothing() -> None:
    data = backdated_signed()
    report = verify(data, response(data, recorded="2026-01-02T09:00:00Z"))
    assert codes(report) == ["KP-ST-001"]
    assert report.verdict is Verdict.NOT_JUDGED


def test_a_response_signed_by_another_authority_is_not_used() -> None:
    data = backdated_signed()
    report = verify(data, response(data, signer="BW-MME-DH"))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]
    assert report.verdict is Verdict.NOT_JUDGED


def test_a_response_signed_with_the_compromised_key_is_not_used() -> None:
    data = backdated_signed()  # the thief answers for the registry with the stolen key
    report = verify(data, response(data, signer="ZA-SADPMR-compromised"))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]


def test_a_response_about_another_digest_is_not_used() -> None:
    data = backdated_signed()
    other = signed_by(
        "ZA-SADPMR-compromised",
        dataclasses.replace(backdated(), date_of_expiry=datetime.date(2026, 2, 26)),
    )
    store = registry_with(other, "2025-12-30T09:00:00Z")
    answer = respond(
        store,
        backdated().certificate_number,
        record(store, other).digest,
        participant="ZA",
        authority=backdated().issuing_authority,
        now=at("2026-01-09T10:00:00Z"),
    )
    report = verify(data, signed_by("ZA-SADPMR", answer))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]


def test_before_the_compromise_no_evidence_is_needed() -> None:
    report = verify(backdated_signed(), when=at("2025-12-31T12:00:00Z"))
    assert report.verdict is Verdict.VALID, report.findings


def test_a_key_that_was_never_revoked_needs_no_evidence() -> None:
    report = verify(signed_by("ZA-SADPMR", backdated()))
    assert report.verdict is Verdict.VALID, report.findings


def test_retired_keys_need_evidence_only_when_the_verifier_asks() -> None:
    document = kpstandard.load((DOCUMENTS / "bw-eu-unmixed.json").read_bytes())
    old = dataclasses.replace(
        document, date_of_issue=datetime.date(2024, 6, 3), date_of_expiry=datetime.date(2024, 8, 2)
    )
    data = signed_by("BW-MME-DH-2019-retired", old)
    when = at("2024-06-05T12:00:00Z")  # before the retirement (2025-01-01): nothing to ask
    strict = validate_bytes(
        data, trust_list=trust_list(), verification_time=when, anchor_ended_keys=True
    )
    assert strict.verdict is Verdict.VALID, strict.findings
    # the certificate expired before the key's end, so judge an import-time check at expiry + 1
    late = at("2025-01-02T12:00:00Z")
    lax = validate_bytes(data, trust_list=trust_list(), verification_time=late)
    strict = validate_bytes(
        data, trust_list=trust_list(), verification_time=late, anchor_ended_keys=True
    )
    assert "KP-ST-002" not in codes(lax)
    assert "KP-ST-002" in codes(strict)


# --- status --------------------------------------------------------------------------------------


def notice(
    certificate: KPCertificate,
    data: bytes,
    status: str,
    effective: str,
    *,
    number: str = "ZAN2026000001",
    replaced_by: str | None = None,
    reason: str = "shipment-cancelled",
    authority: str | None = None,
) -> CertificateStatusNotice:
    import base64
    import hashlib

    issuer = certificate.issuing_authority
    if authority is not None:
        issuer = dataclasses.replace(issuer, identifier=authority)
    return CertificateStatusNotice(
        spec_version="1.0",
        notice_number=number,
        certificate=CertificateReference(
            number=certificate.certificate_number,
            exporting_participant=certificate.exporting_participant,
            date_of_issue=certificate.date_of_issue,
            digest=Digest(
                algorithm=SHA256,
                value=base64.b64encode(hashlib.sha256(data).digest()).decode(),
            ),
        ),
        issuing_authority=issuer,
        status=status,
        replaced_by=replaced_by,
        reason=reason,
        reason_text={"en": "Test notice."},
        effective_from=at(effective),
    )


@cache
def current() -> tuple[KPCertificate, bytes]:
    certificate = backdated()
    return certificate, signed_by("ZA-SADPMR", certificate)


def test_a_void_certificate_is_reported_with_its_own_code() -> None:
    certificate, data = current()
    void = signed_by("ZA-SADPMR", notice(certificate, data, "void", "2026-01-05T08:00:00Z"))
    report = verify(data, void)
    assert codes(report) == ["KP-ST-004"]
    assert report.verdict is Verdict.INVALID
    assert "void" in report.findings[0].message
    # before the notice takes effect, the certificate stands
    assert verify(data, void, when=at("2026-01-04T12:00:00Z")).verdict is Verdict.VALID


def test_a_notice_signed_by_another_authority_is_not_used() -> None:
    certificate, data = current()
    forged = signed_by("BW-MME-DH", notice(certificate, data, "void", "2026-01-05T08:00:00Z"))
    report = verify(data, forged)
    assert codes(report) == ["KP-ST-003"]
    assert report.verdict is Verdict.VALID  # a warning: the certificate stands


def test_a_registry_that_never_recorded_the_certificate_says_so() -> None:
    certificate, data = current()
    store = SQLiteRegistry(":memory:")
    answer = respond(
        store,
        certificate.certificate_number,
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        participant="ZA",
        authority=certificate.issuing_authority,
        now=at("2026-01-09T10:00:00Z"),
    )
    assert answer.status == "unknown"
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(data).digest()).decode()
    answer = dataclasses.replace(answer, digest=Digest(algorithm=SHA256, value=digest))
    report = verify(data, signed_by("ZA-SADPMR", answer))
    assert codes(report) == ["KP-ST-005"]
    assert report.verdict is Verdict.INVALID


def test_status_of_follows_a_replacement_chain() -> None:
    certificate, data = current()
    lost = notice(certificate, data, "lost", "2026-01-03T08:00:00Z", number="ZAN1", reason="lost")
    replaced = notice(
        certificate,
        data,
        "replaced",
        "2026-01-04T08:00:00Z",
        number="ZAN2",
        replaced_by="ZA2026000077",
        reason="lost",
    )
    again = notice(
        certificate,
        data,
        "replaced",
        "2026-01-06T08:00:00Z",
        number="ZAN3",
        replaced_by="ZA2026000078",
        reason="lost",
    )
    notices = [again, replaced, lost]
    assert status_of(certificate, notices, at=at("2026-01-02T00:00:00Z")).status == "issued"
    assert status_of(certificate, notices, at=at("2026-01-03T12:00:00Z")).status == "lost"
    state = status_of(certificate, notices, at=at("2026-01-10T00:00:00Z"), data=data)
    assert (state.status, state.replaced_by, state.notice) == ("replaced", "ZA2026000077", "ZAN2")
    assert [f.code for f in state.ignored] == ["KP-ST-006"]  # replaced twice


def test_status_of_refuses_changes_after_the_import_confirmation_except_fraud() -> None:
    certificate, data = current()
    confirmed = at("2026-01-08T00:00:00Z")
    void = notice(certificate, data, "void", "2026-01-09T08:00:00Z", number="ZAN1")
    state = status_of(certificate, [void], at=VERIFIED, confirmed_at=confirmed)
    assert state.status == "issued"
    assert [f.code for f in state.ignored] == ["KP-ST-006"]
    fraud = notice(
        certificate, data, "withdrawn", "2026-01-09T08:00:00Z", number="ZAN2", reason="fraud"
    )
    state = status_of(certificate, [fraud], at=VERIFIED, confirmed_at=confirmed)
    assert (state.status, state.ignored) == ("withdrawn", ())


def test_status_of_ignores_a_notice_of_another_authority_or_digest() -> None:
    certificate, data = current()
    other = notice(certificate, data, "void", "2026-01-05T08:00:00Z", authority="ZA-OTHER")
    state = status_of(CertificateId.of(certificate), [other], at=VERIFIED)
    assert state.status == "issued"
    assert [f.code for f in state.ignored] == ["KP-ST-003"]
    state = status_of(
        certificate,
        [notice(certificate, b"x", "void", "2026-01-05T08:00:00Z")],
        at=VERIFIED,
        data=data,
    )
    assert [f.code for f in state.ignored] == ["KP-ST-003"]


@pytest.mark.parametrize("syntax", ["json", "xml"])
def test_notices_and_responses_round_trip(syntax: str) -> None:
    certificate, data = current()
    void = notice(certificate, data, "void", "2026-01-05T08:00:00Z")
    assert kpstandard.load(kpstandard.dumps(void, syntax)) == void  # type: ignore[arg-type]
