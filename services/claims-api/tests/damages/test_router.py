from __future__ import annotations

from builders import auth, make_case, make_claimant
from sqlmodel import select

from claims_api.damages.models import DamageItem

SEED_000_PLAINTIFF_1 = [
    ("fee_difference", 1_698),
    ("reputation", 1_000_000),
    ("fee_increase_refund", 99_000),
]


def test_summary_adds_up_per_head_and_legal_basis_to_the_yen(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    for head, amount in SEED_000_PLAINTIFF_1:
        response = client.post(
            f"/api/v1/claimants/{claimant.id}/damage-items",
            json={"head": head, "amount": amount, "formula": "式", "facts": "事実"},
            headers=auth(app_state),
        )
        assert response.status_code == 201, response.text
    summary = client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=auth(app_state)).json()
    assert summary["contract_total"] == 1_001_698
    assert summary["unjust_enrichment_total"] == 99_000
    assert summary["total"] == 1_100_698
    assert [h["head"] for h in summary["heads"]] == [
        "staff_cost",
        "onprem_cost",
        "fee_difference",
        "reputation",
        "other_loss",
        "fee_increase_refund",
    ]
    assert {h["head"]: h["amount"] for h in summary["heads"]}["staff_cost"] == 0


def test_items_show_label_basis_and_exhibit_slot(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    client.post(
        f"/api/v1/claimants/{claimant.id}/damage-items",
        json={"head": "staff_cost", "amount": 150_000},
        headers=auth(app_state),
    )
    (item,) = client.get(f"/api/v1/claimants/{claimant.id}/damage-items", headers=auth(app_state)).json()
    assert (item["head_label"], item["legal_basis"], item["exhibit_slot"]) == ("人件費", "contract", 2)


def test_update_and_delete_change_the_summary(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    created = client.post(
        f"/api/v1/claimants/{claimant.id}/damage-items",
        json={"head": "other_loss", "amount": 10},
        headers=auth(app_state),
    ).json()
    client.patch(
        f"/api/v1/claimants/{claimant.id}/damage-items/{created['id']}",
        json={"amount": 25_000},
        headers=auth(app_state),
    )
    assert client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=auth(app_state)).json()["total"] == 25_000
    deleted = client.delete(f"/api/v1/claimants/{claimant.id}/damage-items/{created['id']}", headers=auth(app_state))
    assert deleted.status_code == 204
    assert client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=auth(app_state)).json()["total"] == 0


def test_negative_fractional_absurd_or_unknown_inputs_are_refused(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    for body, field in [
        ({"head": "staff_cost", "amount": -1}, "amount"),
        ({"head": "staff_cost", "amount": 10.5}, "amount"),
        ({"head": "staff_cost", "amount": 10_000_000_000}, "amount"),
        ({"head": "lost_sleep", "amount": 1}, "head"),
    ]:
        response = client.post(url, json=body, headers=auth(app_state))
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field
    assert session.exec(select(DamageItem)).first() is None


def test_items_of_another_claimant_are_not_reachable(client, session, app_state):
    case = make_case(session)
    owner, other = make_claimant(session, case), make_claimant(session, case)
    item = client.post(
        f"/api/v1/claimants/{owner.id}/damage-items",
        json={"head": "other_loss", "amount": 5},
        headers=auth(app_state),
    ).json()
    response = client.patch(
        f"/api/v1/claimants/{other.id}/damage-items/{item['id']}", json={"amount": 1}, headers=auth(app_state)
    )
    assert response.status_code == 404


def test_a_stale_if_match_protects_an_item_from_lost_updates_and_deletes(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    base = f"/api/v1/claimants/{claimant.id}/damage-items"
    created = client.post(base, json={"head": "staff_cost", "amount": 100_000}, headers=auth(app_state))
    url = f"{base}/{created.json()['id']}"
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    assert created.headers["content-type"].startswith("application/json")

    first = client.patch(url, json={"amount": 120_000}, headers={**auth(app_state), "If-Match": etag})
    assert first.status_code == 200
    stale_update = client.patch(url, json={"amount": 90_000}, headers={**auth(app_state), "If-Match": etag})
    stale_delete = client.delete(url, headers={**auth(app_state), "If-Match": etag})
    assert (stale_update.status_code, stale_delete.status_code) == (412, 412)
    assert client.get(f"/api/v1/claimants/{claimant.id}/summary", headers=auth(app_state)).json()["total"] == 120_000
    deleted = client.delete(url, headers={**auth(app_state), "If-Match": first.headers["etag"]})
    assert deleted.status_code == 204
