"""Value types of the model that are not Python builtins."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ENGLISH", "MultilingualText"]

MultilingualText = Mapping[str, str]
"""The same text in one or more languages: language tag -> text, in document order."""

ENGLISH = "en"
"""The language every multilingual text must have a version in (KP-REQ-005)."""
