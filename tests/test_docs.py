"""The documentation site: it builds with warnings as errors, its examples run, it shows every id
of the standard, its internal links resolve, and it renders in a real browser without errors.

The site is built once per session (about ten seconds). The browser test drives Debian's headless
Chromium over the DevTools protocol on a pipe (``--remote-debugging-pipe``): no port, no extra
Python package.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from kpstandard.findings import CODES
from kpstandard.model.meta import default_model
from kpstandard.specbuild._docs import Site, coverage_gaps
from kpstandard.validation.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docs")


def _sphinx(builder: str, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", builder,
         "-d", str(doctrees), str(DOCS), str(out)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture(scope="session")
def site(build_dir: Path) -> Path:
    """The site built as the README says: warnings are errors, every reference must resolve."""
    html = build_dir / "html"
    done = _sphinx("html", html, build_dir / "doctrees")
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    return html


@functools.cache
def _tree(page: Path) -> Any:
    return lxml.html.parse(str(page)).getroot()


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_site_builds_with_every_page(site: Path) -> None:
    for page in (
        "index",
        "standard/decision",
        "standard/annex",
        "guides/implementers",
        "api/kpstandard",
    ):
        assert (site / f"{page}.html").is_file(), page
    for document in default_model().documents:
        assert (site / "reference" / f"{document.file_stem}.html").is_file()


def test_guide_examples_run(site: Path, build_dir: Path) -> None:
    out = build_dir / "doctest"
    done = _sphinx("doctest", out, build_dir / "doctrees")  # reuses the html build's doctrees
    summary = (out / "output.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, f"{summary}\n{done.stdout}\n{done.stderr}"
    ran = re.search(r"^\s*(\d+) tests?$", summary, re.MULTILINE)
    assert ran is not None, summary
    assert int(ran.group(1)) >= 10, summary  # the guides' examples did run
    assert "0 failures in tests" in summary


def _anchors_and_text(site: Path) -> tuple[set[str], str]:
    anchors: set[str] = set()
    texts = []
    for page in _pages(site):
        root = _tree(page)
        anchors.update(root.xpath("//@id"))
        texts.append(root.text_content())
    return anchors, "\n".join(texts)


def test_every_id_of_the_standard_has_an_anchor_and_shows(site: Path) -> None:
    """Every business term, group, requirement, rule and finding code, from the registries."""
    anchors, text = _anchors_and_text(site)
    ids = {n.id for d in default_model().documents for n in d.root.walk() if n is not d.root}
    ids |= set(CODES) | set(RULES)
    ids |= set(re.findall(r"KP-REQ-[0-9]{3}", (ROOT / "spec/text/requirements.yaml").read_text()))
    assert len(ids) > 100
    missing = sorted(i for i in ids if i.lower() not in anchors or i not in text)
    assert not missing, f"not in the built site: {missing}"


def _is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def _broken_links(site: Path) -> Iterator[str]:
    for page in _pages(site):
        root = _tree(page)
        for element, attribute in (("a", "href"), ("link", "href"), ("script", "src"),
                                   ("img", "src")):  # fmt: skip
            for url in root.xpath(f"//{element}/@{attribute}"):
                if _is_external(url):
                    continue
                parts = urlsplit(url)
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
                if target.is_dir():
                    target = target / "index.html"
                where = f"{page.relative_to(site)}: {url}"
                if not target.is_file():
                    yield f"{where} (no such file)"
                elif parts.fragment and target.suffix == ".html":
                    ids = set(_tree(target).xpath("//@id | //a/@name"))
                    if unquote(parts.fragment) not in ids:
                        yield f"{where} (no such anchor)"


def test_internal_links_resolve(site: Path) -> None:
    broken = list(_broken_links(site))
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])


def test_downloads_ship_the_standard(site: Path) -> None:
    """The schemas, code lists and examples are linked from the pages that describe them."""
    shipped = {p.name for p in (site / "_downloads").rglob("*") if p.is_file()}
    wanted = {p.name for p in (ROOT / "spec/json").glob("*.schema.json")}
    wanted |= {p.name for p in (ROOT / "spec/xml").glob("*.xsd")}
    wanted |= {p.name for p in (ROOT / "spec/codelists").glob("*.yaml")}
    wanted |= {p.name for p in (ROOT / "examples/documents").glob("*.json")}
    wanted |= {p.name for p in (ROOT / "examples/documents").glob("*.xml")}
    assert wanted <= shipped, sorted(wanted - shipped)


def _checkout(tmp_path: Path, extra_requirement: str = "") -> Path:
    """A checkout with the repository's requirements (plus one), for the coverage check."""
    text = tmp_path / "spec" / "text"
    text.mkdir(parents=True)
    requirements = (ROOT / "spec/text/requirements.yaml").read_text(encoding="utf-8")
    (text / "requirements.yaml").write_text(requirements + extra_requirement, encoding="utf-8")
    return tmp_path


def test_the_repository_has_no_coverage_gap() -> None:
    assert coverage_gaps(Site(default_model(), ROOT)) == []


def test_a_checkable_must_without_a_rule_fails_the_build(tmp_path: Path) -> None:
    root = _checkout(
        tmp_path,
        "  - {id: KP-REQ-999, level: MUST, title: T, text: T, basis: Amendment,\n"
        "     applies_to: [certificate], machine_checkable: true}\n"
        "  - {id: KP-REQ-998, level: SHOULD, title: T, text: T, basis: Amendment,\n"
        "     applies_to: [certificate], machine_checkable: true}\n",
    )
    gaps = coverage_gaps(Site(default_model(), root))
    assert gaps == ["KP-REQ-999 is a machine-checkable MUST but no rule or finding code cites it"]


