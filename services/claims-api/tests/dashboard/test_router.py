from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from builders import add_member, auth, make_case, make_claimant, make_item, make_proceeding
from sqlmodel import Session

from bengodan_common.db import utcnow
from bengodan_common.japanese import TOKYO
from claims_api.auth.roles import Role
from claims_api.claimants.models import ClaimantChecklistEntry, ClaimantDeficiency, ClaimantDuplicateFlag
from claims_api.hearings.models import Hearing

BASE_ITEMS = ["damage_schedule", "engagement_contract_signed", "power_of_attorney", "originals"]


def _add(session: Session, *rows: Any) -> None:
    session.add_all(rows)
    session.commit()


def _seed(session: Session) -> dict[str, Any]:
    """Two mediations and a lawsuit; five claimants in different stages, one in no proceeding; an item claimed from
    the insurer; hearings past, cancelled, upcoming, and of another case."""
    case = make_case(session)
    other_case = make_case(session)
    first = make_proceeding(session, case, kind="mediation", name="第1次調停", court="大阪簡易裁判所")
    second = make_proceeding(session, case, kind="mediation", name="第2次調停", court="大阪簡易裁判所")
    lawsuit = make_proceeding(session, case, name="本訴訟")
    elsewhere = make_proceeding(session, other_case, name="別事件")
    a = make_claimant(session, case, stage="filed", name="原告 一郎")
    b = make_claimant(session, case, stage="filed", name="原告 二郎", insured=True)
    c = make_claimant(session, case, stage="engagement_sent", name="原告 三郎")
    d = make_claimant(session, case, stage="intake", name="原告 四郎")
    e = make_claimant(session, case, stage="intake", name="原告 五郎")  # in no proceeding
    stranger = make_claimant(session, other_case, stage="filed")
    for claimant, items in [
        (a, [("fee_difference", 1_698), ("reputation", 1_000_000), ("fee_increase_refund", 99_000)]),
        (b, [("reputation", 1_000_000)]),
        (c, [("reputation", 1_000_000), ("fee_increase_refund", 33_000)]),
        (d, [("onprem_cost", 550_000)]),
        (e, [("reputation", 1_000_000)]),
        (stranger, [("reputation", 7_000_000)]),
    ]:
        for head, amount in items:
            make_item(session, claimant, head, amount)
    # b claims its staff cost from its insurer: not in the vendor claim, reported on its own
    insured_item = make_item(session, b, "staff_cost", 200_000)
    insured_item.claimed_from = "insurer"
    _add(session, insured_item)
    for proceeding, members in [(first, [a, b]), (second, [c]), (lawsuit, [a, b, c, d]), (elsewhere, [stranger])]:
        for number, claimant in enumerate(members, start=1):
            add_member(session, proceeding, claimant, number)
    # a and b have every item (b, insured, its policy too); c, d, e miss some
    today = utcnow().astimezone(TOKYO).date()
    _add(
        session,
        *[
            ClaimantChecklistEntry(claimant_id=x.id, item=item, received_on=today, recorded_by="user:1")
            for x, items in [(a, BASE_ITEMS), (b, [*BASE_ITEMS, "insurance_policy"]), (c, BASE_ITEMS[:1])]
            for item in items
        ],
        ClaimantDeficiency(
            claimant_id=c.id, reason="計算の根拠がない", cure_by=today - timedelta(days=1), created_by="u"
        ),
        ClaimantDeficiency(claimant_id=c.id, reason="押印がない", cure_by=today + timedelta(days=9), created_by="u"),
        ClaimantDeficiency(claimant_id=d.id, reason="住所が違う", cure_by=today + timedelta(days=9), created_by="u"),
        ClaimantDeficiency(
            claimant_id=e.id, reason="解決済み", cure_by=today, created_by="u", resolved_at=utcnow(), resolved_by="u"
        ),
        ClaimantDuplicateFlag(claimant_id=e.id, other_id=d.id, reasons="email"),
        ClaimantDuplicateFlag(
            claimant_id=c.id, other_id=a.id, reasons="email", dismissed_at=utcnow(), dismissed_by="u"
        ),
    )
    now = utcnow()
    hearings = {
        "soon": Hearing(
            proceeding_id=second.id, kind="mediation_session", starts_at=now + timedelta(days=3), place="調停室"
        ),
        "later": Hearing(
            proceeding_id=lawsuit.id,
            kind="oral_argument",
            starts_at=now + timedelta(days=40),
            place="第1001号法廷",
            online_url="https://meet.example.jp/x",
        ),
        "past": Hearing(proceeding_id=first.id, kind="mediation_session", starts_at=now - timedelta(days=3), place="x"),
        "cancelled": Hearing(
            proceeding_id=first.id, kind="deadline", starts_at=now + timedelta(days=5), place="x", status="cancelled"
        ),
        "elsewhere": Hearing(
            proceeding_id=elsewhere.id, kind="oral_argument", starts_at=now + timedelta(days=1), place="x"
        ),
    }
    _add(session, *hearings.values())
    return {"case": case, "proceedings": (first, second, lawsuit), "hearings": hearings}


