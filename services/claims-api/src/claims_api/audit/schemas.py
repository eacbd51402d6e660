from __future__ import annotations

from datetime import datetime
from typing import Any

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
