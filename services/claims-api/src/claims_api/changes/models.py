from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class ClaimChange(SQLModel, table=True):
    """One committed change to a claimant's claim data, in commit order (see `changes.recorder`).

    The partner's change feed reads these: `visible_to` is the insurer that may see the claimant after the
    change (consent given, policy with it), `was_visible_to` the one that could before it. A change that ends an
    insurer's access is shown to that insurer once, as the end of access, and to nobody else.
    """

    __tablename__ = "claim_changes"
    __table_args__ = (
        Index("ix_claim_changes_visible_to_id", "visible_to", "id"),
        Index("ix_claim_changes_was_visible_to_id", "was_visible_to", "id"),
        Index("ix_claim_changes_at", "at"),  # the partner's `updated_since`
    )

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    visible_to: str | None = Field(default=None, max_length=200)
    was_visible_to: str | None = Field(default=None, max_length=200)
