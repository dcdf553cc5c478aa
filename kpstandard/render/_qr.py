"""The QR code of a printout, drawn with segno (pure Python, maintained, deterministic).

Error correction level M (15 %: survives a fold or a stamp over the code); segno picks the
smallest version and the densest mode that hold the payload.
"""

from __future__ import annotations

import io

import segno

__all__ = ["qr_matrix", "qr_svg"]


def _code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error="m", boost_error=False)


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of the code, dark as True, without the quiet zone."""
    return [[bool(cell) for cell in row] for row in _code(text).matrix]


def qr_svg(text: str) -> str:
    """The code as an inline SVG element (no XML declaration), with a quiet zone of 4 modules."""
    out = io.BytesIO()
    _code(text).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        border=4,
        scale=1,
        svgclass=None,
        lineclass=None,
        encoding="utf-8",
    )
    svg = out.getvalue().decode("utf-8")
    return svg.replace("<svg ", '<svg role="img" aria-label="verification QR code" ', 1)
