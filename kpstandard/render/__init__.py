"""Renderings of the standard's documents as a person reads them, and the printout's QR payload.

- :func:`render` makes a printable HTML page or PDF of a document (Annex I order, every language
  version, the marking of a rendering, and for a signed document a QR code carrying its
  verification payload); the same input gives the same bytes.
- :class:`PrintPayload` and :func:`parse_payload` are the payload of ``spec/text/printout.md``;
  :func:`check_printout` tells whether a printout's payload names a given signed document.

Needs the ``render`` extra (``pip install 'kpstandard[render]'``: fpdf2, segno, the Noto fonts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kpstandard.render._document import Source, read_source
from kpstandard.render._payload import PayloadError, PrintPayload, parse_payload
from kpstandard.syntax.limits import DEFAULT_LIMITS, Limits

__all__ = [
    "PayloadError",
    "PrintCheck",
    "PrintPayload",
    "Source",
    "check_printout",
    "parse_payload",
    "read_source",
    "render",
]


def render(
    data: bytes,
    format: Literal["pdf", "html"],
    *,
    status_url: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """Render a document (its exact bytes) as ``pdf`` or ``html``.

    Raises:
        InvalidDocumentError: not a schema-valid document, or a signature that does not hold.
        RuntimeError: the ``render`` extra is not installed.
    """
    source = read_source(data, status_url=status_url, limits=limits)
    if format == "pdf":
        from kpstandard.render._pdf import render_pdf

        return render_pdf(source)
    from kpstandard.render._html import render_html

    return render_html(source)


@dataclass(frozen=True)
class PrintCheck:
    """Whether a printout's payload names a signed document [KP-REQ-093]."""

    payload: PrintPayload | None
    problems: tuple[str, ...]
    """Why it does not, in words; empty when it does."""

    @property
    def matches(self) -> bool:
        return self.payload is not None and not self.problems


def check_printout(payload: str, signed: bytes, *, limits: Limits = DEFAULT_LIMITS) -> PrintCheck:
    """Check a printout's QR payload against the signed digital document it should name.

    The payload must parse; the SHA-256 of ``signed`` must equal its digest; the document's type,
    issuing Participant and number must equal the payload's. This says the paper and the digital
    document are the same; whether the digital document is valid is for verification to say.
    Never raises on bad input.
    """
    try:
        read = parse_payload(payload)
    except PayloadError as exc:
        return PrintCheck(None, (str(exc),))
    problems: list[str] = []
    if not read.matches(signed):
        problems.append("the SHA-256 of the digital document differs from the printout's")
    try:
        source = read_source(signed, limits=limits)
    except Exception as exc:  # an unreadable document is a mismatch, not a crash
        problems.append(f"the digital document cannot be read ({type(exc).__name__})")
        return PrintCheck(read, tuple(problems))
    if source.payload is None:
        problems.append("the digital document is not signed")
    else:
        for what, ours, theirs in (
            ("document type", source.payload.document_type, read.document_type),
            ("issuing Participant", source.payload.participant, read.participant),
            ("number", source.payload.number, read.number),
        ):
            if ours != theirs:
                problems.append(f"the {what} is {theirs} on the printout, {ours} in the document")
    return PrintCheck(read, tuple(problems))
