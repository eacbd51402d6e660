"""filing settings

What the filings print besides the claims:
- New table `case_filing_settings`, one row per case (`case_id` unique): the counsel's office (name, postal code,
  address, phone, fax) and the case-level texts of the filings (請求の原因, 関連事実, 紛争の要点, and the
  「相当な解決」 items of a mediation as a JSON list), stored verbatim.
- New table `case_counsel`: the lawyers who sign the filings of a case, in signing order by `position`.
- `claimants.representative`: the 代表者 of a corporation (代表社員 山田太郎), nullable; existing claimants get
  none.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bengodan_common.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_counsel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_counsel_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_counsel")),
        sa.UniqueConstraint("case_id", "position", name=op.f("uq_case_counsel_case_id")),
    )
    with op.batch_alter_table("case_counsel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_counsel_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_filing_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("office_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("office_postal_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("office_address", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("office_phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("office_fax", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("complaint_cause", sa.Text(), nullable=False),
        sa.Column("related_facts", sa.Text(), nullable=False),
        sa.Column("mediation_dispute", sa.Text(), nullable=False),
        sa.Column("mediation_resolution_items", sa.JSON(), nullable=False),
        sa.Column("created_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_filing_settings_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_filing_settings")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_filing_settings_case_id")),
    )

    with op.batch_alter_table("claimants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("representative", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claimants", schema=None) as batch_op:
        batch_op.drop_column("representative")

    op.drop_table("case_filing_settings")
    with op.batch_alter_table("case_counsel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_counsel_case_id"))
    op.drop_table("case_counsel")
