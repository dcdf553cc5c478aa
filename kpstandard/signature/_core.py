"""The cryptographic steps of an XML signature under the profile, on one parsed tree.

The profile (:mod:`kpstandard.signature.profile`, checked by :mod:`~kpstandard.signature.verify`
before anything here runs) leaves one shape of signature: exactly one Reference, ``URI=""``,
enveloped-signature then exclusive canonicalization (or enveloped alone, then inclusive
canonicalization as XML Signature 4.4.3.2 says), one X.509 certificate, RSA PKCS#1 v1.5 or
ECDSA. Verifying that shape is four steps, each done by a C library:

1. exclusive c14n of SignedInfo (libxml2, through lxml);
2. the SignatureValue over it, with the certificate's key (OpenSSL, through ``cryptography``);
3. the enveloped-signature transform and the c14n of the whole document (libxml2);
4. its digest, compared with the DigestValue of the Reference just verified (hashlib).

No ID attribute is ever looked up, no URI dereferenced, no XPath evaluated, no other key source
consulted. The design note ``docs/design/signatures.md`` says why this is enough, and
``tests/test_signature_crosscheck.py`` compares it with signxml and libxmlsec1 on every vector.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from lxml import etree

from kpstandard.signature.profile import (
    DSIG_NS,
    DigestMethod,
    SignatureAlgorithm,
    Transform,
)

__all__ = [
    "EC_NS",
    "Mismatch",
    "canonical_document",
    "canonical_element",
    "digest",
    "raw_ecdsa",
    "remove_signature",
    "sign_value",
    "text_of",
    "verify_value",
]

DS = f"{{{DSIG_NS}}}"
EC_NS = "http://www.w3.org/2001/10/xml-exc-c14n#"
_INCLUSIVE_NAMESPACES = f"{{{EC_NS}}}InclusiveNamespaces"

_DIGESTS = {
    DigestMethod.SHA256.value: "sha256",
    DigestMethod.SHA384.value: "sha384",
    DigestMethod.SHA512.value: "sha512",
}
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_METHODS: dict[str, tuple[str, str]] = {
    a.value: ("ecdsa" if a.name.startswith("ECDSA") else "rsa", a.name.rsplit("_", 1)[1].lower())
    for a in SignatureAlgorithm
}
"""Each allowed signature method: (the key family, the hash name)."""

_STRING_VALUE = etree.XPath("string()")


class Mismatch(Exception):
    """A signature method that does not fit the key (an RSA method with an EC key...)."""


@dataclass(frozen=True)
class _Detached:
    """Where the Signature stood, to put it back after the enveloped-signature transform."""

    index: int
    previous: etree._Element | None
    previous_tail: str | None
    parent_text: str | None


def text_of(element: etree._Element) -> str:
    """The text of an element as canonicalization writes it: every text node, no comment or PI.

    The XPath string-value: what c14n outputs for the element's character content, so what is
    read here is what the verified SignedInfo says, whatever comment splits it in the tree.
    An element without child nodes (no element, comment or processing instruction) has one
    text node at most: its ``text``, read without XPath.
    """
    if not len(element):
        return element.text or ""
    return str(_STRING_VALUE(element))


def base64_of(element: etree._Element) -> bytes:
    """The bytes of a base64Binary element (its white space ignored); ValueError if not base64."""
    text = "".join(text_of(element).split())
    return base64.b64decode(text, validate=True)


def inclusive_prefixes(method: etree._Element) -> list[str] | None:
    """The PrefixList of an exclusive-c14n InclusiveNamespaces parameter, when there is one."""
    parameter = method.find(_INCLUSIVE_NAMESPACES)
    if parameter is None or parameter.get("PrefixList") is None:
        return None
    return (parameter.get("PrefixList") or "").split()


def canonical_element(element: etree._Element, prefixes: list[str] | None = None) -> bytes:
    """Exclusive XML canonicalization 1.0, without comments, of an element (and its subtree)."""
    result: bytes = etree.tostring(
        element,
        method="c14n",
        exclusive=True,
        with_comments=False,
        inclusive_ns_prefixes=prefixes,
    )
    return result


def _detach(signature: etree._Element) -> _Detached:
    """Remove the Signature element, keeping the text that follows it (not part of it)."""
    parent = signature.getparent()
    assert parent is not None  # the profile placed it as the root's last child
    previous = signature.getprevious()
    place = _Detached(parent.index(signature), previous, None, parent.text)
    tail = signature.tail
    if previous is not None:
        place = _Detached(place.index, previous, previous.tail, parent.text)
        previous.tail = (previous.tail or "") + (tail or "")
    else:
        parent.text = (parent.text or "") + (tail or "")
    parent.remove(signature)  # lxml takes the tail along; it is kept above
    signature.tail = tail
    return place


def remove_signature(signature: etree._Element) -> None:
    """Remove the Signature element for good, as the enveloped-signature transform does (the
    text that follows it stays)."""
    _detach(signature)


def _reattach(parent: etree._Element, signature: etree._Element, place: _Detached) -> None:
    tail = signature.tail
    if place.previous is not None:
        place.previous.tail = place.previous_tail
    else:
        parent.text = place.parent_text
    parent.insert(place.index, signature)
    signature.tail = tail


def canonical_document(
    root: etree._Element,
    signature: etree._Element,
    transforms: tuple[str, ...],
    prefixes: list[str] | None = None,
) -> bytes:
    """The octets the whole-document Reference digests: the enveloped-signature transform, then
    exclusive c14n (or inclusive c14n when the Reference lists enveloped-signature alone).

    ``URI=""`` is the document without comments [XMLDSig 4.4.3.3]; the canonical form of the root
    element is what the profile's signers and verifiers digest (signxml, and xmlsec1 for a
    document without processing instructions outside the root). The tree is left as it was.
    """
    parent = signature.getparent()
    assert parent is not None
    place = _detach(signature)
    try:
        if Transform.EXCLUSIVE.value in transforms:
            return canonical_element(root, prefixes)
        result: bytes = etree.tostring(root, method="c14n", exclusive=False, with_comments=False)
        return result
    finally:
        _reattach(parent, signature, place)


_CONSTRUCTORS = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}
"""hashlib's own constructors (``hashlib.new`` looks the name up on every call)."""


