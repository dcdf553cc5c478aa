"""The officer's page of the exchange node in a real headless Chromium (the DevTools driver of
tests/test_docs.py): the inbox shows a received import confirmation, the outbox a certificate
still pending with its last error (the receiver is down), and the page logs no console errors.
Skipped, with the reason, where Chromium is not installed (outside CI)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")

import httpx
from test_docs import Browser, _chromium

from kpstandard.exchange import Address, Envelope, Identity, new_message_id, signed_request
from kpstandard.node import Node, NodeStore, load_config, queue_document
from kpstandard.signature.keys import load_certificate, load_private_key

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)
import make_demo  # noqa: E402

PKI = ROOT / "examples" / "pki" / "authorities"
BW = Address("BW", "BW-MME-DH")
EU = Address("EU", "EU-BE-FPSECO-DO")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    chromium = Browser(_chromium(), tmp_path / "profile", tmp_path / "chromium.log")
    try:
        yield chromium
    finally:
        chromium.close()


def rows(page: object, table: str) -> list[list[str]]:
    script = (
        f"[...document.querySelectorAll('table[data-test={table}] tbody tr')]"
        ".map(r => [...r.cells].map(c => c.textContent))"
    )
    return list(page.evaluate(script))  # type: ignore[attr-defined]


def test_the_officer_sees_inbox_and_outbox_with_states(browser: Browser, tmp_path: Path) -> None:
    bw_port = harness.free_port()
    made = make_demo.make(tmp_path, bw_port=bw_port, eu_port=harness.free_port())
    bw = harness.NodeProcess(made["bw"], bw_port, tmp_path / "bw.log")
    bw.start()
    try:
        node = Node.load(load_config(made["bw"]))
        store = NodeStore(node.config.database)
        message_id, _ = queue_document(node, store, made["certificate"].read_bytes())
        deadline = time.monotonic() + 30  # the EU's node is down: the worker records the error
        while not (store.outbox_item(message_id) or None).last_error:  # type: ignore[union-attr]
            assert time.monotonic() < deadline
            time.sleep(0.1)
        eu = Identity(EU, load_private_key(PKI / "EU-BE-FPSECO-DO.key.pem"),
                      load_certificate(PKI / "EU-BE-FPSECO-DO.cert.pem"))  # fmt: skip
        request = signed_request(
            eu,
            BW,
            "POST",
            bw.url + "/messages",
            body=made["confirmation"].read_bytes(),
            envelope=Envelope(EU, BW, new_message_id(), "import-confirmation"),
            content_type="application/xml",
        )
        assert httpx.Client(timeout=30).send(request).status_code == 201

        page = browser.open(bw.url + "/")
        inbox = rows(page, "inbox")
        assert [(r[1], r[3]) for r in inbox] == [("import-confirmation", "EU/EU-BE-FPSECO-DO")]
        outbox = rows(page, "outbox")
        assert [(r[1], r[3], r[4]) for r in outbox] == [
            ("kp-certificate", "EU/EU-BE-FPSECO-DO", "pending")
        ]
        assert outbox[0][6]  # the last error, for the officer to act on
        assert rows(page, "quarantine") == []
        assert page.errors() == []
        folder = Path(os.environ.get("KPSTANDARD_ARTEFACTS", tmp_path)) / "node-page"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(folder / "officer.png")
        store.close()
    finally:
        bw.stop()
