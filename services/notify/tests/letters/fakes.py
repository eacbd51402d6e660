"""docs-render as notify sees it (the breach-notice renders of docs/contracts.md), and rows built straight in the
database: launched campaigns with their recipients and one message each, thousands at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from notify.campaigns.models import Campaign, Recipient
from notify.letters.models import LetterBatch
from notify.messages.models import Message

NOTICE_FIELDS = {"sender", "made_on", "title", "overview", "data_items", "cause", "secondary_harm", "measures"}
NOTICE_FIELDS |= {"other", "contact", "recipients"}
RECIPIENT_FIELDS = {"name", "postal_code", "address", "item_keys"}
T0 = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00 Japan time


@dataclass
class Job:
    id: int
    key: str
    body: dict[str, Any]
    status: str = "queued"
    filename: str | None = None
    error: str | None = None

    def read(self) -> dict[str, Any]:
        """docs-render's RenderRead."""
        letters = len(self.body["notice"].get("recipients") or [])
        return {
            "id": self.id,
            "document": self.body["document"],
            "format": self.body["format"],
            "case_id": self.body["case_id"],
            "proceeding_id": None,
            "claimant_id": None,
            "complaint_form": None,
            "status": self.status,
            "progress_done": letters if self.status == "succeeded" else 0,
            "progress_total": letters,
            "error": self.error,
            "created_at": "2026-12-01T01:00:00Z",
            "started_at": None,
            "finished_at": None,
            "size": 1234 if self.status == "succeeded" else None,
            "sha256": None,
            "filename": self.filename,
        }