def digest(method: str, data: bytes) -> bytes:
    """The digest of ``data`` by an allowed DigestMethod URI."""
    return _CONSTRUCTORS[_DIGESTS[method]](data).digest()


def _key_size_bytes(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> int:
    return (key.curve.key_size + 7) // 8


def verify_value(public_key: object, method: str, data: bytes, value: bytes) -> None:
    """Check a SignatureValue over ``data`` with the signer's public key.

    Raises:
        Mismatch: the method is not for this kind of key.
        cryptography.exceptions.InvalidSignature: the value does not verify.
    """
    family, hash_name = _METHODS[method]
    algorithm = _HASHES[hash_name]()
    if family == "rsa":
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise Mismatch("an RSA signature method with a key that is not RSA")
        public_key.verify(value, data, padding.PKCS1v15(), algorithm)
        return
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise Mismatch("an ECDSA signature method with a key that is not EC")
    size = _key_size_bytes(public_key)
    if len(value) != 2 * size:  # XML Signature wants r||s, each as wide as the curve's order
        raise InvalidSignature(f"expected a {2 * size}-byte SignatureValue, got {len(value)}")
    r = int.from_bytes(value[:size], "big")
    s = int.from_bytes(value[size:], "big")
    public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(algorithm))


def raw_ecdsa(der: bytes, key: ec.EllipticCurvePrivateKey) -> bytes:
    """An ECDSA signature as XML Signature writes it: r||s, each as wide as the curve's order."""
    r, s = decode_dss_signature(der)
    size = _key_size_bytes(key)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sign_value(
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, method: str, data: bytes
) -> bytes:
    """The SignatureValue of ``data`` (a canonical SignedInfo) by an allowed method."""
    family, hash_name = _METHODS[method]
    algorithm = _HASHES[hash_name]()
    if isinstance(key, rsa.RSAPrivateKey) and family == "rsa":
        return key.sign(data, padding.PKCS1v15(), algorithm)
    if isinstance(key, ec.EllipticCurvePrivateKey) and family == "ecdsa":
        return raw_ecdsa(key.sign(data, ec.ECDSA(algorithm)), key)
    raise Mismatch(f"{method} does not fit a {type(key).__name__}")
