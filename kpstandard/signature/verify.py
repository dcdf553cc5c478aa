"""Checking a document's XML signature against the profile, failing closed.

Every departure from the profile has its own code, checked before any cryptography: one
Signature, the root's last child, one Reference to the whole document, only the enveloped and
exclusive-canonicalization transforms, allowed algorithms, one X.509 certificate in KeyInfo, a
strong enough key, a ds:Signature valid against the XML Signature schema. Then the signature
value over SignedInfo and the digest of the document are checked on the same parsed tree with
that certificate's key (:mod:`kpstandard.signature._core`); for XAdES, signxml also checks the
signed properties.

What the caller reads afterwards is the content the signature covers: the tree parsed from the
canonical octets the digest was computed over ("see what is signed"), never the tree the bytes
were first parsed into: a comment, a second copy of an element or a wrapped signature cannot
change what is read [KP-REQ-039]. Whether the signer is to be trusted is the trust layer's
question, not this one's. ``docs/design/signatures.md`` gives the reasoning.
"""

from __future__ import annotations

import base64
import binascii
import threading
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes as PublicKey
from lxml import etree

from kpstandard import findings as F
from kpstandard.findings import Code, Finding
from kpstandard.model.meta import DocumentModel, default_model
from kpstandard.signature import _core
from kpstandard.signature.keys import describe_certificate
from kpstandard.signature.profile import (
    ALLOWED_TRANSFORM_LISTS,
    DSIG_NS,
    XADES_NS,
    Canonicalization,
    DigestMethod,
    SignatureAlgorithm,
    Transform,
    key_problem,
)
from kpstandard.syntax._xml import detect_xml_type, hardened_parser, parse_xml, xpath_of
from kpstandard.syntax.detect import detect_syntax
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits

__all__ = ["SignatureCheck", "check_signature"]

DS = f"{{{DSIG_NS}}}"
XADES = f"{{{XADES_NS}}}"
XADES_SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
_CANONICALIZATIONS = frozenset(c.value for c in Canonicalization)
_SIGNATURE_METHODS = frozenset(a.value for a in SignatureAlgorithm)
_DIGEST_METHODS = frozenset(d.value for d in DigestMethod)


@dataclass(frozen=True)
class SignatureCheck:
    """What the signature layer found."""

    findings: tuple[Finding, ...]
    """Empty when the signature holds."""
    signer: x509.Certificate | None = None
    """The certificate whose key verified the signature (not yet trusted: see the trust layer)."""
    signed_bytes: bytes | None = None
    """The document as the signature covers it: the canonical octets the digest was computed
    over (UTF-8, no XML declaration). Read only this, or :attr:`signed_root`."""
    syntax: str | None = None
    """``xml`` or ``json`` as detected from the bytes; None when neither."""
    document_type: str | None = None
    """The document type the root element declares (``kp-certificate``...), when known."""
    signed_root: etree._Element | None = None
    """The root element of what :attr:`signed_bytes` hold, as the binding parser reads them
    (comments and processing instructions dropped), under the same limits as any input: exactly
    what the digest covers (the tree that was canonicalized, without the signature). None when
    the signature does not hold, or when :attr:`signed_bytes` break a
    limit of the input layer (the canonical form declares namespaces where they are used, so it
    can hold more declarations than the bytes given): then read :attr:`signed_bytes` to get the
    input layer's finding."""

    @property
    def holds(self) -> bool:
        return not self.findings and self.signed_bytes is not None


class _Refused(Exception):
    def __init__(self, code: Code, location: str | _LazyLocation, message: str) -> None:
        super().__init__(message)
        self.finding = F.make_finding(code, str(location), message)


@dataclass(frozen=True)
class _LazyLocation:
    """The XPath of an element, written only when a finding needs it (it walks the ancestors)."""

    document: DocumentModel | None
    element: etree._Element

    def __str__(self) -> str:
        return xpath_of(self.document, self.element)


def _only_child(
    parent: etree._Element, tag: str, code: Code, document: DocumentModel | None
) -> etree._Element:
    qualified = DS + tag
    found = [c for c in parent if c.tag == qualified]
    if len(found) != 1:
        raise _Refused(
            code, xpath_of(document, parent), f"expected exactly one ds:{tag}, found {len(found)}"
        )
    return found[0]


