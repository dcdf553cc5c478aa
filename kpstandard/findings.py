"""Findings, their stable codes, and the report a validation returns.

The code is the API: it never changes meaning and is never reused. The message is for people and may
improve between releases; match on codes, not on messages.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CODES",
    "Code",
    "DocumentReport",
    "Finding",
    "Layer",
    "LayerResult",
    "LayerStatus",
    "Severity",
    "Verdict",
    "internal_error",
    "internal_error_report",
]


class Layer(enum.Enum):
    """The layers of validation, in the order they run."""

    INPUT = "input"
    """Reading the bytes: size, syntax, well-formedness, forbidden constructs."""
    SCHEMA = "schema"
    """The document type's JSON Schema or XSD, and binding to the document model."""
    RULES = "rules"
    """The business rules and code lists of the standard."""
    SIGNATURE = "signature"
    TRUST = "trust"
    TIME = "time"
    PROCESSING = "processing"
    """Not a check of the document: the implementation itself failed (an internal error)."""


class Severity(enum.Enum):
    ERROR = "error"
    """The document does not conform."""
    WARNING = "warning"
    """The document conforms, but something deserves a look."""


class LayerStatus(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_RUN = "not-run"
    """The layer could not run (an earlier layer failed, or what it needs was not given)."""
    PARTIAL = "partial"
    """The layer found no defect, but some of its checks could not run: what they need was not
    given (an import confirmation's certificate). The document is not judged [KP-REQ-045]."""


class Verdict(enum.Enum):
    VALID = "valid"
    INVALID = "invalid"
    NOT_JUDGED = "not-judged"
    """No layer found a defect, but a layer that was asked for could not run."""


@dataclass(frozen=True)
class Code:
    """A stable finding code of the standard."""

    code: str
    """The code, e.g. ``KP-S-001``; never reused for another meaning."""
    layer: Layer
    severity: Severity
    requirement: str
    """The requirement (KP-REQ-nnn) that a finding of this code enforces, by default."""
    title: str
    """What the code means, in one line."""


CODES: dict[str, Code] = {}
"""Every finding code the reference implementation reports, by code (the catalogue)."""


def _register(
    code: str, layer: Layer, requirement: str, title: str, severity: Severity = Severity.ERROR
) -> Code:
    entry = Code(code, layer, severity, requirement, title)
    CODES[code] = entry
    return entry


# Input layer: reading the bytes safely [KP-REQ-030].
UNREADABLE = _register("KP-P-001", Layer.INPUT, "KP-REQ-030", "Not a JSON or XML document")
TOO_LARGE = _register("KP-P-002", Layer.INPUT, "KP-REQ-030", "Document larger than the size limit")
NOT_WELL_FORMED = _register(
    "KP-P-003", Layer.INPUT, "KP-REQ-030", "Not well-formed JSON or XML, or not UTF-8 JSON"
)
FORBIDDEN_CONSTRUCT = _register(
    "KP-P-004",
    Layer.INPUT,
    "KP-REQ-030",
    "Forbidden construct: DTD, entity declaration or reference",
)
TOO_DEEP = _register("KP-P-005", Layer.INPUT, "KP-REQ-030", "Nesting deeper than the depth limit")
DUPLICATE_MEMBER = _register(
    "KP-P-006", Layer.INPUT, "KP-REQ-030", "A JSON object has two members with the same name"
)
TOO_MANY_NAMESPACES = _register(
    "KP-P-008",
    Layer.INPUT,
    "KP-REQ-030",
    "More XML namespace declarations than the limit",
)
UNKNOWN_TYPE = _register(
    "KP-P-007",
    Layer.INPUT,
    "KP-REQ-001",
    "Not a document type of the standard (root or documentType)",
)
# Schema layer: the document type's schema [KP-REQ-001]; the finding names the term's requirement.
MISSING = _register(
    "KP-S-001", Layer.SCHEMA, "KP-REQ-001", "A required element or member is missing"
)
UNEXPECTED = _register(
    "KP-S-002",
    Layer.SCHEMA,
    "KP-REQ-001",
    "An element or member that the schema does not allow here",
)
BAD_FORM = _register(
    "KP-S-003", Layer.SCHEMA, "KP-REQ-001", "A value is not of the form its data type requires"
)
NOT_ALLOWED_VALUE = _register(
    "KP-S-004", Layer.SCHEMA, "KP-REQ-001", "A value is not one of the values the standard allows"
)
OCCURRENCES = _register(
    "KP-S-005", Layer.SCHEMA, "KP-REQ-001", "An element or member occurs too often or too rarely"
)
DUPLICATE_LANGUAGE = _register(
    "KP-S-006", Layer.SCHEMA, "KP-REQ-005", "A multilingual text has two versions in one language"
)
SCHEMA_OTHER = _register(
    "KP-S-099", Layer.SCHEMA, "KP-REQ-001", "Another violation of the document type's schema"
)
# Signature layer: the XML signature and its profile [KP-REQ-007, KP-REQ-035, KP-REQ-036].
UNSIGNED = _register("KP-SIG-001", Layer.SIGNATURE, "KP-REQ-007", "The document has no signature")
SIGNATURE_COUNT = _register(
    "KP-SIG-002", Layer.SIGNATURE, "KP-REQ-036", "The document has more than one Signature element"
)
SIGNATURE_PLACE = _register(
    "KP-SIG-003", Layer.SIGNATURE, "KP-REQ-036", "The Signature is not the last child of the root"
)
REFERENCE_COUNT = _register(
    "KP-SIG-004", Layer.SIGNATURE, "KP-REQ-036", "The signature does not have exactly one Reference"
)
REFERENCE_URI = _register(
    "KP-SIG-005",
    Layer.SIGNATURE,
    "KP-REQ-036",
    'The Reference does not cover the whole document (its URI is not "")',
)
TRANSFORMS = _register(
    "KP-SIG-006",
    Layer.SIGNATURE,
    "KP-REQ-036",
    "A transform other than enveloped-signature and exclusive canonicalization",
)
FORBIDDEN_ALGORITHM = _register(
    "KP-SIG-007",
    Layer.SIGNATURE,
    "KP-REQ-035",
    "A signature, digest or canonicalization algorithm the standard does not allow",
)
WEAK_KEY = _register(
    "KP-SIG-008",
    Layer.SIGNATURE,
    "KP-REQ-035",
    "The signing key is too weak (RSA under 2048 bits, or a curve other than P-256 and P-384)",
)
BAD_DIGEST = _register(
    "KP-SIG-009",
    Layer.SIGNATURE,
    "KP-REQ-007",
    "The digest of the signed content does not match: the document was altered after signing",
)
BAD_SIGNATURE_VALUE = _register(
    "KP-SIG-010",
    Layer.SIGNATURE,
    "KP-REQ-007",
    "The signature value does not verify with the signer's key (SignedInfo or the value altered)",
)
SIGNER_CERTIFICATE = _register(
    "KP-SIG-011",
    Layer.SIGNATURE,
    "KP-REQ-036",
    "KeyInfo does not hold exactly one readable X.509 certificate of the signer",
)
UNEXPECTED_SIGNATURE_CONTENT = _register(
    "KP-SIG-012",
    Layer.SIGNATURE,
    "KP-REQ-036",
    "The Signature holds content the profile does not allow (Object, Manifest, KeyValue...)",
)
# Trust layer: the signer against the Authority Trust List [KP-REQ-037].
UNTRUSTED_SIGNER = _register(
    "KP-T-001", Layer.TRUST, "KP-REQ-037", "The signer's certificate is not on the trust list"
)
WRONG_PARTICIPANT = _register(
    "KP-T-002",
    Layer.TRUST,
    "KP-REQ-037",
    "The signer's certificate is listed for another Participant than the one the document names",
)
WRONG_AUTHORITY = _register(
    "KP-T-003",
    Layer.TRUST,
    "KP-REQ-037",
    "The signer is not the authority the document names, or lacks the role its signature needs",
)
KEY_NOT_VALID = _register(
    "KP-T-004",
    Layer.TRUST,
    "KP-REQ-037",
    "The signer's certificate was not valid on the document's date (validity, or not granted)",
)
KEY_REVOKED = _register(
    "KP-T-005",
    Layer.TRUST,
    "KP-REQ-043",
    "The signer's certificate was revoked on or before the document's date",
)
KEY_USAGE = _register(
    "KP-T-006",
    Layer.TRUST,
    "KP-REQ-037",
    "The signer's certificate does not allow digital signatures (key usage)",
)
TRUST_LIST_INVALID = _register(
    "KP-T-007",
    Layer.TRUST,
    "KP-REQ-038",
    "The trust list is not valid, not signed, or not signed by the pinned list operator",
)
# Time layer: the verification time [KP-REQ-041, KP-REQ-044].
TRUST_LIST_OUTDATED = _register(
    "KP-TM-001",
    Layer.TIME,
    "KP-REQ-044",
    "The trust list is outdated (after its next update) or not yet issued at verification time: "
    "signatures cannot be judged against it",
    Severity.WARNING,  # not a defect of the document: it is "not judged" [KP-REQ-044]
)
CERTIFICATE_EXPIRED = _register(
    "KP-TM-002",
    Layer.TIME,
    "KP-REQ-041",
    "The KP Certificate's date of expiry, the last day for presenting the shipment to the "
    "importing authority, has passed at verification time, and no import confirmation of that "
    "authority shows the goods received on or before that day",
)
NOT_YET_ISSUED = _register(
    "KP-TM-003",
    Layer.TIME,
    "KP-REQ-041",
    "The verification time is before the document's date of issue",
)
# Time layer, status and anchoring: the certificate's life after signing (spec/text/lifecycle.md).
# The time layer judges the document at the verification time: whether its own date can be
# trusted (anchoring) and what its status is then. A missing anchor is no defect of the document:
# it is "not judged" (a warning, the layer partial), like KP-TM-001.
UNANCHORED_REVOKED = _register(
    "KP-ST-001",
    Layer.TIME,
    "KP-REQ-076",
    "The signing key was revoked for compromise after the document's date, and no evidence "
    "anchors the document before the revocation: its date cannot be trusted",
    Severity.WARNING,
)
UNANCHORED_ENDED = _register(
    "KP-ST-002",
    Layer.TIME,
    "KP-REQ-077",
    "The signing key was retired or past its validity at verification time, the verifier asks "
    "for anchoring, and no evidence anchors the document before the key's end",
    Severity.WARNING,
)
EVIDENCE_UNUSABLE = _register(
    "KP-ST-003",
    Layer.TIME,
    "KP-REQ-072",
    "Status evidence (a notice or a status response) was given but is not used: not valid, not "
    "signed by a trusted and unrevoked key of the certificate's issuing authority, or about "
    "another certificate",
    Severity.WARNING,
)
STATUS_CHANGED = _register(
    "KP-ST-004",
    Layer.TIME,
    "KP-REQ-071",
    "The certificate is void, replaced, lost, stolen or withdrawn at the verification time",
)
NOT_IN_REGISTRY = _register(
    "KP-ST-005",
    Layer.TIME,
    "KP-REQ-075",
    "The issuing authority's registry answers that it recorded no certificate with this number "
    "and digest",
)
HISTORY_CONFLICT = _register(
    "KP-ST-006",
    Layer.TIME,
    "KP-REQ-073",
    "A notice contradicts the certificate's status history (a second replacement, a change "
    "after void, replaced or withdrawn, or after the import confirmation other than withdrawal "
    "for fraud): it is not used",
    Severity.WARNING,
)
# Processing: the implementation itself failed [KP-REQ-045]. A warning, like KP-TM-001: it is no
# defect of the document, and the layers it stopped are "not run", so the verdict is "not judged".
INTERNAL_ERROR = _register(
    "KP-X-001",
    Layer.PROCESSING,
    "KP-REQ-045",
    "The implementation failed on this input (an internal error): the document is not judged",
    Severity.WARNING,
)


@dataclass(frozen=True)
class Finding:
    """A defect found in a document (or a warning about it)."""

    code: str
    """The stable code (see :data:`CODES`)."""
    layer: Layer
    severity: Severity
    location: str
    """Where: a JSON Pointer (RFC 6901) for JSON, an XPath for XML (prefix ``kp`` for the
    document's namespace); empty for the document as a whole."""
    requirement: str
    """The requirement (KP-REQ-nnn) the finding enforces."""
    message: str
    """What is wrong and what was expected, for a person; not API."""

    def to_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "layer": self.layer.value,
            "severity": self.severity.value,
            "location": self.location,
            "requirement": self.requirement,
            "message": self.message,
        }


