"""The fonts a printout embeds: Noto, installed from PyPI (the ``render`` extra), SIL OFL 1.1.

| script | package | font |
| --- | --- | --- |
| Latin, Cyrillic, Greek | ``fontpkg-noto-sans`` | Noto Sans (variable; the regular instance) |
| Arabic | ``fontpkg-noto-sans-arabic`` | Noto Sans Arabic |
| Devanagari | ``fontpkg-noto-sans-devanagari`` | Noto Sans Devanagari |
| Chinese (Han), Japanese kana, Hangul | ``cvttf-NotoSansCJK-Regular`` | Noto Sans CJK TC |

A PDF embeds only the subset of glyphs it uses, and only the fonts whose scripts occur in the
document: the CJK font (16 MB) is read only for a document that has Han, kana or Hangul text.
A script none of these covers falls back to Noto Sans, which shows a missing-glyph box.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FONTS", "Font", "fonts_for"]


@dataclass(frozen=True)
class Font:
    family: str
    package: str
    pattern: str
    ranges: tuple[tuple[int, int], ...]
    """The code points this font is chosen for (the base font takes everything else)."""

    @functools.cached_property
    def path(self) -> Path | None:
        try:
            root = importlib.resources.files(self.package)
        except ModuleNotFoundError:
            return None
        for candidate in sorted(Path(str(root)).rglob(self.pattern)):
            return candidate
        return None


BASE = Font("NotoSans", "fontpkg_noto_sans", "NotoSans[[]*.ttf", ())
FONTS: tuple[Font, ...] = (
    BASE,
    Font(
        "NotoSansArabic",
        "fontpkg_noto_sans_arabic",
        "NotoSansArabic[[]*.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    Font(
        "NotoSansDevanagari",
        "fontpkg_noto_sans_devanagari",
        "NotoSansDevanagari[[]*.ttf",
        ((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
    ),
    Font(
        "NotoSansCJK",
        "cvttf_NotoSansCJK_Regular",
        "NotoSansCJK*-Regular.otf",
        (
            (0x3000, 0x30FF),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xAC00, 0xD7AF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFFEF),
        ),
    ),
)


def _covers(font: Font, text: str) -> bool:
    return any(lo <= ord(c) <= hi for c in text for lo, hi in font.ranges)


def fonts_for(text: str) -> list[Font]:
    """The installed fonts that ``text`` needs, the base font first.

    Raises:
        RuntimeError: the base font is not installed (``pip install 'kpstandard[render]'``).
    """
    if BASE.path is None:
        raise RuntimeError("the printout fonts are not installed: pip install 'kpstandard[render]'")
    return [BASE] + [f for f in FONTS[1:] if f.path is not None and _covers(f, text)]
