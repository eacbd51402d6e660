from __future__ import annotations

import uuid
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

HearingKind = Literal["mediation_session", "oral_argument", "preparatory", "deadline"]
EventType = Literal["hearing.scheduled", "hearing.updated", "hearing.cancelled"]


class HearingPayload(BaseModel):
    """The hearing as claims-api describes it in its events (docs/contracts.md)."""

    model_config = ConfigDict(extra="ignore")

    hearing_id: int = Field(ge=1)
    case_id: int = Field(ge=1)
    proceeding_id: int = Field(ge=1)
    proceeding_name: str = Field(min_length=1, max_length=200)
    kind: HearingKind
    starts_at: AwareDatetime
    place: str = Field(default="", max_length=300)
    court: str | None = Field(default=None, max_length=200)
    online_url: str | None = Field(default=None, max_length=500)
    status: Literal["scheduled", "cancelled"] = "scheduled"

    @field_validator("proceeding_name", "place", "court")
    @classmethod
    def _single_line(cls, value: str | None) -> str | None:
        # These go into e-mail subjects and bodies; no line breaks or control characters.
        if value is not None and any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ValueError("must be a single line without control characters")
        return value

    @field_validator("online_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("https://", "http://")) or any(ch.isspace() or ord(ch) < 32 for ch in value):
            raise ValueError("must be an http(s) URL")
        return value


class HearingEvent(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    type: EventType
    occurred_at: AwareDatetime
    payload: HearingPayload


class EventAccepted(BaseModel):
    event_id: str
    status: Literal["accepted", "duplicate"]
