"""The signature profile of the standard: which algorithms, which transforms, which keys.

Identifiers are Enums whose values are the official XML Security URIs; anything else is refused
[KP-REQ-035, KP-REQ-036]. SHA-1, MD5 and HMAC are absent on purpose.
"""

from __future__ import annotations

import enum

from cryptography.hazmat.primitives.asymmetric import ec, rsa

__all__ = [
    "DSIG_NS",
    "MIN_RSA_BITS",
    "Canonicalization",
    "DigestMethod",
    "SignatureAlgorithm",
    "Transform",
    "key_problem",
]

DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
MIN_RSA_BITS = 2048
ALLOWED_CURVES = ("secp256r1", "secp384r1")


class SignatureAlgorithm(enum.Enum):
    """Signature methods the profile allows."""

    RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
    RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
    ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
    ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
    ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"


class DigestMethod(enum.Enum):
    """Digest methods the profile allows."""

    SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384"
    SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512"


class Canonicalization(enum.Enum):
    """Exclusive canonicalization, without comments: the only one allowed."""

    EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#"


class Transform(enum.Enum):
    """The transforms a Reference may list, in this order."""

    ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#"


ALLOWED_TRANSFORM_LISTS = (
    (Transform.ENVELOPED.value,),
    (Transform.ENVELOPED.value, Transform.EXCLUSIVE.value),
)


def key_problem(public_key: object) -> str | None:
    """Say why a public key is too weak for the profile, or None when it is acceptable."""
    if isinstance(public_key, rsa.RSAPublicKey):
        if public_key.key_size < MIN_RSA_BITS:
            return f"RSA key of {public_key.key_size} bits; at least {MIN_RSA_BITS} are required"
        return None
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if public_key.curve.name not in ALLOWED_CURVES:
            return f"curve {public_key.curve.name}; only P-256 and P-384 are allowed"
        return None
    return f"{type(public_key).__name__} keys are not allowed; use RSA or ECDSA"


def algorithm_for(public_key: object) -> SignatureAlgorithm:
    """The signature algorithm a signer uses with a key: SHA-256, or SHA-384 with P-384."""
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        if public_key.curve.name == "secp384r1":
            return SignatureAlgorithm.ECDSA_SHA384
        return SignatureAlgorithm.ECDSA_SHA256
    return SignatureAlgorithm.RSA_SHA256
