from __future__ import annotations

from builders import auth, make_case, make_claimant, make_item
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.claimants.models import Claimant


def test_create_read_and_update_a_claimant(client, session, app_state):
    case = make_case(session)
    created = client.post(
        "/api/v1/claimants",
        json={
            "case_id": case.id,
            "kind": "sr_corporation",
            "name": "山田 花子",
            "name_kana": "ヤマダ ハナコ",
            "office_name": "社会保険労務士法人山田",
            "registration_no": "27001234",
            "postal_code": "530-0001",
            "email": "hanako@example.jp",
            "reminder_consent": True,
        },
        headers=auth(app_state, Role.staff),
    )
    assert created.status_code == 201, created.text
    claimant_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/claimants/{claimant_id}",
        json={"phone": "06-1234-5678"},
        headers=auth(app_state, Role.staff),
    )
    assert patched.status_code == 200 and patched.json()["phone"] == "06-1234-5678"
    read = client.get(f"/api/v1/claimants/{claimant_id}", headers=auth(app_state, Role.viewer)).json()
    assert read["name"] == "山田 花子" and read["kind"] == "sr_corporation"
    actions = {e.action for e in session.exec(select(AuditEntry)).all()}
    assert {"claimant.create", "claimant.update"} <= actions


def test_bad_fields_are_named_and_nothing_is_stored(client, session, app_state):
    case = make_case(session)
    response = client.post(
        "/api/v1/claimants",
        json={"case_id": case.id, "name": "", "registration_no": "12-34", "email": "not-an-address"},
        headers=auth(app_state, Role.staff),
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"name", "registration_no", "email"}
    assert session.exec(select(Claimant)).first() is None


def test_unknown_case_is_404_problem(client, app_state):
    response = client.post("/api/v1/claimants", json={"case_id": 999, "name": "x"}, headers=auth(app_state))
    assert response.status_code == 404
    assert response.json()["detail"] == "case 999 does not exist"


def test_list_is_paged_searchable_and_carries_totals(client, session, app_state):
    case = make_case(session)
    target = make_claimant(session, case, name="検索 対象", name_kana="ケンサク タイショウ")
    make_item(session, target, "reputation", 1_000_000)
    make_item(session, target, "fee_increase_refund", 99_000)
    for _ in range(4):
        make_claimant(session, case)
    page = client.get("/api/v1/claimants", params={"limit": 2, "offset": 0}, headers=auth(app_state, Role.viewer))
    assert page.json()["total"] == 5 and len(page.json()["items"]) == 2
    found = client.get("/api/v1/claimants", params={"q": "ケンサク"}, headers=auth(app_state, Role.viewer)).json()
    assert [c["name"] for c in found["items"]] == ["検索 対象"]
    item = found["items"][0]
    assert (item["contract_total"], item["unjust_enrichment_total"], item["total"]) == (
        1_000_000,
        99_000,
        1_099_000,
    )
    too_big = client.get("/api/v1/claimants", params={"limit": 10_000}, headers=auth(app_state, Role.viewer))
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "limit"


def test_a_corporations_representative_is_stored_read_changed_and_limited(client, session, app_state):
    case = make_case(session)
    staff = auth(app_state, Role.staff)
    created = client.post(
        "/api/v1/claimants",
        json={
            "case_id": case.id,
            "kind": "sr_corporation",
            "name": "山田 太郎",
            "office_name": "社会保険労務士法人山田労務",
            "representative": "代表社員 山田太郎",
        },
        headers=staff,
    )
    assert created.status_code == 201, created.text
    assert created.json()["representative"] == "代表社員 山田太郎"
    url = f"/api/v1/claimants/{created.json()['id']}"
    patched = client.patch(url, json={"representative": "代表社員 山田花子"}, headers=staff)
    assert patched.status_code == 200 and patched.json()["representative"] == "代表社員 山田花子"
    too_long = client.patch(url, json={"representative": "代" * 201}, headers=staff)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "representative"
    assert client.get(url, headers=auth(app_state, Role.viewer)).json()["representative"] == "代表社員 山田花子"
    listed = client.get("/api/v1/claimants", params={"case_id": case.id}, headers=auth(app_state, Role.viewer)).json()
    assert listed["items"][0]["representative"] == "代表社員 山田花子"
    cleared = client.patch(url, json={"representative": None}, headers=staff)
    assert cleared.json()["representative"] is None
    individual = make_claimant(session, case)
    assert client.get(f"/api/v1/claimants/{individual.id}", headers=staff).json()["representative"] is None
