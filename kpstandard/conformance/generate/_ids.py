"""The id ledger: every test id ever given, so that none is renumbered or reused.

``conformance/ids.json`` maps each id to the key of the vector it names (``area/name/variant``).
A new vector takes the next free number of its area; a vector that is no longer generated keeps its
id, retired, and that number is never given again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpstandard.conformance._manifest import AREAS

__all__ = ["LEDGER", "Ledger"]

LEDGER = "ids.json"

_COMMENT = (
    "Every conformance test id ever given, with the key of its vector (area/name/variant). "
    "Written by `kpcert conformance generate`; ids are never renumbered and never reused: a vector "
    "that is no longer generated keeps its id under 'retired'."
)


@dataclass
class Ledger:
    ids: dict[str, str] = field(default_factory=dict)
    """Active ids: id -> key."""
    retired: dict[str, dict[str, str]] = field(default_factory=dict)
    """Retired ids: id -> {"key": ..., "reason": ...}."""

    @classmethod
    def read(cls, folder: Path) -> Ledger:
        path = folder / LEDGER
        if not path.is_file():
            return cls()
        value = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(value.get("ids", {})), dict(value.get("retired", {})))

    def dumps(self) -> bytes:
        value: dict[str, Any] = {
            "$comment": _COMMENT,
            "ids": dict(sorted(self.ids.items())),
            "retired": dict(sorted(self.retired.items())),
        }
        return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()

    def by_key(self) -> Mapping[str, str]:
        return {key: id_ for id_, key in self.ids.items()}

    def _next(self, area: str) -> str:
        prefix = f"KP-V-{AREAS[area]}-"
        used = [
            int(i.removeprefix(prefix)) for i in (*self.ids, *self.retired) if i.startswith(prefix)
        ]
        return f"{prefix}{max(used, default=0) + 1:04d}"

    def allocate(self, key: str) -> str:
        """The id of ``key``, given now if it has none."""
        existing = self.by_key().get(key)
        if existing is not None:
            return existing
        for id_, entry in self.retired.items():
            if entry["key"] == key:  # the same vector back: its own id again
                del self.retired[id_]
                self.ids[id_] = key
                return id_
        new = self._next(key.split("/", 1)[0])
        self.ids[new] = key
        return new

    def retire_all_but(self, keys: set[str], reason: str) -> list[str]:
        """Retire the ids whose vectors are no longer generated; return them."""
        gone = [id_ for id_, key in self.ids.items() if key not in keys]
        for id_ in gone:
            self.retired[id_] = {"key": self.ids.pop(id_), "reason": reason}
        return gone
