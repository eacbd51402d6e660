from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from claims_api.claimants.stages import ChecklistItem


class MissingItem(BaseModel):
    item: ChecklistItem
    label: str = Field(description="the item's Japanese label, e.g. 委任状")


class OpenIntake(BaseModel):
    """A claimant whose intake checklist still has missing items: whom to remind, and of what."""

    claimant_id: int
    case_id: int
    name: str
    email: str | None = Field(description="as stored; null: no address (notify decides)")
    reminder_consent: bool = Field(description="the claimant agreed to reminders (notify decides)")
    intake_started_at: datetime = Field(
        description="when intake began: the claimant's first stage-history entry, else when it was registered"
    )
    missing: list[MissingItem] = Field(description="the applicable items not yet received, in checklist order")


class OpenIntakePage(BaseModel):
    items: list[OpenIntake]
    total: int
    limit: int
    offset: int
