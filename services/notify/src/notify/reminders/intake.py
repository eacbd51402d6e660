"""Intake reminders: a claimant whose intake checklist still has missing items gets an e-mail listing them,
`intake_first_after_days` after intake began (at 09:00 Japan time) and then every `intake_every_days`, until the
checklist is complete or staff stop them.

`check_intake` is one round of the worker: it reads the open list from claims-api, keeps one `IntakeReminder` row
per claimant, and queues the reminders that are due. A round changes nothing when claims-api cannot be read, makes
one reminder per due time however often it runs (the row and the message commit together, and the message's
dedupe key counts the reminders), and one reminder after any downtime, however long.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal

import httpx
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from bengodan_common.db import for_writes, utcnow
from bengodan_common.errors import NotFound
from bengodan_common.japanese import TOKYO
from notify.claims.client import IntakeSource, MissingItem, OpenIntake, OpenIntakeChanged
from notify.core.config import Settings
from notify.delivery.pacing import after_quiet_hours
from notify.messages.content import Team, render_text, valid_address
from notify.messages.models import Message
from notify.messages.service import queued_email, team_for
from notify.reminders.models import IntakeReminder
from notify.reminders.optouts import opted_out, unsubscribe_url

log = logging.getLogger(__name__)

KIND = "intake_reminder"
HOUR_JST = 9  # every intake reminder falls due at 09:00 Japan time
BATCH = 500  # claimants per transaction


def cancel_key_for(claimant_id: int) -> str:
    return f"intake:{claimant_id}"


def first_due_at(intake_started_at: datetime, *, first_after_days: int) -> datetime:
    """09:00 Japan time, `first_after_days` after the day (in Japan) intake began; in UTC."""
    day = intake_started_at.astimezone(TOKYO).date() + timedelta(days=first_after_days)
    return datetime.combine(day, time(HOUR_JST), tzinfo=TOKYO).astimezone(UTC)


def next_after(due_at: datetime, *, now: datetime, every_days: int) -> datetime:
    """`due_at` moved on by whole steps of `every_days` until it is after `now` (unchanged if it already is).
    Japan has no daylight saving time, so the steps keep the hour in Japan."""
    if due_at > now:
        return due_at
    step = timedelta(days=every_days)
    return due_at + step * ((now - due_at) // step + 1)


def is_active(row: IntakeReminder) -> bool:
    return row.stopped_at is None and row.completed_at is None


def render_reminder(*, name: str, missing: Sequence[MissingItem], team: Team, unsubscribe_url: str) -> tuple[str, str]:
    """(subject, body) of the intake reminder."""
    return render_text(KIND, name=name, missing=missing, team=team, unsubscribe_url=unsubscribe_url)


def check_intake(*, engine: Engine, claims: IntakeSource, settings: Settings, now: datetime | None = None) -> int:
    """One round: reminders for the open claimants that are due, completion of those no longer open.
    Returns how many messages were queued. When claims-api cannot be read nothing changes and 0 is returned."""
    at = now or utcnow()
    try:
        open_intake = claims.open_intake()
    except (httpx.HTTPError, OpenIntakeChanged) as exc:
        log.warning("intake reminders: claims-api not read (%s); the next round tries again", type(exc).__name__)
        return 0
    writes = for_writes(engine)
    created = 0
    for start in range(0, len(open_intake), BATCH):
        created += _remind(engine=writes, batch=open_intake[start : start + BATCH], settings=settings, now=at)
    completed = _complete(engine=writes, open_ids={c.claimant_id for c in open_intake}, now=at)
    if created or completed:
        log.info("intake reminders: %d queued, %d claimants complete", created, completed)
    return created


def _remind(*, engine: Engine, batch: Sequence[OpenIntake], settings: Settings, now: datetime) -> int:
    """One transaction for a batch of open claimants: their rows made or reopened, the due reminders queued."""
    ids = [c.claimant_id for c in batch]
    created = 0
    with Session(engine, expire_on_commit=False) as session:
        statement = (
            select(IntakeReminder)
            .where(col(IntakeReminder.claimant_id).in_(ids))
            .order_by(col(IntakeReminder.claimant_id))
        )
        if session.get_bind().dialect.name == "postgresql":
            # A second worker (or staff stopping the reminders) waits, then sees this round's result.
            statement = statement.with_for_update()
        rows = {row.claimant_id: row for row in session.scalars(statement).all()}
        stopped = opted_out(session, ids)
        for claimant in batch:
            row = rows.get(claimant.claimant_id)
            if row is None:
                row = IntakeReminder(
                    claimant_id=claimant.claimant_id,
                    next_due_at=first_due_at(
                        claimant.intake_started_at, first_after_days=settings.intake_first_after_days
                    ),
                )
            elif row.completed_at is not None:
                # Open again (an item received before was cleared): the reminders go on at their next usual time,
                # not at once.
                row.completed_at = None
                row.next_due_at = next_after(row.next_due_at, now=now, every_days=settings.intake_every_days)
            if row.stopped_at is None and row.next_due_at <= now:
                if _deliverable(claimant, stopped):
                    # The n-th reminder of the claimant: a round repeated after a crash cannot make it twice.
                    dedupe_key = f"{cancel_key_for(claimant.claimant_id)}:{row.sent_count + 1}"
                    session.add(_message(claimant=claimant, dedupe_key=dedupe_key, settings=settings, now=now))
                    row.sent_count += 1
                    row.last_sent_at = now
                    created += 1
                row.next_due_at = next_after(row.next_due_at, now=now, every_days=settings.intake_every_days)
            session.add(row)
        try:
            session.commit()
        except IntegrityError:
            # Another worker made the same rows or reminders first; its commit stands and this batch is left out.
            session.rollback()
            log.warning("intake reminders: a batch of %d claimants was done by another worker", len(batch))
            return 0
    return created


def _deliverable(claimant: OpenIntake, stopped: Collection[int]) -> bool:
    if not (claimant.email and claimant.reminder_consent and claimant.missing):
        return False
    if claimant.claimant_id in stopped:
        return False
    if not valid_address(claimant.name, claimant.email):
        log.warning("claimant %d: e-mail address unusable, no intake reminder made", claimant.claimant_id)
        return False
    return True


def _message(*, claimant: OpenIntake, dedupe_key: str, settings: Settings, now: datetime) -> Message:
    assert claimant.email is not None
    subject, body = render_reminder(
        name=claimant.name,
        missing=claimant.missing,
        team=team_for(settings),
        unsubscribe_url=unsubscribe_url(settings, claimant.claimant_id),
    )
    return queued_email(
        kind=KIND,
        dedupe_key=dedupe_key,
        cancel_key=cancel_key_for(claimant.claimant_id),
        claimant_id=claimant.claimant_id,
        to_name=claimant.name,
        to_address=claimant.email,
        subject=subject,
        body=body,
        due_at=now,
        settings=settings,
        now=now,
    )


def _complete(*, engine: Engine, open_ids: Collection[int], now: datetime) -> int:
    """Claimants with a row still open here but no longer in claims-api's open list: complete, and their queued
    reminders cancelled. One transaction per batch."""
    with Session(engine) as session:
        pending = session.scalars(
            select(col(IntakeReminder.claimant_id)).where(col(IntakeReminder.completed_at).is_(None))
        ).all()
    done = sorted(set(pending) - set(open_ids))
    for start in range(0, len(done), BATCH):
        chunk = done[start : start + BATCH]
        with Session(engine) as session:
            session.execute(
                update(IntakeReminder)
                .where(col(IntakeReminder.claimant_id).in_(chunk), col(IntakeReminder.completed_at).is_(None))
                .values(completed_at=now)
            )
            _cancel_queued(session, chunk, now=now)
            session.commit()
    return len(done)


def _cancel_queued(session: Session, claimant_ids: Sequence[int], *, now: datetime) -> None:
    """Cancel the claimants' intake reminders not yet handed over (`queued`, including those waiting for a retry);
    one in `sending` is already on its way."""
    session.execute(
        update(Message)
        .where(
            col(Message.cancel_key).in_([cancel_key_for(i) for i in claimant_ids]),
            col(Message.kind) == KIND,
            col(Message.status) == "queued",
        )
        .values(status="cancelled", updated_at=now)
        .execution_options(synchronize_session=False)
    )


# --- staff: read, stop, resume -------------------------------------------------------------------------------------


def get(*, session: Session, claimant_id: int, lock: bool = False) -> IntakeReminder:
    """The claimant's row; NotFound until the first round has seen the claimant's open checklist."""
    row = session.get(IntakeReminder, claimant_id, with_for_update=lock)
    if row is None:
        raise NotFound("intake reminder of claimant", claimant_id)
    return row


def stop(*, session: Session, claimant_id: int, actor: str, now: datetime) -> IntakeReminder:
    """No more reminders until resumed; the queued one is cancelled. Stopping again keeps who stopped them first."""
    # Locked (PostgreSQL): a round making a reminder for this claimant right now finishes first, so its message is
    # cancelled here, or it sees the stop.
    row = get(session=session, claimant_id=claimant_id, lock=True)
    if row.stopped_at is None:
        row.stopped_at = now
        row.stopped_by = actor
        session.add(row)
    _cancel_queued(session, [claimant_id], now=now)
    session.flush()
    return row


def resume(*, session: Session, claimant_id: int, settings: Settings, now: datetime) -> IntakeReminder:
    """Reminders again: the next at its usual time, or (if that passed while stopped) at once, outside the quiet
    hours."""
    row = get(session=session, claimant_id=claimant_id, lock=True)
    row.stopped_at = None
    row.stopped_by = None
    row.next_due_at = after_quiet_hours(
        max(row.next_due_at, now), start=settings.quiet_hours_start, end=settings.quiet_hours_end
    )
    session.add(row)
    session.flush()
    return row


# --- staff: a reminder now ------------------------------------------------------------------------------------------

SkipReason = Literal["no_email", "opted_out", "nothing_missing", "stopped", "already_sent_today"]


@dataclass(frozen=True)
class SendResult:
    """What became of one claimant of `send_now`: a queued message's id, or the reason none was made."""

    claimant_id: int
    message_id: int | None = None
    reason: SkipReason | None = None


