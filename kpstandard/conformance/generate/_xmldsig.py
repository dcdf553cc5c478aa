"""A small, deterministic XML signature maker for the signature and issuance vectors.

The vectors need signatures that the reference signer refuses to make (SHA-1, MD5, HMAC, inclusive
canonicalization, extra transforms and references, a key that is too weak) and that are
nevertheless *cryptographically valid*: a verifier that does not enforce the profile accepts
them, which is what such a vector catches. They must also regenerate byte for byte, so this maker
uses only deterministic primitives: RSASSA-PKCS1-v1_5, ECDSA with RFC 6979 nonces, HMAC, fixed
Ids and a fixed XAdES signing time. It is written from the W3C XML Signature recommendation,
independently of the reference implementation's signer (signxml), and every positive vector it
makes is verified by xmlsec1 in ``kpcert conformance check``.

TEST ONLY: the keys it signs with are the test PKI's (examples/pki) and keys derived here from
fixed seeds, whose private parts anyone can recompute.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeAlias, cast

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

__all__ = [
    "C14N",
    "C14N_WITH_COMMENTS",
    "DIGEST",
    "DS_NS",
    "ENVELOPED",
    "EXC_C14N",
    "EXC_C14N_WITH_COMMENTS",
    "SIGNATURE",
    "XADES_NS",
    "XPATH",
    "Reference",
    "SigningKey",
    "Xades",
    "derived_rsa_key",
    "sign_enveloped",
]

DS_NS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
DS = f"{{{DS_NS}}}"
XADES = f"{{{XADES_NS}}}"

ENVELOPED = f"{DS_NS}enveloped-signature"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
EXC_C14N_WITH_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_WITH_COMMENTS = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"
XPATH_NOT_SIGNATURE = "not(ancestor-or-self::ds:Signature)"
"""The XPath filter that does what the enveloped-signature transform does."""

_MORE = "http://www.w3.org/2001/04/xmldsig-more#"
DIGEST = {
    "sha1": (f"{DS_NS}sha1", "sha1"),
    "md5": (f"{_MORE}md5", "md5"),
    "sha256": ("http://www.w3.org/2001/04/xmlenc#sha256", "sha256"),
    "sha384": (f"{_MORE}sha384", "sha384"),
    "sha512": ("http://www.w3.org/2001/04/xmlenc#sha512", "sha512"),
}
"""Digest methods by short name: (the algorithm URI, the hashlib name)."""

SIGNATURE = {
    "rsa-sha1": f"{DS_NS}rsa-sha1",
    "rsa-sha256": f"{_MORE}rsa-sha256",
    "rsa-sha384": f"{_MORE}rsa-sha384",
    "rsa-sha512": f"{_MORE}rsa-sha512",
    "ecdsa-sha256": f"{_MORE}ecdsa-sha256",
    "ecdsa-sha384": f"{_MORE}ecdsa-sha384",
    "ecdsa-sha512": f"{_MORE}ecdsa-sha512",
    "hmac-sha1": f"{DS_NS}hmac-sha1",
    "hmac-sha256": f"{_MORE}hmac-sha256",
}
"""Signature methods by short name."""

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}

PrivateKey: TypeAlias = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class SigningKey:
    """A private key (or an HMAC secret) and the certificate that goes into KeyInfo."""

    key: PrivateKey | bytes
    certificate: x509.Certificate

    def default_method(self) -> str:
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            return "ecdsa-sha384" if self.key.curve.name == "secp384r1" else "ecdsa-sha256"
        return "rsa-sha256"


@dataclass(frozen=True)
class Reference:
    """One ds:Reference: its URI, transforms and digest method."""

    uri: str = ""
    transforms: tuple[str, ...] = (ENVELOPED, EXC_C14N)
    digest: str = "sha256"
    type: str | None = None


@dataclass(frozen=True)
class Xades:
    """XAdES baseline-B signed properties: a fixed signing time and the signer's certificate."""

    signing_time: str
    with_key_info_reference: bool = True


@dataclass(frozen=True)
class _Plan:
    method: str
    c14n: str
    references: tuple[Reference, ...]
    certificates: tuple[bytes, ...]
    extra_key_info: tuple[etree._Element, ...] = field(default=())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64_lines(data: bytes) -> str:
    """Base64 in lines of 64 characters, as PEM bodies (and most signers) write certificates."""
    text = _b64(data)
    return "".join(text[i : i + 64] + "\n" for i in range(0, len(text), 64))


def _remove(element: etree._Element) -> None:
    """Remove an element from its parent, keeping its tail text (which is not part of it)."""
    parent = element.getparent()
    assert parent is not None
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _path(element: etree._Element) -> list[int]:
    steps = []
    while (parent := element.getparent()) is not None:
        steps.append(parent.index(element))
        element = parent
    return steps[::-1]


