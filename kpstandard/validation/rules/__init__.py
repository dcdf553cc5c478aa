"""The rules layer: business rules and code lists, run once over the in-memory document.

The rule functions live in one module per document area; this module assembles each document
type's rule set in one place and runs it, stamping every violation with its rule's code,
severity, requirement and the location in the document's own syntax.
"""

from __future__ import annotations

import typing

from kpstandard.findings import (
    CODES,
    Code,
    Finding,
    Layer,
    LayerResult,
    LayerStatus,
    Severity,
)
from kpstandard.model.meta import DocumentModel, default_model
from kpstandard.syntax.locate import locate
from kpstandard.validation.rules import (  # noqa: F401 (importing registers the rules)
    _certificate,
    _confirmation,
    _shared,
    _status,
    _trustlist,
)
from kpstandard.validation.rules._registry import (
    RULES,
    Context,
    Document,
    DocumentType,
    Rule,
    Violation,
    Violations,
)

__all__ = [
    "RULES",
    "Context",
    "Document",
    "Rule",
    "Violation",
    "Violations",
    "rules_for",
    "run_rules",
]

for _rule in RULES.values():
    CODES[_rule.id] = Code(_rule.id, Layer.RULES, _rule.severity, _rule.requirement, _rule.title)

_RULESETS: dict[tuple[str, str], tuple[Rule, ...]] = {
    (document_type, version): tuple(
        r
        for r in sorted(RULES.values(), key=lambda r: r.id)
        if document_type in r.applies_to and r.in_version(version)
    )
    for document_type in typing.get_args(DocumentType)
    for version in default_model().spec_versions
}
"""The rule set of each document type in each version of the standard: assembled here, once."""


def rules_for(document_type: str, version: str | None = None) -> tuple[Rule, ...]:
    """The rule set of a document type in a version of the standard (default: the current one),
    in id order."""
    return _RULESETS[document_type, version or default_model().spec_version]


def run_rules(
    document_type: DocumentModel, document: Document, syntax: str, context: Context
) -> tuple[list[Finding], LayerResult]:
    """Run a document type's rules; return the findings and what the layer did.

    A rule whose context is missing (an import confirmation's certificate) does not run; the
    layer is then "partial" (the document is not judged) unless another rule failed, and its
    result says which rules did not run and why.
    """
    findings: list[Finding] = []
    skipped: list[str] = []
    # The schema admits only the versions the model lists, so the declared one has a rule set; a
    # document bound without the schema (a caller's own object) falls back to the current one.
    ruleset = _RULESETS.get((document_type.json_document_type, document.spec_version))
    if ruleset is None:
        ruleset = rules_for(document_type.json_document_type)
    for rule in ruleset:
        if rule.needs and any(getattr(context, need) is None for need in rule.needs):
            skipped.append(rule.id)
            continue
        violations = rule.check(document, context)
        if not violations:  # a sequence: most rules of most documents find nothing
            continue
        for violation in violations:
            findings.append(
                Finding(
                    code=rule.id,
                    layer=Layer.RULES,
                    severity=violation.severity or rule.severity,
                    location=locate(document_type, violation.path, syntax),
                    requirement=rule.requirement,
                    message=violation.message,
                )
            )
    if any(f.severity is Severity.ERROR for f in findings):
        status = LayerStatus.FAILED
    elif skipped:  # a check that applies did not run: not judged, never valid [KP-REQ-045]
        status = LayerStatus.PARTIAL
    else:
        return findings, _PASSED
    reason = (
        f"without the certificate it confirms, these rules did not run: {', '.join(skipped)}"
        if skipped
        else ""
    )
    return findings, LayerResult(Layer.RULES, status, reason)


_PASSED = LayerResult(Layer.RULES, LayerStatus.PASSED, "")
