"""Loading keys and certificates from PEM, once (parsing an RSA key costs ~50 ms)."""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from kpstandard.errors import KPStandardError

__all__ = ["PrivateKey", "describe_certificate", "load_certificate", "load_private_key"]

PrivateKey: TypeAlias = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def load_private_key(pem: bytes | Path, password: bytes | None = None) -> PrivateKey:
    """Load an RSA or EC private key from PEM bytes or a PEM file.

    Raises:
        KPStandardError: the key cannot be read, or is of another kind.
    """
    data = pem.read_bytes() if isinstance(pem, Path) else pem
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except (ValueError, TypeError) as exc:
        raise KPStandardError(f"cannot read the private key: {exc}") from exc
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise KPStandardError(f"{type(key).__name__} keys cannot sign; use RSA or ECDSA")
    return key


def load_certificate(pem: bytes | Path) -> x509.Certificate:
    """Load an X.509 certificate from PEM bytes or a PEM file.

    Raises:
        KPStandardError: the certificate cannot be read.
    """
    data = pem.read_bytes() if isinstance(pem, Path) else pem
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise KPStandardError(f"cannot read the certificate: {exc}") from exc


def describe_certificate(certificate: x509.Certificate) -> str:
    """Name a certificate for a message: its subject, or its SHA-256 fingerprint.

    A certificate taken from a document is untrusted input: cryptography parses its subject only
    when asked, and a malformed one raises. A message must never be what makes a check crash.
    """
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex()
    try:
        subject = certificate.subject.rfc4514_string()
    except Exception:  # whatever the malformed name raises, the fingerprint still names it
        return f"the certificate with SHA-256 fingerprint {fingerprint}"
    return f"{subject} (SHA-256 {fingerprint[:16]}...)"
