"""The library's entry points: load, dump, convert, validate, verify, sign, load a trust list.

Each is a boundary that keeps its promise whatever the input: a defect in a document is a finding,
misuse of the library a :class:`~kpstandard.errors.KPStandardError`, and an exception nobody
expected (a bug) becomes the internal-error finding KP-X-001, "not judged", never "valid" and
never a crash of the caller's batch. The guard is one decorator, so no entry point can forget it.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NoReturn, ParamSpec, TypeVar, cast

from kpstandard import pipeline
from kpstandard import status as _status
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import (
    DocumentReport,
    Finding,
    Layer,
    internal_error,
    internal_error_report,
)
from kpstandard.model import CertificateStatusNotice, KPCertificate
from kpstandard.model.meta import DocumentModel, default_model
from kpstandard.status import CertificateState
from kpstandard.syntax._json import dump_json
from kpstandard.syntax._xml import dump_xml
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits
from kpstandard.validation.engine import read

if TYPE_CHECKING:
    from kpstandard.signature.trustlist import TrustList

__all__ = [
    "convert",
    "document_type_of",
    "dumps",
    "load",
    "load_trust_list",
    "sign",
    "status_of",
    "validate",
    "verify",
]

Syntax = Literal["json", "xml"]
P = ParamSpec("P")
T = TypeVar("T")


def _boundary(
    on_error: Callable[[Exception, str], object],
) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Guard an entry point: what the library raises on purpose passes; anything else is handed
    to ``on_error`` (with the entry point's name), which answers in the entry point's own terms
    (a report, a result of the entry point's type) or raises the entry point's own exception."""

    def decorate(function: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            try:
                return function(*args, **kwargs)
            except KPStandardError:
                raise
            except Exception as exc:  # the promise of the boundary: see the module docstring
                return cast(T, on_error(exc, function.__name__))

        return guarded

    return decorate


def _report(exc: Exception, where: str) -> DocumentReport:
    return internal_error_report(exc, where)


def _signed_report(exc: Exception, where: str) -> DocumentReport:
    return internal_error_report(
        exc, where, layers=[layer for layer in Layer if layer.value != "processing"]
    )


def _refuse(exc: Exception, where: str) -> NoReturn:
    raise InvalidDocumentError([internal_error(exc, where)]) from exc


def _misuse(exc: Exception, where: str) -> NoReturn:
    raise KPStandardError(f"{where}: {type(exc).__name__}: {exc}") from exc


def _no_trust_list(exc: Exception, where: str) -> tuple[TrustList | None, list[Finding]]:
    return None, [internal_error(exc, where)]


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


@_boundary(_refuse)
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


@_boundary(_misuse)
def dumps(document: Any, syntax: Syntax) -> bytes:
    """Serialize a document object as ``json`` or ``xml`` (UTF-8 bytes).

    Raises:
        KPStandardError: the object is not a document of the standard, or holds a value its type
            cannot have (a float where a Decimal belongs, say).
    """
    document_type = document_type_of(document)
    if syntax == "json":
        return dump_json(document_type, document)
    if syntax == "xml":
        return dump_xml(document_type, document)
    raise KPStandardError(f"unknown syntax {syntax!r}; expected 'json' or 'xml'")


@_boundary(_refuse)
def convert(data: bytes, to: Syntax, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Convert a valid document from one syntax to the other, losslessly.

    Raises:
        InvalidDocumentError: the input is not a schema-valid document.
        KPStandardError: ``to`` is not a syntax.
    """
    return dumps(load(data, limits=limits), to)


@_boundary(_report)
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
            without them the rules that compare the two do not run, and the confirmation is not
            judged (KP-REQ-045).
        trust_list: a trust list verified with :func:`load_trust_list`; with it the signature,
            trust and time layers run, and every layer reads only what the signature covers.
        verification_time: the instant the time layer judges at (default: now).
    """
    return pipeline.validate_bytes(
        data,
        at=at,
        certificate=certificate,
        trust_list=trust_list,
        verification_time=verification_time,
        limits=limits,
    )


@_boundary(_signed_report)
def verify(
    data: bytes,
    *,
    trust_list: TrustList,
    verification_time: datetime.datetime | None = None,
    certificate: bytes | None = None,
    limits: Limits = DEFAULT_LIMITS,
    status_evidence: Iterable[bytes] = (),
    anchor_ended_keys: bool = False,
) -> DocumentReport:
    """Verify a signed document against a trust list, then validate what the signature covers.

    The report's ``document`` is the verified content, parsed from the signed bytes, and only
    when the signature holds ("see what is signed"); when it does not, no other layer reads the
    content.

    Args:
        status_evidence: signed Certificate Status Notices and Status Responses about the
            certificate, each verified against the same trust list. A certificate that is void,
            replaced, lost, stolen or withdrawn at the verification time is invalid (KP-ST-004);
            one signed with a key revoked for compromise is "not judged" (KP-ST-001) unless a
            status response of its issuing authority recorded it before the revocation. A
            Receipt of the importing authority's system anchors it too. A certificate verified
            after its date of expiry (the last day for presenting the shipment) is invalid
            (KP-TM-002) unless the importing authority's own Import Confirmation of it states
            the goods received on or before that day.
        anchor_ended_keys: ask for that evidence also when the signing key was retired or past
            its validity at the verification time (KP-ST-002).

    Warning:
        A document signed with a key revoked for compromise is never accepted on its own date:
        its thief can write any date. Keep the status responses of your partners' registries.

    Warning:
        Load the trust list with :func:`load_trust_list` and the operator certificate you pin;
        a certificate embedded in a document is never trusted by itself.
    """
    return pipeline.validate_bytes(
        data,
        certificate=certificate,
        trust_list=trust_list,
        verification_time=verification_time,
        limits=limits,
        status_evidence=status_evidence,
        anchor_ended_keys=anchor_ended_keys,
    )


@_boundary(_misuse)
def status_of(
    certificate: KPCertificate,
    notices: Iterable[CertificateStatusNotice],
    *,
    at: datetime.datetime,
    data: bytes | None = None,
    confirmed_at: datetime.datetime | None = None,
) -> CertificateState:
    """The status of a certificate at an instant, from its Certificate Status Notices.

    The notices must be authentic (verify each with :func:`verify` first); a notice that is not
    about the certificate, or contradicts its history, is not used, and the result's ``ignored``
    says why (KP-ST-003, KP-ST-006).

    Args:
        certificate: the certificate.
        notices: its notices, in any order.
        at: the instant (naive means UTC).
        data: the certificate's exact signed bytes: a notice counts only if its digest is theirs.
        confirmed_at: when the import was confirmed; after it only a withdrawal for fraud counts.

    Raises:
        KPStandardError: the arguments are not a certificate and notices.
    """
    return _status.status_of(certificate, notices, at=at, data=data, confirmed_at=confirmed_at)


# Issuing and loading a trust list are the pipeline's own functions, guarded (their signatures
# and documentation are the pipeline's; the guard adds only the promise of the boundary).
sign = _boundary(_refuse)(pipeline.sign)
load_trust_list = _boundary(_no_trust_list)(pipeline.load_trust_list)
