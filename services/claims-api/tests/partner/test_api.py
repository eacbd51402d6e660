"""The partner API end to end through the app: who sees what, paging, ETags, the change feed, settlements."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from builders import (
    OTHER_INSURER,
    auth,
    make_case,
    make_claimant,
    make_exhibit,
    make_partner,
    partner_headers,
    shared_claimant,
)
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from bengodan_common.db import utcnow
from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.cases.models import Case
from claims_api.claimants.models import Claimant, ClaimantDeficiency


def add_items(client: TestClient, claimant: Claimant) -> dict[str, int]:
    """A staff cost item (two overtime lines: incident response and payroll by hand) and an apology letter."""
    headers = auth(client.app.state, Role.staff)  # type: ignore[attr-defined]
    overtime = {
        "kind": "overtime",
        "person": "事務員A",
        "date_from": "2023-06-06",
        "date_to": "2023-06-30",
        "hours": "10",
        "hourly_rate": 1500,
    }
    staff = {
        "head": "staff_cost",
        "inputs": {
            "lines": [
                overtime | {"task": "incident_response"},
                overtime | {"task": "substitute_work", "person": "事務員B"},
            ]
        },
        "facts": "顧問先への漏えい通知の対応と手作業の給与計算",
    }
    other = {
        "head": "other_loss",
        "inputs": {"lines": [{"description": "お詫び状の郵送", "occurred_on": "2023-06-20", "amount": 12000}]},
    }
    ids = {}
    for body in (staff, other):
        response = client.post(f"/api/v1/claimants/{claimant.id}/damage-items", json=body, headers=headers)
        assert response.status_code == 201, response.text
        ids[body["head"]] = response.json()["id"]
    return ids


@pytest.fixture
def case(session: Session) -> Case:
    return make_case(session)


# ---- who sees what ---------------------------------------------------------------------------------------


def test_only_consented_claimants_insured_with_this_insurer_are_seen(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    seen = shared_claimant(session, case)
    shared_claimant(session, case, insurer_sharing_consent=False)
    shared_claimant(session, case, insurer=OTHER_INSURER)
    shared_claimant(session, case, insured=False)
    make_claimant(session, case)

    response = client.get("/partner/v1/claims", headers=partner_headers(client))

    assert response.status_code == 200, response.text
    assert [c["id"] for c in response.json()["items"]] == [seen.id]


def test_withdrawn_consent_hides_the_claimant_on_the_next_request(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    headers = partner_headers(client)
    assert client.get(f"/partner/v1/claims/{claimant.id}", headers=headers).status_code == 200

    staff = auth(client.app.state, Role.staff)  # type: ignore[attr-defined]
    patched = client.patch(f"/api/v1/claimants/{claimant.id}", json={"insurer_sharing_consent": False}, headers=staff)
    assert patched.status_code == 200, patched.text

    hidden = client.get(f"/partner/v1/claims/{claimant.id}", headers=headers)
    assert hidden.status_code == 404
    assert client.get("/partner/v1/claims", headers=headers).json()["items"] == []
    feed = client.get("/partner/v1/changes", headers=headers).json()["items"]
    assert [(e["claim_id"], e["change"]) for e in feed] == [(claimant.id, "access_ended")]


def test_another_insurers_client_sees_nothing_of_these_claimants(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    make_partner(session, client_id="insurer-b", insurer=OTHER_INSURER)
    claimant = shared_claimant(session, case)
    headers = partner_headers(client, "insurer-b")

    assert client.get("/partner/v1/claims", headers=headers).json()["items"] == []
    assert client.get(f"/partner/v1/claims/{claimant.id}", headers=headers).status_code == 404
    assert client.get("/partner/v1/changes", headers=headers).json()["items"] == []


# ---- the fields it gets ----------------------------------------------------------------------------------

CLAIM_KEYS = {"id", "updated_at", "claimant", "policy", "stage", "damage_items", "exhibits", "totals"}
CLAIMANT_KEYS = {"kind", "name", "name_kana", "office_name", "representative", "registration_no"}
POLICY_KEYS = {"insurer", "plan"}
STAGE_KEYS = {"code", "label"}
ITEM_KEYS = {
    "id",
    "head",
    "head_label",
    "legal_basis",
    "amount",
    "formula",
    "period_from",
    "period_to",
    "claimed_from",
    "settlement",
    "coverage",
    "exhibits",
    "updated_at",
}
COVERAGE_KEYS = {
    "classification",
    "reason",
    "covered_amount",
    "not_covered_amount",
    "review_amount",
    "lines",
    "evidence",
}
COVERAGE_LINE_KEYS = {"index", "classification", "reason", "amount"}
EVIDENCE_KEYS = {"kind", "label", "present", "exhibits"}
EXHIBIT_KEYS = {"id", "label", "title", "original_or_copy", "made_on", "author", "purpose", "slot", "file"}
TOTALS_KEYS = {"contract_damages", "unjust_enrichment", "total", "claimed_from_insurer", "paid_by_insurer"}


def test_a_claim_has_exactly_the_fields_the_insurer_needs(client: TestClient, session: Session, case: Case) -> None:
    """Fails when any new field reaches a partner response: add it here only after deciding the insurer needs it."""
    make_partner(session)
    claimant = shared_claimant(
        session, case, phone="06-0000-0000", address="大阪市北区1-1", postal_code="530-0001", email="x@example.jp"
    )
    add_items(client, claimant)
    make_exhibit(session, case, claimant, title="業務日報", note="内部メモ：原本未着")
    session.add(
        ClaimantDeficiency(
            claimant_id=claimant.id, reason="内部：委任状の押印漏れ", cure_by=date(2026, 12, 31), created_by="t"
        )
    )
    session.commit()

    body = client.get(f"/partner/v1/claims/{claimant.id}", headers=partner_headers(client)).json()

    assert set(body) == CLAIM_KEYS
    assert set(body["claimant"]) == CLAIMANT_KEYS
    assert set(body["policy"]) == POLICY_KEYS
    assert set(body["stage"]) == STAGE_KEYS
    assert set(body["totals"]) == TOTALS_KEYS
    for item in body["damage_items"]:
        assert set(item) == ITEM_KEYS
        assert set(item["coverage"]) == COVERAGE_KEYS
        for line in item["coverage"]["lines"]:
            assert set(line) == COVERAGE_LINE_KEYS
        for check in item["coverage"]["evidence"]:
            assert set(check) == EVIDENCE_KEYS
    for exhibit in body["exhibits"]:
        assert set(exhibit) == EXHIBIT_KEYS
    text = json.dumps(body, ensure_ascii=False)
    # Employees are named only inside the 計算式, as the filings print it (the insurer's A5 asks for that list).
    for internal in ("06-0000-0000", "大阪市北区", "530-0001", "x@example.jp", "内部"):
        assert internal not in text


def test_fields_selects_the_parts_and_refuses_unknown_ones(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    headers = partner_headers(client)

    body = client.get(f"/partner/v1/claims/{claimant.id}?fields=totals,stage", headers=headers).json()
    refused = client.get(f"/partner/v1/claims/{claimant.id}?fields=totals,email", headers=headers)

    assert set(body) == {"id", "updated_at", "totals", "stage"}
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "fields"


def test_unknown_query_parameters_are_refused(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    shared_claimant(session, case)

    response = client.get("/partner/v1/claims?update_since=2024-01-01T00:00:00Z", headers=partner_headers(client))

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"] == [{"field": "update_since", "reason": "unknown query parameter"}]


def test_coverage_evidence_and_totals_match_the_claim_table(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    add_items(client, claimant)
    headers = partner_headers(client)

    body = client.get(f"/partner/v1/claims/{claimant.id}", headers=headers).json()
    staff = next(i for i in body["damage_items"] if i["head"] == "staff_cost")
    other = next(i for i in body["damage_items"] if i["head"] == "other_loss")
    table = client.get(
        f"/api/v1/cases/{case.id}/claim-table",
        headers=auth(client.app.state, Role.viewer),  # type: ignore[attr-defined]
    ).json()
    row = next(r for r in table["rows"] if r["claimant_id"] == claimant.id)

    assert staff["coverage"]["classification"] == "needs_review"
    assert [line["classification"] for line in staff["coverage"]["lines"]] == ["covered", "not_covered"]
    assert staff["coverage"]["covered_amount"] + staff["coverage"]["not_covered_amount"] == staff["amount"]
    assert {c["kind"]: c["present"] for c in staff["coverage"]["evidence"]} == {
        "time_records": False,
        "wage_ledger": False,
        "task_logs": False,
    }
    assert (staff["period_from"], staff["period_to"]) == ("2023-06-06", "2023-06-30")
    assert other["coverage"]["classification"] == "needs_review"  # an apology letter without a category
    assert body["totals"]["contract_damages"] == row["contract_damages"]
    assert body["totals"]["total"] == row["total"] == staff["amount"] + other["amount"]


def test_an_exhibit_comes_with_a_download_link_valid_for_minutes(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    exhibit = make_exhibit(session, case, claimant, title="勤怠記録（タイムカード）", slot=2, branch=2)
    staff = auth(client.app.state, Role.staff)  # type: ignore[attr-defined]
    content = b"%PDF-1.4 time records"
    import hashlib

    ticket = client.post(
        f"/api/v1/exhibits/{exhibit.id}/versions/uploads",
        json={
            "filename": "timecard.pdf",
            "content_type": "application/pdf",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
        headers=staff,
    )
    assert ticket.status_code == 201, ticket.text
    import httpx

    put = httpx.put(ticket.json()["url"], content=content, headers=ticket.json()["headers"])
    assert put.status_code == 200
    done = client.post(
        f"/api/v1/exhibits/{exhibit.id}/versions", json={"upload_id": ticket.json()["upload_id"]}, headers=staff
    )
    assert done.status_code in (200, 201), done.text

    body = client.get(f"/partner/v1/claims/{claimant.id}?fields=exhibits", headers=partner_headers(client)).json()

    file = body["exhibits"][0]["file"]
    assert file["sha256"] == hashlib.sha256(content).hexdigest()
    assert httpx.get(file["download_url"]).content == content
    from datetime import datetime

    expires = datetime.fromisoformat(file["download_expires_at"])
    assert timedelta(minutes=1) < expires - utcnow() <= timedelta(minutes=5)


# ---- paging and ETags ------------------------------------------------------------------------------------


def test_pages_of_25_by_default_with_next_links_to_the_end(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    ids = [shared_claimant(session, case).id for _ in range(30)]
    headers = partner_headers(client)

    first = client.get("/partner/v1/claims?fields=stage", headers=headers).json()
    second = client.get(first["next"], headers=headers).json()
    too_big = client.get("/partner/v1/claims?limit=101", headers=headers)

    assert len(first["items"]) == 25
    assert "fields=stage" in first["next"]
    assert [c["id"] for c in first["items"] + second["items"]] == ids
    assert "next" not in second or second["next"] is None
    assert too_big.status_code == 422


def test_updated_since_returns_only_claims_changed_since(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    old = shared_claimant(session, case)
    shared_claimant(session, case)
    since = utcnow()
    old.name_kana = "シケン"
    session.add(old)
    session.commit()

    response = client.get(
        "/partner/v1/claims",
        params={"updated_since": since.isoformat(), "fields": "claimant"},
        headers=partner_headers(client),
    )

    assert [c["id"] for c in response.json()["items"]] == [old.id]


def test_etag_gives_304_until_the_claim_changes(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    headers = partner_headers(client)
    first = client.get(f"/partner/v1/claims/{claimant.id}", headers=headers)
    etag = first.headers["ETag"]

    same = client.get(f"/partner/v1/claims/{claimant.id}", headers=headers | {"If-None-Match": etag})
    add_items(client, claimant)
    changed = client.get(f"/partner/v1/claims/{claimant.id}", headers=headers | {"If-None-Match": etag})

    assert same.status_code == 304
    assert same.content == b""
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


# ---- the change feed -------------------------------------------------------------------------------------


def test_the_feed_lists_each_change_once_in_order_and_resumes_from_its_cursor(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    a, b = shared_claimant(session, case), shared_claimant(session, case)
    headers = partner_headers(client)
    start = client.get("/partner/v1/changes", headers=headers).json()
    assert [e["claim_id"] for e in start["items"]] == [a.id, b.id]

    add_items(client, b)  # two items, two changes
    b.name_kana = "ビー"
    session.add(b)
    session.commit()
    a.name_kana = "エー"
    session.add(a)
    session.commit()

    page = client.get(
        "/partner/v1/changes", params={"cursor": start["next_cursor"], "limit": 2}, headers=headers
    ).json()
    rest = client.get("/partner/v1/changes", params={"cursor": page["next_cursor"]}, headers=headers).json()
    idle = client.get("/partner/v1/changes", params={"cursor": rest["next_cursor"]}, headers=headers).json()

    assert [e["claim_id"] for e in page["items"] + rest["items"]] == [b.id, b.id, b.id, a.id]
    assert page["has_more"] is True
    assert rest["has_more"] is False
    assert idle == {"items": [], "next_cursor": rest["next_cursor"], "has_more": False}
    assert client.get("/partner/v1/changes?cursor=bogus", headers=headers).status_code == 422


# ---- insurer or vendor -----------------------------------------------------------------------------------


def test_an_item_claimed_from_the_insurer_leaves_the_vendor_claim_and_can_be_settled(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    items = add_items(client, claimant)
    staff = auth(client.app.state, Role.staff)  # type: ignore[attr-defined]
    headers = partner_headers(client)
    other_id = items["other_loss"]
    url = f"/partner/v1/claims/{claimant.id}/damage-items/{other_id}/settlement"
    payment = {"paid_amount": 12000, "paid_on": "2024-03-01"}

    refused = client.post(url, json=payment, headers=headers)
    assert refused.status_code == 409  # still claimed from the vendor

    moved = client.patch(
        f"/api/v1/claimants/{claimant.id}/damage-items/{other_id}", json={"claimed_from": "insurer"}, headers=staff
    )
    assert moved.status_code == 200, moved.text
    table = client.get(f"/api/v1/cases/{case.id}/claim-table", headers=staff).json()
    row = next(r for r in table["rows"] if r["claimant_id"] == claimant.id)
    claim = client.get(f"/partner/v1/claims/{claimant.id}?fields=totals", headers=headers).json()

    created = client.post(url, json=payment, headers=headers)
    again = client.post(url, json=payment, headers=headers)
    different = client.post(url, json=payment | {"paid_amount": 11000}, headers=headers)
    back = client.patch(
        f"/api/v1/claimants/{claimant.id}/damage-items/{other_id}", json={"claimed_from": "vendor"}, headers=staff
    )
    summary = client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=staff).json()

    assert claim["totals"]["claimed_from_insurer"] == 12000
    assert claim["totals"]["total"] == row["total"]
    assert 12000 not in (row["contract_damages"],)
    assert created.status_code == 201, created.text
    assert created.json()["settlement"]["subrogation"] is True
    assert again.status_code == 200
    assert different.status_code == 409
    assert back.status_code == 409
    other_head = next(h for h in summary["heads"] if h["head"] == "other_loss")
    assert other_head == other_head | {
        "amount": 0,
        "claimed_from": "insurer",
        "insurer_amount": 12000,
        "insurer_paid": 12000,
    }


def test_a_settlement_is_checked(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    claimant = shared_claimant(session, case)
    item_id = add_items(client, claimant)["other_loss"]
    staff = auth(client.app.state, Role.staff)  # type: ignore[attr-defined]
    client.patch(
        f"/api/v1/claimants/{claimant.id}/damage-items/{item_id}", json={"claimed_from": "insurer"}, headers=staff
    )
    url = f"/partner/v1/claims/{claimant.id}/damage-items/{item_id}/settlement"
    headers = partner_headers(client)

    too_much = client.post(url, json={"paid_amount": 12001, "paid_on": "2024-03-01"}, headers=headers)
    before_incident = client.post(url, json={"paid_amount": 100, "paid_on": "2023-01-01"}, headers=headers)
    unknown_field = client.post(url, json={"paid_amount": 100, "paid_on": "2024-03-01", "note": "x"}, headers=headers)

    assert (too_much.status_code, too_much.json()["errors"][0]["field"]) == (422, "paid_amount")
    assert (before_incident.status_code, before_incident.json()["errors"][0]["field"]) == (422, "paid_on")
    assert unknown_field.status_code == 422


# ---- protection ------------------------------------------------------------------------------------------


def test_every_read_is_in_the_audit_log_with_client_claimant_and_fields(
    client: TestClient, session: Session, case: Case
) -> None:
    make_partner(session)
    a, b = shared_claimant(session, case), shared_claimant(session, case)
    headers = partner_headers(client)

    client.get("/partner/v1/claims?fields=totals", headers=headers)
    client.get(f"/partner/v1/claims/{a.id}", headers=headers)

    entries = session.exec(
        select(AuditEntry).where(
            col(AuditEntry.actor) == "client:insurer-a", col(AuditEntry.action).startswith("partner.")
        )
    ).all()
    assert [(e.action, e.entity_id, e.detail["fields"]) for e in entries] == [
        ("partner.claims.list", str(a.id), ["id", "updated_at", "totals"]),
        ("partner.claims.list", str(b.id), ["id", "updated_at", "totals"]),
        (
            "partner.claims.read",
            str(a.id),
            ["id", "updated_at", "claimant", "policy", "stage", "damage_items", "exhibits", "totals"],
        ),
    ]
    assert client.get("/api/v1/audit-events/verify", headers=auth(client.app.state, Role.admin)).json()["ok"]  # type: ignore[attr-defined]


def test_the_rate_limit_answers_429_with_retry_after(client: TestClient, session: Session, case: Case) -> None:
    make_partner(session)
    headers = partner_headers(client)
    from claims_api.partner.ratelimit import RateLimiter

    client.app.state.partner_rate_limiter = RateLimiter(rate_per_minute=60, burst=2)  # type: ignore[attr-defined]

    codes = [client.get("/partner/v1/claims", headers=headers).status_code for _ in range(3)]
    limited = client.get("/partner/v1/claims", headers=headers)

    assert codes[:2] == [200, 200]
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 60


# ---- its own OpenAPI document ----------------------------------------------------------------------------


def test_the_partner_api_has_its_own_openapi_document_and_docs_page(client: TestClient) -> None:
    document = client.get("/partner/v1/openapi.json").json()
    docs = client.get("/partner/v1/docs")
    internal = client.get("/openapi.json").json()

    assert document["info"]["title"] == "bengodan partner API"
    assert document["servers"] == [{"url": "/partner/v1"}]
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert set(document["paths"]) == {
        "/claims",
        "/claims/{claim_id}",
        "/changes",
        "/claims/{claim_id}/damage-items/{item_id}/settlement",
    }
    assert docs.status_code == 200
    assert "/partner/v1/openapi.json" in docs.text
    assert not any(path.startswith("/partner") for path in internal["paths"])
