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


def _made_before_cases_were_asked(engine: Engine, campaign_id: int) -> None:
    with Session(engine) as session:
        campaign = session.get(Campaign, campaign_id)
        assert campaign is not None
        campaign.case_id = None
        session.add(campaign)
        session.commit()


def _ids(page: dict[str, Any]) -> list[int]:
    return [c["id"] for c in page["items"]]


def test_a_case_lists_only_its_own_campaigns_and_counts_only_them(client: TestClient, as_staff: dict[str, str]) -> None:
    ids = {}
    for name, case_id in [("a1", 1), ("b1", 2), ("a2", 1), ("b2", 2), ("a3", 1)]:
        ids[name] = client.post("/api/v1/campaigns", json=campaign_body(case_id=case_id), headers=as_staff).json()["id"]

    case_a = client.get("/api/v1/campaigns", params={"case_id": 1}, headers=as_staff).json()
    assert _ids(case_a) == [ids["a3"], ids["a2"], ids["a1"]] and case_a["total"] == 3
    case_b = client.get("/api/v1/campaigns", params={"case_id": 2}, headers=as_staff).json()
    assert _ids(case_b) == [ids["b2"], ids["b1"]] and case_b["total"] == 2

    second_page = client.get(
        "/api/v1/campaigns", params={"case_id": 1, "limit": 2, "offset": 2}, headers=as_staff
    ).json()
    assert _ids(second_page) == [ids["a1"]]
    assert (second_page["total"], second_page["limit"], second_page["offset"]) == (3, 2, 2)

    office = client.get("/api/v1/campaigns", params={"case_id": 2, "claimant_id": 12}, headers=as_staff).json()
    assert _ids(office) == [ids["b2"], ids["b1"]] and office["total"] == 2
    other_office = client.get("/api/v1/campaigns", params={"case_id": 2, "claimant_id": 13}, headers=as_staff)
    assert other_office.json()["items"] == [] and other_office.json()["total"] == 0


def test_an_unknown_case_gives_an_empty_page(client: TestClient, as_staff: dict[str, str]) -> None:
    client.post("/api/v1/campaigns", json=campaign_body(case_id=1), headers=as_staff)
    response = client.get("/api/v1/campaigns", params={"case_id": 99}, headers=as_staff)
    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 0, "limit": 50, "offset": 0}


def test_campaigns_without_a_case_are_in_no_cases_list_only_in_the_unfiltered_one(
    client: TestClient, as_staff: dict[str, str], engine: Engine
) -> None:
    old = client.post("/api/v1/campaigns", json=campaign_body(case_id=1), headers=as_staff).json()["id"]
    _made_before_cases_were_asked(engine, old)
    new = client.post("/api/v1/campaigns", json=campaign_body(case_id=1), headers=as_staff).json()["id"]

    case_page = client.get("/api/v1/campaigns", params={"case_id": 1}, headers=as_staff).json()
    assert _ids(case_page) == [new] and case_page["total"] == 1
    everything = client.get("/api/v1/campaigns", headers=as_staff).json()
    assert _ids(everything) == [new, old] and everything["total"] == 2


def test_a_case_id_below_one_is_refused(client: TestClient, as_staff: dict[str, str]) -> None:
    response = client.get("/api/v1/campaigns", params={"case_id": 0}, headers=as_staff)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "case_id"


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
    assert _ids(client.get("/api/v1/campaigns", params={"case_id": 1}, headers=as_viewer).json()) == [created["id"]]
    refused = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_viewer)
    assert refused.status_code == 403 and refused.json()["detail"] == "Missing scope: notify:write"
    assert _count(engine) == 1
    assert client.get("/api/v1/campaigns").status_code == 401
    assert client.get("/api/v1/campaigns", params={"case_id": 1}).status_code == 401
    service = {"Authorization": f"Bearer {token('notify:events.write')}"}  # claims-api's own client
    assert client.get("/api/v1/campaigns", headers=service).status_code == 403
    assert client.get("/api/v1/campaigns", params={"case_id": 1}, headers=service).status_code == 403
    assert client.post("/api/v1/campaigns", json=campaign_body(), headers=service).status_code == 403


def test_the_due_dates_follow_the_stored_date(client: TestClient, as_staff: dict[str, str]) -> None:
    body = campaign_body(became_known_on=str(date(2025, 12, 20)), unlawful_purpose=False)
    campaign = client.post("/api/v1/campaigns", json=body, headers=as_staff).json()
    assert (campaign["deadlines"]["final_due"], campaign["deadlines"]["final_days"]) == ("2026-01-18", 30)
