"""render jobs: the render_jobs table (queue, progress and result of every requested filing)

Revision ID: 0001
Revises:
Create Date: 2026-11-23 11:44:31.035855+00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bengodan_common.db

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "render_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("proceeding_id", sa.Integer(), nullable=True),
        sa.Column("claimant_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("s3_key", sqlmodel.sql.sqltypes.AutoString(length=512), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("requested_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("idempotency_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_render_jobs")),
        sa.UniqueConstraint(
            "requested_by", "idempotency_key", name=op.f("uq_render_jobs_requested_by_idempotency_key")
        ),
    )
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_render_jobs_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_render_jobs_status"))

    op.drop_table("render_jobs")
