from __future__ import annotations

from datetime import date

import pytest
from builders import auth, make_case, make_claimant
from sqlmodel import Session, select

from claims_api.auth.roles import Role
from claims_api.cases.models import Case
from claims_api.damages.models import DamageItem
from claims_api.evidence.models import Exhibit

PLAINTIFF_1 = [
    {"head": "fee_difference", "inputs": {"monthly_fee": 17_550, "unbilled_months": ["2023-06"]}},
    {"head": "reputation", "inputs": {"lost_clients": 2}, "facts": "顧問先2社から契約解除の申入れを受けた。"},
    {
        "head": "fee_increase_refund",
        "inputs": {"old_fee": 17_550, "new_fee": 22_050, "first_month": "2023-12", "months": 22},
    },
]
OVERTIME = {
    "kind": "overtime",
    "person": "従業員A",
    "date_from": "2023-06-05",
    "date_to": "2023-06-30",
    "hours": "40",
    "hourly_rate": 1_500,
    "premium_rate": "1.25",
}
STAFF = {"head": "staff_cost", "inputs": {"lines": [OVERTIME]}, "facts": "手作業での給与計算。"}


@pytest.fixture
def claimant(session):
    return make_claimant(session, make_case(session), service_usable_on=date(2023, 7, 4))


def _url(claimant, suffix: str = "") -> str:
    return f"/api/v1/claimants/{claimant.id}/damage-items{suffix}"


def _stored(client) -> list[DamageItem]:
    with Session(client.app.state.engine) as fresh:
        return list(fresh.exec(select(DamageItem)).all())


def test_plaintiff_1_of_the_draft_complaint_comes_to_1_100_698_yen(client, app_state, claimant):
    for body in PLAINTIFF_1:
        response = client.post(_url(claimant), json=body, headers=auth(app_state))
        assert response.status_code == 201, response.text
    summary = client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=auth(app_state)).json()
    assert (summary["contract_total"], summary["unjust_enrichment_total"], summary["total"]) == (
        1_001_698,
        99_000,
        1_100_698,
    )
    # The case's default success fee: 10% of what is obtained, tax not added.
    assert summary["success_fee"] == {
        "rate": "0.1",
        "consumption_tax": False,
        "on_amount": 1_100_698,
        "amount": 110_069,
    }
    assert [h["head"] for h in summary["heads"]] == [
        "staff_cost",
        "onprem_cost",
        "fee_difference",
        "reputation",
        "other_loss",
        "fee_increase_refund",
    ]


def test_an_item_shows_its_inputs_computed_amount_formula_and_the_offices_own_figure(client, app_state, claimant):
    body = {**PLAINTIFF_1[0], "declared_amount": 2_000}
    created = client.post(_url(claimant), json=body, headers=auth(app_state)).json()
    assert created["amount"] == 1_698
    # Left to default: the claimant's 利用可能になった日 and the incident, as the formula shows.
    assert (created["inputs"]["usable_on"], created["inputs"]["unusable_from"]) == (None, None)
    assert "令和5年6月5日～令和5年7月3日（利用可能になった日 令和5年7月4日）" in created["formula"]
    assert "令和5年7月分: 月額17,550円 × 3日 ÷ 31日 = 1,698円" in created["formula"]
    assert (created["declared_amount"], created["difference"]) == (2_000, -302)
    assert (created["head_label"], created["legal_basis"], created["exhibit_slot"]) == ("利用料差額", "contract", 4)


def test_an_amount_sent_by_the_client_is_refused_because_the_server_computes_it(client, app_state, claimant):
    response = client.post(_url(claimant), json={**STAFF, "amount": 1}, headers=auth(app_state))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "amount"


def test_new_inputs_recompute_and_the_head_cannot_change(client, app_state, claimant):
    created = client.post(_url(claimant), json=STAFF, headers=auth(app_state)).json()
    assert created["amount"] == 75_000
    more = {**STAFF, "inputs": {"lines": [{**OVERTIME, "hours": "41.5"}]}}
    replaced = client.put(_url(claimant, f"/{created['id']}"), json=more, headers=auth(app_state))
    assert replaced.status_code == 200 and replaced.json()["amount"] == 77_812  # 41.5 × 1,500 × 1.25 = 77,812.5
    other_head = client.put(_url(claimant, f"/{created['id']}"), json=PLAINTIFF_1[1], headers=auth(app_state))
    assert other_head.status_code == 422 and other_head.json()["errors"][0]["field"] == "head"
    patched = client.patch(
        _url(claimant, f"/{created['id']}"), json={"declared_amount": 80_000, "facts": "追記"}, headers=auth(app_state)
    ).json()
    assert (patched["amount"], patched["declared_amount"], patched["difference"], patched["facts"]) == (
        77_812,
        80_000,
        -2_188,
        "追記",
    )


