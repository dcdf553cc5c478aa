"""Exceptions for misuse of the library; defects in documents are findings, not exceptions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kpstandard.findings import Finding

__all__ = ["InvalidDocumentError", "KPStandardError", "ModelError", "StaleArtifactError"]


class KPStandardError(Exception):
    """The root of every exception this library raises on purpose."""


class ModelError(KPStandardError):
    """The semantic model in ``spec/model`` is inconsistent (a duplicate id, an unknown type...)."""


class StaleArtifactError(KPStandardError):
    """A generated artifact differs from what the model generates."""


class InvalidDocumentError(KPStandardError):
    """Raised by :func:`kpstandard.load` when the bytes are not a valid document.

    The findings say every defect found, with its code and location.
    """

    def __init__(self, findings: Sequence[Finding], *, reason: str = "") -> None:
        self.findings = tuple(findings)
        self.reason = reason
        """Why, when no finding says it (a document that could not be judged)."""
        first = self.findings[0] if self.findings else None
        summary = f"{first.code} at {first.location}: {first.message}" if first else reason
        summary = summary or "invalid"
        more = f" (and {len(self.findings) - 1} more)" if len(self.findings) > 1 else ""
        super().__init__(summary + more)
