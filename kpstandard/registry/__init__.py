"""The issuing registry: what an exporting authority issued, when its system recorded it, and
every status change since (spec/text/lifecycle.md, KP-REQ-075).

:class:`Registry` is the store's interface; :class:`SQLiteRegistry` the embedded default, one
file, with the standard library's ``sqlite3``. The exchange node shares the interface: a
PostgreSQL store sits behind the same methods (the SQL is portable, the migrations a numbered
list). :func:`record` and :func:`add_notice` verify what they store; :func:`respond` builds the
Status Response an authority signs.
"""

from __future__ import annotations

from kpstandard.registry._registry import (
    Entry,
    Registry,
    RegistryError,
    add_notice,
    record,
    respond,
)
from kpstandard.registry._sqlite import SQLiteRegistry

__all__ = [
    "Entry",
    "Registry",
    "RegistryError",
    "SQLiteRegistry",
    "add_notice",
    "record",
    "respond",
]
