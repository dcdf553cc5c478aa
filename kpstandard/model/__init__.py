"""The document classes of the standard, generated from the semantic model in ``spec/model``."""

from __future__ import annotations

from kpstandard.model._documents import *  # noqa: F403 (the generated module's __all__ is the API)
from kpstandard.model._documents import __all__ as _generated
from kpstandard.model.values import ENGLISH, MultilingualText

__all__ = [*_generated, "ENGLISH", "MultilingualText"]
