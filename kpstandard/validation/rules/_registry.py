"""What a business rule is, and the table every rule registers itself in.

A rule is a plain function ``check(document, context)`` over one of the model's document classes
(:class:`~kpstandard.model.KPCertificate`, :class:`~kpstandard.model.ImportConfirmation`,
:class:`~kpstandard.model.AuthorityTrustList`), typed so that ``mypy --strict`` checks it against
the model. It returns the bare :class:`Violation` s it found (an empty tuple, most of the time): a
path through the document object and a message. The engine stamps the code, layer, severity,
requirement and the location in the document's own syntax, so no rule can forget them and a JSON
certificate and its XML twin get the same findings.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from kpstandard.codelists import CodeLists
from kpstandard.findings import Severity
from kpstandard.model import (
    AuthorityTrustList,
    CertificateStatusNotice,
    ImportConfirmation,
    KPCertificate,
    Receipt,
    StatusResponse,
)
from kpstandard.model.meta import version_key
from kpstandard.syntax.locate import AttrPath

__all__ = [
    "NONE",
    "RULES",
    "Check",
    "Context",
    "Document",
    "DocumentType",
    "Rule",
    "Violation",
    "Violations",
    "rule",
]

DocumentType = Literal[
    "kp-certificate",
    "import-confirmation",
    "authority-trust-list",
    "certificate-status-notice",
    "status-response",
    "receipt",
]
Document = (
    KPCertificate
    | ImportConfirmation
    | AuthorityTrustList
    | CertificateStatusNotice
    | StatusResponse
    | Receipt
)
"""The classes a rule may be written over."""
D = TypeVar("D", bound=Document)


@dataclass(frozen=True)
class Violation:
    """A defect a rule found: where (a path through the document object) and what."""

    path: AttrPath
    message: str
    severity: Severity | None = None
    """Overrides the rule's severity for this finding (a rule whose finding is only a warning
    in some cases); None: the rule's own."""


@dataclass(frozen=True, kw_only=True)
class Context:
    """What rules may consult beyond the document itself."""

    codelists: CodeLists
    at: datetime.date | None = None
    """Judge code lists as of this date instead of the document's own date."""
    certificate: KPCertificate | None = None
    """For an import confirmation: the KP Certificate it confirms, when given."""
    certificate_bytes: bytes | None = None
    """The exact bytes of that certificate, for its digest."""


Violations = Sequence[Violation]
"""What a rule function returns: its violations, usually none."""
NONE: Violations = ()
"""No violation: the shared empty result."""

Check = Callable[[Any, Context], Iterable[Violation]]
"""A rule function as the table holds it: the engine calls it only with a document of a type in
the rule's ``applies_to``, so the table types the document as ``Any``; each function's own
signature names the classes it is written over, and a test holds the two together."""


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
    since: str = "1.0"
    """The version of the standard that added the rule (MAJOR.MINOR)."""
    until: str | None = None
    """The last version of the standard the rule belongs to; None while it is current. A rule
    whose meaning changes is never edited in place: it gets ``until`` and a new rule, with a new
    id, takes over from the next version."""

    def in_version(self, version: str) -> bool:
        """Whether the rule judges documents that declare ``version``."""
        key = version_key(version)
        return version_key(self.since) <= key and (
            self.until is None or key <= version_key(self.until)
        )


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
    since: str = "1.0",
    until: str | None = None,
) -> Callable[[Callable[[D, Context], Violations]], Callable[[D, Context], Violations]]:
    """Register a rule function under its id."""

    def register(check: Callable[[D, Context], Violations]) -> Callable[[D, Context], Violations]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(
            rule_id, requirement, severity, applies_to, title, needs, check, since, until
        )
        return check

    return register
