"""The in-process paths of issue 11, each beside its floor, on the shipped example documents.

Run by hand (never as a timed test), usually through ``python benchmarks/run.py``:

    python benchmarks/paths.py [--quick]

- **verify RSA-2048**: ``kpstandard.verify`` (signature, trust, time, every content layer) beside
  the raw verify floor (lxml parse, read the Signature, exc-c14n of SignedInfo, load the X.509
  certificate, RSA verify, remove the Signature, exc-c14n of the document, SHA-256, compare the
  digest), and beside the same + XSD validation of the content (issue 11's 2.5x target);
- **XML full validation**: ``kpstandard.validate`` (input, schema, rules) beside lxml parse + XSD;
- **JSON full validation**: the same beside json.loads + jsonschema-rs;
- **sign RSA-2048**: ``kpstandard.sign`` (every layer that applies, then the signature) beside
  lxml parse, exc-c14n, SHA-256, build SignedInfo, exc-c14n of it, RSA sign, KeyInfo, serialize.

Every floor is a true pipeline of the C libraries (lxml, cryptography, jsonschema-rs), with no
kpstandard code. The inputs are the files of ``examples/``: for verify, the KP Certificates of
``examples/signed/`` signed with an RSA-2048 key, each verified at noon on the day after its date
of issue (so that every layer runs and the verdict is valid); for sign, the same certificates
unsigned from ``examples/documents/``, each with its authority's key; for validation, every XML
or JSON file of ``examples/documents/`` (import confirmations without their certificate: the
comparisons with the certificate do not run, and the floor does not know of them either).
Before measuring, every input is checked to give the expected verdict, and what the sign floor
produces is checked to verify with ``kpstandard.verify`` (the floor is a real signature).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness
from _harness import Comparison, Row, micros, rate

import kpstandard
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PKI = EXAMPLES / "pki"
SPEC = ROOT / "spec"
DS = "http://www.w3.org/2000/09/xmldsig#"
D = f"{{{DS}}}"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"

TARGETS = {
    "verify": 2.5,  # x (raw verify floor + XSD of the content)
    "verify_rate": 2000.0,  # documents/s per core
    "xml": 2.5,
    "json": 5.0,
    "sign": 2.0,
}


def _parser() -> etree.XMLParser:
    """What a careful caller of lxml would use: no entities, no network, no DTD."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


PARSER = _parser()


def _schemas() -> dict[str, etree.XMLSchema]:
    """Every document type's XSD of ``spec/xml``, by its target namespace."""
    schemas = {}
    for path in sorted((SPEC / "xml").glob("*.xsd")):
        tree = etree.parse(str(path))
        namespace = tree.getroot().get("targetNamespace")
        if namespace and namespace.startswith("urn:kpstandard:"):
            schemas[namespace] = etree.XMLSchema(tree)
    return schemas


XSD = _schemas()


def _namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""


PASSES_QUICK = 20
"""Passes over the inputs per round with --quick (the inputs are a handful of files)."""
PASSES = 60


# --- floors ----------------------------------------------------------------------------------


def verify_floor(data: bytes, *, schema: bool) -> None:
    """Verify an enveloped RSA-SHA256 signature with lxml and cryptography alone.

    Raises:
        AssertionError: the digest does not match; cryptography's InvalidSignature: the signature.
    """
    root = etree.fromstring(data, PARSER)
    signature = root[-1]
    signed_info = signature.find(f"{D}SignedInfo")
    assert signed_info is not None
    canonical_info = etree.tostring(signed_info, method="c14n", exclusive=True)
    value = base64.b64decode(signature.findtext(f"{D}SignatureValue") or "")
    der = base64.b64decode(signature.findtext(f"{D}KeyInfo/{D}X509Data/{D}X509Certificate") or "")
    public_key = x509.load_der_x509_certificate(der).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(value, canonical_info, padding.PKCS1v15(), hashes.SHA256())
    expected = base64.b64decode(signed_info.findtext(f"{D}Reference/{D}DigestValue") or "")
    _remove_keeping_tail(signature)
    digest = hashlib.sha256(etree.tostring(root, method="c14n", exclusive=True)).digest()
    assert digest == expected, "digest mismatch"
    if schema:
        XSD[_namespace(root)].assertValid(root)


