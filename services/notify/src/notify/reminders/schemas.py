from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

HearingKind = Literal["mediation_session", "oral_argument", "preparatory", "deadline"]


class ReminderRuleWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    days_before: list[Annotated[int, Field(ge=0, le=90)]] = Field(
        max_length=10, description="days before the hearing's day (0: the day itself); empty: no reminders"
    )
    hour_jst: int = Field(ge=0, le=23, description="the hour, Japan time")

    @field_validator("days_before")
    @classmethod
    def _once_each(cls, days: list[int]) -> list[int]:
        if len(set(days)) != len(days):
            raise PydanticCustomError("duplicate", "each day may be listed once")
        return sorted(days, reverse=True)


class ReminderRuleRead(BaseModel):
    hearing_kind: HearingKind
    label: str
    days_before: list[int]
    hour_jst: int
    is_default: bool
    updated_by: str | None
    updated_at: datetime | None
