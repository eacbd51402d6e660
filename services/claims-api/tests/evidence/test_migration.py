"""Revision 0005 turns existing evidence rows into exhibits of their claimant, each with its file as version 1."""

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
    with new_empty_database(tmp_path, "exhibit-migration") as url:
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
        for claimant_id in (7, 3, 9):
            connection.execute(
                sa.text(
                    "INSERT INTO claimants (id, case_id, kind, name, reminder_consent, insurer_sharing_consent,"
                    " created_at, updated_at) VALUES (:id, 1, 'sr_individual', '旧 登録者', true, false, :now, :now)"
                ),
                {"id": claimant_id, "now": NOW},
            )
        # Claimant 7 has two files, claimant 3 one, claimant 9 none.
        for evidence_id, claimant_id, title, filename in (
            (11, 7, "タイムカード", "timecard.pdf"),
            (12, 3, "", "invoice.pdf"),
            (13, 7, "謝罪文", "apology.pdf"),
        ):
            connection.execute(
                sa.text(
                    "INSERT INTO evidence (id, claimant_id, title, filename, content_type, s3_key, size, sha256,"
                    " uploaded_by, created_at) VALUES (:id, :claimant_id, :title, :filename, 'application/pdf',"
                    " :key, 10, :sha256, 'user:1', :now)"
                ),
                {
                    "id": evidence_id,
                    "claimant_id": claimant_id,
                    "title": title,
                    "filename": filename,
                    "key": f"evidence/claimant-{claimant_id}/{evidence_id}/{filename}",
                    "sha256": "a" * 64,
                    "now": NOW,
                },
            )
        connection.execute(
            sa.text(
                "INSERT INTO evidence_uploads (id, claimant_id, s3_key, filename, content_type, size, sha256, title,"
                " requested_by, expires_at, created_at) VALUES (:id, 7, 'evidence/x', 'x.pdf', 'application/pdf', 1,"
                " :sha256, '', 'user:1', :now, :now)"
            ),
            {"id": "f" * 32, "sha256": "b" * 64, "now": NOW},
        )
    engine.dispose()


def test_each_evidence_row_becomes_an_exhibit_in_slot_6_of_its_claimant(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0004")
    _old_rows(empty_database)

    upgrade(ALEMBIC_INI, empty_database, revision="0005")

    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            exhibits = connection.execute(
                sa.text(
                    "SELECT e.claimant_id, e.side, e.number, e.branch, e.slot, e.title, e.original_or_copy,"
                    " e.made_on, v.id AS evidence_id, v.version FROM exhibits e JOIN evidence v ON v.exhibit_id = e.id"
                    " ORDER BY v.id"
                )
            ).all()
            # Claimants in id order take the next free number: 3 → 甲1, 7 → 甲2; branches from の6 upwards.
            assert [tuple(row) for row in exhibits] == [
                (7, "甲", 2, 6, 6, "タイムカード", "copy", None, 11, 1),
                (3, "甲", 1, 6, 6, "invoice.pdf", "copy", None, 12, 1),
                (7, "甲", 2, 7, 6, "謝罪文", "copy", None, 13, 1),
            ]
            assert connection.execute(sa.text("SELECT count(*) FROM evidence_uploads")).scalar() == 0
            columns = {c["name"] for c in sa.inspect(connection).get_columns("evidence")}
            assert {"exhibit_id", "version", "s3_key", "sha256"} <= columns
            assert not {"claimant_id", "title"} & columns
    finally:
        engine.dispose()


def _exhibit(connection: sa.Connection, number: int, branch: int | None) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO exhibits (case_id, side, number, branch, title, original_or_copy, author, purpose, note,"
            " created_at, updated_at) VALUES (1, '甲', :number, :branch, '契約書', 'copy', '', '', '', :now, :now)"
        ),
        {"number": number, "branch": branch, "now": NOW},
    )


@pytest.mark.parametrize("branch", [None, 2])
def test_the_database_refuses_a_second_exhibit_with_the_same_label(empty_database, branch):
    upgrade(ALEMBIC_INI, empty_database, revision="0004")
    _old_rows(empty_database)
    upgrade(ALEMBIC_INI, empty_database, revision="0005")
    engine = make_engine(empty_database)
    try:
        with engine.begin() as connection:
            _exhibit(connection, 5, branch)
            _exhibit(connection, 5, 3)  # another branch of the same number is a different label
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
            _exhibit(connection, 5, branch)
    finally:
        engine.dispose()


def test_downgrade_gives_per_claimant_files_back_to_their_claimant(empty_database):
    upgrade(ALEMBIC_INI, empty_database, revision="0004")
    _old_rows(empty_database)
    upgrade(ALEMBIC_INI, empty_database, revision="0005")

    command.downgrade(alembic_config(ALEMBIC_INI, empty_database), "0004")

    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT id, claimant_id, title FROM evidence ORDER BY id")).all()
            assert [tuple(row) for row in rows] == [(11, 7, "タイムカード"), (12, 3, "invoice.pdf"), (13, 7, "謝罪文")]
            assert "exhibits" not in sa.inspect(connection).get_table_names()
    finally:
        engine.dispose()
