"""The claimant list: its orders (`sort`) and the proceeding filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from builders import add_member, auth, make_case, make_claimant, make_item, make_proceeding

from claims_api.auth.roles import Role


def ids(client, app_state, role=Role.viewer, **params) -> list[int]:
    response = client.get("/api/v1/claimants", params=params, headers=auth(app_state, role))
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()["items"]]


def test_sorted_by_total_both_ways_with_ties_by_id_and_no_items_as_zero(client, session, app_state):
    case = make_case(session)
    a, b, c, d = (make_claimant(session, case) for _ in range(4))
    make_item(session, a, "reputation", 500_000)
    make_item(session, b, "reputation", 1_000_000)
    make_item(session, b, "fee_increase_refund", 24_000)  # unjust enrichment counts in the total
    make_item(session, c, "reputation", 500_000)  # ties with a: by id
    assert ids(client, app_state, case_id=case.id, sort="total") == [d.id, a.id, c.id, b.id]
    assert ids(client, app_state, case_id=case.id, sort="-total") == [b.id, c.id, a.id, d.id]
    # the order covers every matching claimant, not only the page
    assert ids(client, app_state, case_id=case.id, sort="-total", limit=1, offset=1) == [c.id]
    page = client.get(
        "/api/v1/claimants", params={"case_id": case.id, "sort": "-total", "limit": 1}, headers=auth(app_state)
    ).json()
    assert page["total"] == 4 and page["items"][0]["total"] == 1_024_000


def test_sorted_by_name_kana_registration_number_stage_and_update(client, session, app_state):
    case = make_case(session)
    x = make_claimant(session, case, name="いとう", name_kana="イトウ", registration_no="27000003", stage="filed")
    y = make_claimant(session, case, name="あべ", name_kana=None, registration_no="27000001", stage="intake")
    z = make_claimant(
        session,
        case,
        name="うえだ",
        name_kana="アベ",
        registration_no=None,
        stage="engagement_sent",
        updated_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert ids(client, app_state, case_id=case.id, sort="name") == [y.id, x.id, z.id]
    assert ids(client, app_state, case_id=case.id, sort="-name") == [z.id, x.id, y.id]
    # blanks last in both directions
    assert ids(client, app_state, case_id=case.id, sort="kana") == [z.id, x.id, y.id]
    assert ids(client, app_state, case_id=case.id, sort="-kana") == [x.id, z.id, y.id]
    assert ids(client, app_state, case_id=case.id, sort="registration_no") == [y.id, x.id, z.id]
    assert ids(client, app_state, case_id=case.id, sort="-registration_no") == [x.id, y.id, z.id]
    # stages in their order of the intake, not alphabetically
    assert ids(client, app_state, case_id=case.id, sort="stage") == [y.id, z.id, x.id]
    assert ids(client, app_state, case_id=case.id, sort="-stage") == [x.id, z.id, y.id]
    assert ids(client, app_state, case_id=case.id, sort="updated_at")[0] == z.id
    assert ids(client, app_state, case_id=case.id, sort="-id") == [z.id, y.id, x.id]
    assert ids(client, app_state, case_id=case.id) == [x.id, y.id, z.id]


@pytest.mark.parametrize("sort", ["amount", "--total", "name desc", ""])
def test_an_unknown_order_is_a_422_naming_sort(client, session, app_state, sort):
    response = client.get("/api/v1/claimants", params={"sort": sort}, headers=auth(app_state))
    if sort == "":
        assert response.status_code == 200  # an empty value is the default order
        return
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "sort" and "registration_no" in error["reason"]


def test_filtered_by_proceeding_and_by_none(client, session, app_state):
    case = make_case(session)
    first = make_proceeding(session, case, name="第1次調停")
    second = make_proceeding(session, case, name="第2次調停")
    a, b, c = (make_claimant(session, case) for _ in range(3))
    add_member(session, first, a, 1)
    add_member(session, first, b, 2)
    add_member(session, second, b, 1)
    assert ids(client, app_state, proceeding_id=first.id) == [a.id, b.id]
    assert ids(client, app_state, proceeding_id=second.id) == [b.id]
    assert ids(client, app_state, case_id=case.id, in_proceeding=False) == [c.id]
    assert ids(client, app_state, case_id=case.id, in_proceeding=True) == [a.id, b.id]
    # with the other filters and an order
    make_item(session, a, "reputation", 10)
    assert ids(client, app_state, proceeding_id=first.id, sort="-total", q=a.name) == [a.id]
    total = client.get("/api/v1/claimants", params={"proceeding_id": first.id}, headers=auth(app_state)).json()
    assert total["total"] == 2
    assert ids(client, app_state, proceeding_id=9999) == []


@pytest.mark.parametrize("role", [Role.viewer, Role.staff, Role.lawyer, Role.admin])
def test_every_role_may_list_and_sort(client, session, app_state, role):
    case = make_case(session)
    make_claimant(session, case)
    assert len(ids(client, app_state, role, sort="-total", in_proceeding=False)) == 1


def test_the_list_needs_a_token(client):
    response = client.get("/api/v1/claimants", params={"sort": "-total"})
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers
