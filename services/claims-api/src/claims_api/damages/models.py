from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Column, ForeignKey, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class DamageItem(SQLModel, table=True):
    """One head of a claimant's damage schedule. `amount` and `formula` are computed from `inputs` on every
    write and stored, so totals are plain sums; `inputs` is null only for items made before inputs existed."""

    __tablename__ = "damage_items"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("declared_amount >= 0", name="declared_amount_not_negative"),
        UniqueConstraint("claimant_id", "head"),  # one item per head; its lines hold the detail
        CheckConstraint("claimed_from IN ('vendor', 'insurer')", name="claimed_from_known"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    head: str = Field(max_length=40)
    inputs: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    formula: str = Field(default="", sa_column=Column(Text, nullable=False))
    declared_amount: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    facts: str = Field(default="", max_length=10000)
    # Where the office claims this loss: from the vendor (in the filings) or from its insurer (then it drops out
    # of the vendor claim; the insurer may pursue the vendor by subrogation once it has paid).
    claimed_from: str = Field(default="vendor", max_length=10, sa_column_kwargs={"server_default": "vendor"})
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class DamageItemExhibit(SQLModel, table=True):
    """An exhibit that proves a damage item (the schedule's 証拠 column)."""

    __tablename__ = "damage_item_exhibits"

    damage_item_id: int = Field(
        sa_column=Column(Integer, ForeignKey("damage_items.id", ondelete="CASCADE"), primary_key=True)
    )
    exhibit_id: int = Field(sa_column=Column(Integer, ForeignKey("exhibits.id"), primary_key=True, index=True))


class InsurerSettlement(SQLModel, table=True):
    """What the insurer paid on an item claimed from it; from then on the insurer holds the claim against the
    vendor by subrogation (代位求償). One per item, written by the partner API and never changed."""

    __tablename__ = "insurer_settlements"
    __table_args__ = (CheckConstraint("paid_amount > 0", name="paid_amount_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    damage_item_id: int = Field(sa_column=Column(Integer, ForeignKey("damage_items.id"), nullable=False, unique=True))
    paid_amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    paid_on: date
    client_id: str = Field(max_length=100)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