def manual_key_for(claimant_id: int, now: datetime) -> str:
    """One reminder sent by staff per claimant and day in Japan: a double click sends one."""
    return f"intake-manual:{claimant_id}:{now.astimezone(TOKYO).date().isoformat()}"


def send_now(
    *, session: Session, claims: IntakeSource, claimant_ids: Sequence[int], settings: Settings, now: datetime
) -> list[SendResult]:
    """The intake reminder, now, to each of `claimant_ids` (in their order, each once) whose checklist is open: the
    same e-mail as the scheduled one, queued at once (or when the quiet hours end), cancelled like it when staff
    stop the reminders, the claimant opts out or the checklist is complete. The scheduled reminders keep their
    times. Raises httpx errors / `OpenIntakeChanged` when claims-api cannot be read; nothing commits here."""
    ids = list(dict.fromkeys(claimant_ids))
    wanted = set(ids)
    open_by_id = {c.claimant_id: c for c in claims.open_intake() if c.claimant_id in wanted}
    statement = select(IntakeReminder).where(col(IntakeReminder.claimant_id).in_(ids))
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()  # a round of the worker for these claimants finishes first
    rows = {row.claimant_id: row for row in session.scalars(statement).all()}
    optouts = opted_out(session, ids)
    keys = {i: manual_key_for(i, now) for i in ids}
    sent = set(session.scalars(select(col(Message.dedupe_key)).where(col(Message.dedupe_key).in_(keys.values()))))
    results: list[SendResult] = []
    for claimant_id in ids:
        claimant = open_by_id.get(claimant_id)
        row = rows.get(claimant_id)
        reason: SkipReason | None = None
        if claimant is None or not claimant.missing:
            reason = "nothing_missing"
        elif not claimant.email or not valid_address(claimant.name, claimant.email):
            reason = "no_email"
        elif not claimant.reminder_consent or claimant_id in optouts:
            reason = "opted_out"
        elif row is not None and row.stopped_at is not None:
            reason = "stopped"
        elif keys[claimant_id] in sent:
            reason = "already_sent_today"
        if reason is not None or claimant is None:
            results.append(SendResult(claimant_id=claimant_id, reason=reason))
            continue
        message = _message(claimant=claimant, dedupe_key=keys[claimant_id], settings=settings, now=now)
        try:
            with session.begin_nested():  # the same click in another request at the same moment: its row stands
                session.add(message)
        except IntegrityError:
            results.append(SendResult(claimant_id=claimant_id, reason="already_sent_today"))
            continue
        if row is not None:
            row.sent_count += 1
            row.last_sent_at = now
            session.add(row)
        results.append(SendResult(claimant_id=claimant_id, message_id=message.id))
    session.flush()
    log.info("intake reminders sent by staff: %d queued", sum(r.message_id is not None for r in results))
    return results
