from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from bengodan_common.db import UTCDateTime, make_engine
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database as new_empty_database
from claims_api.audit import chain
from claims_api.audit import service as audit
from claims_api.core.db import ALEMBIC_INI

# audit_log as revision 0001 made it: no hash columns yet.
OLD_AUDIT_LOG = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", UTCDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("detail", sa.JSON()),
    sa.column("request_id", sa.String()),
)


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with new_empty_database(tmp_path, "audit-migration") as url:
        yield url


def test_upgrade_chains_the_entries_written_before_it(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0001")
    engine = make_engine(empty_database)
    start = datetime(2026, 11, 1, 9, 30, 0, 123456, tzinfo=UTC)
    rows = [
        {
            "id": n,
            "at": start + timedelta(minutes=n),
            "actor": f"user:{n % 3}",
            "action": "claimant.update",
            "entity": "claimant",
            "entity_id": str(n) if n % 4 else None,
            "detail": {"fields": ["name", "email"], "メモ": "旧データ", "amount_before": 1_100_698, "n": n},
            "request_id": None if n % 2 else f"req-{n}",
        }
        for n in [*range(1, 1500), 1600, 1601]  # more than one batch, and an id gap
    ]
    with engine.begin() as connection:
        connection.execute(OLD_AUDIT_LOG.insert(), rows)
    engine.dispose()

    upgrade(ALEMBIC_INI, empty_database, revision="head")

    engine = make_engine(empty_database)
    try:
        with Session(engine) as session:
            result = audit.verify(session=session)
            assert (result.ok, result.entries_checked, result.reason) == (True, len(rows), None)
            assert result.last_id == 1601
            first = session.execute(sa.text("SELECT prev_hash FROM audit_log WHERE id = 1")).scalar_one()
            assert first == chain.GENESIS_HASH
            # New entries continue the backfilled chain.
            entry = audit.record(session=session, actor="user:1", action="login", entity="user", entity_id=1)
            session.commit()
            assert entry.id == 1602 and entry.prev_hash == result.last_hash
            after = audit.verify(session=session)
            assert after.ok and after.entries_checked == len(rows) + 1
    finally:
        engine.dispose()


def test_upgrade_of_an_empty_log(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="head")
    engine = make_engine(empty_database)
    try:
        with Session(engine) as session:
            assert audit.verify(session=session).entries_checked == 0
            entry = audit.record(session=session, actor="user:1", action="login", entity="user")
            session.commit()
            assert entry.prev_hash == chain.GENESIS_HASH
    finally:
        engine.dispose()
