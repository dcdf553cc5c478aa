"""The embedded registry store: one SQLite file, with the standard library's ``sqlite3``.

Why ``sqlite3`` and not SQLAlchemy: an authority without other software needs no dependency to
keep its registry, and the store is four statements; the exchange node's PostgreSQL store
implements the same :class:`~kpstandard.registry.Registry` interface. The SQL below is the
portable subset (TEXT, INTEGER, primary keys; instants as UTC ISO 8601 text, which sort as
instants) and the schema is a numbered list of migrations, applied in order and recorded in
``schema_migrations``: a new version of the schema is a new entry, never an edit.
"""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

from kpstandard.registry._registry import Entry, RegistryError

__all__ = ["MIGRATIONS", "SQLiteRegistry"]

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE certificates (
        number TEXT PRIMARY KEY,
        participant TEXT NOT NULL,
        authority TEXT NOT NULL,
        date_of_issue TEXT NOT NULL,
        digest_sha256 TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE TABLE notices (
        notice_number TEXT PRIMARY KEY,
        certificate_number TEXT NOT NULL REFERENCES certificates (number),
        signed BLOB NOT NULL,
        stored_seq INTEGER NOT NULL
    );
    CREATE INDEX notices_by_certificate ON notices (certificate_number, stored_seq);
    """,
)
"""The schema, one migration per entry; entry n (from 1) is schema version n."""


def _instant(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)


class SQLiteRegistry:
    """A registry in one SQLite file (``":memory:"`` for tests); migrated when opened."""

    def __init__(self, path: str | Path) -> None:
        try:
            self._db = sqlite3.connect(str(path), isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as exc:
            raise RegistryError(f"cannot open the registry {path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteRegistry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        current = self.schema_version
        if current > len(MIGRATIONS):
            raise RegistryError(
                f"the registry's schema is version {current}, newer than this library "
                f"({len(MIGRATIONS)})"
            )
        for version, script in enumerate(MIGRATIONS[current:], current + 1):
            now = _instant(datetime.datetime.now(datetime.UTC))
            self._db.executescript(
                f"BEGIN; {script}; INSERT INTO schema_migrations VALUES ({version}, '{now}'); "
                "COMMIT;"
            )

    def insert(self, entry: Entry) -> Entry:
        self._db.execute(
            "INSERT INTO certificates VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING",
            (
                entry.number,
                entry.participant,
                entry.authority,
                entry.date_of_issue.isoformat(),
                entry.digest,
                _instant(entry.recorded_at),
            ),
        )
        stored = self.entry(entry.number)
        assert stored is not None
        return stored

    def entry(self, number: str) -> Entry | None:
        row = self._db.execute(
            "SELECT number, participant, authority, date_of_issue, digest_sha256, recorded_at "
            "FROM certificates WHERE number = ?",
            (number,),
        ).fetchone()
        if row is None:
            return None
        return Entry(
            row[0], row[1], row[2], datetime.date.fromisoformat(row[3]), row[4], _parse(row[5])
        )

    def insert_notice(self, number: str, notice_number: str, signed: bytes) -> None:
        self._db.execute(
            "INSERT INTO notices VALUES (?, ?, ?, "
            "(SELECT COALESCE(MAX(stored_seq), 0) + 1 FROM notices)) "
            "ON CONFLICT (notice_number) DO NOTHING",
            (notice_number, number, signed),
        )

    def notices(self, number: str) -> list[bytes]:
        rows = self._db.execute(
            "SELECT signed FROM notices WHERE certificate_number = ? ORDER BY stored_seq",
            (number,),
        ).fetchall()
        return [bytes(row[0]) for row in rows]
