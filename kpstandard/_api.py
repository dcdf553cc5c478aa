"""The library's entry points: load, dump, convert, validate."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.model.meta import DocumentModel, default_model
from kpstandard.signature.trustlist import TrustList
from kpstandard.syntax._json import dump_json
from kpstandard.syntax._xml import dump_xml
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation.engine import read, validate_bytes
from kpstandard.validation.findings import DocumentReport

Syntax = Literal["json", "xml"]


def document_type_of(document: Any) -> DocumentModel:
    """Return the document type of a document object (a KPCertificate, an ImportConfirmation...).

    Raises:
        KPStandardError: the object is not a document of the standard.
    """
    name = type(document).__name__
    for candidate in default_model().documents:
        if candidate.name == name:
            return candidate
    raise KPStandardError(f"{name} is not a document type of the standard")


def load(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Read a document from JSON or XML bytes (the syntax is detected from the content).

    The bytes pass the input and schema layers first, so what is returned is a valid document of its
    type, with Decimal carats and amounts and date objects.

    Raises:
        InvalidDocumentError: the bytes are not a schema-valid document; ``.findings`` says why.
    """
    parsed = read(data, limits=limits)
    if parsed.document is None:
        raise InvalidDocumentError(parsed.findings)
    return parsed.document


def dumps(document: Any, syntax: Syntax) -> bytes:
    """Serialize a document object as ``json`` or ``xml`` (UTF-8 bytes)."""
    document_type = document_type_of(document)
    if syntax == "json":
        return dump_json(document_type, document)
    if syntax == "xml":
        return dump_xml(document_type, document)
    raise KPStandardError(f"unknown syntax {syntax!r}; expected 'json' or 'xml'")


def convert(data: bytes, to: Syntax, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Convert a valid document from one syntax to the other, losslessly.

    Raises:
        InvalidDocumentError: the input is not a schema-valid document.
    """
    return dumps(load(data, limits=limits), to)


def validate(
    data: bytes,
    *,
    at: datetime.date | None = None,
    certificate: bytes | None = None,
    trust_list: TrustList | None = None,
    verification_time: datetime.datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentReport:
    """Validate a document's bytes through every layer and report every finding.

    Never raises on bad input: every defect is a finding with a stable code.

    Args:
        data: the document, JSON or XML (detected from the content).
        at: judge the code lists as of this date (default: the document's date of issue).
        certificate: for an import confirmation, the exact bytes of the certificate it confirms;
            without them the rules that compare the two do not run, and the report says so.
        trust_list: a trust list verified with :func:`load_trust_list`; with it the signature,
            trust and time layers run, and every layer reads only what the signature covers.
        verification_time: the instant the time layer judges at (default: now).
    """
    return validate_bytes(
        data,
        at=at,
        certificate=certificate,
        trust_list=trust_list,
        verification_time=verification_time,
        limits=limits,
    )


def verify(
    data: bytes,
    *,
    trust_list: TrustList,
    verification_time: datetime.datetime | None = None,
    certificate: bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentReport:
    """Verify a signed document against a trust list, then validate what the signature covers.

    The report's ``document`` is the verified content, parsed from the signed bytes, and only
    when the signature holds ("see what is signed").

    Warning:
        Load the trust list with :func:`load_trust_list` and the operator certificate you pin;
        a certificate embedded in a document is never trusted by itself.
    """
    return validate_bytes(
        data,
        certificate=certificate,
        trust_list=trust_list,
        verification_time=verification_time,
        limits=limits,
    )
