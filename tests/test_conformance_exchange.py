"""The exchange role of the conformance suite: the runner plays a peer node against a node under
test. The reference node passes every test; deliberately broken nodes (one that accepts forged
documents, one that stores duplicates, one that loses what it accepted on a restart) fail.

The nodes run in this process on loopback (uvicorn in a thread), over SQLite in a temporary
folder; a restart stops the server and starts a new one over the same database file.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the node needs the [node] extra")
pytest.importorskip("sqlalchemy", reason="the node needs the [node] extra")
uvicorn = pytest.importorskip("uvicorn", reason="the node needs the [node] extra")

import httpx  # noqa: E402

from kpstandard.conformance._exchange import ExchangeTarget, make_kit, run_exchange, scenarios  # noqa: E402
from kpstandard.conformance._report import parse_report  # noqa: E402
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
        lambda item: accept({**item, "number": f"{item['number']}#{item['message_id']}"}),
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