def _algorithm(
    element: etree._Element, allowed: frozenset[str], what: str, document: DocumentModel | None
) -> str:
    algorithm = element.get("Algorithm", "")
    if algorithm not in allowed:
        raise _Refused(
            F.FORBIDDEN_ALGORITHM,
            xpath_of(document, element),
            f"{what} {algorithm or '(none)'} is not allowed; allowed: {', '.join(sorted(allowed))}",
        )
    return algorithm


@dataclass(frozen=True)
class _Profiled:
    """A signature that conforms to the profile, and the parts the cryptography reads."""

    signature: etree._Element
    certificate: x509.Certificate
    references: int
    xades: bool
    signed_info: etree._Element
    value: etree._Element
    method: str
    """The SignatureMethod URI, one of :class:`SignatureAlgorithm`."""
    reference: etree._Element
    """The one Reference to the whole document (``URI=""``)."""
    transforms: tuple[str, ...]
    """Its transforms, one of ``ALLOWED_TRANSFORM_LISTS``."""
    public_key: PublicKey
    """The certificate's key, which the profile allows."""
    canonicalization: etree._Element
    """SignedInfo's one CanonicalizationMethod."""
    digest_method: etree._Element
    """The Reference's one DigestMethod."""
    never_valid: bool
    """The certificate is valid at no instant (its notAfter is before its notBefore)."""


def _transforms(reference: etree._Element) -> tuple[str, ...]:
    element = reference.find(DS + "Transforms")
    children = element if element is not None else ()
    return tuple(t.get("Algorithm", "") for t in children if isinstance(t.tag, str))


def _xades_targets(
    signature: etree._Element, key_info: etree._Element, document: DocumentModel | None
) -> dict[str, str | None]:
    """For a XAdES signature: the URIs its extra References may have, with their Type."""
    objects = [c for c in signature if c.tag == DS + "Object"]
    properties = [p for o in objects for p in o if p.tag == XADES + "QualifyingProperties"]
    if len(objects) != 1 or len(properties) != 1 or len(objects[0]) != 1:
        raise _Refused(
            F.UNEXPECTED_SIGNATURE_CONTENT,
            xpath_of(document, signature),
            "a ds:Object may only hold the XAdES QualifyingProperties of this signature",
        )
    signed = properties[0].find(XADES + "SignedProperties")
    identifier = signature.get("Id")
    if not identifier or properties[0].get("Target") != f"#{identifier}" or signed is None:
        raise _Refused(
            F.UNEXPECTED_SIGNATURE_CONTENT,
            xpath_of(document, properties[0]),
            "the QualifyingProperties target another signature, or have no SignedProperties",
        )
    targets: dict[str, str | None] = {f"#{signed.get('Id')}": XADES_SIGNED_PROPERTIES}
    if key_info.get("Id"):
        targets[f"#{key_info.get('Id')}"] = None
    return targets


def _check_xades_reference(
    reference: etree._Element, targets: dict[str, str | None], document: DocumentModel | None
) -> None:
    uri = reference.get("URI", "")
    if uri not in targets or reference.get("Type") != targets[uri]:
        raise _Refused(
            F.REFERENCE_URI,
            xpath_of(document, reference),
            f"a Reference to {uri!r}: besides the whole document, a XAdES signature may refer "
            "only to its own SignedProperties and KeyInfo",
        )
    if _transforms(reference) not in ((), (Canonicalization.EXCLUSIVE.value,)):
        raise _Refused(
            F.TRANSFORMS, xpath_of(document, reference), "only exclusive c14n may transform it"
        )


