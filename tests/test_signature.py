"""Signatures fail closed: every attack and every departure from the profile has its own code."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from lxml import etree
from signxml.algorithms import CanonicalizationMethod, SignatureMethod
from signxml.signer import XMLSigner

import kpstandard
from kpstandard.errors import KPStandardError
from kpstandard.findings import DocumentReport, Layer, LayerStatus, Verdict
from kpstandard.pipeline import load_trust_list, sign, validate_bytes
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.layers import signer_of
from kpstandard.signature.profile import algorithm_for
from kpstandard.signature.trustlist import TrustList

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
SIGNED = ROOT / "examples" / "signed"
DOCUMENTS = ROOT / "examples" / "documents"
DS = "{http://www.w3.org/2000/09/xmldsig#}"
KP = "{urn:kpstandard:kp-certificate:1}"
UTC = datetime.UTC


@cache
def trust_list() -> TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = load_trust_list((SIGNED / "trust-list.xml").read_bytes(), anchor=anchor)
    assert loaded is not None, findings
    return loaded


@cache
def keys(stem: str) -> tuple[Any, Any]:
    folder = PKI / "authorities"
    return (
        load_private_key(folder / f"{stem}.key.pem"),
        load_certificate(folder / f"{stem}.cert.pem"),
    )


def signed_by(stem: str, document: Any) -> bytes:
    key, certificate = keys(stem)
    return sign(kpstandard.dumps(document, "xml"), key=key, certificate=certificate)


def noon_after(day: datetime.date, days: int = 2) -> datetime.datetime:
    return datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time(12), UTC)


def verify(data: bytes, day: datetime.date | None = None, **kwargs: Any) -> DocumentReport:
    when = noon_after(day) if day else noon_after(datetime.date(2026, 2, 16))
    return validate_bytes(data, trust_list=trust_list(), verification_time=when, **kwargs)


def codes(report: DocumentReport) -> list[str]:
    return [f.code for f in report.findings]


def golden(stem: str) -> Any:
    return kpstandard.load((DOCUMENTS / f"{stem}.json").read_bytes())


def edit(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(data, etree.XMLParser(remove_comments=False, remove_blank_text=False))
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def signature(root: etree._Element) -> etree._Element:
    found = root.find(f"{DS}Signature")
    assert found is not None
    return found


# --- what holds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(p for p in SIGNED.glob("*.xml") if p.name != "trust-list.xml"),
    ids=lambda p: p.name,
)
def test_signed_examples_verify(path: Path) -> None:
    document = kpstandard.load((DOCUMENTS / path.name).read_bytes())
    signer = signer_of(document)
    assert signer is not None
    certificate = None
    if isinstance(document, kpstandard.ImportConfirmation):
        # A signed confirmation's digest covers the bytes the importing authority received: the
        # SIGNED certificate's octets (annex Article 11(2)); otherwise it is its unsigned twin.
        certificate = (SIGNED / path.name.removeprefix("ic-")).read_bytes()
        document = _with_digest(document, _sha256(certificate))
    report = verify(path.read_bytes(), signer.day, certificate=certificate)
    assert report.verdict is Verdict.VALID, report.findings
    assert [r.layer for r in report.layers] == [
        layer for layer in Layer if layer is not Layer.PROCESSING
    ]
    assert report.document == document


def _sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _with_digest(confirmation: Any, value: str) -> Any:
    reference = confirmation.certificate
    digest = dataclasses.replace(reference.digest, value=value)
    return dataclasses.replace(
        confirmation, certificate=dataclasses.replace(reference, digest=digest)
    )


def test_a_signed_confirmation_bound_to_the_unsigned_certificate_is_refused() -> None:
    # The pairing the signed examples once had: the confirmation's digest is that of the unsigned
    # certificate, but the importing authority received (and is judged with) the signed one.
    unsigned = (DOCUMENTS / "bw-eu-unmixed.xml").read_bytes()
    key, certificate = keys("EU-BE-FPSECO-DO")
    stale = sign(
        (DOCUMENTS / "ic-bw-eu-unmixed.xml").read_bytes(),
        key=key,
        certificate=certificate,
        confirms=unsigned,
    )
    received = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    day = datetime.date(2026, 2, 19)
    report = verify(stale, day, certificate=received)
    assert report.verdict is Verdict.INVALID
    assert codes(report) == ["KP-R-036"]
    assert report.findings[0].location.endswith("kp:Digest/kp:Value")
    # The committed signed confirmation carries the signed certificate's digest, and holds.
    assert (
        codes(verify((SIGNED / "ic-bw-eu-unmixed.xml").read_bytes(), day, certificate=received))
        == []
    )


def test_verified_document_comes_from_the_signed_bytes() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    # A comment splits the signed value; canonicalization drops it, so the signature holds, and
    # what is read is the whole value, as it was signed.
    injected = data.replace(b"<OfficerName>", b"<OfficerName>K<!--. Evil-->", 1).replace(
        b"<OfficerName>K<!--. Evil-->K", b"<OfficerName>K<!--. Evil-->", 1
    )
    report = verify(injected)
    assert report.valid, report.findings
    assert report.document == golden("bw-eu-unmixed")


def test_cdata_with_the_same_text_holds_and_reads_the_same() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    original = golden("bw-eu-unmixed").validation.officer_name.encode()
    injected = data.replace(original, b"<![CDATA[" + original + b"]]>", 1)
    assert injected != data
    report = verify(injected)
    assert report.valid, report.findings
    assert report.document.validation.officer_name == original.decode()


def test_key_rotation_retired_key_still_verifies_what_it_signed_before() -> None:
    document = golden("bw-eu-unmixed")
    old = dataclasses.replace(
        document, date_of_issue=datetime.date(2024, 6, 3), date_of_expiry=datetime.date(2024, 8, 2)
    )
    assert verify(signed_by("BW-MME-DH-2019-retired", old), old.date_of_issue).valid
    report = verify(signed_by("BW-MME-DH-2019-retired", document), document.date_of_issue)
    assert codes(report) == ["KP-T-004"]
    assert "retired since 2025-01-01" in report.findings[0].message


def test_revoked_key_fails_from_the_revocation_date_only() -> None:
    document = golden("za-in-container")  # issued 2026-04-07, after the revocation (2026-01-01)
    report = verify(signed_by("ZA-SADPMR-compromised", document), document.date_of_issue)
    assert codes(report) == ["KP-T-005"]
    before = dataclasses.replace(
        document, date_of_issue=datetime.date(2025, 6, 2), date_of_expiry=datetime.date(2025, 7, 30)
    )
    assert verify(signed_by("ZA-SADPMR-compromised", before), before.date_of_issue).valid


# --- tampering and wrapping ---------------------------------------------------------------------


def _first(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path)
    assert found is not None, path
    return found


def _move_signature_first(root: etree._Element) -> None:
    root.insert(0, signature(root))


def _second_signature(root: etree._Element) -> None:
    root.append(etree.fromstring(etree.tostring(signature(root))))


def _wrap_signed_content(root: etree._Element) -> None:
    # The classic wrapping: the signed original moved into an Object, evil content in its place.
    sig = signature(root)
    original = etree.fromstring(etree.tostring(root))
    original.remove(signature(original))
    obj = etree.SubElement(sig, f"{DS}Object")
    obj.append(original)
    _first(root, f"{KP}CertificateNumber").text = "BW0009999"


def _wrap_whole_signed_document(root: etree._Element) -> None:
    # The signed document, signature and all, wrapped inside a new evil one.
    original = etree.fromstring(etree.tostring(root))
    root.remove(signature(root))
    _first(root, f"{KP}CertificateNumber").text = "BW0009999"
    etree.SubElement(root, f"{KP}Wrapper").append(original)


def _set_algorithm(tag: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        _first(signature(root), f".//{DS}{tag}").set("Algorithm", value)

    return change


def _second_reference(root: etree._Element) -> None:
    reference = _first(signature(root), f".//{DS}Reference")
    reference.addnext(etree.fromstring(etree.tostring(reference)))


def _reference_to_id(root: etree._Element) -> None:
    _first(signature(root), f".//{DS}Reference").set("URI", "#certificate")


def _extra_transform(root: etree._Element) -> None:
    transforms = _first(signature(root), f".//{DS}Transforms")
    etree.SubElement(
        transforms, f"{DS}Transform", Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"
    )


def _key_value(root: etree._Element) -> None:
    etree.SubElement(_first(signature(root), f"{DS}KeyInfo"), f"{DS}KeyValue")


def _two_certificates(root: etree._Element) -> None:
    certificate = _first(signature(root), f".//{DS}X509Certificate")
    certificate.addnext(etree.fromstring(etree.tostring(certificate)))


def _garbage_certificate(root: etree._Element) -> None:
    _first(signature(root), f".//{DS}X509Certificate").text = "bm90IGEgY2VydGlmaWNhdGU="


def _tamper_digest(root: etree._Element) -> None:
    digest = _first(signature(root), f".//{DS}DigestValue")
    digest.text = (
        "A" + (digest.text or "")[1:]
        if not (digest.text or "").startswith("A")
        else "B" + (digest.text or "")[1:]
    )


def _tamper_signature_value(root: etree._Element) -> None:
    value = _first(signature(root), f"{DS}SignatureValue")
    text = (value.text or "").strip()
    value.text = ("B" if text[0] == "A" else "A") + text[1:]


def _duplicate_element(root: etree._Element) -> None:
    number = _first(root, f"{KP}CertificateNumber")
    copy = etree.fromstring(etree.tostring(number))
    copy.text = "BW0009999"
    number.addprevious(copy)


TAMPERING = [
    ("tampered-value", lambda r: setattr(_first(r, f".//{KP}Parcels"), "text", "4"), "KP-SIG-009"),
    ("second-copy-of-an-element", _duplicate_element, "KP-SIG-009"),
    ("tampered-digest", _tamper_digest, "KP-SIG-010"),
    ("tampered-signature-value", _tamper_signature_value, "KP-SIG-010"),
    ("signature-moved-first", _move_signature_first, "KP-SIG-003"),
    ("second-signature", _second_signature, "KP-SIG-002"),
    ("signed-content-wrapped-in-object", _wrap_signed_content, "KP-SIG-012"),
    ("signed-document-wrapped-inside-another", _wrap_whole_signed_document, "KP-SIG-003"),
    ("second-reference", _second_reference, "KP-SIG-004"),
    ("reference-to-an-id", _reference_to_id, "KP-SIG-005"),
    ("xpath-transform", _extra_transform, "KP-SIG-006"),
    (
        "rsa-sha1",
        _set_algorithm("SignatureMethod", "http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
        "KP-SIG-007",
    ),
    (
        "hmac",
        _set_algorithm("SignatureMethod", "http://www.w3.org/2000/09/xmldsig#hmac-sha1"),
        "KP-SIG-007",
    ),
    (
        "hmac-sha256",
        _set_algorithm("SignatureMethod", "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"),
        "KP-SIG-007",
    ),
    (
        "digest-sha1",
        _set_algorithm("DigestMethod", "http://www.w3.org/2000/09/xmldsig#sha1"),
        "KP-SIG-007",
    ),
    (
        "digest-md5",
        _set_algorithm("DigestMethod", "http://www.w3.org/2001/04/xmldsig-more#md5"),
        "KP-SIG-007",
    ),
    (
        "inclusive-c14n",
        _set_algorithm("CanonicalizationMethod", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"),
        "KP-SIG-007",
    ),
    ("key-value-beside-certificate", _key_value, "KP-SIG-012"),
    ("two-certificates", _two_certificates, "KP-SIG-011"),
    ("unreadable-certificate", _garbage_certificate, "KP-SIG-011"),
]


@pytest.mark.parametrize(("change", "code"), [pytest.param(c, k, id=i) for i, c, k in TAMPERING])
def test_tampering_fails_with_its_code(change: Callable[[etree._Element], None], code: str) -> None:
    report = verify(edit((SIGNED / "bw-eu-unmixed.xml").read_bytes(), change))
    assert report.verdict is Verdict.INVALID
    assert code in codes(report)
    assert next(r for r in report.layers if r.layer is Layer.SIGNATURE).status is LayerStatus.FAILED
    assert report.document is None  # nothing unverified is handed out


def test_unsigned_document_with_a_trust_list() -> None:
    for data in (
        (DOCUMENTS / "bw-eu-unmixed.xml").read_bytes(),
        (DOCUMENTS / "bw-eu-unmixed.json").read_bytes(),
    ):
        assert "KP-SIG-001" in codes(verify(data))


def test_weak_rsa_key_is_refused_by_signer_and_verifier() -> None:
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "weak (test)")])
    start = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    weak_certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(weak.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=5000))
        .sign(weak, hashes.SHA256())
    )
    with pytest.raises(KPStandardError, match="2048"):
        sign((DOCUMENTS / "bw-eu-unmixed.xml").read_bytes(), key=weak, certificate=weak_certificate)
    signer = XMLSigner(c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0)
    root = signer.sign(
        etree.fromstring((DOCUMENTS / "bw-eu-unmixed.xml").read_bytes()),
        key=weak,
        cert=[weak_certificate],
    )
    assert codes(verify(etree.tostring(root))) == ["KP-SIG-008"]


# --- trust ---------------------------------------------------------------------------------------


def test_untrusted_embedded_certificate() -> None:
    report = verify(signed_by("rogue", golden("bw-eu-unmixed")))
    assert codes(report) == ["KP-T-001"]
    assert report.document is not None  # the signature holds; trust is what fails
    assert not report.valid


def test_another_participants_key() -> None:
    assert codes(verify(signed_by("ZA-SADPMR", golden("bw-eu-unmixed")))) == ["KP-T-002"]


def test_authority_not_the_one_the_document_names() -> None:
    document = golden("bw-eu-unmixed")
    other = dataclasses.replace(
        document,
        issuing_authority=dataclasses.replace(document.issuing_authority, identifier="BW-X"),
    )
    assert codes(verify(signed_by("BW-MME-DH", other))) == ["KP-T-003"]


def test_importing_authority_cannot_sign_as_exporter() -> None:
    # BY-MINFIN-DPMS may authenticate import confirmations, not validate certificates.
    document = golden("ru-by-russian")
    swapped = dataclasses.replace(
        document,
        exporting_participant="BY",
        importing_participant="RU",
        certificate_number="BY" + document.certificate_number[2:],
        issuing_authority=dataclasses.replace(
            document.issuing_authority, identifier="BY-MINFIN-DPMS"
        ),
    )
    report = verify(signed_by("BY-MINFIN-DPMS", swapped), swapped.date_of_issue)
    assert "KP-T-003" in codes(report)


def test_expired_certificate() -> None:
    document = golden("ao-cn-portuguese")
    assert codes(verify(signed_by("AO-MIREMPET-KP-expired", document), document.date_of_issue)) == [
        "KP-T-004"
    ]


def test_certificate_whose_key_usage_forbids_signing() -> None:
    document = golden("gb-us-after-brexit")
    report = verify(signed_by("GB-FCDO-GDO-keyencipherment", document), document.date_of_issue)
    assert codes(report) == ["KP-T-006"]


# --- time ----------------------------------------------------------------------------------------


def test_expired_kp_certificate_at_verification_time() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    report = validate_bytes(
        data, trust_list=trust_list(), verification_time=datetime.datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert codes(report) == ["KP-TM-002"]


def test_verification_before_the_date_of_issue() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    report = validate_bytes(
        data, trust_list=trust_list(), verification_time=datetime.datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert codes(report) == ["KP-TM-003"]


def test_outdated_trust_list() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    report = validate_bytes(
        data, trust_list=trust_list(), verification_time=datetime.datetime(2028, 3, 1, tzinfo=UTC)
    )
    assert "KP-TM-001" in codes(report)


# --- the trust list itself ---------------------------------------------------------------


def test_trust_list_signed_by_someone_else_is_refused() -> None:
    key, certificate = keys("rogue")
    forged = sign((DOCUMENTS / "trust-list.xml").read_bytes(), key=key, certificate=certificate)
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = load_trust_list(forged, anchor=anchor)
    assert loaded is None
    assert [f.code for f in findings] == ["KP-T-007"]


def test_tampered_trust_list_is_refused() -> None:
    data = (SIGNED / "trust-list.xml").read_bytes().replace(b"<Code>ZA</Code>", b"<Code>ZW</Code>")
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = load_trust_list(data, anchor=anchor)
    assert loaded is None
    assert "KP-SIG-009" in findings[0].message


# --- hostile input ----------------------------------------------------------------------


def test_dtd_and_entities_in_a_signed_document() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    bomb = data.replace(
        b"<KPCertificate",
        b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">]><KPCertificate',
        1,
    )
    report = verify(bomb)
    assert "KP-P-004" in codes(report)
    assert "root:" not in repr(report)


# --- XAdES baseline-B ---------------------------------------------------------------------------


def _xades(stem: str, document: Any) -> bytes:
    key, certificate = keys(stem)
    return sign(kpstandard.dumps(document, "xml"), key=key, certificate=certificate, xades=True)


@pytest.mark.parametrize("stem", ["BW-MME-DH", "EU-BE-FPSECO-DO"])
def test_xades_signature_verifies(stem: str) -> None:
    document = golden("bw-eu-unmixed" if stem == "BW-MME-DH" else "eu-ae-mixed")
    data = _xades(stem, document)
    assert b"SigningTime" in data
    assert b"SigningCertificateV2" in data
    report = verify(data, document.date_of_issue)
    assert report.valid, report.findings
    assert report.document == document


def test_xades_signed_properties_are_protected() -> None:
    data = _xades("BW-MME-DH", golden("bw-eu-unmixed"))
    tampered = edit(
        data,
        lambda root: setattr(
            _first(root, ".//{http://uri.etsi.org/01903/v1.3.2#}SigningTime"),
            "text",
            "2020-01-01T00:00:00+00:00",
        ),
    )
    assert codes(verify(tampered)) == ["KP-SIG-009"]


def test_xades_reference_to_anything_else_is_refused() -> None:
    def retarget(root: etree._Element) -> None:
        references = signature(root).findall(f".//{DS}Reference")
        references[-1].set("URI", "#elsewhere")

    assert codes(verify(edit(_xades("BW-MME-DH", golden("bw-eu-unmixed")), retarget))) == [
        "KP-SIG-005"
    ]


# --- found by review: inputs that once escaped as exceptions, or hung --------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        pytest.param(
            lambda d: d.replace(b"</ds:Signature>", b"</ds:Signature>x"),
            "KP-SIG-003",
            id="tail-text",
        ),
        pytest.param(
            lambda d: d.replace(b"<ds:KeyInfo>", b'<ds:KeyInfo foo="x">'),
            "KP-SIG-012",
            id="attribute-xmldsig-forbids",
        ),
        pytest.param(
            lambda d: d.replace(b"<ds:Signature ", b'<ds:Signature xml:base="a" '),
            "KP-SIG-012",
            id="xml-base",
        ),
        pytest.param(
            lambda d: re.sub(
                rb"<ds:SignatureValue>.*?</ds:SignatureValue>",
                b"<ds:SignatureValue/>",
                d,
                flags=re.S,
            ),
            "KP-SIG-010",
            id="empty-signature-value",
        ),
        pytest.param(
            lambda d: d.replace(b"<ds:SignatureValue>", b'<ds:SignatureValue xml:id="a">').replace(
                b"<ds:KeyInfo>", b'<ds:KeyInfo xml:id="a">'
            ),
            "KP-SIG-012",
            id="duplicate-xml-id",
        ),
    ],
)
def test_malformed_signature_parts_fail_closed(change: Callable[[bytes], bytes], code: str) -> None:
    report = verify(change((SIGNED / "bw-eu-unmixed.xml").read_bytes()))
    assert code in codes(report)
    assert report.document is None


def test_a_flood_of_namespace_declarations_is_refused_at_once() -> None:
    declarations = "".join(f' xmlns:p{j}="urn:{j}"' for j in range(20_000))
    data = f'<KPCertificate xmlns="urn:kpstandard:kp-certificate:1"{declarations}/>'.encode()
    assert codes(verify(data)) == ["KP-P-008"]


def _relisted(change: Callable[[dict[str, Any]], None]) -> bytes:
    """The example trust list, changed and signed again by the (test) operator.

    Signed with signxml directly: kpstandard.sign refuses a list that breaks a rule, and these
    tests need a careless operator's list to show that a verifier refuses it too.
    """
    import json

    value = json.loads((DOCUMENTS / "trust-list.json").read_bytes())
    change(value)
    with pytest.raises(kpstandard.InvalidDocumentError):  # the issuer side refuses it
        sign(json.dumps(value).encode(), key=operator_key(), certificate=operator_cert())
    unsigned = kpstandard.dumps(
        kpstandard.load(json.dumps(value).encode()), "xml"
    )  # schema-valid, rule-breaking
    signer = XMLSigner(
        signature_algorithm=SignatureMethod(algorithm_for(operator_cert().public_key()).value),
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )
    root = signer.sign(etree.fromstring(unsigned), key=operator_key(), cert=[operator_cert()])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@cache
def operator_key() -> Any:
    return load_private_key(PKI / "operator" / "operator.key.pem")


@cache
def operator_cert() -> x509.Certificate:
    return load_certificate(PKI / "operator" / "operator.cert.pem")


def test_a_certificate_listed_twice_makes_the_list_unusable() -> None:
    def twice(value: dict[str, Any]) -> None:
        botswana = value["participants"][2]["authorities"][0]["certificates"]
        revoked = dict(
            botswana[0],
            statusHistory=[
                {"status": "granted", "since": "2020-01-01T00:00:00Z"},
                {"status": "revoked", "since": "2025-06-01T00:00:00Z"},
            ],
        )
        value["participants"][-1]["authorities"][0]["certificates"].append(revoked)

    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, findings = load_trust_list(_relisted(twice), anchor=anchor)
    assert loaded is None
    assert "KP-R-041" in findings[0].message


def test_an_older_issue_of_the_list_is_refused_when_a_newer_was_accepted() -> None:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    data = (SIGNED / "trust-list.xml").read_bytes()
    assert load_trust_list(data, anchor=anchor, min_sequence=7)[0] is not None
    loaded, findings = load_trust_list(data, anchor=anchor, min_sequence=8)
    assert loaded is None
    assert "older" in findings[0].message


def test_a_certificate_must_be_usable_for_the_whole_date() -> None:
    # The AO test certificate's notAfter is 2024-12-31T00:00:00Z: usable on 2024-12-30 only.
    document = golden("ao-cn-portuguese")
    for day, expected in (
        (datetime.date(2024, 12, 30), []),
        (datetime.date(2024, 12, 31), ["KP-T-004"]),
    ):
        dated = dataclasses.replace(
            document, date_of_issue=day, date_of_expiry=day + datetime.timedelta(days=30)
        )
        assert codes(verify(signed_by("AO-MIREMPET-KP-expired", dated), day)) == expected


def test_a_naive_verification_time_is_utc() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    naive = datetime.datetime(2026, 2, 18, 12)
    assert validate_bytes(data, trust_list=trust_list(), verification_time=naive).valid


def test_xades_signature_without_an_id_is_refused() -> None:
    data = _xades("BW-MME-DH", golden("bw-eu-unmixed"))
    assert codes(verify(edit(data, lambda root: signature(root).attrib.pop("Id")))) == [
        "KP-SIG-012"
    ]


def test_an_outdated_trust_list_leaves_the_document_not_judged() -> None:
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    report = validate_bytes(
        data, trust_list=trust_list(), verification_time=datetime.datetime(2028, 3, 1, tzinfo=UTC)
    )
    assert report.verdict is Verdict.NOT_JUDGED
    assert codes(report) == ["KP-TM-001"]


def test_the_content_layers_see_only_what_the_digest_covered() -> None:
    from kpstandard.signature.verify import check_signature

    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    # Unsigned additions that the exact tree keeps but the digest does not cover: a comment that
    # splits a value, a comment after the signature, a processing instruction before the root.
    # (A processing instruction inside the root is covered: it breaks the digest.)
    injected = (
        data.replace(b"<OfficerName>K", b"<OfficerName>K<!--x-->", 1)
        .replace(b"</ds:Signature>", b"</ds:Signature><!-- unsigned -->", 1)
        .replace(b"<KPCertificate", b"<?unsigned pi?><KPCertificate", 1)
    )
    check = check_signature(injected)
    assert check.holds, check.findings
    assert check.signed_root is not None
    assert not [n for n in check.signed_root.iter() if not isinstance(n.tag, str)]
    assert check.signed_root.find(f".//{DS}Signature") is None
    # The content tree is the unsigned document as its signer signed it, nothing else.
    unsigned = etree.fromstring((DOCUMENTS / "bw-eu-unmixed.xml").read_bytes())
    assert etree.tostring(check.signed_root, method="c14n") == etree.tostring(
        unsigned, method="c14n"
    )
    assert check.signed_bytes == etree.tostring(check.signed_root, method="c14n", exclusive=True)
