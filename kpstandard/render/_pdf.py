"""The PDF rendering of a printout, with fpdf2 (pure Python, from PyPI, no system package).

A4, the document in Annex I order with the model's labels, every language version on a line of
its own, the marking of a rendering, and the QR code drawn as vector squares. Fonts are embedded
as subsets (see :mod:`kpstandard.render._fonts`); complex scripts (Arabic, Devanagari) are shaped
with HarfBuzz (``uharfbuzz``). The output is deterministic: a fixed creation date (the document's
date of issue), a document id derived from the content, nothing taken from the clock or chance.
"""

from __future__ import annotations

import datetime
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from kpstandard.render._document import Source
from kpstandard.render._fonts import fonts_for
from kpstandard.render._html import marking
from kpstandard.render._layout import Section
from kpstandard.render._qr import qr_matrix

__all__ = ["render_pdf"]

LABEL_WIDTH = 58.0
LINE = 5.0
QR_SIZE = 42.0


def _all_text(section: Section) -> str:
    parts = [section.label]
    for sub in section.walk():
        parts.append(sub.label)
        parts += [row.label for row in sub.rows]
        parts += [line.text for row in sub.rows for line in row.lines]
    return "".join(parts)


def _date(source: Source) -> datetime.datetime:
    for member in ("dateOfIssue", "dateOfConfirmation", "issueDate"):
        value = source.value.get(member)
        if isinstance(value, str):
            try:
                day = datetime.date.fromisoformat(value[:10])
            except ValueError:
                continue
            return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    return datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _setup(source: Source) -> FPDF:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(_date(source))
    pdf.set_producer("kpstandard")
    pdf.set_creator("kpcert render")
    pdf.set_title(f"{source.section.label} {source.number}".strip())
    pdf.set_lang("en")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    fonts = fonts_for(_all_text(source.section) + marking(source))
    for font in fonts:
        pdf.add_font(font.family, "", str(font.path))
    pdf.set_font(fonts[0].family, size=9)
    if len(fonts) > 1:
        pdf.set_fallback_fonts([f.family for f in fonts[1:]], exact_match=False)
    pdf.set_text_shaping(True)
    return pdf


def _qr(pdf: FPDF, text: str) -> None:
    matrix = qr_matrix(text)
    count = len(matrix) + 8  # with the quiet zone
    module = QR_SIZE / count
    x0 = pdf.w - pdf.r_margin - QR_SIZE
    y0 = pdf.t_margin
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(
                x0 + (start + 4) * module,
                y0 + (r + 4) * module,
                (c - start) * module,
                module,
                style="F",
            )


def _section(pdf: FPDF, section: Section, depth: int, right: float) -> None:
    if depth:
        pdf.ln(2)
        pdf.set_font_size(11 if depth == 1 else 10)
        pdf.multi_cell(0, 6, section.label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = pdf.get_y()
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.set_font_size(9)
    for row in section.items:
        if isinstance(row, Section):
            _section(pdf, row, depth + 1, 0.0)
            continue
        width = (pdf.w - pdf.r_margin - right) - pdf.l_margin - LABEL_WIDTH
        y = pdf.get_y()
        pdf.multi_cell(LABEL_WIDTH, LINE, row.label, align="L", new_x=XPos.RIGHT, new_y=YPos.TOP)
        bottom_label = pdf.get_y() + 0.0
        pdf.set_xy(pdf.l_margin + LABEL_WIDTH, y)
        for line in row.lines:
            text = f"[{line.language}] {line.text}" if line.language else line.text
            pdf.set_x(pdf.l_margin + LABEL_WIDTH)
            pdf.multi_cell(width, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_y(max(pdf.get_y(), bottom_label, y + LINE))


def render_pdf(source: Source) -> bytes:
    """The printout of a document as PDF bytes (deterministic: same input, same bytes).

    Raises:
        RuntimeError: the printout fonts are not installed (``pip install 'kpstandard[render]'``).
    """
    pdf = _setup(source)
    pdf.add_page()
    right = 0.0
    if source.payload is not None:
        _qr(pdf, source.payload.text())
        right = QR_SIZE + 4
    width = pdf.w - pdf.l_margin - pdf.r_margin - right
    pdf.set_font_size(15)
    title = f"{source.section.label} {source.number}".strip()
    pdf.multi_cell(width, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font_size(9)
    pdf.ln(1)
    pdf.multi_cell(
        width,
        LINE,
        marking(source),
        border=1,
        padding=2,
        align="L",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    if source.payload is not None:
        pdf.set_font_size(7)
        pdf.multi_cell(
            width, 4, "QR: " + source.payload.text(), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        pdf.set_font_size(9)
    if source.signer:
        pdf.multi_cell(
            width,
            LINE,
            f"Signed by (as the document says): {source.signer}",
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + (QR_SIZE if source.payload else 0)))
    _section(pdf, source.section, 0, 0.0)
    out: Any = pdf.output()
    return bytes(out)