def _remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` as the enveloped-signature transform does (its tail text stays)."""
    parent = element.getparent()
    assert parent is not None
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def xml_floor(data: bytes) -> None:
    """lxml parse + XSD validation of the document's type."""
    root = etree.fromstring(data, PARSER)
    XSD[_namespace(root)].validate(root)


def json_floor() -> Callable[[bytes], object]:
    """json.loads + jsonschema-rs with the schema its ``documentType`` names."""
    validators = {}
    for path in sorted((SPEC / "json").glob("*.schema.json")):
        stem = path.name.removesuffix(".schema.json")  # the documentType it describes
        schema = json.loads(path.read_text())
        validators[stem] = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)

    def floor(data: bytes) -> bool:
        document = json.loads(data)
        return validators[document["documentType"]].is_valid(document)

    return floor


SIGNED_INFO = (
    f'<ds:SignedInfo xmlns:ds="{DS}">'
    f'<ds:CanonicalizationMethod Algorithm="{EXC_C14N}"/>'
    f'<ds:SignatureMethod Algorithm="{RSA_SHA256}"/>'
    '<ds:Reference URI=""><ds:Transforms>'
    f'<ds:Transform Algorithm="{ENVELOPED}"/><ds:Transform Algorithm="{EXC_C14N}"/>'
    f'</ds:Transforms><ds:DigestMethod Algorithm="{SHA256}"/>'
    "<ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>"
)


def sign_floor(data: bytes, key: rsa.RSAPrivateKey, certificate_b64: str) -> bytes:
    """An enveloped RSA-SHA256 signature with exclusive c14n, made with lxml and cryptography."""
    root = etree.fromstring(data, PARSER)
    digest = hashlib.sha256(etree.tostring(root, method="c14n", exclusive=True)).digest()
    signature = etree.SubElement(root, f"{D}Signature", nsmap={"ds": DS})
    signed_info = etree.fromstring(
        SIGNED_INFO.format(digest=base64.b64encode(digest).decode()), PARSER
    )
    signature.append(signed_info)
    canonical_info = etree.tostring(signed_info, method="c14n", exclusive=True)
    value = key.sign(canonical_info, padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, f"{D}SignatureValue").text = base64.b64encode(value).decode()
    data_element = etree.SubElement(etree.SubElement(signature, f"{D}KeyInfo"), f"{D}X509Data")
    etree.SubElement(data_element, f"{D}X509Certificate").text = certificate_b64
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signed:
    """An RSA-2048 KP Certificate, signed, with the instant it verifies at and its signer."""

    data: bytes
    unsigned: bytes
    when: datetime.datetime
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate


def rsa_certificates() -> list[Signed]:
    """The KP Certificates of ``examples/signed`` signed with an RSA-2048 key."""
    found = []
    for path in sorted((EXAMPLES / "signed").glob("*.xml")):
        document = kpstandard.load(path.read_bytes())
        if not isinstance(document, kpstandard.KPCertificate):
            continue
        stem = document.issuing_authority.identifier
        key = load_private_key(PKI / "authorities" / f"{stem}.key.pem")
        if not isinstance(key, rsa.RSAPrivateKey) or key.key_size != 2048:
            continue
        when = datetime.datetime.combine(
            document.date_of_issue + datetime.timedelta(days=1),
            datetime.time(12),
            tzinfo=datetime.UTC,
        )
        found.append(
            Signed(
                data=path.read_bytes(),
                unsigned=(EXAMPLES / "documents" / path.name).read_bytes(),
                when=when,
                key=key,
                certificate=load_certificate(PKI / "authorities" / f"{stem}.cert.pem"),
            )
        )
    return found


def trust_list() -> kpstandard.TrustList:
    anchor = load_certificate(PKI / "operator" / "operator.cert.pem")
    listed, findings = kpstandard.load_trust_list(
        (EXAMPLES / "signed" / "trust-list.xml").read_bytes(), anchor=anchor
    )
    assert listed is not None, findings
    return listed


# --- the comparisons -------------------------------------------------------------------------


def _by_bytes(signed: list[Signed]) -> dict[int, Signed]:
    return {id(item.data): item for item in signed} | {id(item.unsigned): item for item in signed}


def measure(*, rounds: int, passes: int) -> list[Row]:
    """Measure every path; return the rows of the table."""
    rows = []
    trusted = trust_list()
    signed = rsa_certificates()
    assert signed, "no RSA-2048 signed certificate in examples/signed"
    index = _by_bytes(signed)

    def verify(data: bytes) -> object:
        return kpstandard.verify(data, trust_list=trusted, verification_time=index[id(data)].when)

    for item in signed:
        report = verify(item.data)
        assert report.verdict.value == "valid", (report.verdict, report.findings)
    items = [item.data for item in signed]
    raw = _harness.compare(
        verify, lambda data: verify_floor(data, schema=False), items, rounds=rounds, passes=passes
    )
    with_xsd = _harness.compare(
        verify, lambda data: verify_floor(data, schema=True), items, rounds=rounds, passes=passes
    )
    rows.append(_ratio_row("verify RSA-2048 (vs raw verify)", raw, None))
    rows.append(_ratio_row("verify RSA-2048 (vs raw + XSD)", with_xsd, TARGETS["verify"]))
    per_second = 1 / with_xsd.candidate
    rows.append(
        Row(
            "verify RSA-2048, per core",
            f"{per_second:,.0f}/s",
            rate(with_xsd.floor),
            "-",
            f">= {TARGETS['verify_rate']:,.0f}/s",
            per_second >= TARGETS["verify_rate"],
            [f"{len(items)} certificates of examples/signed"],
        )
    )

    def sign(data: bytes) -> object:
        item = index[id(data)]
        return kpstandard.sign(data, key=item.key, certificate=item.certificate)

    encoded = {
        id(item.unsigned): base64.b64encode(
            item.certificate.public_bytes(Encoding.DER)  # as KeyInfo holds it
        ).decode()
        for item in signed
    }

    def floor_sign(data: bytes) -> object:
        return sign_floor(data, index[id(data)].key, encoded[id(data)])

    for item in signed:
        made = floor_sign(item.unsigned)
        assert isinstance(made, bytes)
        report = kpstandard.verify(made, trust_list=trusted, verification_time=item.when)
        assert report.verdict.value == "valid", ("the sign floor must verify", report.findings)
    unsigned = [item.unsigned for item in signed]
    rows.append(
        _ratio_row(
            "sign RSA-2048",
            _harness.compare(sign, floor_sign, unsigned, rounds=rounds, passes=passes),
            TARGETS["sign"],
        )
    )

    xml_items = [path.read_bytes() for path in sorted((EXAMPLES / "documents").glob("*.xml"))]
    for data in xml_items:
        assert kpstandard.validate(data).verdict.value in ("valid", "not-judged")
    rows.append(
        _ratio_row(
            "XML full validation",
            _harness.compare(
                kpstandard.validate, xml_floor, xml_items, rounds=rounds, passes=passes
            ),
            TARGETS["xml"],
            f"{len(xml_items)} files of examples/documents",
        )
    )
    json_items = [path.read_bytes() for path in sorted((EXAMPLES / "documents").glob("*.json"))]
    floor_json = json_floor()
    for data in json_items:
        assert floor_json(data), "every JSON example is schema-valid"
    rows.append(
        _ratio_row(
            "JSON full validation",
            _harness.compare(
                kpstandard.validate, floor_json, json_items, rounds=rounds, passes=passes
            ),
            TARGETS["json"],
            f"{len(json_items)} files of examples/documents",
        )
    )
    return rows


def _ratio_row(path: str, result: Comparison, target: float | None, note: str = "") -> Row:
    spread = ", ".join(f"{ours / base:.2f}" for ours, base in result.rounds)
    return Row(
        path,
        f"{micros(result.candidate)} ({rate(result.candidate)})",
        f"{micros(result.floor)} ({rate(result.floor)})",
        f"{result.ratio:.2f}x",
        "-" if target is None else f"<= {target}x",
        None if target is None else result.ratio <= target,
        [note, f"ratio per round: {spread}"] if note else [f"ratio per round: {spread}"],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and passes")
    args = parser.parse_args()
    print(_harness.environment())
    print(_harness.load())
    rows = measure(rounds=5 if args.quick else 7, passes=PASSES_QUICK if args.quick else PASSES)
    print(_harness.table(rows))
    print(_harness.notes(rows))
    print(_harness.load())


if __name__ == "__main__":
    main()
