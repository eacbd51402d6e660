"""A claimant's history: the audit entries about it and its damage items, exhibits, files, memberships and
settlements, for everyone who may read the claimant; never another claimant's."""

from __future__ import annotations

import hashlib

import httpx
import pytest
from builders import (
    auth,
    make_case,
    make_claimant,
    make_partner,
    make_proceeding,
    partner_headers,
    shared_claimant,
    token_for,
)
from transfer.files import csv_bytes, row

from claims_api.auth.roles import Role

STAFF_COST = {
    "head": "staff_cost",
    "inputs": {
        "lines": [
            {
                "kind": "overtime",
                "person": "事務員A",
                "date_from": "2023-06-06",
                "date_to": "2023-06-30",
                "hours": "10",
                "hourly_rate": 1500,
            }
        ]
    },
}
OTHER_LOSS = {
    "head": "other_loss",
    "inputs": {"lines": [{"description": "お詫び状の郵送", "occurred_on": "2023-06-20", "amount": 12000}]},
}
FILE = "タイムカード 2023年6月\n".encode() * 50


def history(client, app_state, claimant_id, role=Role.viewer, **params):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/claimants/{claimant_id}/history", params=params, headers=auth(app_state, role))
    assert response.status_code == 200, response.text
    return response.json()


def actions(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["action"] for item in page["items"]]


def subject(event):  # type: ignore[no-untyped-def]
    """kind, id and what names it: an exhibit's label, a proceeding's name, a damage item's head."""
    about = event["subject"]
    return about and (about["kind"], about["id"], about["label"] or about["head"])


def add_item(client, app_state, claimant_id, body):  # type: ignore[no-untyped-def]
    response = client.post(f"/api/v1/claimants/{claimant_id}/damage-items", json=body, headers=auth(app_state))
    assert response.status_code == 201, response.text
    return response.json()


def add_exhibit(client, app_state, case_id, claimant_id, title, **fields):  # type: ignore[no-untyped-def]
    body = {"claimant_id": claimant_id, "title": title, **fields}
    response = client.post(f"/api/v1/cases/{case_id}/exhibits", json=body, headers=auth(app_state))
    assert response.status_code == 201, response.text
    return response.json()


