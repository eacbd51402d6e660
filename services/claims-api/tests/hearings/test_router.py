from __future__ import annotations

from datetime import timedelta

import httpx
from builders import auth, make_case, make_proceeding
from sqlmodel import Session, select

from bengodan_common.db import utcnow
from claims_api.audit.service import record_independently
from claims_api.hearings.models import Hearing
from claims_api.outbox.models import OutboxEvent
from claims_api.outbox.relay import deliver_pending


def _schedule(client, app_state, proceeding_id, when="2030-01-20T10:30:00+09:00"):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/hearings",
        json={
            "proceeding_id": proceeding_id,
            "kind": "oral_argument",
            "starts_at": when,
            "place": "大阪地方裁判所 第1001号法廷",
        },
        headers=auth(app_state),
    )


def test_scheduling_a_hearing_writes_its_event_in_the_same_transaction(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    response = _schedule(client, app_state, proceeding.id)
    assert response.status_code == 201, response.text
    assert response.json()["starts_at"].startswith("2030-01-20T01:30:00")  # stored in UTC
    (event,) = session.exec(select(OutboxEvent)).all()
    assert event.type == "hearing.scheduled"
    assert event.payload["starts_at"] == "2030-01-20T10:30:00+09:00"
    assert event.payload["proceeding_id"] == proceeding.id and event.delivered_at is None


def test_a_refused_hearing_leaves_neither_row_nor_event(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    past = _schedule(client, app_state, proceeding.id, when="2020-01-01T10:00:00+09:00")
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "starts_at"
    naive = _schedule(client, app_state, proceeding.id, when="2030-01-01T10:00:00")
    assert naive.status_code == 422
    assert session.exec(select(Hearing)).first() is None
    assert session.exec(select(OutboxEvent)).first() is None


def test_moving_and_cancelling_emit_events_in_order(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    hearing_id = _schedule(client, app_state, proceeding.id).json()["id"]
    client.patch(
        f"/api/v1/hearings/{hearing_id}",
        json={"starts_at": "2030-02-01T13:00:00+09:00"},
        headers=auth(app_state),
    )
    client.post(f"/api/v1/hearings/{hearing_id}/cancel", headers=auth(app_state))
    types = [e.type for e in session.exec(select(OutboxEvent).order_by(OutboxEvent.id)).all()]
    assert types == ["hearing.scheduled", "hearing.updated", "hearing.cancelled"]


def test_relay_retries_until_notify_accepts_and_keeps_order(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    _schedule(client, app_state, proceeding.id)
    _schedule(client, app_state, proceeding.id, when="2030-03-01T10:00:00+09:00")
    received: list[str] = []
    answers = iter([503, 202, 200])

    def notify(request: httpx.Request) -> httpx.Response:
        assert request.headers["authorization"].startswith("Bearer ")
        status = next(answers)
        if status != 503:
            received.append(request.read().decode())
        return httpx.Response(status, json={})

    engine = app_state.engine
    http = httpx.Client(transport=httpx.MockTransport(notify))
    args = {"engine": engine, "client": http, "token": lambda: "t", "notify_url": "http://notify"}
    assert deliver_pending(**args) == 0  # 503: first event waits, the second is not sent ahead of it
    with Session(engine) as check:
        first = check.exec(select(OutboxEvent).order_by(OutboxEvent.id)).first()
        assert first is not None and first.attempts == 1 and "503" in (first.last_error or "")
        first.next_attempt_at = utcnow() - timedelta(seconds=1)  # backoff elapsed
        check.add(first)
        check.commit()
    assert deliver_pending(**args) == 2
    assert len(received) == 2 and "2030-01-20" in received[0] and "2030-03-01" in received[1]
    assert deliver_pending(**args) == 0  # nothing delivered twice


def test_relay_records_a_delivery_while_another_request_commits(client, session, app_state):
    """On SQLite a transaction that has read may not start writing after another connection committed; the
    relay reads the events, posts each to notify (a login may commit meanwhile), then records the delivery."""
    proceeding = make_proceeding(session, make_case(session))
    _schedule(client, app_state, proceeding.id)
    _schedule(client, app_state, proceeding.id, when="2030-03-01T10:00:00+09:00")
    engine = app_state.engine

    def notify(request: httpx.Request) -> httpx.Response:
        record_independently(session=Session(engine), actor="login:someone", action="login.failed", entity="user")
        return httpx.Response(202, json={})

    http = httpx.Client(transport=httpx.MockTransport(notify))
    args = {"engine": engine, "client": http, "token": lambda: "t", "notify_url": "http://notify"}

    assert deliver_pending(**args) == 2
    with Session(engine) as check:
        assert all(e.delivered_at is not None for e in check.exec(select(OutboxEvent)).all())
