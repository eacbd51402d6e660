"""Helpers for the services' test suites: a migrated database per suite on SQLite or PostgreSQL, cleanup
between tests, free ports.

`BENGODAN_TEST_DB=postgres` runs a suite against the PostgreSQL server at `BENGODAN_TEST_PG_URL`
(default postgresql+psycopg://postgres@127.0.0.1:5432/postgres); each suite gets a database of its own.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import Engine, make_url

from bengodan_common.migrations import upgrade

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def backend() -> str:
    return os.environ.get("BENGODAN_TEST_DB", "sqlite")


def postgres_admin_url() -> str:
    return os.environ.get("BENGODAN_TEST_PG_URL", DEFAULT_PG_URL)


def postgres_reachable() -> bool:
    try:
        engine = create_engine(postgres_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:
        return False
    return True


@contextmanager
def empty_database(workdir: Path, name: str, kind: str | None = None) -> Iterator[str]:
    """Yield the URL of a new, empty database (a SQLite file, or a PostgreSQL database dropped afterwards);
    `kind` ("sqlite" or "postgres") defaults to the test backend chosen by BENGODAN_TEST_DB."""
    if (kind or backend()) != "postgres":
        yield f"sqlite:///{workdir / (name + '.sqlite3')}"
        return
    admin_url = make_url(postgres_admin_url())
    db_name = f"bengodan_test_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{db_name}"'))
    try:
        yield admin_url.set(database=db_name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def migrated_database(alembic_ini: Path, workdir: Path, name: str) -> Iterator[str]:
    """Yield the URL of a fresh database built by `alembic upgrade head`; drop it afterwards."""
    with empty_database(workdir, name) as url:
        upgrade(alembic_ini, url)
        yield url


# Owned by a table's serial or identity column: what TRUNCATE … RESTART IDENTITY would restart.
_RESTART_SEQUENCES = text(
    """
    SELECT setval(seq.oid, 1, false)
    FROM pg_class seq
    JOIN pg_depend dep ON dep.objid = seq.oid AND dep.deptype IN ('a', 'i')
    JOIN pg_class tbl ON tbl.oid = dep.refobjid
    WHERE seq.relkind = 'S' AND tbl.relname = ANY(:tables)
    """
)


def clear_tables(engine: Engine, metadata: MetaData, *, append_only: Collection[str] = ()) -> None:
    """Empty every table of the metadata (keeps the schema and alembic_version); ids start again at 1.

    On PostgreSQL the rows are deleted, and the id sequences restarted: a TRUNCATE of every table took about
    230 ms, a test's whole set-up, as it makes new files for each table. The `append_only` tables, whose trigger
    refuses DELETE, are truncated.
    """
    tables = list(reversed(metadata.sorted_tables))
    with engine.begin() as connection:
        for table in tables:
            if table.name in append_only and engine.dialect.name == "postgresql":
                connection.execute(text(f'TRUNCATE "{table.name}"'))
            else:
                connection.execute(table.delete())
        if engine.dialect.name == "postgresql":
            connection.execute(_RESTART_SEQUENCES, {"tables": [t.name for t in tables]})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def s3_server() -> Iterator[str]:
    """A real S3 API over HTTP (moto's server) on a free port; yields its endpoint URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
