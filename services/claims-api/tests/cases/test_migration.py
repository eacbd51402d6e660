"""Revision 0007 gives existing cases the firm's success fee policy (10%, no tax) and keeps the rows that refer
to them; the rate is refused outside 0–100% by the database too; the downgrade keeps the cases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from bengodan_common.db import make_engine
from bengodan_common.migrations import alembic_config, upgrade
from bengodan_common.testing import empty_database as new_empty_database
from claims_api.core.db import ALEMBIC_INI

NOW = "2026-11-01 00:00:00"


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with new_empty_database(tmp_path, "case-settings-migration") as url:
        yield url


def _old_rows(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO cases (id, name, title, defendant_name, defendant_address, defendant_representative,"
                " court, incident_date, reputation_amount, created_at, updated_at)"
                " VALUES (1, '旧事件', '損害賠償等請求事件', '被告', '大阪市', '代表者', '大阪地方裁判所',"
                " '2023-06-05', 1000000, :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            sa.text(
                "INSERT INTO claimants (id, case_id, kind, name, reminder_consent, insurer_sharing_consent,"
                " created_at, updated_at) VALUES (7, 1, 'sr_individual', '旧 登録者', true, false, :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            sa.text(
                "INSERT INTO proceedings (id, case_id, kind, name, court, status, created_at)"
                " VALUES (2, 1, 'lawsuit', '本訴訟', '大阪地方裁判所', 'preparing', :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            sa.text("INSERT INTO proceeding_members (id, proceeding_id, claimant_id, number) VALUES (1, 2, 7, 1)")
        )
    engine.dispose()


def _count(connection: sa.Connection, table: str) -> int:
    return int(connection.execute(sa.select(sa.func.count()).select_from(sa.table(table))).scalar_one())


def test_existing_cases_get_ten_percent_without_tax_and_keep_their_rows(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0006")
    _old_rows(empty_database)

    upgrade(ALEMBIC_INI, empty_database, revision="0007")

    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                sa.text("SELECT name, success_fee_rate_bp, success_fee_consumption_tax FROM cases WHERE id = 1")
            ).one()
            assert (row.name, row.success_fee_rate_bp, bool(row.success_fee_consumption_tax)) == ("旧事件", 1000, False)
            assert (_count(connection, "claimants"), _count(connection, "proceeding_members")) == (1, 1)
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
            connection.execute(sa.text("UPDATE cases SET success_fee_rate_bp = 10001 WHERE id = 1"))
    finally:
        engine.dispose()

    command.downgrade(alembic_config(ALEMBIC_INI, empty_database), "0006")
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            columns = {c["name"] for c in sa.inspect(connection).get_columns("cases")}
            assert "success_fee_rate_bp" not in columns and "success_fee_consumption_tax" not in columns
            assert (_count(connection, "cases"), _count(connection, "proceeding_members")) == (1, 1)
    finally:
        engine.dispose()
