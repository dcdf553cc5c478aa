"""The date of expiry is the last day for export (KP-BT-010, KP-REQ-041, issue 12): a certificate
verified at import after it is accepted when the importing authority's receipt shows it delivered
on or before that day, and refused (KP-TM-002) without such evidence."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from test_status import at, codes, signed_by, time_status, trust_list

import kpstandard
from kpstandard.findings import DocumentReport, LayerStatus, Verdict
from kpstandard.model import KPCertificate, Receipt
from kpstandard.pipeline import validate_bytes
from kpstandard.signature.layers import Anchor, delivered_in_time

ROOT = Path(__file__).resolve().parents[1]
CERTIFICATE = (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()
"""BW0241187, issued 2026-02-16, date of expiry 2026-04-16."""
AFTER_EXPIRY = at("2026-06-01T12:00:00Z")


def receipt(received: str = "2026-02-18T09:41:07Z", *, signer: str = "EU-BE-FPSECO-DO") -> bytes:
    """The example receipt of the EU's Diamond Office for BW0241187, received at ``received``."""
    data = (ROOT / "examples" / "documents" / "receipt-eu-bw-unmixed.json").read_bytes()
    document = kpstandard.load(data)
    assert isinstance(document, Receipt)
    return signed_by(signer, dataclasses.replace(document, received_at=at(received)))


def verify(*evidence: bytes, when: datetime.datetime = AFTER_EXPIRY) -> DocumentReport:
    return validate_bytes(
        CERTIFICATE, trust_list=trust_list(), verification_time=when, status_evidence=evidence
    )


def test_verified_after_expiry_without_evidence_is_refused() -> None:
    report = verify()
    assert codes(report) == ["KP-TM-002"]
    assert report.verdict is Verdict.INVALID


def test_delivered_before_expiry_and_verified_at_import_after_it_is_accepted() -> None:
    report = verify(receipt())
    assert report.verdict is Verdict.VALID, report.findings
    assert time_status(report) is LayerStatus.PASSED


def test_delivered_in_the_last_second_of_the_day_of_expiry_is_accepted() -> None:
    report = verify(receipt("2026-04-16T23:59:59Z"))
    assert report.verdict is Verdict.VALID, report.findings


def test_delivered_the_day_after_expiry_is_refused() -> None:
    report = verify(receipt("2026-04-17T00:00:00Z"))
    assert codes(report) == ["KP-TM-002"]


def test_a_receipt_of_another_authority_is_no_evidence_of_export() -> None:
    report = verify(receipt(signer="BW-MME-DH"))
    assert codes(report) == ["KP-ST-003", "KP-TM-002"]


def test_verified_on_the_day_of_expiry_needs_no_evidence() -> None:
    assert verify(when=at("2026-04-16T23:00:00Z")).verdict is Verdict.VALID


def test_a_registry_record_is_no_evidence_of_export() -> None:
    certificate = kpstandard.load(CERTIFICATE)
    assert isinstance(certificate, KPCertificate)
    recorded = Anchor(at("2026-02-16T10:00:00Z"), "a status response")
    delivered = Anchor(at("2026-02-18T09:41:07Z"), "a receipt", delivered=True)
    assert delivered_in_time(certificate, [recorded]) is None
    assert delivered_in_time(certificate, [recorded, delivered]) is delivered
