"""kpstandard: the reference implementation of the digital Kimberley Process Certificate standard.

Build a document with the classes of :mod:`kpstandard.model`, serialize it with :func:`dumps`,
read and validate one with :func:`load` and :func:`validate`.
"""

from __future__ import annotations

from kpstandard._api import convert, dumps, load, validate
from kpstandard.errors import InvalidDocumentError, KPStandardError
from kpstandard.model import ImportConfirmation, KPCertificate
from kpstandard.validation.findings import DocumentReport, Finding

__all__ = [
    "DocumentReport",
    "Finding",
    "ImportConfirmation",
    "InvalidDocumentError",
    "KPCertificate",
    "KPStandardError",
    "convert",
    "dumps",
    "load",
    "validate",
]
