"""Printouts: `kpcert render` writes a PDF (and HTML) of a document in Annex I order, marked as a
rendering, whose QR code an independent decoder (zxing-cpp, on the page rasterized by PDFium)
reads as the verification payload of spec/text/printout.md; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from kpstandard.cli import main
from kpstandard.errors import InvalidDocumentError
from kpstandard.render import PayloadError, PrintPayload, check_printout, parse_payload, render

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "examples" / "signed" / "bw-eu-unmixed.xml"
UNSIGNED = ROOT / "examples" / "documents" / "bw-eu-unmixed.json"


def _expected_payload(path: Path = SIGNED) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest().upper()
    return f"KPC:1/BW/BW0241187/{digest}"


def _page(pdf: bytes) -> tuple[str, list[str]]:
    """The first page's text layer, and the QR codes an independent decoder finds on its image."""
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    text = page.get_textpage().get_text_range()
    image = page.render(scale=3).to_pil()
    return text, [code.text for code in zxingcpp.read_barcodes(image)]


def test_render_writes_a_pdf_whose_qr_decodes_to_the_payload(tmp_path: Path) -> None:
    out = tmp_path / "printout.pdf"
    assert main(["render", str(SIGNED), "--format", "pdf", "-o", str(out)]) == 0
    text, codes = _page(out.read_bytes())
    assert codes == [_expected_payload()]
    assert "BW0241187" in text
    assert "Kalahari Rough Diamond Traders (Pty) Ltd" in text
    assert "not a second certificate" in text  # KP-REQ-049: marked as a rendering


def test_rendering_is_deterministic() -> None:
    data = SIGNED.read_bytes()
    assert render(data, "pdf") == render(data, "pdf")
    assert render(data, "html") == render(data, "html")


def test_the_elements_come_in_annex_i_order() -> None:
    page = render(SIGNED.read_bytes(), "html").decode()
    terms = re.findall(r'data-term="(KP-BT-[0-9]{3})"', page)
    assert terms[:5] == ["KP-BT-001", "KP-BT-002", "KP-BT-003", "KP-BT-004", "KP-BT-005"]
    first = list(dict.fromkeys(terms))  # repeated lines repeat their terms
    assert first == sorted(first)  # the certificate's term ids follow the model's order
    assert _expected_payload() in page
    assert "<script" not in page
    assert "http" not in page.split("<svg", 1)[0]  # no external resource


def test_every_script_is_embedded_as_a_font_subset() -> None:
    value = json.loads(UNSIGNED.read_text())
    value["title"].update(
        {
            "ar": "شهادة عملية كيمبرلي",
            "zh": "金伯利进程证书",
            "hi": "किम्बर्ली प्रक्रिया प्रमाणपत्र",
            "ru": "Сертификат Кимберлийского процесса",
        }
    )
    pdf = render(json.dumps(value, ensure_ascii=False).encode(), "pdf")
    fonts = {name.split(b"+")[-1] for name in re.findall(rb"/BaseFont /([A-Za-z+-]+)", pdf)}
    assert {b"NotoSans", b"NotoSansArabic", b"NotoSansDevanagari"} <= fonts
    assert any(name.startswith(b"NotoSansCJK") for name in fonts)
    text, codes = _page(pdf)
    assert "Сертификат Кимберлийского процесса" in text
    assert "金伯利进程证书" in text
    assert codes == []  # an unsigned document is a draft: no payload
    assert "DRAFT" in text


def test_a_plain_latin_document_does_not_load_the_other_fonts() -> None:
    pdf = render(SIGNED.read_bytes(), "pdf")
    assert b"NotoSansCJK" not in pdf
    assert b"NotoSansArabic" not in pdf


def test_a_document_whose_signature_does_not_hold_is_refused(tmp_path: Path) -> None:
    tampered = SIGNED.read_bytes().replace(b"Kalahari Rough", b"Kalahari Rogue")
    with pytest.raises(InvalidDocumentError) as refused:
        render(tampered, "pdf")
    assert [f.code for f in refused.value.findings] == ["KP-SIG-009"]
    path = tmp_path / "tampered.xml"
    path.write_bytes(tampered)
    assert main(["render", str(path), "-o", str(tmp_path / "out.pdf")]) == 1
    assert not (tmp_path / "out.pdf").exists()


def test_a_status_address_goes_into_the_payload() -> None:
    page = render(SIGNED.read_bytes(), "pdf", status_url="https://kp.example.bw/status")
    _, codes = _page(page)
    assert codes == [_expected_payload() + "?status=https%3A%2F%2Fkp.example.bw%2Fstatus"]
    assert parse_payload(codes[0]).status_url == "https://kp.example.bw/status"


def test_the_payload_round_trips_and_unknown_forms_are_refused() -> None:
    payload = PrintPayload.of("import-confirmation", "EU", "EU00012345", b"x", "https://a.b/c")
    assert parse_payload(payload.text()) == payload
    for text in (
        _expected_payload().replace("KPC:1", "KPC:2"),  # KP-REQ-094: an unknown version
        _expected_payload() + "?status=http%3A%2F%2Fa.b",  # KP-REQ-094: not https
        _expected_payload().lower(),
        "BW0241187",
        "K" * 5000,
    ):
        with pytest.raises(PayloadError):
            parse_payload(text)


def test_verify_print_matches_only_the_document_the_payload_names(tmp_path: Path) -> None:
    data = SIGNED.read_bytes()
    assert check_printout(_expected_payload(), data).matches
    other = (ROOT / "examples" / "signed" / "ru-by-russian.xml").read_bytes()
    mismatch = check_printout(_expected_payload(), other)
    assert not mismatch.matches
    assert any("SHA-256" in p for p in mismatch.problems)
    assert not check_printout("garbage", data).matches
    assert not check_printout(_expected_payload(), b"\xff" * 10).matches  # never raises
    assert main(["verify-print", _expected_payload(), str(SIGNED)]) == 0
    assert (
        main(["verify-print", _expected_payload(), str(ROOT / "examples/signed/ru-by-russian.xml")])
        == 1
    )


def test_an_import_confirmation_renders_with_its_own_payload() -> None:
    path = ROOT / "examples" / "signed" / "ic-bw-eu-unmixed.xml"
    _, codes = _page(render(path.read_bytes(), "pdf"))
    assert len(codes) == 1
    payload = parse_payload(codes[0])
    assert payload.document_type == "import-confirmation"
    assert payload.matches(path.read_bytes())
