from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class DamageItem(SQLModel, table=True):
    __tablename__ = "damage_items"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_not_negative"),)

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    head: str = Field(max_length=40)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    formula: str = Field(default="", max_length=2000)
    facts: str = Field(default="", max_length=10000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
