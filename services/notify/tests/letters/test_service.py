"""The worker's postal round: letters gathered in batches of 5,000, each batch rendered by docs-render with only
its recipients' own data items, resumed after a crash with the same Idempotency-Key, followed until the PDF is
ready or the job failed, and one query when there is nothing to do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

from notify.core.config import Settings
from notify.letters import service
from notify.letters.client import DocsRenderApi
from notify.letters.models import LetterBatch
from notify.letters.service import advance_letters

from .fakes import T0, FakeDocsRender, add_people, batches_of, make_campaign, messages_of, person


def advance(engine: Engine, docs_render: DocsRenderApi, settings: Settings, after_seconds: float = 0) -> None:
    advance_letters(
        engine=engine, docs_render=docs_render, settings=settings, now=T0 + timedelta(seconds=after_seconds)
    )


def test_5001_letters_make_two_batches_oldest_first_and_leave_the_other_channels_alone(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine)
    people = [person(n) for n in range(1, 5002)]
    people[10:10] = [person(90001, channel="email"), person(90002, channel="public_notice")]
    add_people(engine, campaign, people)

    advance(engine, docs_render, settings)

    first, second = batches_of(engine, campaign.id or 0)
    assert (first.letters, second.letters) == (5000, 1)
    assert (first.status, second.status) == ("rendering", "rendering")
    letters = messages_of(engine, campaign.id or 0, "postal")
    assert [m.letter_batch_id for m in letters] == [first.id] * 5000 + [second.id]
    assert {(m.status, m.attempts, m.claimed_at) for m in letters} == {("sending", 1, T0)}
    others = [m for m in messages_of(engine, campaign.id or 0) if m.channel != "postal"]
    assert [(m.channel, m.status, m.letter_batch_id, m.attempts) for m in others] == [
        ("email", "queued", None, 0),
        ("public_notice", "queued", None, 0),
    ]
    # Each batch asked docs-render once, under its own key, and keeps the job's id.
    assert len(fake_docs_render.posts()) == 2
    for batch in (first, second):
        job = fake_docs_render.by_key(f"notify-letter-batch-{batch.id}")
        assert batch.render_id == job.id
        assert job.body["document"] == "breach-notice-letter"
        assert len(job.body["notice"]["recipients"]) == batch.letters
    recipients = fake_docs_render.by_key(f"notify-letter-batch-{first.id}").body["notice"]["recipients"]
    assert recipients[0]["name"] == "架空 太郎1" and recipients[-1]["name"] == "架空 太郎5000"
    last = fake_docs_render.by_key(f"notify-letter-batch-{second.id}").body["notice"]["recipients"]
    assert [r["name"] for r in last] == ["架空 太郎5001"]

    advance(engine, docs_render, settings, after_seconds=1)  # nothing new: no batch, no request
    assert len(batches_of(engine, campaign.id or 0)) == 2 and len(fake_docs_render.posts()) == 2


def test_each_letter_carries_its_recipients_own_items_and_the_campaigns_content(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine, case_id=7, other="本件に関する報道はありません。")
    add_people(
        engine,
        campaign,
        [
            person(1, items=["name", "pension_no"]),
            person(2, items=["salary"]),
            person(3, channel="email", items=["name", "pension_no", "salary"]),
        ],
    )

    advance(engine, docs_render, settings)

    (batch,) = batches_of(engine, campaign.id or 0)
    (job,) = fake_docs_render.jobs.values()
    assert job.key == f"notify-letter-batch-{batch.id}"
    assert job.body == {
        "document": "breach-notice-letter",
        "format": "pdf",
        "case_id": 7,
        "notice": {
            "sender": campaign.sender,
            "title": "個人情報の漏えいのおそれに関するお知らせとお詫び",
            "overview": "給与計算クラウドサービスのサーバがランサムウェアに感染しました。",
            "data_items": campaign.data_items,
            "cause": "委託先のサーバへの第三者による不正アクセスです。",
            "secondary_harm": "現時点で二次被害は確認されていません。",
            "measures": "委託先の監督を強化します。",
            "other": "本件に関する報道はありません。",
            "contact": campaign.contact,
            "recipients": [
                {
                    "name": "架空 太郎1",
                    "postal_code": "530-0001",
                    "address": "大阪府大阪市北区梅田1-1-1",
                    "item_keys": ["name", "pension_no"],
                },
                {
                    "name": "架空 太郎2",
                    "postal_code": "530-0002",
                    "address": "大阪府大阪市北区梅田2-1-1",
                    "item_keys": ["salary"],
                },
            ],
        },
    }


def test_letters_of_a_campaign_not_launched_wait(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    draft = make_campaign(engine, status="draft")
    add_people(engine, draft, [person(1)])
    advance(engine, docs_render, settings)
    assert batches_of(engine, draft.id or 0) == [] and fake_docs_render.calls == []
    assert [m.status for m in messages_of(engine, draft.id or 0)] == ["queued"]


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_with_nothing_to_do_a_round_is_one_query(
    engine: Engine,
    docs_render: DocsRenderApi,
    fake_docs_render: FakeDocsRender,
    settings: Settings,
    statements: list[str],
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(n, channel="email") for n in range(1, 50)])  # e-mails only
    add_people(engine, make_campaign(engine, status="draft"), [person(1)])
    statements.clear()
    advance(engine, docs_render, settings)
    assert len(statements) == 1, statements
    assert fake_docs_render.calls == []


def test_a_crash_after_batching_is_resumed_with_the_same_idempotency_key(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1), person(2)])
    # The worker made the batch (committed) and died before asking docs-render.
    assert service.make_batches(engine=engine, now=T0) == 1
    (batch,) = batches_of(engine, campaign.id or 0)
    assert batch.render_id is None and fake_docs_render.calls == []

    advance(engine, docs_render, settings, after_seconds=1)
    (batch,) = batches_of(engine, campaign.id or 0)
    (job,) = fake_docs_render.jobs.values()
    assert job.key == f"notify-letter-batch-{batch.id}" and batch.render_id == job.id
    assert len(batches_of(engine, campaign.id or 0)) == 1


def test_a_crash_after_asking_gets_the_same_job_again(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1, items=["salary"]), person(2)])
    service.make_batches(engine=engine, now=T0)
    (batch,) = batches_of(engine, campaign.id or 0)
    # docs-render took the job, but the worker died before it stored the job's id.
    service.request_renders(engine=engine, docs_render=docs_render, now=T0, retry_after=timedelta(seconds=5))
    first = next(iter(fake_docs_render.jobs.values()))
    with Session(engine) as session:
        row = session.get(LetterBatch, batch.id)
        assert row is not None
        row.render_id = None
        session.add(row)
        session.commit()

    advance(engine, docs_render, settings, after_seconds=1)

    assert len(fake_docs_render.jobs) == 1  # the repeat got the first job: no second PDF of the same letters
    assert len(fake_docs_render.posts()) == 2
    (batch,) = batches_of(engine, campaign.id or 0)
    assert batch.render_id == first.id


def test_the_job_is_followed_every_poll_seconds_until_the_pdf_is_ready(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    assert settings.docs_render.poll_seconds == 5
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1), person(2)])
    advance(engine, docs_render, settings)
    (job,) = fake_docs_render.jobs.values()

    advance(engine, docs_render, settings, after_seconds=2)  # too soon to look
    assert fake_docs_render.gets() == []
    job.status = "running"
    advance(engine, docs_render, settings, after_seconds=5)
    assert fake_docs_render.gets() == [("GET", f"/api/v1/renders/{job.id}")]
    advance(engine, docs_render, settings, after_seconds=8)  # looked at 5 s: next at 10 s
    assert len(fake_docs_render.gets()) == 1

    job.status, job.filename = "succeeded", "個人情報に関するお知らせ_2名.pdf"
    advance(engine, docs_render, settings, after_seconds=10)
    (batch,) = batches_of(engine, campaign.id or 0)
    assert (batch.status, batch.file_name, batch.error) == ("ready", "個人情報に関するお知らせ_2名.pdf", None)
    # Printed but not posted: the letters are not sent yet.
    assert {m.status for m in messages_of(engine, campaign.id or 0)} == {"sending"}
    advance(engine, docs_render, settings, after_seconds=60)
    assert len(fake_docs_render.gets()) == 2


def test_a_failed_job_fails_the_batch_and_its_letters_with_the_reason(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1), person(2), person(3, channel="email")])
    advance(engine, docs_render, settings)
    (job,) = fake_docs_render.jobs.values()
    job.status, job.error = "failed", "フォントが見つかりません"

    advance(engine, docs_render, settings, after_seconds=5)

    (batch,) = batches_of(engine, campaign.id or 0)
    assert batch.status == "failed"
    assert batch.error == "docs-render could not render the letters: フォントが見つかりません"
    letters = messages_of(engine, campaign.id or 0, "postal")
    assert {(m.status, m.last_error) for m in letters} == {("failed", batch.error)}
    assert [m.status for m in messages_of(engine, campaign.id or 0, "email")] == ["queued"]


def test_letters_docs_render_refuses_fail_with_its_detail(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1), person(2)])
    fake_docs_render.refuse = {
        "type": "validation-error",
        "title": "Invalid input",
        "status": 422,
        "detail": "notice.recipients.1.address: String should have at most 300 characters",
        "errors": [{"field": "notice.recipients.1.address", "reason": "String should have at most 300 characters"}],
    }

    advance(engine, docs_render, settings)

    (batch,) = batches_of(engine, campaign.id or 0)
    assert (batch.status, batch.render_id) == ("failed", None)
    assert batch.error == (
        "docs-render refused the letters: notice.recipients.1.address: String should have at most 300 characters"
    )
    assert {(m.status, m.last_error) for m in messages_of(engine, campaign.id or 0)} == {("failed", batch.error)}
    advance(engine, docs_render, settings, after_seconds=60)
    assert len(fake_docs_render.posts()) == 1  # a refusal is not retried


@pytest.mark.parametrize("outage", ["unreachable", "503"])
def test_when_docs_render_is_down_the_batch_waits_and_is_asked_again(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings, outage: str
) -> None:
    campaign = make_campaign(engine)
    add_people(engine, campaign, [person(1)])
    fake_docs_render.unreachable = outage == "unreachable"
    fake_docs_render.fail_with = 503 if outage == "503" else None

    advance(engine, docs_render, settings)
    (batch,) = batches_of(engine, campaign.id or 0)
    assert (batch.status, batch.render_id) == ("rendering", None)
    reason = "ConnectError" if outage == "unreachable" else "HTTP 503"
    assert batch.error == f"docs-render could not be asked ({reason}); notify tries again"
    assert [m.status for m in messages_of(engine, campaign.id or 0)] == ["sending"]
    advance(engine, docs_render, settings, after_seconds=2)  # not before poll_seconds
    assert len(fake_docs_render.posts()) == 1

    fake_docs_render.unreachable, fake_docs_render.fail_with = False, None
    advance(engine, docs_render, settings, after_seconds=5)
    (batch,) = batches_of(engine, campaign.id or 0)
    (job,) = fake_docs_render.jobs.values()
    assert batch.render_id == job.id and job.key == f"notify-letter-batch-{batch.id}" and batch.error is None

    # A failure while following the job is tried again too.
    fake_docs_render.fail_with = 503
    advance(engine, docs_render, settings, after_seconds=10)
    (batch,) = batches_of(engine, campaign.id or 0)
    assert (batch.status, batch.error) == ("rendering", "docs-render could not be read (HTTP 503); notify tries again")
    fake_docs_render.fail_with = None
    job.status, job.filename = "succeeded", "個人情報に関するお知らせ_1名.pdf"
    advance(engine, docs_render, settings, after_seconds=15)
    (batch,) = batches_of(engine, campaign.id or 0)
    assert (batch.status, batch.error) == ("ready", None)


def test_a_campaign_without_a_case_fails_its_letters(
    engine: Engine, docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender, settings: Settings
) -> None:
    campaign = make_campaign(engine, case_id=None)
    add_people(engine, campaign, [person(1)])
    advance(engine, docs_render, settings)
    (batch,) = batches_of(engine, campaign.id or 0)
    assert batch.status == "failed" and "names no case" in (batch.error or "")
    assert fake_docs_render.calls == []
