from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class AuditEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str = Field(description="`user:<id>`, `client:<client_id>`, or `login:<name>` for a refused login")
    action: str
    entity: str
    entity_id: str | None
    detail: dict[str, Any] = Field(description="what changed; `before`/`after` where the action records them")
    request_id: str | None
    prev_hash: str = Field(description="hash of the entry before this one (64 zeros for the first)")
    hash: str = Field(description="hex SHA-256 of this entry's canonical form, prev_hash included")


class AuditEventPage(BaseModel):
    items: list[AuditEventRead]
    next_cursor: int | None = Field(description="pass as `cursor` for the next (older) page; null at the end")


class AuditVerification(BaseModel):
    ok: bool
    entries_checked: int
    first_bad_id: int | None
    reason: str | None
    last_id: int | None = Field(description="id of the last entry found valid")
    last_hash: str | None = Field(
        description="hash of the last entry found valid; keep it outside the database to detect a removal of "
        "the newest entries, which leaves a shorter chain that is valid in itself"
    )


class HistorySubject(BaseModel):
    """What of the claimant's records an entry is about, when it is not the claimant's own data."""

    kind: Literal["damage_item", "exhibit", "proceeding", "claimant"] = Field(
        description="`claimant`: the other claimant of a possible duplicate that was dismissed"
    )
    id: int
    label: str | None = Field(default=None, description="exhibit: its label today (甲第3号証の2); proceeding: its name")
    title: str | None = Field(default=None, description="exhibit: its title (標目)")
    head: str | None = Field(default=None, description="damage item: its head (staff_cost, …)")


class ClaimantHistoryEvent(BaseModel):
    """An audit entry about the claimant or one of its records (the hash chain is read at /audit-events)."""

    id: int
    at: datetime
    actor: str = Field(description="`user:<id>`, or `client:<client_id>` for the insurer")
    action: str
    entity: str = Field(description="`claimant`, `exhibit`, `proceeding` (membership) or `case` (the import)")
    entity_id: str | None
    detail: dict[str, Any] = Field(description="what changed; `before`/`after` where the action records them")
    subject: HistorySubject | None = Field(description="null: the claimant's own data")


class ClaimantHistoryPage(BaseModel):
    items: list[ClaimantHistoryEvent]
    next_cursor: int | None = Field(description="pass as `cursor` for the next (older) page; null at the end")
