"""Launching a campaign and delivering its notices: one per recipient by the channel that reaches them, each
e-mail saying only what concerns its recipient, the delivery counts and proof, bounces taken from DSNs with a
fallback to a letter or the public notice, quiet hours and the rate limit."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bengodan_common.japanese import TOKYO
from notify.campaigns.models import RecipientImport
from notify.messages.models import Message

from ..support import Driver, Sink
from .test_imports import HEADER, upload
from .test_router import STAFF, VIEWER, campaign_body

ROWS = [
    "山田 太郎,taro@example.jp,,,氏名|基礎年金番号\r\n",
    "佐藤 花子,,5300001,大阪府大阪市北区梅田1-1-1,氏名|給与額\r\n",
    "田中 次郎,jiro@example.com,5300002,大阪府大阪市北区梅田2-2-2,給与額\r\n",
]


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


@pytest.fixture
def campaign(client: TestClient, as_staff: dict[str, str]) -> dict[str, Any]:
    body = campaign_body(contact={"desk": "個人情報窓口", "phone": "06-0000-0000", "email": "privacy@example.jp"})
    created: dict[str, Any] = client.post("/api/v1/campaigns", json=body, headers=as_staff).json()
    done = upload(client, as_staff, created["id"], (HEADER + "".join(ROWS)).encode())
    assert (done["status"], done["rows_valid"]) == ("succeeded", 3)
    return created


def messages_of(engine: Engine, campaign_id: int) -> list[Message]:
    with Session(engine) as session:
        query = select(Message).where(col(Message.campaign_id) == campaign_id).order_by(col(Message.id))
        return list(session.exec(query).all())


def launch(client: TestClient, headers: dict[str, str], campaign_id: int) -> dict[str, Any]:
    response = client.post(f"/api/v1/campaigns/{campaign_id}/launch", headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def by_recipient(sink: Sink) -> dict[str, EmailMessage]:
    return {str(m["To"].addresses[0].addr_spec): m for m in sink.messages()}


def test_a_launch_queues_one_notice_per_recipient_and_freezes_the_campaign(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine
) -> None:
    before = client.get(f"/api/v1/campaigns/{campaign['id']}/delivery", headers=as_staff).json()
    assert (before["unqueued_email"], before["unqueued_postal"]) == (2, 1)  # what a launch would queue
    first = launch(client, as_staff, campaign["id"])
    assert (first["queued_email"], first["queued_postal"]) == (2, 1)
    assert first["campaign"]["status"] == "sending"
    assert first["campaign"]["launched_by"] == "client:claims-api"
    rows = messages_of(engine, campaign["id"])
    assert sorted((m.channel, m.to_name) for m in rows) == [
        ("email", "山田 太郎"),
        ("email", "田中 次郎"),
        ("postal", "佐藤 花子"),
    ]
    assert all(m.status == "queued" and m.kind == "breach_notice" and m.body is None for m in rows)
    assert len({m.message_id for m in rows}) == 3

    again = launch(client, as_staff, campaign["id"])
    assert (again["queued_email"], again["queued_postal"]) == (0, 0)
    # Recipients imported after the launch are queued by the next one, the others are not repeated.
    upload(client, as_staff, campaign["id"], (HEADER + "木村 三郎,saburo@example.jp,,,氏名\r\n").encode())
    pending = client.get(f"/api/v1/campaigns/{campaign['id']}/delivery", headers=as_staff).json()
    assert (pending["unqueued_email"], pending["unqueued_postal"]) == (1, 0)
    uploads = client.get(f"/api/v1/campaigns/{campaign['id']}/imports", headers=as_staff).json()
    assert uploads["total"] == 2 and [u["rows_valid"] for u in uploads["items"]] == [1, 3]  # newest first
    later = launch(client, as_staff, campaign["id"])
    assert (later["queued_email"], later["queued_postal"]) == (1, 0)
    assert len(messages_of(engine, campaign["id"])) == 4


def test_each_e_mail_says_only_what_concerns_its_recipient(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine, driver: Driver, sink: Sink
) -> None:
    launch(client, as_staff, campaign["id"])
    assert driver.deliver() == 2
    received = by_recipient(sink)
    assert set(received) == {"taro@example.jp", "jiro@example.com"}
    taro = received["taro@example.jp"]
    assert str(taro["From"]) == "架空社会保険労務士事務所 <noreply@bengodan.example.jp>"
    assert str(taro["Reply-To"]) == "privacy@example.jp"
    assert str(taro["Subject"]) == "個人情報の漏えいのおそれに関するお知らせとお詫び"
    assert taro["List-Unsubscribe"] is None  # a legal notice: no opt-out
    body = taro.get_content().replace("\r\n", "\n")
    assert body.startswith("山田 太郎 様")
    assert "個人情報の保護に関する法律第26条第2項に基づき" in body
    assert "■ 2　漏えい等が発生し、又は発生したおそれがある個人データの項目\n氏名、基礎年金番号\n" in body
    assert "給与額" not in body
    assert "ランサムウェア" in body and "06-0000-0000" in body
    jiro = received["jiro@example.com"].get_content().replace("\r\n", "\n")
    assert "個人データの項目\n給与額\n" in jiro and "基礎年金番号" not in jiro

    rows = {m.to_name: m for m in messages_of(engine, campaign["id"])}
    assert str(taro["Message-ID"]) == rows["山田 太郎"].message_id
    assert rows["山田 太郎"].status == "sent" and rows["山田 太郎"].sent_at is not None
    assert rows["佐藤 花子"].status == "queued"  # a letter waits for docs-render and the post


def test_a_recipient_s_preview_is_the_e_mail_they_get(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any]
) -> None:
    recipients = client.get(f"/api/v1/campaigns/{campaign['id']}/recipients", headers=as_staff).json()["items"]
    hanako = next(r for r in recipients if r["name"] == "佐藤 花子")
    preview = client.get(
        f"/api/v1/campaigns/{campaign['id']}/recipients/{hanako['id']}/preview", headers=as_staff
    ).json()
    assert preview["channel"] == "postal"
    assert "個人データの項目\n氏名、給与額\n" in preview["body"]
    other = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    missing = client.get(f"/api/v1/campaigns/{other['id']}/recipients/{hanako['id']}/preview", headers=as_staff)
    assert missing.status_code == 404


def test_counts_and_proof_tell_who_was_notified_when(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], driver: Driver
) -> None:
    launch(client, as_staff, campaign["id"])
    driver.deliver()
    counts = client.get(f"/api/v1/campaigns/{campaign['id']}/delivery", headers=as_staff).json()
    assert counts["recipients"] == 3
    assert counts["email"]["sent"] == 2 and counts["postal"]["queued"] == 1
    assert (counts["notified"], counts["covered_by_public_notice"], counts["outstanding"]) == (2, 0, 1)
    assert "本人3名のうち2名に通知済み（電子メール2件、郵送0件）" in counts["summary"]
    assert "未了1名" in counts["summary"]

    response = client.get(f"/api/v1/campaigns/{campaign['id']}/proof.csv", headers=as_staff)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:5] == ["受信者番号", "氏名", "通知方法", "宛先", "状態"]
    proof = {row[1]: row for row in rows[1:]}
    assert proof["山田 太郎"][2:5] == ["電子メール", "taro@example.jp", "送信済み"]
    assert proof["山田 太郎"][8].startswith("<c") and proof["山田 太郎"][5]  # Message-ID and time sent (JST)
    assert proof["佐藤 花子"][2:5] == ["郵送", "〒530-0001 大阪府大阪市北区梅田1-1-1", "送信待ち"]


def _dsn(message_id: str, recipient: str) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example.jp\r\n"
        "To: bounces@bengodan.example.jp\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <dsn-1@mx.example.jp>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.jp\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"Message-ID: {message_id}\r\nTo: {recipient}\r\n"
        "--B--\r\n"
    ).encode()


def test_a_bounced_notice_falls_back_to_a_letter_or_the_public_notice(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], driver: Driver, engine: Engine
) -> None:
    launch(client, as_staff, campaign["id"])
    driver.deliver()
    rows = {m.to_name: m for m in messages_of(engine, campaign["id"])}
    for name, address in (("山田 太郎", "taro@example.jp"), ("田中 次郎", "jiro@example.com")):
        response = client.post(
            "/api/v1/delivery-reports",
            content=_dsn(rows[name].message_id, address),
            headers={**as_staff, "Content-Type": "message/rfc822"},
        )
        assert response.json() == {"reports": 1, "applied": 1, "unknown": 0, "fallbacks": 1}, response.text
    after = messages_of(engine, campaign["id"])
    bounced = [m for m in after if m.status == "bounced"]
    assert {m.to_name for m in bounced} == {"山田 太郎", "田中 次郎"}
    assert all((m.last_error or "").startswith("5.1.1 ") for m in bounced)
    fallbacks = {(m.to_name, m.channel, m.status) for m in after if m.status == "queued"}
    # 田中 has an address: a letter; 山田 has none: the public notice covers him.
    assert fallbacks == {
        ("佐藤 花子", "postal", "queued"),
        ("田中 次郎", "postal", "queued"),
        ("山田 太郎", "public_notice", "queued"),
    }
    counts = client.get(f"/api/v1/campaigns/{campaign['id']}/delivery", headers=as_staff).json()
    assert counts["email"]["bounced"] == 2 and counts["notified"] == 0 and counts["outstanding"] == 3

    # The same report again changes nothing; a report about no message of ours is counted as unknown.
    repeat = client.post(
        "/api/v1/delivery-reports",
        content=_dsn(rows["山田 太郎"].message_id, "taro@example.jp"),
        headers={**as_staff, "Content-Type": "message/rfc822"},
    ).json()
    assert (repeat["applied"], repeat["unknown"], repeat["fallbacks"]) == (0, 1, 0)
    assert len(messages_of(engine, campaign["id"])) == len(after)


def test_a_report_that_is_not_a_dsn_is_refused(client: TestClient, as_staff: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/delivery-reports",
        content=b"From: a@example.jp\r\nSubject: hello\r\n\r\nnot a report\r\n",
        headers={**as_staff, "Content-Type": "message/rfc822"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body"


def test_a_launch_is_refused_without_recipients_or_during_an_import(
    client: TestClient, as_staff: dict[str, str], engine: Engine
) -> None:
    empty = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    response = client.post(f"/api/v1/campaigns/{empty['id']}/launch", headers=as_staff)
    assert response.status_code == 409
    assert "no recipients" in response.json()["detail"]
    with Session(engine) as session:
        running = RecipientImport(
            campaign_id=empty["id"], filename="x.csv", encoding="auto", bytes_total=1, created_by="t"
        )
        session.add(running)
        session.commit()
    response = client.post(f"/api/v1/campaigns/{empty['id']}/launch", headers=as_staff)
    assert response.status_code == 409 and "still being imported" in response.json()["detail"]
    assert client.post("/api/v1/campaigns/999/launch", headers=as_staff).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/campaigns/{id}/launch"),
        ("get", "/api/v1/campaigns/{id}/delivery"),
        ("get", "/api/v1/campaigns/{id}/proof.csv"),
        ("post", "/api/v1/delivery-reports"),
    ],
)
def test_only_the_right_scopes_reach_delivery(
    client: TestClient, token: Callable[..., str], campaign: dict[str, Any], method: str, path: str
) -> None:
    url = path.format(id=campaign["id"])
    assert getattr(client, method)(url).status_code == 401
    needs_write = method == "post"
    viewer = {"Authorization": f"Bearer {token(VIEWER, kind='user')}"}
    assert (getattr(client, method)(url, headers=viewer).status_code == 403) == needs_write
    nobody = {"Authorization": f"Bearer {token('claims:read', kind='user')}"}
    assert getattr(client, method)(url, headers=nobody).status_code == 403


@pytest.mark.usefixtures("quiet_hours")
def test_reminders_wait_out_the_quiet_hours_but_breach_notices_do_not(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine, driver: Driver
) -> None:
    launch(client, as_staff, campaign["id"])
    tomorrow = datetime.now(TOKYO).date() + timedelta(days=1)
    night = datetime.combine(tomorrow, time(22, 30), tzinfo=TOKYO)  # the notices queued now are due by then
    with Session(engine) as session:
        session.add(
            Message(
                kind="hearing_reminder",
                dedupe_key="quiet-1",
                claimant_id=7,
                to_name="架空 一郎",
                to_address="ichiro@example.jp",
                sender="noreply@bengodan.example.jp",
                subject="s",
                body="b",
                message_id="<quiet-1@bengodan.local>",
                due_at=night - timedelta(hours=1),
                cancel_key="hearing:1",
            )
        )
        session.commit()
    assert driver.deliver(now=night) == 2  # the two breach notices
    morning = datetime.combine(tomorrow + timedelta(days=1), time(8, 0), tzinfo=TOKYO)
    assert driver.deliver(now=morning) == 1


def test_no_sender_goes_past_its_rate(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], driver: Driver
) -> None:
    launch(client, as_staff, campaign["id"])
    driver.settings.rate_limit_per_minute = 1
    at = datetime.now(UTC)
    assert driver.deliver(now=at) == 1
    assert driver.deliver(now=at + timedelta(seconds=30)) == 0
    assert driver.deliver(now=at + timedelta(seconds=61)) == 1


def test_creating_and_launching_are_safe_to_repeat_under_an_idempotency_key(
    client: TestClient, as_staff: dict[str, str], engine: Engine
) -> None:
    keyed = {**as_staff, "Idempotency-Key": "create-1"}
    first = client.post("/api/v1/campaigns", json=campaign_body(), headers=keyed)
    again = client.post("/api/v1/campaigns", json=campaign_body(), headers=keyed)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    other = client.post("/api/v1/campaigns", json=campaign_body(title="別の件名"), headers=keyed)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert client.get("/api/v1/campaigns", headers=as_staff).json()["total"] == 1

    campaign_id = first.json()["id"]
    upload(client, as_staff, campaign_id, (HEADER + "".join(ROWS)).encode())
    launch_key = {**as_staff, "Idempotency-Key": "launch-1"}
    launched = client.post(f"/api/v1/campaigns/{campaign_id}/launch", headers=launch_key)
    replayed = client.post(f"/api/v1/campaigns/{campaign_id}/launch", headers=launch_key)
    assert (launched.json()["queued_email"], replayed.json()["queued_email"]) == (2, 2)
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert len(messages_of(engine, campaign_id)) == 3


def test_a_bounce_after_the_public_notice_was_published_is_covered_by_it(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], driver: Driver, engine: Engine
) -> None:
    launch(client, as_staff, campaign["id"])
    driver.deliver()
    published = client.post(
        f"/api/v1/campaigns/{campaign['id']}/public-notice",
        json={"published_on": "2023-07-01", "where": "https://example.jp/notice"},
        headers=as_staff,
    )
    assert published.status_code == 200, published.text
    taro = next(m for m in messages_of(engine, campaign["id"]) if m.to_name == "山田 太郎")
    client.post(
        "/api/v1/delivery-reports",
        content=_dsn(taro.message_id, "taro@example.jp"),
        headers={**as_staff, "Content-Type": "message/rfc822"},
    )
    cover = next(m for m in messages_of(engine, campaign["id"]) if m.channel == "public_notice")
    assert (cover.to_name, cover.status) == ("山田 太郎", "sent") and cover.sent_at is not None
    counts = client.get(f"/api/v1/campaigns/{campaign['id']}/delivery", headers=as_staff).json()
    assert counts["covered_by_public_notice"] == 1
