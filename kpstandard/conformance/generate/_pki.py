"""The test PKI the signature and issuance vectors sign with, and what they share.

TEST ONLY. The keys are those of ``examples/pki`` (committed, public, worthless as secrets) and
two keys derived here from fixed seeds, which the standard does not allow (RSA-1024, ECDSA on
P-521), with certificates that the test root CA issues deterministically. Never trust any of them
outside tests.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from lxml import etree

import kpstandard
from kpstandard._resources import source_root
from kpstandard.conformance.generate._draft import Bytes, noon_after
from kpstandard.conformance.generate._xmldsig import SigningKey, derived_rsa_key, sign_enveloped
from kpstandard.signature.keys import load_certificate, load_private_key

__all__ = [
    "authority",
    "authority_certificate_pem",
    "authority_key_pem",
    "certificate_pem",
    "document_day",
    "edit",
    "key_pem",
    "operator",
    "operator_certificate",
    "operator_key_pem",
    "redate",
    "root_ca",
    "serialize",
    "sign_document",
    "signed_example",
    "time_after",
    "trust_list",
    "weak_curve",
    "weak_rsa",
    "xml_root",
]

UTC = datetime.UTC
_TEST = "TEST ONLY - NOT A REAL KP AUTHORITY"
_KEY_BANNER = (
    b"# TEST KEY ONLY: derived from a public seed by kpstandard's conformance generator; "
    b"worthless as a secret. Never trust it.\n"
)


def _pki() -> Path:
    root = source_root()
    if root is None:
        raise FileNotFoundError("the vectors are generated from a source checkout (examples/)")
    return root / "examples" / "pki"


@cache
def _file(relative: str) -> bytes:
    return (_pki() / relative).read_bytes()


@cache
def authority(stem: str) -> SigningKey:
    """The key and certificate of ``examples/pki/authorities/<stem>``."""
    return SigningKey(
        load_private_key(_file(f"authorities/{stem}.key.pem")),
        load_certificate(_file(f"authorities/{stem}.cert.pem")),
    )


def authority_certificate_pem(stem: str) -> bytes:
    return _file(f"authorities/{stem}.cert.pem")


def authority_key_pem(stem: str) -> bytes:
    return _file(f"authorities/{stem}.key.pem")


def operator_key_pem() -> bytes:
    return _file("operator/operator.key.pem")


@cache
def operator() -> SigningKey:
    """The trust list operator's key and certificate."""
    return SigningKey(
        load_private_key(_file("operator/operator.key.pem")),
        load_certificate(_file("operator/operator.cert.pem")),
    )


@cache
def root_ca() -> SigningKey:
    return SigningKey(
        load_private_key(_file("ca/root-ca.key.pem")),
        load_certificate(_file("ca/root-ca.cert.pem")),
    )


def signed_example(stem: str) -> bytes:
    """The exact bytes of ``examples/signed/<stem>.xml`` (signed by the authority it names)."""
    root = source_root()
    assert root is not None
    return (root / "examples" / "signed" / f"{stem}.xml").read_bytes()


def trust_list() -> Bytes:
    """The signed Authority Trust List of the examples, exact bytes, shared by the vectors."""
    return Bytes(signed_example("trust-list"), "xml", shared_name="trust-list")


def operator_certificate() -> Bytes:
    """The list operator's certificate (PEM), the anchor a verifier pins."""
    return Bytes(_file("operator/operator.cert.pem"), None, "operator.cert", "pem")


def _issued_by_root(
    subject: str, key: Any, serial: int, *, start: datetime.datetime, end: datetime.datetime
) -> x509.Certificate:
    """A certificate the test root CA issues, deterministically (RFC 6979 ECDSA)."""
    ca = root_ca()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, subject),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _TEST),
        ]
    )
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
    )
    assert isinstance(ca.key, ec.EllipticCurvePrivateKey)
    return builder.sign(ca.key, hashes.SHA384(), ecdsa_deterministic=True)


_START = datetime.datetime(2020, 1, 1, tzinfo=UTC)
_END = datetime.datetime(2035, 12, 31, tzinfo=UTC)


@cache
def weak_rsa() -> SigningKey:
    """An RSA-1024 key (too weak for the profile) and its certificate from the test root CA."""
    key = derived_rsa_key("kpstandard conformance: weak RSA-1024 test key", 1024)
    return SigningKey(
        key, _issued_by_root("weak RSA-1024 (test)", key, 0x1024, start=_START, end=_END)
    )


@cache
def weak_curve() -> SigningKey:
    """An ECDSA key on P-521 (a curve the profile does not allow) and its certificate."""
    key = ec.derive_private_key(0x5EED_0521_C0FFEE_0521, ec.SECP521R1())
    return SigningKey(key, _issued_by_root("P-521 (test)", key, 0x0521, start=_START, end=_END))


def key_pem(key: Any) -> bytes:
    """A private key as PKCS#8 PEM, under a banner that says it is a test key."""
    pem: bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _KEY_BANNER + pem


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


# --- documents -------------------------------------------------------------------------------


def xml_root(document: Any) -> etree._Element:
    """A document object written in XML, as the reference signer writes it before signing."""
    return etree.fromstring(kpstandard.dumps(document, "xml"))


def serialize(root: etree._Element) -> bytes:
    """A signed tree as the reference signer writes it: XML declaration, UTF-8, no final newline."""
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


def sign_document(document: Any, signer: SigningKey, **options: Any) -> bytes:
    """A document object, signed (see :func:`sign_enveloped` for the options)."""
    root = xml_root(document)
    sign_enveloped(root, signer, **options)
    return serialize(root)


def edit(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    """Signed bytes changed in their tree (comments and whitespace kept), written again."""
    parser = etree.XMLParser(remove_comments=False, remove_blank_text=False, resolve_entities=False)
    root = etree.fromstring(data, parser)
    change(root)
    return serialize(root)


def redate(document: Any, day: datetime.date) -> Any:
    """A certificate issued on another day, its period of validity as long as before."""
    length = document.date_of_expiry - document.date_of_issue
    return dataclasses.replace(document, date_of_issue=day, date_of_expiry=day + length)


def document_day(document: Any) -> datetime.date:
    """The date a signature is judged on: a certificate's date of issue, a confirmation's date of
    receipt, the day a trust list was issued."""
    for attr in ("date_of_issue", "date_of_receipt"):
        if hasattr(document, attr):
            value: datetime.date = getattr(document, attr)
            return value
    issued: datetime.datetime = document.issued
    return issued.date()


def time_after(document: Any) -> str:
    """The pinned clock of a vector: noon UTC two days after the document's date."""
    return noon_after(document_day(document), 2)
