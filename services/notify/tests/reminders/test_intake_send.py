"""Staff send the intake reminder now to the claimants picked in the list: the same e-mail as the scheduled one,
one a day per claimant, and the reason for each claimant left out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.japanese import TOKYO
from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.messages.models import Message
from notify.reminders import intake
from notify.reminders.models import OptOut
from notify.reminders.optouts import unsubscribe_url

from ..support import Driver, FakeClaimsApi, Sink
from .test_intake import bearer, jst, open_item, reminders_of, row_of

URL = "/api/v1/intake-reminders/send"


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return bearer(token, "notify:read notify:write")


def send(client: TestClient, headers: dict[str, str], *ids: int) -> Any:  # the test client's response
    return client.post(URL, json={"claimant_ids": list(ids)}, headers=headers)


def test_a_reminder_now_is_the_scheduled_e_mail_delivered_at_once(
    client: TestClient,
    as_staff: dict[str, str],
    claims_api: FakeClaimsApi,
    driver: Driver,
    sink: Sink,
    settings: Settings,
    engine: Engine,
) -> None:
    claims_api.open_intake = [
        open_item(7, "髙﨑社会保険労務士法人", "takasaki@example.jp", missing=("engagement_contract", "originals"))
    ]
    response = send(client, as_staff, 7)
    assert response.status_code == 200
    [message] = reminders_of(engine)
    assert response.json() == {
        "results": [{"claimant_id": 7, "status": "queued", "message_id": message.id, "reason": None}],
        "queued": 1,
        "skipped": 0,
    }
    today = datetime.now(UTC).astimezone(TOKYO).date().isoformat()
    assert (message.status, message.kind, message.claimant_id) == ("queued", "intake_reminder", 7)
    assert (message.dedupe_key, message.cancel_key) == (f"intake-manual:7:{today}", "intake:7")

    assert driver.deliver(now=datetime.now(UTC) + timedelta(seconds=1)) == 1
    [mail] = sink.messages()
    assert mail["Subject"] == "【ご提出のお願い】損害賠償請求の必要書類について"
    assert mail["To"].addresses[0].addr_spec == "takasaki@example.jp"
    body = mail.get_content()
    assert body.splitlines()[0] == "髙﨑社会保険労務士法人 様"
    assert [line.removeprefix("・") for line in body.splitlines() if line.startswith("・")] == [
        "委任契約書（署名済）",
        "原本",
    ]
    assert unsubscribe_url(settings, 7) in body.splitlines()


def test_each_claimant_left_out_has_its_reason(
    client: TestClient,
    as_staff: dict[str, str],
    claims_api: FakeClaimsApi,
    claims_client: httpx.Client,
    engine: Engine,
    settings: Settings,
) -> None:
    claims_api.open_intake = [
        open_item(1),
        open_item(2, email=None),
        open_item(3, email="not an address"),
        open_item(4, consent=False),
        open_item(5),  # opted out by the link
        open_item(6),  # stopped by staff
        open_item(8, missing=()),
    ]
    with Session(engine) as session:
        session.add(OptOut(claimant_id=5, source="link"))
        session.commit()
    intake.check_intake(engine=engine, claims=ClaimsApi(claims_client), settings=settings, now=jst(1, 5))
    assert client.post("/api/v1/claimants/6/intake-reminders/stop", headers=as_staff).status_code == 200

    response = send(client, as_staff, 1, 2, 3, 4, 5, 6, 8, 9, 1)
    assert response.status_code == 200
    body = response.json()
    assert [(r["claimant_id"], r["status"], r["reason"]) for r in body["results"]] == [
        (1, "queued", None),
        (2, "skipped", "no_email"),
        (3, "skipped", "no_email"),
        (4, "skipped", "opted_out"),
        (5, "skipped", "opted_out"),
        (6, "skipped", "stopped"),
        (8, "skipped", "nothing_missing"),
        (9, "skipped", "nothing_missing"),  # not open in claims-api: the checklist is complete
    ]
    assert (body["queued"], body["skipped"]) == (1, 7)
    assert [r["message_id"] for r in body["results"][1:]] == [None] * 7
    assert [m.claimant_id for m in reminders_of(engine)] == [1]
    row = row_of(engine, 1)
    assert row.sent_count == 1 and row.last_sent_at is not None
    assert row.next_due_at == jst(1, 18)  # the scheduled reminders keep their times


def test_a_double_click_sends_one_reminder_a_day(
    client: TestClient, as_staff: dict[str, str], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1), open_item(2, email="other@example.jp")]
    assert send(client, as_staff, 1).json()["queued"] == 1
    again = send(client, as_staff, 1, 2).json()
    assert [(r["claimant_id"], r["status"], r["reason"]) for r in again["results"]] == [
        (1, "skipped", "already_sent_today"),
        (2, "queued", None),
    ]
    assert [m.claimant_id for m in reminders_of(engine)] == [1, 2]


def test_the_next_day_in_japan_is_another_day(
    engine: Engine, claims_client: httpx.Client, claims_api: FakeClaimsApi, settings: Settings
) -> None:
    claims_api.open_intake = [open_item(1)]

    def now(at: datetime) -> list[intake.SendResult]:
        with Session(engine) as session:
            results = intake.send_now(
                session=session, claims=ClaimsApi(claims_client), claimant_ids=[1], settings=settings, now=at
            )
            session.commit()
            return results

    assert now(jst(2, 1, 10))[0].message_id is not None
    assert now(jst(2, 1, 23, 59))[0].reason == "already_sent_today"
    assert now(jst(2, 2, 0, 0))[0].message_id is not None  # 15:00 UTC: a new day in Japan
    assert [m.dedupe_key for m in reminders_of(engine)] == ["intake-manual:1:2027-02-01", "intake-manual:1:2027-02-02"]


@pytest.mark.usefixtures("quiet_hours")
def test_the_quiet_hours_still_apply(
    engine: Engine, claims_client: httpx.Client, claims_api: FakeClaimsApi, settings: Settings
) -> None:
    claims_api.open_intake = [open_item(1)]
    with Session(engine) as session:
        [result] = intake.send_now(
            session=session, claims=ClaimsApi(claims_client), claimant_ids=[1], settings=settings, now=jst(2, 1, 22)
        )
        session.commit()
        message = session.get(Message, result.message_id)
        assert message is not None and message.due_at == jst(2, 2, 8)


def test_staff_stopping_the_reminders_afterwards_cancels_the_queued_one(
    client: TestClient,
    as_staff: dict[str, str],
    claims_api: FakeClaimsApi,
    claims_client: httpx.Client,
    engine: Engine,
    settings: Settings,
) -> None:
    claims_api.open_intake = [open_item(1)]
    intake.check_intake(engine=engine, claims=ClaimsApi(claims_client), settings=settings, now=jst(1, 5))
    assert send(client, as_staff, 1).json()["queued"] == 1
    assert client.post("/api/v1/claimants/1/intake-reminders/stop", headers=as_staff).status_code == 200
    assert [m.status for m in reminders_of(engine)] == ["cancelled"]


def test_repeated_under_an_idempotency_key_is_replayed(
    client: TestClient, as_staff: dict[str, str], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    keyed = {**as_staff, "Idempotency-Key": "remind-1"}
    first = send(client, keyed, 1)
    again = send(client, keyed, 1)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["results"][0]["status"] == "queued"
    other = send(client, keyed, 1, 2)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert len(reminders_of(engine)) == 1


@pytest.mark.parametrize(
    "body",
    [{"claimant_ids": []}, {"claimant_ids": [0]}, {"claimant_ids": list(range(1, 502))}, {"claimant_ids": [1], "x": 1}],
    ids=["empty", "zero", "over-500", "unknown-field"],
)
def test_an_invalid_body_is_a_422_problem(client: TestClient, as_staff: dict[str, str], body: dict[str, Any]) -> None:
    response = client.post(URL, json=body, headers=as_staff)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_a_claims_api_failure_is_a_502_problem_and_sends_nothing(
    client: TestClient, as_staff: dict[str, str], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    claims_api.fail_with = 503
    response = send(client, as_staff, 1)
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "claims-api answered 503"
    assert reminders_of(engine) == []


def test_the_api_needs_a_token_and_the_write_scope(
    client: TestClient, token: Callable[..., str], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    assert send(client, {}).status_code == 401
    assert client.post(URL, json={"claimant_ids": [1]}).status_code == 401
    viewer = bearer(token, "notify:read")
    forbidden = send(client, viewer, 1)
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"] == "application/problem+json"
    assert send(client, bearer(token, "notify:events.write"), 1).status_code == 403
    assert reminders_of(engine) == []
