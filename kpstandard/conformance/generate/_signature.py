"""Area ``signature``: signed documents a verifier must accept, and forgeries it must refuse.

Each vector gives a signed document, the Authority Trust List and the list operator's certificate
that the verifier pins (KP-REQ-038, KP-REQ-044), and a pinned verification time. A verifier that
accepts returns the data the signature covers (KP-REQ-039), graded as data against the expected
file. Vectors whose input is a KP Certificate apply to the importer role too: an importing
authority verifies the certificate at the time the shipment is presented (KP-REQ-041).

The negative vectors are *cryptographically valid* wherever the defect allows it: a document
signed with SHA-1, with an extra transform, with two references or with a key that is too weak
verifies with a generic XML signature library (xmlsec1 accepts them), so only a verifier that
enforces the profile (KP-REQ-035, KP-REQ-036) and the trust list (KP-REQ-037) refuses them. A
trust list that is not authentic or not in force leaves trust unjudged: those vectors expect
"not judged", never "valid" (KP-REQ-044).

Determinism: the golden signed documents are the exact bytes of ``examples/signed/``; every
other signature is made by :mod:`._xmldsig` with deterministic primitives (RSA PKCS#1 v1.5,
RFC 6979 ECDSA, fixed XAdES signing time), so the area regenerates byte for byte.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

import kpstandard
from kpstandard.conformance.generate._common import certificate_of, codes
from kpstandard.conformance.generate._draft import Accept, Bytes, Draft, NotJudged, Reject
from kpstandard.conformance.generate._golden import GOLDEN, golden_bytes, golden_object
from kpstandard.conformance.generate._pki import (
    authority,
    certificate_pem,
    edit,
    operator,
    operator_certificate,
    redate,
    serialize,
    sign_document,
    signed_example,
    time_after,
    trust_list,
    weak_curve,
    weak_rsa,
    xml_root,
)
from kpstandard.conformance.generate._xmldsig import (
    C14N,
    DS,
    ENVELOPED,
    EXC_C14N,
    EXC_C14N_WITH_COMMENTS,
    XPATH,
    Reference,
    SigningKey,
    Xades,
    sign_enveloped,
)
from kpstandard.model import AuthorityTrustList, KPCertificate, SigningCertificate, StatusChange

__all__ = ["drafts"]

AREA = "signature"
VERIFIER = ("verifier",)
IMPORTER = ("verifier", "importer")

(SIG001, SIG002, SIG003, SIG004, SIG005, SIG006, SIG007, SIG008, SIG009, SIG010, SIG011, SIG012) = (
    codes("SIG", *range(1, 13))
)
T001, T002, T003, T004, T005, T006, T007 = codes("T", *range(1, 8))
TM001, TM002, TM003 = codes("TM", 1, 2, 3)
P004 = "KP-P-004"
S002 = "KP-S-002"

BW = "bw-eu-unmixed"
UTC = datetime.UTC

NOT_AUTHENTIC = (
    "Without a trust list whose signature it has verified with the pinned operator certificate, "
    "a verifier must say that trust could not be judged, never that the document is valid "
    "(KP-REQ-044, Article 9(3)); the document is not shown to be defective either."
)
NOT_CURRENT = (
    "A trust list not in force at the verification time cannot be used: trust could not be "
    "judged (KP-REQ-044, Article 9(3)), never valid."
)

SIGNED_EXERCISES = (SIG001, SIG002, SIG003, SIG006, SIG008, SIG009, SIG010, SIG011, SIG012)
"""What every correctly signed document passes: one signature, the last child, the allowed
transforms, an allowed key, digest and value, one certificate, nothing else in the signature."""
TRUSTED_EXERCISES = (T001, T002, T003, T006, T007)
"""What every document signed by the authority it names passes, with the examples' trust list."""


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    requirement: str
    data: bytes
    expected: Accept | Reject | NotJudged
    document: Any
    """The document object the signature covers (or would cover): its type, its date, and, for
    an accepted input, the data the verifier must return."""
    base: str | None = BW
    mutation: str | None = None
    syntax: str = "xml"
    time: str | None = None
    """The verification time; default noon two days after the document's date."""
    trust_list: Bytes | None = None
    """The trust list of the context; default the examples' signed list."""
    operator: Bytes | None = None
    """The pinned operator certificate; default the examples' operator."""
    comment: str | None = None
    pending: str | None = None
    confirmed: Bytes | None = None
    """For an import confirmation: the certificate it confirms, as the importing authority
    received it; default the golden certificate's unsigned XML (:func:`certificate_of`)."""

    @property
    def roles(self) -> tuple[str, ...]:
        return IMPORTER if isinstance(self.document, KPCertificate) else VERIFIER


def _requirement(document: Any) -> str:
    """The requirement a signature over this kind of document fulfils."""
    if isinstance(document, KPCertificate):
        return "KP-REQ-007"
    if isinstance(document, AuthorityTrustList):
        return "KP-REQ-038"
    return "KP-REQ-027"


def _bw() -> Any:
    return golden_object(BW)


def _signed_bw() -> bytes:
    return signed_example(BW)


def _sign(document: Any, stem: str | SigningKey, **options: Any) -> bytes:
    signer = authority(stem) if isinstance(stem, str) else stem
    return sign_document(document, signer, **options)


# --- trees -----------------------------------------------------------------------------------


def _signature(root: etree._Element) -> etree._Element:
    found = [c for c in root if c.tag == f"{DS}Signature"]
    assert len(found) == 1
    return found[0]


def _ds(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path.replace("ds:", DS))
    assert found is not None, path
    return found


def _kp(root: etree._Element, path: str) -> etree._Element:
    namespace = etree.QName(root).namespace
    found = root.find("/".join(f"{{{namespace}}}{step}" for step in path.split("/")))
    assert found is not None, path
    return found


