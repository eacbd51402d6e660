"""Builders for the docs-render tests: claims-api's answers (contract shapes), settings, tokens, jobs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from pydantic import SecretStr
from sqlmodel import Session

from bengodan_common import jwt
from bengodan_common.db import utcnow
from bengodan_common.settings import AuthVerifySettings, S3Settings
from docs_render.claims.client import ClaimsApi
from docs_render.claims.schemas import ScheduleEntry
from docs_render.core.config import Settings
from docs_render.filings.claimant import damage_schedule_html
from docs_render.renders.models import RenderJob

ISSUER = "bengodan-claims-api"
AUDIENCE = "bengodan"
CLAIMS_BASE = "http://claims-api.test"

HEADS = [
    ("staff_cost", "人件費", "contract", 2),
    ("onprem_cost", "オンプレ版費用", "contract", 3),
    ("fee_difference", "利用料差額", "contract", 4),
    ("reputation", "信用毀損", "contract", 5),
    ("other_loss", "その他実損", "contract", 6),
    ("fee_increase_refund", "値上げ分の不当利得", "unjust_enrichment", 6),
]
HEAD_LABELS = [label for _, label, _, _ in HEADS]


# ---- claims-api, as docs/contracts.md describes it ------------------------------------------------------


def make_case(**overrides: Any) -> dict[str, Any]:
    return {
        "id": 1,
        "name": "ランサムウェア事件",
        "title": "損害賠償請求事件",
        "defendant_name": "株式会社デモクラウドシステム",
        "defendant_address": "大阪府大阪市北区梅田一丁目1番1号",
        "defendant_representative": "代表取締役 山田一郎",
        "court": "大阪地方裁判所",
        "incident_date": "2023-06-05",
        "served_on": None,
        "case_number": None,
        "reputation_amount": 1_000_000,
        **overrides,
    }


def make_claimant(**overrides: Any) -> dict[str, Any]:
    return {
        "id": 7,
        "case_id": 1,
        "kind": "office",
        "name": "社会保険労務士 架空花子",
        "name_kana": "カクウハナコ",
        "office_name": "架空社会保険労務士事務所",
        "registration_no": "27000001",
        "postal_code": "530-0001",
        "address": "大阪府大阪市北区架空町1-2-3",
        "email": "hanako@example.jp",
        "phone": "06-0000-0000",
        "reminder_consent": True,
        "insurer_sharing_consent": False,
        "created_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-11-01T00:00:00+00:00",
        **overrides,
    }


def make_damage_item(head: str, amount: int, **overrides: Any) -> dict[str, Any]:
    _, label, basis, slot = next(h for h in HEADS if h[0] == head)
    return {
        "id": overrides.pop("id", 1),
        "claimant_id": 7,
        "head": head,
        "head_label": label,
        "legal_basis": basis,
        "amount": amount,
        "formula": "",
        "facts": "",
        "exhibit_slot": slot,
        "created_at": "2026-11-01T00:00:00+00:00",
        "updated_at": "2026-11-01T00:00:00+00:00",
        **overrides,
    }


def make_settlement(paid_amount: int, paid_on: str, **overrides: Any) -> dict[str, Any]:
    """What the insurer paid on an item claimed from it (claims-api's `settlement` of a damage item)."""
    return {
        "paid_amount": paid_amount,
        "paid_on": paid_on,
        "client_id": "insurer-partner",
        "recorded_at": "2026-10-16T01:00:00+00:00",
        **overrides,
    }


def make_summary(
    claimant_id: int,
    amounts: dict[str, int],
    *,
    contract: int,
    unjust: int,
    total: int,
    insurer: dict[str, tuple[int, int | None]] | None = None,
) -> dict[str, Any]:
    """The totals are given, not added up: in the real system claims-api computes them.

    `insurer`: head → (its amount, what the insurer paid or None) for the heads the office claims from its
    insurer; those heads get amount 0 and the insurer fields, the others `claimed_from` "vendor". Without it
    the heads have no insurer fields at all: claims-api's answer from before the insurer rule."""
    heads = []
    for head, label, basis, _ in HEADS:
        row: dict[str, Any] = {"head": head, "label": label, "legal_basis": basis, "amount": amounts.get(head, 0)}
        if insurer is not None:
            insurer_amount, paid = insurer.get(head, (0, None))
            from_insurer = head in insurer
            row.update(
                amount=0 if from_insurer else row["amount"],
                claimed_from="insurer" if from_insurer else "vendor",
                insurer_amount=insurer_amount,
                insurer_paid=paid,
            )
        heads.append(row)
    return {
        "claimant_id": claimant_id,
        "heads": heads,
        "contract_total": contract,
        "unjust_enrichment_total": unjust,
        "total": total,
    }


@dataclass
class FakeClaimsApi:
    """Serves the claims-api reads docs-render makes, from dicts; records every request."""

    cases: dict[int, dict[str, Any]] = field(default_factory=dict)
    claimants: dict[int, dict[str, Any]] = field(default_factory=dict)
    items: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    summaries: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Any other read by path; a paged body ({items, total, limit, offset}) is sliced by the request's
    # offset and limit as claims-api does.
    reads: dict[str, Any] = field(default_factory=dict)
    fail_with: int | None = None
    requests: list[str] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.requests.append(f"{request.method} {path}")
        if self.fail_with is not None:
            return httpx.Response(self.fail_with, json={"title": "failure", "status": self.fail_with})
        parts = path.strip("/").split("/")
        body: Any = None
        if path in self.reads:
            body = _members_only(_page(self.reads[path], request.url.params), request.url.params)
        elif parts[:3] == ["api", "v1", "cases"] and len(parts) == 4:
            body = self.cases.get(int(parts[3]))
        elif parts[:3] == ["api", "v1", "claimants"] and len(parts) == 4:
            body = self.claimants.get(int(parts[3]))
        elif parts[:3] == ["api", "v1", "claimants"] and len(parts) == 5 and parts[4] == "damage-items":
            body = self.items.get(int(parts[3])) if int(parts[3]) in self.claimants else None
        elif parts[:3] == ["api", "v1", "claimants"] and len(parts) == 5 and parts[4] == "summary":
            body = self.summaries.get(int(parts[3]))
        if body is None:
            return httpx.Response(404, json={"title": "Not found", "status": 404})
        return httpx.Response(
            200,
            content=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=CLAIMS_BASE, transport=httpx.MockTransport(self.handle))


def _page(body: Any, params: httpx.QueryParams) -> Any:
    if not (isinstance(body, dict) and "items" in body and "offset" in params):
        return body
    offset, limit = int(params["offset"]), int(params.get("limit", 50))
    return {**body, "items": body["items"][offset : offset + limit], "limit": limit, "offset": offset}


def _members_only(body: Any, params: httpx.QueryParams) -> Any:
    """The parties read with `claimant_id`: that member only, as claims-api answers it."""
    if not (isinstance(body, dict) and "plaintiffs" in body and "claimant_id" in params):
        return body
    wanted = int(params["claimant_id"])
    return {**body, "plaintiffs": [p for p in body["plaintiffs"] if p["claimant_id"] == wanted]}


def plaintiff_one(fake: FakeClaimsApi) -> dict[str, Any]:
    """Plaintiff 1 of the seed complaint: 1,001,698 (contract) + 99,000 (unjust enrichment) = 1,100,698."""
    case = make_case()
    claimant = make_claimant()
    items = [
        make_damage_item(
            "fee_difference",
            1_698,
            id=11,
            formula="月額利用料 5,093円 × 10日 ÷ 30日 = 1,698円（円未満切捨て）",
            facts="令和5年7月10日まで本件システムを利用できなかった。",
        ),
        make_damage_item(
            "reputation",
            1_000_000,
            id=12,
            formula="100万円を下らない",
            facts="顧問先3社から厳しい批判を受け、うち1社との顧問契約を解約された。",
        ),
        make_damage_item(
            "fee_increase_refund",
            99_000,
            id=13,
            formula="値上げ額 月額8,250円 × 12か月 = 99,000円",
            facts="令和5年12月以降、一方的に値上げされた利用料を支払った。",
        ),
    ]
    fake.cases[case["id"]] = case
    fake.claimants[claimant["id"]] = claimant
    fake.items[claimant["id"]] = items
    fake.summaries[claimant["id"]] = make_summary(
        claimant["id"],
        {"fee_difference": 1_698, "reputation": 1_000_000, "fee_increase_refund": 99_000},
        contract=1_001_698,
        unjust=99_000,
        total=1_100_698,
    )
    return claimant


def plaintiff_one_with_insurer(fake: FakeClaimsApi) -> dict[str, Any]:
    """Plaintiff 1 with two more heads claimed from the office's cyber insurer: 人件費 183,750 (not paid yet) and
    その他実損 27,500 (the insurer paid 22,500 on 2026-10-15). claims-api leaves both out of the vendor claim, so
    the totals stay 1,001,698 + 99,000 = 1,100,698."""
    claimant = plaintiff_one(fake)
    vendor_items = [{**item, "claimed_from": "vendor", "settlement": None} for item in fake.items[claimant["id"]]]
    fake.items[claimant["id"]] = [
        make_damage_item(
            "staff_cost",
            183_750,
            id=9,
            formula="事務員A: 40時間 × 時給1,750円 × 割増率1.25 = 87,500円\n合計 183,750円",
            facts="本件事故により給与計算を手作業で行い、事務員が時間外労働をした。",
            claimed_from="insurer",
            settlement=None,
        ),
        *vendor_items,
        make_damage_item(
            "other_loss",
            27_500,
            id=14,
            formula="お詫び状の郵送費: 5,500円\nお詫びの品: 22,000円\n合計 27,500円",
            facts="顧問先にお詫び状とお詫びの品を送った。",
            exhibits=[{"id": 31, "label": "甲第3号証の6"}],
            claimed_from="insurer",
            settlement=make_settlement(22_500, "2026-10-15"),
        ),
    ]
    fake.summaries[claimant["id"]] = make_summary(
        claimant["id"],
        {"fee_difference": 1_698, "reputation": 1_000_000, "fee_increase_refund": 99_000},
        contract=1_001_698,
        unjust=99_000,
        total=1_100_698,
        insurer={"staff_cost": (183_750, None), "other_loss": (27_500, 22_500)},
    )
    return claimant


def schedule_html(fake: FakeClaimsApi, claimant_id: int = 7, *, made_on: date = date(2026, 11, 2)) -> str:
    """The 損害一覧 of a claimant served by `fake`, without a proceeding, as docs-render lays it out."""
    data = ClaimsApi(fake.client()).damage_schedule(case_id=1, claimant_id=claimant_id)
    entry = ScheduleEntry(number=None, claimant=data.claimant, items=data.items, summary=data.summary)
    return damage_schedule_html(entry, data.case, None, made_on=made_on)


# ---- settings, tokens, jobs ---------------------------------------------------------------------------


def make_settings(database_url: str, s3_endpoint: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test",
        "database_url": database_url,
        "s3": S3Settings(endpoint_url=s3_endpoint, bucket="docs-render-test"),
        "auth": AuthVerifySettings(jwks_url="http://claims-api.test/.well-known/jwks.json"),
        "run_worker": True,
        "worker_poll_seconds": 0.05,
        "render_processes": 0,  # in the worker thread; tests/renders/test_pool.py runs real processes
        **overrides,
    }
    settings = Settings(**values)
    assert settings.claims_api.client_secret == SecretStr("local-docs-render-secret")
    return settings


def make_token(private_key_pem: str, scopes: str = "renders:read renders:write", **claims: Any) -> str:
    return jwt.issue(
        private_key_pem=private_key_pem,
        issuer=ISSUER,
        audience=AUDIENCE,
        subject=claims.pop("sub", "user:1"),
        ttl_seconds=600,
        claims={"kind": "user", "roles": ["staff"], "scope": scopes, "name": "テスト職員", **claims},
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_job(session: Session, **overrides: Any) -> RenderJob:
    values: dict[str, Any] = {
        "document": "damage-schedule",
        "format": "pdf",
        "case_id": 1,
        "claimant_id": 7,
        "status": "queued",
        "requested_by": "user:1",
        "created_at": utcnow(),
        **overrides,
    }
    job = RenderJob(**values)
    session.add(job)
    session.commit()
    session.refresh(job)
    session.expunge(job)  # stays loaded when the test's session commits again
    return job