def _follow(root: etree._Element, steps: list[int]) -> etree._Element:
    for step in steps:
        root = root[step]
    return root


def _canonical(element: etree._Element, algorithm: str) -> bytes:
    exclusive = algorithm in (EXC_C14N, EXC_C14N_WITH_COMMENTS)
    comments = algorithm in (EXC_C14N_WITH_COMMENTS, C14N_WITH_COMMENTS)
    result: bytes = etree.tostring(
        element, method="c14n", exclusive=exclusive, with_comments=comments
    )
    return result


def _digest_input(root: etree._Element, signature: etree._Element, reference: Reference) -> bytes:
    """The octets a Reference digests: its URI's node set through its transforms."""
    if reference.uri in ("", "#xpointer(/)"):
        document = copy.deepcopy(root)
        target = document
        own = _follow(document, _path(signature))
    else:  # a same-document reference by Id, canonicalized where it stands
        wanted = reference.uri.removeprefix("#")
        found = [e for e in root.iter() if e.get("Id") == wanted]
        assert len(found) == 1, reference.uri
        target, own = found[0], signature
    c14n = C14N  # a node set left over at the end is canonicalized inclusively [XMLDSig 4.4.3.2]
    for transform in reference.transforms:
        if transform == ENVELOPED:
            _remove(own)
        elif transform == XPATH:
            for other in list(target.iter(f"{DS}Signature")):
                _remove(other)
        else:
            c14n = transform
    if reference.uri == "" and c14n in (EXC_C14N_WITH_COMMENTS, C14N_WITH_COMMENTS):
        c14n = EXC_C14N if c14n == EXC_C14N_WITH_COMMENTS else C14N  # "" drops comments
    return _canonical(target, c14n)


def _sign_bytes(key: PrivateKey | bytes, method: str, data: bytes) -> bytes:
    name = method.rsplit("-", 1)[1]
    if method.startswith("hmac-"):
        assert isinstance(key, bytes)
        return hmac.new(key, data, name).digest()
    algorithm = _HASHES[name]()
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), algorithm)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    der = key.sign(data, ec.ECDSA(algorithm, deterministic_signing=True))
    r, s = decode_dss_signature(der)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")  # XMLDSig: r || s, not DER


