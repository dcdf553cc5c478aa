"""The node's database: the issuing registry, the outbox, the inbox, the quarantine, the nonces.

One code path for SQLite (the default: one file, WAL mode, nothing to install) and PostgreSQL
(production), through SQLAlchemy Core. The schema is a numbered list of migrations recorded in
``schema_migrations``, as the registry's own SQLite store does: a new version of the schema is a
new entry, never an edit. The registry tables are the registry's (``certificates``, ``notices``),
so :class:`NodeStore` is a :class:`kpstandard.registry.Registry`, and :meth:`NodeStore.issue`
writes the registry entry and the outbox row in one transaction: a crash never records a
certificate without its delivery, nor queues a delivery of an unrecorded certificate.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kpstandard.registry import Entry

__all__ = ["InboxItem", "NodeStore", "OutboxItem"]

UTC = datetime.UTC
metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.String(32), nullable=False),
)
certificates = sa.Table(
    "certificates",
    metadata,
    sa.Column("number", sa.String(32), primary_key=True),
    sa.Column("participant", sa.String(2), nullable=False),
    sa.Column("authority", sa.String(64), nullable=False),
    sa.Column("date_of_issue", sa.String(10), nullable=False),
    sa.Column("digest_sha256", sa.String(64), nullable=False),
    sa.Column("recorded_at", sa.String(32), nullable=False),
)
notices = sa.Table(
    "notices",
    metadata,
    sa.Column("notice_number", sa.String(32), primary_key=True),
    sa.Column("certificate_number", sa.String(32), nullable=False),
    sa.Column("signed", sa.LargeBinary, nullable=False),
    sa.Column("stored_seq", sa.Integer, nullable=False),
)


def _outbox_table(name: str) -> sa.Table:
    """The outbox as of schema 3 (under another name while a migration rebuilds it)."""
    return sa.Table(
        name,
        metadata if name == "outbox" else sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("receiver", sa.String(80), nullable=False),
        sa.Column("document_type", sa.String(32), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("digest_sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),  # pending | delivered | failed
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Float, nullable=False),  # epoch seconds, for ordering only
        sa.Column("last_error", sa.Text),
        sa.Column("receipt", sa.LargeBinary),
        sa.Column("delivered_at", sa.String(32)),
        # schema 2: a relayed message's sender (a hub); schema 3: "" for this node's own, and a
        # message is its (sender, message id): two senders may choose the same message id.
        sa.Column("sender", sa.String(80), nullable=False, server_default=""),
        sa.UniqueConstraint("sender", "message_id", name="outbox_message"),
    )


outbox = _outbox_table("outbox")
sa.Index("outbox_due", outbox.c.state, outbox.c.next_attempt_at)

inbox = sa.Table(
    "inbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # the pull cursor
    sa.Column("message_id", sa.String(64), nullable=False),
    sa.Column("sender", sa.String(80), nullable=False),
    sa.Column("document_type", sa.String(32), nullable=False),
    sa.Column("participant", sa.String(2), nullable=False),
    sa.Column("number", sa.String(64), nullable=False),
    sa.Column("digest_sha256", sa.String(64), nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
    sa.Column("received_at", sa.String(32), nullable=False),
    sa.Column("receipt", sa.LargeBinary, nullable=False),
    sa.UniqueConstraint("document_type", "participant", "number", name="inbox_document"),
)
quarantine = sa.Table(
    "quarantine",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("message_id", sa.String(64), nullable=False),
    sa.Column("sender", sa.String(80), nullable=False),
    sa.Column("received_at", sa.String(32), nullable=False),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("findings", sa.Text, nullable=False),  # JSON
    sa.Column("body", sa.LargeBinary, nullable=False),
)
nonces = sa.Table(
    "nonces",
    metadata,
    sa.Column("key_id", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(64), primary_key=True),
    sa.Column("seen_at", sa.Float, nullable=False),
)

# schema 4: the lookups a request makes, indexed (they read the whole table before): a document
# in the outbox by type and number (the certificate an import confirmation confirms, a
# certificate queued again), a message by receiver and id (a pulled message acknowledged), and a
# sender's message in the inbox and the quarantine (tracking).
INDEXES = (
    sa.Index("outbox_document", outbox.c.document_type, outbox.c.number),
    sa.Index("outbox_receiver_message", outbox.c.receiver, outbox.c.message_id),
    sa.Index("inbox_message", inbox.c.sender, inbox.c.message_id),
    sa.Index("quarantine_message", quarantine.c.sender, quarantine.c.message_id),
)

# schema 5: the nonces forgotten on every request by age (a full scan of ``nonces`` before), a
# sender's quarantined deliveries in a period (the quarantine quota), and the receipts of a
# document delivered again under another message id (tracking and the receipt answer that id).
INDEXES_V5 = (
    sa.Index("nonces_seen", nonces.c.seen_at),
    sa.Index("quarantine_sender_time", quarantine.c.sender, quarantine.c.received_at),
)
redeliveries = sa.Table(
    "redeliveries",
    metadata,
    sa.Column("sender", sa.String(80), primary_key=True),
    sa.Column("message_id", sa.String(64), primary_key=True),
    sa.Column("inbox_id", sa.Integer, nullable=False),  # the document as first accepted
    sa.Column("received_at", sa.String(32), nullable=False),  # this delivery's instant
    sa.Column("receipt", sa.LargeBinary, nullable=False),  # about this message id
)

pull_cursors = sa.Table(  # schema 2: how far this node has pulled from each peer or hub
    "pull_cursors",
    metadata,
    sa.Column("peer", sa.String(80), primary_key=True),
    sa.Column("cursor", sa.Integer, nullable=False),
)

_V1 = (certificates, notices, outbox, inbox, quarantine, nonces)


def _v2(conn: Connection) -> None:
    """Relaying (a hub) and pull mode: ``outbox.sender`` and ``pull_cursors``. A database created
    by this version already has the column (the table is declared with it)."""
    if "sender" not in {c["name"] for c in sa.inspect(conn).get_columns("outbox")}:
        conn.execute(sa.text("ALTER TABLE outbox ADD COLUMN sender VARCHAR(80)"))
    metadata.create_all(conn, tables=[pull_cursors])


def _v3(conn: Connection) -> None:
    """A message is (sender, message id), no longer the message id alone: a hub relays for many
    senders, and two of them may choose the same id. ``outbox.sender`` becomes "" for this node's
    own messages (it was NULL) and NOT NULL, and the unique key moves from ``message_id`` to
    (``sender``, ``message_id``). PostgreSQL alters the table in place; SQLite cannot drop a
    constraint, so the table is rebuilt (its documented procedure: new table, copy, drop,
    rename), ids kept."""
    conn.execute(sa.text("UPDATE outbox SET sender = '' WHERE sender IS NULL"))
    if conn.dialect.name == "postgresql":
        for unique in sa.inspect(conn).get_unique_constraints("outbox"):
            if unique["column_names"] == ["message_id"]:
                conn.execute(sa.text(f'ALTER TABLE outbox DROP CONSTRAINT "{unique["name"]}"'))
        conn.execute(sa.text("ALTER TABLE outbox ALTER COLUMN sender SET DEFAULT ''"))
        conn.execute(sa.text("ALTER TABLE outbox ALTER COLUMN sender SET NOT NULL"))
        if "outbox_message" not in {
            u["name"] for u in sa.inspect(conn).get_unique_constraints("outbox")
        }:
            conn.execute(
                sa.text(
                    "ALTER TABLE outbox ADD CONSTRAINT outbox_message UNIQUE (sender, message_id)"
                )
            )
        return
    rebuilt = _outbox_table("outbox_v3")
    rebuilt.create(conn)
    names = ", ".join(c.name for c in rebuilt.columns)
    conn.execute(sa.text(f"INSERT INTO outbox_v3 ({names}) SELECT {names} FROM outbox"))
    conn.execute(sa.text("DROP TABLE outbox"))
    conn.execute(sa.text("ALTER TABLE outbox_v3 RENAME TO outbox"))
    conn.execute(sa.text("CREATE INDEX outbox_due ON outbox (state, next_attempt_at)"))


def _v4(conn: Connection) -> None:
    """Indexes for the lookups by document and by message (``INDEXES``). A database created by
    this version has some already (schema 1 creates the tables as declared, with their indexes;
    SQLite's rebuild in schema 3 drops the outbox's), so each is created only if missing."""
    for index in INDEXES:
        index.create(conn, checkfirst=True)


def _v5(conn: Connection) -> None:
    """``INDEXES_V5`` (each only if missing: schema 1 creates the tables with their declared
    indexes) and the ``redeliveries`` table."""
    for index in INDEXES_V5:
        index.create(conn, checkfirst=True)
    metadata.create_all(conn, tables=[redeliveries])


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    lambda conn: metadata.create_all(conn, tables=list(_V1)),
    _v2,
    _v3,
    _v4,
    _v5,
)
"""The schema, one migration per entry; entry n (from 1) is schema version n."""


def instant(value: datetime.datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    message_id: str
    receiver: str
    document_type: str
    number: str
    digest: str
    body: bytes
    state: str
    attempts: int
    next_attempt_at: float
    last_error: str | None
    receipt: bytes | None
    created_at: str
    delivered_at: str | None
    sender: str | None = None
    """The original sender of a message this node relays (a hub); None for its own."""


@dataclass(frozen=True)
class InboxItem:
    id: int
    message_id: str
    sender: str
    document_type: str
    participant: str
    number: str
    digest: str
    body: bytes
    received_at: str
    receipt: bytes


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a receipt given is a row on disk
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _url(database: str) -> str:
    if "://" in database:
        if database.startswith("postgresql://"):
            return "postgresql+psycopg://" + database[len("postgresql://") :]
        return database
    return f"sqlite:///{database}"


class NodeStore:
    """The node's database at a URL (``sqlite:///path``, ``postgresql://...``) or a file path;
    migrated when opened."""

    def __init__(self, database: str) -> None:
        url = _url(database)
        self.dialect = url.split(":", 1)[0].split("+", 1)[0]
        if self.dialect == "sqlite":
            self.engine: Engine = sa.create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 30}
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        self._migrate()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- schema --------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar() or 0
            )

    def _migrate(self) -> None:
        with self.transaction() as conn:
            metadata.create_all(conn, tables=[schema_migrations])
        with self.transaction() as conn:
            if self.dialect == "postgresql":  # one migrator at a time
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(7014)"))
            current = int(
                conn.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar() or 0
            )
            if current > len(MIGRATIONS):
                raise RuntimeError(
                    f"the node's schema is version {current}, newer than this library "
                    f"({len(MIGRATIONS)})"
                )
            for version, migration in enumerate(MIGRATIONS[current:], current + 1):
                migration(conn)
                conn.execute(
                    schema_migrations.insert().values(
                        version=version, applied_at=instant(datetime.datetime.now(UTC))
                    )
                )

    # -- the Registry interface ------------------------------------------------------------------
    def insert(self, entry: Entry) -> Entry:
        with self.transaction() as conn:
            self._insert_entry(conn, entry)
        stored = self.entry(entry.number)
        assert stored is not None
        return stored

    def _insert_entry(self, conn: Connection, entry: Entry) -> Entry:
        found = self._entry(conn, entry.number)
        if found is not None:
            return found
        conn.execute(
            certificates.insert().values(
                number=entry.number,
                participant=entry.participant,
                authority=entry.authority,
                date_of_issue=entry.date_of_issue.isoformat(),
                digest_sha256=entry.digest,
                recorded_at=instant(entry.recorded_at),
            )
        )
        return entry

    def _entry(self, conn: Connection, number: str) -> Entry | None:
        row = conn.execute(sa.select(certificates).where(certificates.c.number == number)).first()
        if row is None:
            return None
        return Entry(
            row.number,
            row.participant,
            row.authority,
            datetime.date.fromisoformat(row.date_of_issue),
            row.digest_sha256,
            parse_instant(row.recorded_at),
        )

    def entry(self, number: str) -> Entry | None:
        with self.engine.connect() as conn:
            return self._entry(conn, number)

    def insert_notice(self, number: str, notice_number: str, signed: bytes) -> None:
        with self.transaction() as conn:
            if conn.execute(
                sa.select(notices.c.notice_number).where(notices.c.notice_number == notice_number)
            ).first():
                return
            seq = conn.execute(sa.select(sa.func.max(notices.c.stored_seq))).scalar() or 0
            conn.execute(
                notices.insert().values(
                    notice_number=notice_number,
                    certificate_number=number,
                    signed=signed,
                    stored_seq=seq + 1,
                )
            )

    def notices(self, number: str) -> list[bytes]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(notices.c.signed)
                .where(notices.c.certificate_number == number)
                .order_by(notices.c.stored_seq)
            ).all()
        return [bytes(row.signed) for row in rows]

    # -- outbox ----------------------------------------------------------------------------------
    def enqueue(
        self,
        conn: Connection,
        *,
        message_id: str,
        receiver: str,
        document_type: str,
        number: str,
        digest: str,
        body: bytes,
        now: float,
        sender: str | None = None,
    ) -> None:
        conn.execute(
            outbox.insert().values(
                sender=sender or "",
                message_id=message_id,
                receiver=receiver,
                document_type=document_type,
                number=number,
                digest_sha256=digest,
                body=body,
                created_at=instant(datetime.datetime.fromtimestamp(now, UTC)),
                state="pending",
                attempts=0,
                next_attempt_at=now,
            )
        )

    def hold(self, **outgoing: Any) -> tuple[OutboxItem, bool]:
        """Queue a message this node relays (a hub) once; return the stored row and whether it
        is new. Two concurrent deliveries of one message race on the unique key (sender,
        message id): the loser reads the winner's row (it raised IntegrityError, answered 503;
        found by tests/test_node_attack.py)."""
        try:
            with self.transaction() as conn:
                self.enqueue(conn, **outgoing)
            new = True
        except sa.exc.IntegrityError:
            new = False
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(outbox).where(
                    outbox.c.sender == (outgoing.get("sender") or ""),
                    outbox.c.message_id == outgoing["message_id"],
                )
            ).first()
        assert row is not None
        return _outbox_item(row), new

    def issue(self, entry: Entry, **outgoing: Any) -> Entry:
        """Record a certificate in the registry and queue its delivery, in one transaction.

        If the number is recorded with the same digest, nothing is queued again (the first
        delivery stands); with another digest nothing is written and the stored entry returned.
        """
        with self.transaction() as conn:
            found = self._entry(conn, entry.number)
            if found is not None:
                return found
            self._insert_entry(conn, entry)
            self.enqueue(conn, **outgoing)
        return entry

    def due(self, now: float, limit: int = 50, held: tuple[str, ...] = ()) -> list[OutboxItem]:
        """Pending deliveries due by ``now``, except those for ``held`` receivers (they pull)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox)
                .where(
                    outbox.c.state == "pending",
                    outbox.c.next_attempt_at <= now,
                    outbox.c.receiver.not_in(held),
                )
                .order_by(outbox.c.next_attempt_at, outbox.c.id)
                .limit(limit)
            ).all()
        return [_outbox_item(row) for row in rows]

    def next_due(self, held: tuple[str, ...] = ()) -> float | None:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(sa.func.min(outbox.c.next_attempt_at)).where(
                    outbox.c.state == "pending", outbox.c.receiver.not_in(held)
                )
            ).scalar()
        return None if value is None else float(value)

    def outbox_items(self, *, state: str | None = None, limit: int = 1000) -> list[OutboxItem]:
        query = sa.select(outbox).order_by(outbox.c.id.desc()).limit(limit)
        if state:
            query = query.where(outbox.c.state == state)
        with self.engine.connect() as conn:
            return [_outbox_item(row) for row in conn.execute(query).all()]

    def outbox_item(self, message_id: str, sender: str | None = None) -> OutboxItem | None:
        """The outbox row of a message: this node's own (``sender`` None), or one it relays for
        ``sender``. A message is (sender, message id): two senders may choose the same id."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(outbox).where(
                    outbox.c.sender == (sender or ""), outbox.c.message_id == message_id
                )
            ).first()
        return None if row is None else _outbox_item(row)

    def latest_document(
        self, document_type: str, number: str, *, own: bool = False
    ) -> OutboxItem | None:
        """The latest outbox row of a document by type and number (index ``outbox_document``):
        this node's own or, unless ``own``, one it relays for another sender (a hub)."""
        query = (
            sa.select(outbox)
            .where(outbox.c.document_type == document_type, outbox.c.number == number)
            .order_by(outbox.c.id.desc())
            .limit(1)
        )
        if own:
            query = query.where(outbox.c.sender == "")
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _outbox_item(row)

    def outbox_for(self, receiver: str, message_id: str) -> list[OutboxItem]:
        """The messages of this id held for a receiver, from any sender (an acknowledgement names
        the message id; its receipt says which sender's)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox)
                .where(outbox.c.receiver == receiver, outbox.c.message_id == message_id)
                .order_by(outbox.c.id)
            ).all()
        return [_outbox_item(row) for row in rows]

    def held_for(self, receiver: str, after: int, limit: int) -> list[OutboxItem]:
        """Pending messages for a receiver that pulls, after a cursor (the outbox row id)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(outbox)
                .where(
                    outbox.c.state == "pending",
                    outbox.c.receiver == receiver,
                    outbox.c.id > after,
                )
                .order_by(outbox.c.id)
                .limit(limit)
            ).all()
        return [_outbox_item(row) for row in rows]

    def cursor(self, peer: str) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(pull_cursors.c.cursor).where(pull_cursors.c.peer == peer)
            ).scalar()
        return int(value or 0)

    def set_cursor(self, peer: str, value: int) -> None:
        with self.transaction() as conn:
            done = conn.execute(
                pull_cursors.update().where(pull_cursors.c.peer == peer).values(cursor=value)
            )
            if not done.rowcount:
                conn.execute(pull_cursors.insert().values(peer=peer, cursor=value))

    def delivered(self, item_id: int, receipt: bytes, at: datetime.datetime) -> None:
        with self.transaction() as conn:
            conn.execute(
                outbox.update()
                .where(outbox.c.id == item_id, outbox.c.state == "pending")
                .values(state="delivered", receipt=receipt, delivered_at=instant(at))
            )

    def retry(self, item_id: int, error: str, next_attempt_at: float) -> None:
        with self.transaction() as conn:
            conn.execute(
                outbox.update()
                .where(outbox.c.id == item_id, outbox.c.state == "pending")
                .values(
                    attempts=outbox.c.attempts + 1,
                    last_error=error[:2000],
                    next_attempt_at=next_attempt_at,
                )
            )

    def failed(self, item_id: int, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                outbox.update()
                .where(outbox.c.id == item_id, outbox.c.state == "pending")
                .values(state="failed", attempts=outbox.c.attempts + 1, last_error=error[:2000])
            )

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            out: dict[str, int] = dict(
                conn.execute(
                    sa.select(outbox.c.state, sa.func.count()).group_by(outbox.c.state)
                ).all()
            )
            received = conn.execute(sa.select(sa.func.count()).select_from(inbox)).scalar() or 0
            held = conn.execute(sa.select(sa.func.count()).select_from(quarantine)).scalar() or 0
        return {
            "outbox_pending": int(out.get("pending", 0)),
            "outbox_delivered": int(out.get("delivered", 0)),
            "outbox_failed": int(out.get("failed", 0)),
            "inbox": int(received),
            "quarantine": int(held),
        }

    # -- inbox and quarantine ------------------------------------------------------------------
    def find_inbox(
        self, conn: Connection, document_type: str, participant: str, number: str
    ) -> InboxItem | None:
        row = conn.execute(
            sa.select(inbox).where(
                inbox.c.document_type == document_type,
                inbox.c.participant == participant,
                inbox.c.number == number,
            )
        ).first()
        return None if row is None else _inbox_item(row)

    def accept(self, item: dict[str, Any]) -> tuple[InboxItem, bool]:
        """Store an accepted document once; return the stored item and whether it is new.

        Two concurrent deliveries of the same document race on the unique key: the loser reads
        the winner's row (idempotent receivers, KP-REQ-102). New means this call wrote the row:
        the loser of the race is not new though its row is the same (it was answered 201 with
        the winner's receipt; found by tests/test_node_attack.py)."""
        try:
            with self.transaction() as conn:
                found = self.find_inbox(
                    conn, item["document_type"], item["participant"], item["number"]
                )
                if found is not None:
                    return found, False
                conn.execute(inbox.insert().values(**item))
            new = True
        except sa.exc.IntegrityError:
            new = False
        with self.engine.connect() as conn:
            stored = self.find_inbox(
                conn, item["document_type"], item["participant"], item["number"]
            )
        assert stored is not None
        return stored, new

    def lookup(self, document_type: str, participant: str, number: str) -> InboxItem | None:
        with self.engine.connect() as conn:
            return self.find_inbox(conn, document_type, participant, number)

    def inbox_items(self, *, after: int = 0, limit: int = 100) -> list[InboxItem]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(inbox).where(inbox.c.id > after).order_by(inbox.c.id).limit(limit)
            ).all()
        return [_inbox_item(row) for row in rows]

    def recent_outbox(self, limit: int = 200) -> list[dict[str, Any]]:
        """The newest ``limit`` outbox rows, newest first, without their bodies and receipts
        (the officer's page read up to 200 bodies of 1 MiB on each unauthenticated view)."""
        columns = [c for c in outbox.c if c.name not in ("body", "receipt")]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*columns).order_by(outbox.c.id.desc()).limit(limit)).all()
        return [dict(row._mapping) for row in rows]

    def recent_inbox(self, limit: int = 200) -> list[dict[str, Any]]:
        """The newest ``limit`` inbox rows, newest first, without their bodies (the officer's
        page: it read the first 10,000 rows with their bodies and showed the last 200 of those,
        so past 10,000 documents it never showed a new one; found by tests/test_node_attack.py).
        """
        columns = (
            inbox.c.id,
            inbox.c.received_at,
            inbox.c.document_type,
            inbox.c.number,
            inbox.c.sender,
            inbox.c.message_id,
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*columns).order_by(inbox.c.id.desc()).limit(limit)).all()
        return [dict(row._mapping) for row in rows]

    def by_message(self, sender: str, message_id: str) -> InboxItem | None:
        """The document a sender's message delivered, with the receipt that answers that
        message: the first delivery's row, or a delivery again under another message id
        (``redeliveries``), whose receipt names its own message id."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(inbox).where(inbox.c.sender == sender, inbox.c.message_id == message_id)
            ).first()
            if row is not None:
                return _inbox_item(row)
            again = conn.execute(
                sa.select(redeliveries).where(
                    redeliveries.c.sender == sender, redeliveries.c.message_id == message_id
                )
            ).first()
            if again is None:
                return None
            row = conn.execute(sa.select(inbox).where(inbox.c.id == again.inbox_id)).first()
        if row is None:
            return None
        first = _inbox_item(row)
        return InboxItem(
            first.id,
            message_id,
            first.sender,
            first.document_type,
            first.participant,
            first.number,
            first.digest,
            first.body,
            again.received_at,
            again.receipt,
        )

    def redelivered(
        self, sender: str, message_id: str, first: InboxItem, receipt: bytes, at: str
    ) -> bytes:
        """Record a document delivered again under another message id with the receipt that
        answers it; the receipt stored (a concurrent delivery of the same message may have
        recorded its own first)."""
        try:
            with self.transaction() as conn:
                conn.execute(
                    redeliveries.insert().values(
                        sender=sender,
                        message_id=message_id,
                        inbox_id=first.id,
                        received_at=at,
                        receipt=receipt,
                    )
                )
            return receipt
        except sa.exc.IntegrityError:
            with self.engine.connect() as conn:
                stored = conn.execute(
                    sa.select(redeliveries.c.receipt).where(
                        redeliveries.c.sender == sender, redeliveries.c.message_id == message_id
                    )
                ).scalar_one()
            return bytes(stored)

    def quarantine_use(self, sender: str, since: str) -> tuple[int, int]:
        """How many deliveries of a sender were quarantined since an instant, and their bytes."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(
                    sa.func.count(),
                    sa.func.coalesce(sa.func.sum(sa.func.length(quarantine.c.body)), 0),
                ).where(quarantine.c.sender == sender, quarantine.c.received_at >= since)
            ).one()
        return int(row[0]), int(row[1])

    def quarantined(self, sender: str, message_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(quarantine)
                .where(quarantine.c.sender == sender, quarantine.c.message_id == message_id)
                .order_by(quarantine.c.id.desc())
            ).first()
        if row is None:
            return None
        return {"code": row.code, "findings": json.loads(row.findings), "at": row.received_at}

    def quarantine_items(self, limit: int = 1000) -> list[dict[str, Any]]:
        """The newest quarantined deliveries, without their bodies (they were read and dropped:
        up to ``limit`` bodies of 1 MiB for each unauthenticated view of the officer's page)."""
        columns = [c for c in quarantine.c if c.name != "body"]
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(*columns).order_by(quarantine.c.id.desc()).limit(limit)
            ).all()
        return [
            {
                "id": r.id,
                "message_id": r.message_id,
                "sender": r.sender,
                "received_at": r.received_at,
                "code": r.code,
                "findings": json.loads(r.findings),
            }
            for r in rows
        ]

    def quarantine(
        self, *, message_id: str, sender: str, code: str, findings: list[Any], body: bytes
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                quarantine.insert().values(
                    message_id=message_id,
                    sender=sender,
                    received_at=instant(datetime.datetime.now(UTC)),
                    code=code,
                    findings=json.dumps(findings),
                    body=body,
                )
            )

    def use_nonce(self, key_id: str, nonce: str, now: float, window: float) -> bool:
        """Record a nonce; False if it was seen (a replay). Nonces older than twice the window
        are forgotten: a request that old is refused as stale anyway."""
        try:
            with self.transaction() as conn:
                conn.execute(nonces.delete().where(nonces.c.seen_at < now - 2 * window))
                conn.execute(nonces.insert().values(key_id=key_id, nonce=nonce, seen_at=now))
        except sa.exc.IntegrityError:
            return False
        return True


def _outbox_item(row: Any) -> OutboxItem:
    return OutboxItem(
        row.id,
        row.message_id,
        row.receiver,
        row.document_type,
        row.number,
        row.digest_sha256,
        bytes(row.body),
        row.state,
        row.attempts,
        row.next_attempt_at,
        row.last_error,
        None if row.receipt is None else bytes(row.receipt),
        row.created_at,
        row.delivered_at,
        row.sender or None,
    )


def _inbox_item(row: Any) -> InboxItem:
    return InboxItem(
        row.id,
        row.message_id,
        row.sender,
        row.document_type,
        row.participant,
        row.number,
        row.digest_sha256,
        bytes(row.body),
        row.received_at,
        bytes(row.receipt),
    )
