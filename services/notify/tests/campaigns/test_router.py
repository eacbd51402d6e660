"""Breach-notice campaigns through the API: what a campaign holds, the due dates it shows, refusals with the field
and the reason, and who may do what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bengodan_common.japanese import TOKYO
from notify.campaigns.models import Campaign

VIEWER = "notify:read"
STAFF = "notify:read notify:write"


def campaign_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "case_id": 1,
        "claimant_id": 12,
        "sender": {
            "name": "架空社会保険労務士事務所",
            "postal_code": "5300001",
            "address": "大阪府大阪市北区架空町1-2-3",
        },
        "data_items": [
            {"key": "name", "label": "氏名"},
            {"key": "pension_no", "label": "基礎年金番号"},
            {"key": "salary", "label": "給与額"},
        ],
        "overview": "当事務所が利用する給与計算クラウドサービスのサーバがランサムウェアに感染しました。",
        "cause": "委託先のサーバへの第三者による不正アクセスです。",
        "secondary_harm": "現時点で二次被害は確認されていません。",
        "contact": {"desk": "架空社会保険労務士事務所 個人情報窓口", "phone": "06-0000-0000"},
        "became_known_on": "2023-06-05",
        "unlawful_purpose": True,
    }
    return {**body, **overrides}


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


@pytest.fixture
def as_viewer(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(VIEWER, kind='user')}"}


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Campaign)).one()


def test_a_campaign_is_created_with_its_report_due_dates(client: TestClient, as_staff: dict[str, str]) -> None:
    response = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff)
    assert response.status_code == 201, response.text
    campaign = response.json()
    assert campaign["status"] == "draft"
    assert campaign["title"] == "個人情報の漏えいのおそれに関するお知らせとお詫び"
    assert campaign["sender"]["postal_code"] == "530-0001"
    assert [item["key"] for item in campaign["data_items"]] == ["name", "pension_no", "salary"]
    assert campaign["deadlines"] == {
        "preliminary_from": "2023-06-08",
        "preliminary_by": "2023-06-10",
        "final_due": "2023-08-03",
        "final_outer_limit": "2023-08-04",
        "final_days": 60,
    }
    assert campaign["created_by"] == "client:claims-api"

    again = client.get(f"/api/v1/campaigns/{campaign['id']}", headers=as_staff).json()
    assert again == campaign


def test_campaigns_are_listed_newest_first_and_by_office(client: TestClient, as_staff: dict[str, str]) -> None:
    first = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    second = client.post("/api/v1/campaigns", json=campaign_body(claimant_id=None), headers=as_staff).json()
    page = client.get("/api/v1/campaigns", headers=as_staff).json()
    assert [c["id"] for c in page["items"]] == [second["id"], first["id"]] and page["total"] == 2
    office = client.get("/api/v1/campaigns", params={"claimant_id": 12}, headers=as_staff).json()
    assert [c["id"] for c in office["items"]] == [first["id"]]


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"data_items": []}, "data_items", "at least 1 item"),
        (
            {"data_items": [{"key": "name", "label": "氏名"}, {"key": "name", "label": "名前"}]},
            "data_items",
            "the key 'name' is listed twice",
        ),
        ({"contact": {"desk": "窓口"}}, "contact", "give at least one of phone, email or address"),
        ({"overview": "  "}, "overview", "at least 1 character"),
        ({"sender": {"name": "事務所", "address": "大阪", "postal_code": "53-1"}}, "sender.postal_code", "pattern"),
        ({"claimant_id": 0}, "claimant_id", "greater than 0"),
        ({"unknown": 1}, "unknown", "Extra inputs"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_changes_nothing(
    client: TestClient, as_staff: dict[str, str], engine: Engine, overrides: dict[str, Any], field: str, reason: str
) -> None:
    response = client.post("/api/v1/campaigns", json=campaign_body(**overrides), headers=as_staff)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert any(e["field"] == field and reason in e["reason"] for e in errors), errors
    assert _count(engine) == 0


def test_a_breach_cannot_become_known_after_today(client: TestClient, as_staff: dict[str, str]) -> None:
    tomorrow = datetime.now(TOKYO).date() + timedelta(days=1)
    response = client.post("/api/v1/campaigns", json=campaign_body(became_known_on=str(tomorrow)), headers=as_staff)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "became_known_on"
    today = client.post(
        "/api/v1/campaigns", json=campaign_body(became_known_on=str(tomorrow - timedelta(days=1))), headers=as_staff
    )
    assert today.status_code == 201


def test_a_missing_campaign_is_404(client: TestClient, as_staff: dict[str, str]) -> None:
    response = client.get("/api/v1/campaigns/999", headers=as_staff)
    assert response.status_code == 404 and response.headers["content-type"].startswith("application/problem+json")


def test_viewers_read_but_do_not_create_and_strangers_get_nothing(
    client: TestClient, as_staff: dict[str, str], as_viewer: dict[str, str], engine: Engine, token: Callable[..., str]
) -> None:
    created = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    assert client.get(f"/api/v1/campaigns/{created['id']}", headers=as_viewer).status_code == 200
    assert client.get("/api/v1/campaigns", headers=as_viewer).status_code == 200
    refused = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_viewer)
    assert refused.status_code == 403 and refused.json()["detail"] == "Missing scope: notify:write"
    assert _count(engine) == 1
    assert client.get("/api/v1/campaigns").status_code == 401
    service = {"Authorization": f"Bearer {token('notify:events.write')}"}  # claims-api's own client
    assert client.get("/api/v1/campaigns", headers=service).status_code == 403
    assert client.post("/api/v1/campaigns", json=campaign_body(), headers=service).status_code == 403


def test_the_due_dates_follow_the_stored_date(client: TestClient, as_staff: dict[str, str]) -> None:
    body = campaign_body(became_known_on=str(date(2025, 12, 20)), unlawful_purpose=False)
    campaign = client.post("/api/v1/campaigns", json=body, headers=as_staff).json()
    assert (campaign["deadlines"]["final_due"], campaign["deadlines"]["final_days"]) == ("2026-01-18", 30)
