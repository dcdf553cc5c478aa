"""Our verification path agrees with two independent implementations on every signed vector.

kpstandard verifies the profile's one signature shape itself (exclusive c14n by libxml2, the
signature by OpenSSL: ``kpstandard/signature/_core.py``). Every signed document the project ships
(the signature and issuance vectors with their contexts, ``examples/signed/``) and what our signer
makes of every issuance vector is checked here three ways: by us, by signxml and by libxmlsec1
(the ``xmlsec`` bindings). Where our profile lets the signature through to the cryptography, all
three must give the same verdict, and on success the octets we digest must be signxml's.
Documents our profile refuses are not judged cryptographically by us, so nothing is compared.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from lxml import etree
from signxml.algorithms import DigestAlgorithm, SignatureMethod
from signxml.exceptions import InvalidDigest, InvalidSignature, SignXMLException
from signxml.verifier import SignatureConfiguration, XMLVerifier
from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

import kpstandard
from kpstandard.pipeline import sign
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.verify import check_signature
from kpstandard.syntax._xml import hardened_parser

ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE = ROOT / "conformance"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
DS = f"{{{DS_NS}}}"

CRYPTO_CODES = {"KP-SIG-009": "digest", "KP-SIG-010": "value"}
"""The codes our cryptography gives; any other finding is a refusal before it runs."""


def _signed_files() -> list[Path]:
    folders = [
        CONFORMANCE / "signature" / "inputs",
        CONFORMANCE / "signature" / "context",
        CONFORMANCE / "issuance" / "inputs",
        ROOT / "examples" / "signed",
    ]
    return sorted(
        path
        for folder in folders
        for path in folder.glob("*.xml")
        if b"xmldsig#" in path.read_bytes() and b"Signature" in path.read_bytes()
    )


def _issued() -> list[tuple[str, bytes]]:
    """What our signer makes of every issuance vector it agrees to sign."""
    manifest = json.loads((CONFORMANCE / "issuance" / "manifest.json").read_bytes())
    folder = CONFORMANCE / "issuance"
    made = []
    for test in manifest["tests"]:
        context = test["context"]
        if test["expected"]["outcome"] != "output" or "signingKey" not in context:
            continue
        key = load_private_key(folder / context["signingKey"]["file"])
        certificate = load_certificate(folder / context["signingCertificate"]["file"])
        confirms = context.get("certificate")
        signed = sign(
            (folder / test["input"]["file"]).read_bytes(),
            key=key,
            certificate=certificate,
            confirms=(folder / confirms["file"]).read_bytes() if confirms else None,
        )
        made.append((test["id"], signed))
    return made


@cache
def _cases() -> list[tuple[str, bytes]]:
    files = [(str(p.relative_to(ROOT)), p.read_bytes()) for p in _signed_files()]
    return files + _issued()


def _embedded_certificate(root: etree._Element) -> x509.Certificate:
    text = root.findtext(f"{DS}Signature/{DS}KeyInfo/{DS}X509Data/{DS}X509Certificate") or ""
    return x509.load_der_x509_certificate(base64.b64decode("".join(text.split())))


def _signxml(data: bytes, certificate: x509.Certificate, xades: bool) -> tuple[str, bytes | None]:
    """signxml's verdict, with every algorithm of the document allowed (the profile is ours)."""
    root = etree.fromstring(data, hardened_parser(exact=True))
    references = len(root.findall(f"{DS}Signature/{DS}SignedInfo/{DS}Reference"))
    settings: dict[str, Any] = {
        "require_x509": True,
        "location": "./",
        "expect_references": references,
        "signature_methods": frozenset(SignatureMethod),
        "digest_algorithms": frozenset(DigestAlgorithm),
        "verification_time": certificate.not_valid_before_utc + datetime.timedelta(seconds=1),
    }
    try:
        if xades:
            results = XAdESVerifier().verify(
                data,
                x509_cert=certificate,
                expect_config=XAdESSignatureConfiguration(**settings),
                parser=hardened_parser(exact=True),
            )
        else:
            result = XMLVerifier().verify(
                data,
                x509_cert=certificate,
                expect_config=SignatureConfiguration(**settings),
                parser=hardened_parser(exact=True),
            )
            results = result if isinstance(result, list) else [result]
    except InvalidDigest:
        return "digest", None
    except InvalidSignature:
        return "value", None
    except (SignXMLException, ValueError) as exc:
        return f"refused ({exc})", None
    whole = [r for r in results if r.signed_xml is not None and r.signed_xml.tag == root.tag]
    return "valid", whole[0].signed_data


