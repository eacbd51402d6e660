from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel


class ReminderRule(NotifyModel, table=True):
    """When the reminders of one kind of hearing go out: `days_before` days before, at `hour_jst`:00 Japan time."""

    __tablename__ = "reminder_rules"

    hearing_kind: str = Field(primary_key=True, max_length=30)
    days_before: list[int] = Field(sa_column=Column(JSON, nullable=False))
    hour_jst: int
    updated_by: str = Field(max_length=200)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class IntakeReminder(NotifyModel, table=True):
    """A claimant's intake reminders: the next one is due at `next_due_at` until the checklist is complete or
    staff stop them."""

    __tablename__ = "intake_reminders"

    claimant_id: int = Field(primary_key=True)
    next_due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_count: int = 0
    last_sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    stopped_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    stopped_by: str | None = Field(default=None, max_length=200)
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class OptOut(NotifyModel, table=True):
    """A claimant who asked for no more reminders (the link in every reminder, or staff on their behalf)."""

    __tablename__ = "reminder_opt_outs"

    claimant_id: int = Field(primary_key=True)
    source: str = Field(max_length=20)  # link, staff, or complaint (a spam report about a reminder)
    recorded_by: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
