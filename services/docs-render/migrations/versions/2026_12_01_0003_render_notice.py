"""render notice: what a breach-notice-letter or public-notice says (the request's content, as JSON), kept
with the job so that the worker renders it and a repeated Idempotency-Key is compared with it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00+00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notice", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("render_jobs", schema=None) as batch_op:
        batch_op.drop_column("notice")
