"""The HTML rendering: a self-contained page (inline CSS, the QR code as inline SVG, no script,
no external resource) for printing from a browser, and the fragment the verification page shows.
"""

from __future__ import annotations

import html

from kpstandard.render._document import Source
from kpstandard.render._layout import Section
from kpstandard.render._qr import qr_svg

__all__ = ["certificate_fragment", "render_html"]

_CSS = """
body{font-family:"Noto Sans",system-ui,sans-serif;margin:1.5rem;color:#111;line-height:1.35}
.kp-doc h1{font-size:1.4rem;margin:.2rem 0}.kp-doc h2{font-size:1.05rem;margin:1rem 0 .3rem;
border-bottom:1px solid #999}.kp-doc h3{font-size:.95rem;margin:.6rem 0 .2rem}
.kp-doc dl{display:grid;grid-template-columns:minmax(8rem,16rem) 1fr;gap:.15rem 1rem;margin:0}
.kp-doc dt{font-weight:600}.kp-doc dd{margin:0}.kp-doc .lang{color:#555;font-size:.8em;
margin-right:.4em}.kp-mark{border:2px solid #111;padding:.4rem .6rem;margin:.6rem 0;
font-weight:600}.kp-qr{float:right;margin:0 0 1rem 1rem;text-align:center;font-size:.7rem;
max-width:14rem;word-break:break-all}.kp-qr svg{width:12rem;height:12rem}
@media (max-width:600px){.kp-doc dl{grid-template-columns:1fr}.kp-qr{float:none}}
"""


def _lines_html(section: Section, depth: int, counter: list[int]) -> list[str]:
    tag = "h2" if depth == 1 else "h3"
    out = [] if depth == 0 else [f"<{tag}>{html.escape(section.label)}</{tag}>"]
    open_list = False
    for row in section.items:
        if isinstance(row, Section):
            if open_list:
                out.append("</dl>")
                open_list = False
            out += _lines_html(row, depth + 1, counter)
            continue
        if not open_list:
            out.append("<dl>")
            open_list = True
        values = []
        for line in row.lines:
            if line.language:
                lang = html.escape(line.language, quote=True)
                values.append(
                    f'<span class="lang">{lang}</span>'
                    f'<span lang="{lang}" dir="auto">{html.escape(line.text)}</span>'
                )
            else:
                values.append(f'<span dir="auto">{html.escape(line.text)}</span>')
        counter[0] += 1
        ident = f"kp-term-{counter[0]}"
        out.append(
            f'<dt id="{ident}" data-term="{row.term}">{html.escape(row.label)}</dt>'
            f'<dd aria-labelledby="{ident}">{"<br>".join(values)}</dd>'
        )
    if open_list:
        out.append("</dl>")
    return out


def marking(source: Source) -> str:
    """The words that mark a rendering for what it is [KP-REQ-049, KP-REQ-092]."""
    if source.signed:
        return (
            "Printed rendering of a digital document; it is not a second certificate. The digital "
            "document is authoritative: scan the QR code and verify the document it names."
        )
    return "DRAFT: this document is not signed. It is not a certificate and carries no QR code."


def certificate_fragment(source: Source) -> str:
    """The document laid out in Annex I order, as an HTML fragment (escaped, no script)."""
    return "\n".join(_lines_html(source.section, 0, [0]))


def render_html(source: Source) -> bytes:
    """A complete, self-contained HTML page of the document (UTF-8, deterministic)."""
    title = f"{source.section.label} {source.number}".strip()
    qr = ""
    if source.payload is not None:
        text = source.payload.text()
        qr = (
            f'<figure class="kp-qr">{qr_svg(text)}'
            f"<figcaption>{html.escape(text)}</figcaption></figure>"
        )
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n"
        f'<body><main class="kp-doc">{qr}<h1>{html.escape(title)}</h1>'
        f'<p class="kp-mark">{html.escape(marking(source))}</p>\n'
        f"{certificate_fragment(source)}\n</main></body></html>\n"
    )
    return page.encode("utf-8")
