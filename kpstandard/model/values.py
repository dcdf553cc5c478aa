"""Value types of the model that are not Python builtins."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ENGLISH", "MultilingualText", "english_tag", "english_version"]

MultilingualText = Mapping[str, str]
"""The same text in one or more languages: language tag -> text, in document order."""

ENGLISH = "en"
"""The language every multilingual text must have a version in (KP-REQ-005)."""


def english_tag(text: MultilingualText) -> str | None:
    """The tag of a text's English version: ``en``, or else the first ``en-*`` (``en-GB``...).

    KP-REQ-005 asks for a version whose primary language subtag is ``en``.
    """
    if ENGLISH in text:
        return ENGLISH
    return next((tag for tag in text if tag.startswith(f"{ENGLISH}-")), None)


def english_version(text: MultilingualText) -> str | None:
    """A text's English version (see :func:`english_tag`), or None."""
    tag = english_tag(text)
    return None if tag is None else text[tag]
