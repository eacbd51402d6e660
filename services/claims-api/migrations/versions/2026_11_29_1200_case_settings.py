"""case settings

The success fee estimate's settings on the case: `success_fee_rate_bp`, the rate in basis points (1000 = 10%, an
integer so that it is stored exactly on SQLite too; the API shows it as the decimal `success_fee_rate`), between 0
and 10000, and `success_fee_consumption_tax`, whether consumption tax is added. Existing cases get the firm's
policy: 10%, without tax.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 12:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("success_fee_rate_bp", sa.Integer(), server_default="1000", nullable=False))
        batch_op.add_column(
            sa.Column("success_fee_consumption_tax", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_cases_success_fee_rate_bp"), "success_fee_rate_bp >= 0 AND success_fee_rate_bp <= 10000"
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_cases_success_fee_rate_bp"), type_="check")
        batch_op.drop_column("success_fee_consumption_tax")
        batch_op.drop_column("success_fee_rate_bp")
