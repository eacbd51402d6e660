"""Duplicate flags at create, the reusable batch check, dismissal, and the list filters."""

from __future__ import annotations

from types import SimpleNamespace

from builders import auth, make_case, make_claimant
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.claimants.duplicates import find_duplicates, normalise


def _create(client, app_state, case, **fields):
    response = client.post("/api/v1/claimants", json={"case_id": case.id} | fields, headers=auth(app_state, Role.staff))
    assert response.status_code == 201, response.text
    return response.json()


def test_normalise_unifies_width_kana_and_spaces():
    assert normalise("ﾔﾏﾀﾞ　ﾊﾅｺ") == normalise("やまだ はなこ") == "やまだはなこ"
    assert normalise("大阪市北区梅田１－２－３") == normalise("大阪市北区梅田 1-2-3")


def test_duplicate_by_registration_number(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(session, case, registration_no="27001234")
    created = _create(client, app_state, case, name="別人 次郎", registration_no="27001234")
    assert created["duplicates"] == [{"claimant_id": existing.id, "reasons": ["registration_no"]}]
    audit = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.create")).one()
    assert audit.detail == {"duplicates": [{"claimant_id": existing.id, "reasons": ["registration_no"]}]}
    # the other side of the pair shows the flag too
    other = client.get(f"/api/v1/claimants/{existing.id}", headers=auth(app_state, Role.viewer)).json()
    assert other["duplicates"] == [{"claimant_id": created["id"], "reasons": ["registration_no"]}]


def test_duplicate_by_email_ignores_case(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(session, case, email="Office@Example.jp")
    created = _create(client, app_state, case, name="別人 三郎", email="office@example.JP")
    assert created["duplicates"] == [{"claimant_id": existing.id, "reasons": ["email"]}]


def test_duplicate_by_kana_and_width_variant_of_name_and_address(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(
        session, case, name="ヤマダ ハナコ", address="大阪府大阪市北区梅田１丁目２番３号", email="a@example.jp"
    )
    created = _create(
        client, app_state, case, name="やまだはなこ", address="大阪府 大阪市北区梅田1丁目2番3号", email="b@example.jp"
    )
    assert created["duplicates"] == [{"claimant_id": existing.id, "reasons": ["name_address"]}]
    # near-same: one character off in a long address still counts, a different name does not
    near = _create(client, app_state, case, name="ﾔﾏﾀﾞ ﾊﾅｺ", address="大阪府大阪市北区梅田1丁目2番4号")
    assert [d["claimant_id"] for d in near["duplicates"]] == [existing.id, created["id"]]
    other = _create(client, app_state, case, name="ヤマダ タロウ", address="大阪府大阪市北区梅田1丁目2番3号")
    assert other["duplicates"] == []


def test_several_reasons_and_other_cases_are_not_compared(client, session, app_state):
    case, other_case = make_case(session), make_case(session)
    make_claimant(session, other_case, registration_no="27009999", email="same@example.jp")
    existing = make_claimant(session, case, registration_no="27009999", email="same@example.jp")
    created = _create(client, app_state, case, name="重複 候補", registration_no="27009999", email="same@example.jp")
    assert created["duplicates"] == [{"claimant_id": existing.id, "reasons": ["registration_no", "email"]}]


def test_find_duplicates_for_a_batch(session, client):
    case = make_case(session)
    first = make_claimant(session, case, registration_no="27000001", email="one@example.jp")
    second = make_claimant(session, case, name="佐藤 一郎", address="東京都千代田区丸の内3丁目1番1号")
    rows = [
        SimpleNamespace(registration_no="27000001", email=None, name="x", address=None),
        SimpleNamespace(registration_no=None, email="ONE@example.jp", name="y", address=None),
        SimpleNamespace(registration_no=None, email=None, name="サトウ イチロウ", address="東京都"),
        SimpleNamespace(
            registration_no=None, email=None, name="佐藤一郎", address="東京都千代田区丸の内３丁目１番１号"
        ),
        SimpleNamespace(registration_no="27000002", email="new@example.jp", name="新規 太郎", address="京都府"),
    ]
    result = find_duplicates(session, case.id, rows)
    assert [[(m.claimant_id, m.reasons) for m in matches] for matches in result] == [
        [(first.id, ["registration_no"])],
        [(first.id, ["email"])],
        [],
        [(second.id, ["name_address"])],
        [],
    ]


def test_dismiss_a_flag_and_filter_the_list(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(session, case, registration_no="27005555")
    created = _create(client, app_state, case, name="重複 四郎", registration_no="27005555")
    plain = make_claimant(session, case)
    flagged = client.get(
        "/api/v1/claimants", params={"case_id": case.id, "flagged": True}, headers=auth(app_state, Role.viewer)
    ).json()
    assert sorted(c["id"] for c in flagged["items"]) == sorted([existing.id, created["id"]])
    assert flagged["total"] == 2
    dismissed = client.post(
        f"/api/v1/claimants/{existing.id}/duplicates/{created['id']}/dismiss", headers=auth(app_state, Role.staff)
    )
    assert dismissed.status_code == 200 and dismissed.json()["duplicates"] == []
    again = client.post(
        f"/api/v1/claimants/{created['id']}/duplicates/{existing.id}/dismiss", headers=auth(app_state, Role.staff)
    )
    assert again.status_code == 404
    after = client.get("/api/v1/claimants", params={"flagged": True}, headers=auth(app_state)).json()
    assert after["items"] == [] and after["total"] == 0
    not_flagged = client.get("/api/v1/claimants", params={"flagged": False}, headers=auth(app_state)).json()
    assert not_flagged["total"] == 3 and plain.id in [c["id"] for c in not_flagged["items"]]
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.duplicate.dismiss")).one()
    assert entry.detail == {"other_id": created["id"], "reasons": ["registration_no"]}


def test_list_filters_by_stage_kind_and_missing(client, session, app_state):
    case = make_case(session)
    complete = make_claimant(session, case, kind="sr_corporation", stage="originals_received")
    for item in ["damage_schedule", "engagement_contract_signed", "power_of_attorney", "originals"]:
        client.put(
            f"/api/v1/claimants/{complete.id}/checklist/{item}",
            json={"received_on": "2024-03-01"},
            headers=auth(app_state),
        )
    insured = make_claimant(session, case, insured=True, insurance_plan="full", stage="originals_received")
    for item in ["damage_schedule", "engagement_contract_signed", "power_of_attorney", "originals"]:
        client.put(
            f"/api/v1/claimants/{insured.id}/checklist/{item}",
            json={"received_on": "2024-03-01"},
            headers=auth(app_state),
        )
    fresh = make_claimant(session, case)

    def ids(**params):
        page = client.get("/api/v1/claimants", params=params, headers=auth(app_state, Role.viewer))
        assert page.status_code == 200, page.text
        return sorted(c["id"] for c in page.json()["items"]), page.json()["total"]

    assert ids(stage="originals_received") == (sorted([complete.id, insured.id]), 2)
    assert ids(stage="intake") == ([fresh.id], 1)
    assert ids(kind="sr_corporation") == ([complete.id], 1)
    assert ids(missing=True) == (sorted([insured.id, fresh.id]), 2)  # the insured one lacks its policy
    assert ids(missing=False) == ([complete.id], 1)
    assert ids(missing=True, stage="originals_received", limit=1) == ([insured.id], 1)
    item = client.get("/api/v1/claimants", params={"missing": True}, headers=auth(app_state)).json()["items"][0]
    assert item["missing_items"] == ["insurance_policy"] and item["total"] == 0
    bad = client.get("/api/v1/claimants", params={"stage": "nowhere"}, headers=auth(app_state))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "stage"
