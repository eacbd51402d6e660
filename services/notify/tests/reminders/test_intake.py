"""Intake reminders: a claimant with missing checklist items is reminded 14 days after intake began, at 09:00
Japan time, then weekly, until the checklist is complete or staff stop it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.japanese import TOKYO
from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.messages.models import Message
from notify.reminders import intake
from notify.reminders.models import IntakeReminder, OptOut
from notify.reminders.optouts import claimant_of, unsubscribe_url

from ..support import Driver, FakeClaimsApi, Sink

LABELS = {
    "damage_list": "損害一覧表",
    "engagement_contract": "委任契約書（署名済）",
    "power_of_attorney": "委任状",
    "originals": "原本",
    "insurance_policy": "保険証券",
}
# Intake began on Monday 4 January 2027 in Japan (an evening, so the UTC date is the same day).
STARTED = datetime(2027, 1, 4, 18, 30, tzinfo=TOKYO)


def jst(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=TOKYO)


def open_item(
    claimant_id: int,
    name: str = "大阪中央社会保険労務士事務所",
    email: str | None = "office@example.jp",
    *,
    consent: bool = True,
    started: datetime = STARTED,
    missing: tuple[str, ...] = ("damage_list", "power_of_attorney"),
) -> dict[str, Any]:
    """One item of `GET /api/v1/intake/open` (synthetic offices only)."""
    return {
        "claimant_id": claimant_id,
        "case_id": 1,
        "name": name,
        "email": email,
        "reminder_consent": consent,
        "intake_started_at": started.isoformat(),
        "missing": [{"item": item, "label": LABELS[item]} for item in missing],
    }


@pytest.fixture
def check(engine: Engine, claims_client: httpx.Client, settings: Settings) -> Callable[[datetime], int]:
    def run(now: datetime) -> int:
        return intake.check_intake(engine=engine, claims=ClaimsApi(claims_client), settings=settings, now=now)

    return run


def reminders_of(engine: Engine, claimant_id: int | None = None) -> list[Message]:
    with Session(engine) as session:
        statement = select(Message).where(col(Message.kind) == "intake_reminder")
        if claimant_id is not None:
            statement = statement.where(col(Message.claimant_id) == claimant_id)
        return list(session.scalars(statement.order_by(col(Message.id))).all())


def row_of(engine: Engine, claimant_id: int) -> IntakeReminder:
    with Session(engine) as session:
        row = session.get(IntakeReminder, claimant_id)
        assert row is not None
        return row


def test_first_reminder_14_days_after_intake_began_at_nine_japan_time(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    assert check(STARTED + timedelta(hours=1)) == 0
    assert row_of(engine, 1).next_due_at == jst(1, 18)
    assert check(jst(1, 18, 8, 59)) == 0
    assert reminders_of(engine) == []

    assert check(jst(1, 18)) == 1
    [message] = reminders_of(engine)
    assert (message.status, message.channel, message.claimant_id) == ("queued", "email", 1)
    assert (message.to_name, message.to_address) == ("大阪中央社会保険労務士事務所", "office@example.jp")
    assert message.due_at == jst(1, 18)
    assert (message.cancel_key, message.dedupe_key) == ("intake:1", "intake:1:1")
    assert message.sender == "noreply@bengodan.example.jp"
    row = row_of(engine, 1)
    assert (row.sent_count, row.last_sent_at, row.next_due_at) == (1, jst(1, 18), jst(1, 25))


def test_the_day_counts_in_japan_time(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    # 16:00 UTC on 4 January is 01:00 on 5 January in Japan: the first reminder is due on the 19th.
    claims_api.open_intake = [open_item(1, started=datetime(2027, 1, 4, 16, 0, tzinfo=UTC))]
    check(jst(1, 5, 12))
    assert row_of(engine, 1).next_due_at == jst(1, 19)


def test_weekly_after_the_first_and_one_message_per_due_round(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    assert check(jst(1, 18)) == 1
    assert check(jst(1, 18)) == 0  # the same round again
    assert check(jst(1, 18, 9, 10)) == 0
    assert check(jst(1, 24, 23, 59)) == 0
    assert check(jst(1, 25)) == 1
    assert check(jst(1, 25)) == 0
    assert check(jst(2, 1, 9, 5)) == 1
    assert [m.dedupe_key for m in reminders_of(engine)] == ["intake:1:1", "intake:1:2", "intake:1:3"]
    assert [m.due_at for m in reminders_of(engine)] == [jst(1, 18), jst(1, 25), jst(2, 1, 9, 5)]
    row = row_of(engine, 1)
    assert (row.sent_count, row.next_due_at) == (3, jst(2, 8))


def test_a_long_downtime_sends_one_reminder_not_several(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(STARTED)
    # Six weeks and a bit later: five reminders were missed, one is sent, the next is on the weekly grid.
    assert check(jst(3, 1, 12)) == 1
    assert check(jst(3, 1, 12)) == 0
    assert len(reminders_of(engine)) == 1
    row = row_of(engine, 1)
    assert (row.sent_count, row.next_due_at) == (1, jst(3, 8))


def test_a_completed_checklist_ends_the_reminders_and_cancels_the_queued_one(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine, driver: Driver, sink: Sink
) -> None:
    claims_api.open_intake = [open_item(1), open_item(2, email="other@example.jp")]
    assert check(jst(1, 18)) == 2
    claims_api.open_intake = [open_item(2, email="other@example.jp")]  # claimant 1 sent everything

    assert check(jst(1, 18, 9, 5)) == 0
    assert [(m.claimant_id, m.status) for m in reminders_of(engine)] == [(1, "cancelled"), (2, "queued")]
    assert row_of(engine, 1).completed_at == jst(1, 18, 9, 5)
    assert row_of(engine, 2).completed_at is None
    assert check(jst(1, 25)) == 1  # claimant 2 only
    assert check(jst(2, 1)) == 1
    assert [m.claimant_id for m in reminders_of(engine)] == [1, 2, 2, 2]
    assert row_of(engine, 1).completed_at == jst(1, 18, 9, 5)  # not moved by later rounds

    assert driver.deliver(now=jst(2, 1, 9, 1)) == 3
    assert {m["To"].addresses[0].addr_spec for m in sink.messages()} == {"other@example.jp"}


def test_a_claimant_open_again_is_reminded_at_the_next_usual_time(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(1)]
    assert check(jst(1, 18)) == 1
    claims_api.open_intake = []
    check(jst(1, 20))
    assert row_of(engine, 1).completed_at is not None

    claims_api.open_intake = [open_item(1, missing=("originals",))]  # an original turned out to be a copy
    assert check(jst(2, 3, 14)) == 0
    row = row_of(engine, 1)
    assert (row.completed_at, row.next_due_at) == (None, jst(2, 8))
    assert check(jst(2, 8)) == 1
    assert [m.dedupe_key for m in reminders_of(engine)] == ["intake:1:1", "intake:1:2"]


@pytest.mark.parametrize(
    "item",
    [
        open_item(1, email=None),
        open_item(1, consent=False),
        open_item(1, email="not an address"),
        open_item(1, email="office@example.jp\r\nBcc: x@example.com"),
        open_item(1, missing=()),
    ],
    ids=["no-email", "no-consent", "bad-address", "header-injection", "nothing-listed"],
)
def test_no_message_without_a_usable_address_or_consent(
    item: dict[str, Any], check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [item, open_item(2)]
    assert check(jst(1, 18)) == 1
    assert [m.claimant_id for m in reminders_of(engine)] == [2]
    # The claimant's turn still moves on: a consent given later brings the next weekly reminder, not a backlog.
    row = row_of(engine, 1)
    assert (row.sent_count, row.last_sent_at, row.next_due_at) == (0, None, jst(1, 25))


def test_no_message_after_an_opt_out(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    with Session(engine) as session:
        session.add(OptOut(claimant_id=1, source="link"))
        session.commit()
    claims_api.open_intake = [open_item(1), open_item(2)]
    assert check(jst(1, 18)) == 1
    assert [m.claimant_id for m in reminders_of(engine)] == [2]
    assert row_of(engine, 1).next_due_at == jst(1, 25)


@pytest.mark.usefixtures("quiet_hours")
def test_a_round_in_the_quiet_hours_queues_the_reminder_for_the_morning(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine, driver: Driver, sink: Sink
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(STARTED)
    # The service was down from the morning until late evening: the reminder waits for the end of the quiet hours.
    assert check(jst(1, 18, 23)) == 1
    [message] = reminders_of(engine)
    assert message.due_at == jst(1, 19, 8)
    assert row_of(engine, 1).next_due_at == jst(1, 25)
    assert driver.deliver(now=jst(1, 18, 23, 30)) == 0
    assert driver.deliver(now=jst(1, 19, 7, 59)) == 0
    assert driver.deliver(now=jst(1, 19, 8)) == 1
    assert len(sink.messages()) == 1


def test_claims_api_down_changes_nothing(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(STARTED)
    claims_api.fail_with = 503
    with caplog.at_level(logging.WARNING, logger="notify.reminders.intake"):
        assert check(jst(1, 18)) == 0
    assert "HTTPStatusError" in caplog.text
    assert reminders_of(engine) == []
    row = row_of(engine, 1)
    assert (row.completed_at, row.next_due_at) == (None, jst(1, 18))  # not taken for complete either
    claims_api.fail_with = None
    assert check(jst(1, 18, 9, 10)) == 1


def test_many_claimants_read_in_pages_and_written_in_batches(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.open_intake = [open_item(i, f"事務所{i}", f"office{i}@example.jp") for i in range(1, 1102)]
    assert check(jst(1, 18)) == 1101
    assert claims_api.calls == ["/api/v1/intake/open"] * 3  # 500 + 500 + 101
    assert len({m.claimant_id for m in reminders_of(engine)}) == 1101
    claims_api.open_intake = claims_api.open_intake[:1000]
    check(jst(1, 19))
    with Session(engine) as session:
        completed = session.scalars(
            select(IntakeReminder.claimant_id).where(col(IntakeReminder.completed_at).is_not(None))
        ).all()
    assert sorted(completed) == list(range(1001, 1102))


def test_a_list_changing_while_read_is_not_taken_for_complete(
    engine: Engine, claims_api: FakeClaimsApi, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    claims_api.open_intake = [open_item(i) for i in range(1, 601)]

    def growing(request: httpx.Request) -> httpx.Response:
        # A new claimant opens between every two pages, so no two pages agree on the total.
        response = claims_api.handler(request)
        claims_api.open_intake.append(open_item(len(claims_api.open_intake) + 1))
        return response

    with httpx.Client(transport=httpx.MockTransport(claims_api.handler), base_url="http://claims-api.test") as stable:
        intake.check_intake(engine=engine, claims=ClaimsApi(stable), settings=settings, now=STARTED)
    with (
        httpx.Client(transport=httpx.MockTransport(growing), base_url="http://claims-api.test") as moving,
        caplog.at_level(logging.WARNING, logger="notify.reminders.intake"),
    ):
        assert intake.check_intake(engine=engine, claims=ClaimsApi(moving), settings=settings, now=jst(1, 18)) == 0
    assert "OpenIntakeChanged" in caplog.text
    assert row_of(engine, 1).completed_at is None
    assert reminders_of(engine) == []


def test_the_reminder_arrives_in_japanese_with_the_missing_items_and_the_unsubscribe_link(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, driver: Driver, sink: Sink, settings: Settings
) -> None:
    claims_api.open_intake = [
        open_item(7, "髙﨑社会保険労務士法人", "takasaki@example.jp", missing=("engagement_contract", "originals"))
    ]
    assert check(jst(1, 18)) == 1
    assert driver.deliver(now=jst(1, 18, 9, 1)) == 1

    [mail] = sink.messages()
    assert mail["Subject"] == "【ご提出のお願い】損害賠償請求の必要書類について"
    assert mail["To"].addresses[0].display_name == "髙﨑社会保険労務士法人"
    assert mail["To"].addresses[0].addr_spec == "takasaki@example.jp"
    body = mail.get_content()
    assert body.splitlines()[0] == "髙﨑社会保険労務士法人 様"
    listed = [line.removeprefix("・") for line in body.splitlines() if line.startswith("・")]
    assert listed == ["委任契約書（署名済）", "原本"]
    assert "弁護団事務局あてに" in body
    assert settings.team_contact in body
    link = unsubscribe_url(settings, 7)
    assert link in body.splitlines()
    assert claimant_of(link.rsplit("t=", 1)[1], settings.unsubscribe_secret.get_secret_value()) == 7
    assert "{{" not in body and "{%" not in body


# --- staff: the API -----------------------------------------------------------------------------------------------


def bearer(token: Callable[..., str], scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(scopes, kind='user')}"}


def url(claimant_id: int, action: str = "") -> str:
    return f"/api/v1/claimants/{claimant_id}/intake-reminders{action}"


def test_staff_read_stop_and_resume_the_reminders(
    client: TestClient,
    token: Callable[..., str],
    check: Callable[[datetime], int],
    claims_api: FakeClaimsApi,
    engine: Engine,
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(jst(1, 18))  # the first reminder is queued
    reader, writer = bearer(token, "notify:read"), bearer(token, "notify:read notify:write")

    seen = client.get(url(1), headers=reader)
    assert seen.status_code == 200
    assert seen.json() == {
        "claimant_id": 1,
        "active": True,
        "next_due_at": "2027-01-25T00:00:00Z",
        "sent_count": 1,
        "last_sent_at": "2027-01-18T00:00:00Z",
        "stopped_at": None,
        "stopped_by": None,
        "completed_at": None,
    }

    stopped = client.post(url(1, "/stop"), headers=writer)
    assert stopped.status_code == 200
    assert (stopped.json()["active"], stopped.json()["stopped_by"]) == (False, "client:claims-api")
    assert stopped.json()["stopped_at"] is not None
    assert [m.status for m in reminders_of(engine)] == ["cancelled"]
    assert check(jst(1, 25)) == 0
    assert check(jst(2, 1)) == 0
    assert row_of(engine, 1).next_due_at == jst(1, 25)  # held while stopped

    resumed = client.post(url(1, "/resume"), headers=writer)
    assert resumed.status_code == 200
    assert resumed.json()["active"] is True
    assert (resumed.json()["stopped_at"], resumed.json()["stopped_by"]) == (None, None)
    assert resumed.json()["next_due_at"] == "2027-01-25T00:00:00Z"  # still ahead of the real clock
    assert check(jst(1, 25)) == 1
    assert [m.status for m in reminders_of(engine)] == ["cancelled", "queued"]


def test_the_api_needs_a_token_and_the_scopes(
    client: TestClient, token: Callable[..., str], check: Callable[[datetime], int], claims_api: FakeClaimsApi
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(STARTED)
    assert client.get(url(1)).status_code == 401
    assert client.post(url(1, "/stop")).status_code == 401
    assert client.post(url(1, "/resume")).status_code == 401
    assert client.get(url(1), headers=bearer(token, "notify:events.write")).status_code == 403
    reader = bearer(token, "notify:read")
    assert client.post(url(1, "/stop"), headers=reader).status_code == 403
    assert client.post(url(1, "/resume"), headers=reader).status_code == 403
    assert client.get(url(1), headers=reader).json()["active"] is True


def test_an_unknown_claimant_is_a_404_problem(client: TestClient, token: Callable[..., str]) -> None:
    for response in (
        client.get(url(99), headers=bearer(token, "notify:read")),
        client.post(url(99, "/stop"), headers=bearer(token, "notify:write")),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["detail"] == "intake reminder of claimant 99 does not exist"


@pytest.mark.usefixtures("quiet_hours")
def test_resuming_after_the_due_time_passed_sends_at_once_but_not_in_the_quiet_hours(
    check: Callable[[datetime], int], claims_api: FakeClaimsApi, engine: Engine, settings: Settings
) -> None:
    claims_api.open_intake = [open_item(1)]
    check(STARTED)
    with Session(engine) as session:
        intake.stop(session=session, claimant_id=1, actor="user:staff", now=jst(1, 10))
        session.commit()
    assert check(jst(1, 18)) == 0
    with Session(engine) as session:
        row = intake.resume(session=session, claimant_id=1, settings=settings, now=jst(2, 2, 22))
        session.commit()
        assert (row.stopped_at, row.stopped_by, row.next_due_at) == (None, None, jst(2, 3, 8))
    assert check(jst(2, 2, 23)) == 0
    assert check(jst(2, 3, 8)) == 1
    assert row_of(engine, 1).next_due_at == jst(2, 10, 8)
