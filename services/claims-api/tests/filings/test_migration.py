"""Revision 0008 adds the filing settings and the counsel of a case (one settings row per case) and the
claimants' representative, keeping the existing rows; the downgrade drops them and keeps the claimants."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command

from bengodan_common.db import make_engine
from bengodan_common.migrations import alembic_config, upgrade
from bengodan_common.testing import empty_database as new_empty_database
from claims_api.core.db import ALEMBIC_INI

NOW = "2026-11-30 00:00:00"


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with new_empty_database(tmp_path, "filing-settings-migration") as url:
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
                "INSERT INTO claimants (id, case_id, kind, name, office_name, reminder_consent,"
                " insurer_sharing_consent, created_at, updated_at)"
                " VALUES (7, 1, 'sr_corporation', '旧 登録者', '社会保険労務士法人旧', true, false, :now, :now)"
            ),
            {"now": NOW},
        )
    engine.dispose()


def _settings_row(connection: sa.Connection) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO case_filing_settings (case_id, office_name, office_postal_code, office_address, office_phone,"
            " office_fax, complaint_cause, related_facts, mediation_dispute, mediation_resolution_items, created_at,"
            " updated_at) VALUES (1, '', '', '', '', '', '', '', '', '[]', :now, :now)"
        ),
        {"now": NOW},
    )


def test_the_tables_and_the_representative_arrive_and_leave_without_touching_the_claimants(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0007")
    _old_rows(empty_database)

    upgrade(ALEMBIC_INI, empty_database, revision="0008")

    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            row = connection.execute(sa.text("SELECT name, office_name, representative FROM claimants")).one()
            assert (row.name, row.office_name, row.representative) == ("旧 登録者", "社会保険労務士法人旧", None)
            _settings_row(connection)
            connection.execute(
                sa.text(
                    "INSERT INTO case_counsel (case_id, position, name, title)"
                    " VALUES (1, 0, '甲野 太郎', '弁護士'), (1, 1, '乙山 花子', '弁護士')"
                )
            )
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
            _settings_row(connection)  # one row per case
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
            connection.execute(
                sa.text("INSERT INTO case_counsel (case_id, position, name, title) VALUES (1, 1, '丙川', '弁護士')")
            )
    finally:
        engine.dispose()

    command.downgrade(alembic_config(ALEMBIC_INI, empty_database), "0007")
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            assert "representative" not in {c["name"] for c in inspector.get_columns("claimants")}
            assert not {"case_filing_settings", "case_counsel"} & set(inspector.get_table_names())
            assert connection.execute(sa.text("SELECT name FROM claimants WHERE id = 7")).scalar_one() == "旧 登録者"
    finally:
        engine.dispose()