def _check_profile(root: etree._Element, document: DocumentModel | None) -> _Profiled:
    """Check the signature's structure against the profile; return it and the embedded cert."""
    signatures = list(root.iter(DS + "Signature"))
    if not signatures:
        raise _Refused(F.UNSIGNED, xpath_of(document, root), "the document carries no ds:Signature")
    if len(signatures) > 1:
        raise _Refused(
            F.SIGNATURE_COUNT,
            xpath_of(document, signatures[1]),
            f"{len(signatures)} ds:Signature elements; exactly one is allowed",
        )
    signature = signatures[0]
    trailing = (signature.tail or "").strip()
    if (
        signature.getparent() is not root
        or any(isinstance(node.tag, str) for node in signature.itersiblings())  # an element after
        or trailing
    ):
        raise _Refused(
            F.SIGNATURE_PLACE,
            xpath_of(document, signature),
            "the ds:Signature must be the root's last child",
        )
    allowed_children = [DS + "SignedInfo", DS + "SignatureValue", DS + "KeyInfo"]
    elements = [c for c in signature if isinstance(c.tag, str)]
    children = [c.tag for c in elements]
    xades = children == [*allowed_children, DS + "Object"]
    if children != allowed_children and not xades:
        raise _Refused(
            F.UNEXPECTED_SIGNATURE_CONTENT,
            xpath_of(document, signature),
            "a ds:Signature holds SignedInfo, SignatureValue and KeyInfo, in that order (and "
            "for XAdES, one Object with the signed properties)",
        )
    signed_info, value, key_info = elements[:3]
    if not (value.text or "").strip():
        raise _Refused(
            F.BAD_SIGNATURE_VALUE, xpath_of(document, value), "the SignatureValue is empty"
        )
    canonicalization = _only_child(
        signed_info, "CanonicalizationMethod", F.UNEXPECTED_SIGNATURE_CONTENT, document
    )
    _algorithm(canonicalization, _CANONICALIZATIONS, "canonicalization", document)
    method = _algorithm(
        _only_child(signed_info, "SignatureMethod", F.UNEXPECTED_SIGNATURE_CONTENT, document),
        _SIGNATURE_METHODS,
        "signature method",
        document,
    )
    references = [c for c in signed_info if c.tag == DS + "Reference"]
    targets = _xades_targets(signature, key_info, document) if xades else {}
    whole = [r for r in references if r.get("URI") == ""]
    if not whole and len(references) == 1 + len(targets):
        raise _Refused(
            F.REFERENCE_URI,
            xpath_of(document, references[0]),
            f'the Reference URI is {references[0].get("URI")!r}; it must be "" (the whole '
            "document)",
        )
    if len(whole) != 1 or len(references) > 1 + len(targets):
        raise _Refused(
            F.REFERENCE_COUNT,
            xpath_of(document, signed_info),
            f"{len(references)} ds:Reference elements; exactly one, covering the whole "
            "document, is allowed (with XAdES, also its SignedProperties and KeyInfo)",
        )
    for extra in references:
        if extra is not whole[0]:
            _check_xades_reference(extra, targets, document)
            _algorithm(
                _only_child(extra, "DigestMethod", F.UNEXPECTED_SIGNATURE_CONTENT, document),
                _DIGEST_METHODS,
                "digest method",
                document,
            )
    reference = whole[0]
    if reference.get("URI") != "":
        raise _Refused(
            F.REFERENCE_URI,
            xpath_of(document, reference),
            f'the Reference URI is {reference.get("URI")!r}; it must be "" (the whole document)',
        )
    transforms = _transforms(reference)
    if transforms not in ALLOWED_TRANSFORM_LISTS:
        raise _Refused(
            F.TRANSFORMS,
            xpath_of(document, reference),
            f"transforms {list(transforms)}; only enveloped-signature, then exclusive "
            "c14n, are allowed",
        )
    digest_method = _only_child(reference, "DigestMethod", F.UNEXPECTED_SIGNATURE_CONTENT, document)
    _algorithm(digest_method, _DIGEST_METHODS, "digest method", document)
    x509_data = _only_child(key_info, "X509Data", F.SIGNER_CERTIFICATE, document)
    if [c.tag for c in key_info if isinstance(c.tag, str)] != [DS + "X509Data"]:
        raise _Refused(
            F.UNEXPECTED_SIGNATURE_CONTENT,
            xpath_of(document, key_info),
            "KeyInfo holds one X509Data only",
        )
    certificates = [c for c in x509_data if isinstance(c.tag, str)]
    if len(certificates) != 1 or certificates[0].tag != DS + "X509Certificate":
        raise _Refused(
            F.SIGNER_CERTIFICATE,
            xpath_of(document, x509_data),
            "X509Data holds exactly one X509Certificate, the signer's",
        )
    try:
        certificate, public_key, problem, never_valid = _signer_certificate(
            certificates[0].text or ""
        )
    except (binascii.Error, ValueError, UnsupportedAlgorithm, x509.InvalidVersion) as exc:
        raise _Refused(
            F.SIGNER_CERTIFICATE,
            xpath_of(document, certificates[0]),
            f"unreadable certificate: {exc}",
        ) from exc
    if problem:
        raise _Refused(F.WEAK_KEY, xpath_of(document, certificates[0]), problem)
    return _Profiled(
        signature,
        certificate,
        len(references),
        xades,
        signed_info,
        value,
        method,
        reference,
        transforms,
        public_key,
        canonicalization,
        digest_method,
        never_valid,
    )