def test_one_item_per_head(client, app_state, claimant):
    assert client.post(_url(claimant), json=STAFF, headers=auth(app_state)).status_code == 201
    assert client.post(_url(claimant), json=STAFF, headers=auth(app_state)).status_code == 409
    assert len(_stored(client)) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**STAFF, "inputs": {"lines": [{**OVERTIME, "hourly_rate": 10_000_000}]}}, "inputs.lines.0.hourly_rate"),
        ({**STAFF, "inputs": {"lines": [{**OVERTIME, "hours": "-1"}]}}, "inputs.lines.0.hours"),
        ({**STAFF, "inputs": {"lines": [{**OVERTIME, "date_from": "2023-06-04"}]}}, "inputs.lines.0.date_from"),
        ({**STAFF, "inputs": {"lines": []}}, "inputs.lines"),
        ({"head": "lost_sleep", "inputs": {}}, "head"),
        ({"head": "other_loss", "inputs": {"lines": [{"description": "x", "amount": 10.5}]}}, "inputs.lines.0.amount"),
        ({**PLAINTIFF_1[0], "inputs": {"monthly_fee": 1, "unbilled_months": ["June"]}}, "inputs.unbilled_months"),
    ],
)
def test_negative_absurd_or_early_inputs_are_refused_with_the_field(client, app_state, claimant, body, field):
    response = client.post(_url(claimant), json=body, headers=auth(app_state))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field
    assert _stored(client) == []


def test_preview_computes_without_saving(client, app_state, claimant):
    response = client.post(
        _url(claimant, "/preview"), json={**STAFF, "declared_amount": 70_000}, headers=auth(app_state)
    )
    assert response.status_code == 200
    assert (response.json()["amount"], response.json()["difference"]) == (75_000, 5_000)
    assert _stored(client) == []