@dataclass
class FakeDocsRender:
    """`POST /api/v1/renders` (an Idempotency-Key is required here: notify always sends one) and
    `GET /api/v1/renders/{id}`. A repeated key answers the first job, or 422 if the request differs."""

    jobs: dict[int, Job] = field(default_factory=dict)
    refuse: dict[str, Any] | None = None  # a problem to answer every POST with (422)
    fail_with: int | None = None  # a status to answer everything with
    unreachable: bool = False
    calls: list[tuple[str, str]] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.path))
        if self.unreachable:
            raise httpx.ConnectError("connection refused", request=request)
        if self.fail_with:
            return httpx.Response(self.fail_with, json={"title": "unavailable", "status": self.fail_with})
        parts = request.url.path.strip("/").split("/")
        if request.method == "POST" and parts == ["api", "v1", "renders"]:
            return self._create(request)
        if request.method == "GET" and parts[:3] == ["api", "v1", "renders"] and len(parts) == 4:
            job = self.jobs.get(int(parts[3]))
            if job is None:
                return httpx.Response(404, json={"title": "Not found", "status": 404})
            return httpx.Response(200, json=job.read())
        return httpx.Response(404, json={"title": "Not found", "status": 404})

    def _create(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("Idempotency-Key")
        assert key, "notify always sends an Idempotency-Key"
        body = json.loads(request.content)
        assert set(body) == {"document", "format", "case_id", "notice"}, body
        assert body["format"] == "pdf" and body["case_id"] > 0
        notice = body["notice"]
        assert set(notice) <= NOTICE_FIELDS, set(notice) - NOTICE_FIELDS
        keys = [item["key"] for item in notice["data_items"]]
        if body["document"] == "breach-notice-letter":
            assert 1 <= len(notice["recipients"]) <= 5000
            for recipient in notice["recipients"]:
                assert set(recipient) == RECIPIENT_FIELDS
                assert recipient["item_keys"] and set(recipient["item_keys"]) <= set(keys)
        else:
            assert body["document"] == "public-notice" and "recipients" not in notice
        if self.refuse is not None:
            return httpx.Response(422, json=self.refuse, headers={"Content-Type": "application/problem+json"})
        for job in self.jobs.values():
            if job.key == key:
                if job.body != body:
                    problem = {"title": "Invalid input", "status": 422, "detail": "Idempotency-Key: already used"}
                    return httpx.Response(422, json=problem)
                return httpx.Response(202, json=job.read())
        job = Job(id=len(self.jobs) + 101, key=key, body=body)
        self.jobs[job.id] = job
        return httpx.Response(202, json=job.read())

    def posts(self) -> list[tuple[str, str]]:
        return [call for call in self.calls if call[0] == "POST"]

    def gets(self) -> list[tuple[str, str]]:
        return [call for call in self.calls if call[0] == "GET"]

    def by_key(self, key: str) -> Job:
        return next(job for job in self.jobs.values() if job.key == key)


# ---- rows ---------------------------------------------------------------------------------------------------

SENDER = {"name": "架空社会保険労務士事務所", "postal_code": "530-0001", "address": "大阪府大阪市北区架空町1-2-3"}
DATA_ITEMS = [
    {"key": "name", "label": "氏名"},
    {"key": "pension_no", "label": "基礎年金番号"},
    {"key": "salary", "label": "給与額"},
]
CONTACT = {"desk": "架空社会保険労務士事務所 個人情報窓口", "phone": "06-0000-0000"}


def make_campaign(engine: Engine, *, status: str = "sending", **overrides: Any) -> Campaign:
    values: dict[str, Any] = {
        "case_id": 1,
        "claimant_id": 12,
        "status": status,
        "title": "個人情報の漏えいのおそれに関するお知らせとお詫び",
        "sender": SENDER,
        "data_items": DATA_ITEMS,
        "contact": CONTACT,
        "overview": "給与計算クラウドサービスのサーバがランサムウェアに感染しました。",
        "cause": "委託先のサーバへの第三者による不正アクセスです。",
        "secondary_harm": "現時点で二次被害は確認されていません。",
        "measures": "委託先の監督を強化します。",
        "other": None,
        "became_known_on": date(2026, 11, 20),
        "unlawful_purpose": True,
        "message_token": "0123456789abcdef",
        "launched_at": T0 if status == "sending" else None,
        "launched_by": "user:1" if status == "sending" else None,
        "created_by": "user:1",
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(overrides)
    with Session(engine, expire_on_commit=False) as session:
        campaign = Campaign(**values)
        session.add(campaign)
        session.commit()
        return campaign


def person(n: int, *, channel: str = "postal", items: list[str] | None = None) -> dict[str, Any]:
    """A synthetic recipient reached by `channel` (its e-mail and address to match)."""
    return {
        "name": f"架空 太郎{n}",
        "email": f"person{n}@example.jp" if channel == "email" else None,
        "postal_code": f"530-{n % 10000:04d}" if channel == "postal" else None,
        "address": f"大阪府大阪市北区梅田{n}-1-1" if channel == "postal" else None,
        "item_keys": items or ["name"],
        "channel": channel,
    }


def add_people(engine: Engine, campaign: Campaign, people: list[dict[str, Any]], *, status: str = "queued") -> None:
    """Recipients and one breach-notice message each, as a launch makes them (executemany: fast for thousands)."""
    assert campaign.id is not None
    with Session(engine) as session:
        first_line = (
            session.scalar(
                select(col(Recipient.line))
                .where(col(Recipient.campaign_id) == campaign.id)
                .order_by(col(Recipient.line).desc())
            )
            or 1
        )
        lines = range(first_line + 1, first_line + 1 + len(people))
        session.execute(
            insert(Recipient),
            [
                {
                    "campaign_id": campaign.id,
                    "import_id": 1,
                    "line": line,
                    **{k: p[k] for k in ("name", "email", "postal_code", "address", "item_keys")},
                }
                for line, p in zip(lines, people, strict=True)
            ],
        )
        ids = dict(
            session.execute(
                select(col(Recipient.line), col(Recipient.id)).where(
                    col(Recipient.campaign_id) == campaign.id, col(Recipient.line) >= lines.start
                )
            ).all()
        )
        session.execute(
            insert(Message),
            [
                {
                    "kind": "breach_notice",
                    "channel": p["channel"],
                    "event_id": None,
                    "dedupe_key": f"campaign:{campaign.id}:{ids[line]}",
                    "hearing_id": None,
                    "claimant_id": None,
                    "campaign_id": campaign.id,
                    "recipient_id": ids[line],
                    "letter_batch_id": None,
                    "to_name": p["name"],
                    "to_address": p["email"],
                    "sender": "noreply@bengodan.example.jp",
                    "subject": None,
                    "body": None,
                    "message_id": f"<c{campaign.id}.{ids[line]}.{campaign.message_token}@bengodan.local>",
                    "provider_message_id": None,
                    "status": status,
                    "due_at": T0,
                    "attempts": 0,
                    "last_error": None,
                    "claimed_at": None,
                    "sent_at": None,
                    "delivered_at": None,
                    "bounced_at": None,
                    "cancel_key": f"campaign:{campaign.id}",
                    "created_at": T0,
                    "updated_at": T0,
                }
                for line, p in zip(lines, people, strict=True)
            ],
        )
        session.commit()


def messages_of(engine: Engine, campaign_id: int, channel: str | None = None) -> list[Message]:
    with Session(engine) as session:
        query = select(Message).where(col(Message.campaign_id) == campaign_id)
        if channel is not None:
            query = query.where(col(Message.channel) == channel)
        return list(session.exec(query.order_by(col(Message.id))).all())


def batches_of(engine: Engine, campaign_id: int) -> list[LetterBatch]:
    with Session(engine) as session:
        query = select(LetterBatch).where(col(LetterBatch.campaign_id) == campaign_id).order_by(col(LetterBatch.id))
        return list(session.exec(query).all())


def campaign_row(engine: Engine, campaign_id: int) -> Campaign:
    with Session(engine) as session:
        campaign = session.get(Campaign, campaign_id)
        assert campaign is not None
        return campaign
