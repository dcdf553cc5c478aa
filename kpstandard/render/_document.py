"""What a rendering is made from: a document's bytes read once, its signature checked.

A signed document is rendered from what its signature covers ("see what is signed"), never from
the tree around it; its printout carries the QR verification payload. An unsigned document
renders as a draft, marked so, without a payload. A document whose signature does not hold, or
that is not a schema-valid document, is refused with the findings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.serialization import Encoding

from kpstandard.errors import InvalidDocumentError
from kpstandard.findings import UNSIGNED
from kpstandard.model.meta import DocumentModel
from kpstandard.render._layout import Section, layout
from kpstandard.render._payload import KINDS, PrintPayload
from kpstandard.signature.verify import check_signature
from kpstandard.syntax._json import to_json_value
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation.engine import read, read_tree

__all__ = ["Source", "read_source"]


@dataclass(frozen=True)
class Source:
    """A document ready to render."""

    document_type: DocumentModel
    value: dict[str, Any]
    """The document as its JSON value (what the signature covers, when signed)."""
    section: Section
    signed: bool
    payload: PrintPayload | None
    signer: str | None = None
    """The signer's subject, as the embedded certificate says (not a trust decision)."""
    signer_sha256: str | None = None

    @property
    def number(self) -> str:
        """The document's own number (a confirmation's is its confirmation number)."""
        for member in ("certificateNumber", "confirmationNumber", "noticeNumber"):
            if member in self.value:
                return str(self.value[member])
        return ""


def _issuer(kind: str, value: dict[str, Any]) -> str | None:
    if kind == "kp-certificate":
        return value.get("exportingParticipant")
    if kind == "import-confirmation":
        return value.get("importingParticipant")
    if kind == "certificate-status-notice":
        certificate = value.get("certificate")
        return certificate.get("exportingParticipant") if isinstance(certificate, dict) else None
    if kind == "status-response":
        return value.get("participant")
    return None


def read_source(
    data: bytes, *, status_url: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Source:
    """Read a document to render.

    Raises:
        InvalidDocumentError: not a schema-valid document, or a signature that does not hold.
    """
    check = check_signature(data, limits=limits)
    signed = not any(f.code == UNSIGNED.code for f in check.findings)
    if signed and not check.holds:
        raise InvalidDocumentError(check.findings)
    if signed and check.signed_root is not None:
        parsed = read_tree("xml", check.signed_root)
    else:
        parsed = read(data, limits=limits)
    if parsed.document is None or parsed.document_type is None:
        raise InvalidDocumentError(parsed.findings)
    document_type = parsed.document_type
    value = to_json_value(document_type, parsed.document)
    source = Source(document_type, value, layout(document_type, value), signed, None)
    payload = None
    kind = document_type.json_document_type
    issuer = _issuer(kind, value)
    if signed and kind in KINDS.values() and issuer and source.number:
        payload = PrintPayload.of(kind, issuer, source.number, data, status_url)
    signer = fingerprint = None
    if check.signer is not None:
        try:
            signer = check.signer.subject.rfc4514_string()
            fingerprint = hashlib.sha256(check.signer.public_bytes(Encoding.DER)).hexdigest()
        except Exception:  # an odd embedded certificate only loses its name on the printout
            signer = None
    return Source(document_type, value, source.section, signed, payload, signer, fingerprint)
