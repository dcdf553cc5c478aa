"""The protocol's profile of HTTP Message Signatures (RFC 9421): one signature, fixed components.

A node signs every request with the key of a certificate that the Authority Trust List lists for
its exchange node (KP-BG-052), and the receiver verifies it against the list [KP-REQ-101]. Like
:mod:`kpstandard.signature.profile` for XML signatures, the profile is closed, and a request
outside it is refused before any cryptography:

- exactly one signature, labelled ``kp``, in ``Signature-Input`` and ``Signature``;
- the covered components, in this order: ``"@method" "@path" "@query" "content-digest"
  "kp-sender" "kp-receiver"``, then for a delivery ``"kp-message-id" "kp-document-type"``;
- the parameters, in this order: ``created`` (an integer), ``keyid`` (the base64url SHA-256
  thumbprint of the certificate's DER, unpadded), ``nonce`` (unique per key), ``alg``
  (``ecdsa-p256-sha256`` or ``rsa-pss-sha512``, RFC 9421 section 3.3) and ``tag="kp-exchange"``;
- ``Content-Digest`` (RFC 9530) with ``sha-256``, for every request, the empty body included.

Why a closed profile written here rather than a general RFC 9421 library: a general library
accepts what the profile must refuse (other components, algorithms, several signatures), and the
profile is a hundred lines of plain code over ``cryptography``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard.exchange._codes import Refusal
from kpstandard.signature.keys import PrivateKey

__all__ = [
    "BASE_COMPONENTS",
    "DELIVERY_COMPONENTS",
    "SignatureError",
    "SignedRequest",
    "content_digest",
    "key_id",
    "sign_request",
    "signature_base",
    "verify_signature",
]

BASE_COMPONENTS = ("@method", "@path", "@query", "content-digest", "kp-sender", "kp-receiver")
DELIVERY_COMPONENTS = (*BASE_COMPONENTS, "kp-message-id", "kp-document-type")
TAG = "kp-exchange"

_INPUT = re.compile(
    r'kp=\((?P<components>(?:"[a-z@-]+" ?)+)\);created=(?P<created>[0-9]{1,12});'
    r'keyid="(?P<keyid>[A-Za-z0-9_-]{43})";nonce="(?P<nonce>[A-Za-z0-9_-]{16,64})";'
    r'alg="(?P<alg>ecdsa-p256-sha256|rsa-pss-sha512)";tag="kp-exchange"'
)
_SIGNATURE = re.compile(r"kp=:(?P<value>[A-Za-z0-9+/]{40,1400}={0,2}):")


class SignatureError(Exception):
    """A request outside the profile or whose signature does not verify."""

    def __init__(self, refusal: Refusal, detail: str) -> None:
        super().__init__(detail)
        self.refusal = refusal
        self.detail = detail


@dataclass(frozen=True)
class SignedRequest:
    """What a verified signature says about its request."""

    key_id: str
    created: int
    nonce: str
    components: tuple[str, ...]


def key_id(certificate: x509.Certificate) -> str:
    """The ``keyid`` of a node certificate: the base64url SHA-256 of its DER, unpadded."""
    digest = hashlib.sha256(certificate.public_bytes(Encoding.DER)).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def content_digest(body: bytes) -> str:
    """The ``Content-Digest`` field value (RFC 9530) of a body, with sha-256."""
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"


def _component(name: str, method: str, path: str, query: str, headers: Mapping[str, str]) -> str:
    if name == "@method":
        return method.upper()
    if name == "@path":
        return path or "/"
    if name == "@query":
        return "?" + query
    value = headers.get(name)
    if value is None:
        raise SignatureError(Refusal.BAD_ENVELOPE, f"the header {name} is missing")
    return value.strip()


def signature_base(
    components: tuple[str, ...],
    params: str,
    *,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
) -> bytes:
    """The signature base (RFC 9421 section 2.5) of a request; ``headers`` keyed in lower case."""
    lines = [f'"{name}": {_component(name, method, path, query, headers)}' for name in components]
    lines.append(f'"@signature-params": {params}')
    text = "\n".join(lines)
    if not text.isascii() or "\r" in text or text.count("\n") != len(components):
        raise SignatureError(Refusal.BAD_ENVELOPE, "a covered value is not one line of ASCII")
    return text.encode("ascii")


def _algorithm(key: PrivateKey | object) -> str:
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        if key.curve.name != "secp256r1":
            raise SignatureError(Refusal.BAD_SIGNATURE, "ECDSA keys must be on P-256")
        return "ecdsa-p256-sha256"
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        if key.key_size < 2048:
            raise SignatureError(Refusal.BAD_SIGNATURE, "RSA keys must have at least 2048 bits")
        return "rsa-pss-sha512"
    raise SignatureError(Refusal.BAD_SIGNATURE, "the key is neither ECDSA P-256 nor RSA")


def sign_request(
    *,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    key: PrivateKey,
    certificate: x509.Certificate,
    created: int,
    nonce: str,
) -> dict[str, str]:
    """The headers to add to a request: ``Content-Digest``, ``Signature-Input``, ``Signature``.

    ``headers`` (lower-case names) must hold ``kp-sender`` and ``kp-receiver``, and for a
    delivery ``kp-message-id`` and ``kp-document-type``: then the delivery components are signed.
    """
    alg = _algorithm(key)
    digest = content_digest(body)
    covered = DELIVERY_COMPONENTS if "kp-message-id" in headers else BASE_COMPONENTS
    names = " ".join(f'"{name}"' for name in covered)
    params = (
        f'({names});created={created};keyid="{key_id(certificate)}";nonce="{nonce}";'
        f'alg="{alg}";tag="{TAG}"'
    )
    base = signature_base(
        covered,
        params,
        method=method,
        path=path,
        query=query,
        headers={**headers, "content-digest": digest},
    )
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(base, ec.ECDSA(hashes.SHA256())))
        raw = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    else:
        raw = key.sign(base, padding.PSS(padding.MGF1(hashes.SHA512()), 64), hashes.SHA512())
    return {
        "content-digest": digest,
        "signature-input": "kp=" + params,
        "signature": "kp=:" + base64.b64encode(raw).decode("ascii") + ":",
    }


def parse_signature_input(headers: Mapping[str, str]) -> tuple[str, re.Match[str], bytes]:
    """Check the form of the signature headers; return the params, their parts and the raw
    signature. Raises :class:`SignatureError` (KP-EX-001, KP-EX-002)."""
    given = headers.get("signature-input")
    signature = headers.get("signature")
    if given is None and signature is None:
        raise SignatureError(Refusal.UNSIGNED, "no Signature-Input and Signature headers")
    if given is None or signature is None:
        raise SignatureError(Refusal.BAD_SIGNATURE, "Signature-Input and Signature go together")
    matched = _INPUT.fullmatch(given.strip())
    value = _SIGNATURE.fullmatch(signature.strip())
    if matched is None or value is None:
        raise SignatureError(
            Refusal.BAD_SIGNATURE,
            "the signature is outside the profile (one signature labelled kp, fixed parameters)",
        )
    names = tuple(name.strip('"') for name in matched["components"].split())
    if names not in (BASE_COMPONENTS, DELIVERY_COMPONENTS):
        raise SignatureError(
            Refusal.BAD_SIGNATURE, "the covered components are not those of the profile"
        )
    try:
        raw = base64.b64decode(value["value"], validate=True)
    except ValueError as exc:
        raise SignatureError(Refusal.BAD_SIGNATURE, "the signature is not base64") from exc
    return given.strip()[len("kp=") :], matched, raw


def verify_signature(
    *,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes,
    certificate: x509.Certificate,
) -> SignedRequest:
    """Verify a request's signature with the node certificate its ``keyid`` names.

    The caller has looked the certificate up (by :func:`key_id`) on the trust list, and checks
    ``created`` and ``nonce`` itself (window, replay). Raises :class:`SignatureError`.
    """
    params, matched, raw = parse_signature_input(headers)
    if headers.get("content-digest", "").strip() != content_digest(body):
        raise SignatureError(Refusal.DIGEST_MISMATCH, "the body does not match Content-Digest")
    if matched["keyid"] != key_id(certificate):
        raise SignatureError(Refusal.UNKNOWN_KEY, "the keyid is not this certificate's")
    public = certificate.public_key()
    if matched["alg"] != _algorithm(public):
        raise SignatureError(Refusal.BAD_SIGNATURE, "alg does not match the certificate's key")
    components = tuple(name.strip('"') for name in matched["components"].split())
    base = signature_base(
        components, params, method=method, path=path, query=query, headers=headers
    )
    try:
        if isinstance(public, ec.EllipticCurvePublicKey):
            if len(raw) != 64:
                raise InvalidSignature
            der = encode_dss_signature(
                int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
            )
            public.verify(der, base, ec.ECDSA(hashes.SHA256()))
        elif isinstance(public, rsa.RSAPublicKey):
            public.verify(
                raw, base, padding.PSS(padding.MGF1(hashes.SHA512()), 64), hashes.SHA512()
            )
        else:  # pragma: no cover - _algorithm refused it
            raise InvalidSignature
    except InvalidSignature as exc:
        raise SignatureError(Refusal.BAD_SIGNATURE, "the signature does not verify") from exc
    return SignedRequest(matched["keyid"], int(matched["created"]), matched["nonce"], components)
