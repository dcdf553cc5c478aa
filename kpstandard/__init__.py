"""kpstandard: the reference implementation of the digital Kimberley Process Certificate standard.

Build a document with the classes of :mod:`kpstandard.model`, serialize it with :func:`dumps`,
read and validate one with :func:`load` and :func:`validate`, sign it with :func:`sign` and
verify it against a trust list with :func:`verify`.
"""

from __future__ import annotations

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
from kpstandard.signature.trustlist import TrustList
from kpstandard.status import CertificateState

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
