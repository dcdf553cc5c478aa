"""kpstandard: the reference implementation of the digital Kimberley Process Certificate standard.

Build a document with the classes of :mod:`kpstandard.model`, serialize it with :func:`dumps`,
read and validate one with :func:`load` and :func:`validate`, sign it with :func:`sign` and
verify it against a trust list with :func:`verify`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kpstandard._api import (
    convert,
    dumps,
    load,
    load_trust_list,
    sign,
    status_of,
    validate,
    verify,
)
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import DocumentReport, Finding
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    ImportConfirmation,
    KPCertificate,
    StatusResponse,
)
from kpstandard.status import CertificateState

if TYPE_CHECKING:
    from kpstandard.signature.trustlist import TrustList

__all__ = [
    "AuthorityTrustList",
    "CertificateState",
    "CertificateStatusNotice",
    "DocumentReport",
    "Finding",
    "ImportConfirmation",
    "InvalidDocumentError",
    "KPCertificate",
    "KPStandardError",
    "StatusResponse",
    "TrustList",
    "convert",
    "dumps",
    "load",
    "load_trust_list",
    "sign",
    "status_of",
    "validate",
    "verify",
]


def __getattr__(name: str) -> Any:
    # TrustList is imported when first asked for: its module needs cryptography (30 ms of every
    # start), which validating unsigned documents never does.
    if name == "TrustList":
        from kpstandard.signature.trustlist import TrustList

        return TrustList
    raise AttributeError(f"module 'kpstandard' has no attribute {name!r}")
