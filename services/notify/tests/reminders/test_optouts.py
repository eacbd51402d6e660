"""Opt-outs: the signed link of every reminder, the page behind it (public), and staff acting for a claimant."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from notify.core.config import Settings
from notify.messages.models import Message
from notify.reminders import optouts
from notify.reminders.models import OptOut

SECRET = "test-unsubscribe-secret"
LONG_AGO = datetime(2026, 1, 1, tzinfo=UTC)
URL = "/api/v1/unsubscribe"


def staff_url(claimant_id: int) -> str:
    return f"/api/v1/claimants/{claimant_id}/opt-out"


def link_token(settings: Settings, claimant_id: int) -> str:
    return optouts.unsubscribe_token(claimant_id, settings.unsubscribe_secret.get_secret_value())


def add_message(engine: Engine, *, claimant_id: int, kind: str, status: str = "queued") -> int:
    key = uuid.uuid4().hex
    with Session(engine) as session:
        message = Message(
            kind=kind,
            channel="email",
            dedupe_key=f"test:{claimant_id}:{kind}:{key}",
            claimant_id=claimant_id,
            to_name="試験 太郎",
            to_address="shiken@example.com",
            sender="noreply@bengodan.example.jp",
            subject="件名",
            body="本文",
            message_id=f"<{key}@bengodan.local>",
            status=status,
            due_at=datetime.now(UTC) + timedelta(days=3),
            cancel_key=f"claimant:{claimant_id}",
            created_at=LONG_AGO,
            updated_at=LONG_AGO,
        )
        session.add(message)
        session.commit()
        assert message.id is not None
        return message.id


def message(engine: Engine, message_id: int) -> Message:
    with Session(engine) as session:
        found = session.get(Message, message_id)
        assert found is not None
        return found


def stored_opt_out(engine: Engine, claimant_id: int) -> OptOut | None:
    with Session(engine) as session:
        return session.get(OptOut, claimant_id)


def bearer(token: Callable[..., str], scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(scopes, kind='user')}"}


# --- the token -------------------------------------------------------------------------------------------------


def test_token_round_trip_and_its_form() -> None:
    token = optouts.unsubscribe_token(42, SECRET)
    mac = hmac.new(SECRET.encode(), b"unsubscribe:42", hashlib.sha256).digest()[:16]
    assert token == "42." + base64.urlsafe_b64encode(mac).decode().rstrip("=")
    assert re.fullmatch(r"42\.[A-Za-z0-9_-]{22}", token)
    assert optouts.claimant_of(token, SECRET) == 42
    big = 9_007_199_254_740_993  # past a float's exact integers
    assert optouts.claimant_of(optouts.unsubscribe_token(big, SECRET), SECRET) == big
    assert optouts.claimant_of(token, "another-secret") is None


def _tampered() -> list[str]:
    good = optouts.unsubscribe_token(42, SECRET)
    mac = good.split(".", 1)[1]
    flipped = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    return [
        "",
        ".",
        "42",
        "42.",
        f".{mac}",
        f"43.{mac}",  # another claimant's id with 42's MAC
        f"42.{flipped}",
        f"42.{mac[:-1]}",
        f"42.{mac}=",
        f"42.{mac}.x",
        f"042.{mac}",
        f"+42.{mac}",
        f" 42.{mac}",
        f"４２.{mac}",  # full-width digits
        f"0.{optouts.unsubscribe_token(1, SECRET).split('.')[1]}",
        f"-1.{mac}",
        "42.あいう",
        "<script>alert(1)</script>",
        "9" * 5000 + "." + mac,
        "9" * 30 + "." + mac,
    ]


@pytest.mark.parametrize("token", _tampered())
def test_tampered_or_malformed_tokens_name_no_claimant(token: str) -> None:
    assert optouts.claimant_of(token, SECRET) is None


def test_unsubscribe_url_points_at_notify_behind_the_spa(settings: Settings) -> None:
    url = optouts.unsubscribe_url(settings, 101)
    assert url == f"http://127.0.0.1:5173/notify/api/v1/unsubscribe?t={link_token(settings, 101)}"


# --- the public page -------------------------------------------------------------------------------------------


def test_opening_the_link_shows_the_form_and_stops_nothing(
    client: TestClient, settings: Settings, engine: Engine
) -> None:
    reminder = add_message(engine, claimant_id=101, kind="hearing_reminder")
    page = client.get(URL, params={"t": link_token(settings, 101)})

    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    html = page.text
    assert '<html lang="ja">' in html
    assert '<meta charset="utf-8">' in html
    assert 'name="viewport"' in html
    assert "期日のご案内・リマインド" in html
    assert "書類のご提出のお願い" in html
    assert "個人情報に関するお知らせ" in html
    assert re.search(r'<form method="post"[^>]*>\s*<button type="submit">配信を停止する</button>', html)
    assert not re.search(r"<script|<link|<img|src=|https?://", html)  # self-contained
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"

    assert stored_opt_out(engine, 101) is None
    assert message(engine, reminder).status == "queued"


def test_the_button_stops_reminders_and_cancels_only_the_claimants_queued_ones(
    client: TestClient, settings: Settings, engine: Engine
) -> None:
    reminder = add_message(engine, claimant_id=101, kind="hearing_reminder")
    notice = add_message(engine, claimant_id=101, kind="hearing_notice")
    intake = add_message(engine, claimant_id=101, kind="intake_reminder")
    sent = add_message(engine, claimant_id=101, kind="hearing_reminder", status="sent")
    breach = add_message(engine, claimant_id=101, kind="breach_notice")
    someone_else = add_message(engine, claimant_id=102, kind="hearing_reminder")

    # The browser submits the page's own form: its action is relative to the page.
    form = client.get(URL, params={"t": link_token(settings, 101)}).text
    action = unescape(re.search(r'<form method="post" action="([^"]+)"', form).group(1))  # type: ignore[union-attr]
    done = client.post(URL + action)

    assert done.status_code == 200
    assert done.headers["content-type"] == "text/html; charset=utf-8"
    assert "配信を停止しました" in done.text
    assert settings.team_contact in done.text  # to ask for them again
    opt_out = stored_opt_out(engine, 101)
    assert opt_out is not None
    assert (opt_out.source, opt_out.recorded_by) == ("link", None)

    for cancelled in (reminder, notice, intake):
        assert message(engine, cancelled).status == "cancelled"
        assert message(engine, cancelled).updated_at > LONG_AGO
    assert message(engine, sent).status == "sent"
    assert message(engine, breach).status == "queued"  # a legal duty: sent whatever was opted out of
    assert message(engine, someone_else).status == "queued"
    assert stored_opt_out(engine, 102) is None


def test_one_click_unsubscribe_rfc_8058(client: TestClient, settings: Settings, engine: Engine) -> None:
    reminder = add_message(engine, claimant_id=101, kind="hearing_reminder")
    response = client.post(
        URL,
        params={"t": link_token(settings, 101)},
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert stored_opt_out(engine, 101) is not None
    assert message(engine, reminder).status == "cancelled"


def test_pressing_twice_is_fine_and_cancels_what_was_queued_since(
    client: TestClient, settings: Settings, engine: Engine
) -> None:
    params = {"t": link_token(settings, 101)}
    assert client.post(URL, params=params).status_code == 200
    first = stored_opt_out(engine, 101)
    late = add_message(engine, claimant_id=101, kind="hearing_reminder")

    again = client.post(URL, params=params)
    assert again.status_code == 200
    assert "配信を停止しました" in again.text
    second = stored_opt_out(engine, 101)
    assert first is not None and second is not None
    assert second.created_at == first.created_at
    assert message(engine, late).status == "cancelled"


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("query", [None, "", "42", "<b>x</b>", "101.AAAAAAAAAAAAAAAAAAAAAA"])
def test_a_bad_link_gets_a_page_saying_so_with_the_contact(
    client: TestClient, settings: Settings, engine: Engine, method: str, query: str | None
) -> None:
    settings.team_contact = "弁護団事務局 <office@bengodan.example.jp> & 電話"
    params: dict[str, Any] = {} if query is None else {"t": query}
    response = client.request(method, URL, params=params)

    assert response.status_code == 400
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert '<html lang="ja">' in response.text
    assert "このリンクは無効です" in response.text
    assert "弁護団事務局 &lt;office@bengodan.example.jp&gt; &amp; 電話" in response.text
    assert "<b>x</b>" not in response.text
    assert "<form" not in response.text
    assert stored_opt_out(engine, 101) is None


def test_a_link_signed_with_another_secret_is_refused(client: TestClient, engine: Engine) -> None:
    forged = optouts.unsubscribe_token(101, "local-unsubscribe-secret-guess")
    assert client.post(URL, params={"t": forged}).status_code == 400
    assert stored_opt_out(engine, 101) is None


# --- staff -----------------------------------------------------------------------------------------------------


def test_staff_stop_and_resume_reminders_for_a_claimant(
    client: TestClient, token: Callable[..., str], engine: Engine
) -> None:
    staff = bearer(token, "notify:read notify:write")
    reminder = add_message(engine, claimant_id=101, kind="intake_reminder")
    breach = add_message(engine, claimant_id=101, kind="breach_notice")
    nothing = {"claimant_id": 101, "opted_out": False, "source": None, "recorded_by": None, "created_at": None}
    assert client.get(staff_url(101), headers=staff).json() == nothing

    put = client.put(staff_url(101), headers=staff)
    assert put.status_code == 200
    body = put.json()
    assert (body["claimant_id"], body["opted_out"], body["source"]) == (101, True, "staff")
    assert body["recorded_by"] == "client:claims-api"  # the actor's `sub`
    assert datetime.fromisoformat(body["created_at"]) > LONG_AGO
    assert client.get(staff_url(101), headers=staff).json() == body
    assert client.put(staff_url(101), headers=staff).json() == body  # idempotent
    assert message(engine, reminder).status == "cancelled"
    assert message(engine, breach).status == "queued"

    deleted = client.delete(staff_url(101), headers=staff)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert client.get(staff_url(101), headers=staff).json() == nothing
    assert client.delete(staff_url(101), headers=staff).status_code == 204
    assert message(engine, reminder).status == "cancelled"  # resuming brings back later reminders, not these


def test_staff_see_the_claimants_own_opt_out(client: TestClient, settings: Settings, token: Callable[..., str]) -> None:
    staff = bearer(token, "notify:read notify:write")
    assert client.post(URL, params={"t": link_token(settings, 101)}).status_code == 200
    seen = client.get(staff_url(101), headers=staff).json()
    assert (seen["opted_out"], seen["source"], seen["recorded_by"]) == (True, "link", None)
    assert client.put(staff_url(101), headers=staff).json() == seen  # already recorded: kept as it was


def test_the_staff_endpoints_need_a_token_and_the_scope(client: TestClient, token: Callable[..., str]) -> None:
    for method in ("GET", "PUT", "DELETE"):
        anonymous = client.request(method, staff_url(101))
        assert anonymous.status_code == 401
        assert anonymous.headers["www-authenticate"] == "Bearer"
        assert anonymous.headers["content-type"] == "application/problem+json"

    reader = bearer(token, "notify:read")
    assert client.get(staff_url(101), headers=reader).status_code == 200
    assert client.put(staff_url(101), headers=reader).status_code == 403
    assert client.delete(staff_url(101), headers=reader).status_code == 403

    writer = bearer(token, "notify:write")
    assert client.get(staff_url(101), headers=writer).status_code == 403
    assert client.put(staff_url(101), headers=writer).status_code == 200


def test_claimant_ids_start_at_one(client: TestClient, token: Callable[..., str]) -> None:
    staff = bearer(token, "notify:read notify:write")
    bad = client.put(staff_url(0), headers=staff)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "claimant_id"


# --- the functions the worker uses -----------------------------------------------------------------------------


def test_opt_out_records_once_and_clear_removes_it(engine: Engine) -> None:
    now = datetime.now(UTC)
    with Session(engine) as session:
        assert optouts.opt_out(session, claimant_id=7, source="staff", actor="user:1", now=now) is True
        assert optouts.opt_out(session, claimant_id=7, source="link", actor=None, now=now) is False
        stored = optouts.get(session, 7)
        assert stored is not None and (stored.source, stored.recorded_by) == ("staff", "user:1")
        session.commit()
    with Session(engine) as session:
        assert optouts.clear_opt_out(session, claimant_id=7) is True
        assert optouts.clear_opt_out(session, claimant_id=7) is False
        assert optouts.get(session, 7) is None


def test_opt_out_does_not_commit(engine: Engine) -> None:
    with Session(engine) as session:
        optouts.opt_out(session, claimant_id=7, source="link", actor=None, now=datetime.now(UTC))
        session.rollback()
    assert stored_opt_out(engine, 7) is None


def test_opted_out_asks_in_chunks_of_a_thousand(engine: Engine) -> None:
    with Session(engine) as session:
        session.add_all(OptOut(claimant_id=i, source="link") for i in range(1, 3001, 2))
        session.commit()

    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    with Session(engine) as session:
        event.listen(engine, "before_cursor_execute", count)
        try:
            found = optouts.opted_out(session, (i for i in [*range(1, 2501), 2, 5000]))
            assert optouts.opted_out(session, []) == set()
        finally:
            event.remove(engine, "before_cursor_execute", count)

    assert found == set(range(1, 2501, 2))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 3  # 2,501 distinct ids


def test_two_opt_outs_at_once_end_in_one_row(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other request recorded the opt-out between this one's look and its insert: no error, one row."""
    with Session(engine) as session:
        optouts.opt_out(session, claimant_id=7, source="link", actor=None, now=LONG_AGO)
        session.commit()
    reminder = add_message(engine, claimant_id=7, kind="hearing_reminder")
    monkeypatch.setattr(optouts, "get", lambda session, claimant_id: None)
    with Session(engine) as session:
        assert optouts.opt_out(session, claimant_id=7, source="staff", actor="user:1", now=datetime.now(UTC)) is False
        session.commit()
    stored = stored_opt_out(engine, 7)
    assert stored is not None and (stored.source, stored.created_at) == ("link", LONG_AGO)
    assert message(engine, reminder).status == "cancelled"
