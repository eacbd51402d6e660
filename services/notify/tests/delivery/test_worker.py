"""Delivery: recorded before and after each send, retries keep the Message-ID, no personal data logged."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common import jwt
from bengodan_common.auth import StaticKeyVerifier
from bengodan_common.testing import backend, free_port
from notify.core.config import Settings
from notify.main import create_app
from notify.messages import service as messages

from ..builders import all_messages, days_ahead, hearing_event, recipient
from ..support import Driver, FakeClaimsApi, Sink, smtp_sink


@pytest.fixture
def one_notice(client: TestClient, auth: dict[str, str], driver: Driver, claims_api: FakeClaimsApi) -> None:
    claims_api.recipients[2] = [recipient(101, "山田 太郎", "yamada@example.com")]
    event = hearing_event(starts_at=days_ahead(3))
    assert client.post("/api/v1/events", json=event, headers=auth).status_code == 202
    driver.process()


def notice(engine: Engine):
    return next(m for m in all_messages(engine) if m.kind == "hearing_notice")


class ReplyHandler:
    """An SMTP server that answers DATA with a fixed reply (4xx: try later, 5xx: rejected)."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.calls += 1
        return self.reply


def test_smtp_down_retries_later_with_the_same_message_id(
    one_notice: None, driver: Driver, sink: Sink, engine: Engine
) -> None:
    t0 = datetime.now(UTC)
    before = notice(engine)
    closed_port = free_port()  # nothing listens here

    assert driver.deliver(now=t0, smtp_port=closed_port) == 0
    failed = notice(engine)
    assert (failed.status, failed.attempts) == ("queued", 1)
    assert "ConnectionRefused" in (failed.last_error or "")
    assert failed.due_at == t0 + timedelta(seconds=60)
    assert sink.messages() == []

    assert driver.deliver(now=t0 + timedelta(seconds=30)) == 0  # backoff
    assert driver.deliver(now=t0 + timedelta(seconds=61)) == 1
    sent = notice(engine)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 2, None)
    [mail] = sink.messages()
    assert mail["Message-ID"] == before.message_id == sent.message_id


def test_temporary_reply_is_retried_and_permanent_reply_fails(
    one_notice: None, driver: Driver, sink: Sink, engine: Engine, tmp_path: Path
) -> None:
    t0 = datetime.now(UTC)
    port = free_port()
    busy = smtp_sink.start_sink("127.0.0.1", port, tmp_path, handler=ReplyHandler("451 4.3.0 Try again later"))
    try:
        driver.deliver(now=t0, smtp_port=port)
    finally:
        busy.stop()
    message = notice(engine)
    assert (message.status, message.attempts, message.last_error) == (
        "queued",
        1,
        "451 4.3.0 Try again later",
    )

    port = free_port()
    rejecting = smtp_sink.start_sink("127.0.0.1", port, tmp_path, handler=ReplyHandler("550 5.1.1 No such user"))
    try:
        driver.deliver(now=t0 + timedelta(minutes=5), smtp_port=port)
    finally:
        rejecting.stop()
    message = notice(engine)
    assert (message.status, message.attempts, message.last_error) == ("failed", 2, "550 5.1.1 No such user")
    assert driver.deliver(now=t0 + timedelta(days=1)) == 0  # a failed message stays failed


def test_gives_up_after_max_attempts(one_notice: None, driver: Driver, engine: Engine) -> None:
    closed_port = free_port()
    t = datetime.now(UTC)
    for _ in range(driver.settings.max_attempts):
        driver.deliver(now=t, smtp_port=closed_port)
        t += timedelta(hours=2)
    message = notice(engine)
    assert (message.status, message.attempts) == ("failed", driver.settings.max_attempts)
    assert message.last_error