def upload(client, app_state, exhibit_id, content=FILE, filename="タイムカード.pdf"):  # type: ignore[no-untyped-def]
    body = {
        "filename": filename,
        "content_type": "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    }
    ticket = client.post(f"/api/v1/exhibits/{exhibit_id}/versions/uploads", json=body, headers=auth(app_state))
    assert ticket.status_code == 201, ticket.text
    assert httpx.put(ticket.json()["url"], content=content, headers=ticket.json()["headers"]).status_code == 200
    done = client.post(
        f"/api/v1/exhibits/{exhibit_id}/versions",
        json={"upload_id": ticket.json()["upload_id"]},
        headers=auth(app_state),
    )
    assert done.status_code == 201, done.text


# ---- who may read it -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.admin, Role.lawyer, Role.staff, Role.viewer])
def test_everyone_who_may_read_the_claimant_reads_its_history(client, session, app_state, role):
    claimant = make_claimant(session, make_case(session))
    add_item(client, app_state, claimant.id, STAFF_COST)

    page = history(client, app_state, claimant.id, role=role)

    assert actions(page) == ["damage_item.create"]
    assert page["next_cursor"] is None


def test_the_history_needs_a_token(client, session):
    claimant = make_claimant(session, make_case(session))
    response = client.get(f"/api/v1/claimants/{claimant.id}/history")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_the_insurer_may_not_read_the_history(client, session, app_state):
    make_partner(session)
    claimant = shared_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/history"

    # its own token is for the partner API only; a token for this API with its scopes lacks claims:read
    with_partner_token = client.get(url, headers=partner_headers(client))
    partner_scopes = token_for(app_state, scopes="partner:claims.read partner:settlements.write", kind="partner")
    with_partner_scopes = client.get(url, headers={"Authorization": f"Bearer {partner_scopes}"})

    assert with_partner_token.status_code == 401
    assert with_partner_scopes.status_code == 403
    assert with_partner_scopes.headers["content-type"].startswith("application/problem+json")


def test_an_unknown_claimant_is_a_404_problem(client, app_state):
    response = client.get("/api/v1/claimants/999999/history", headers=auth(app_state, Role.viewer))
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


# ---- what it holds ---------------------------------------------------------------------------------------


def test_damage_items_exhibits_files_and_memberships_are_in_it_and_no_other_claimants(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case, name="第1次調停")
    claimant, other = make_claimant(session, case), make_claimant(session, case)
    common = add_exhibit(client, app_state, case.id, None, "利用契約約款")
    for someone in (claimant, other):
        add_item(client, app_state, someone.id, STAFF_COST)
        exhibit = add_exhibit(client, app_state, case.id, someone.id, f"勤怠記録{someone.id}", slot=2)
        upload(client, app_state, exhibit["id"])
        member = client.post(
            f"/api/v1/proceedings/{proceeding.id}/members", json={"claimant_id": someone.id}, headers=auth(app_state)
        )
        assert member.status_code == 201, member.text
    upload(client, app_state, common["id"])
    mine = add_exhibit(client, app_state, case.id, claimant.id, "給与台帳", slot=2)
    renumbered = client.post(
        f"/api/v1/claimants/{claimant.id}/exhibits/renumber", json={"number": 20}, headers=auth(app_state)
    )
    assert renumbered.status_code == 200, renumbered.text
    removed = client.delete(f"/api/v1/proceedings/{proceeding.id}/members/{claimant.id}", headers=auth(app_state))
    assert removed.status_code == 204, removed.text
    first = next(e for e in renumbered.json() if e["title"].startswith("勤怠記録"))

    page = history(client, app_state, claimant.id)

    # newest first; the file version is filed under the exhibit alone (no claimant in its entry)
    assert [(i["action"], i["entity"], i["entity_id"]) for i in page["items"]] == [
        ("proceeding.member.remove", "proceeding", str(proceeding.id)),
        ("exhibit.renumber", "exhibit", str(mine["id"])),
        ("exhibit.renumber", "exhibit", str(first["id"])),
        ("exhibit.create", "exhibit", str(mine["id"])),
        ("proceeding.member.add", "proceeding", str(proceeding.id)),
        ("exhibit.version", "exhibit", str(first["id"])),
        ("exhibit.create", "exhibit", str(first["id"])),
        ("damage_item.create", "claimant", str(claimant.id)),
    ]
    subjects = [subject(i) for i in page["items"]]
    assert subjects[0] == ("proceeding", proceeding.id, "第1次調停")
    # an exhibit is named by its label today, whatever it was called when the entry was written
    assert subjects[5] == subjects[6] == ("exhibit", first["id"], "甲第20号証の2")
    assert page["items"][6]["subject"]["title"] == first["title"]
    assert page["items"][5]["detail"]["filename"] == "タイムカード.pdf"
    assert subjects[7] == ("damage_item", page["items"][7]["detail"]["item_id"], "staff_cost")
    assert "prev_hash" not in page["items"][0] and "hash" not in page["items"][0]
    others = history(client, app_state, other.id)
    assert {i["id"] for i in others["items"]}.isdisjoint(i["id"] for i in page["items"])
    assert all(i["subject"]["id"] != common["id"] for i in others["items"] if i["entity"] == "exhibit")


def test_the_insurers_reads_are_in_it_unless_left_out_and_its_settlements_always(client, session, app_state):
    make_partner(session)
    case = make_case(session)
    claimant, other = shared_claimant(session, case), shared_claimant(session, case)
    item = add_item(client, app_state, claimant.id, OTHER_LOSS)
    moved = client.patch(
        f"/api/v1/claimants/{claimant.id}/damage-items/{item['id']}",
        json={"claimed_from": "insurer"},
        headers=auth(app_state),
    )
    assert moved.status_code == 200, moved.text
    insurer = partner_headers(client)
    assert client.get(f"/partner/v1/claims/{claimant.id}", headers=insurer).status_code == 200
    assert client.get(f"/partner/v1/claims/{other.id}", headers=insurer).status_code == 200
    paid = client.post(
        f"/partner/v1/claims/{claimant.id}/damage-items/{item['id']}/settlement",
        json={"paid_amount": 12000, "paid_on": "2024-03-01"},
        headers=insurer,
    )
    assert paid.status_code in (200, 201), paid.text

    everything = history(client, app_state, claimant.id)
    changes_only = history(client, app_state, claimant.id, partner_reads=False)

    assert [(i["action"], i["actor"]) for i in everything["items"]][:2] == [
        ("partner.settlement.create", "client:insurer-a"),
        ("partner.claims.read", "client:insurer-a"),
    ]
    assert actions(changes_only) == ["partner.settlement.create", "damage_item.update", "damage_item.create"]
    assert subject(changes_only["items"][0]) == ("damage_item", item["id"], "other_loss")


def test_a_duplicate_dismissed_on_the_other_claimant_is_in_both_histories(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(session, case, registration_no="27001234")
    created = client.post(
        "/api/v1/claimants",
        json={"case_id": case.id, "kind": "sr_individual", "name": "重複 四郎", "registration_no": "27001234"},
        headers=auth(app_state),
    )
    assert created.status_code == 201, created.text
    new_id = created.json()["id"]
    dismissed = client.post(f"/api/v1/claimants/{existing.id}/duplicates/{new_id}/dismiss", headers=auth(app_state))
    assert dismissed.status_code == 200, dismissed.text

    on_existing = history(client, app_state, existing.id)
    on_new = history(client, app_state, new_id)

    assert actions(on_existing) == ["claimant.duplicate.dismiss"]
    assert subject(on_existing["items"][0]) == ("claimant", new_id, None)
    assert actions(on_new) == ["claimant.duplicate.dismiss", "claimant.create"]
    assert subject(on_new["items"][0]) == ("claimant", existing.id, None)
    assert subject(on_new["items"][1]) is None  # the claimant's own data


def test_the_import_that_created_the_claimant_is_in_it_without_the_other_claimants(client, session, app_state):
    case = make_case(session)
    imported = client.post(
        f"/api/v1/cases/{case.id}/claimant-imports",
        files={"file": ("原告一覧.csv", csv_bytes([row(1), row(2)]), "text/csv")},
        headers=auth(app_state),
    )
    assert imported.status_code == 201, imported.text
    first, second = (r["claimant_id"] for r in imported.json()["imported"])
    bystander = make_claimant(session, case)

    page = history(client, app_state, first)

    assert actions(page) == ["claimant.import"]
    assert page["items"][0]["detail"]["rows_imported"] == 2
    assert "claimant_ids" not in page["items"][0]["detail"]
    assert actions(history(client, app_state, second)) == ["claimant.import"]
    assert actions(history(client, app_state, bystander.id)) == []


def test_pages_follow_each_other_without_gaps_or_repeats(client, session, app_state):
    case = make_case(session)
    claimant = make_claimant(session, case)
    item = add_item(client, app_state, claimant.id, OTHER_LOSS)
    for n in range(4):
        changed = client.patch(
            f"/api/v1/claimants/{claimant.id}/damage-items/{item['id']}",
            json={"facts": f"郵送{n + 1}回目"},
            headers=auth(app_state),
        )
        assert changed.status_code == 200, changed.text
    add_item(client, app_state, make_claimant(session, case).id, OTHER_LOSS)  # another claimant's, in between

    pages, cursor = [], None
    while True:
        page = history(client, app_state, claimant.id, limit=2, **({"cursor": cursor} if cursor else {}))
        pages.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert [len(p) for p in pages] == [2, 2, 1]
    ids = [i["id"] for p in pages for i in p]
    assert ids == sorted(ids, reverse=True)
    assert [i["action"] for p in pages for i in p] == ["damage_item.update"] * 4 + ["damage_item.create"]
    assert [i["detail"]["after"]["facts"] for p in pages for i in p][:4] == [f"郵送{n}回目" for n in (4, 3, 2, 1)]
