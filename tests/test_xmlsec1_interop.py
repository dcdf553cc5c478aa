"""Interoperability with an independent XML Security implementation: libxmlsec1.

Two ways in. The ``xmlsec`` package (PyPI: the Python bindings of libxmlsec1, in the test extra)
needs no system package: documents kpstandard signs verify with it, and documents it signs with the
profile (enveloped, exclusive c14n, one Reference URI="", the X.509 certificate in KeyInfo) verify
with kpstandard against the test trust list, RSA and ECDSA. The ``xmlsec1`` command (Debian package
xmlsec1) adds its own certificate-chain check to the test root CA; its tests are skipped, with the
reason in the summary, where it is not installed, and fail in CI (``.ci/run`` installs it).
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

import kpstandard
from kpstandard.findings import Verdict
from kpstandard.pipeline import load_trust_list, sign, validate_bytes
from kpstandard.signature.keys import load_certificate, load_private_key
from kpstandard.signature.trustlist import TrustList

# In the test extra. A libxml2 that is not lxml's raises here (not ImportError): that fails loudly.
xmlsec = pytest.importorskip(
    "xmlsec", reason="the xmlsec package is not installed: pip install -e '.[test]'"
)

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
SIGNED = ROOT / "examples" / "signed"
DOCUMENTS = ROOT / "examples" / "documents"
XMLSEC1 = shutil.which("xmlsec1")
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

needs_xmlsec1 = pytest.mark.skipif(
    XMLSEC1 is None and not os.environ.get("CI"),
    reason="the xmlsec1 command is not installed (apt-get install xmlsec1): its extra checks "
    "did not run (the xmlsec bindings ran the interop tests); in CI its absence fails",
)

SIGNERS = [
    pytest.param("BW-MME-DH", "bw-eu-unmixed.xml", [], id="rsa-2048"),
    pytest.param("EU-BE-FPSECO-DO", "eu-ae-mixed.xml", [], id="ecdsa-p256"),
    pytest.param("RU-ASSAY-OFFICE", "ru-by-russian.xml", [], id="ecdsa-p384"),
    pytest.param("rogue", "bw-eu-unmixed.xml", ["KP-T-001"], id="rsa-2048-untrusted"),
]
"""Who signs which example, and the codes kpstandard answers: RSA and ECDSA authorities on the
test trust list, and one that is not on it (refused though its signature is sound)."""


def _pem_key(stem: str) -> bytes:
    """The private key alone: the key files have a comment line above the PEM."""
    data = (PKI / "authorities" / f"{stem}.key.pem").read_bytes()
    return data[data.index(b"-----BEGIN") :]


@pytest.fixture(scope="module")
def trust_list() -> TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    loaded, _ = load_trust_list((SIGNED / "trust-list.xml").read_bytes(), anchor=anchor)
    assert loaded is not None
    return loaded


def _verification_time(data: bytes) -> datetime.datetime:
    """Noon UTC on the day after the document's date of issue: within its validity."""
    issued: datetime.date = kpstandard.load(data).date_of_issue
    return datetime.datetime.combine(issued, datetime.time(12), datetime.UTC) + datetime.timedelta(
        1
    )


def _verify_with_xmlsec(data: bytes) -> None:
    """Verify the one signature of ``data`` with libxmlsec1, with the key of the certificate in
    its KeyInfo; raise ``xmlsec.Error`` when it does not verify. (The certificate's standing is
    kpstandard's trust layer; the xmlsec1 command tests below add a chain check.)"""
    root = etree.fromstring(data, SAFE_PARSER)
    signature = xmlsec.tree.find_node(root, xmlsec.constants.NodeSignature)
    assert signature is not None, "no ds:Signature"
    certificate = signature.findtext(f".//{{{xmlsec.constants.DSigNs}}}X509Certificate")
    assert certificate, "no X509Certificate in KeyInfo"
    context = xmlsec.SignatureContext()
    for element in root.iter():  # XAdES references its SignedProperties by Id
        if isinstance(element.tag, str) and element.get("Id"):
            context.register_id(element, "Id")
    pem = (
        f"-----BEGIN CERTIFICATE-----\n{''.join(certificate.split())}\n-----END CERTIFICATE-----\n"
    )
    context.key = xmlsec.Key.from_memory(pem.encode(), xmlsec.constants.KeyDataFormatCertPem)
    context.verify(signature)


def _signed_by_xmlsec(stem: str, document: str) -> bytes:
    """``document`` signed by libxmlsec1 with the key of ``stem``, in the profile's shape."""
    public_key = load_certificate(PKI / "authorities" / f"{stem}.cert.pem").public_key()
    method = xmlsec.constants.TransformRsaSha256
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        p384 = isinstance(public_key.curve, ec.SECP384R1)
        method = (
            xmlsec.constants.TransformEcdsaSha384 if p384 else xmlsec.constants.TransformEcdsaSha256
        )
    root = etree.fromstring((DOCUMENTS / document).read_bytes(), SAFE_PARSER)
    signature = xmlsec.template.create(root, xmlsec.constants.TransformExclC14N, method)
    root.append(signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri="")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    x509_data = xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(signature))
    xmlsec.template.x509_data_add_certificate(x509_data)
    key = xmlsec.Key.from_memory(_pem_key(stem), xmlsec.constants.KeyDataFormatPem)
    key.load_cert_from_file(
        str(PKI / "authorities" / f"{stem}.cert.pem"), xmlsec.constants.KeyDataFormatPem
    )
    context = xmlsec.SignatureContext()
    context.key = key
    context.sign(signature)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- the xmlsec bindings: no system package needed ------------------------------------------


