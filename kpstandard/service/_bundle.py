"""The bundle: a document sent with what judging it needs beside it, in one request body.

A request body is either a document's exact bytes, or (with the media type
``application/vnd.kpstandard.bundle+json``) a JSON object that carries exact bytes in base64::

    {"document": "<base64>",
     "statusEvidence": ["<base64>", ...],   # signed status notices and status responses
     "certificate": "<base64>",             # the KP Certificate an import confirmation confirms
     "anchorEndedKeys": false}

Base64 keeps every byte as signed (a JSON string could not carry an XML document's encoding
declaration or line ends faithfully). The members are those of the conformance protocol's
context (``statusEvidence``, ``anchorEndedKeys``). A malformed bundle is refused (KP-SV-009).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BUNDLE_MEDIA_TYPE",
    "MAX_EVIDENCE",
    "Bundle",
    "BundleError",
    "is_bundle",
    "parse_bundle",
]

BUNDLE_MEDIA_TYPE = "application/vnd.kpstandard.bundle+json"
MAX_EVIDENCE = 16
"""The most status evidence items one request may carry."""
_MEMBERS = frozenset({"document", "statusEvidence", "certificate", "anchorEndedKeys"})


class BundleError(ValueError):
    """A bundle that cannot be read; the message says why."""


@dataclass(frozen=True)
class Bundle:
    """What one request asks to judge."""

    document: bytes
    status_evidence: tuple[bytes, ...] = ()
    certificate: bytes | None = None
    """For an import confirmation: the exact bytes of the certificate it confirms."""
    anchor_ended_keys: bool = False

    @property
    def has_context(self) -> bool:
        return bool(self.status_evidence) or self.certificate is not None


def is_bundle(content_type: str | None) -> bool:
    """Whether a Content-Type header names the bundle media type (parameters ignored)."""
    if not content_type:
        return False
    return content_type.split(";", 1)[0].strip().lower() == BUNDLE_MEDIA_TYPE


def _bytes(value: Any, name: str, limit: int) -> bytes:
    if not isinstance(value, str):
        raise BundleError(f"{name} must be a base64 string")
    if len(value) > (limit + 2) // 3 * 4 + 4:
        raise BundleError(f"{name} is larger than {limit} bytes")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise BundleError(f"{name} is not base64 (RFC 4648, section 4)") from None
    if len(data) > limit:
        raise BundleError(f"{name} is larger than {limit} bytes")
    return data


def parse_bundle(body: bytes, *, limit: int) -> Bundle:
    """Read a bundle; each document in it may have at most ``limit`` bytes.

    Raises:
        BundleError: not a bundle of this service.
    """
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError("the bundle is not JSON") from None
    if not isinstance(value, dict):
        raise BundleError("the bundle must be a JSON object")
    unknown = sorted(set(value) - _MEMBERS)
    if unknown:
        raise BundleError(f"unknown member(s) {', '.join(repr(u[:40]) for u in unknown[:4])}")
    if "document" not in value:
        raise BundleError("the bundle has no document")
    document = _bytes(value["document"], "document", limit)
    evidence = value.get("statusEvidence", [])
    if not isinstance(evidence, list):
        raise BundleError("statusEvidence must be a list of base64 strings")
    if len(evidence) > MAX_EVIDENCE:
        raise BundleError(f"at most {MAX_EVIDENCE} status evidence items")
    items = tuple(_bytes(v, f"statusEvidence[{i}]", limit) for i, v in enumerate(evidence))
    certificate = value.get("certificate")
    confirmed = None if certificate is None else _bytes(certificate, "certificate", limit)
    anchor = value.get("anchorEndedKeys", False)
    if not isinstance(anchor, bool):
        raise BundleError("anchorEndedKeys must be true or false")
    return Bundle(document, items, confirmed, anchor)
