"""The date of expiry bounds the presentation of the shipment to the importing authority
(KP-BT-010, KP-REQ-041, issue 12): a certificate verified after it is accepted when the importing
authority's own signed import confirmation shows the goods received on or before that day, and
refused (KP-TM-002) without it. A delivery receipt of the document is no such evidence: on the
exchange every certificate is delivered at issuance."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
from pathlib import Path

from test_status import at, codes, signed_by, time_status, trust_list

import kpstandard
from kpstandard.findings import DocumentReport, LayerStatus, Verdict
from kpstandard.model import ImportConfirmation, KPCertificate, Receipt
from kpstandard.pipeline import sign, validate_bytes
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.layers import Received, received_in_time

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "examples" / "documents"
CERTIFICATE = (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()
"""BW0241187, issued 2026-02-16, date of expiry 2026-04-16."""
AFTER_EXPIRY = at("2026-06-01T12:00:00Z")


def confirmation(
    received: str = "2026-02-19",
    *,
    signer: str = "EU-BE-FPSECO-DO",
    of: bytes = CERTIFICATE,
    **changes: object,
) -> bytes:
    """The EU Diamond Office's confirmation of BW0241187, bound to the bytes ``of`` (the signed
    certificate's by default), signed by ``signer``."""
    document = kpstandard.load((DOCUMENTS / "ic-bw-eu-unmixed.json").read_bytes())
    assert isinstance(document, ImportConfirmation)
    digest = base64.b64encode(hashlib.sha256(of).digest()).decode()
    reference = dataclasses.replace(
        document.certificate,
        digest=dataclasses.replace(document.certificate.digest, value=digest),
    )
    document = dataclasses.replace(
        document,
        certificate=reference,
        date_of_receipt=datetime.date.fromisoformat(received),
        **changes,
    )
    folder = ROOT / "examples" / "pki" / "authorities"
    return sign(
        kpstandard.dumps(document, "xml"),
        key=load_private_key(folder / f"{signer}.key.pem"),
        certificate=load_certificate(folder / f"{signer}.cert.pem"),
        confirms=of,
    )


def receipt(received: str = "2026-02-18T09:41:07Z") -> bytes:
    """The example receipt of the EU's Diamond Office for BW0241187, received at ``received``."""
    document = kpstandard.load((DOCUMENTS / "receipt-eu-bw-unmixed.json").read_bytes())
    assert isinstance(document, Receipt)
    return signed_by("EU-BE-FPSECO-DO", dataclasses.replace(document, received_at=at(received)))


def verify(*evidence: bytes, when: datetime.datetime = AFTER_EXPIRY) -> DocumentReport:
    return validate_bytes(
        CERTIFICATE, trust_list=trust_list(), verification_time=when, status_evidence=evidence
    )


def test_verified_after_expiry_without_evidence_is_refused() -> None:
    report = verify()
    assert codes(report) == ["KP-TM-002"]
    assert report.verdict is Verdict.INVALID


def test_received_before_expiry_by_the_importing_authority_is_accepted() -> None:
    report = verify(confirmation())
    assert report.verdict is Verdict.VALID, report.findings
    assert time_status(report) is LayerStatus.PASSED


def test_received_on_the_day_of_expiry_is_accepted() -> None:
    assert verify(confirmation("2026-04-16")).verdict is Verdict.VALID


def test_received_the_day_after_expiry_is_refused() -> None:
    assert codes(verify(confirmation("2026-04-17"))) == ["KP-TM-002"]


def test_a_delivery_receipt_of_the_document_is_no_evidence_of_the_goods() -> None:
    # On the exchange every certificate is delivered at issuance: the receipt proves the
    # document arrived, not that the goods were presented before the date of expiry.
    assert codes(verify(receipt())) == ["KP-TM-002"]


def test_a_confirmation_signed_by_another_authority_is_not_used() -> None:
    assert codes(verify(confirmation(signer="BW-MME-DH"))) == ["KP-ST-003", "KP-TM-002"]


def test_a_refusal_is_no_evidence_of_goods_accepted() -> None:
    refused = confirmation(
        spec_version="1.1", outcome="refused", refusal_reasons={"en": "Seal broken"}
    )
    assert codes(verify(refused)) == ["KP-ST-003", "KP-TM-002"]


def test_a_confirmation_of_other_bytes_is_not_used() -> None:
    # Bound to the unsigned rendering of the certificate: its digest is not the digest of the
    # bytes verified (KP-R-036), so it records no goods received under this certificate.
    other = confirmation(of=(DOCUMENTS / "bw-eu-unmixed.xml").read_bytes())
    assert codes(verify(other)) == ["KP-ST-003", "KP-TM-002"]


def test_verified_on_the_day_of_expiry_needs_no_evidence() -> None:
    assert verify(when=at("2026-04-16T23:00:00Z")).verdict is Verdict.VALID


def test_received_in_time_takes_the_first_record_on_or_before_the_date_of_expiry() -> None:
    certificate = kpstandard.load(CERTIFICATE)
    assert isinstance(certificate, KPCertificate)
    late = Received(datetime.date(2026, 4, 17), "a late confirmation")
    in_time = Received(datetime.date(2026, 4, 16), "a confirmation")
    assert received_in_time(certificate, [late]) is None
    assert received_in_time(certificate, [late, in_time]) is in_time


DATA = Path(__file__).parent / "data" / "expiry"
HYBRID = (ROOT / "examples" / "signed" / "bw-eu-hybrid.xml").read_bytes()
"""BW0241202 (standard 1.1), date of expiry 2026-04-16."""


def test_a_confirmation_that_records_nothing_received_is_no_evidence_of_goods() -> None:
    # Found by review: every line and total received as zero, each stated as a discrepancy, the
    # outcome "confirmed-with-discrepancies": valid as a confirmation, but no goods arrived.
    nothing = (DATA / "confirmation-nothing-received.xml").read_bytes()
    assert validate_bytes(nothing, certificate=HYBRID).verdict is Verdict.VALID
    report = validate_bytes(
        HYBRID, trust_list=trust_list(), verification_time=AFTER_EXPIRY, status_evidence=[nothing]
    )
    assert codes(report) == ["KP-ST-003", "KP-TM-002"]
    assert "records no goods received" in " ".join(f.message for f in report.findings)


def test_the_evidence_is_judged_with_the_same_anchoring_policy() -> None:
    # Found by review: with --anchor-ended-keys, a confirmation signed with a key retired before
    # the verification time lifted KP-TM-002 although, verified alone, it is not judged.
    from kpstandard.signature.keys import load_certificate as certificate_of

    listed, found = kpstandard.load_trust_list(
        (DATA / "trust-list-eu-key-retired-2026-03-01.xml").read_bytes(),
        anchor=certificate_of(ROOT / "examples" / "pki" / "operator" / "operator.cert.pem"),
    )
    assert listed is not None, found
    folder = ROOT / "conformance" / "status"
    certificate = (folder / "inputs" / "KP-V-STA-0106.xml").read_bytes()
    evidence = (folder / "context" / "KP-V-STA-0106-status-evidence-1.xml").read_bytes()

    def judged(anchor_ended_keys: bool) -> DocumentReport:
        return validate_bytes(
            certificate,
            trust_list=listed,
            verification_time=AFTER_EXPIRY,
            status_evidence=[evidence],
            anchor_ended_keys=anchor_ended_keys,
        )

    assert judged(False).verdict is Verdict.VALID
    assert codes(judged(True)) == ["KP-ST-003", "KP-TM-002"]
