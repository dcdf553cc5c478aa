"""The databases the node tests run on: SQLite always, PostgreSQL when `.ci/run` (or the
reader) names a server in ``KP_TEST_POSTGRES_URL``; one definition for every node test file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples" / "exchange"))
import harness  # noqa: E402 (examples/exchange is not a package)

DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get("KP_TEST_POSTGRES_URL"),
            reason="KP_TEST_POSTGRES_URL names no PostgreSQL server (.ci/run starts one)",
        ),
    ),
]
"""The values of a test's database parameter."""


def databases(kind: str, folder: Path | None, count: int) -> list[str]:
    """``count`` fresh databases of a kind: SQLite files in ``folder`` (relative names, for a
    node's own folder, when it is None), or new PostgreSQL databases on the server
    ``KP_TEST_POSTGRES_URL`` names."""
    if kind == "postgresql":
        return harness.postgres_databases(os.environ["KP_TEST_POSTGRES_URL"], count)
    names = [f"db-{n}.sqlite" for n in range(count)]
    return names if folder is None else [str(folder / name) for name in names]
