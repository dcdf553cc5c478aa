"""The verification page of `kpcert serve`, in a real headless Chromium (the DevTools driver of
tests/test_docs.py): a signed document uploaded shows "Valid" and the form; a tampered one pasted
shows "Invalid" with the signature finding; no console errors; screenshots are kept as artefacts
(in $KPSTANDARD_ARTEFACTS when set, else the test's temporary folder)."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from test_docs import Browser, Page, _chromium

from kpstandard.service import ServiceConfig, create_app

ROOT = Path(__file__).resolve().parent.parent
SIGNED = ROOT / "examples" / "signed" / "bw-eu-unmixed.xml"


@pytest.fixture
def service() -> Iterator[str]:
    config = ServiceConfig(
        trust_list=str(ROOT / "examples" / "signed" / "trust-list.xml"),
        trust_anchor=str(ROOT / "examples" / "pki" / "operator" / "operator.cert.pem"),
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(config), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    chromium = Browser(_chromium(), tmp_path / "profile", tmp_path / "chromium.log")
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("KPSTANDARD_ARTEFACTS", tmp_path)) / "page"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _verdict(page: Page, previous: str = "") -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = page.evaluate("document.getElementById('verdict').textContent")
        if text and text != previous:
            return str(text)
        time.sleep(0.1)
    raise AssertionError("the page showed no verdict")


def test_upload_verdict_tamper_and_no_console_errors(
    browser: Browser, service: str, artefacts: Path, tmp_path: Path
) -> None:
    page = browser.open(f"{service}/?verificationTime=2026-02-18", width=1000, height=1400)
    # A file chosen in the file input, as an official would.
    page.call("DOM.enable")
    root = page.call("DOM.getDocument")["root"]["nodeId"]
    node = page.call("DOM.querySelector", {"nodeId": root, "selector": "#file"})["nodeId"]
    page.call("DOM.setFileInputFiles", {"nodeId": node, "files": [str(SIGNED)]})
    assert _verdict(page) == "Valid"
    shown = page.evaluate("document.getElementById('layout').textContent")
    assert "BW0241187" in shown
    assert "Kalahari Rough Diamond Traders (Pty) Ltd" in shown
    signer = page.evaluate("document.getElementById('signer').textContent")
    assert "BW-MME-DH" in signer  # the trust-list entry that vouched for it
    page.screenshot(artefacts / "valid.png")

    # A tampered document pasted: "Invalid", with the signature finding, and no layout.
    tampered = SIGNED.read_text().replace("Kalahari Rough", "Kalahari Rogue")
    page.evaluate(f"document.getElementById('paste').value = {json.dumps(tampered)}")
    page.evaluate("document.getElementById('check').click()")
    assert _verdict(page, "Valid") == "Invalid"
    findings = page.evaluate("document.getElementById('findings').textContent")
    assert "KP-SIG-009" in findings
    assert page.evaluate("document.getElementById('layout').textContent") == ""
    page.screenshot(artefacts / "tampered.png")

    # Usable on a phone: the layout fits a narrow screen without horizontal scrolling.
    page.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    page.evaluate("document.getElementById('paste').value = ''")
    assert page.evaluate("document.documentElement.scrollWidth <= 400")
    page.screenshot(artefacts / "phone.png")

    # Accessible names: every control has a label, the result is announced.
    assert page.evaluate(
        "[...document.querySelectorAll('input,textarea')].every(e => e.labels.length > 0)"
    )
    assert page.evaluate("document.getElementById('result').getAttribute('aria-live')") == "polite"
    assert page.errors() == []
