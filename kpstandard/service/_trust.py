"""The one piece of state of the service: the loaded trust list, reloaded safely.

The file is looked at (its size and modification time) at most every ``reload_interval`` seconds
when a request needs the list. A changed file is read and verified against the pinned anchor with
the current list's sequence number as the floor, so the service never goes back to an older issue
[KP-REQ-044]; a file that fails (unreadable, bad signature, older, half-written) leaves the current
list in place and the failure is reported by ``/v1/health``. Each worker process holds its own
store, and each applies the same floor, so no worker serves an older list than it had.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from kpstandard._api import load_trust_list
from kpstandard.errors import KPStandardError
from kpstandard.findings import Finding, internal_error
from kpstandard.signature.keys import load_certificate
from kpstandard.signature.trustlist import TrustList

__all__ = ["TrustStore"]


@dataclass
class TrustStore:
    path: str
    anchor_path: str
    min_sequence: int | None = None
    reload_interval: float = 2.0
    trust_list: TrustList | None = None
    findings: list[Finding] = field(default_factory=list)
    """Why the last load failed (empty after a success)."""
    _stamp: tuple[int, int] | None = None
    _checked: float = float("-inf")
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sequence(self) -> int | None:
        return None if self.trust_list is None else self.trust_list.document.sequence_number

    def current(self) -> TrustList | None:
        """The list to verify with now (reloading it first when the file changed)."""
        now = time.monotonic()
        if now - self._checked >= self.reload_interval:
            with self._lock:
                if now - self._checked >= self.reload_interval:
                    self._checked = now
                    self._reload()
        return self.trust_list

    def _reload(self) -> None:
        try:
            stat = os.stat(self.path)
        except OSError as exc:
            self.findings = [internal_error(exc, "reading the trust list file")]
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(16 * 1024 * 1024)
            with open(self.anchor_path, "rb") as handle:
                anchor = load_certificate(handle.read(1024 * 1024))
        except (OSError, KPStandardError) as exc:
            self.findings = [internal_error(exc, "reading the trust list or its anchor")]
            return
        floors = [n for n in (self.min_sequence, self.sequence) if n is not None]
        loaded, findings = load_trust_list(
            data, anchor=anchor, min_sequence=max(floors) if floors else None
        )
        self._stamp = stamp
        if loaded is None:
            self.findings = list(findings)  # keep serving the list we had
            return
        self.trust_list, self.findings = loaded, []
