"""A case of the rules area: a named change of a golden document and what the standard says.

Its own module so that the case families (``_rules``, ``_boundaries``) import it, not each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpstandard.conformance.generate._draft import Accept, NotJudged, Reject
from kpstandard.conformance.generate._golden import Mutation

__all__ = ["RuleCase"]


@dataclass(frozen=True)
class RuleCase:
    """A named change of a golden document object, and what the standard says of the result."""

    name: str
    description: str
    requirement: str
    base: str
    mutate: Mutation
    expected: Accept | Reject | NotJudged
    verification_time: str | None = None
    """Pinned clock; default: noon the day after the (changed) document's date."""
    certificate: bytes | None = None
    """For a confirmation, other certificate bytes than the golden certificate's XML."""
    without_certificate: bool = False
    """For a confirmation: give no certificate at all."""
    comment: str | None = None
    pending: str | None = None
    """Why the case waits outside the suite (a fix it needs), if it does."""
    at: tuple[str, str] | None = None
    """Where the one defect sits, written by hand: (JSON Pointer, XPath). Graded apart."""
