"""Receipts as time anchors (issue 13 with issue 14): a signed Receipt of the importing
authority's node whose received-at instant precedes a compromise revocation anchors a back-dated
certificate, as a status response recorded before it does (spec/text/lifecycle.md 4.1,
spec/exchange/protocol.md 3.3)."""

from __future__ import annotations

import base64
import datetime
import hashlib

from test_status import at, backdated_signed, codes, signed_by, time_status, verify

from kpstandard.findings import LayerStatus, Verdict
from kpstandard.model import Authority, Digest, Receipt

SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


def receipt(
    data: bytes,
    *,
    received: str = "2025-12-30T15:00:00Z",
    signer: str = "IN-GJEPC",
    participant: str = "IN",
    number: str | None = None,
    document_type: str = "kp-certificate",
    digest_of: bytes | None = None,
) -> bytes:
    """A receipt of the Indian authority's node for the certificate (signed with ``signer``)."""
    value = base64.b64encode(hashlib.sha256(digest_of or data).digest()).decode("ascii")
    document = Receipt(
        spec_version="1.0",
        participant=participant,
        receiving_authority=Authority(name={"en": "GJEPC (test)"}, identifier="IN-GJEPC"),
        message_id="msg-0001",
        sender_participant="ZA",
        sender_authority="ZA-SADPMR",
        received_document_type=document_type,
        document_number=number or "ZA2025009901",
        digest=Digest(algorithm=SHA256, value=value),
        received_at=at(received),
    )
    return signed_by(signer, document)


def test_a_receipt_received_before_the_compromise_anchors_the_certificate() -> None:
    data = backdated_signed()
    report = verify(data, receipt(data))
    assert report.verdict is Verdict.VALID, report.findings
    assert time_status(report) is LayerStatus.PASSED


def test_a_receipt_received_after_the_compromise_anchors_nothing() -> None:
    data = backdated_signed()
    report = verify(data, receipt(data, received="2026-01-02T09:00:00Z"))
    assert codes(report) == ["KP-ST-001"]
    assert report.verdict is Verdict.NOT_JUDGED


def test_a_receipt_about_another_digest_is_not_used() -> None:
    data = backdated_signed()
    report = verify(data, receipt(data, digest_of=b"another document"))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]


def test_a_receipt_about_another_number_is_not_used() -> None:
    data = backdated_signed()
    report = verify(data, receipt(data, number="ZA2025009902"))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]


def test_a_receipt_of_another_document_type_is_not_used() -> None:
    data = backdated_signed()
    report = verify(data, receipt(data, document_type="certificate-status-notice"))
    assert codes(report) == ["KP-ST-001", "KP-ST-003"]


def test_a_receipt_signed_by_a_third_participant_is_not_used() -> None:
    data = backdated_signed()  # a friendly third party cannot vouch for the date
    report = verify(data, receipt(data, signer="BW-MME-DH", participant="BW"))
    assert "KP-ST-003" in codes(report)
    assert report.verdict is Verdict.NOT_JUDGED


def test_a_receipt_signed_with_the_compromised_key_is_not_used() -> None:
    data = backdated_signed()  # the thief forges the importer's receipt with the stolen key
    report = verify(data, receipt(data, signer="ZA-SADPMR-compromised"))
    assert "KP-ST-003" in codes(report)
    assert report.verdict is Verdict.NOT_JUDGED


def test_the_public_verify_takes_a_receipt_as_evidence() -> None:
    from test_status import VERIFIED, trust_list

    import kpstandard

    data = backdated_signed()
    report = kpstandard.verify(
        data,
        trust_list=trust_list(),
        verification_time=VERIFIED,
        status_evidence=[receipt(data)],
    )
    assert report.verdict is Verdict.VALID, report.findings
    assert isinstance(VERIFIED, datetime.datetime)