def _element(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    child = etree.SubElement(parent, tag, attrib)
    if text is not None:
        child.text = text
    return child


def _reference(signed_info: etree._Element, reference: Reference) -> etree._Element:
    attributes = {"URI": reference.uri}
    if reference.type:
        attributes["Type"] = reference.type
    element = _element(signed_info, f"{DS}Reference", **attributes)
    if reference.transforms:
        transforms = _element(element, f"{DS}Transforms")
        for algorithm in reference.transforms:
            transform = _element(transforms, f"{DS}Transform", Algorithm=algorithm)
            if algorithm == XPATH:
                _element(transform, f"{DS}XPath", XPATH_NOT_SIGNATURE)
    _element(element, f"{DS}DigestMethod", Algorithm=DIGEST[reference.digest][0])
    _element(element, f"{DS}DigestValue")
    return element


def _xades_object(
    signature: etree._Element, certificate: x509.Certificate, xades: Xades, signature_id: str
) -> str:
    """Add the XAdES QualifyingProperties; return the Id of their SignedProperties."""
    holder = _element(signature, f"{DS}Object")
    properties = etree.SubElement(
        holder,
        f"{XADES}QualifyingProperties",
        {"Target": f"#{signature_id}"},
        nsmap={"xades": XADES_NS},
    )
    signed_id = f"{signature_id}-SignedProperties"
    signed = _element(properties, f"{XADES}SignedProperties", Id=signed_id)
    signature_properties = _element(signed, f"{XADES}SignedSignatureProperties")
    _element(signature_properties, f"{XADES}SigningTime", xades.signing_time)
    cert = _element(_element(signature_properties, f"{XADES}SigningCertificateV2"), f"{XADES}Cert")
    digest = _element(cert, f"{XADES}CertDigest")
    _element(digest, f"{DS}DigestMethod", Algorithm=DIGEST["sha256"][0])
    _element(
        digest,
        f"{DS}DigestValue",
        _b64(hashlib.sha256(certificate.public_bytes(Encoding.DER)).digest()),
    )
    return signed_id


def sign_enveloped(
    root: etree._Element,
    signer: SigningKey,
    *,
    method: str | None = None,
    c14n: str = EXC_C14N,
    references: Sequence[Reference] = (Reference(),),
    certificates: Sequence[x509.Certificate] | None = None,
    certificate_text: str | None = None,
    key_info: bool = True,
    key_info_id: str | None = None,
    position: int | None = None,
    parent: etree._Element | None = None,
    prefix: str | None = "ds",
    xades: Xades | None = None,
    signature_id: str = "Signature-1",
    tail: str | None = None,
) -> etree._Element:
    """Sign ``root`` in place with an enveloped signature; return the ds:Signature element.

    Args:
        signer: the key and the certificate that KeyInfo carries.
        method: the signature method's short name (``rsa-sha256``...; default: the key's).
        c14n: the canonicalization of SignedInfo.
        references: the References, in order (URI ``""`` is the whole document).
        certificates: the X509Certificates in KeyInfo (default: the signer's); ``certificate_text``
            replaces their content with that text (an unreadable certificate).
        key_info: whether there is a KeyInfo at all; ``key_info_id`` gives it an Id.
        position: where among the root's children the signature goes (default: last).
        parent: put the signature in this element instead of the root (it still signs the whole
            document).
        prefix: the signature namespace's prefix (None: the default namespace).
        xades: XAdES signed properties to add (and to reference).
        tail: text after the signature (whitespace, a comment's neighbour), signed with the rest.
    """
    method = method or signer.default_method()
    nsmap = cast(dict[str, str], {prefix: DS_NS})  # lxml takes None for the default namespace
    signature = etree.Element(f"{DS}Signature", nsmap=nsmap)
    if xades is not None:
        signature.set("Id", signature_id)
    signature.tail = tail
    holder = root if parent is None else parent
    if position is None:
        holder.append(signature)
    else:
        holder.insert(position, signature)
    signed_info = _element(signature, f"{DS}SignedInfo")
    _element(signed_info, f"{DS}CanonicalizationMethod", Algorithm=c14n)
    _element(signed_info, f"{DS}SignatureMethod", Algorithm=SIGNATURE[method])
    all_references = list(references)
    value = _element(signature, f"{DS}SignatureValue")
    if key_info:
        info = _element(signature, f"{DS}KeyInfo")
        if key_info_id:
            info.set("Id", key_info_id)
        data = _element(info, f"{DS}X509Data")
        for certificate in certificates if certificates is not None else [signer.certificate]:
            text = certificate_text or _b64_lines(certificate.public_bytes(Encoding.DER))
            _element(data, f"{DS}X509Certificate", text)
    if xades is not None:
        signed_id = _xades_object(signature, signer.certificate, xades, signature_id)
        all_references.append(
            Reference(
                f"#{signed_id}",
                (EXC_C14N,),
                type="http://uri.etsi.org/01903#SignedProperties",
            )
        )
        if xades.with_key_info_reference and key_info:
            info.set("Id", f"{signature_id}-KeyInfo")
            all_references.append(Reference(f"#{signature_id}-KeyInfo", (EXC_C14N,)))
    elements = [_reference(signed_info, r) for r in all_references]
    for reference, element in zip(all_references, elements, strict=True):
        digest = hashlib.new(DIGEST[reference.digest][1], _digest_input(root, signature, reference))
        element.find(f"{DS}DigestValue").text = _b64(digest.digest())  # type: ignore[union-attr]
    value.text = _b64(_sign_bytes(signer.key, method, _canonical(signed_info, c14n)))
    return signature


# --- keys derived from fixed seeds ---------------------------------------------------------------


def _probable_prime(candidate: int, rng: random.Random, rounds: int = 40) -> bool:
    if candidate < 4:
        return candidate in (2, 3)
    for small in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if candidate % small == 0:
            return candidate == small
    d, r = candidate - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, candidate - 2), d, candidate)
        if x in (1, candidate - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, candidate)
            if x == candidate - 1:
                break
        else:
            return False
    return True


def _prime(rng: random.Random, bits: int, exponent: int) -> int:
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1  # top two bits: n has 2*bits
        if (candidate - 1) % exponent and _probable_prime(candidate, rng):
            return candidate


def derived_rsa_key(seed: str, bits: int) -> rsa.RSAPrivateKey:
    """An RSA key derived from a seed: the same seed gives the same key, on every machine.

    TEST ONLY: anyone can derive the private key from the seed. Used for the key that is too weak
    (RSA-1024), which the test PKI does not have and which a random generator would make anew
    each time.
    """
    rng = random.Random(seed)  # a reproducible test key, never a secret
    exponent = 65537
    p = _prime(rng, bits // 2, exponent)
    q = _prime(rng, bits // 2, exponent)
    if p < q:
        p, q = q, p
    d = pow(exponent, -1, (p - 1) * (q - 1))
    public = rsa.RSAPublicNumbers(exponent, p * q)
    numbers = rsa.RSAPrivateNumbers(
        p,
        q,
        d,
        rsa.rsa_crt_dmp1(d, p),
        rsa.rsa_crt_dmq1(d, q),
        rsa.rsa_crt_iqmp(p, q),
        public,
    )
    return numbers.private_key()
