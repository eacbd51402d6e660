"""Damage schedules of a proceeding's members, a page at a time: each member's items and summary exactly as
the per-claimant endpoints return them, in member-number order."""

from __future__ import annotations

from typing import Any

from builders import add_member, auth, make_case, make_claimant, make_exhibit, make_item, make_proceeding
from sqlalchemy import event

from claims_api.auth.roles import Role
from claims_api.damages.models import DamageItemExhibit


def _seed(session):  # type: ignore[no-untyped-def]
    """Three members of the lawsuit numbered against their creation order, one of them without items, and a
    claimant of the case outside the proceeding."""
    case = make_case(session, success_fee_rate_bp=1250, success_fee_consumption_tax=True)
    lawsuit = make_proceeding(session, case)
    third = make_claimant(session, case, name="原告 三郎", kind="sr_corporation", representative="代表社員 原告 三郎")
    first = make_claimant(session, case, name="原告 一郎", postal_code="530-0001", address="大阪市北区梅田1丁目")
    second = make_claimant(session, case, name="原告 二郎")
    outsider = make_claimant(session, case, name="他 四郎")
    item = make_item(session, first, "fee_difference", 1_698)
    make_item(session, first, "reputation", 1_000_000)
    make_item(session, first, "fee_increase_refund", 99_000)
    make_item(session, third, "staff_cost", 200_000)
    make_item(session, outsider, "reputation", 1_000_000)
    contract = make_exhibit(session, case, number=1, branch=1)
    own = make_exhibit(session, case, first, number=13, branch=4, slot=4)
    session.add_all(
        [
            DamageItemExhibit(damage_item_id=item.id, exhibit_id=contract.id),
            DamageItemExhibit(damage_item_id=item.id, exhibit_id=own.id),
        ]
    )
    session.commit()
    for claimant, number in ((first, 1), (second, 2), (third, 3)):
        add_member(session, lawsuit, claimant, number)
    return case, lawsuit, first, second, third


def _schedules(client, app_state, case_id: int, **params: Any):  # type: ignore[no-untyped-def]
    return client.get(f"/api/v1/cases/{case_id}/damage-schedules", params=params, headers=auth(app_state, Role.viewer))


def test_each_member_has_the_items_and_summary_of_the_claimant_endpoints(client, session, app_state):
    case, lawsuit, first, second, third = _seed(session)
    response = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id)
    assert response.status_code == 200, response.text
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 100, 0)
    assert [(s["number"], s["claimant"]["name"]) for s in page["items"]] == [
        (1, "原告 一郎"),
        (2, "原告 二郎"),
        (3, "原告 三郎"),
    ]
    viewer = auth(app_state, Role.viewer)
    for schedule, claimant in zip(page["items"], (first, second, third), strict=True):
        items = client.get(f"/api/v1/claimants/{claimant.id}/damage-items", headers=viewer).json()
        summary = client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=viewer).json()
        assert schedule["items"] == items
        assert schedule["summary"] == summary
    one = page["items"][0]
    assert one["claimant"] == {
        "id": first.id,
        "case_id": case.id,
        "kind": "sr_individual",
        "name": "原告 一郎",
        "representative": None,
        "office_name": first.office_name,
        "postal_code": "530-0001",
        "address": "大阪市北区梅田1丁目",
    }
    assert page["items"][2]["claimant"]["representative"] == "代表社員 原告 三郎"
    summary = one["summary"]
    assert (summary["contract_total"], summary["unjust_enrichment_total"], summary["total"]) == (
        1_001_698,
        99_000,
        1_100_698,
    )
    assert summary["interest"] is None
    assert (summary["success_fee"]["rate"], summary["success_fee"]["consumption_tax"]) == ("0.125", True)
    fee_difference = next(i for i in one["items"] if i["head"] == "fee_difference")
    assert [e["label"] for e in fee_difference["exhibits"]] == ["甲第1号証の1", "甲第13号証の4"]
    assert page["items"][1]["items"] == [] and page["items"][1]["summary"]["total"] == 0


def test_pages_follow_member_numbers(client, session, app_state):
    case, lawsuit, *_ = _seed(session)
    page = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id, limit=2, offset=1).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 1)
    assert [s["number"] for s in page["items"]] == [2, 3]
    beyond = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id, offset=10).json()
    assert (beyond["items"], beyond["total"]) == ([], 3)
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}):
        response = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id, **bad)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == next(iter(bad))


def test_a_page_costs_the_same_few_queries_whatever_its_size(client, session, app_state):
    case, lawsuit, *_ = _seed(session)
    for n in range(4, 14):
        claimant = make_claimant(session, case)
        make_item(session, claimant, "reputation", 1_000_000)
        make_item(session, claimant, "staff_cost", 10_000 * n)
        add_member(session, lawsuit, claimant, n)
    engine = app_state.engine
    statements: list[str] = []

    def _count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", _count)
    try:
        small = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id, limit=1)
        small_count = len(statements)
        statements.clear()
        large = _schedules(client, app_state, case.id, proceeding_id=lawsuit.id, limit=13)
        large_count = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", _count)
    assert len(small.json()["items"]) == 1 and len(large.json()["items"]) == 13
    assert large_count == small_count


def test_the_proceeding_is_required_and_must_be_of_the_case(client, session, app_state):
    case, other = make_case(session), make_case(session)
    foreign = make_proceeding(session, other)
    missing = _schedules(client, app_state, case.id)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "proceeding_id"
    assert _schedules(client, app_state, case.id, proceeding_id=foreign.id).status_code == 404
    assert _schedules(client, app_state, 999999, proceeding_id=foreign.id).status_code == 404


def test_the_schedules_need_claims_read(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    url, params = f"/api/v1/cases/{case.id}/damage-schedules", {"proceeding_id": proceeding.id}
    assert client.get(url, params=params).status_code == 401
    assert client.get(url, params=params, headers=auth(app_state, scopes="cases:read")).status_code == 403
    assert client.get(url, params=params, headers=auth(app_state, scopes="claims:read")).status_code == 200
