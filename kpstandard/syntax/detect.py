"""Which syntax some bytes are in, from their first significant byte."""

from __future__ import annotations

__all__ = ["detect_syntax"]


_WIDE_XML_STARTS = (
    b"\xff\xfe",  # byte order marks of UTF-16 (and, followed by two NULs, of UTF-32)
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
    b"<\x00?\x00",  # '<?' of an XML declaration in UTF-16 or UTF-32 without a byte order mark
    b"\x00<\x00?",
    b"<\x00\x00\x00?\x00\x00\x00",
    b"\x00\x00\x00<\x00\x00\x00?",
)
"""Starts that only XML may have: JSON is UTF-8 (RFC 8259), while an XML processor detects these
encodings (XML 1.0, Appendix F) and our parser reads them."""


def detect_syntax(data: bytes) -> str | None:
    """Return ``json`` or ``xml`` from the first significant byte, or None for neither."""
    if data.startswith(_WIDE_XML_STARTS):
        return "xml"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]  # any amount of leading white space
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "xml"
    return None