def make_finding(
    code: Code, location: str, message: str, requirement: str | None = None
) -> Finding:
    """Stamp a finding with its code's layer and severity (and default requirement)."""
    return Finding(
        code=code.code,
        layer=code.layer,
        severity=code.severity,
        location=location,
        requirement=requirement or code.requirement,
        message=message,
    )


@dataclass(frozen=True)
class LayerResult:
    """What one layer did for one document."""

    layer: Layer
    status: LayerStatus
    reason: str = ""
    """Why the layer did not run, when it did not."""

    def __hash__(self) -> int:
        # The fields' hash, as the generated one, without Enum.__hash__ (a Python function):
        # `kpcert validate` looks reports up by their layers, once per document.
        return hash((self.layer._value_, self.status._value_, self.reason))

    def to_json(self) -> dict[str, str]:
        result = {"layer": self.layer.value, "status": self.status.value}
        if self.reason:
            result["reason"] = self.reason
        return result


@dataclass(frozen=True)
class DocumentReport:
    """The outcome of validating one document."""

    syntax: str | None
    """``json`` or ``xml``; None when the bytes are neither."""
    type: str | None
    """The document type (``kp-certificate``, ``import-confirmation``); None when unknown."""
    findings: tuple[Finding, ...]
    layers: tuple[LayerResult, ...]
    document: Any = field(default=None, repr=False, compare=False)
    """The document as bound to the model's classes, when the schema layer passed."""
    path: str | None = None
    """The file the document was read from, when it was read from one."""

    @property
    def verdict(self) -> Verdict:
        if any(f.severity is Severity.ERROR for f in self.findings):
            return Verdict.INVALID
        if any(r.status is not LayerStatus.PASSED for r in self.layers):
            return Verdict.NOT_JUDGED
        return Verdict.VALID

    @property
    def valid(self) -> bool:
        """True only when every layer that was asked for ran and found no error."""
        return self.verdict is Verdict.VALID

    def to_json(self) -> dict[str, Any]:
        verdict = self.verdict  # once: it looks at every finding and layer
        return {
            "path": self.path,
            "syntax": self.syntax,
            "type": self.type,
            "valid": verdict is Verdict.VALID,
            "verdict": verdict.value,
            "layers": [r.to_json() for r in self.layers],
            "findings": [f.to_json() for f in self.findings],
        }


def dedupe(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Drop findings that repeat an earlier one's code and location, keeping document order."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for finding in findings:
        key = (finding.code, finding.location)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return tuple(kept)


def internal_error(exc: BaseException, where: str) -> Finding:
    """The finding for an unexpected exception at a public boundary (``where``: which one)."""
    detail = f"{type(exc).__name__}: {exc}"
    if len(detail) > 300:
        detail = detail[:297] + "..."
    return make_finding(
        INTERNAL_ERROR,
        "",
        f"{where} failed on this input ({detail}); please report it with the input",
    )


def internal_error_report(
    exc: BaseException,
    where: str,
    *,
    path: str | None = None,
    layers: Iterable[Layer] = (Layer.INPUT, Layer.SCHEMA, Layer.RULES),
) -> DocumentReport:
    """A "not judged" report for a document whose processing raised ``exc`` unexpectedly."""
    reason = "an internal error stopped the validation"
    return DocumentReport(
        syntax=None,
        type=None,
        findings=(internal_error(exc, where),),
        layers=tuple(LayerResult(layer, LayerStatus.NOT_RUN, reason) for layer in layers),
        path=path,
    )