@lru_cache(maxsize=256)
def _signer_certificate(text: str) -> tuple[x509.Certificate, PublicKey, str | None, bool]:
    """The certificate in KeyInfo and its key, parsed once per distinct certificate text.

    An authority signs many documents with one certificate: reading it (and the lazily parsed
    parts the trust layer reads: extensions, the key) once is most of what verifying costs in
    Python. The same bytes always give the same certificate, so caching cannot change a verdict;
    a failure is not cached (it raises). What the profile says of the key (:func:`key_problem`,
    a function of the key alone) is kept with it, and whether its validity holds any instant.
    ``text`` is the X509Certificate's text as written (its white space is dropped here).
    """
    der = base64.b64decode("".join(text.split()), validate=True)
    certificate = x509.load_der_x509_certificate(der)
    public_key = certificate.public_key()
    after = certificate.not_valid_after_utc
    never_valid = after < certificate.not_valid_before_utc + timedelta(seconds=1)
    return certificate, public_key, key_problem(public_key), never_valid


def _refusal(
    code: Code, location: str, message: str, document: DocumentModel | None = None
) -> SignatureCheck:
    type_ = document.json_document_type if document else None
    return SignatureCheck(
        (F.make_finding(code, location, message),), syntax="xml", document_type=type_
    )


def _dsig_schema() -> etree.XMLSchema:
    """The W3C XML Signature schema (1.0 with the 1.1 additions) that signxml packages and
    compiles once (its own verifier validates every signature against it)."""
    from signxml.processor import get_schema  # signxml is loaded only when a signature is read

    schema: etree.XMLSchema = get_schema("xmldsig1-schema.xsd")
    return schema


def _schema_problem(signature: etree._Element) -> str | None:
    """What the XML Signature schema says of the ds:Signature (an attribute it does not allow,
    text where none belongs, two equal ``Id``s...), or None when it is valid."""
    schema = _dsig_schema()
    if schema.validate(signature):
        return None
    error: Any = schema.error_log.last_error  # type: ignore[attr-defined]  # lxml-stubs omit it
    return f"{error.message} (line {error.line})"


def _crypto(root: etree._Element, profiled: _Profiled, document: DocumentModel | None) -> bytes:
    """Check the SignatureValue over SignedInfo, then the whole-document digest; return the
    canonical octets the digest covers.

    Raises:
        _Refused: the certificate, the value or the digest does not hold.
    """
    location = _LazyLocation(document, profiled.signature)
    certificate = profiled.certificate
    if profiled.never_valid:
        message = f"{describe_certificate(certificate)} is valid at no instant"
        raise _Refused(F.SIGNER_CERTIFICATE, location, message)
    prefixes = _core.inclusive_prefixes(profiled.canonicalization)
    signed_info = _core.canonical_element(profiled.signed_info, prefixes)
    try:
        value = _core.base64_of(profiled.value)
        _core.verify_value(profiled.public_key, profiled.method, signed_info, value)
    except _core.Mismatch as exc:
        raise _Refused(F.UNEXPECTED_SIGNATURE_CONTENT, location, str(exc)) from exc
    except (ValueError, InvalidSignature) as exc:
        message = f"the signature value does not verify ({exc or 'InvalidSignature'})"
        raise _Refused(F.BAD_SIGNATURE_VALUE, location, message + _der_hint(profiled)) from exc
    # SignedInfo holds: what its Reference says is now the signer's word. Its text is read as
    # c14n wrote it (every text node, no comment): the verified octets, not a split tree.
    reference = profiled.reference
    digest_method = profiled.digest_method
    digest_value = _only_child(reference, "DigestValue", F.UNEXPECTED_SIGNATURE_CONTENT, document)
    transforms = reference.find(DS + "Transforms")
    listed = [] if transforms is None else list(transforms)
    exclusive = [t for t in listed if t.get("Algorithm") == _core.EC_NS]
    prefixes = _core.inclusive_prefixes(exclusive[0]) if exclusive else None
    canonical = _core.canonical_document(root, profiled.signature, profiled.transforms, prefixes)
    try:
        expected = _core.base64_of(digest_value)
    except ValueError as exc:
        raise _Refused(F.BAD_DIGEST, location, f"the DigestValue is not base64: {exc}") from exc
    if _core.digest(digest_method.get("Algorithm", ""), canonical) != expected:
        message = (
            "the document was altered after signing (the digest of the document without its "
            "signature does not match the Reference's DigestValue)"
        )
        raise _Refused(F.BAD_DIGEST, location, message)
    return canonical


