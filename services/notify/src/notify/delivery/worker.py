"""The worker: processes pending events, then delivers due messages. `run_once()` does one round (tests
drive it with their own clock); `start()` runs rounds in a thread until `stop()`."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.db import utcnow
from notify.claims.client import RecipientSource
from notify.core.config import Settings
from notify.delivery.mailer import Mailer, SendError
from notify.delivery.outgoing import compose
from notify.events import service as events
from notify.messages import service as messages

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
    """Send one batch of due e-mails over one connection. The batch is marked `sending` and committed BEFORE any
    SMTP conversation, and each message is marked `sent` (or rescheduled / failed) right after its own. A crash
    in between leaves it in `sending`; it is sent again after `sending_timeout_seconds`, with the same
    Message-ID. Returns how many were sent."""
    at = now or utcnow()
    with Session(engine, expire_on_commit=False) as session:
        claimed = messages.claim_due(session=session, now=at, limit=settings.worker_batch_size, settings=settings)
        try:
            ready = compose(session=session, claimed=claimed, settings=settings, now=at)
        except Exception:
            # Nothing is sent: the claim is rolled back and the messages wait for the next round.
            log.exception("cannot compose a batch of %d messages", len(claimed))
            session.rollback()
            return 0
        session.commit()
    sent = 0
    with mailer.session() as connection, _records(engine) as record:
        for item in ready:
            try:
                provider_id = connection.send(item.email, envelope_from=settings.bounce_address)
            except SendError as exc:
                with Session(engine) as session:
                    status = messages.mark_failed_attempt(
                        session=session,
                        message_id=item.message_id,
                        error=exc.reason,
                        permanent=exc.permanent,
                        now=now or utcnow(),
                        settings=settings,
                    )
                    session.commit()
                # The reason may quote the address; the log gets the message id and the outcome only.
                log.warning("message %d failed -> %s", item.message_id, status)
                continue
            record(item.message_id, provider_id, now or utcnow())
            sent += 1
            log.debug("message %d (%s) sent", item.message_id, item.kind)
    if sent:
        log.info("%d messages sent", sent)
    return sent


Record = Callable[[int, "str | None", datetime], None]


@contextmanager
def _records(engine: Engine) -> Iterator[Record]:
    """`record(message id, provider's id, time)` for a batch's after-send records, on one connection, each committed
    on its own: a worker killed between two sends has recorded every message but the one in hand. The commits do
    not wait for the disk (PostgreSQL `synchronous_commit` off, in autocommit: one round trip per message; SQLite
    `synchronous=NORMAL` in WAL mode): only a crash of the database server itself, not of the worker, could lose
    the last records, whose messages would then be sent again with the same Message-ID."""
    postgres = engine.dialect.name == "postgresql"
    with engine.connect() as connection:
        if postgres:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("SET synchronous_commit TO OFF")
        else:  # outside any transaction: SQLite refuses the change inside one
            connection.connection.driver_connection.execute("PRAGMA synchronous=NORMAL")  # type: ignore[union-attr]

        def record(message_id: int, provider_message_id: str | None, at: datetime) -> None:
            messages.mark_sent(connection, message_id=message_id, now=at, provider_message_id=provider_message_id)
            if not postgres:
                connection.commit()

        try:
            yield record
        finally:
            if postgres:
                connection.exec_driver_sql("RESET synchronous_commit")
            else:
                connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA synchronous=FULL")  # type: ignore[union-attr]


@dataclass
class Periodic:
    """Work the worker does every `every_seconds` besides sending (intake checks, letters, SES feedback)."""

    name: str
    every_seconds: float
    run: Callable[[datetime | None], object]
    last_run: float = field(default=-math.inf)


class Worker:
    def __init__(
        self,
        *,
        engine: Engine,
        recipients: RecipientSource,
        mailer: Mailer,
        settings: Settings,
        periodic: list[Periodic] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.engine = engine
        self.recipients = recipients
        self.mailer = mailer
        self.settings = settings
        self.periodic = periodic or []
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> tuple[int, int]:
        """One round: (events applied, messages sent)."""
        now = self.clock() if self.clock else None  # None: the real time at each step
        applied = process_events(engine=self.engine, recipients=self.recipients, settings=self.settings, now=now)
        for task in self.periodic:
            if time.monotonic() - task.last_run >= task.every_seconds:
                task.last_run = time.monotonic()
                try:
                    task.run(now)
                except Exception:
                    log.exception("%s failed; tried again in %.0f s", task.name, task.every_seconds)
        sent = deliver_due(engine=self.engine, mailer=self.mailer, settings=self.settings, now=now)
        return applied, sent

    def _loop(self) -> None:
        log.info("delivery worker started")
        while not self._stop.is_set():
            try:
                _, sent = self.run_once()
            except Exception:
                log.exception("delivery worker round failed")
                sent = 0
            if sent < self.settings.worker_batch_size:  # a full batch: more may be due, go on at once
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