def test_items_link_to_common_and_own_exhibits_only(client, session, app_state, claimant):
    other = make_claimant(session, session.get(Case, claimant.case_id))
    common = Exhibit(case_id=claimant.case_id, number=1, branch=1, title="ネットde社労夢契約書")
    own = Exhibit(case_id=claimant.case_id, claimant_id=claimant.id, number=10, branch=2, slot=2, title="タイムカード")
    foreign = Exhibit(case_id=other.case_id, claimant_id=other.id, number=11, branch=2, slot=2, title="他人の証拠")
    session.add_all([common, own, foreign])
    session.commit()
    body = {**STAFF, "exhibit_ids": [own.id, common.id]}
    created = client.post(_url(claimant), json=body, headers=auth(app_state))
    assert created.status_code == 201, created.text
    assert [e["label"] for e in created.json()["exhibits"]] == ["甲第1号証の1", "甲第10号証の2"]
    refused = client.patch(
        _url(claimant, f"/{created.json()['id']}"), json={"exhibit_ids": [foreign.id]}, headers=auth(app_state)
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "exhibit_ids"
    listed = client.get(_url(claimant), headers=auth(app_state)).json()
    assert [e["label"] for e in listed[0]["exhibits"]] == ["甲第1号証の1", "甲第10号証の2"]


def test_items_of_another_claimant_are_not_reachable(client, session, app_state, claimant):
    other = make_claimant(session, make_case(session))
    item = client.post(_url(claimant), json=STAFF, headers=auth(app_state)).json()
    response = client.patch(
        f"/api/v1/claimants/{other.id}/damage-items/{item['id']}", json={"facts": "x"}, headers=auth(app_state)
    )
    assert response.status_code == 404


def test_a_stale_if_match_protects_an_item_from_lost_updates_and_deletes(client, app_state, claimant):
    created = client.post(_url(claimant), json=STAFF, headers=auth(app_state))
    url = _url(claimant, f"/{created.json()['id']}")
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    first = client.put(url, json=STAFF | {"facts": "一度目"}, headers={**auth(app_state), "If-Match": etag})
    assert first.status_code == 200
    stale_put = client.put(url, json=STAFF, headers={**auth(app_state), "If-Match": etag})
    stale_patch = client.patch(url, json={"facts": "古い"}, headers={**auth(app_state), "If-Match": etag})
    stale_delete = client.delete(url, headers={**auth(app_state), "If-Match": etag})
    assert (stale_put.status_code, stale_patch.status_code, stale_delete.status_code) == (412, 412, 412)
    assert client.get(url, headers=auth(app_state)).json()["facts"] == "一度目"
    deleted = client.delete(url, headers={**auth(app_state), "If-Match": first.headers["etag"]})
    assert deleted.status_code == 204


def test_changes_are_audited_with_before_and_after(client, app_state, claimant):
    created = client.post(_url(claimant), json=STAFF, headers=auth(app_state)).json()
    client.patch(_url(claimant, f"/{created['id']}"), json={"declared_amount": 1}, headers=auth(app_state))
    events = client.get("/api/v1/audit-events", headers=auth(app_state, Role.admin)).json()
    update = next(e for e in events["items"] if e["action"] == "damage_item.update")
    assert update["detail"]["before"]["declared_amount"] is None
    assert update["detail"]["after"]["declared_amount"] == 1
    assert update["detail"]["after"]["amount"] == 75_000


def test_a_viewer_reads_but_cannot_write_and_no_token_gets_401(client, app_state, claimant):
    viewer = auth(app_state, Role.viewer)
    assert client.get(_url(claimant), headers=viewer).status_code == 200
    assert client.post(_url(claimant), json=STAFF, headers=viewer).status_code == 403
    assert client.post(_url(claimant), json=STAFF).status_code == 401
    assert client.get(f"/api/v1/claimants/{claimant.id}/summary").status_code == 401
    assert _stored(client) == []


def test_a_new_usable_date_on_the_claimant_recomputes_the_fee_difference(client, app_state, claimant):
    created = client.post(_url(claimant), json=PLAINTIFF_1[0], headers=auth(app_state)).json()
    assert created["amount"] == 1_698
    moved = client.patch(
        f"/api/v1/claimants/{claimant.id}", json={"service_usable_on": "2023-07-11"}, headers=auth(app_state)
    )
    assert moved.status_code == 200, moved.text
    item = client.get(_url(claimant, f"/{created['id']}"), headers=auth(app_state)).json()
    assert item["amount"] == 17_550 * 10 // 31  # July 1–10
    too_early = client.patch(
        f"/api/v1/claimants/{claimant.id}", json={"service_usable_on": "2023-06-05"}, headers=auth(app_state)
    )
    assert too_early.status_code == 422
    assert too_early.json()["errors"][0]["field"] == "service_usable_on"
    assert client.get(_url(claimant, f"/{created['id']}"), headers=auth(app_state)).json()["amount"] == 5_661


def test_a_new_reputation_sum_or_incident_date_on_the_case_recomputes_the_items(client, session, app_state, claimant):
    reputation = client.post(_url(claimant), json=PLAINTIFF_1[1], headers=auth(app_state)).json()
    fee = client.post(_url(claimant), json=PLAINTIFF_1[0], headers=auth(app_state)).json()
    case_url = f"/api/v1/cases/{claimant.case_id}"
    case = client.get(case_url, headers=auth(app_state)).json()
    fields = {k: v for k, v in case.items() if k not in ("id", "created_at", "updated_at")}

    lower = client.put(case_url, json={**fields, "reputation_amount": 500_000}, headers=auth(app_state, Role.lawyer))
    assert lower.status_code == 200, lower.text
    assert client.get(_url(claimant, f"/{reputation['id']}"), headers=auth(app_state)).json()["amount"] == 500_000

    # From the outage on 2023-07-02 (say the case was entered wrong): July 2–3 only, June no longer in the period.
    later = client.put(
        case_url,
        json={**fields, "reputation_amount": 500_000, "incident_date": "2023-07-02"},
        headers=auth(app_state, Role.lawyer),
    )
    assert later.status_code == 200, later.text
    assert client.get(_url(claimant, f"/{fee['id']}"), headers=auth(app_state)).json()["amount"] == 17_550 * 2 // 31

    staff = client.post(
        _url(claimant),
        json=STAFF | {"inputs": {"lines": [{**OVERTIME, "date_from": "2023-07-05", "date_to": "2023-07-31"}]}},
        headers=auth(app_state),
    )
    assert staff.status_code == 201, staff.text
    too_late = client.put(
        case_url, json={**fields, "incident_date": "2023-07-10"}, headers=auth(app_state, Role.lawyer)
    )
    assert too_late.status_code == 422
    assert too_late.json()["errors"][0]["field"] == "incident_date"
    assert client.get(case_url, headers=auth(app_state)).json()["incident_date"] == "2023-07-02"


def test_a_head_created_meanwhile_by_another_request_is_a_409_not_a_500(client, app_state, claimant, monkeypatch):
    """Two creates of one head can both pass the check; the unique constraint decides and the loser gets 409."""
    from claims_api.damages import service

    original_flush = service.Session.flush

    def flush_with_a_concurrent_row(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for item in [o for o in self.new if isinstance(o, DamageItem)]:
            self.add(DamageItem(claimant_id=item.claimant_id, head=item.head, amount=1, formula=""))
        return original_flush(self, *args, **kwargs)

    monkeypatch.setattr(service.Session, "flush", flush_with_a_concurrent_row)
    response = client.post(_url(claimant), json=STAFF, headers=auth(app_state))
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    monkeypatch.undo()
    assert _stored(client) == []
