"""The verification page with status evidence and a confirmed certificate, in headless Chromium
(the driver and fixtures of tests/test_page.py): a void certificate with its notice shows
"Invalid" and the notice that voids it; a back-dated certificate signed with a compromised key
shows "Not judged" with KP-ST-001, and "Valid" with the status response that anchors it; an import
confirmation with the certificate it confirms shows "Valid". Screenshots are kept as artefacts."""

from __future__ import annotations

from pathlib import Path

from test_docs import Browser, Page
from test_page import _verdict, artefacts, browser, service  # noqa: F401  (pytest fixtures)
from test_service_status import (
    ANCHORING,
    BACKDATED,
    CONFIRMATION,
    CONFIRMED,
    CONFIRMED_AT,
    VOID,
    VOID_NOTICE,
)


def _files(page: Page, selector: str, paths: list[Path]) -> None:
    root = page.call("DOM.getDocument")["root"]["nodeId"]
    node = page.call("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    page.call("DOM.setFileInputFiles", {"nodeId": node, "files": [str(p) for p in paths]})


def _check(page: Page, when: str, document: Path) -> str:
    """Check a document as of ``when`` (the evidence inputs as they are set) and its verdict."""
    page.evaluate("document.getElementById('verdict').textContent = ''")
    page.evaluate(f"document.getElementById('when').value = {when!r}")
    _files(page, "#file", [document])
    return _verdict(page)


def _evidence(page: Page, selector: str, paths: list[Path]) -> str:
    """Give evidence after a document was checked: the page checks it again; its verdict."""
    page.evaluate("document.getElementById('verdict').textContent = ''")
    if paths:
        _files(page, selector, paths)
    else:  # DevTools fires no change for an empty list: clear it as a person would
        page.evaluate(
            f"(e => {{ e.value = ''; e.dispatchEvent(new Event('change')); }})"
            f"(document.querySelector({selector!r}))"
        )
    return _verdict(page)


def _text(page: Page, element: str) -> str:
    return str(page.evaluate(f"document.getElementById({element!r}).textContent"))


def test_status_evidence_and_a_confirmed_certificate_on_the_page(
    browser: Browser,  # noqa: F811
    service: str,  # noqa: F811
    artefacts: Path,  # noqa: F811
) -> None:
    page = browser.open(f"{service}/", width=1000, height=1400)
    page.call("DOM.enable")

    _files(page, "#evidence", [VOID_NOTICE])
    assert _check(page, "2026-04-09T12:00:00Z", VOID) == "Invalid"
    status = _text(page, "status")
    assert "VOID" in status
    assert "since 2026-04-08T10:00:00Z" in status
    assert "Certificate Status Notice ZAN2026000038" in status
    assert "KP-ST-004" in _text(page, "findings")
    assert "ZA2026004731" in _text(page, "layout")  # authentic: shown, with its status
    page.screenshot(artefacts / "void.png")

    assert _evidence(page, "#evidence", []) == "Valid"  # without the notice: no status known
    assert _text(page, "status").startswith("Status: Not checked")
    assert _check(page, "2026-01-10T12:00:00Z", BACKDATED).startswith("Not judged")
    assert "KP-ST-001" in _text(page, "status")
    assert "KP-ST-001" in _text(page, "findings")
    assert _text(page, "layout") == ""  # a thief of the key could have written it
    page.screenshot(artefacts / "back-dated.png")

    assert _evidence(page, "#evidence", [ANCHORING]) == "Valid"  # the response anchors it
    assert _text(page, "status").startswith("Status: In force")

    assert _evidence(page, "#evidence", []).startswith("Not judged")
    assert _check(page, CONFIRMED_AT, CONFIRMATION).startswith("Not judged")  # alone
    assert _evidence(page, "#confirmed", [CONFIRMED]) == "Valid"
    assert "BW0241187" in _text(page, "layout")
    page.screenshot(artefacts / "confirmation.png")

    assert page.evaluate(
        "[...document.querySelectorAll('input,textarea')].every(e => e.labels.length > 0)"
    )
    assert page.errors() == []
