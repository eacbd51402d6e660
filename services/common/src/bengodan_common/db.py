"""Database plumbing shared by the services: engine, session dependency, UTC timestamps, naming convention."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def apply_naming_convention(metadata: MetaData) -> None:
    metadata.naming_convention = NAMING_CONVENTION


# Constraint names are fixed when a table is defined, so the convention must be in place before any model
# class exists; every model module imports this one first.
apply_naming_convention(SQLModel.metadata)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def ensure_sqlite_dir(url: str) -> None:
    """Create the parent directory of a SQLite file (the local defaults live under var/)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        sqlite_transactions(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10)


def sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, decide where a SQLite transaction begins (SQLAlchemy's pysqlite recipe,
    "Serializable isolation / Savepoints / Transactional DDL").

    Left to itself pysqlite emits `BEGIN` only before an INSERT/UPDATE/DELETE: the reads before it run outside
    the transaction, DDL is not transactional, and a SAVEPOINT taken before the first write opens a transaction
    of its own, so releasing it commits its part for good (`session.begin_nested()` then rolls back nothing of
    it with the outer transaction). Here pysqlite is put in autocommit mode and `BEGIN` is emitted when
    SQLAlchemy begins a transaction: savepoints, DDL and reads are inside it, as on PostgreSQL.

    What follows from SQLite's serializable transactions: a transaction reads from the snapshot of its first
    read until it ends (a long-lived Session sees later commits only after commit or rollback), and in WAL mode
    a transaction that has read and then writes after another connection committed fails at once with
    "database is locked" (SQLITE_BUSY_SNAPSHOT; busy_timeout does not wait for it).
    Do not set `isolation_level` on such an engine or its connections: pysqlite's setting of the same name
    would be reset.
    """

    @event.listens_for(engine, "connect")
    def _no_pysqlite_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_BEGIN_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


_BEGIN_IMMEDIATE = "bengodan_sqlite_begin_immediate"


def for_writes(engine: Engine) -> Engine:
    """The engine for a unit of work that will write. On SQLite its transactions take the write lock at
    `BEGIN IMMEDIATE`, so two writers queue on busy_timeout instead of the second failing with "database is
    locked" when it turns from reading to writing (a login reads the user, then records the login, while the
    outbox relay writes). Reads keep plain `BEGIN` and run side by side. Other databases: the engine itself."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{_BEGIN_IMMEDIATE: True})


def get_session(request: Request) -> Iterator[Session]:
    """Session per request: commits when the endpoint succeeds, rolls back when it raises. Requests that may
    write (every method but GET, HEAD and OPTIONS) take SQLite's write lock when they begin.

    Use with `Depends(get_session, scope="function")` so the commit happens before the response is sent.
    """
    writes = request.method not in ("GET", "HEAD", "OPTIONS")
    yield from _session(request.app.state.engine, writes=writes)


def get_writing_session(request: Request) -> Iterator[Session]:
    """`get_session` for endpoints that write whatever the method: a GET that leaves an audit entry."""
    yield from _session(request.app.state.engine, writes=True)


def _session(engine: Engine, *, writes: bool) -> Iterator[Session]:
    if writes:
        engine = for_writes(engine)
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
