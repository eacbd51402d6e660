from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class HearingKind(StrEnum):
    mediation_session = "mediation_session"  # 調停期日
    oral_argument = "oral_argument"  # 口頭弁論期日
    preparatory = "preparatory"  # 弁論準備手続期日
    deadline = "deadline"  # 提出期限


class HearingCreate(BaseModel):
    proceeding_id: int
    kind: HearingKind
    starts_at: AwareDatetime = Field(description="ISO 8601 with offset, e.g. 2026-12-10T10:00:00+09:00")
    place: str = Field(min_length=1, max_length=300)
    online_url: str | None = Field(default=None, max_length=500, pattern=r"^https://")
    note: str = Field(default="", max_length=2000)


class HearingUpdate(BaseModel):
    starts_at: AwareDatetime | None = None
    place: str | None = Field(default=None, min_length=1, max_length=300)
    online_url: str | None = Field(default=None, max_length=500, pattern=r"^https://")
    note: str | None = Field(default=None, max_length=2000)


class HearingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    proceeding_id: int
    kind: HearingKind
    starts_at: datetime
    place: str
    online_url: str | None
    note: str
    status: str
    created_at: datetime
    updated_at: datetime