def test_message_left_in_sending_is_sent_again_with_the_same_message_id(
    one_notice: None, driver: Driver, sink: Sink, engine: Engine
) -> None:
    t0 = datetime.now(UTC)
    # The worker claims the message and commits, then the process dies before the SMTP send.
    with Session(engine, expire_on_commit=False) as session:
        [claimed] = messages.claim_due(session=session, now=t0, limit=10, settings=driver.settings)
        session.commit()
    assert notice(engine).status == "sending"

    assert driver.deliver(now=t0 + timedelta(minutes=4)) == 0  # maybe still being sent
    assert driver.deliver(now=t0 + timedelta(minutes=5, seconds=1)) == 1
    sent = notice(engine)
    assert (sent.status, sent.attempts) == ("sent", 2)
    [mail] = sink.messages()
    assert mail["Message-ID"] == claimed.message_id == sent.message_id


def test_message_left_in_sending_with_no_attempts_left_fails(
    one_notice: None, driver: Driver, sink: Sink, engine: Engine
) -> None:
    t = datetime.now(UTC)
    for _ in range(driver.settings.max_attempts):  # claimed, and the process dies, every time
        with Session(engine) as session:
            messages.claim_due(session=session, now=t, limit=1, settings=driver.settings)
            session.commit()
        t += timedelta(minutes=6)
    driver.deliver(now=t)
    message = notice(engine)
    assert (message.status, message.attempts) == ("failed", 3)
    assert "given up" in (message.last_error or "")
    assert sink.messages() == []


def test_cancelled_message_is_not_sent(
    one_notice: None, driver: Driver, sink: Sink, engine: Engine, client: TestClient, auth: dict[str, str]
) -> None:
    event = hearing_event(type="hearing.cancelled", starts_at=days_ahead(3))
    client.post("/api/v1/events", json=event, headers=auth)
    driver.process()
    driver.deliver()
    assert [m["Subject"].split("】")[0] for m in sink.messages()] == ["【期日取消しのお知らせ"]
    assert {m.kind: m.status for m in all_messages(engine)} == {
        "hearing_notice": "cancelled",
        "hearing_reminder": "cancelled",
        "hearing_cancellation": "sent",
    }


def test_logs_carry_ids_but_no_names_or_addresses(
    client: TestClient,
    auth: dict[str, str],
    driver: Driver,
    sink: Sink,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/api/v1/events", json=hearing_event(starts_at=days_ahead(3)), headers=auth)
    driver.process()
    driver.deliver(smtp_port=free_port())  # failures are logged too
    driver.deliver(now=datetime.now(UTC) + timedelta(hours=1))
    assert len(sink.messages()) == 2
    # Our own log lines (the sink's aiosmtpd logger is test equipment, left out).
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))
    assert "sent" in text
    for personal in ("山田", "髙﨑", "yamada@", "takasaki@", "example.com", "example.jp"):
        assert personal not in text


@pytest.mark.skipif(backend() != "postgres", reason="SKIP LOCKED: PostgreSQL runs several workers; SQLite one")
def test_two_workers_never_take_the_same_message(one_notice: None, engine: Engine, settings: Settings) -> None:
    now = datetime.now(UTC) + timedelta(days=10)  # everything is due
    with Session(engine) as first:
        taken = messages.claim_due(session=first, now=now, limit=100, settings=settings)
        assert len(taken) == 2  # the notice and the reminder of the day before
        with Session(engine) as second:  # while the first has not committed yet
            assert messages.claim_due(session=second, now=now, limit=100, settings=settings) == []
        first.commit()


def test_worker_thread_delivers_on_its_own(
    settings: Settings, signing_key: str, claims_client: Any, sink: Sink, auth: dict[str, str]
) -> None:
    live = settings.model_copy(update={"run_worker": True, "worker_poll_seconds": 0.05})
    verifier = StaticKeyVerifier(jwt.public_jwks(signing_key), audience="bengodan", issuer="bengodan-claims-api")
    with TestClient(create_app(live, token_verifier=verifier, claims_client=claims_client)) as client:
        response = client.post("/api/v1/events", json=hearing_event(starts_at=days_ahead(5)), headers=auth)
        assert response.status_code == 202
        deadline = time.monotonic() + 10
        while len(sink.messages()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(sink.messages()) == 2
