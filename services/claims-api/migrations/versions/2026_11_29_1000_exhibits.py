"""exhibits

Evidence becomes numbered exhibits (甲第N号証, 甲第N号証のM) with file versions.

- New table `exhibits`: the 証拠説明書 columns (標目, 原本・写し, 作成年月日, 作成者, 立証趣旨, 備考) plus the number.
  `claimant_id` NULL is a common exhibit of the case; a claimant's own exhibits carry a slot 1–6 of the damage
  schedule (seed 001) and a branch. (case, side, number, branch) is unique: a plain UNIQUE for branched numbers and
  a partial unique index for the branchless ones (NULLs are distinct in a UNIQUE on SQLite and PostgreSQL).
- `evidence` rows become the file versions of an exhibit (`exhibit_id`, `version` 1, 2, …); their `claimant_id`
  and `title` move to the exhibit.
- Existing data: every evidence row becomes its own exhibit of its claimant in slot 6 (その他: the old rows carry
  no category), a copy (写し: an uploaded scan), date and author unknown, title the old title or else the file
  name, and the row becomes version 1 of it. The claimant gets the application's numbering: one number N for all
  its exhibits, the next free number of the case at that point (claimants in id order, so deterministic), and
  branches from 6 upwards (の6, の7, …) in evidence id order. Blocks can be moved later with the renumber endpoint.
- Pending presigned uploads (`evidence_uploads`) are deleted: they name a claimant, not an exhibit, and the old
  completion endpoint is gone; the client requests a new upload. They point to `exhibit_id` from now on.

Downgrade is lossy: files of common exhibits are dropped (the old table needs a claimant), every other file
version becomes a flat evidence row titled after its exhibit, the rest of the exhibit metadata is dropped.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 10:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bengodan_common.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the columns the data steps touch (migrations do not import application code).
_exhibits = sa.table(
    "exhibits",
    sa.column("id", sa.Integer()),
    sa.column("case_id", sa.Integer()),
    sa.column("claimant_id", sa.Integer()),
    sa.column("side", sa.String()),
    sa.column("number", sa.Integer()),
    sa.column("branch", sa.Integer()),
    sa.column("slot", sa.Integer()),
    sa.column("title", sa.String()),
    sa.column("original_or_copy", sa.String()),
    sa.column("made_on", sa.Date()),
    sa.column("author", sa.String()),
    sa.column("purpose", sa.String()),
    sa.column("note", sa.String()),
    sa.column("created_at", bengodan_common.db.UTCDateTime()),
    sa.column("updated_at", bengodan_common.db.UTCDateTime()),
)
_evidence = sa.table(
    "evidence",
    sa.column("id", sa.Integer()),
    sa.column("claimant_id", sa.Integer()),
    sa.column("title", sa.String()),
    sa.column("filename", sa.String()),
    sa.column("created_at", bengodan_common.db.UTCDateTime()),
    sa.column("exhibit_id", sa.Integer()),
    sa.column("version", sa.Integer()),
)
_claimants = sa.table("claimants", sa.column("id", sa.Integer()), sa.column("case_id", sa.Integer()))

OTHER_SLOT = 6  # その他 in the damage schedule
TITLE_MAX = 300


def _backfill_exhibits() -> None:
    """One exhibit per evidence row, numbered per claimant as the application does."""
    connection = op.get_bind()
    claimants = connection.execute(
        sa.select(_claimants.c.id, _claimants.c.case_id)
        .where(sa.exists().where(_evidence.c.claimant_id == _claimants.c.id))
        .order_by(_claimants.c.id)
    ).all()
    for claimant_id, case_id in claimants:
        highest = connection.execute(
            sa.select(sa.func.max(_exhibits.c.number)).where(_exhibits.c.case_id == case_id, _exhibits.c.side == "甲")
        ).scalar()
        number = (highest or 0) + 1
        rows = connection.execute(
            sa.select(_evidence.c.id, _evidence.c.title, _evidence.c.filename, _evidence.c.created_at)
            .where(_evidence.c.claimant_id == claimant_id)
            .order_by(_evidence.c.id)
        ).all()
        for offset, row in enumerate(rows):
            exhibit_id = connection.execute(
                _exhibits.insert()
                .values(
                    case_id=case_id,
                    claimant_id=claimant_id,
                    side="甲",
                    number=number,
                    branch=OTHER_SLOT + offset,
                    slot=OTHER_SLOT,
                    title=(row.title or row.filename)[:TITLE_MAX],
                    original_or_copy="copy",
                    made_on=None,
                    author="",
                    purpose="",
                    note=f"移行: 旧証拠ファイル #{row.id}",
                    created_at=row.created_at,
                    updated_at=row.created_at,
                )
                .returning(_exhibits.c.id)
            ).scalar_one()
            connection.execute(
                _evidence.update().where(_evidence.c.id == row.id).values(exhibit_id=exhibit_id, version=1)
            )


def upgrade() -> None:
    op.create_table(
        "exhibits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=True),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("branch", sa.Integer(), nullable=True),
        sa.Column("slot", sa.Integer(), nullable=True),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("original_or_copy", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("created_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_exhibits_number_positive")),
        sa.CheckConstraint("branch IS NULL OR branch >= 1", name=op.f("ck_exhibits_branch_positive")),
        sa.CheckConstraint("side IN ('甲', '乙')", name=op.f("ck_exhibits_side_known")),
        sa.CheckConstraint("original_or_copy IN ('original', 'copy')", name=op.f("ck_exhibits_original_or_copy")),
        sa.CheckConstraint(
            "(claimant_id IS NULL AND slot IS NULL) OR "
            "(claimant_id IS NOT NULL AND slot BETWEEN 1 AND 6 AND branch IS NOT NULL AND side = '甲')",
            name=op.f("ck_exhibits_claimant_slot"),
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_exhibits_case_id_cases")),
        sa.ForeignKeyConstraint(["claimant_id"], ["claimants.id"], name=op.f("fk_exhibits_claimant_id_claimants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibits")),
        sa.UniqueConstraint("case_id", "side", "number", "branch", name=op.f("uq_exhibits_case_id")),
    )
    with op.batch_alter_table("exhibits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibits_claimant_id"), ["claimant_id"], unique=False)
        batch_op.create_index(
            "uq_exhibits_case_id_unbranched",
            ["case_id", "side", "number"],
            unique=True,
            sqlite_where=sa.text("branch IS NULL"),
            postgresql_where=sa.text("branch IS NULL"),
        )

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exhibit_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=True))

    _backfill_exhibits()

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.alter_column("exhibit_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("version", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index(batch_op.f("ix_evidence_claimant_id"))
        batch_op.drop_constraint(batch_op.f("fk_evidence_claimant_id_claimants"), type_="foreignkey")
        batch_op.drop_column("claimant_id")
        batch_op.drop_column("title")
        batch_op.create_foreign_key(batch_op.f("fk_evidence_exhibit_id_exhibits"), "exhibits", ["exhibit_id"], ["id"])
        batch_op.create_unique_constraint(batch_op.f("uq_evidence_exhibit_id"), ["exhibit_id", "version"])
        batch_op.create_check_constraint(batch_op.f("ck_evidence_version_positive"), "version >= 1")

    op.execute("DELETE FROM evidence_uploads")
    with op.batch_alter_table("evidence_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_uploads_claimant_id"))
        batch_op.drop_constraint(batch_op.f("fk_evidence_uploads_claimant_id_claimants"), type_="foreignkey")
        batch_op.drop_column("claimant_id")
        batch_op.drop_column("title")
        batch_op.add_column(sa.Column("exhibit_id", sa.Integer(), nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_uploads_exhibit_id_exhibits"), "exhibits", ["exhibit_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_evidence_uploads_exhibit_id"), ["exhibit_id"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM evidence_uploads")
    with op.batch_alter_table("evidence_uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_uploads_exhibit_id"))
        batch_op.drop_constraint(batch_op.f("fk_evidence_uploads_exhibit_id_exhibits"), type_="foreignkey")
        batch_op.drop_column("exhibit_id")
        batch_op.add_column(
            sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("claimant_id", sa.Integer(), nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_uploads_claimant_id_claimants"), "claimants", ["claimant_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_evidence_uploads_claimant_id"), ["claimant_id"], unique=False)

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimant_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), server_default="", nullable=False)
        )
    connection = op.get_bind()
    owner = sa.select(_exhibits.c.claimant_id).where(_exhibits.c.id == _evidence.c.exhibit_id).scalar_subquery()
    title = sa.select(sa.func.substr(_exhibits.c.title, 1, 200)).where(_exhibits.c.id == _evidence.c.exhibit_id)
    connection.execute(_evidence.update().values(claimant_id=owner, title=title.scalar_subquery()))
    # The old table cannot hold files of common exhibits (no claimant): they are dropped.
    connection.execute(_evidence.delete().where(_evidence.c.claimant_id.is_(None)))

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_evidence_version_positive"), type_="check")
        batch_op.drop_constraint(batch_op.f("uq_evidence_exhibit_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_evidence_exhibit_id_exhibits"), type_="foreignkey")
        batch_op.drop_column("version")
        batch_op.drop_column("exhibit_id")
        batch_op.alter_column("claimant_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_evidence_claimant_id_claimants"), "claimants", ["claimant_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_evidence_claimant_id"), ["claimant_id"], unique=False)

    with op.batch_alter_table("exhibits", schema=None) as batch_op:
        batch_op.drop_index("uq_exhibits_case_id_unbranched")
        batch_op.drop_index(batch_op.f("ix_exhibits_claimant_id"))
    op.drop_table("exhibits")
