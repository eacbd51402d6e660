"""Delivers outbox events to notify, in order, retrying with backoff until notify accepts.

At least once: notify deduplicates by event id. An event that fails blocks the ones after it so that a
hearing's `updated` never overtakes its `scheduled`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from bengodan_common.db import for_writes, is_postgres, utcnow
from claims_api.outbox.models import OutboxEvent

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 300


def backoff_seconds(attempts: int) -> int:
    return int(min(2**attempts, MAX_BACKOFF_SECONDS))


def deliver_pending(
    *, engine: Engine, client: httpx.Client, token: Callable[[], str], notify_url: str, limit: int = 50
) -> int:
    """Deliver due events in order; return how many were delivered."""
    delivered = 0
    with Session(engine) as session:
        query = (
            select(OutboxEvent)
            .where(col(OutboxEvent.delivered_at).is_(None), OutboxEvent.destination == "notify")
            .order_by(col(OutboxEvent.id))
            .limit(limit)
        )
        if is_postgres(engine):
            query = query.with_for_update(skip_locked=True)
        for event in session.exec(query).all():
            if event.next_attempt_at > utcnow():
                break
            body = {
                "id": event.event_id,
                "type": event.type,
                "occurred_at": event.created_at.isoformat(),
                "payload": event.payload,
            }
            try:
                response = client.post(
                    f"{notify_url.rstrip('/')}/api/v1/events",
                    json=body,
                    headers={"Authorization": f"Bearer {token()}"},
                )
                accepted = response.status_code in (200, 202)
                error = None if accepted else f"HTTP {response.status_code}: {response.text[:300]}"
            except httpx.HTTPError as exc:
                accepted, error = False, f"{type(exc).__name__}: {exc}"
            if accepted:
                _record(engine, session, event, delivered_at=utcnow())
                delivered += 1
                continue
            attempts = event.attempts + 1
            _record(
                engine,
                session,
                event,
                attempts=attempts,
                last_error=(error or "")[:1000],
                next_attempt_at=utcnow() + timedelta(seconds=backoff_seconds(attempts)),
            )
            log.warning("outbox event %s not accepted (attempt %s): %s", event.event_id, attempts, error)
            break
    return delivered


def _record(engine: Engine, session: Session, event: OutboxEvent, **values: object) -> None:
    """Store the outcome of one delivery.

    PostgreSQL: in the pass's own transaction, which holds the event's row lock (another relay skips it).
    SQLite: in a write transaction of its own. The pass's transaction has read, and SQLite refuses at once to
    turn a reading transaction into a writing one after another connection committed (SQLITE_BUSY_SNAPSHOT):
    a login's audit entry during the POST to notify was enough to lose the record of a delivered event.
    """
    if is_postgres(engine):
        for name, value in values.items():
            setattr(event, name, value)
        session.add(event)
        session.commit()
        return
    with Session(for_writes(engine)) as writer:
        writer.execute(update(OutboxEvent).where(col(OutboxEvent.id) == event.id).values(**values))
        writer.commit()
    for name, value in values.items():  # the pass reads on from its snapshot; keep the object current
        set_committed_value(event, name, value)


class OutboxRelay:
    """A background thread running `deliver_pending` every `poll_seconds`."""

    def __init__(self, *, engine: Engine, notify_url: str, token: Callable[[], str], poll_seconds: float) -> None:
        self.engine = engine
        self.notify_url = notify_url
        self.token = token
        self.poll_seconds = poll_seconds
        self.client = httpx.Client(timeout=httpx.Timeout(10.0, connect=3.0))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self.client.close()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                deliver_pending(engine=self.engine, client=self.client, token=self.token, notify_url=self.notify_url)
            except Exception:
                log.exception("outbox relay pass failed")
            self._stop.wait(self.poll_seconds)