def _ds_element(tag: str, text: str | None = None) -> etree._Element:
    element = etree.Element(f"{DS}{tag}")
    element.text = text
    return element


def _flip(text: str | None) -> str:
    value = (text or "").strip()
    return ("B" if value[0] == "A" else "A") + value[1:]


def _tamper_importer(root: etree._Element) -> None:
    _kp(root, "Importer/Name").text = "Scheldt Rough Diamonds BV"


def _tamper_carats(root: etree._Element) -> None:
    _kp(root, "Shipment/Line/Carats").text = "1250.45"
    _kp(root, "Shipment/Totals/Carats").text = "1560.65"


def _second_number(root: etree._Element) -> None:
    number = _kp(root, "CertificateNumber")
    copy = etree.fromstring(etree.tostring(number))
    copy.text = "BW0249999"
    copy.tail = number.tail
    number.addprevious(copy)


def _tamper_digest(root: etree._Element) -> None:
    value = _ds(_signature(root), ".//ds:DigestValue")
    value.text = _flip(value.text)


def _tamper_signature_value(root: etree._Element) -> None:
    value = _ds(_signature(root), "ds:SignatureValue")
    value.text = _flip(value.text)


def _move_signature_first(root: etree._Element) -> None:
    root.insert(0, _signature(root))


def _wrap_in_object(root: etree._Element) -> None:
    # The classic wrapping: the signed original moved into an Object, other content in its place.
    signature = _signature(root)
    original = etree.fromstring(etree.tostring(root))
    original.remove(_signature(original))
    holder = etree.SubElement(signature, f"{DS}Object")
    holder.append(original)
    _kp(root, "CertificateNumber").text = "BW0249999"
    _tamper_importer(root)


def _wrap_whole_document(root: etree._Element) -> None:
    # The signed document, signature and all, nested inside another.
    original = etree.fromstring(etree.tostring(root))
    root.remove(_signature(root))
    _kp(root, "CertificateNumber").text = "BW0249999"
    _tamper_importer(root)
    namespace = etree.QName(root).namespace
    etree.SubElement(root, f"{{{namespace}}}Wrapper").append(original)


