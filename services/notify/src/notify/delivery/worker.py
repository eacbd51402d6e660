"""The worker: processes pending events, then delivers due messages. `run_once()` does one round (tests
drive it with their own clock); `start()` runs rounds in a thread until `stop()`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.db import utcnow
from notify.claims.client import RecipientSource
from notify.core.config import Settings
from notify.delivery.mailer import Mailer, SendError
from notify.events import service as events
from notify.messages import service as messages
from notify.messages.content import build_email

log = logging.getLogger(__name__)


def process_events(
    *,
    engine: Engine,
    recipients: RecipientSource,
    settings: Settings,
    now: datetime | None = None,
    limit: int = 100,
) -> int:
    """Apply pending events, one transaction each (messages and the processed mark commit together, so
    a crash re-processes the event without duplicates). Returns how many were applied."""
    done = 0
    for _ in range(limit):
        at = now or utcnow()
        with Session(engine, expire_on_commit=False) as session:
            event = events.claim_next(session=session, now=at)
            if event is None:
                return done
            event_id = event.id
            try:
                events.apply(session=session, event=event, recipients=recipients, settings=settings, now=at)
                session.commit()
                done += 1
                continue
            except Exception as exc:
                session.rollback()
                error = f"{type(exc).__name__}: {exc}"
                log.warning("event %s failed, will retry: %s", event_id, type(exc).__name__)
        with Session(engine) as session:
            events.record_failure(session=session, event_id=event_id, error=error, now=at, settings=settings)
            session.commit()
    return done


def deliver_due(*, engine: Engine, mailer: Mailer, settings: Settings, now: datetime | None = None) -> int:
    """Send the due messages. Each is marked `sending` and committed BEFORE the SMTP conversation, and
    marked `sent` (or rescheduled / failed) after it. Returns how many were sent."""
    at = now or utcnow()
    with Session(engine, expire_on_commit=False) as session:
        claimed = messages.claim_due(
            session=session,
            now=at,
            limit=settings.worker_batch_size,
            sending_timeout=timedelta(seconds=settings.sending_timeout_seconds),
            max_attempts=settings.max_attempts,
        )
        session.commit()
    sent = 0
    for message in claimed:
        assert message.id is not None
        try:
            mailer.send(build_email(message, mail_from=settings.mail_from, now=now or utcnow()))
        except SendError as exc:
            with Session(engine) as session:
                status = messages.mark_failed_attempt(
                    session=session,
                    message_id=message.id,
                    error=exc.reason,
                    permanent=exc.permanent,
                    now=now or utcnow(),
                    settings=settings,
                )
                session.commit()
            # The reason may quote the address; the log gets the message id and the outcome only.
            log.warning("message %d attempt %d failed -> %s", message.id, message.attempts, status)
            continue
        except Exception:
            log.exception("message %d: cannot build or send; left in sending for a later retry", message.id)
            continue
        with Session(engine) as session:
            messages.mark_sent(session=session, message_id=message.id, now=now or utcnow())
            session.commit()
        sent += 1
        log.info("message %d (%s) sent", message.id, message.kind)
    return sent


class Worker:
    def __init__(
        self,
        *,
        engine: Engine,
        recipients: RecipientSource,
        mailer: Mailer,
        settings: Settings,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.engine = engine
        self.recipients = recipients
        self.mailer = mailer
        self.settings = settings
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> tuple[int, int]:
        """One round: (events applied, messages sent)."""
        now = self.clock() if self.clock else None  # None: the real time at each step
        applied = process_events(engine=self.engine, recipients=self.recipients, settings=self.settings, now=now)
        sent = deliver_due(engine=self.engine, mailer=self.mailer, settings=self.settings, now=now)
        return applied, sent

    def _loop(self) -> None:
        log.info("delivery worker started")
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("delivery worker round failed")
            self._stop.wait(self.settings.worker_poll_seconds)
        log.info("delivery worker stopped")

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="notify-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
