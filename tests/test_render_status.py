"""Printouts of a Certificate Status Notice and of a Status Response (issue 15 after issue 13):
laid out from the model like the certificate, marked as renderings, with the QR payload of
spec/text/printout.md (KPN, KPR) that an independent decoder (zxing-cpp, on the page rasterized
by PDFium) reads back; the same input gives the same bytes; verify-print ties paper and document.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from test_render import _page

from kpstandard.cli import main
from kpstandard.render import check_printout, parse_payload, render

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "examples" / "signed"
NOTICE = SIGNED / "notice-za-in-container-void.xml"
REPLACING = SIGNED / "notice-za-ae-original-replaced.xml"
RESPONSE = SIGNED / "status-response-za-ae-replacement.xml"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest().upper()


CASES = [
    # (the document, its payload, text its printout must show)
    (
        NOTICE,
        f"KPN:1/ZA/ZAN2026000038/{_digest(NOTICE)}",
        ["ZAN2026000038", "ZA2026004731", "void"],
    ),
    (REPLACING, None, ["ZA2026005077", "replaced", "ZA2026005102"]),
    (
        RESPONSE,
        f"KPR:1/ZA/ZA2026005102/{_digest(RESPONSE)}",
        ["ZA2026005102", "ZA-SADPMR", "issued"],
    ),
]


@pytest.mark.parametrize(("path", "payload", "shown"), CASES, ids=["void", "replaced", "response"])
def test_the_printout_carries_its_payload_and_its_text(
    tmp_path: Path, path: Path, payload: str | None, shown: list[str]
) -> None:
    out = tmp_path / "printout.pdf"
    assert main(["render", str(path), "--format", "pdf", "-o", str(out)]) == 0
    text, codes = _page(out.read_bytes())
    assert len(codes) == 1
    if payload is not None:
        assert codes == [payload]
    read = parse_payload(codes[0])
    assert read.matches(path.read_bytes())
    assert check_printout(codes[0], path.read_bytes()).matches
    for words in shown:
        assert words in text
    assert "not a second certificate" in text  # marked as a rendering [KP-REQ-049]


@pytest.mark.parametrize("path", [NOTICE, RESPONSE], ids=["notice", "response"])
def test_status_printouts_are_deterministic(path: Path) -> None:
    data = path.read_bytes()
    assert render(data, "pdf") == render(data, "pdf")
    assert render(data, "html") == render(data, "html")


def test_the_printout_of_one_notice_does_not_match_another() -> None:
    _, codes = _page(render(NOTICE.read_bytes(), "pdf"))
    check = check_printout(codes[0], REPLACING.read_bytes())
    assert not check.matches
    assert any("SHA-256" in problem for problem in check.problems)
    assert any("number" in problem for problem in check.problems)


def test_the_html_printout_of_a_notice_prints_the_payload_text() -> None:
    page = render(NOTICE.read_bytes(), "html").decode()
    assert f"KPN:1/ZA/ZAN2026000038/{_digest(NOTICE)}" in page
    assert 'data-term="KP-BT-' in page