def _key_value(root: etree._Element) -> None:
    key = authority("BW-MME-DH").certificate.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    numbers = key.public_numbers()

    def b64(number: int) -> str:
        return base64.b64encode(number.to_bytes((number.bit_length() + 7) // 8, "big")).decode()

    value = _ds_element("KeyValue")
    rsa_value = etree.SubElement(value, f"{DS}RSAKeyValue")
    etree.SubElement(rsa_value, f"{DS}Modulus").text = b64(numbers.n)
    etree.SubElement(rsa_value, f"{DS}Exponent").text = b64(numbers.e)
    _ds(_signature(root), "ds:KeyInfo").append(value)


def _object_with_manifest(root: etree._Element) -> None:
    holder = etree.SubElement(_signature(root), f"{DS}Object")
    manifest = etree.SubElement(holder, f"{DS}Manifest")
    reference = etree.SubElement(manifest, f"{DS}Reference", URI="")
    etree.SubElement(
        reference, f"{DS}DigestMethod", Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"
    )
    etree.SubElement(reference, f"{DS}DigestValue").text = base64.b64encode(bytes(32)).decode()


def _pem_body(stem: str) -> str:
    der = authority(stem).certificate.public_bytes(Encoding.DER)
    text = base64.b64encode(der).decode()
    return "".join(text[i : i + 64] + "\n" for i in range(0, len(text), 64))


def _second_certificate(root: etree._Element) -> None:
    certificate = _ds(_signature(root), ".//ds:X509Certificate")
    certificate.addnext(_ds_element("X509Certificate", _pem_body("rogue")))


def _unreadable_certificate(root: etree._Element) -> None:
    _ds(_signature(root), ".//ds:X509Certificate").text = "bm90IGEgY2VydGlmaWNhdGU="


def _subject_name_only(root: etree._Element) -> None:
    certificate = _ds(_signature(root), ".//ds:X509Certificate")
    subject = authority("BW-MME-DH").certificate.subject.rfc4514_string()
    certificate.addnext(_ds_element("X509SubjectName", subject))
    certificate.getparent().remove(certificate)  # type: ignore[union-attr]


def _comment_after_signature(document: Any) -> bytes:
    root = xml_root(document)
    sign_enveloped(root, authority("BW-MME-DH"), tail="\n")
    root.append(etree.Comment(" validated at the Diamond Hub "))
    return serialize(root)


def _replace(data: bytes, old: bytes, new: bytes) -> bytes:
    assert data.count(old) == 1, old
    return data.replace(old, new)


def _two_signatures(*, genuine_first: bool) -> bytes:
    """The document signed by a rogue key and by its authority, both signatures at the root.

    genuine_first: the authority's signature comes first, and its digest covers the rogue one
    after it (a verifier that checks the first signature it finds accepts); otherwise the rogue
    signature comes first and the authority's, last, covers it.
    """
    root = xml_root(_bw())
    rogue = sign_enveloped(root, authority("rogue"), signature_id="Signature-2")
    position = root.index(rogue) if genuine_first else None
    sign_enveloped(root, authority("BW-MME-DH"), position=position)
    return serialize(root)


def _nested_signature() -> bytes:
    root = xml_root(_bw())
    sign_enveloped(root, authority("BW-MME-DH"), parent=_kp(root, "Validation"))
    return serialize(root)


def _dtd(data: bytes) -> bytes:
    return _replace(
        data,
        b"<KPCertificate",
        b'<!DOCTYPE KPCertificate [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<KPCertificate',
    )


def _comment_in_signed_text(data: bytes) -> bytes:
    """A comment splitting a signed text: canonicalization drops it, the signature holds, and the
    signed text is the whole name; a reader that stops at the comment reads "K"."""
    return _replace(data, b"<OfficerName>Kagiso", b"<OfficerName>K<!-- -->agiso")


def _cdata(data: bytes) -> bytes:
    return _replace(data, b"Kagiso Molefe", b"<![CDATA[Kagiso Molefe]]>")


# --- trust lists -------------------------------------------------------------------------------


_SINCE = datetime.datetime(2020, 1, 1, tzinfo=UTC)


def _listing(signer: SigningKey) -> SigningCertificate:
    """A trust list entry for a certificate, granted since 2020."""
    der = signer.certificate.public_bytes(Encoding.DER)
    return SigningCertificate(
        certificate=base64.b64encode(der).decode("ascii"),
        valid_from=_SINCE,
        valid_until=None,
        status_history=(StatusChange(status="granted", since=_SINCE, reason=None),),
    )


def _with_extra_bw_keys(listing: tuple[SigningCertificate, ...]) -> Any:
    """The examples' trust list with more certificates for BW-MME-DH."""
    document = golden_object("trust-list")
    participants = []
    for participant in document.participants:
        if participant.code == "BW":
            authorities = tuple(
                dataclasses.replace(a, certificates=(*a.certificates, *listing))
                for a in participant.authorities
            )
            participant = dataclasses.replace(participant, authorities=authorities)
        participants.append(participant)
    return dataclasses.replace(document, participants=tuple(participants))


def _rogue_listed() -> Any:
    return _with_extra_bw_keys((_listing(authority("rogue")),))


def _tampered_trust_list() -> Bytes:
    """The examples' signed trust list with the rogue certificate put in place of BW-MME-DH's."""
    genuine = base64.b64encode(
        authority("BW-MME-DH").certificate.public_bytes(Encoding.DER)
    ).decode()
    rogue = base64.b64encode(authority("rogue").certificate.public_bytes(Encoding.DER)).decode()
    data = _replace(signed_example("trust-list"), genuine.encode(), rogue.encode())
    return Bytes(data, "xml", "trust-list-tampered")


def _dated_trust_list(name: str, sequence: int, issued: str, next_update: str) -> Bytes:
    document = dataclasses.replace(
        golden_object("trust-list"),
        sequence_number=sequence,
        issued=datetime.datetime.fromisoformat(issued),
        next_update=datetime.datetime.fromisoformat(next_update),
    )
    return Bytes(sign_document(document, operator()), "xml", name)


def _certificate(name: str, stem: str) -> Bytes:
    return Bytes(certificate_pem(authority(stem).certificate), None, name, "pem")


# --- the cases ----------------------------------------------------------------------------------


def _signed_certificate(confirmation: str) -> Bytes:
    """The signed example certificate that a signed example confirmation confirms."""
    stem = confirmation.removeprefix("ic-")
    return Bytes(signed_example(stem), "xml", shared_name=f"signed-{stem}")


def _bound_to(confirmation: Any, certificate: bytes) -> Any:
    """The confirmation with the SHA-256 digest of ``certificate``: a signed confirmation's
    digest covers the signed certificate's octets, the bytes received (annex Article 11(2))."""
    reference = confirmation.certificate
    assert reference.digest.algorithm == "http://www.w3.org/2001/04/xmlenc#sha256"
    value = base64.b64encode(hashlib.sha256(certificate).digest()).decode("ascii")
    digest = dataclasses.replace(reference.digest, value=value)
    return dataclasses.replace(
        confirmation, certificate=dataclasses.replace(reference, digest=digest)
    )


def _golden_cases() -> Iterator[Case]:
    for stem in GOLDEN:
        document = golden_object(stem)
        confirmed = None
        if stem.startswith("ic-"):
            confirmed = _signed_certificate(stem)
            document = _bound_to(document, confirmed.data)
        kind = type(document).__name__
        exercises: tuple[str, ...]
        if isinstance(document, AuthorityTrustList):
            exercises = (*SIGNED_EXERCISES, T007)
            description = "The Authority Trust List, signed by the operator the verifier pins"
        else:
            exercises = (*SIGNED_EXERCISES, *TRUSTED_EXERCISES)
            description = f"The golden {kind} {stem}, signed by the authority it names"
        yield Case(
            f"signed-{stem}",
            description,
            _requirement(document),
            signed_example(stem),
            Accept(exercises),
            document,
            base=stem,
            comment="The bytes of examples/signed/: an RSA or ECDSA signature made by the "
            "reference signer."
            + (
                " The confirmation's digest is that of the signed certificate it confirms "
                "(the context's certificate), the octets the importing authority received."
                if confirmed
                else ""
            ),
            confirmed=confirmed,
        )


def _positive_cases() -> Iterator[Case]:
    bw = _bw()
    eu = golden_object("eu-ae-mixed")
    ru = golden_object("ru-by-russian")
    yield Case(
        "xades-baseline-b",
        "Signed with XAdES baseline-B signed properties (signing time, signing certificate): "
        "three References, an Object, an Id on KeyInfo",
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", xades=Xades("2026-02-16T09:30:00+00:00")),
        Accept((SIG004, SIG005, SIG012)),
        bw,
        mutation="xades",
    )
    yield Case(
        "xades-baseline-b-ecdsa",
        "Signed with XAdES baseline-B by an ECDSA P-256 key",
        "KP-REQ-036",
        _sign(eu, "EU-BE-FPSECO-DO", xades=Xades("2026-03-10T08:00:00+00:00")),
        Accept((SIG004, SIG005, SIG012)),
        eu,
        base="eu-ae-mixed",
        mutation="xades",
    )
    for method, digest in (("rsa-sha384", "sha384"), ("rsa-sha512", "sha512")):
        yield Case(
            f"{method}",
            f"Signed with {method} and a {digest.upper()} digest",
            "KP-REQ-035",
            _sign(bw, "BW-MME-DH", method=method, references=[Reference(digest=digest)]),
            Accept((SIG007,)),
            bw,
            mutation=method,
        )
    yield Case(
        "ecdsa-p256-sha512",
        "Signed with ECDSA on P-256 and SHA-512 (signature and digest)",
        "KP-REQ-035",
        _sign(
            eu, "EU-BE-FPSECO-DO", method="ecdsa-sha512", references=[Reference(digest="sha512")]
        ),
        Accept((SIG007, SIG008)),
        eu,
        base="eu-ae-mixed",
        mutation="ecdsa-sha512",
    )
    yield Case(
        "ecdsa-p384-sha256",
        "Signed with ECDSA on P-384 and SHA-256",
        "KP-REQ-035",
        _sign(ru, "RU-ASSAY-OFFICE", method="ecdsa-sha256"),
        Accept((SIG007, SIG008)),
        ru,
        base="ru-by-russian",
        mutation="ecdsa-sha256",
    )
    yield Case(
        "enveloped-transform-only",
        "The Reference lists only the enveloped-signature transform (the exclusive "
        "canonicalization transform is optional)",
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", references=[Reference(transforms=(ENVELOPED,))]),
        Accept((SIG006,)),
        bw,
        mutation="enveloped-only",
    )
    yield Case(
        "signature-in-the-default-namespace",
        "The signature's elements in the default namespace, without a prefix",
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", prefix=None),
        Accept((SIG001, SIG003)),
        bw,
        mutation="no-prefix",
    )
    yield Case(
        "comment-after-the-signature",
        "Whitespace and a comment after the signature: it is still the root's last child element",
        "KP-REQ-036",
        _comment_after_signature(bw),
        Accept((SIG003,)),
        bw,
        mutation="comment-after-signature",
    )
    yield Case(
        "comment-inside-a-signed-text",
        "A comment splits the officer's name: canonicalization drops it, the signature holds, and "
        "the signed name is whole",
        "KP-REQ-039",
        _comment_in_signed_text(_signed_bw()),
        Accept((SIG009,)),
        bw,
        mutation="comment-in-signed-text",
        comment="The data returned must be the signed data: the officer is Kagiso Molefe. A reader "
        "that stops at the comment returns 'K'.",
    )
    yield Case(
        "cdata-inside-a-signed-text",
        "The officer's name written as a CDATA section after signing: the same text, the "
        "signature holds",
        "KP-REQ-039",
        _cdata(_signed_bw()),
        Accept((SIG009,)),
        bw,
        mutation="cdata",
    )


def _trust_positive_cases() -> Iterator[Case]:
    retired_day = redate(_bw(), datetime.date(2024, 12, 31))
    yield Case(
        "retired-key-the-day-before-its-retirement",
        "A certificate dated 2024-12-31, signed with the BW key retired from 2025-01-01: a key "
        "retired after a document's date still verifies it",
        "KP-REQ-042",
        _sign(retired_day, "BW-MME-DH-2019-retired"),
        Accept((T004, T005)),
        retired_day,
        mutation="dated-2024-12-31,signed-by-retired-key",
    )
    za = golden_object("za-in-container")
    before_revocation = redate(za, datetime.date(2025, 12, 31))
    yield Case(
        "revoked-key-the-day-before-its-revocation-verified-before-it",
        "A certificate dated 2025-12-31, signed with the ZA key revoked for compromise from "
        "2026-01-01, verified at 2025-12-31T12:00:00Z",
        "KP-REQ-043",
        _sign(before_revocation, "ZA-SADPMR-compromised"),
        Accept((T005,)),
        before_revocation,
        base="za-in-container",
        mutation="dated-2025-12-31,signed-by-compromised-key",
        time="2025-12-31T12:00:00Z",
        comment="Verified after the revocation, the same document needs evidence that it "
        "predates the compromise (KP-REQ-076): the status area tests that.",
    )
    ao = redate(golden_object("ao-cn-portuguese"), datetime.date(2024, 12, 30))
    yield Case(
        "certificate-the-day-before-its-validity-ends",
        "A certificate dated 2024-12-30, signed with the AO key whose X.509 validity ends at "
        "2024-12-31T00:00:00Z",
        "KP-REQ-037",
        _sign(ao, "AO-MIREMPET-KP-expired"),
        Accept((T004,)),
        ao,
        base="ao-cn-portuguese",
        mutation="dated-2024-12-30,signed-by-expiring-key",
    )


def _time_positive_cases() -> Iterator[Case]:
    bw = _bw()
    yield Case(
        "verified-at-the-start-of-its-date-of-issue",
        "Verified at 00:00:00Z on its date of issue",
        "KP-REQ-041",
        _signed_bw(),
        Accept((TM003,)),
        bw,
        time="2026-02-16T00:00:00Z",
    )
    yield Case(
        "verified-at-the-end-of-its-date-of-expiry",
        "Verified at 23:59:59Z on its date of expiry",
        "KP-REQ-041",
        _signed_bw(),
        Accept((TM002,)),
        bw,
        time="2026-04-16T23:59:59Z",
    )
    late = redate(bw, datetime.date(2027, 12, 30))
    yield Case(
        "trust-list-at-its-next-update",
        "Verified at the instant of the trust list's next update (2027-12-31T00:00:00Z), when it "
        "is still in force",
        "KP-REQ-044",
        _sign(late, "BW-MME-DH"),
        Accept((TM001,)),
        late,
        mutation="dated-2027-12-30",
        time="2027-12-31T00:00:00Z",
    )


def _signature_cases() -> Iterator[Case]:
    bw = _bw()
    signed = _signed_bw()
    confirmation = golden_object("ic-bw-eu-unmixed")
    yield Case(
        "tampered-importer",
        "The importer's name changed after signing",
        "KP-REQ-007",
        edit(signed, _tamper_importer),
        Reject((SIG009,)),
        bw,
        mutation="tamper-importer",
    )
    yield Case(
        "tampered-carats",
        "A line's carats and the total changed after signing, consistently (the rules hold)",
        "KP-REQ-007",
        edit(signed, _tamper_carats),
        Reject((SIG009,)),
        bw,
        mutation="tamper-carats",
    )
    yield Case(
        "tampered-confirmation",
        "An import confirmation's importer changed after signing",
        "KP-REQ-027",
        edit(signed_example("ic-bw-eu-unmixed"), _tamper_importer),
        Reject((SIG009,)),
        confirmation,
        base="ic-bw-eu-unmixed",
        mutation="tamper-importer",
        confirmed=_signed_certificate("ic-bw-eu-unmixed"),
    )
    yield Case(
        "second-copy-of-an-element",
        "A second CertificateNumber inserted before the signed one",
        "KP-REQ-007",
        edit(signed, _second_number),
        Reject((SIG009, "KP-S-005", S002)),
        bw,
        mutation="duplicate-certificate-number",
        comment="The inserted element also breaks the schema, a reason as good.",
    )
    yield Case(
        "tampered-digest-value",
        "The DigestValue in SignedInfo changed",
        "KP-REQ-007",
        edit(signed, _tamper_digest),
        Reject((SIG010, SIG009)),
        bw,
        mutation="tamper-digest-value",
    )
    yield Case(
        "tampered-signature-value",
        "The SignatureValue changed",
        "KP-REQ-007",
        edit(signed, _tamper_signature_value),
        Reject((SIG010,)),
        bw,
        mutation="tamper-signature-value",
    )
    yield Case(
        "signed-by-another-key-than-its-certificate",
        "Signed with the rogue key, with the BW authority's certificate in KeyInfo",
        "KP-REQ-007",
        _sign(bw, SigningKey(authority("rogue").key, authority("BW-MME-DH").certificate)),
        Reject((SIG010,)),
        bw,
        mutation="sign-with-rogue-key,certificate-of-BW-MME-DH",
    )
    yield Case(
        "unsigned-xml",
        "The golden certificate, unsigned",
        "KP-REQ-007",
        golden_bytes(BW, "xml"),
        Reject((SIG001,)),
        bw,
        mutation="no-signature",
    )
    yield Case(
        "unsigned-json",
        "The golden certificate in JSON: the signed form of a document is XML (KP-REQ-040)",
        "KP-REQ-007",
        golden_bytes(BW, "json"),
        Reject((SIG001,)),
        bw,
        syntax="json",
        mutation="no-signature",
    )
    yield Case(
        "unsigned-confirmation",
        "The golden import confirmation, unsigned",
        "KP-REQ-027",
        golden_bytes("ic-bw-eu-unmixed", "xml"),
        Reject((SIG001,)),
        confirmation,
        base="ic-bw-eu-unmixed",
        mutation="no-signature",
    )
    yield Case(
        "second-signature-after-the-genuine-one",
        "Two signatures at the root: the authority's first (valid, covering the second), then "
        "one by a rogue key",
        "KP-REQ-036",
        _two_signatures(genuine_first=True),
        Reject((SIG002, SIG003)),
        bw,
        mutation="second-signature",
    )
    yield Case(
        "second-signature-before-the-genuine-one",
        "Two signatures at the root: one by a rogue key, then the authority's, last and valid",
        "KP-REQ-036",
        _two_signatures(genuine_first=False),
        Reject((SIG002,)),
        bw,
        mutation="second-signature",
    )
    yield Case(
        "signature-first",
        "The signature moved to the root's first child (its digest still holds)",
        "KP-REQ-036",
        edit(signed, _move_signature_first),
        Reject((SIG003, S002)),
        bw,
        mutation="move-signature-first",
    )
    yield Case(
        "signature-nested-in-an-element",
        "A valid enveloped signature of the whole document, inside the Validation element",
        "KP-REQ-036",
        _nested_signature(),
        Reject((SIG003, S002)),
        bw,
        mutation="signature-in-validation",
    )
    yield Case(
        "signed-content-wrapped-in-an-object",
        "Wrapping: the signed original moved into a ds:Object of the signature, other content in "
        "its place",
        "KP-REQ-036",
        edit(signed, _wrap_in_object),
        Reject((SIG012, SIG009)),
        bw,
        mutation="wrap-signed-content-in-object",
    )
    yield Case(
        "signed-document-wrapped-in-another",
        "Wrapping: the signed document, signature and all, nested inside another",
        "KP-REQ-036",
        edit(signed, _wrap_whole_document),
        Reject((SIG003, SIG009, S002)),
        bw,
        mutation="wrap-whole-document",
    )
    yield Case(
        "two-references",
        "Two References to the whole document, both valid",
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", references=[Reference(), Reference()]),
        Reject((SIG004,)),
        bw,
        mutation="two-references",
    )
    yield Case(
        "reference-by-xpointer",
        'The Reference URI is "#xpointer(/)" (the whole document, another way), not ""',
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", references=[Reference(uri="#xpointer(/)")]),
        Reject((SIG005,)),
        bw,
        mutation="reference-uri-xpointer",
    )
    yield Case(
        "reference-to-the-key-info-only",
        "The only Reference points by Id to the signature's own KeyInfo: nothing of the "
        "document is signed",
        "KP-REQ-036",
        _sign(
            bw,
            "BW-MME-DH",
            key_info_id="KeyInfo-1",
            references=[Reference(uri="#KeyInfo-1", transforms=(EXC_C14N,))],
        ),
        Reject((SIG005,)),
        bw,
        mutation="reference-uri-id",
    )
    transforms = (
        ("xpath-transform", "an XPath filter transform", (ENVELOPED, XPATH, EXC_C14N)),
        (
            "exclusive-c14n-with-comments-transform",
            "exclusive canonicalization with comments",
            (ENVELOPED, EXC_C14N_WITH_COMMENTS),
        ),
        ("inclusive-c14n-transform", "inclusive canonicalization", (ENVELOPED, C14N)),
    )
    for name, what, chain in transforms:
        yield Case(
            name,
            f"The Reference's transforms include {what} (the signature is valid)",
            "KP-REQ-036",
            _sign(bw, "BW-MME-DH", references=[Reference(transforms=chain)]),
            Reject((SIG006,)),
            bw,
            mutation=name,
        )
    algorithms: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("rsa-sha1", "the signature method rsa-sha1", {"method": "rsa-sha1"}),
        ("digest-sha1", "a SHA-1 digest", {"references": [Reference(digest="sha1")]}),
        ("digest-md5", "an MD5 digest", {"references": [Reference(digest="md5")]}),
        ("inclusive-c14n", "inclusive canonicalization of SignedInfo", {"c14n": C14N}),
        (
            "exclusive-c14n-with-comments",
            "exclusive canonicalization with comments of SignedInfo",
            {"c14n": EXC_C14N_WITH_COMMENTS},
        ),
    )
    for name, what, options in algorithms:
        yield Case(
            name,
            f"Signed with {what} (the signature is valid)",
            "KP-REQ-035",
            _sign(bw, "BW-MME-DH", **options),
            Reject((SIG007,)),
            bw,
            mutation=name,
        )
    hmac_key = SigningKey(b"kpstandard conformance HMAC secret", authority("BW-MME-DH").certificate)
    yield Case(
        "hmac-sha256",
        "Signed with HMAC-SHA256 (a shared secret, not the authority's key), its certificate in "
        "KeyInfo",
        "KP-REQ-035",
        _sign(bw, hmac_key, method="hmac-sha256"),
        Reject((SIG007,)),
        bw,
        mutation="hmac-sha256",
        comment="The HMAC secret is the UTF-8 of 'kpstandard conformance HMAC secret'.",
    )
    yield Case(
        "rsa-1024",
        "Signed with an RSA key of 1024 bits, listed for the authority on the trust list",
        "KP-REQ-035",
        _sign(bw, weak_rsa()),
        Reject((SIG008, T001)),
        bw,
        mutation="sign-with-rsa-1024",
        comment="TEST KEY derived from a public seed (kpstandard/conformance/generate/_pki.py), "
        "its certificate issued by the test root CA. No trust list may list it (KP-R-039), so "
        "that it is untrusted is a reason as good as its size.",
    )
    yield Case(
        "ecdsa-p521",
        "Signed with ECDSA on P-521 (a curve the profile does not allow), listed for the "
        "authority on the trust list",
        "KP-REQ-035",
        _sign(bw, weak_curve(), method="ecdsa-sha512", references=[Reference(digest="sha512")]),
        Reject((SIG008, T001)),
        bw,
        mutation="sign-with-p521",
    )
    yield Case(
        "key-value-beside-the-certificate",
        "KeyInfo holds a KeyValue beside the X.509 certificate",
        "KP-REQ-036",
        edit(signed, _key_value),
        Reject((SIG012,)),
        bw,
        mutation="add-key-value",
    )
    yield Case(
        "object-with-a-manifest",
        "The signature holds a ds:Object with a ds:Manifest",
        "KP-REQ-036",
        edit(signed, _object_with_manifest),
        Reject((SIG012,)),
        bw,
        mutation="add-object-with-manifest",
    )
    yield Case(
        "two-certificates",
        "X509Data holds the signer's certificate and another one",
        "KP-REQ-036",
        edit(signed, _second_certificate),
        Reject((SIG011,)),
        bw,
        mutation="add-second-certificate",
    )
    yield Case(
        "unreadable-certificate",
        "The X509Certificate is not a certificate",
        "KP-REQ-036",
        edit(signed, _unreadable_certificate),
        Reject((SIG011,)),
        bw,
        mutation="garbage-certificate",
    )
    yield Case(
        "subject-name-instead-of-certificate",
        "X509Data names the signer's subject instead of holding its certificate",
        "KP-REQ-036",
        edit(signed, _subject_name_only),
        Reject((SIG011,)),
        bw,
        mutation="subject-name-only",
    )
    yield Case(
        "no-key-info",
        "The signature has no KeyInfo (the signature value is valid)",
        "KP-REQ-036",
        _sign(bw, "BW-MME-DH", key_info=False),
        Reject((SIG011, SIG012)),
        bw,
        mutation="no-key-info",
    )
    yield Case(
        "dtd-in-a-signed-document",
        "A document type declaration with entities before the root of a signed certificate",
        "KP-REQ-030",
        _dtd(signed),
        Reject((P004,)),
        bw,
        mutation="add-doctype",
    )


def _trust_cases() -> Iterator[Case]:
    bw = _bw()
    yield Case(
        "rogue-signer",
        "Signed by a key on no trust list (its certificate is issued by the same test CA)",
        "KP-REQ-037",
        _sign(bw, "rogue"),
        Reject((T001,)),
        bw,
        mutation="sign-with-rogue",
    )
    yield Case(
        "another-participants-key",
        "A BW certificate signed with the key of the ZA authority",
        "KP-REQ-037",
        _sign(bw, "ZA-SADPMR"),
        Reject((T002,)),
        bw,
        mutation="sign-with-ZA-SADPMR",
    )
    confirmation = golden_object("ic-bw-eu-unmixed")
    yield Case(
        "confirmation-signed-by-the-exporting-authority",
        "An import confirmation for the EU signed by the BW authority that issued the certificate",
        "KP-REQ-027",
        _sign(confirmation, "BW-MME-DH"),
        Reject((T002,)),
        confirmation,
        base="ic-bw-eu-unmixed",
        mutation="sign-with-BW-MME-DH",
    )
    other = dataclasses.replace(
        bw, issuing_authority=dataclasses.replace(bw.issuing_authority, identifier="BW-MME-KPU")
    )
    yield Case(
        "another-authority",
        "The certificate names the authority BW-MME-KPU; it is signed with the key of BW-MME-DH",
        "KP-REQ-016",
        _sign(other, "BW-MME-DH"),
        Reject((T003,)),
        other,
        mutation="authority-BW-MME-KPU",
    )
    russian = golden_object("ru-by-russian")
    swapped = dataclasses.replace(
        russian,
        exporting_participant="BY",
        importing_participant="RU",
        certificate_number="BY" + russian.certificate_number[2:],
        issuing_authority=dataclasses.replace(
            russian.issuing_authority, identifier="BY-MINFIN-DPMS"
        ),
    )
    yield Case(
        "importing-authority-signs-a-certificate",
        "A BY certificate signed by BY-MINFIN-DPMS, listed for the importing role only",
        "KP-REQ-016",
        _sign(swapped, "BY-MINFIN-DPMS"),
        Reject((T003,)),
        swapped,
        base="ru-by-russian",
        mutation="exported-by-BY,signed-by-BY-MINFIN-DPMS",
    )
    ao = golden_object("ao-cn-portuguese")
    yield Case(
        "expired-signing-certificate",
        "Signed on 2026-02-24 with the AO key whose X.509 validity ended on 2024-12-31",
        "KP-REQ-037",
        _sign(ao, "AO-MIREMPET-KP-expired"),
        Reject((T004,)),
        ao,
        base="ao-cn-portuguese",
        mutation="sign-with-expired-key",
    )
    yield Case(
        "retired-key",
        "Signed on 2026-02-16 with the BW key retired on 2025-01-01",
        "KP-REQ-037",
        _sign(bw, "BW-MME-DH-2019-retired"),
        Reject((T004,)),
        bw,
        mutation="sign-with-retired-key",
    )
    retirement_day = redate(bw, datetime.date(2025, 1, 1))
    yield Case(
        "retired-key-on-the-day-of-its-retirement",
        "Dated 2025-01-01, the day the BW key was retired, and signed with it",
        "KP-REQ-037",
        _sign(retirement_day, "BW-MME-DH-2019-retired"),
        Reject((T004,)),
        retirement_day,
        mutation="dated-2025-01-01,signed-by-retired-key",
    )
    za = golden_object("za-in-container")
    yield Case(
        "revoked-key",
        "Signed on 2026-04-07 with the ZA key revoked for compromise from 2026-01-01",
        "KP-REQ-043",
        _sign(za, "ZA-SADPMR-compromised"),
        Reject((T005,)),
        za,
        base="za-in-container",
        mutation="sign-with-compromised-key",
    )
    revocation_day = redate(za, datetime.date(2026, 1, 1))
    yield Case(
        "revoked-key-on-the-day-of-its-revocation",
        "Dated 2026-01-01, the day the ZA key was revoked, and signed with it",
        "KP-REQ-043",
        _sign(revocation_day, "ZA-SADPMR-compromised"),
        Reject((T005,)),
        revocation_day,
        base="za-in-container",
        mutation="dated-2026-01-01,signed-by-compromised-key",
    )
    gb = golden_object("gb-us-after-brexit")
    yield Case(
        "key-usage-without-digital-signature",
        "Signed with the GB key whose certificate allows key encipherment only",
        "KP-REQ-037",
        _sign(gb, "GB-FCDO-GDO-keyencipherment"),
        Reject((T006,)),
        gb,
        base="gb-us-after-brexit",
        mutation="sign-with-keyencipherment-key",
    )
    rogue_signed = _sign(bw, "rogue")
    rogue_listed = _rogue_listed()
    for name, description, listing in (
        (
            "trust-list-tampered",
            "The context's trust list, signed by its operator, was altered after signing to list "
            "the rogue certificate for BW-MME-DH; the certificate is signed by the rogue key",
            _tampered_trust_list(),
        ),
        (
            "trust-list-signed-by-another",
            "The context's trust list lists the rogue certificate for BW-MME-DH and is signed by "
            "the rogue key, not by the pinned operator; the certificate is signed by the rogue key",
            Bytes(sign_document(rogue_listed, authority("rogue")), "xml", "trust-list-by-rogue"),
        ),
        (
            "trust-list-unsigned",
            "The context's trust list lists the rogue certificate for BW-MME-DH and is not "
            "signed; the certificate is signed by the rogue key",
            Bytes(kpstandard.dumps(rogue_listed, "xml"), "xml", "trust-list-unsigned"),
        ),
    ):
        yield Case(
            name,
            description,
            "KP-REQ-044",
            rogue_signed,
            NotJudged((T007,)),
            bw,
            mutation="sign-with-rogue",
            trust_list=listing,
            comment=NOT_AUTHENTIC,
        )
    yield Case(
        "another-pinned-operator",
        "The genuine trust list, but the operator certificate the verifier pins is another's",
        "KP-REQ-044",
        _signed_bw(),
        NotJudged((T007,)),
        bw,
        operator=_certificate("rogue.cert", "rogue"),
        comment=NOT_AUTHENTIC,
    )
    weak_listed = _with_extra_bw_keys((_listing(weak_rsa()),))
    yield Case(
        "weak-rsa-key-listed",
        "Signed with an RSA key of 1024 bits that the context's trust list, signed by its "
        "operator, lists for BW-MME-DH",
        "KP-REQ-035",
        _sign(bw, weak_rsa()),
        Reject((SIG008,)),
        bw,
        mutation="sign-with-rsa-1024",
        trust_list=Bytes(sign_document(weak_listed, operator()), "xml", "trust-list-weak-rsa"),
        comment="The key is too weak whoever lists it: the signature breaks the profile "
        "(KP-SIG-008), a defect that needs no trust list to be found, so the document is "
        "invalid, not merely unjudged. A list that lists such a key is itself invalid "
        "(KP-R-039, in the rules area).",
    )
    trust_list_document = golden_object("trust-list")
    yield Case(
        "trust-list-document-signed-by-another",
        "An Authority Trust List signed by the rogue key, not by the pinned operator",
        "KP-REQ-038",
        sign_document(trust_list_document, authority("rogue")),
        Reject((T007,)),
        trust_list_document,
        base="trust-list",
        mutation="sign-with-rogue",
    )


def _time_cases() -> Iterator[Case]:
    bw = _bw()
    signed = _signed_bw()
    yield Case(
        "trust-list-outdated",
        "The context's trust list (issue 6), signed by its operator, was due for update on "
        "2025-06-30",
        "KP-REQ-044",
        signed,
        NotJudged((TM001,)),
        bw,
        comment=NOT_CURRENT,
        trust_list=_dated_trust_list(
            "trust-list-outdated", 6, "2024-01-01T00:00:00+00:00", "2025-06-30T00:00:00+00:00"
        ),
    )
    yield Case(
        "trust-list-not-yet-issued",
        "The context's trust list (issue 8), signed by its operator, is issued on 2026-03-01, "
        "after the verification time",
        "KP-REQ-044",
        signed,
        NotJudged((TM001,)),
        bw,
        comment=NOT_CURRENT,
        trust_list=_dated_trust_list(
            "trust-list-future", 8, "2026-03-01T00:00:00+00:00", "2027-12-31T00:00:00+00:00"
        ),
    )
    yield Case(
        "presented-after-its-date-of-expiry",
        "Verified at 00:00:00Z the day after its date of expiry (2026-04-16)",
        "KP-REQ-041",
        signed,
        Reject((TM002,)),
        bw,
        time="2026-04-17T00:00:00Z",
    )
    yield Case(
        "presented-before-its-date-of-issue",
        "Verified at 23:59:59Z the day before its date of issue (2026-02-16)",
        "KP-REQ-041",
        signed,
        Reject((TM003,)),
        bw,
        time="2026-02-15T23:59:59Z",
    )


GOLDEN_1_1 = ("bw-eu-hybrid", "hk-ae-mixed-origins")
"""Golden certificates of version 1.1 (a hybrid-mode twin; Hong Kong, an issuing entity within
China's participation, with mixed origins): signed here, in the generator, so that a verifier
or importer that supports only 1.1 has signed documents to judge (``examples/signed/`` holds
1.0 documents and is written by its own step)."""


def _v1_1_cases() -> Iterator[Case]:
    for stem in GOLDEN_1_1:
        document = golden_object(stem)
        signer = str(document.issuing_authority.identifier)
        signed = _sign(document, signer)
        yield Case(
            f"signed-{stem}",
            f"The golden 1.1 certificate {stem}, signed by the authority it names ({signer})",
            "KP-REQ-007",
            signed,
            Accept((*SIGNED_EXERCISES, *TRUSTED_EXERCISES)),
            document,
            base=stem,
            mutation=f"sign-with-{signer}",
        )
        yield Case(
            f"tampered-importer-{stem}",
            f"The golden 1.1 certificate {stem}: the importer's name changed after signing",
            "KP-REQ-007",
            edit(signed, _tamper_importer),
            Reject((SIG009,)),
            document,
            base=stem,
            mutation=f"sign-with-{signer},tamper-importer",
        )
    hk = golden_object("hk-ae-mixed-origins")
    yield Case(
        "another-participants-key-hk-ae-mixed-origins",
        "The golden 1.1 certificate of Hong Kong signed with the key of the Indian authority",
        "KP-REQ-037",
        _sign(hk, "IN-GJEPC"),
        Reject((T002,)),
        hk,
        base="hk-ae-mixed-origins",
        mutation="sign-with-IN-GJEPC",
        comment="Hong Kong issues its own certificates, with its own authority and keys, within "
        "China's participation: a key of another Participant's authority is not one of them.",
    )


CASES: tuple[Callable[[], Iterator[Case]], ...] = (
    _golden_cases,
    _positive_cases,
    _trust_positive_cases,
    _time_positive_cases,
    _signature_cases,
    _trust_cases,
    _time_cases,
    _v1_1_cases,
)


def _certificate_context(case: Case) -> Bytes | None:
    base = case.base or ""
    if not base.startswith("ic-") or case.syntax != "xml":
        return None
    return case.confirmed or certificate_of(base)


def drafts() -> Iterator[Draft]:
    """Every vector of the signature area, in a stable order."""
    for group in CASES:
        for case in group():
            expected: Accept | Reject | NotJudged = case.expected
            if isinstance(expected, Accept):
                data = Bytes(kpstandard.dumps(case.document, "xml"), "xml")
                expected = dataclasses.replace(expected, output=data)
            yield Draft(
                key=f"{AREA}/{case.name}/{case.syntax}",
                name=case.name,
                description=case.description,
                requirement=case.requirement,
                roles=case.roles,
                input=Bytes(case.data, case.syntax),
                verification_time=case.time or time_after(case.document),
                expected=expected,
                base=case.base,
                mutation=case.mutation,
                certificate=_certificate_context(case),
                trust_list=case.trust_list or trust_list(),
                trust_list_operator=case.operator or operator_certificate(),
                comment=case.comment,
                pending=case.pending,
            )