def test_vectors_are_required_once_a_manifest_exists(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    manifest = root / "conformance" / "vectors" / "rules" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    test = {"id": "KP-V-RUL-0001", "requirement": "KP-REQ-002", "level": "MUST",
            "expected": {"outcome": "reject", "codes": ["KP-R-022"]}}  # fmt: skip
    manifest.write_text(json.dumps({"title": "Rules", "tests": [test]}), encoding="utf-8")
    (root / "conformance" / "schemas").mkdir()
    (root / "conformance" / "schemas" / "manifest.schema.json").write_text("{}")  # not a manifest
    site = Site(default_model(), root)
    assert [v.id for v in site.vectors or ()] == ["KP-V-RUL-0001"]
    gaps = coverage_gaps(site)
    assert "KP-REQ-003 is a machine-checkable MUST but no conformance vector cites it" in gaps
    assert not any(g.startswith("KP-REQ-002 ") for g in gaps)
    assert not any("KP-REQ-020" in g for g in gaps)  # a MAY


# ----- the browser --------------------------------------------------------------------------------

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-pipe",
)  # fmt: skip


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if not os.environ.get("CI"):
        pytest.skip("chromium is not installed (`apt-get install -y chromium`, as .ci/run does)")
    pytest.fail("chromium is missing: .ci/run installs it with `apt-get install -y chromium`")


class Browser:
    """Headless Chromium, driven over the DevTools protocol on fds 3 and 4 (JSON, NUL-ended)."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        to_browser, self._send_fd = os.pipe()
        self._receive_fd, from_browser = os.pipe()
        # bash puts the pipe ends on the fds Chromium expects, then becomes Chromium.
        command = ['exec 3<&"$1" 4>&"$2"; shift 2; exec "$@"', "bash", str(to_browser),
                   str(from_browser), executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                   "about:blank"]  # fmt: skip
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                ["bash", "-c", *command],
                pass_fds=(to_browser, from_browser),
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
            )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._receive_fd], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._receive_fd, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._send_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def collect(self, seconds: float) -> None:
        """Gather the events that arrive in the next ``seconds``."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._receive(deadline))
        except TimeoutError:
            pass

    def open(self, url: str, width: int = 1280, height: int = 900) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        page = Page(self, session["sessionId"])
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        viewport = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        page.call("Emulation.setDeviceMetricsOverride", viewport)
        navigated = page.call("Page.navigate", {"url": url})
        if navigated.get("errorText"):
            raise AssertionError(f"{url}: {navigated['errorText']}")
        page.wait_for("Page.loadEventFired")
        self.collect(0.5)  # scripts that run after the load event
        return page

    def close(self) -> None:
        with contextlib.suppress(ConnectionError, TimeoutError, RuntimeError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._send_fd)
        os.close(self._receive_fd)


class Page:
    """A tab of the browser, attached with its own DevTools session."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def wait_for(self, event: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while not any(self._mine(e, event) for e in self.browser.events):
            self.browser.events.append(self.browser._receive(deadline))

    def _mine(self, event: dict[str, Any], method: str) -> bool:
        return event.get("sessionId") == self.session and event.get("method") == method

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors and failed loads (the Log domain) of this page."""
        found = []
        for event in self.browser.events:
            params = event.get("params", {})
            if self._mine(event, "Runtime.exceptionThrown"):
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif self._mine(event, "Runtime.consoleAPICalled") and params["type"] in (
                "error",
                "assert",
            ):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in
                                      params["args"]))  # fmt: skip
            elif self._mine(event, "Log.entryAdded") and params["entry"]["level"] == "error":
                entry = params["entry"]
                found.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        return found

    def settle(self, seconds: float = 5) -> None:
        """Wait until the page stops scrolling (furo scrolls to an anchor smoothly)."""
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            position = self.evaluate("window.scrollY")
            if position == last:
                return
            last = position
            time.sleep(0.2)

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))

    def evaluate(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return answer["result"].get("value")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(site: Path, build_dir: Path) -> Iterator[str]:
    """The build folder (the site is its html/) served on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(build_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    chromium = Browser(_chromium(), tmp_path / "profile", tmp_path / "chromium.log")
    try:
        yield chromium
    finally:
        chromium.close()


def test_pages_render_in_a_browser_without_errors(
    browser: Browser, server: str, build_dir: Path
) -> None:
    # First, the check itself must see errors: a page with a console error and a missing image.
    (build_dir / "self-test.html").write_text(
        "<script>console.error('self-test')</script><img src='no-such-image.png'>"
    )
    broken = browser.open(f"{server}/self-test.html")
    assert any("self-test" in e for e in broken.errors()), browser.events
    assert any("no-such-image.png" in e for e in broken.errors()), broken.errors()

    pages = {
        "home": "index.html",
        "kp-certificate": "reference/kp-certificate.html#kp-bt-027",
        "findings": "reference/findings.html#kp-r-010",
    }
    for name, path in pages.items():
        page = browser.open(f"{server}/html/{path}")
        assert page.errors() == [], f"{path}: {page.errors()}"
        title = page.evaluate("document.querySelector('h1').textContent")
        assert title, f"{path} has no heading"
        fragment = urlsplit(path).fragment
        if fragment:  # the anchor exists and the page scrolled to it
            assert page.evaluate(f"!!document.getElementById({json.dumps(fragment)})"), fragment
            assert page.evaluate("window.scrollY") > 0, f"{path} did not scroll to its anchor"
            # furo scrolls smoothly: let that end, then jump, so the screenshot shows the anchor
            page.settle()
            element = f"document.getElementById({json.dumps(fragment)})"
            page.evaluate(element + ".scrollIntoView({behavior: 'instant'})")
            page.settle()
        page.screenshot(build_dir / f"screenshot-{name}.png")
        assert (build_dir / f"screenshot-{name}.png").stat().st_size > 10_000
