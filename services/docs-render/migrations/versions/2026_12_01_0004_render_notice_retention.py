"""render notice retention: a job's notice (names and addresses) is kept only until the job ends; its SHA-256
stays for comparing a replayed Idempotency-Key

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 13:00:00+00:00

"""

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

jobs = sa.table(
    "render_jobs",
    sa.column("id", sa.Integer),
    sa.column("notice", sa.JSON),
    sa.column("notice_sha256", sa.String),
    sa.column("status", sa.String),
)


def upgrade() -> None:
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notice_sha256", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    for job_id, notice in connection.execute(sa.select(jobs.c.id, jobs.c.notice).where(jobs.c.notice.is_not(None))):
        canonical = json.dumps(notice, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(canonical.encode()).hexdigest()
        connection.execute(sa.update(jobs).where(jobs.c.id == job_id).values(notice_sha256=digest))
    # Jobs already finished have their PDF: the copy of the recipients is dropped.
    connection.execute(sa.update(jobs).where(jobs.c.status.in_(("succeeded", "failed"))).values(notice=sa.null()))


def downgrade() -> None:
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.drop_column("notice_sha256")