@pytest.mark.parametrize("path", sorted(SIGNED.glob("*.xml")), ids=lambda p: p.name)
def test_xmlsec_verifies_every_signed_example(path: Path) -> None:
    _verify_with_xmlsec(path.read_bytes())


@pytest.mark.parametrize(("stem", "document", "expected"), SIGNERS)
@pytest.mark.parametrize("xades", [False, True], ids=["plain", "xades"])
def test_xmlsec_verifies_what_kpstandard_signs(
    stem: str, document: str, expected: list[str], xades: bool
) -> None:
    del expected  # what kpstandard's trust layer answers; the signature itself is sound
    folder = PKI / "authorities"
    signed = sign(
        (DOCUMENTS / document).read_bytes(),
        key=load_private_key(folder / f"{stem}.key.pem"),
        certificate=load_certificate(folder / f"{stem}.cert.pem"),
        xades=xades,
    )
    _verify_with_xmlsec(signed)


def test_xmlsec_refuses_a_tampered_document() -> None:
    """The cross-check itself must see a failure: one amount changed after signing."""
    data = (SIGNED / "bw-eu-unmixed.xml").read_bytes()
    tampered = data.replace(b"1520.45", b"1520.46", 1)
    assert tampered != data
    with pytest.raises(xmlsec.Error):
        _verify_with_xmlsec(tampered)


@pytest.mark.parametrize(("stem", "document", "expected"), SIGNERS)
def test_documents_signed_by_xmlsec_verify_with_kpstandard(
    trust_list: TrustList, stem: str, document: str, expected: list[str]
) -> None:
    data = _signed_by_xmlsec(stem, document)
    report = validate_bytes(data, trust_list=trust_list, verification_time=_verification_time(data))
    assert [f.code for f in report.findings] == expected
    assert (report.verdict is Verdict.VALID) == (not expected)


# --- the xmlsec1 command: extra checks where it is installed --------------------------------


TEMPLATE = b"""<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <ds:SignedInfo>
    <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
    <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#%s"/>
    <ds:Reference URI="">
      <ds:Transforms>
        <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
        <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      </ds:Transforms>
      <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
      <ds:DigestValue/>
    </ds:Reference>
  </ds:SignedInfo>
  <ds:SignatureValue/>
  <ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo>
</ds:Signature>"""


def _xmlsec1(*args: str) -> subprocess.CompletedProcess[str]:
    assert XMLSEC1 is not None, "xmlsec1 is missing: .ci/run installs it (apt-get install xmlsec1)"
    return subprocess.run([XMLSEC1, *args], capture_output=True, text=True, check=False, timeout=60)


@needs_xmlsec1
@pytest.mark.parametrize("path", sorted(SIGNED.glob("*.xml")), ids=lambda p: p.name)
def test_xmlsec1_verifies_every_signed_example(path: Path) -> None:
    done = _xmlsec1("--verify", "--trusted-pem", str(PKI / "ca" / "root-ca.cert.pem"), str(path))
    assert done.returncode == 0, done.stderr


def _signed_by_xmlsec1(tmp_path: Path, stem: str, document: str) -> bytes:
    key = PKI / "authorities" / f"{stem}.key.pem"
    certificate = PKI / "authorities" / f"{stem}.cert.pem"
    public_key = load_certificate(certificate).public_key()
    method = b"ecdsa-sha256" if isinstance(public_key, ec.EllipticCurvePublicKey) else b"rsa-sha256"
    root = etree.fromstring((DOCUMENTS / document).read_bytes())
    root.append(etree.fromstring(TEMPLATE % method))
    template = tmp_path / "template.xml"
    template.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    out = tmp_path / "signed.xml"
    # The key file has a comment line above the PEM: give xmlsec1 the PEM alone.
    pem = tmp_path / "key.pem"
    pem.write_bytes(key.read_bytes()[key.read_bytes().index(b"-----BEGIN") :])
    done = _xmlsec1(
        "--sign", "--privkey-pem", f"{pem},{certificate}", "--output", str(out), str(template)
    )
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


@needs_xmlsec1
@pytest.mark.parametrize(("stem", "document", "expected"), SIGNERS)
def test_documents_signed_by_xmlsec1_verify_with_kpstandard(
    tmp_path: Path, trust_list: TrustList, stem: str, document: str, expected: list[str]
) -> None:
    data = _signed_by_xmlsec1(tmp_path, stem, document)
    report = validate_bytes(data, trust_list=trust_list, verification_time=_verification_time(data))
    assert [f.code for f in report.findings] == expected
    assert (report.verdict is Verdict.VALID) == (not expected)


@needs_xmlsec1
def test_xmlsec1_verifies_a_xades_signature(tmp_path: Path) -> None:
    folder = PKI / "authorities"
    signed = sign(
        (DOCUMENTS / "bw-eu-unmixed.xml").read_bytes(),
        key=load_private_key(folder / "BW-MME-DH.key.pem"),
        certificate=load_certificate(folder / "BW-MME-DH.cert.pem"),
        xades=True,
    )
    path = tmp_path / "xades.xml"
    path.write_bytes(signed)
    done = _xmlsec1(
        "--verify",
        "--trusted-pem",
        str(PKI / "ca" / "root-ca.cert.pem"),
        "--id-attr:Id",
        "SignedProperties",
        "--id-attr:Id",
        "KeyInfo",
        str(path),
    )
    assert done.returncode == 0, done.stderr
    assert "References (ok/all): 3/3" in done.stdout + done.stderr
