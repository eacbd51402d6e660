"""Revision 0003 upgrades a database that already holds claimants: the new columns get their defaults."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from bengodan_common.db import make_engine
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database as new_empty_database
from claims_api.core.db import ALEMBIC_INI


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with new_empty_database(tmp_path, "claimant-migration") as url:
        yield url


def test_existing_claimants_get_the_defaults(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0002")
    engine = make_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO cases (id, name, title, defendant_name, defendant_address, defendant_representative,"
                " court, incident_date, reputation_amount, created_at, updated_at)"
                " VALUES (1, '旧事件', '損害賠償等請求事件', '被告', '大阪市', '代表者', '大阪地方裁判所',"
                " '2023-06-05', 1000000, '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO claimants (id, case_id, kind, name, reminder_consent, insurer_sharing_consent,"
                " created_at, updated_at) VALUES (7, 1, 'sr_individual', '旧 登録者', true, false,"
                " '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
            )
        )
    engine.dispose()

    upgrade(ALEMBIC_INI, empty_database, revision="head")

    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                sa.text(
                    "SELECT stage, customer_status, insured, insurance_plan, contract_type, service_usable_on"
                    " FROM claimants WHERE id = 7"
                )
            ).one()
            assert (row.stage, row.customer_status, bool(row.insured)) == ("intake", "active", False)
            assert (row.insurance_plan, row.contract_type, row.service_usable_on) == (None, None, None)
            tables = set(sa.inspect(connection).get_table_names())
            assert {
                "claimant_stage_changes",
                "claimant_checklist",
                "claimant_deficiencies",
                "claimant_duplicate_flags",
            } <= tables
    finally:
        engine.dispose()
