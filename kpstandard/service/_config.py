"""One configuration style for the project's HTTP servers: a frozen object with safe defaults,
passed to worker processes as JSON in one environment variable, and an app factory.

``kpcert serve`` uses it now; the exchange node (``kpcert node``) is meant to use the same shape:
its own frozen settings class with ``to_environment`` / ``from_environment`` and a factory that
uvicorn calls in each worker (``factory=True``), so that configuration is read once, checked
once, and never comes from global state.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Any

__all__ = ["ENVIRONMENT_VARIABLE", "ServiceConfig"]

ENVIRONMENT_VARIABLE = "KPCERT_SERVICE_CONFIG"


@dataclass(frozen=True, kw_only=True)
class ServiceConfig:
    """How ``kpcert serve`` runs. Every limit has a safe default."""

    host: str = "127.0.0.1"
    """Where to listen (loopback by default: put a TLS-terminating proxy in front to publish)."""
    port: int = 8080
    workers: int = 0
    """Worker processes; 0 means one per core."""
    max_body: int = 1024 * 1024
    """The largest request body accepted, in bytes (the library's input limit is 1 MiB)."""
    timeout: float = 10.0
    """Seconds a request may take before it is answered 503 (KP-SV-003)."""
    concurrency: int = 8
    """Requests judged at once in one worker; more wait, and past ``backlog`` are refused."""
    backlog: int = 64
    """Requests waiting in one worker before new ones are refused 503 (KP-SV-007)."""
    trust_list: str | None = None
    """The signed Authority Trust List file that ``/v1/verify`` uses (reloaded when it changes)."""
    trust_anchor: str | None = None
    """The list operator's certificate (PEM) the trust list must be signed with."""
    min_sequence: int | None = None
    """Refuse a trust list older than this issue (and never go back to an older one)."""
    reload_interval: float = 2.0
    """Seconds between checks of the trust list file for a change."""
    status_url: str | None = None
    """Where the issuing registry answers status queries, for the printouts' QR payload."""

    def to_environment(self) -> dict[str, str]:
        """The environment variable that carries this configuration to worker processes."""
        return {ENVIRONMENT_VARIABLE: json.dumps(dataclasses.asdict(self), sort_keys=True)}

    @classmethod
    def from_environment(cls, environ: Any = None) -> ServiceConfig:
        """The configuration a parent process put in the environment (defaults when none)."""
        raw = (environ if environ is not None else os.environ).get(ENVIRONMENT_VARIABLE)
        if not raw:
            return cls()
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in json.loads(raw).items() if k in fields})

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)
