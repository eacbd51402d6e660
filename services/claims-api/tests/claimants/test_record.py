"""The claimant record: contract and insurance fields, stage with history, checklist, deficiency notes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders import auth, make_case, make_claimant
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.claimants.service import today

ALL_ITEMS = ["damage_schedule", "engagement_contract_signed", "power_of_attorney", "originals"]


def _receive(client, app_state, claimant_id, *items, on="2024-02-01"):
    for item in items:
        response = client.put(
            f"/api/v1/claimants/{claimant_id}/checklist/{item}",
            json={"received_on": on},
            headers=auth(app_state, Role.staff),
        )
        assert response.status_code == 200, response.text
    return response.json()


def _move(client, app_state, claimant_id, to_stage, note=None):
    body = {"to_stage": to_stage} | ({"note": note} if note is not None else {})
    return client.post(f"/api/v1/claimants/{claimant_id}/stage", json=body, headers=auth(app_state, Role.staff))


def test_new_fields_are_stored_and_read_back(client, session, app_state):
    case = make_case(session)
    response = client.post(
        "/api/v1/claimants",
        json={
            "case_id": case.id,
            "name": "契約 確認",
            "contract_type": "shaloom_house",
            "customer_status": "cancelled",
            "service_usable_on": "2023-07-03",
            "insured": True,
            "insurance_plan": "leak_only",
            "insurer": "テスト損害保険株式会社",
        },
        headers=auth(app_state, Role.staff),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["contract_type"], body["customer_status"], body["service_usable_on"]) == (
        "shaloom_house",
        "cancelled",
        "2023-07-03",
    )
    assert (body["insured"], body["insurance_plan"], body["stage"], body["stage_label"]) == (
        True,
        "leak_only",
        "intake",
        "受付",
    )
    assert body["missing_items"] == [*ALL_ITEMS, "insurance_policy"]
    assert body["duplicates"] == [] and body["deficiencies"] == []
    unknown = client.post(
        "/api/v1/claimants", json={"case_id": case.id, "name": "不明 契約"}, headers=auth(app_state, Role.staff)
    ).json()
    assert (unknown["contract_type"], unknown["customer_status"], unknown["insured"]) == (None, "active", False)


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"insured": True}, "required when the claimant is insured"),
        ({"insured": False, "insurance_plan": "full"}, "must be empty when the claimant is not insured"),
    ],
)
def test_insurance_plan_rules(client, session, app_state, payload, reason):
    case = make_case(session)
    response = client.post(
        "/api/v1/claimants", json={"case_id": case.id, "name": "保険 確認"} | payload, headers=auth(app_state)
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "insurance_plan", "reason": reason}]


def test_insurance_plan_rules_apply_to_updates(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    refused = client.patch(f"/api/v1/claimants/{claimant.id}", json={"insured": True}, headers=auth(app_state))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "insurance_plan"
    ok = client.patch(
        f"/api/v1/claimants/{claimant.id}", json={"insured": True, "insurance_plan": "full"}, headers=auth(app_state)
    )
    assert ok.status_code == 200 and ok.json()["missing_items"][-1] == "insurance_policy"


def test_service_usable_on_before_the_incident_is_refused(client, session, app_state):
    case = make_case(session, incident_date=date(2023, 6, 5))
    response = client.post(
        "/api/v1/claimants",
        json={"case_id": case.id, "name": "日付 確認", "service_usable_on": "2023-06-04"},
        headers=auth(app_state),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "service_usable_on", "reason": "must not be before the incident date 2023-06-05"}
    ]
    claimant = make_claimant(session, case)
    patched = client.patch(
        f"/api/v1/claimants/{claimant.id}", json={"service_usable_on": "2023-01-01"}, headers=auth(app_state)
    )
    assert patched.status_code == 422 and patched.json()["errors"][0]["field"] == "service_usable_on"
    same_day = client.patch(
        f"/api/v1/claimants/{claimant.id}", json={"service_usable_on": "2023-06-05"}, headers=auth(app_state)
    )
    assert same_day.status_code == 200


def test_checklist_lists_missing_items_and_who_recorded(client, session, app_state):
    claimant = make_claimant(session, make_case(session), insured=True, insurance_plan="full")
    body = _receive(client, app_state, claimant.id, "damage_schedule", "originals")
    assert body["missing_items"] == ["engagement_contract_signed", "power_of_attorney", "insurance_policy"]
    by_item = {e["item"]: e for e in body["checklist"]}
    assert by_item["damage_schedule"]["received_on"] == "2024-02-01"
    assert by_item["damage_schedule"]["label"] == "損害一覧表"
    assert by_item["damage_schedule"]["recorded_by"] == "user:999"
    assert by_item["insurance_policy"]["received_on"] is None
    cleared = client.put(
        f"/api/v1/claimants/{claimant.id}/checklist/originals",
        json={"received_on": None},
        headers=auth(app_state, Role.staff),
    ).json()
    assert "originals" in cleared["missing_items"]
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.checklist")).all()[-1]
    assert entry.detail == {
        "item": "originals",
        "before": {"received_on": "2024-02-01"},
        "after": {"received_on": None},
    }


def test_checklist_refuses_insurance_item_for_uninsured_and_future_dates(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    uninsured = client.put(
        f"/api/v1/claimants/{claimant.id}/checklist/insurance_policy",
        json={"received_on": "2024-01-01"},
        headers=auth(app_state),
    )
    assert uninsured.status_code == 422 and uninsured.json()["errors"][0]["field"] == "item"
    future = client.put(
        f"/api/v1/claimants/{claimant.id}/checklist/originals",
        json={"received_on": (today() + timedelta(days=1)).isoformat()},
        headers=auth(app_state),
    )
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "received_on"
    unknown = client.put(
        f"/api/v1/claimants/{claimant.id}/checklist/passport", json={"received_on": None}, headers=auth(app_state)
    )
    assert unknown.status_code == 422


def test_stage_forward_needs_the_checklist_and_is_recorded(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    refused = _move(client, app_state, claimant.id, "engagement_signed")
    assert refused.status_code == 409
    problem = refused.json()
    assert problem["missing_items"] == ["damage_schedule", "engagement_contract_signed"]
    assert "damage_schedule, engagement_contract_signed" in problem["detail"]

    _receive(client, app_state, claimant.id, "damage_schedule", "engagement_contract_signed")
    moved = _move(client, app_state, claimant.id, "engagement_signed")
    assert moved.status_code == 200 and moved.json()["stage"] == "engagement_signed"
    assert moved.json()["stage_label"] == "委任契約締結"

    assert _move(client, app_state, claimant.id, "poa_received").json()["missing_items"] == ["power_of_attorney"]
    history = client.get(f"/api/v1/claimants/{claimant.id}/stage-history", headers=auth(app_state, Role.viewer))
    assert history.status_code == 200
    assert [(h["from_stage"], h["to_stage"]) for h in history.json()] == [("intake", "engagement_signed")]
    assert history.json()[0]["actor"] == "user:999"
    stage_audit = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.stage")).one()
    assert stage_audit.detail == {"before": {"stage": "intake"}, "after": {"stage": "engagement_signed"}}


def test_ready_to_file_needs_every_item_and_no_open_deficiency(client, session, app_state):
    claimant = make_claimant(session, make_case(session), insured=True, insurance_plan="full")
    _receive(client, app_state, claimant.id, *ALL_ITEMS)
    refused = _move(client, app_state, claimant.id, "ready_to_file")
    assert refused.status_code == 409 and refused.json()["missing_items"] == ["insurance_policy"]
    _receive(client, app_state, claimant.id, "insurance_policy")
    note = client.post(
        f"/api/v1/claimants/{claimant.id}/deficiencies",
        json={"reason": "委任状の押印漏れ", "cure_by": (today() + timedelta(days=14)).isoformat()},
        headers=auth(app_state),
    ).json()
    blocked = _move(client, app_state, claimant.id, "ready_to_file")
    assert blocked.status_code == 409
    assert (blocked.json()["missing_items"], blocked.json()["open_deficiencies"]) == ([], 1)
    client.post(f"/api/v1/claimants/{claimant.id}/deficiencies/{note['id']}/resolve", headers=auth(app_state))
    assert _move(client, app_state, claimant.id, "ready_to_file").status_code == 200
    assert _move(client, app_state, claimant.id, "filed").json()["stage_label"] == "提出済"


def test_moving_back_needs_a_note(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    _receive(client, app_state, claimant.id, "damage_schedule")
    assert _move(client, app_state, claimant.id, "schedule_checked").status_code == 200
    without = _move(client, app_state, claimant.id, "schedule_received", note="  ")
    assert without.status_code == 422 and without.json()["errors"][0]["field"] == "note"
    back = _move(client, app_state, claimant.id, "schedule_received", note="損害一覧の再確認が必要")
    assert back.status_code == 200 and back.json()["stage"] == "schedule_received"
    same = _move(client, app_state, claimant.id, "schedule_received")
    assert same.status_code == 409
    history = client.get(f"/api/v1/claimants/{claimant.id}/stage-history", headers=auth(app_state)).json()
    assert [(h["from_stage"], h["to_stage"], h["note"]) for h in history] == [
        ("intake", "schedule_checked", None),
        ("schedule_checked", "schedule_received", "損害一覧の再確認が必要"),
    ]


def test_created_claimant_starts_its_history_at_intake(client, session, app_state):
    case = make_case(session)
    created = client.post("/api/v1/claimants", json={"case_id": case.id, "name": "履歴 開始"}, headers=auth(app_state))
    history = client.get(f"/api/v1/claimants/{created.json()['id']}/stage-history", headers=auth(app_state)).json()
    assert [(h["from_stage"], h["to_stage"]) for h in history] == [(None, "intake")]


def test_deficiency_notes_create_list_resolve(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    cure_by = (today() + timedelta(days=10)).isoformat()
    created = client.post(
        f"/api/v1/claimants/{claimant.id}/deficiencies",
        json={"reason": "原本の署名欄が空白", "cure_by": cure_by},
        headers=auth(app_state, Role.staff),
    )
    assert created.status_code == 201, created.text
    note = created.json()
    assert (note["reason"], note["cure_by"], note["created_by"], note["resolved_at"]) == (
        "原本の署名欄が空白",
        cure_by,
        "user:999",
        None,
    )
    read = client.get(f"/api/v1/claimants/{claimant.id}", headers=auth(app_state, Role.viewer)).json()
    assert [d["id"] for d in read["deficiencies"]] == [note["id"]]
    resolved = client.post(
        f"/api/v1/claimants/{claimant.id}/deficiencies/{note['id']}/resolve", headers=auth(app_state, Role.staff)
    )
    assert resolved.status_code == 200 and resolved.json()["resolved_at"] is not None
    again = client.post(f"/api/v1/claimants/{claimant.id}/deficiencies/{note['id']}/resolve", headers=auth(app_state))
    assert again.status_code == 409
    assert client.get(f"/api/v1/claimants/{claimant.id}", headers=auth(app_state)).json()["deficiencies"] == []
    actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]
    assert actions[-2:] == ["claimant.deficiency.create", "claimant.deficiency.resolve"]
    assert all("原本" not in str(e.detail) for e in session.exec(select(AuditEntry)).all())


def test_deficiency_cure_by_in_the_past_is_refused(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    response = client.post(
        f"/api/v1/claimants/{claimant.id}/deficiencies",
        json={"reason": "不足", "cure_by": (today() - timedelta(days=1)).isoformat()},
        headers=auth(app_state),
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "cure_by", "reason": "must not be in the past"}]


def test_writes_deny_viewers_and_anonymous_callers(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    other = make_claimant(session, make_case(session))
    writes = [
        ("post", f"/api/v1/claimants/{claimant.id}/stage", {"to_stage": "schedule_received"}),
        ("put", f"/api/v1/claimants/{claimant.id}/checklist/originals", {"received_on": "2024-01-01"}),
        ("post", f"/api/v1/claimants/{claimant.id}/deficiencies", {"reason": "x", "cure_by": "2099-01-01"}),
        ("post", f"/api/v1/claimants/{claimant.id}/deficiencies/1/resolve", None),
        ("post", f"/api/v1/claimants/{claimant.id}/duplicates/{other.id}/dismiss", None),
    ]
    for method, url, body in writes:
        assert client.request(method, url, json=body).status_code == 401, url
        assert client.request(method, url, json=body, headers=auth(app_state, Role.viewer)).status_code == 403, url
    reads = [f"/api/v1/claimants/{claimant.id}/stage-history", "/api/v1/claimants?missing=true"]
    for url in reads:
        assert client.get(url).status_code == 401, url
        assert client.get(url, headers=auth(app_state, Role.viewer)).status_code == 200, url
    assert session.exec(select(AuditEntry)).first() is None
