"""claimant imports

New table `claimant_imports`: a claimant file handed over to be checked and imported in the background, with
its progress and report, so the team can leave the import and come back to it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 18:56:48.569730+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bengodan_common.db

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claimant_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("started_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("problem", sa.JSON(), nullable=True),
        sa.Column("requested_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("confirmed_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("request_id", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("created_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("checked_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_claimant_imports_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claimant_imports")),
    )
    with op.batch_alter_table("claimant_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claimant_imports_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claimant_imports_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claimant_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claimant_imports_status"))
        batch_op.drop_index(batch_op.f("ix_claimant_imports_case_id"))

    op.drop_table("claimant_imports")