def _stages(by_stage: dict[str, Any]) -> dict[str, int]:
    """The non-zero counts (every stage is listed, in stage order)."""
    assert [s["stage"] for s in by_stage["stages"]][:3] == ["intake", "schedule_received", "schedule_checked"]
    assert len(by_stage["stages"]) == 9
    return {s["stage"]: s["count"] for s in by_stage["stages"] if s["count"]}


def test_claimants_by_stage_overall_per_proceeding_and_in_none(client, session, app_state):
    seed = _seed(session)
    board = client.get(f"/api/v1/cases/{seed['case'].id}/dashboard", headers=auth(app_state, Role.viewer))
    assert board.status_code == 200, board.text
    data = board.json()
    assert data["claimants"]["total"] == 5
    assert _stages(data["claimants"]) == {"intake": 2, "engagement_sent": 1, "filed": 2}
    labels = {s["stage"]: s["label"] for s in data["claimants"]["stages"]}
    assert (labels["intake"], labels["engagement_sent"], labels["filed"]) == ("受付", "委任契約書送付", "提出済")
    per = {p["name"]: p for p in data["proceedings"]}
    assert list(per) == ["第1次調停", "第2次調停", "本訴訟"]
    assert _stages(per["第1次調停"]["claimants"]) == {"filed": 2}
    assert _stages(per["第2次調停"]["claimants"]) == {"engagement_sent": 1}
    assert _stages(per["本訴訟"]["claimants"]) == {"intake": 1, "engagement_sent": 1, "filed": 2}
    assert (data["not_in_proceeding"]["total"], _stages(data["not_in_proceeding"])) == (1, {"intake": 1})


def test_damages_by_head_and_legal_basis_leave_the_insurers_items_out_of_the_vendor_claim(client, session, app_state):
    seed = _seed(session)
    damages = client.get(f"/api/v1/cases/{seed['case'].id}/dashboard", headers=auth(app_state)).json()["damages"]
    heads = {
        h["head"]: (h["label"], h["vendor_amount"], h["vendor_items"], h["insurer_amount"]) for h in damages["heads"]
    }
    assert heads == {
        "staff_cost": ("人件費", 0, 0, 200_000),
        "onprem_cost": ("オンプレ版費用", 550_000, 1, 0),
        "fee_difference": ("利用料差額", 1_698, 1, 0),
        "reputation": ("信用毀損", 4_000_000, 4, 0),  # the other case's claimant is not counted
        "other_loss": ("その他実損", 0, 0, 0),
        "fee_increase_refund": ("値上げ分の不当利得", 132_000, 2, 0),
    }
    assert [(b["legal_basis"], b["label"], b["amount"]) for b in damages["legal_bases"]] == [
        ("contract", "契約上の損害賠償", 4_551_698),
        ("unjust_enrichment", "不当利得", 132_000),
    ]
    assert (damages["vendor_total"], damages["insurer_total"]) == (4_683_698, 200_000)


