"""Storing events (idempotent by event id) and turning them into messages."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from bengodan_common.db import utcnow
from notify.claims.client import RecipientSource
from notify.core.config import Settings
from notify.events.models import Event
from notify.events.schemas import HearingEvent, HearingPayload
from notify.messages import service as messages
from notify.messages.content import HearingInfo

log = logging.getLogger(__name__)


def store(*, session: Session, event: HearingEvent) -> bool:
    """Store a new event; False when the id is already stored (also under concurrent deliveries).

    `INSERT ... ON CONFLICT DO NOTHING` on the primary key: the database decides, no exception leaves the
    session unusable, and a race between two deliveries of the same event stores it once.
    """
    values = {
        "id": str(event.id),
        "type": event.type,
        "hearing_id": event.payload.hearing_id,
        "occurred_at": event.occurred_at,
        "payload": event.payload.model_dump(mode="json"),
        "received_at": utcnow(),
        "attempts": 0,
        "next_attempt_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Event).values(**values).on_conflict_do_nothing(index_elements=["id"]).returning(col(Event.id))
    created = session.execute(statement).first() is not None
    log.info("event %s (%s) %s", values["id"], event.type, "accepted" if created else "duplicate")
    return created


def claim_next(*, session: Session, now: datetime) -> Event | None:
    """The oldest unprocessed event that is due, and only if no older event of the same hearing is
    still pending (events of one hearing are applied in order). Locked on PostgreSQL."""
    earlier = aliased(Event)
    pending_before = exists().where(
        col(earlier.hearing_id) == col(Event.hearing_id),
        col(earlier.processed_at).is_(None),
        col(earlier.occurred_at) < col(Event.occurred_at),
    )
    statement = (
        select(Event)
        .where(col(Event.processed_at).is_(None), col(Event.next_attempt_at) <= now, ~pending_before)
        .order_by(col(Event.occurred_at), col(Event.received_at))
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=Event)
    return session.scalars(statement).first()


def _superseded(*, session: Session, event: Event) -> bool:
    """A newer event of the same hearing was already applied (a late redelivery): nothing to do."""
    newer = select(col(Event.id)).where(
        col(Event.hearing_id) == event.hearing_id,
        col(Event.processed_at).is_not(None),
        col(Event.occurred_at) > event.occurred_at,
    )
    return session.scalars(newer.limit(1)).first() is not None


def apply(*, session: Session, event: Event, recipients: RecipientSource, settings: Settings, now: datetime) -> str:
    """Create and cancel the messages an event calls for and mark it processed; returns the outcome.

    Runs in the caller's transaction, so the messages and the processed mark commit together.
    """
    payload = HearingPayload.model_validate(event.payload)
    hearing = HearingInfo.from_payload(payload)
    cancel_key = messages.cancel_key_for(payload.hearing_id)
    cancelled = event.type == "hearing.cancelled" or payload.status == "cancelled"

    if _superseded(session=session, event=event):
        outcome = "superseded"
    else:
        # Whatever was pending for this hearing is out of date now (for a first scheduling: nothing).
        count = messages.cancel_pending(session=session, cancel_key=cancel_key, now=now)
        if count:
            log.info("event %s: cancelled %d pending messages of hearing %d", event.id, count, payload.hearing_id)
        if hearing.starts_at <= now:
            outcome = "past"  # nobody needs a notice about a hearing that is over
        else:
            people = recipients.recipients(payload.proceeding_id)  # filtered by consent and e-mail there
            if cancelled:
                created = messages.create_cancellation(
                    session=session,
                    event_id=event.id,
                    hearing=hearing,
                    recipients=people,
                    settings=settings,
                    now=now,
                )
                outcome = "cancelled"
            else:
                created = messages.create_for_hearing(
                    session=session,
                    event_id=event.id,
                    hearing=hearing,
                    recipients=people,
                    settings=settings,
                    changed=event.type == "hearing.updated",
                    now=now,
                )
                outcome = "scheduled" if event.type == "hearing.scheduled" else "updated"
            log.info("event %s: %d messages created for hearing %d", event.id, created, payload.hearing_id)
    event.processed_at = now
    event.outcome = outcome
    event.last_error = None
    session.add(event)
    return outcome


def record_failure(*, session: Session, event_id: str, error: str, now: datetime, settings: Settings) -> None:
    """The event stays pending and is tried again later (backoff capped at retry_max_seconds)."""
    event = session.get(Event, event_id)
    if event is None:
        return
    event.attempts += 1
    delay = min(settings.retry_base_seconds * 2 ** (event.attempts - 1), settings.retry_max_seconds)
    event.next_attempt_at = now + timedelta(seconds=delay)
    event.last_error = error[:1000]
    session.add(event)
