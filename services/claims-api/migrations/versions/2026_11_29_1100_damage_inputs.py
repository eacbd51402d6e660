"""damage inputs

Damage items are computed from their inputs: `inputs` (JSON, per head), the office's own figure
`declared_amount` beside the computed `amount`, an unbounded `formula` (one line per input line), one item per
head and claimant, and links to the exhibits that prove an item.

Existing items keep their amount and formula with `inputs` NULL (entered as a bare amount). A claimant with two
items of one head would break the new unique constraint; such items are merged first into the oldest one (amounts
added, formulas and facts joined), because the schedule has one figure per head.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 11:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_items = sa.table(
    "damage_items",
    sa.column("id", sa.Integer()),
    sa.column("claimant_id", sa.Integer()),
    sa.column("head", sa.String()),
    sa.column("amount", sa.BigInteger()),
    sa.column("formula", sa.Text()),
    sa.column("facts", sa.String()),
)


def _merge_duplicate_heads() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            _items.c.id, _items.c.claimant_id, _items.c.head, _items.c.amount, _items.c.formula, _items.c.facts
        ).order_by(_items.c.claimant_id, _items.c.head, _items.c.id)
    ).all()
    kept: dict[tuple[int, str], dict[str, object]] = {}
    for row in rows:
        key = (row.claimant_id, row.head)
        first = kept.get(key)
        if first is None:
            kept[key] = {"id": row.id, "amount": row.amount, "formula": row.formula, "facts": row.facts}
            continue
        first["amount"] = int(first["amount"]) + row.amount  # type: ignore[call-overload]
        first["formula"] = "\n".join(str(part) for part in (first["formula"], row.formula) if part)
        first["facts"] = "\n".join(str(part) for part in (first["facts"], row.facts) if part)[:10000]
        connection.execute(
            _items.update()
            .where(_items.c.id == first["id"])
            .values(amount=first["amount"], formula=first["formula"], facts=first["facts"])
        )
        connection.execute(_items.delete().where(_items.c.id == row.id))


def upgrade() -> None:
    _merge_duplicate_heads()
    with op.batch_alter_table("damage_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inputs", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("declared_amount", sa.BigInteger(), nullable=True))
        batch_op.alter_column("formula", existing_type=sa.String(length=2000), type_=sa.Text(), nullable=False)
        batch_op.create_check_constraint(
            batch_op.f("ck_damage_items_declared_amount_not_negative"), "declared_amount >= 0"
        )
        batch_op.create_unique_constraint(batch_op.f("uq_damage_items_claimant_id"), ["claimant_id", "head"])
    op.create_table(
        "damage_item_exhibits",
        sa.Column("damage_item_id", sa.Integer(), nullable=False),
        sa.Column("exhibit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["damage_item_id"],
            ["damage_items.id"],
            name=op.f("fk_damage_item_exhibits_damage_item_id_damage_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exhibit_id"], ["exhibits.id"], name=op.f("fk_damage_item_exhibits_exhibit_id_exhibits")
        ),
        sa.PrimaryKeyConstraint("damage_item_id", "exhibit_id", name=op.f("pk_damage_item_exhibits")),
    )
    with op.batch_alter_table("damage_item_exhibits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_damage_item_exhibits_exhibit_id"), ["exhibit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("damage_item_exhibits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_damage_item_exhibits_exhibit_id"))
    op.drop_table("damage_item_exhibits")
    op.execute("UPDATE damage_items SET formula = substr(formula, 1, 2000)")
    with op.batch_alter_table("damage_items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_damage_items_claimant_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("ck_damage_items_declared_amount_not_negative"), type_="check")
        batch_op.alter_column("formula", existing_type=sa.Text(), type_=sa.String(length=2000), nullable=False)
        batch_op.drop_column("declared_amount")
        batch_op.drop_column("inputs")
