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


def _register(code: str, layer: Layer, requirement: str, title: str) -> Code:
    entry = Code(code, layer, Severity.ERROR, requirement, title)
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
        return {
            "path": self.path,
            "syntax": self.syntax,
            "type": self.type,
            "valid": self.valid,
            "verdict": self.verdict.value,
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
