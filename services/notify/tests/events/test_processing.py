"""Events into messages: notices to consenting recipients, reminders, cancellation, retries."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.japanese import TOKYO, era_datetime
from notify.reminders import rules

from ..builders import all_events, all_messages, days_ahead, hearing_event, recipient
from ..support import Driver, FakeClaimsApi, Sink


@pytest.fixture(autouse=True)
def _reminders_seven_and_one_day_before(engine: Engine) -> None:
    """The tests count on reminders 7 and 1 days before a mediation session, at 09:00 (staff's own rule)."""
    with Session(engine) as session:
        rules.set_rule(session, hearing_kind="mediation_session", rule=rules.Rule((7, 1), 9), actor="user:test")
        session.commit()


JAPANESE_DATETIME = r"令和\d+年\d{1,2}月\d{1,2}日（[月火水木金土日]）午[前後]\d{1,2}時"


def post(client: TestClient, auth: dict[str, str], event: dict) -> None:
    response = client.post("/api/v1/events", json=event, headers=auth)
    assert response.status_code == 202, response.text


def test_notice_goes_to_each_consenting_recipient_with_an_email(
    client: TestClient, auth: dict[str, str], driver: Driver, sink: Sink, engine: Engine
) -> None:
    starts = days_ahead(30, hour=10)
    post(client, auth, hearing_event(starts_at=starts))
    assert driver.process() == 1
    assert driver.deliver() == 2  # the two notices; reminders are not due yet

    received = sink.messages()
    assert len(received) == 2
    by_address = {m["To"].addresses[0].addr_spec: m for m in received}
    assert set(by_address) == {"yamada@example.com", "takasaki@example.jp"}  # no consent / no e-mail: none

    when = era_datetime(starts)
    assert re.fullmatch(JAPANESE_DATETIME, when)
    mail = by_address["takasaki@example.jp"]
    assert mail["Subject"] == f"【期日のお知らせ】{when} 第1次調停 調停期日"
    assert mail["To"].addresses[0].display_name == "髙﨑 花子"
    assert mail["From"].addresses[0].display_name == "弁護団事務局"
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    assert mail["Date"].datetime is not None
    body = mail.get_content().replace("\r\n", "\n")
    assert body.startswith("髙﨑 花子 様\n")
    assert "第1次調停の調停期日が決まりましたので、お知らせいたします。" in body
    assert f"■ 日時　　{when}" in body
    assert "■ 場所　　大阪地方裁判所 本館 第3調停室" in body
    assert "■ 裁判所　大阪地方裁判所" in body
    assert "本人確認書類" in body  # what to bring
    assert "06-0000-0000" in body  # the team's contact
    assert "送信専用のアドレス" in body  # footer

    # The raw message is really encoded: RFC 2047 subject, UTF-8 base64 body.
    raw = next(p for p in sink.maildir.glob("*.eml")).read_bytes()
    assert b"Subject: =?utf-8?" in raw
    assert b'charset="utf-8"' in raw

    recorded = {m.to_address: m for m in all_messages(engine) if m.kind == "hearing_notice"}
    for address, mail in by_address.items():
        assert recorded[address].status == "sent"
        assert recorded[address].sent_at is not None
        assert mail["Message-ID"] == recorded[address].message_id
        assert re.fullmatch(r"<[0-9a-f]{32}@bengodan\.local>", recorded[address].message_id)


def test_online_hearing_shows_the_link(client: TestClient, auth: dict[str, str], driver: Driver, sink: Sink) -> None:
    event = hearing_event(
        starts_at=days_ahead(20, hour=14, minute=30),
        kind="oral_argument",
        proceeding_name="本訴",
        place="",
        online_url="https://teams.example.jp/meet/abc",
    )
    post(client, auth, event)
    driver.process()
    driver.deliver()
    mail = sink.messages()[0]
    assert mail["Subject"].endswith("午後2時30分 本訴 口頭弁論期日")
    body = mail.get_content()
    assert "■ オンライン参加　https://teams.example.jp/meet/abc" in body
    assert "■ 場所" not in body


def test_reminders_at_nine_jst_n_days_before(
    client: TestClient, auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    starts = days_ahead(10, hour=13)
    post(client, auth, hearing_event(starts_at=starts))
    driver.process()
    reminders = [m for m in all_messages(engine) if m.kind == "hearing_reminder" and m.claimant_id == 101]
    expected = [
        datetime.combine(starts.date() - timedelta(days=n), datetime.min.time().replace(hour=9), tzinfo=TOKYO)
        for n in (7, 1)
    ]
    assert [m.due_at for m in reminders] == [e.astimezone(UTC) for e in expected]
    assert [m.due_at.astimezone(TOKYO).hour for m in reminders] == [9, 9]
    assert all(m.status == "queued" for m in reminders)
    assert reminders[1].subject.startswith("【期日のリマインド】")


def test_no_reminder_for_a_time_already_past(
    client: TestClient, auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    starts = days_ahead(3)  # 7 days before is in the past
    post(client, auth, hearing_event(starts_at=starts))
    driver.process()
    reminders = [m for m in all_messages(engine) if m.kind == "hearing_reminder"]
    assert {m.claimant_id for m in reminders} == {101, 102}
    assert all(m.due_at.astimezone(TOKYO).date() == starts.date() - timedelta(days=1) for m in reminders)
    assert all(m.due_at > datetime.now(UTC) for m in reminders)


def test_reminder_is_sent_when_due(
    client: TestClient, auth: dict[str, str], driver: Driver, sink: Sink, engine: Engine
) -> None:
    starts = days_ahead(10)
    post(client, auth, hearing_event(starts_at=starts))
    driver.process()
    driver.deliver()
    assert len(sink.messages()) == 2  # notices
    reminders = [m for m in all_messages(engine) if m.kind == "hearing_reminder" and m.claimant_id == 101]
    week, day = (m.due_at for m in reminders)
    when = era_datetime(starts)
    assert driver.deliver(now=week - timedelta(seconds=1)) == 0
    assert driver.deliver(now=week) == 2
    assert f"7日後（{when}）は、第1次調停の調停期日です。" in sink.messages()[-1].get_content()
    assert driver.deliver(now=day - timedelta(seconds=1)) == 0
    assert driver.deliver(now=day) == 2
    reminder = sink.messages()[-1]
    assert reminder["Subject"] == f"【期日のリマインド】{when} 第1次調停 調停期日"
    assert f"明日（{when}）は、第1次調停の調停期日です。" in reminder.get_content()


def test_cancelled_hearing_cancels_pending_reminders_and_tells_the_recipients(
    client: TestClient, auth: dict[str, str], driver: Driver, sink: Sink, engine: Engine
) -> None:
    starts = days_ahead(14)
    post(client, auth, hearing_event(starts_at=starts, hearing_id=7))
    driver.process()
    driver.deliver()
    post(client, auth, hearing_event(type="hearing.cancelled", starts_at=starts, hearing_id=7))
    driver.process()

    by_kind: dict[str, set[str]] = {}
    for m in all_messages(engine):
        by_kind.setdefault(m.kind, set()).add(m.status)
    assert by_kind == {
        "hearing_notice": {"sent"},
        "hearing_reminder": {"cancelled"},
        "hearing_cancellation": {"queued"},
    }

    assert driver.deliver() == 2
    subjects = [m["Subject"] for m in sink.messages()[2:]]
    assert subjects == [f"【期日取消しのお知らせ】{era_datetime(starts)} 第1次調停 調停期日"] * 2
    # Later, at reminder time, nothing goes out.
    assert driver.deliver(now=starts - timedelta(hours=1)) == 0


def test_moved_hearing_replaces_notice_and_reminders(
    client: TestClient, auth: dict[str, str], driver: Driver, sink: Sink, engine: Engine
) -> None:
    old, new = days_ahead(14), days_ahead(21, hour=15)
    post(client, auth, hearing_event(starts_at=old, hearing_id=8))
    driver.process()
    post(client, auth, hearing_event(type="hearing.updated", starts_at=new, hearing_id=8))
    driver.process()

    live = [m for m in all_messages(engine) if m.status == "queued"]
    assert {m.kind for m in live} == {"hearing_notice", "hearing_reminder"}
    assert all(
        m.due_at.astimezone(TOKYO).date() > old.date() - timedelta(days=7) for m in live if m.kind == "hearing_reminder"
    )
    assert len([m for m in all_messages(engine) if m.status == "cancelled"]) == 6  # old notices + 2x2 reminders
    driver.deliver()
    assert [m["Subject"] for m in sink.messages()] == [
        f"【期日変更のお知らせ】{era_datetime(new)} 第1次調停 調停期日"
    ] * 2


def test_claims_api_down_keeps_the_event_for_later(
    client: TestClient, auth: dict[str, str], driver: Driver, claims_api: FakeClaimsApi, engine: Engine
) -> None:
    post(client, auth, hearing_event(starts_at=days_ahead(10)))
    claims_api.fail_with = 503
    assert driver.process() == 0
    [event] = all_events(engine)
    assert event.processed_at is None
    assert event.attempts == 1
    assert "503" in (event.last_error or "")
    assert all_messages(engine) == []

    claims_api.fail_with = None
    assert driver.process() == 0  # backoff: not due yet
    assert driver.process(now=event.next_attempt_at) == 1
    assert len(all_messages(engine)) == 6
    [event] = all_events(engine)
    assert event.outcome == "scheduled"


def test_events_of_one_hearing_apply_in_order(
    client: TestClient, auth: dict[str, str], driver: Driver, claims_api: FakeClaimsApi, engine: Engine
) -> None:
    t0 = datetime.now(UTC)
    first = hearing_event(hearing_id=9, starts_at=days_ahead(10), occurred_at=t0)
    second = hearing_event(
        type="hearing.cancelled",
        hearing_id=9,
        starts_at=days_ahead(10),
        occurred_at=t0 + timedelta(seconds=5),
    )
    post(client, auth, first)
    post(client, auth, second)
    claims_api.fail_with = 503
    driver.process()  # the first fails; the cancellation must wait for it
    assert all(e.processed_at is None for e in all_events(engine))
    claims_api.fail_with = None
    assert driver.process(now=datetime.now(UTC) + timedelta(hours=1)) == 2
    assert {m.status for m in all_messages(engine) if m.kind != "hearing_cancellation"} == {"cancelled"}


def test_a_late_redelivery_of_an_older_event_changes_nothing(
    client: TestClient, auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    t0 = datetime.now(UTC)
    post(
        client,
        auth,
        hearing_event(
            hearing_id=5,
            starts_at=days_ahead(10),
            occurred_at=t0 + timedelta(seconds=5),
            type="hearing.updated",
        ),
    )
    driver.process()
    before = len(all_messages(engine))
    post(client, auth, hearing_event(hearing_id=5, starts_at=days_ahead(3), occurred_at=t0))
    driver.process()
    assert len(all_messages(engine)) == before
    assert {e.outcome for e in all_events(engine)} == {"updated", "superseded"}


def test_hearing_in_the_past_makes_no_messages(
    client: TestClient, auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    post(client, auth, hearing_event(starts_at=days_ahead(-1)))
    assert driver.process() == 1
    assert all_messages(engine) == []
    assert all_events(engine)[0].outcome == "past"


def test_recipient_with_an_unusable_address_is_skipped(
    client: TestClient, auth: dict[str, str], driver: Driver, claims_api: FakeClaimsApi, engine: Engine
) -> None:
    claims_api.recipients[2] = [
        recipient(1, "山田 太郎", "not an address"),
        recipient(2, "田中 一郎", "tanaka@example.com"),
    ]
    post(client, auth, hearing_event(starts_at=days_ahead(10)))
    driver.process()
    assert {m.claimant_id for m in all_messages(engine)} == {2}
