"""partner api

What the insurer's API needs:
- `damage_items.claimed_from`: `vendor` (the default, and every existing item) or `insurer`; an item claimed
  from the insurer drops out of the vendor claim.
- New table `insurer_settlements`: what the insurer paid on an item (one per item), after which it holds the
  claim against the vendor by subrogation.
- New table `claim_changes`: the change feed, one row per committed change of a claimant's claim data. Every
  existing claimant gets one row, in claimant order, so a partner that starts from the beginning of the feed
  sees every claimant it may see.
- `clients`: the previous secret and its grace period after a rotation, the rotation and revocation times.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 15:30:29.466949+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bengodan_common.db

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "claim_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claimant_id", sa.Integer(), nullable=False),
        sa.Column("at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("visible_to", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("was_visible_to", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(["claimant_id"], ["claimants.id"], name=op.f("fk_claim_changes_claimant_id_claimants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_changes")),
    )
    with op.batch_alter_table("claim_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_changes_claimant_id"), ["claimant_id"], unique=False)
        batch_op.create_index("ix_claim_changes_visible_to_id", ["visible_to", "id"], unique=False)
        batch_op.create_index("ix_claim_changes_was_visible_to_id", ["was_visible_to", "id"], unique=False)
        batch_op.create_index("ix_claim_changes_at", ["at"], unique=False)

    op.create_table(
        "insurer_settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("damage_item_id", sa.Integer(), nullable=False),
        sa.Column("paid_amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("client_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("recorded_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("paid_amount > 0", name=op.f("ck_insurer_settlements_paid_amount_positive")),
        sa.ForeignKeyConstraint(
            ["damage_item_id"], ["damage_items.id"], name=op.f("fk_insurer_settlements_damage_item_id_damage_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insurer_settlements")),
        sa.UniqueConstraint("damage_item_id", name=op.f("uq_insurer_settlements_damage_item_id")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("previous_secret_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True)
        )
        batch_op.add_column(
            sa.Column("previous_secret_expires_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("secret_rotated_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("revoked_at", bengodan_common.db.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table("damage_items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "claimed_from", sqlmodel.sql.sqltypes.AutoString(length=10), server_default="vendor", nullable=False
            )
        )
        batch_op.create_check_constraint("claimed_from_known", "claimed_from IN ('vendor', 'insurer')")

    # The feed starts with every claimant as it is now; `visible_to` as the partner API decides it.
    op.execute(
        """
        INSERT INTO claim_changes (claimant_id, at, visible_to, was_visible_to)
        SELECT id, updated_at,
               CASE WHEN insurer_sharing_consent AND insured AND insurer IS NOT NULL THEN insurer END,
               NULL
        FROM claimants ORDER BY id
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("damage_items", schema=None) as batch_op:
        batch_op.drop_constraint("claimed_from_known", type_="check")
        batch_op.drop_column("claimed_from")

    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("secret_rotated_at")
        batch_op.drop_column("previous_secret_expires_at")
        batch_op.drop_column("previous_secret_hash")

    op.drop_table("insurer_settlements")
    with op.batch_alter_table("claim_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_changes_at")
        batch_op.drop_index("ix_claim_changes_was_visible_to_id")
        batch_op.drop_index("ix_claim_changes_visible_to_id")
        batch_op.drop_index(batch_op.f("ix_claim_changes_claimant_id"))

    op.drop_table("claim_changes")