def _verify_xades(data: bytes, profiled: _Profiled, document: DocumentModel | None) -> None:
    """XAdES baseline-B: signxml checks the References to the signed properties and KeyInfo (by
    Id) and the signing-certificate digest; the whole-document Reference is already checked.

    Raises:
        _Refused: signxml refuses the signature.
    """
    # signxml is loaded only for XAdES: the plain profile is verified by our own path.
    from signxml.algorithms import DigestAlgorithm as SignxmlDigest
    from signxml.algorithms import SignatureMethod as SignxmlMethod
    from signxml.exceptions import (
        InvalidCertificate,
        InvalidDigest,
        InvalidInput,
        SignXMLException,
    )
    from signxml.exceptions import InvalidSignature as SignxmlInvalidSignature
    from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

    location = xpath_of(document, profiled.signature)
    settings: dict[str, Any] = {
        "require_x509": True,
        "location": "./",
        "expect_references": profiled.references,
        "signature_methods": frozenset(SignxmlMethod(a.value) for a in SignatureAlgorithm),
        "digest_algorithms": frozenset(SignxmlDigest(d.value) for d in DigestMethod),
        # Validity in time is the trust layer's to judge, on the document's own date.
        "verification_time": profiled.certificate.not_valid_before_utc + timedelta(seconds=1),
    }
    try:
        XAdESVerifier().verify(
            data,
            x509_cert=profiled.certificate,
            expect_config=XAdESSignatureConfiguration(**settings),
            parser=_signxml_parser(),
        )
    except InvalidDigest as exc:
        message = f"the document was altered after signing ({exc})"
        raise _Refused(F.BAD_DIGEST, location, message) from exc
    except InvalidCertificate as exc:
        raise _Refused(F.SIGNER_CERTIFICATE, location, str(exc)) from exc
    except SignxmlInvalidSignature as exc:
        message = f"the signature value does not verify ({exc}){_der_hint(profiled)}"
        raise _Refused(F.BAD_SIGNATURE_VALUE, location, message) from exc
    except InvalidInput as exc:
        raise _Refused(F.UNEXPECTED_SIGNATURE_CONTENT, location, str(exc)) from exc
    except (SignXMLException, etree.LxmlError, UnsupportedAlgorithm, ValueError, TypeError) as exc:
        # Fail closed on whatever else signxml or cryptography refuse: never raise, never accept.
        message = f"the signature cannot be processed ({type(exc).__name__}: {exc})"
        raise _Refused(F.UNEXPECTED_SIGNATURE_CONTENT, location, message) from exc


_local = threading.local()


def _signxml_parser() -> etree.XMLParser:
    # signxml parses the bytes again (XAdES only): with a parser as guarded as ours (no DTD, no
    # network, no file, no ID collection), so that both sides read them the same way. One per
    # thread: lxml parsers are not thread-safe.
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = hardened_parser(exact=True)
    return parser


