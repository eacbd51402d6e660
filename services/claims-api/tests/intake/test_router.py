"""Open intake checklists (`GET /api/v1/intake/open`): whom notify reminds of missing intake items, and of what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from builders import auth, make_case, make_claimant, make_client
from sqlalchemy import event

from claims_api.auth.roles import Role
from claims_api.claimants.models import ClaimantStageChange

URL = "/api/v1/intake/open"
BASE_ITEMS = ["damage_schedule", "engagement_contract_signed", "power_of_attorney", "originals"]
LABELS = {
    "damage_schedule": "損害一覧表",
    "engagement_contract_signed": "委任契約書（署名済）",
    "power_of_attorney": "委任状",
    "originals": "原本",
    "insurance_policy": "保険証券",
}


def _receive(client, app_state, claimant_id, *items, on="2024-02-01"):  # type: ignore[no-untyped-def]
    """Record checklist items the way the staff do (null `on`: clears the item)."""
    for item in items:
        response = client.put(
            f"/api/v1/claimants/{claimant_id}/checklist/{item}",
            json={"received_on": on},
            headers=auth(app_state, Role.staff),
        )
        assert response.status_code == 200, response.text


def _open(client, app_state, **params: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = client.get(URL, params=params, headers=auth(app_state, Role.viewer))
    assert response.status_code == 200, response.text
    return response.json()


def _ids(page: dict[str, Any]) -> list[int]:
    return [item["claimant_id"] for item in page["items"]]


def test_missing_items_are_listed_in_checklist_order_with_their_labels(client, session, app_state):
    case = make_case(session)
    claimant = make_claimant(session, case, name="山田 花子", email="hanako@example.jp", reminder_consent=True)
    _receive(client, app_state, claimant.id, "power_of_attorney", "damage_schedule")

    page = _open(client, app_state)

    assert page["total"] == 1 and (page["limit"], page["offset"]) == (200, 0)
    [item] = page["items"]
    assert item["missing"] == [
        {"item": "engagement_contract_signed", "label": "委任契約書（署名済）"},
        {"item": "originals", "label": "原本"},
    ]
    assert (item["claimant_id"], item["case_id"], item["name"], item["email"], item["reminder_consent"]) == (
        claimant.id,
        case.id,
        "山田 花子",
        "hanako@example.jp",
        True,
    )


def test_a_new_claimant_misses_every_item(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    [item] = _open(client, app_state)["items"]
    assert item["claimant_id"] == claimant.id
    assert item["missing"] == [{"item": key, "label": LABELS[key]} for key in BASE_ITEMS]


def test_complete_claimants_are_left_out(client, session, app_state):
    case = make_case(session)
    complete = make_claimant(session, case)
    _receive(client, app_state, complete.id, *BASE_ITEMS)
    open_one = make_claimant(session, case)
    _receive(client, app_state, open_one.id, *BASE_ITEMS[:3])
    cleared = make_claimant(session, case)  # received, then found wrong and cleared: missing again
    _receive(client, app_state, cleared.id, *BASE_ITEMS)
    _receive(client, app_state, cleared.id, "originals", on=None)

    page = _open(client, app_state)

    assert _ids(page) == [open_one.id, cleared.id] and page["total"] == 2
    assert [item["missing"] for item in page["items"]] == [[{"item": "originals", "label": "原本"}]] * 2


def test_an_insured_claimant_also_owes_the_insurance_policy(client, session, app_state):
    case = make_case(session)
    insured = make_claimant(session, case, insured=True, insurance_plan="full", insurer="テスト損害保険株式会社")
    _receive(client, app_state, insured.id, *BASE_ITEMS)
    uninsured = make_claimant(session, case)
    _receive(client, app_state, uninsured.id, *BASE_ITEMS)
    insured_done = make_claimant(session, case, insured=True, insurance_plan="leak_only")
    _receive(client, app_state, insured_done.id, *BASE_ITEMS, "insurance_policy")
    insured_new = make_claimant(session, case, insured=True, insurance_plan="leak_only")

    page = _open(client, app_state)

    assert _ids(page) == [insured.id, insured_new.id]
    assert page["items"][0]["missing"] == [{"item": "insurance_policy", "label": "保険証券"}]
    assert [m["item"] for m in page["items"][1]["missing"]] == [*BASE_ITEMS, "insurance_policy"]


def test_filed_claimants_are_left_out_and_ready_to_file_ones_kept(client, session, app_state):
    """Filed: intake is over. Ready to file with an item cleared since: the item is owed again before filing."""
    case = make_case(session)
    filed = make_claimant(session, case, stage="filed")
    _receive(client, app_state, filed.id, *BASE_ITEMS[:2])
    ready = make_claimant(session, case, stage="ready_to_file")
    _receive(client, app_state, ready.id, *BASE_ITEMS[1:])
    midway = make_claimant(session, case, stage="engagement_signed")
    _receive(client, app_state, midway.id, *BASE_ITEMS[:2])
    cancelled = make_claimant(session, case, customer_status="cancelled")  # the vendor contract, not the claim

    page = _open(client, app_state)

    assert _ids(page) == [ready.id, midway.id, cancelled.id]
    assert page["items"][0]["missing"] == [{"item": "damage_schedule", "label": "損害一覧表"}]


def test_claimants_without_email_or_consent_are_listed_for_notify_to_decide(client, session, app_state):
    case = make_case(session)
    no_email = make_claimant(session, case, email=None, reminder_consent=True)
    no_consent = make_claimant(session, case, reminder_consent=False)

    items = _open(client, app_state)["items"]

    assert [(i["claimant_id"], i["email"], i["reminder_consent"]) for i in items] == [
        (no_email.id, None, True),
        (no_consent.id, no_consent.email, False),
    ]


def test_intake_started_at_is_the_first_stage_entry_else_the_registration(client, session, app_state):
    case = make_case(session)
    created = client.post(
        "/api/v1/claimants", json={"case_id": case.id, "name": "新規 登録"}, headers=auth(app_state, Role.staff)
    ).json()
    imported = make_claimant(session, case)  # its record dates intake back, as seeded and migrated data do
    began = datetime(2024, 1, 9, 1, 0, tzinfo=UTC)
    session.add(ClaimantStageChange(claimant_id=imported.id, to_stage="intake", at=began, actor="seed"))
    session.add(
        ClaimantStageChange(
            claimant_id=imported.id,
            from_stage="intake",
            to_stage="schedule_received",
            at=datetime(2024, 1, 1, tzinfo=UTC),  # a later move, however dated, is not the start
            actor="seed",
        )
    )
    session.commit()
    legacy = make_claimant(session, case)  # registered before the stage history existed: no entry

    started = {i["claimant_id"]: i["intake_started_at"] for i in _open(client, app_state)["items"]}

    history = client.get(f"/api/v1/claimants/{created['id']}/stage-history", headers=auth(app_state)).json()
    assert datetime.fromisoformat(started[created["id"]]) == datetime.fromisoformat(history[0]["at"])
    registered = datetime.fromisoformat(created["created_at"])
    assert timedelta(0) <= datetime.fromisoformat(started[created["id"]]) - registered < timedelta(seconds=5)
    assert datetime.fromisoformat(started[imported.id]) == began
    assert datetime.fromisoformat(started[legacy.id]) == legacy.created_at


def test_pages_are_in_claimant_order_and_carry_the_total(client, session, app_state):
    case = make_case(session)
    complete = make_claimant(session, case)
    _receive(client, app_state, complete.id, *BASE_ITEMS)
    open_ids = [make_claimant(session, case).id for _ in range(5)]

    pages = [_open(client, app_state, limit=2, offset=offset) for offset in (0, 2, 4, 6)]

    assert [p["total"] for p in pages] == [5, 5, 5, 5]
    assert [(p["limit"], p["offset"]) for p in pages] == [(2, 0), (2, 2), (2, 4), (2, 6)]
    assert [_ids(p) for p in pages] == [open_ids[0:2], open_ids[2:4], open_ids[4:], []]


def test_the_case_filter_lists_only_that_case(client, session, app_state):
    first, second = make_case(session), make_case(session)
    ours = [make_claimant(session, first).id, make_claimant(session, first).id]
    theirs = make_claimant(session, second).id

    assert _ids(_open(client, app_state, case_id=first.id)) == ours
    assert _open(client, app_state, case_id=first.id)["total"] == 2
    assert _ids(_open(client, app_state, case_id=second.id)) == [theirs]
    assert _open(client, app_state, case_id=999_999) == {"items": [], "total": 0, "limit": 200, "offset": 0}
    assert _ids(_open(client, app_state)) == [*ours, theirs]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"offset": -1}, "offset"),
        ({"case_id": "first"}, "case_id"),
    ],
)
def test_bad_query_parameters_are_422_problems_naming_the_field(client, app_state, params, field):
    response = client.get(URL, params=params, headers=auth(app_state, Role.viewer))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == field


def test_the_largest_page_is_allowed(client, session, app_state):
    make_claimant(session, make_case(session))
    assert _open(client, app_state, limit=500)["total"] == 1


def test_no_token_is_401(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_token_without_claims_read_is_403(client, app_state):
    response = client.get(URL, headers=auth(app_state, scopes="cases:read hearings:read notify:read"))
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Missing scope: claims:read"


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read(client, session, app_state, role):
    make_claimant(session, make_case(session))
    response = client.get(URL, headers=auth(app_state, role))
    assert response.status_code == 200 and response.json()["total"] == 1


def test_the_notify_service_reads_with_its_client_credentials(client, session, app_state):
    make_client(session, "notify", "claims:read cases:read hearings:read", "notify service secret")
    make_claimant(session, make_case(session))
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "notify", "client_secret": "notify service secret"},
    ).json()["access_token"]

    response = client.get(URL, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200 and response.json()["total"] == 1


def test_a_page_costs_the_same_few_queries_whatever_its_size(client, session, app_state):
    case = make_case(session)
    for n in range(12):
        claimant = make_claimant(session, case, insured=n % 3 == 0, insurance_plan="full" if n % 3 == 0 else None)
        _receive(client, app_state, claimant.id, *BASE_ITEMS[: n % 4])
    statements: list[str] = []

    def _count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(app_state.engine, "before_cursor_execute", _count)
    try:
        small = _open(client, app_state, limit=1)
        small_count = len(statements)
        statements.clear()
        large = _open(client, app_state, limit=12)
        large_count = len(statements)
    finally:
        event.remove(app_state.engine, "before_cursor_execute", _count)
    assert len(small["items"]) == 1 and len(large["items"]) == 12
    assert large_count == small_count
