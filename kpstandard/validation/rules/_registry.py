"""What a business rule is, and the table every rule registers itself in.

A rule is a plain function ``check(document, context)`` that yields bare :class:`Violation` s: a
path through the document object and a message. The engine stamps the code, layer, severity,
requirement and the location in the document's own syntax, so no rule can forget them and a JSON
certificate and its XML twin get the same findings.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from kpstandard.codelists import CodeLists
from kpstandard.findings import Severity
from kpstandard.syntax.locate import AttrPath

__all__ = ["RULES", "Context", "DocumentType", "Rule", "Violation", "rule"]

DocumentType = Literal["kp-certificate", "import-confirmation", "authority-trust-list"]


@dataclass(frozen=True)
class Violation:
    """A defect a rule found: where (a path through the document object) and what."""

    path: AttrPath
    message: str


@dataclass(frozen=True, kw_only=True)
class Context:
    """What rules may consult beyond the document itself."""

    codelists: CodeLists
    at: datetime.date | None = None
    """Judge code lists as of this date instead of the document's own date."""
    certificate: Any = None
    """For an import confirmation: the KP Certificate it confirms, when given."""
    certificate_bytes: bytes | None = None
    """The exact bytes of that certificate, for its digest."""


Check = Callable[[Any, Context], Iterator[Violation]]


@dataclass(frozen=True)
class Rule:
    """A business rule of the standard."""

    id: str
    """KP-R-nnn: stable, never reused."""
    requirement: str
    """The requirement (KP-REQ-nnn) the rule enforces."""
    severity: Severity
    applies_to: tuple[DocumentType, ...]
    title: str
    """What the rule checks, in one line."""
    needs: tuple[str, ...]
    """Context the rule cannot run without (``certificate``, ``certificate_bytes``)."""
    check: Check


RULES: dict[str, Rule] = {}
"""Every rule, by id, in the order they were registered."""


def rule(
    rule_id: str,
    *,
    requirement: str,
    applies_to: tuple[DocumentType, ...],
    title: str,
    severity: Severity = Severity.ERROR,
    needs: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register a rule function under its id."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, requirement, severity, applies_to, title, needs, check)
        return check

    return register
