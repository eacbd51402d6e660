"""Revision 0009 (partner API): every existing item stays claimed from the vendor, every existing claimant gets
its first row in the change feed (visible to its insurer only when shared), and the downgrade removes it all."""

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
    with new_empty_database(tmp_path, "partner-migration") as url:
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
        for claimant_id, insured, consent, insurer in (
            (7, True, True, "甲損保"),
            (8, True, False, "甲損保"),
            (9, False, True, None),
        ):
            connection.execute(
                sa.text(
                    "INSERT INTO claimants (id, case_id, kind, name, reminder_consent, insurer_sharing_consent,"
                    " insured, insurer, created_at, updated_at)"
                    " VALUES (:id, 1, 'sr_individual', '旧 登録者', true, :consent, :insured, :insurer, :now, :now)"
                ),
                {"id": claimant_id, "consent": consent, "insured": insured, "insurer": insurer, "now": NOW},
            )
        connection.execute(
            sa.text(
                "INSERT INTO damage_items (claimant_id, head, amount, formula, facts, created_at, updated_at)"
                " VALUES (7, 'reputation', 1000000, '', '', :now, :now)"
            ),
            {"now": NOW},
        )
    engine.dispose()


def test_items_stay_with_the_vendor_and_every_claimant_starts_the_feed(empty_database: str) -> None:
    upgrade(ALEMBIC_INI, empty_database, revision="0008")
    _old_rows(empty_database)

    upgrade(ALEMBIC_INI, empty_database, revision="0009")

    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            assert connection.execute(sa.text("SELECT claimed_from FROM damage_items")).scalar_one() == "vendor"
            feed = connection.execute(
                sa.text("SELECT claimant_id, visible_to, was_visible_to FROM claim_changes ORDER BY id")
            ).all()
            assert [tuple(row) for row in feed] == [(7, "甲損保", None), (8, None, None), (9, None, None)]
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
            connection.execute(sa.text("UPDATE damage_items SET claimed_from = 'both'"))
    finally:
        engine.dispose()

    command.downgrade(alembic_config(ALEMBIC_INI, empty_database), "0008")
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            inspector = sa.inspect(connection)
            assert "claimed_from" not in {c["name"] for c in inspector.get_columns("damage_items")}
            assert not {"claim_changes", "insurer_settlements"} & set(inspector.get_table_names())
            assert connection.execute(sa.text("SELECT count(*) FROM damage_items")).scalar_one() == 1
    finally:
        engine.dispose()
