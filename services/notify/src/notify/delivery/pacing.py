"""Quiet hours for reminders, and the rate limit per sender shared by every worker."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select
from sqlmodel import Session, col

from bengodan_common.japanese import TOKYO
from notify.messages.models import Message


def in_quiet_hours(at: datetime, *, start: int, end: int) -> bool:
    """Whether `at` falls in the quiet hours [start, end) Japan time; the span may cross midnight."""
    if start == end:
        return False
    hour = at.astimezone(TOKYO).hour
    return start <= hour or hour < end if start > end else start <= hour < end


def after_quiet_hours(at: datetime, *, start: int, end: int) -> datetime:
    """`at`, or the end of the quiet hours it falls in (in UTC)."""
    if not in_quiet_hours(at, start=start, end=end):
        return at
    local = at.astimezone(TOKYO)
    day = local.date() if local.hour < end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(end), tzinfo=TOKYO).astimezone(UTC)


def allowance(session: Session, *, sender: str, per_minute: int, now: datetime) -> int:
    """How many more e-mails `sender` may hand over now: the limit less what every worker claimed for it in the
    last minute. Two workers claiming at the same instant may each take the full remainder once; the next
    minute makes up for it."""
    claimed = session.scalar(
        select(func.count())
        .select_from(Message)
        .where(col(Message.sender) == sender, col(Message.claimed_at) > now - timedelta(minutes=1))
    )
    return max(per_minute - int(claimed or 0), 0)
