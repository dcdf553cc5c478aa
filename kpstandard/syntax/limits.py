"""Bounds on what a reader accepts, so that hostile input costs little [KP-REQ-030]."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Bounds on input; the defaults are what every receiver must accept (KP-REQ-030)."""

    max_bytes: int = 1024 * 1024
    """The largest document read, in bytes."""
    max_depth: int = 32
    """The deepest nesting of JSON values or XML elements."""
    max_namespaces: int = 32
    """The most XML namespace declarations (a document of the standard needs about four)."""


DEFAULT_LIMITS = Limits()
