from __future__ import annotations

import threading
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from notify.events import service
from notify.events.schemas import HearingEvent

from ..builders import all_events, all_messages, hearing_event


def test_without_token_401(client: TestClient) -> None:
    response = client.post("/api/v1/events", json=hearing_event())
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["status"] == 401


def test_with_a_bad_token_401(client: TestClient) -> None:
    response = client.post("/api/v1/events", json=hearing_event(), headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401


def test_without_the_scope_403(client: TestClient, token: Callable[..., str], engine: Engine) -> None:
    headers = {"Authorization": f"Bearer {token('notify:read claims:read')}"}
    response = client.post("/api/v1/events", json=hearing_event(), headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert "notify:events.write" in response.json()["detail"]
    assert all_events(engine) == []


def test_bad_event_422_problem(client: TestClient, auth: dict[str, str], engine: Engine) -> None:
    event = hearing_event(kind="tea_party")
    event["payload"]["starts_at"] = "2027-01-20T10:00:00"  # no offset
    event["type"] = "hearing.moved"
    response = client.post("/api/v1/events", json=event, headers=auth)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "validation-error"
    fields = {e["field"] for e in body["errors"]}
    assert {"type", "payload.kind", "payload.starts_at"} <= fields
    assert all_events(engine) == []


def test_line_breaks_in_texts_that_reach_mail_headers_are_refused(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/events", json=hearing_event(proceeding_name="第1次調停\r\nBcc: x@example.com"), headers=auth
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "payload.proceeding_name"


def test_event_posted_twice_is_stored_once(client: TestClient, auth: dict[str, str], engine: Engine, driver) -> None:
    event = hearing_event()
    first = client.post("/api/v1/events", json=event, headers=auth)
    second = client.post("/api/v1/events", json=event, headers=auth)
    assert (first.status_code, first.json()) == (202, {"event_id": event["id"], "status": "accepted"})
    assert (second.status_code, second.json()) == (200, {"event_id": event["id"], "status": "duplicate"})
    assert [e.id for e in all_events(engine)] == [event["id"]]

    assert driver.process() == 1
    client.post("/api/v1/events", json=event, headers=auth)  # a third delivery after processing
    assert driver.process() == 0
    notices = [m for m in all_messages(engine) if m.kind == "hearing_notice"]
    assert sorted(m.claimant_id for m in notices) == [101, 102]


def test_concurrent_deliveries_of_one_event_store_it_once(engine: Engine) -> None:
    event = HearingEvent.model_validate(hearing_event())
    results: list[bool] = []
    barrier = threading.Barrier(6)

    def deliver() -> None:
        with Session(engine) as session:
            barrier.wait()
            created = service.store(session=session, event=event)
            session.commit()
            results.append(created)

    threads = [threading.Thread(target=deliver) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True]
    assert len(all_events(engine)) == 1
