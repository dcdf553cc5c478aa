"""The exchange role of the conformance suite: the runner plays a peer node against a node under
test. The reference node passes every test; deliberately broken nodes (one that accepts forged
documents, one that stores duplicates, one that loses what it accepted on a restart) fail.

The nodes run in this process on loopback (uvicorn in a thread), over SQLite in a temporary
folder; a restart stops the server and starts a new one over the same database file.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")
uvicorn = pytest.importorskip("uvicorn", reason="the node needs the [node] extra")

import httpx  # noqa: E402

from kpstandard.cli import main  # noqa: E402
from kpstandard.conformance._exchange import (  # noqa: E402
    ExchangeTarget,
    _certificate_template,
    make_kit,
    scenarios,
)
from kpstandard.conformance._report import parse_report, read_report  # noqa: E402
from kpstandard.conformance._runner import RunOptions, run_exchange, run_suite  # noqa: E402
from kpstandard.conformance._suite import default_suite_dir, load_suite  # noqa: E402
from kpstandard.node import Node, NodeStore, create_app, load_config  # noqa: E402
from kpstandard.node._receive import Receiver  # noqa: E402


def wait_for(predicate: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("the node did not come up in time")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class InProcessNode:
    """A reference node (possibly broken by ``breakage``) served on loopback in a thread."""

    def __init__(
        self, folder: Path, breakage: Callable[[NodeStore, pytest.MonkeyPatch], None] | None
    ) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.kit = make_kit(folder, self.url)
        self.breakage = breakage
        self.monkeypatch = pytest.MonkeyPatch()
        self.server: Any = None
        self.thread: threading.Thread | None = None
        self.store: NodeStore | None = None

    def start(self) -> None:
        node = Node.load(load_config(self.kit.node_config))
        self.store = NodeStore(node.config.database)
        if self.breakage is not None:
            self.breakage(self.store, self.monkeypatch)
        app = create_app(node, self.store, worker=False)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        wait_for(self._ready, timeout=30)

    def _ready(self) -> bool:
        try:
            return httpx.get(self.url + "/health", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(10)
        if self.store is not None:
            self.store.close()
        self.monkeypatch.undo()

    def restart(self) -> None:
        self.stop()
        self.start()


def _run(node: InProcessNode) -> dict[str, dict[str, Any]]:
    report = io.StringIO()
    node.start()
    try:
        run_exchange(ExchangeTarget(node.url, node.kit, restart=node.restart), report)
    finally:
        node.stop()
    parsed = parse_report(io.StringIO(report.getvalue()))
    return {"footer": parsed.footer, **{r["id"]: r for r in parsed.records}}


@pytest.fixture
def node_factory(tmp_path: Path) -> Iterator[Callable[..., InProcessNode]]:
    made: list[InProcessNode] = []

    def make(breakage: Any = None) -> InProcessNode:
        node = InProcessNode(tmp_path / f"node-{len(made)}", breakage)
        made.append(node)
        return node

    yield make
    for node in made:
        node.stop()


def test_the_reference_node_passes_every_exchange_test(node_factory: Any) -> None:
    results = _run(node_factory())
    failing = {
        k: (v["grade"], v.get("detail"))
        for k, v in results.items()
        if k != "footer"
        if v["grade"] != "pass"
    }
    assert failing == {}
    assert len(results) - 1 == len(scenarios())
    assert results["footer"]["conformant"] is True


def _accepts_forged(store: NodeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from kpstandard import _api as api

    def verify_nothing(self: Receiver, body: bytes, document_type: str) -> Any:
        return api.load(body), [], True

    monkeypatch.setattr(Receiver, "_verify", verify_nothing)


def _stores_duplicates(store: NodeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    accept = store.accept
    monkeypatch.setattr(store, "lookup", lambda *args: None)
    monkeypatch.setattr(
        store,
        "accept",
        # a fresh key per delivery: every delivery, a retry too, is stored again (keyed by the
        # message id, a retry was stored once, and only the real node's 201-to-the-loser bug,
        # fixed since, failed KP-V-EXC-0002)
        lambda item: accept({**item, "number": f"{item['number']}#{uuid.uuid4().hex}"}),
    )


def test_a_node_that_accepts_forged_documents_fails(node_factory: Any) -> None:
    results = _run(node_factory(_accepts_forged))
    assert results["KP-V-EXC-0006"]["grade"] == "fail"  # forged
    assert results["KP-V-EXC-0005"]["grade"] == "fail"  # breaks a rule
    assert results["KP-V-EXC-0001"]["grade"] == "pass"
    assert results["footer"]["conformant"] is False


def test_a_node_that_stores_duplicates_fails(node_factory: Any) -> None:
    results = _run(node_factory(_stores_duplicates))
    assert results["KP-V-EXC-0002"]["grade"] == "fail"
    assert results["KP-V-EXC-0003"]["grade"] == "fail"
    assert results["KP-V-EXC-0001"]["grade"] == "pass"
    assert results["footer"]["conformant"] is False


def test_a_node_that_loses_documents_on_restart_fails(node_factory: Any) -> None:
    node = node_factory()
    restart = node.restart

    def restart_and_lose() -> None:
        node.stop()
        database = Path(load_config(node.kit.node_config).database)
        for path in database.parent.glob(database.name + "*"):
            path.unlink()
        node.start()

    node.restart = restart_and_lose  # type: ignore[method-assign]
    results = _run(node)
    assert restart is not None
    assert results["KP-V-EXC-0017"]["grade"] == "fail"
    assert "lost" in results["KP-V-EXC-0017"]["detail"]
    assert results["footer"]["conformant"] is False


def test_without_a_restart_the_durability_test_does_not_apply(tmp_path: Path) -> None:
    node = InProcessNode(tmp_path / "node", None)
    report = io.StringIO()
    node.start()
    try:
        records = run_exchange(ExchangeTarget(node.url, node.kit), report)
    finally:
        node.stop()
    durable = next(r for r in records if r["id"] == "KP-V-EXC-0017")
    assert durable["grade"] == "not-applicable"
    assert parse_report(io.StringIO(report.getvalue())).footer["conformant"] is True


def test_an_unreachable_node_is_recorded_as_crashed_never_raised(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    kit = make_kit(tmp_path / "kit", url)
    report = io.StringIO()
    records = run_exchange(ExchangeTarget(url, kit, timeout=2.0), report)
    assert {r["grade"] for r in records} <= {"crashed", "not-applicable"}
    assert parse_report(io.StringIO(report.getvalue())).footer["conformant"] is False


# --- the exchange area in the suite's runner and report ------------------------------------------

REFERENCE = f"{sys.executable} -m kpstandard.cli conformance adapter"
SUITE_DIR = default_suite_dir()


def test_one_report_covers_an_adapter_and_a_node(node_factory: Any, tmp_path: Path) -> None:
    node = node_factory()
    node.start()
    folder = tmp_path / "report"
    code = main(
        [
            "conformance",
            "run",
            "--adapter",
            REFERENCE,
            "--node",
            node.url,
            "--kit",
            str(node.kit.folder),
            "--test",
            "KP-V-SCH-000*",
            "--test",
            "KP-V-EXC-*",
            "--report-dir",
            str(folder),
            "--no-progress",
        ]
    )
    assert code == 0
    report = read_report(folder / "report.jsonl")
    assert {r["area"] for r in report.records} == {"schema", "exchange"}
    exchange = {r["id"]: r["grade"] for r in report.records if r["area"] == "exchange"}
    assert exchange.pop("KP-V-EXC-0017") == "not-applicable"  # no restart command given
    assert set(exchange.values()) == {"pass"}
    assert len([r for r in report.records if r["area"] == "exchange"]) == len(scenarios())
    assert report.header["transport"].endswith(f"exchange protocol at {node.url}")
    assert report.header["implementation"]["node"] == node.url
    assert "exchange" in report.header["implementation"]["roles"]
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["roles"]["exchange"]["MUST"]["rate"] == 1.0
    assert summary["roles"]["validator"]["MUST"]["rate"] == 1.0
    assert summary["conformant"] is None  # a selection of tests: no conformance claim


def test_a_node_alone_and_the_old_spelling(node_factory: Any, tmp_path: Path) -> None:
    node = node_factory()
    node.start()
    kit = str(node.kit.folder)
    run = ["conformance", "run", "--node", node.url, "--kit", kit, "--no-progress"]
    assert main([*run, "--report-dir", str(tmp_path / "a")]) == 0
    report = read_report(tmp_path / "a" / "report.jsonl")
    assert {r["area"] for r in report.records} == {"exchange"}
    assert report.footer["conformant"] is True
    old = ["conformance", "exchange", "--url", node.url, "--kit", kit]
    assert main([*old, "--report-dir", str(tmp_path / "b")]) == 0
    again = read_report(tmp_path / "b" / "report.jsonl")
    assert [r["id"] for r in again.records] == [r["id"] for r in report.records]
    assert (tmp_path / "b" / "report.html").is_file()


def test_a_node_is_sent_documents_of_the_version_it_claims(
    node_factory: Any, tmp_path: Path
) -> None:
    node = node_factory()
    node.start()
    for claimed in ("1.0", "1.1"):
        stream = io.StringIO()
        run_suite(
            load_suite(areas=["exchange"]),
            None,
            stream,
            RunOptions(versions=(claimed,), tests=("KP-V-EXC-0001", "KP-V-EXC-0005")),
            node=ExchangeTarget(node.url, node.kit),
        )
        report = parse_report(io.StringIO(stream.getvalue()))
        assert report.header["runner"]["versions"] == [claimed]
        assert [(r["id"], r["grade"]) for r in report.records] == [
            ("KP-V-EXC-0001", "pass"),
            ("KP-V-EXC-0005", "pass"),
        ]
    template = _certificate_template(SUITE_DIR / "issuance" / "context", "1.1")
    assert template["specVersion"] == "1.1"


def test_a_test_the_runner_has_no_scenario_for_is_errored(
    node_factory: Any, tmp_path: Path
) -> None:
    node = node_factory()
    node.start()
    suite = load_suite(areas=["exchange"])
    manifest = suite.manifests[0]
    unknown = dataclasses.replace(manifest.scenarios[0], id="KP-V-EXC-0099", name="from-the-future")
    newer = dataclasses.replace(
        suite, manifests=(dataclasses.replace(manifest, scenarios=(unknown,)),)
    )
    stream = io.StringIO()
    run_suite(newer, None, stream, node=ExchangeTarget(node.url, node.kit))
    record = parse_report(io.StringIO(stream.getvalue())).records[0]
    assert (record["grade"], record["detail"]) == (
        "errored",
        "this runner has no scenario 'from-the-future'",
    )


def test_node_without_a_kit_is_bad_usage(tmp_path: Path) -> None:
    assert main(["conformance", "run", "--node", "http://127.0.0.1:9"]) == 2


def test_a_kit_that_cannot_be_used_aborts_the_exchange_tests_with_the_reason(
    tmp_path: Path,
) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    kit = make_kit(tmp_path / "kit", url)
    kit.trust_anchor.unlink()
    report = io.StringIO()
    assert run_exchange(ExchangeTarget(url, kit, timeout=2.0), report) == []
    footer = parse_report(io.StringIO(report.getvalue())).footer
    assert footer["aborted"].startswith("the exchange tests could not go on")
    assert footer["conformant"] is False
