"""Which syntax some bytes are in, from their first significant byte."""

from __future__ import annotations

__all__ = ["detect_syntax"]


def detect_syntax(data: bytes) -> str | None:
    """Return ``json`` or ``xml`` from the first significant byte, or None for neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 byte order mark: only XML may
        return "xml"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]  # any amount of leading white space
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "xml"
    return None
