"""Signing documents: an enveloped XML signature over the whole document [KP-REQ-007, KP-REQ-036].

Exclusive canonicalization, SHA-256 (SHA-384 with P-384), the signer's X.509 certificate in
KeyInfo, the Signature as the root's last child. XAdES baseline-B (signing time and the signing
certificate's digest as signed properties) is an option for Participants whose law asks for
advanced electronic signatures.
"""

from __future__ import annotations

import base64
from functools import cache, lru_cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree

from kpstandard.errors import KPStandardError
from kpstandard.model.meta import DocumentModel
from kpstandard.signature import _core
from kpstandard.signature.keys import PrivateKey
from kpstandard.signature.profile import (
    DSIG_NS,
    Canonicalization,
    DigestMethod,
    Transform,
    algorithm_for,
    key_problem,
)
from kpstandard.syntax._xml import to_xml_tree

__all__ = ["check_signing_key", "enveloped_signature", "sign_document"]

DS = f"{{{DSIG_NS}}}"


@cache
def _xades_signer() -> type[Any]:
    """signxml's XAdES signer, with the canonicalization of its extra References stated.

    signxml digests the SignedProperties and the KeyInfo with the signature's canonicalization
    but lists no Transform for them, so verifiers (xmlsec1, signxml itself) apply the default
    inclusive canonicalization and find a digest mismatch. Stating it fixes that. Made on first
    use: signxml is needed only for XAdES, and not loading it keeps the command's start short.
    """
    from signxml.xades.xades import XAdESSigner

    class XAdESSignerWithTransforms(XAdESSigner):
        def _add_reference_to_signed_info(
            self, sig_root: etree._Element, node_to_reference: etree._Element, **attrs: str
        ) -> None:
            super()._add_reference_to_signed_info(  # type: ignore[no-untyped-call]  # untyped
                sig_root, node_to_reference, **attrs
            )
            reference = sig_root.find(f"{{{DSIG_NS}}}SignedInfo")[-1]  # type: ignore[index]
            transforms = etree.Element(f"{{{DSIG_NS}}}Transforms")
            etree.SubElement(transforms, f"{{{DSIG_NS}}}Transform", Algorithm=self.c14n_alg.value)
            reference.insert(0, transforms)

    return XAdESSignerWithTransforms


def _same_key(key: PrivateKey, certificate: x509.Certificate) -> bool:
    mine = key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    theirs = certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return mine == theirs


def check_signing_key(key: PrivateKey, certificate: x509.Certificate) -> None:
    """Refuse a key the profile does not allow, or one that is not the certificate's.

    Raises:
        KPStandardError: the key is weak, of another kind, or does not match the certificate.
    """
    problem = key_problem(certificate.public_key())
    if problem:
        raise KPStandardError(f"the signing key is not allowed: {problem}")
    if not _same_key(key, certificate):
        raise KPStandardError("the private key does not belong to the certificate")


def sign_document(
    document_type: DocumentModel,
    document: Any,
    *,
    key: PrivateKey,
    certificate: x509.Certificate,
    xades: bool = False,
) -> bytes:
    """Sign a document object and return its signed XML form (the signature layer's half of
    issuing: judging the document first is the pipeline's, :func:`kpstandard.sign`).

    The signed form is the document as the standard writes it in XML (indented, as
    :func:`kpstandard.dumps` gives it), with the profile's enveloped signature as the root's last
    child (KP-REQ-036, KP-REQ-040). ``xades`` adds XAdES baseline-B signed properties.
    """
    root = to_xml_tree(document_type, document)
    etree.indent(root, space="  ")
    if xades:
        from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod

        algorithm = SignatureMethod(algorithm_for(certificate.public_key()).value)
        digest = DigestAlgorithm(DigestMethod.SHA256.value)
        c14n = CanonicalizationMethod(Canonicalization.EXCLUSIVE.value)
        signer = _xades_signer()(
            signature_algorithm=algorithm, digest_algorithm=digest, c14n_algorithm=c14n
        )
        root = signer.sign(root, key=key, cert=[certificate], always_add_key_value=False)
    else:
        root.append(enveloped_signature(root, key, certificate))
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return result


def _ds(parent: etree._Element, tag: str, algorithm: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, DS + tag)
    if algorithm is not None:
        element.set("Algorithm", algorithm)
    return element


@lru_cache(maxsize=64)
def _certificate_text(certificate: x509.Certificate) -> str:
    """The DER certificate in base64, in lines of 64 characters (as PEM bodies are written)."""
    pem = certificate.public_bytes(Encoding.PEM).decode("ascii")
    return "".join(line + "\n" for line in pem.splitlines() if not line.startswith("-----"))


def enveloped_signature(
    root: etree._Element, key: PrivateKey, certificate: x509.Certificate
) -> etree._Element:
    """The profile's enveloped signature of a whole document, to append as the root's last child.

    One Reference with ``URI=""``, the enveloped-signature and exclusive c14n transforms, SHA-256,
    the method :func:`~kpstandard.signature.profile.algorithm_for` gives the key, exclusive c14n of
    SignedInfo, the signer's certificate as the only KeyInfo: the same elements, in the same
    order and form, as signxml writes them. ``root`` must not hold a signature yet.
    """
    method = algorithm_for(certificate.public_key()).value
    digest_method = DigestMethod.SHA256.value
    digest_value = _core.digest(digest_method, _core.canonical_element(root))
    signature = etree.Element(DS + "Signature", nsmap={"ds": DSIG_NS})
    signed_info = _ds(signature, "SignedInfo")
    _ds(signed_info, "CanonicalizationMethod", Canonicalization.EXCLUSIVE.value)
    _ds(signed_info, "SignatureMethod", method)
    reference = _ds(signed_info, "Reference")
    reference.set("URI", "")
    transforms = _ds(reference, "Transforms")
    _ds(transforms, "Transform", Transform.ENVELOPED.value)
    _ds(transforms, "Transform", Transform.EXCLUSIVE.value)
    _ds(reference, "DigestMethod", digest_method)
    _ds(reference, "DigestValue").text = base64.b64encode(digest_value).decode("ascii")
    value = _core.sign_value(key, method, _core.canonical_element(signed_info))
    _ds(signature, "SignatureValue").text = base64.b64encode(value).decode("ascii")
    x509_data = _ds(_ds(signature, "KeyInfo"), "X509Data")
    _ds(x509_data, "X509Certificate").text = _certificate_text(certificate)
    return signature
