"""The letters and the public notice through the API: the batches the team prints, the day they were posted, the
public notice recorded and rendered, refusals with the field and the reason, and who may do what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.japanese import TOKYO
from notify.campaigns.models import Campaign
from notify.letters import service
from notify.letters.models import LetterBatch

from .fakes import FakeDocsRender, add_people, batches_of, campaign_row, make_campaign, messages_of, person


def today() -> date:
    return datetime.now(TOKYO).date()


def make_ready_batch(engine: Engine, campaign: Campaign, letters: int = 2, *, made: datetime | None = None) -> int:
    """Letters batched and rendered: the PDF is ready to print."""
    add_people(engine, campaign, [person(n) for n in range(1, letters + 1)])
    at = made or datetime.now(UTC) - timedelta(hours=1)
    service.make_batches(engine=engine, now=at)
    batch = batches_of(engine, campaign.id or 0)[-1]
    with Session(engine) as session:
        session.execute(
            update(LetterBatch)
            .where(col(LetterBatch.id) == batch.id)
            .values(status="ready", render_id=101, file_name=f"個人情報に関するお知らせ_{letters}名.pdf")
        )
        session.commit()
    return batch.id or 0


def posted_url(campaign_id: int, batch_id: int) -> str:
    return f"/api/v1/campaigns/{campaign_id}/letter-batches/{batch_id}/posted"


def test_the_team_sees_the_batches_to_download_and_print(
    api: TestClient, engine: Engine, as_viewer: dict[str, str]
) -> None:
    campaign = make_campaign(engine)
    batch_id = make_ready_batch(engine, campaign, 3)
    response = api.get(f"/api/v1/campaigns/{campaign.id}/letter-batches", headers=as_viewer)
    assert response.status_code == 200, response.text
    (batch,) = response.json()
    assert {k: v for k, v in batch.items() if k not in ("created_at", "updated_at")} == {
        "id": batch_id,
        "campaign_id": campaign.id,
        "render_id": 101,
        "status": "ready",
        "letters": 3,
        "file_name": "個人情報に関するお知らせ_3名.pdf",
        "error": None,
        "posted_on": None,
        "posted_by": None,
    }
    other = make_campaign(engine)
    assert api.get(f"/api/v1/campaigns/{other.id}/letter-batches", headers=as_viewer).json() == []
    missing = api.get("/api/v1/campaigns/999/letter-batches", headers=as_viewer)
    assert (missing.status_code, missing.json()["detail"]) == (404, "campaign 999 does not exist")


def test_letters_count_as_sent_once_the_day_they_were_posted_is_recorded(
    api: TestClient, engine: Engine, as_staff: dict[str, str]
) -> None:
    campaign = make_campaign(engine)
    batch_id = make_ready_batch(engine, campaign, 2)
    add_people(engine, campaign, [person(9, channel="email")])
    before = datetime.now(UTC)

    response = api.post(
        posted_url(campaign.id or 0, batch_id), json={"posted_on": today().isoformat()}, headers=as_staff
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["posted_on"], body["posted_by"]) == (
        "posted",
        today().isoformat(),
        "client:claims-api",
    )
    letters = messages_of(engine, campaign.id or 0, "postal")
    assert {m.status for m in letters} == {"sent"}
    assert all(m.sent_at is not None and m.sent_at >= before for m in letters)
    assert [m.status for m in messages_of(engine, campaign.id or 0, "email")] == ["queued"]

    again = api.post(posted_url(campaign.id or 0, batch_id), json={"posted_on": today().isoformat()}, headers=as_staff)
    assert again.status_code == 409
    assert again.json()["detail"] == f"letter batch {batch_id} is posted: only a ready batch can be recorded as posted"
    assert batches_of(engine, campaign.id or 0)[0].posted_on == today()


def test_a_batch_still_rendering_cannot_be_posted(api: TestClient, engine: Engine, as_staff: dict[str, str]) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1)])
    service.make_batches(engine=engine, now=datetime.now(UTC))
    (batch,) = batches_of(engine, campaign.id or 0)
    response = api.post(
        posted_url(campaign.id or 0, batch.id or 0), json={"posted_on": today().isoformat()}, headers=as_staff
    )
    assert response.status_code == 409
    assert [m.status for m in messages_of(engine, campaign.id or 0)] == ["sending"]


@pytest.mark.parametrize(
    ("posted_on", "reason"),
    [
        (lambda: (today() + timedelta(days=1)).isoformat(), "cannot be after today (Japan time)"),
        (lambda: (today() - timedelta(days=3)).isoformat(), "before the letters were made"),
        (lambda: "2026-13-01", "Input should be a valid date"),
        (lambda: None, "Input should be a valid date"),
    ],
)
def test_the_day_of_posting_is_checked(
    api: TestClient, engine: Engine, as_staff: dict[str, str], posted_on: Callable[[], Any], reason: str
) -> None:
    campaign = make_campaign(engine)
    made = datetime.combine(today() - timedelta(days=1), datetime.min.time(), tzinfo=TOKYO)
    batch_id = make_ready_batch(engine, campaign, made=made)
    response = api.post(posted_url(campaign.id or 0, batch_id), json={"posted_on": posted_on()}, headers=as_staff)
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert error["field"] == "posted_on" and error["reason"].startswith(reason), error
    assert batches_of(engine, campaign.id or 0)[0].status == "ready"


def test_the_day_the_letters_were_made_may_be_the_day_of_posting_and_unknown_fields_are_refused(
    api: TestClient, engine: Engine, as_staff: dict[str, str]
) -> None:
    campaign = make_campaign(engine)
    made = datetime.combine(today() - timedelta(days=1), datetime.min.time(), tzinfo=TOKYO)  # 00:00 Japan time
    batch_id = make_ready_batch(engine, campaign, made=made)
    url = posted_url(campaign.id or 0, batch_id)
    extra = api.post(url, json={"posted_on": today().isoformat(), "sent_at": "x"}, headers=as_staff)
    assert extra.status_code == 422 and extra.json()["errors"][0]["field"] == "sent_at"
    response = api.post(url, json={"posted_on": made.date().isoformat()}, headers=as_staff)
    assert response.status_code == 200, response.text


def test_an_unknown_batch_or_one_of_another_campaign_is_not_found(
    api: TestClient, engine: Engine, as_staff: dict[str, str]
) -> None:
    campaign, other = make_campaign(engine), make_campaign(engine)
    batch_id = make_ready_batch(engine, campaign)
    body = {"posted_on": today().isoformat()}
    assert api.post(posted_url(other.id or 0, batch_id), json=body, headers=as_staff).status_code == 404
    assert api.post(posted_url(campaign.id or 0, 999), json=body, headers=as_staff).status_code == 404
    assert api.post(posted_url(999, batch_id), json=body, headers=as_staff).status_code == 404


# ---- the public notice -----------------------------------------------------------------------------------------


def public_notice_url(campaign_id: int) -> str:
    return f"/api/v1/campaigns/{campaign_id}/public-notice"


def test_recording_the_public_notice_marks_those_it_covers_sent(
    api: TestClient, engine: Engine, as_staff: dict[str, str]
) -> None:
    campaign = make_campaign(engine)
    add_people(
        engine,
        campaign,
        [person(1, channel="public_notice"), person(2, channel="email"), person(3), person(4, channel="public_notice")],
    )
    before = datetime.now(UTC)
    body = {"published_on": today().isoformat(), "where": "  https://example.jp/news/2026/notice  "}

    response = api.post(public_notice_url(campaign.id or 0), json=body, headers=as_staff)

    assert response.status_code == 200, response.text
    assert response.json() == {
        "campaign_id": campaign.id,
        "published_on": today().isoformat(),
        "where": "https://example.jp/news/2026/notice",
        "recorded_by": "client:claims-api",
        "notified": 2,
    }
    stored = campaign_row(engine, campaign.id or 0)
    assert (stored.public_notice_published_on, stored.public_notice_where, stored.public_notice_recorded_by) == (
        today(),
        "https://example.jp/news/2026/notice",
        "client:claims-api",
    )
    by_channel = {m.channel: m for m in messages_of(engine, campaign.id or 0)}
    covered = messages_of(engine, campaign.id or 0, "public_notice")
    assert {m.status for m in covered} == {"sent"} and all(m.sent_at and m.sent_at >= before for m in covered)
    assert (by_channel["email"].status, by_channel["postal"].status) == ("queued", "queued")

    # Recording it again corrects the record; those already covered stay as they were.
    corrected = {"published_on": today().isoformat(), "where": "日本経済新聞 朝刊"}
    again = api.post(public_notice_url(campaign.id or 0), json=corrected, headers=as_staff)
    assert again.status_code == 200 and again.json()["where"] == "日本経済新聞 朝刊" and again.json()["notified"] == 2
    assert [m.sent_at for m in messages_of(engine, campaign.id or 0, "public_notice")] == [m.sent_at for m in covered]


def test_the_public_notice_of_a_campaign_not_launched_is_refused(
    api: TestClient, engine: Engine, as_staff: dict[str, str]
) -> None:
    draft = make_campaign(engine, status="draft")
    body = {"published_on": today().isoformat(), "where": "https://example.jp/news"}
    response = api.post(public_notice_url(draft.id or 0), json=body, headers=as_staff)
    assert response.status_code == 409
    assert (
        response.json()["detail"] == f"campaign {draft.id} is draft: the public notice is recorded once it is launched"
    )
    assert campaign_row(engine, draft.id or 0).public_notice_where is None
    assert api.post(public_notice_url(999), json=body, headers=as_staff).status_code == 404


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        ({"published_on": "TOMORROW", "where": "https://example.jp"}, "published_on", "cannot be after today"),
        ({"published_on": "2026-11-19", "where": "https://example.jp"}, "published_on", "before the breach became"),
        ({"published_on": "TODAY", "where": "   "}, "where", "String should have at least 1 character"),
        ({"published_on": "TODAY", "where": "x" * 501}, "where", "String should have at most 500 characters"),
        ({"published_on": "TODAY"}, "where", "Field required"),
    ],
)
def test_the_public_notice_record_is_checked(
    api: TestClient, engine: Engine, as_staff: dict[str, str], body: dict[str, Any], field: str, reason: str
) -> None:
    campaign = make_campaign(engine)  # the breach became known on 2026-11-20
    add_people(engine, campaign, [person(1, channel="public_notice")])
    days = {"TODAY": today(), "TOMORROW": today() + timedelta(days=1)}
    body = {k: days[v].isoformat() if v in days else v for k, v in body.items()}
    response = api.post(public_notice_url(campaign.id or 0), json=body, headers=as_staff)
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert error["field"] == field and error["reason"].startswith(reason), error
    assert [m.status for m in messages_of(engine, campaign.id or 0)] == ["queued"]


def test_docs_render_renders_the_public_notice_without_anyone_named(
    api: TestClient, engine: Engine, as_staff: dict[str, str], fake_docs_render: FakeDocsRender
) -> None:
    campaign = make_campaign(engine, case_id=4)
    add_people(engine, campaign, [person(1, channel="public_notice"), person(2)])
    url = f"/api/v1/campaigns/{campaign.id}/public-notice/render"

    response = api.post(url, headers=as_staff)

    assert response.status_code == 202, response.text
    (job,) = fake_docs_render.jobs.values()
    assert response.json() == {"render_id": job.id}
    assert job.key == f"notify-public-notice-{campaign.id}-{int(campaign.updated_at.timestamp()) * 1_000_000}"
    assert job.body["document"] == "public-notice" and job.body["case_id"] == 4
    assert "recipients" not in job.body["notice"]
    assert job.body["notice"]["data_items"] == campaign.data_items
    assert "架空 太郎" not in str(job.body)  # no recipient's name

    # Asked again for the same content: the same job (and PDF).
    assert api.post(url, headers=as_staff).json() == {"render_id": job.id}
    assert len(fake_docs_render.jobs) == 1
    # A campaign that changed (here: its public notice recorded) gets a job of its own.
    record = {"published_on": today().isoformat(), "where": "https://example.jp/news"}
    assert api.post(public_notice_url(campaign.id or 0), json=record, headers=as_staff).status_code == 200
    assert api.post(url, headers=as_staff).json() != {"render_id": job.id}
    assert len(fake_docs_render.jobs) == 2


def test_rendering_the_public_notice_passes_on_what_went_wrong(
    api: TestClient, engine: Engine, as_staff: dict[str, str], fake_docs_render: FakeDocsRender
) -> None:
    campaign = make_campaign(engine)
    url = f"/api/v1/campaigns/{campaign.id}/public-notice/render"
    fake_docs_render.refuse = {
        "title": "Invalid input",
        "status": 422,
        "detail": "notice.contact: give at least one of phone, email or address",
        "errors": [{"field": "notice.contact", "reason": "give at least one of phone, email or address"}],
    }
    refused = api.post(url, headers=as_staff)
    assert refused.status_code == 422
    assert refused.json()["type"] == "render-refused"
    assert refused.json()["errors"] == [
        {"field": "notice.contact", "reason": "give at least one of phone, email or address"}
    ]

    fake_docs_render.refuse, fake_docs_render.unreachable = None, True
    down = api.post(url, headers=as_staff)
    assert (down.status_code, down.json()["type"], down.headers["Retry-After"]) == (503, "docs-render-unavailable", "5")

    fake_docs_render.unreachable, fake_docs_render.fail_with = False, 500
    assert api.post(url, headers=as_staff).status_code == 502

    no_case = make_campaign(engine, case_id=None)
    assert api.post(f"/api/v1/campaigns/{no_case.id}/public-notice/render", headers=as_staff).status_code == 409
    assert api.post("/api/v1/campaigns/999/public-notice/render", headers=as_staff).status_code == 404


# ---- who may do what --------------------------------------------------------------------------------------------

ENDPOINTS = [
    ("GET", "/api/v1/campaigns/{c}/letter-batches", None, "notify:events.write"),
    ("POST", "/api/v1/campaigns/{c}/letter-batches/{b}/posted", {"posted_on": "TODAY"}, "notify:read"),
    ("POST", "/api/v1/campaigns/{c}/public-notice", {"published_on": "TODAY", "where": "https://x.jp"}, "notify:read"),
    ("POST", "/api/v1/campaigns/{c}/public-notice/render", None, "notify:read"),
]


@pytest.mark.parametrize(("method", "path", "body", "scopes"), ENDPOINTS)
def test_each_endpoint_needs_a_token_with_its_scope(
    api: TestClient,
    engine: Engine,
    token: Callable[..., str],
    fake_docs_render: FakeDocsRender,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    scopes: str,
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1, channel="public_notice")])
    batch_id = make_ready_batch(engine, campaign)
    url = path.format(c=campaign.id, b=batch_id)
    json_body = {k: today().isoformat() if v == "TODAY" else v for k, v in (body or {}).items()} if body else None

    anonymous = api.request(method, url, json=json_body)
    assert anonymous.status_code == 401 and "Bearer" in anonymous.headers["WWW-Authenticate"]
    forbidden = api.request(method, url, json=json_body, headers={"Authorization": f"Bearer {token(scopes)}"})
    assert forbidden.status_code == 403
    assert fake_docs_render.calls == []
    assert batches_of(engine, campaign.id or 0)[0].status == "ready"
    assert campaign_row(engine, campaign.id or 0).public_notice_where is None
