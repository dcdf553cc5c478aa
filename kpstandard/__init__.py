"""kpstandard: the reference implementation of the digital Kimberley Process Certificate standard.

Build a document with the classes of :mod:`kpstandard.model`, serialize it with :func:`dumps`,
read and validate one with :func:`load` and :func:`validate`, sign it with :func:`sign` and
verify it against a trust list with :func:`verify`.
"""

from __future__ import annotations

from kpstandard._api import convert, dumps, load, load_trust_list, sign, validate, verify
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.findings import DocumentReport, Finding
from kpstandard.model import AuthorityTrustList, ImportConfirmation, KPCertificate
from kpstandard.signature.trustlist import TrustList

__all__ = [
    "AuthorityTrustList",
    "DocumentReport",
    "Finding",
    "ImportConfirmation",
    "InvalidDocumentError",
    "KPCertificate",
    "KPStandardError",
    "TrustList",
    "convert",
    "dumps",
    "load",
    "load_trust_list",
    "sign",
    "validate",
    "verify",
]
