"""Transactions on the engines of make_engine: a savepoint (`session.begin_nested()`) is a real part of the
outer transaction on SQLite as on PostgreSQL, DDL is transactional, and a batch migration that fails leaves
nothing behind.

SQLite always; PostgreSQL too when it is reachable (BENGODAN_TEST_DB=postgres makes it required)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.db import for_writes, make_engine
from bengodan_common.testing import backend, empty_database, postgres_reachable

metadata = sa.MetaData()
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("text", sa.String(50), nullable=False),
)


class Refused(Exception):
    pass


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    if request.param == "postgres" and backend() != "postgres" and not postgres_reachable():
        pytest.skip("PostgreSQL is not reachable (BENGODAN_TEST_DB=postgres requires it)")
    monkeypatch.setenv("BENGODAN_TEST_DB", request.param)
    with empty_database(tmp_path, "common-transactions") as url:
        engine = make_engine(url)
        metadata.create_all(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def _stored(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.select(notes).order_by(notes.c.id))]


def _add(session: Session, id_: int, text: str) -> None:
    session.execute(notes.insert().values(id=id_, text=text))


def test_a_failed_nested_part_is_rolled_back_and_the_outer_transaction_commits_the_rest(engine):
    with Session(engine) as session:
        _add(session, 1, "before")
        with pytest.raises(Refused), session.begin_nested():
            _add(session, 2, "inside, refused")
            raise Refused
        _add(session, 3, "after")
        session.commit()
    assert _stored(engine) == [(1, "before"), (3, "after")]


def test_a_nested_part_that_fails_first_thing_in_the_transaction_is_rolled_back_alone(engine):
    # The savepoint comes before any other write: with pysqlite's own transaction handling it opened the
    # transaction itself, outside what SQLAlchemy thought was the outer transaction.
    with Session(engine) as session:
        with pytest.raises(Refused), session.begin_nested():
            _add(session, 1, "refused")
            raise Refused
        _add(session, 2, "kept")
        session.commit()
    assert _stored(engine) == [(2, "kept")]


def test_a_nested_part_that_succeeded_is_undone_when_the_outer_transaction_rolls_back(engine):
    with Session(engine) as session:
        with session.begin_nested():
            _add(session, 1, "released savepoint")
        _add(session, 2, "outer")
        session.rollback()
    assert _stored(engine) == []


def test_a_failed_unique_insert_in_a_savepoint_keeps_the_outer_transaction_usable(engine):
    with Session(engine) as session:
        _add(session, 1, "first")
        with pytest.raises(sa.exc.IntegrityError), session.begin_nested():
            _add(session, 1, "duplicate")
        _add(session, 2, "second")
        session.commit()
    assert _stored(engine) == [(1, "first"), (2, "second")]


def test_ddl_is_rolled_back_with_its_transaction(engine):
    with pytest.raises(Refused), engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE scratch (id INTEGER PRIMARY KEY)"))
        connection.execute(notes.insert().values(id=1, text="with the table"))
        raise Refused
    assert "scratch" not in sa.inspect(engine).get_table_names()
    assert _stored(engine) == []


def _recreate_notes_with_a_tag(connection: sa.Connection) -> None:
    """What a batch migration does on SQLite: new table, copy, drop, rename."""
    operations = Operations(MigrationContext.configure(connection, opts={"render_as_batch": True}))
    with operations.batch_alter_table("notes", recreate="always") as batch:
        batch.add_column(sa.Column("tag", sa.String(20), nullable=False, server_default="none"))
        batch.alter_column("text", existing_type=sa.String(50), type_=sa.String(80), existing_nullable=False)


def test_a_batch_migration_that_fails_leaves_table_and_rows_as_they_were(engine):
    with engine.begin() as connection:
        connection.execute(notes.insert(), [{"id": 1, "text": "一"}, {"id": 2, "text": "二"}])
    with pytest.raises(Refused), engine.begin() as connection:
        _recreate_notes_with_a_tag(connection)
        raise Refused  # a later step of the same migration fails
    inspector = sa.inspect(engine)
    assert sorted(inspector.get_table_names()) == ["notes"]  # no _alembic_tmp_notes left over
    assert [c["name"] for c in inspector.get_columns("notes")] == ["id", "text"]
    assert _stored(engine) == [(1, "一"), (2, "二")]

    with engine.begin() as connection:
        _recreate_notes_with_a_tag(connection)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT id, text, tag FROM notes ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [(1, "一", "none"), (2, "二", "none")]


def test_two_writers_queue_instead_of_the_second_failing(engine: Engine) -> None:
    """A unit of work that reads, then writes, while another writes: both land (on SQLite the second waits at
    BEGIN IMMEDIATE; without it, its write failed at once with "database is locked")."""
    with engine.begin() as connection:
        connection.execute(notes.insert(), [{"id": 1, "text": "0"}])
    writes = for_writes(engine)
    first_has_read = threading.Event()

    def read_then_write(pause: float) -> None:
        with writes.begin() as connection:
            value = int(connection.execute(sa.select(notes.c.text).where(notes.c.id == 1)).scalar_one())
            first_has_read.set()
            time.sleep(pause)
            connection.execute(notes.update().where(notes.c.id == 1).values(text=str(value + 1)))

    first = threading.Thread(target=read_then_write, args=(0.3,))
    first.start()
    first_has_read.wait(5)
    if engine.dialect.name == "postgresql":
        first.join()  # PostgreSQL would let both read 0 (read committed); the queueing is SQLite's concern
    read_then_write(0)
    first.join()
    with engine.connect() as connection:
        assert connection.execute(sa.select(notes.c.text)).scalar_one() == "2"
