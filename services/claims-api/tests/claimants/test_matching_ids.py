"""`GET /claimants/ids`: every claimant the list's filters match, in the list's order ("select all N matching")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import add_member, auth, make_case, make_claimant, make_item, make_proceeding

from claims_api.auth.roles import Role
from claims_api.claimants import service
from claims_api.claimants.models import ClaimantChecklistEntry, ClaimantDuplicateFlag
from claims_api.claimants.stages import BASE_ITEMS


def list_pages(client, app_state, **params: Any) -> tuple[list[int], int]:
    """The ids of the list's rows, page after page of 3, and the list's total."""
    rows: list[int] = []
    offset = 0
    while True:
        response = client.get(
            "/api/v1/claimants", params={**params, "limit": 3, "offset": offset}, headers=auth(app_state)
        )
        assert response.status_code == 200, response.text
        page = response.json()
        rows += [c["id"] for c in page["items"]]
        offset += 3
        if offset >= page["total"]:
            return rows, page["total"]


def matching(client, app_state, role: Role = Role.viewer, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/claimants/ids", params=params, headers=auth(app_state, role))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def claimants(session):
    """Eleven claimants of a case in various stages, kinds and proceedings, some complete, some flagged, with
    amounts and kana that tie; and one of another case."""
    case = make_case(session)
    other_case = make_case(session)
    make_claimant(session, other_case, name="別事件 一郎")
    lawsuit = make_proceeding(session, case, name="本訴訟")
    mediation = make_proceeding(session, case, kind="mediation", name="第1次調停")
    stages = ["intake", "engagement_sent", "filed", "intake", "poa_received", "filed"]
    kinds = ["sr_individual", "sr_corporation", "sr_center"]
    made = [
        make_claimant(
            session,
            case,
            name=f"原告 {n:02d}",
            name_kana=None if n % 4 == 0 else f"ゲンコク{n % 3}",
            registration_no=None if n % 5 == 0 else f"2710{n:04d}",
            stage=stages[n % len(stages)],
            kind=kinds[n % len(kinds)],
        )
        for n in range(11)
    ]
    for n, claimant in enumerate(made):
        if n % 3:
            make_item(session, claimant, "reputation", 100_000 * (n % 4))
        if n % 2:
            add_member(session, lawsuit, claimant, n)
        if n in (2, 3, 7):
            add_member(session, mediation, claimant, n)
        if n in (1, 4, 6, 9):  # the checklist complete
            for item in BASE_ITEMS:
                session.add(
                    ClaimantChecklistEntry(
                        claimant_id=claimant.id, item=item.value, received_on=date(2025, 1, 6), recorded_by="test"
                    )
                )
    session.add(ClaimantDuplicateFlag(claimant_id=made[5].id, other_id=made[8].id, reasons="email"))
    session.commit()
    return {"case": case, "lawsuit": lawsuit, "mediation": mediation, "claimants": made}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "-total"},
        {"sort": "total", "in_proceeding": False},
        {"stage": "intake", "sort": "name"},
        {"sort": "kana"},
        {"sort": "-registration_no", "missing": True},
        {"missing": False, "sort": "-stage"},
        {"flagged": True},
        {"kind": "sr_corporation", "sort": "-updated_at"},
        {"q": "原告 0", "sort": "-id"},
        {"proceeding": "lawsuit", "sort": "stage", "flagged": False},
        {"proceeding": "mediation", "in_proceeding": True, "sort": "-kana"},
        {"stage": "filed", "kind": "sr_individual", "missing": True},  # nobody
    ],
)
def test_the_ids_are_the_rows_of_every_page_of_the_list(client, app_state, claimants, params):
    params = dict(params)
    if "proceeding" in params:
        params["proceeding_id"] = claimants[params.pop("proceeding")].id
    params["case_id"] = claimants["case"].id
    rows, total = list_pages(client, app_state, **params)
    assert matching(client, app_state, **params) == {"ids": rows, "total": total}


def test_the_filters_narrow_the_ids_to_the_case_and_the_proceeding(client, app_state, claimants):
    made = [c.id for c in claimants["claimants"]]
    case_id = claimants["case"].id
    assert matching(client, app_state, case_id=case_id) == {"ids": made, "total": 11}
    # without a case: the other case's claimant too
    assert matching(client, app_state)["total"] == 12
    assert matching(client, app_state, proceeding_id=claimants["mediation"].id)["ids"] == [made[2], made[3], made[7]]
    assert matching(client, app_state, case_id=case_id, flagged=True)["ids"] == [made[5], made[8]]
    assert matching(client, app_state, proceeding_id=9999) == {"ids": [], "total": 0}


@pytest.mark.parametrize("role", [Role.viewer, Role.staff, Role.lawyer, Role.admin])
def test_every_role_may_read_the_ids(client, session, app_state, role):
    case = make_case(session)
    claimant = make_claimant(session, case)
    assert matching(client, app_state, role, case_id=case.id) == {"ids": [claimant.id], "total": 1}


def test_the_ids_need_a_token(client):
    response = client.get("/api/v1/claimants/ids")
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers


def test_a_token_without_claims_read_is_refused(client, app_state):
    response = client.get("/api/v1/claimants/ids", headers=auth(app_state, scopes="cases:read"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [("stage", "settled"), ("kind", "lawyer"), ("sort", "amount"), ("missing", "perhaps"), ("proceeding_id", "x")],
)
def test_an_unknown_filter_value_is_a_422_naming_the_field(client, app_state, field, value):
    response = client.get("/api/v1/claimants/ids", params={field: value}, headers=auth(app_state))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_more_matching_claimants_than_the_cap_is_a_422_asking_for_narrower_filters(
    client, session, app_state, monkeypatch
):
    case = make_case(session)
    for _ in range(3):
        make_claimant(session, case, stage="intake")
    make_claimant(session, case, stage="filed")
    monkeypatch.setattr(service, "MAX_MATCHING_IDS", 3)
    response = client.get("/api/v1/claimants/ids", params={"case_id": case.id}, headers=auth(app_state))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "too-many-claimants" and body["total"] == 4 and body["max"] == 3
    assert "narrow the filters" in body["detail"]
    # exactly the cap is fine
    assert matching(client, app_state, case_id=case.id, stage="intake")["total"] == 3