def test_claim_value_and_fee_per_proceeding_match_the_claim_table_and_filing_fee(client, session, app_state):
    seed = _seed(session)
    case_id = seed["case"].id
    headers = auth(app_state, Role.viewer)
    board = client.get(f"/api/v1/cases/{case_id}/dashboard", headers=headers).json()
    for figures, proceeding in zip(board["proceedings"], seed["proceedings"], strict=True):
        params = {"proceeding_id": proceeding.id}
        table = client.get(f"/api/v1/cases/{case_id}/claim-table", params=params, headers=headers).json()["totals"]
        fee = client.get(f"/api/v1/cases/{case_id}/filing-fee", params=params, headers=headers).json()
        assert figures["proceeding_id"] == proceeding.id
        assert (figures["contract_damages"], figures["unjust_enrichment"]) == (
            table["contract_damages"],
            table["unjust_enrichment"],
        )
        assert figures["claim_value"] == table["total"] == fee["claim_value"]
        assert (figures["fee_kind"], figures["filing_fee"]) == (fee["kind"], fee["fee"])
    first, second, lawsuit = board["proceedings"]
    # 第1次調停: a 1,100,698 + b 1,000,000 (its staff cost is claimed from the insurer) → mediation fee
    assert (first["claim_value"], first["fee_kind"], first["filing_fee"]) == (2_100_698, "mediation", 8_000)
    assert (second["contract_damages"], second["unjust_enrichment"], second["claim_value"]) == (
        1_000_000,
        33_000,
        1_033_000,
    )
    # 本訴訟: 3,683,698 → 別表第一 1項: 10,000 for the first 100万, 1,000 per 20万 after (14 of them) = 24,000
    assert (lawsuit["claim_value"], lawsuit["fee_kind"], lawsuit["filing_fee"]) == (3_683_698, "suit", 24_000)


def test_upcoming_hearings_of_the_case_with_their_labels(client, session, app_state):
    seed = _seed(session)
    hearings = client.get(f"/api/v1/cases/{seed['case'].id}/dashboard", headers=auth(app_state)).json()["hearings"]
    assert [(h["hearing_id"], h["proceeding_name"], h["kind"], h["kind_label"]) for h in hearings] == [
        (seed["hearings"]["soon"].id, "第2次調停", "mediation_session", "調停期日"),
        (seed["hearings"]["later"].id, "本訴訟", "oral_argument", "口頭弁論期日"),
    ]
    assert hearings[1]["online_url"] == "https://meet.example.jp/x"
    assert hearings[1]["place"] == "第1001号法廷"


def test_claimants_needing_work_are_counted_once_each(client, session, app_state):
    seed = _seed(session)
    attention = client.get(f"/api/v1/cases/{seed['case'].id}/dashboard", headers=auth(app_state)).json()["attention"]
    # missing: c, d, e; open deficiencies: c (two notes, one overdue) and d; an open flag between d and e
    assert attention == {"missing_items": 3, "open_deficiencies": 2, "overdue_deficiencies": 1, "duplicate_flags": 2}
    # the same counts as the claimant list's filters
    listed = client.get(
        "/api/v1/claimants", params={"case_id": seed["case"].id, "missing": True}, headers=auth(app_state)
    ).json()
    assert listed["total"] == 3
    flagged = client.get(
        "/api/v1/claimants", params={"case_id": seed["case"].id, "flagged": True}, headers=auth(app_state)
    ).json()
    assert flagged["total"] == 2


def test_an_empty_case_has_every_stage_at_zero_and_no_figures(client, session, app_state):
    case = make_case(session)
    data = client.get(f"/api/v1/cases/{case.id}/dashboard", headers=auth(app_state)).json()
    assert data["claimants"]["total"] == 0 and _stages(data["claimants"]) == {}
    assert data["proceedings"] == [] and data["hearings"] == []
    assert data["damages"]["vendor_total"] == 0 and len(data["damages"]["heads"]) == 6
    assert data["case_name"] == case.name


def test_an_unknown_case_is_a_404_problem(client, app_state):
    response = client.get("/api/v1/cases/999999/dashboard", headers=auth(app_state))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_read_the_dashboard(client, session, app_state, role):
    case = make_case(session)
    assert client.get(f"/api/v1/cases/{case.id}/dashboard", headers=auth(app_state, role)).status_code == 200


def test_without_a_token_or_without_claims_read_it_is_refused(client, session, app_state):
    case = make_case(session)
    anonymous = client.get(f"/api/v1/cases/{case.id}/dashboard")
    assert anonymous.status_code == 401 and "WWW-Authenticate" in anonymous.headers
    no_scope = client.get(f"/api/v1/cases/{case.id}/dashboard", headers=auth(app_state, scopes="hearings:read"))
    assert no_scope.status_code == 403
