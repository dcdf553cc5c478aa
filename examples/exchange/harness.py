"""Run reference nodes as real processes on loopback: for the tests, the fault-injection run and
the benchmark (TEST ONLY). Each node is ``python -m kpstandard.cli node serve --config FILE``, so
it can be killed with SIGKILL and restarted like a real deployment."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class NodeProcess:
    """One node process; ``start``, ``kill`` (SIGKILL), ``stop`` (SIGTERM), ``wait_ready``."""

    def __init__(self, config: Path, port: int, log: Path) -> None:
        self.config = config
        self.port = port
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kpstandard.cli",
                    "node",
                    "serve",
                    "--config",
                    str(self.config),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"node exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/health", timeout=1.0).status_code == 200:
                    return
            time.sleep(0.1)
        raise TimeoutError(f"node on {self.port} not ready: {self.log.read_text()[-2000:]}")

    def health(self) -> dict[str, int]:
        return dict(httpx.get(self.url + "/health", timeout=5.0).json())

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def postgres_databases(url: str, count: int) -> list[str]:
    """Create ``count`` fresh databases on a PostgreSQL server; return their URLs."""
    import sqlalchemy as sa

    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    made = []
    with engine.connect() as conn:
        for _ in range(count):
            name = "kpnode_" + uuid.uuid4().hex[:12]
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            made.append(engine.url.set(database=name).render_as_string(hide_password=False))
    engine.dispose()
    return made