def _xmlsec(data: bytes, certificate: x509.Certificate) -> str:
    """libxmlsec1's verdict with the key of the embedded certificate (valid or invalid)."""
    xmlsec = pytest.importorskip("xmlsec", reason="the xmlsec bindings (pip install xmlsec)")
    from cryptography.hazmat.primitives.serialization import Encoding

    root = etree.fromstring(data, hardened_parser(exact=True))
    xmlsec.tree.add_ids(root, ["Id"])  # XAdES refers to its signed properties by Id
    signature = root.find(f"{DS}Signature")
    context = xmlsec.SignatureContext()
    context.key = xmlsec.Key.from_memory(
        certificate.public_bytes(Encoding.DER), xmlsec.constants.KeyDataFormatCertDer
    )
    try:
        context.verify(signature)
    except xmlsec.Error:
        return "invalid"
    return "valid"


def test_every_signed_vector_is_found() -> None:
    cases = _cases()
    assert len(cases) > 100
    assert sum(1 for name, _ in cases if name.startswith("KP-V-ISS")) >= 20


@pytest.mark.parametrize("index", range(len(_cases())), ids=lambda i: _cases()[i][0])
def test_our_verdict_is_signxml_and_xmlsec_verdict(index: int) -> None:
    pytest.importorskip("xmlsec", reason="the xmlsec bindings (pip install xmlsec)")
    _, data = _cases()[index]
    check = check_signature(data)
    codes = {f.code for f in check.findings}
    if check.holds:
        ours = "valid"
    elif codes & CRYPTO_CODES.keys():
        ours = CRYPTO_CODES[next(iter(codes & CRYPTO_CODES.keys()))]
    else:
        pytest.skip(f"refused before any cryptography: {sorted(codes)}")
    root = etree.fromstring(data, hardened_parser(exact=True))
    certificate = _embedded_certificate(root)
    xades = root.find(f"{DS}Signature/{DS}Object") is not None
    theirs, signed_data = _signxml(data, certificate, xades)
    assert ours == theirs
    assert _xmlsec(data, certificate) == ("valid" if ours == "valid" else "invalid")
    if ours == "valid":
        assert check.signed_bytes == signed_data


@pytest.mark.parametrize("index", range(len(_cases())), ids=lambda i: _cases()[i][0])
def test_the_content_tree_is_exactly_what_the_digest_covers(index: int) -> None:
    _, data = _cases()[index]
    check = check_signature(data)
    if not check.holds:
        assert check.signed_root is None
        return
    assert check.signed_root is not None
    assert check.signed_bytes is not None
    # The content tree has no signature, no comment, no PI: only what canonicalization kept...
    assert check.signed_root.find(f".//{DS}Signature") is None
    assert not [n for n in check.signed_root.iter() if not isinstance(n.tag, str)]
    # ...and canonicalized again it gives the very octets whose digest the signer signed.
    again = etree.tostring(check.signed_root, method="c14n", exclusive=True, with_comments=False)
    assert again == check.signed_bytes
    root = etree.fromstring(data, hardened_parser(exact=True))
    reference = root.find(f"{DS}Signature/{DS}SignedInfo/{DS}Reference[@URI='']")
    assert reference is not None
    method = reference.find(f"{DS}DigestMethod")
    assert method is not None
    name = method.get("Algorithm", "").rsplit("#", 1)[1]
    expected = base64.b64decode("".join((reference.findtext(f"{DS}DigestValue") or "").split()))
    assert hashlib.new(name, again).digest() == expected


def test_rsa_signing_writes_what_signxml_writes() -> None:
    # RSA PKCS#1 v1.5 is deterministic: our signer reproduces the example signed with signxml.
    pki = ROOT / "examples" / "pki" / "authorities"
    signed = sign(
        (ROOT / "examples" / "documents" / "bw-eu-unmixed.json").read_bytes(),
        key=load_private_key(pki / "BW-MME-DH.key.pem"),
        certificate=load_certificate(pki / "BW-MME-DH.cert.pem"),
    )
    assert signed == (ROOT / "examples" / "signed" / "bw-eu-unmixed.xml").read_bytes()


@pytest.mark.parametrize("stem", ["BW-MME-DH", "EU-BE-FPSECO-DO", "RU-ASSAY-OFFICE"])
def test_what_we_sign_verifies_everywhere(stem: str) -> None:
    """RSA, ECDSA P-256 and P-384: our signature holds for us, signxml and libxmlsec1."""
    pytest.importorskip("xmlsec", reason="the xmlsec bindings (pip install xmlsec)")
    pki = ROOT / "examples" / "pki" / "authorities"
    certificate = load_certificate(pki / f"{stem}.cert.pem")
    golden = {"BW-MME-DH": "bw-eu-unmixed", "EU-BE-FPSECO-DO": "eu-ae-mixed"}
    document = ROOT / "examples" / "documents" / f"{golden.get(stem, 'ru-by-russian')}.xml"
    key = load_private_key(pki / f"{stem}.key.pem")
    signed = sign(document.read_bytes(), key=key, certificate=certificate)
    assert check_signature(signed).holds
    assert _signxml(signed, certificate, xades=False)[0] == "valid"
    assert _xmlsec(signed, certificate) == "valid"
    assert kpstandard.load(signed) == kpstandard.load(document.read_bytes())