def check_signature(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> SignatureCheck:
    """Check the XML signature of a document's bytes; never raises on bad input.

    The bytes are parsed once (exact: comments and processing instructions kept, as
    canonicalization sees them); the profile, the signature value and the digest are checked on
    that tree, in that order, and the content is handed out as the tree parsed from the
    canonical octets the digest covers (:attr:`SignatureCheck.signed_root`).
    """
    try:
        return _check(data, limits)
    except Exception as exc:  # a bug, not a defect of the document: not judged, never accepted
        return SignatureCheck((F.internal_error(exc, "the signature check"),), syntax="xml")


def _check(data: bytes, limits: Limits) -> SignatureCheck:
    syntax = detect_syntax(data)
    if syntax == "json":
        message = "a JSON document carries no signature: the signed form is XML (KP-REQ-040)"
        return SignatureCheck((F.make_finding(F.UNSIGNED, "", message),), syntax="json")
    root, problems = parse_xml(data, limits, exact=True)
    if root is None:
        return SignatureCheck(tuple(problems), syntax=syntax)
    document, _ = detect_xml_type(default_model(), root)
    try:
        profiled = _check_profile(root, document)
        problem = _schema_problem(profiled.signature)
        if problem:
            location = xpath_of(document, profiled.signature)
            message = f"the signature breaks the XML Signature schema: {problem}"
            raise _Refused(F.UNEXPECTED_SIGNATURE_CONTENT, location, message)
        canonical = _crypto(root, profiled, document)
        if profiled.xades:
            _verify_xades(data, profiled, document)
    except _Refused as refused:
        return _refusal_of(refused.finding, document)
    signed_root = _signed_tree(root, profiled, canonical, limits)
    type_ = document.json_document_type if document else None
    return SignatureCheck((), profiled.certificate, canonical, "xml", type_, signed_root)


def _signed_tree(
    root: etree._Element, profiled: _Profiled, canonical: bytes, limits: Limits
) -> etree._Element | None:
    """What the content layers read: the tree whose canonical form the digest covers, as the
    binding parser would read those octets (comments and processing instructions dropped).

    The tree just canonicalized is the one handed out, not a second parse of its octets: the
    Signature is removed as the enveloped-signature transform removed it, comments and processing
    instructions are removed (their tails kept, so a split value is read whole, as c14n wrote it),
    and, after exclusive c14n, namespace declarations that nothing uses (which c14n did not write).
    What stays is what c14n serialized: the same elements, attributes and text. Where the octets
    break a limit the tree did not (c14n can lengthen a document and declares namespaces where
    they are used), they are parsed as before, so that the input layer reports it.
    """
    if len(canonical) > limits.max_bytes or canonical.count(b"xmlns") > limits.max_namespaces:
        signed_root, _ = parse_xml(canonical, limits)
        return signed_root
    _core.remove_signature(profiled.signature)
    tree = root.getroottree()  # with what stands beside the root element: c14n wrote none of it
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    if Transform.EXCLUSIVE.value in profiled.transforms:
        transforms = profiled.reference.find(DS + "Transforms")
        listed = [] if transforms is None else list(transforms)
        exclusive = [t for t in listed if t.get("Algorithm") == _core.EC_NS]
        keep = _core.inclusive_prefixes(exclusive[0]) if exclusive else None
        etree.cleanup_namespaces(root, keep_ns_prefixes=keep)
    return root


def _refusal_of(finding: Finding, document: DocumentModel | None) -> SignatureCheck:
    type_ = document.json_document_type if document else None
    return SignatureCheck((finding,), syntax="xml", document_type=type_)


def _der_hint(profiled: _Profiled) -> str:
    """A hint when an ECDSA signature value looks DER-encoded: XML Signature wants r||s."""
    value = profiled.signature.find(DS + "SignatureValue")
    text = "".join((value.text or "").split()) if value is not None else ""
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return ""
    method = profiled.signature.find(f"{DS}SignedInfo/{DS}SignatureMethod")
    ecdsa = method is not None and "ecdsa" in method.get("Algorithm", "")
    looks_der = len(raw) > 8 and raw[0] == 0x30 and raw[1] + 2 == len(raw) and raw[2] == 0x02
    if ecdsa and looks_der:
        return (
            "; the value looks DER-encoded: an ECDSA SignatureValue is the raw r||s "
            "concatenation (RFC 4050, XML Signature 1.1), not DER"
        )
    return ""
