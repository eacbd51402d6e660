from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from notify.messages.models import Message

from ..builders import days_ahead, hearing_event
from ..support import Driver


def _make(client: TestClient, auth: dict[str, str], driver: Driver) -> None:
    for hearing_id in (1, 2):
        event = hearing_event(hearing_id=hearing_id, starts_at=days_ahead(10 + hearing_id))
        assert client.post("/api/v1/events", json=event, headers=auth).status_code == 202
    driver.process()


def test_list_by_hearing_and_claimant(client: TestClient, auth: dict[str, str], driver: Driver) -> None:
    _make(client, auth, driver)
    page = client.get("/api/v1/messages", params={"hearing_id": 1}, headers=auth).json()
    assert page["total"] == 6  # 2 recipients x (notice + 2 reminders)
    assert {m["hearing_id"] for m in page["items"]} == {1}
    assert {m["kind"] for m in page["items"]} == {"hearing_notice", "hearing_reminder"}
    assert "body" not in page["items"][0]
    assert page["items"][0]["message_id"].startswith("<")

    mine = client.get("/api/v1/messages", params={"hearing_id": 2, "claimant_id": 102}, headers=auth).json()
    assert mine["total"] == 3
    assert {m["claimant_id"] for m in mine["items"]} == {102}


def test_pagination(client: TestClient, auth: dict[str, str], driver: Driver) -> None:
    _make(client, auth, driver)
    first = client.get("/api/v1/messages", params={"limit": 5}, headers=auth).json()
    rest = client.get("/api/v1/messages", params={"limit": 5, "offset": 5}, headers=auth).json()
    assert (first["total"], len(first["items"]), len(rest["items"])) == (12, 5, 5)
    assert not {m["id"] for m in first["items"]} & {m["id"] for m in rest["items"]}
    bad = client.get("/api/v1/messages", params={"limit": 0}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "limit"


def test_one_message_with_its_body(client: TestClient, auth: dict[str, str], driver: Driver) -> None:
    _make(client, auth, driver)
    first = client.get("/api/v1/messages", params={"claimant_id": 101, "limit": 1}, headers=auth).json()
    detail = client.get(f"/api/v1/messages/{first['items'][0]['id']}", headers=auth).json()
    assert detail["body"].startswith("山田 太郎 様")
    missing = client.get("/api/v1/messages/999999", headers=auth)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


def test_reading_needs_the_scope(client: TestClient, token: Callable[..., str]) -> None:
    assert client.get("/api/v1/messages").status_code == 401
    headers = {"Authorization": f"Bearer {token('notify:events.write')}"}
    assert client.get("/api/v1/messages", headers=headers).status_code == 403
    viewer = {"Authorization": f"Bearer {token('claims:read notify:read', kind='user')}"}
    assert client.get("/api/v1/messages", headers=viewer).status_code == 200


def test_every_kind_of_message_is_listed_newest_first_if_asked(
    client: TestClient, auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    _make(client, auth, driver)
    now = datetime.now(UTC)
    with Session(engine) as session:
        for kind, channel, claimant_id, extra in (
            ("intake_reminder", "email", 101, {"to_address": "yamada@example.com", "subject": "s", "body": "b"}),
            ("breach_notice", "postal", None, {"campaign_id": 1, "recipient_id": 9}),
        ):
            session.add(
                Message(
                    kind=kind,
                    channel=channel,
                    dedupe_key=f"{kind}-1",
                    claimant_id=claimant_id,
                    to_name="山田 太郎",
                    sender="noreply@bengodan.example.jp",
                    message_id=f"<{kind}@bengodan.local>",
                    due_at=now + timedelta(days=30),
                    cancel_key=f"{kind}:1",
                    **extra,
                )
            )
        session.commit()
    listed = client.get("/api/v1/messages", params={"limit": 500}, headers=auth)
    assert listed.status_code == 200, listed.text
    kinds = [m["kind"] for m in listed.json()["items"]]
    assert {"hearing_notice", "intake_reminder", "breach_notice"} <= set(kinds)
    history = client.get(
        "/api/v1/messages", params={"claimant_id": 101, "newest_first": True, "limit": 2}, headers=auth
    ).json()
    assert history["items"][0]["kind"] == "intake_reminder" and history["items"][0]["hearing_id"] is None
    postal = next(m for m in listed.json()["items"] if m["kind"] == "breach_notice")
    assert (postal["channel"], postal["to_address"], postal["subject"]) == ("postal", None, None)
    detail = client.get(f"/api/v1/messages/{postal['id']}", headers=auth).json()
    assert detail["body"] is None and detail["recipient_id"] == 9
