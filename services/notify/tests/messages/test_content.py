"""The e-mail text and the reminder times, on fixed dates."""

from __future__ import annotations

from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from bengodan_common.japanese import TOKYO
from notify.messages.content import HearingInfo, Team, build_email, render
from notify.messages.models import Message
from notify.messages.service import reminder_times
from notify.reminders.rules import Rule

HEARING = HearingInfo(
    hearing_id=1,
    proceeding_name="第1次調停",
    kind="mediation_session",
    starts_at=datetime(2026, 1, 20, 10, 0, tzinfo=TOKYO),
    place="大阪地方裁判所 本館",
    court="大阪地方裁判所",
    online_url=None,
)
TEAM = Team(name="弁護団事務局", contact="弁護団事務局　電話 06-0000-0000")
LINK = "http://127.0.0.1:5173/notify/api/v1/unsubscribe?t=1.abc"


def test_notice_subject_and_body_in_japanese() -> None:
    subject, body = render(
        "hearing_notice", hearing=HEARING, name="山田 太郎", team=TEAM, unsubscribe_url=LINK, changed=False
    )
    assert subject == "【期日のお知らせ】令和8年1月20日（火）午前10時 第1次調停 調停期日"
    assert body.startswith("山田 太郎 様\n\n")
    assert "■ 日時　　令和8年1月20日（火）午前10時\n" in body
    assert body.endswith(f"次のページから配信を停止できます。\n{LINK}\n")


def test_subjects_of_the_other_kinds() -> None:
    deadline = HearingInfo(
        **{**HEARING.__dict__, "kind": "deadline", "starts_at": datetime(2026, 3, 2, 17, 0, tzinfo=TOKYO)}
    )
    assert render("hearing_reminder", hearing=deadline, name="x", team=TEAM, unsubscribe_url=LINK, lead="明日")[0] == (
        "【期日のリマインド】令和8年3月2日（月）午後5時 第1次調停 提出期限"
    )
    assert render("hearing_notice", hearing=HEARING, name="x", team=TEAM, unsubscribe_url=LINK, changed=True)[
        0
    ].startswith("【期日変更のお知らせ】")
    assert render("hearing_cancellation", hearing=HEARING, name="x", team=TEAM, unsubscribe_url=LINK)[0].startswith(
        "【期日取消しのお知らせ】"
    )


def test_email_headers_and_encoding() -> None:
    message = Message(
        kind="hearing_notice",
        event_id="e",
        dedupe_key="k",
        hearing_id=1,
        claimant_id=1,
        to_name="髙﨑 花子",
        to_address="takasaki@example.jp",
        sender="noreply@bengodan.example.jp",
        message_id="<abc@bengodan.local>",
        due_at=datetime(2026, 1, 1, tzinfo=UTC),
        cancel_key="hearing:1",
    )
    email = build_email(
        message,
        subject="【期日のお知らせ】令和8年1月20日（火）午前10時 第1次調停 調停期日",
        body="髙﨑 花子 様\n①\n",
        mail_from="弁護団事務局 <noreply@bengodan.example.jp>",
        unsubscribe=LINK,
        now=datetime(2026, 1, 5, 1, 2, tzinfo=UTC),
    )
    raw = email.data
    assert email.to == "takasaki@example.jp"
    assert raw.isascii() and all(len(line) <= 78 for line in raw.split(b"\r\n"))  # 7-bit, short lines
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert b"Subject: =?utf-8?b?" in raw
    assert b"Content-Transfer-Encoding: base64" in raw
    assert b"Date: Mon, 05 Jan 2026 10:02:00 +0900" in raw
    assert b"Message-ID: <abc@bengodan.local>" in raw
    assert f"List-Unsubscribe: <{LINK}>".encode() in raw
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    # What a mail client makes of it.
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    assert str(parsed["Subject"]) == "【期日のお知らせ】令和8年1月20日（火）午前10時 第1次調停 調停期日"
    assert parsed["From"].addresses[0].display_name == "弁護団事務局"
    assert parsed["From"].addresses[0].addr_spec == "noreply@bengodan.example.jp"
    assert parsed["To"].addresses[0].display_name == "髙﨑 花子"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == "髙﨑 花子 様\n①\n"


def test_a_long_subject_and_a_name_with_specials_survive_the_trip() -> None:
    message = Message(
        kind="breach_notice",
        dedupe_key="k2",
        to_name='架空 "二郎", 事務所',
        to_address="jiro@example.jp",
        sender="noreply@bengodan.example.jp",
        message_id="<long@bengodan.local>",
        due_at=datetime(2026, 1, 1, tzinfo=UTC),
        cancel_key="campaign:1",
    )
    subject = "個人情報の漏えいのおそれに関するお知らせとお詫び（" + "追加のご説明" * 12 + "）"
    email = build_email(
        message,
        subject=subject,
        body="本文\n\n" + "長い行" * 200 + "\n",
        mail_from="架空社会保険労務士事務所 <noreply@bengodan.example.jp>",
        reply_to="privacy@example.jp",
        now=datetime(2026, 1, 5, 1, 2, tzinfo=UTC),
    )
    assert all(len(line) <= 78 for line in email.data.split(b"\r\n"))
    parsed = BytesParser(policy=policy.default).parsebytes(email.data)
    assert isinstance(parsed, EmailMessage)
    assert str(parsed["Subject"]) == subject
    assert parsed["To"].addresses[0].display_name == '架空 "二郎", 事務所'
    assert str(parsed["Reply-To"]) == "privacy@example.jp"
    assert parsed["List-Unsubscribe"] is None
    assert parsed.get_content().replace("\r\n", "\n") == "本文\n\n" + "長い行" * 200 + "\n"


def test_reminders_at_nine_in_japan_n_days_before() -> None:
    starts = datetime(2026, 1, 20, 10, 0, tzinfo=TOKYO)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert reminder_times(starts_at=starts, rule=Rule((7, 1), 9), now=now) == [
        (7, datetime(2026, 1, 13, 0, 0, tzinfo=UTC)),  # 09:00 JST = 00:00 UTC
        (1, datetime(2026, 1, 19, 0, 0, tzinfo=UTC)),
    ]


def test_no_reminder_in_the_past_or_after_the_hearing() -> None:
    starts = datetime(2026, 1, 20, 8, 30, tzinfo=TOKYO)
    now = datetime(2026, 1, 15, 12, 0, tzinfo=TOKYO)
    assert reminder_times(starts_at=starts, rule=Rule((7, 1, 0), 9), now=now) == [
        (1, datetime(2026, 1, 19, 0, 0, tzinfo=UTC))
    ]
    # The day before at exactly 09:00: that time has come, no reminder.
    at_nine = datetime(2026, 1, 19, 9, 0, tzinfo=TOKYO)
    assert reminder_times(starts_at=starts, rule=Rule((1,), 9), now=at_nine) == []


def test_hearing_day_is_the_day_in_japan() -> None:
    # 2026-01-20 01:00 JST is still 01-19 in UTC; the reminder is for the day before in Japan (01-19 09:00).
    starts = datetime(2026, 1, 19, 16, 0, tzinfo=UTC)
    result = reminder_times(starts_at=starts, rule=Rule((1,), 9), now=datetime(2026, 1, 1, tzinfo=UTC))
    assert result == [(1, datetime(2026, 1, 19, 0, 0, tzinfo=UTC))]
