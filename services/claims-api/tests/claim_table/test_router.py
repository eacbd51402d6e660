from __future__ import annotations

from datetime import date

from builders import add_member, auth, make_case, make_claimant, make_item, make_proceeding

from claims_api.auth.roles import Role


def _seed_000_lawsuit(session, **case_fields):  # type: ignore[no-untyped-def]
    """The two plaintiffs of the draft complaint, in reverse creation order to prove plaintiff order wins."""
    case = make_case(session, **case_fields)
    lawsuit = make_proceeding(session, case)
    second = make_claimant(session, case, name="原告 二郎")
    first = make_claimant(session, case, name="原告 一郎")
    for head, amount in [("fee_difference", 1_698), ("reputation", 1_000_000), ("fee_increase_refund", 99_000)]:
        make_item(session, first, head, amount)
    make_item(session, second, "staff_cost", 200_000)
    make_item(session, second, "reputation", 1_000_000)
    add_member(session, lawsuit, first, 1)
    add_member(session, lawsuit, second, 2)
    return case, lawsuit, first, second


def test_claim_table_rows_follow_plaintiff_order_with_both_legal_bases(client, session, app_state):
    case, lawsuit, *_ = _seed_000_lawsuit(session, served_on=date(2025, 8, 1))
    table = client.get(
        f"/api/v1/cases/{case.id}/claim-table",
        params={"proceeding_id": lawsuit.id},
        headers=auth(app_state, Role.viewer),
    ).json()
    rows = [(r["number"], r["name"], r["contract_damages"], r["unjust_enrichment"], r["total"]) for r in table["rows"]]
    assert rows == [(1, "原告 一郎", 1_001_698, 99_000, 1_100_698), (2, "原告 二郎", 1_200_000, 0, 1_200_000)]
    assert table["totals"] == {
        "contract_damages": 2_201_698,
        "unjust_enrichment": 99_000,
        "total": 2_300_698,
        "plaintiffs": 2,
    }
    terms = table["interest"]
    assert terms["text"] == "訴状送達の日の翌日から支払済みまで年3分の割合"
    assert (terms["rate"], terms["rate_basis"], terms["start"]) == ("0.03", "served", "2025-08-02")


def test_before_service_the_rate_in_force_today_is_assumed(client, session, app_state):
    case, lawsuit, *_ = _seed_000_lawsuit(session)
    terms = client.get(
        f"/api/v1/cases/{case.id}/claim-table", params={"proceeding_id": lawsuit.id}, headers=auth(app_state)
    ).json()["interest"]
    assert (terms["rate_basis"], terms["start"]) == ("assumed", None)


def test_filing_fee_of_the_joint_suit_and_its_shares(client, session, app_state):
    case, lawsuit, *_ = _seed_000_lawsuit(session)
    fee = client.get(
        f"/api/v1/cases/{case.id}/filing-fee", params={"proceeding_id": lawsuit.id}, headers=auth(app_state)
    ).json()
    # legal-rules.md §1: 2,300,698 → 17,000 (vs 11,000 + 11,000 filed separately)
    assert (fee["kind"], fee["claim_value"], fee["fee"]) == ("suit", 2_300_698, 17_000)
    # 17,000 × 1,100,698/2,300,698 = 8,133.2…, × 1,200,000/2,300,698 = 8,866.7… → largest remainder
    assert [(s["number"], s["share"]) for s in fee["shares"]] == [(1, 8_133), (2, 8_867)]
    mediation = client.get(
        f"/api/v1/cases/{case.id}/filing-fee",
        params={"proceeding_id": lawsuit.id, "kind": "mediation"},
        headers=auth(app_state),
    ).json()
    assert mediation["fee"] == 8_500


def test_mediation_proceedings_default_to_the_mediation_fee(client, session, app_state):
    case = make_case(session)
    mediation = make_proceeding(session, case, kind="mediation", name="第1次調停")
    claimant = make_claimant(session, case)
    make_item(session, claimant, "reputation", 1_000_000)
    make_item(session, claimant, "staff_cost", 100_698)
    add_member(session, mediation, claimant, 1)
    fee = client.get(
        f"/api/v1/cases/{case.id}/filing-fee", params={"proceeding_id": mediation.id}, headers=auth(app_state)
    ).json()
    assert (fee["kind"], fee["claim_value"], fee["fee"]) == ("mediation", 1_100_698, 5_500)


def test_a_proceeding_of_another_case_is_not_found(client, session, app_state):
    case, other = make_case(session), make_case(session)
    foreign = make_proceeding(session, other)
    response = client.get(
        f"/api/v1/cases/{case.id}/claim-table", params={"proceeding_id": foreign.id}, headers=auth(app_state)
    )
    assert response.status_code == 404


def test_summary_adds_delay_damages_up_to_as_of_once_served(client, session, app_state):
    _, _, first, _ = _seed_000_lawsuit(session, served_on=date(2025, 8, 1))
    url = f"/api/v1/claimants/{first.id}/summary"
    assert client.get(url, headers=auth(app_state)).json()["interest"] is None
    interest = client.get(url, params={"as_of": "2026-08-01"}, headers=auth(app_state)).json()["interest"]
    # one whole year at 3% from 2025-08-02: 1,001,698 × 0.03 = 30,050.94 → 30,050; 99,000 × 0.03 = 2,970
    assert (interest["start"], interest["contract"], interest["unjust_enrichment"], interest["total"]) == (
        "2025-08-02",
        30_050,
        2_970,
        33_020,
    )
