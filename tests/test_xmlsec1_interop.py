"""Interoperability with an independent XML Security implementation: xmlsec1 (Debian package).

xmlsec1 verifies every signed example (its chain to the test root CA), and documents that xmlsec1
signs verify with kpstandard when their signer is on the trust list. `.ci/run` installs xmlsec1.
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

from kpstandard.findings import Verdict
from kpstandard.pipeline import load_trust_list, validate_bytes
from kpstandard.signature.keys import load_certificate

ROOT = Path(__file__).resolve().parents[1]
PKI = ROOT / "examples" / "pki"
SIGNED = ROOT / "examples" / "signed"
XMLSEC1 = shutil.which("xmlsec1")

pytestmark = pytest.mark.skipif(
    XMLSEC1 is None and not os.environ.get("CI"),
    reason="xmlsec1 is not installed (apt-get install xmlsec1); in CI its absence fails the run",
)

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


@pytest.mark.parametrize("path", sorted(SIGNED.glob("*.xml")), ids=lambda p: p.name)
def test_xmlsec1_verifies_every_signed_example(path: Path) -> None:
    done = _xmlsec1("--verify", "--trusted-pem", str(PKI / "ca" / "root-ca.cert.pem"), str(path))
    assert done.returncode == 0, done.stderr


def _signed_by_xmlsec1(tmp_path: Path, stem: str, document: str) -> bytes:
    key = PKI / "authorities" / f"{stem}.key.pem"
    certificate = PKI / "authorities" / f"{stem}.cert.pem"
    public_key = load_certificate(certificate).public_key()
    method = b"ecdsa-sha256" if isinstance(public_key, ec.EllipticCurvePublicKey) else b"rsa-sha256"
    root = etree.fromstring((ROOT / "examples" / "documents" / document).read_bytes())
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


@pytest.mark.parametrize(
    ("stem", "document", "expected"),
    [
        ("BW-MME-DH", "bw-eu-unmixed.xml", []),
        ("EU-BE-FPSECO-DO", "eu-ae-mixed.xml", []),
        ("rogue", "bw-eu-unmixed.xml", ["KP-T-001"]),
    ],
)
def test_documents_signed_by_xmlsec1_verify_with_kpstandard(
    tmp_path: Path, stem: str, document: str, expected: list[str]
) -> None:
    data = _signed_by_xmlsec1(tmp_path, stem, document)
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    trust_list, _ = load_trust_list((SIGNED / "trust-list.xml").read_bytes(), anchor=anchor)
    assert trust_list is not None
    report = validate_bytes(
        data,
        trust_list=trust_list,
        verification_time=datetime.datetime(2026, 3, 12, 12, tzinfo=datetime.UTC),
    )
    assert [f.code for f in report.findings] == expected
    assert (report.verdict is Verdict.VALID) == (not expected)


def test_xmlsec1_verifies_a_xades_signature(tmp_path: Path) -> None:
    from kpstandard.pipeline import sign
    from kpstandard.signature.keys import load_private_key

    folder = PKI / "authorities"
    signed = sign(
        (ROOT / "examples" / "documents" / "bw-eu-unmixed.xml").read_bytes(),
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
