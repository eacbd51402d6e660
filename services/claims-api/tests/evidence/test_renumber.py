"""Renumbering is explicit: one exhibit, or all of a claimant's; collisions are 409; every move is audited."""

from __future__ import annotations

from builders import auth, make_case, make_claimant, make_exhibit
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.evidence.models import Exhibit


def _renumber(client, app_state, exhibit_id, number, branch, headers=None):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/exhibits/{exhibit_id}/renumber",
        json={"number": number, "branch": branch},
        headers=headers or auth(app_state),
    )


def _moves(session) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.action == "exhibit.renumber").order_by(AuditEntry.id)
    ).all()
    return [(e.entity_id, e.detail["before"]["label"], e.detail["after"]["label"]) for e in entries]


def test_an_exhibit_moves_to_a_free_label_and_the_move_is_audited(client, session, app_state):
    case = make_case(session)
    exhibit = make_exhibit(session, case, number=7)
    response = _renumber(client, app_state, exhibit.id, 1, 3)
    assert response.status_code == 200, response.text
    assert (response.json()["label"], response.json()["short_label"]) == ("甲第1号証の3", "甲1の3")
    assert response.headers["ETag"]
    assert _moves(session) == [(str(exhibit.id), "甲第7号証", "甲第1号証の3")]
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "exhibit.renumber")).one()
    assert (entry.entity, entry.actor, entry.detail["case_id"]) == ("exhibit", "user:999", case.id)


def test_a_move_onto_a_taken_label_is_409_and_changes_nothing(client, session, app_state):
    case = make_case(session)
    make_exhibit(session, case, number=1, branch=1, title="ネットde社労夢契約書")
    exhibit = make_exhibit(session, case, number=2)

    response = _renumber(client, app_state, exhibit.id, 1, 1)

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "甲第1号証の1 is already taken" in response.json()["detail"]
    assert _renumber(client, app_state, exhibit.id, 1, None).status_code == 409  # 甲第1号証 has branches
    session.refresh(exhibit)
    assert (exhibit.number, exhibit.branch) == (2, None)
    assert _moves(session) == []


def test_moving_to_the_same_label_changes_nothing(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session), number=4)
    response = _renumber(client, app_state, exhibit.id, 4, None)
    assert response.status_code == 200 and response.json()["label"] == "甲第4号証"
    assert _moves(session) == []


def test_a_stale_etag_refuses_the_move(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session), number=4)
    etag = client.get(f"/api/v1/exhibits/{exhibit.id}", headers=auth(app_state)).headers["ETag"]
    client.patch(f"/api/v1/exhibits/{exhibit.id}", json={"note": "原本は事務所保管"}, headers=auth(app_state))
    response = _renumber(client, app_state, exhibit.id, 5, None, headers=auth(app_state) | {"If-Match": etag})
    assert response.status_code == 412
    assert _moves(session) == []


def test_a_claimants_exhibit_changes_branch_but_not_number_alone(client, session, app_state):
    case = make_case(session)
    claimant = make_claimant(session, case)
    contract = make_exhibit(session, case, claimant, number=10, branch=1, slot=1)
    other = make_exhibit(session, case, claimant, number=10, branch=6, slot=6)

    assert _renumber(client, app_state, other.id, 10, 2).json()["label"] == "甲第10号証の2"
    elsewhere = _renumber(client, app_state, other.id, 11, 2)
    assert elsewhere.status_code == 409 and "甲第10号証" in elsewhere.json()["detail"]
    unbranched = _renumber(client, app_state, contract.id, 10, None)
    assert unbranched.status_code == 422 and unbranched.json()["errors"][0]["field"] == "branch"
    assert _moves(session) == [(str(other.id), "甲第10号証の6", "甲第10号証の2")]


def test_a_claimants_block_moves_together_and_keeps_its_branches(client, session, app_state):
    case = make_case(session)
    claimant, neighbour = make_claimant(session, case), make_claimant(session, case)
    make_exhibit(session, case, number=1)
    first = make_exhibit(session, case, claimant, number=4, branch=1, slot=1)
    second = make_exhibit(session, case, claimant, number=4, branch=2, slot=2)
    make_exhibit(session, case, neighbour, number=5, branch=1, slot=1)
    url = f"/api/v1/claimants/{claimant.id}/exhibits/renumber"

    for taken in (1, 5):
        response = client.post(url, json={"number": taken}, headers=auth(app_state))
        assert response.status_code == 409, response.text
    assert _moves(session) == []

    moved = client.post(url, json={"number": 20}, headers=auth(app_state))
    assert moved.status_code == 200, moved.text
    assert [e["label"] for e in moved.json()] == ["甲第20号証の1", "甲第20号証の2"]
    assert _moves(session) == [
        (str(first.id), "甲第4号証の1", "甲第20号証の1"),
        (str(second.id), "甲第4号証の2", "甲第20号証の2"),
    ]
    # The claimant's next exhibit joins the block at its new number; 4 is free again.
    created = client.post(
        f"/api/v1/cases/{case.id}/exhibits",
        json={"claimant_id": claimant.id, "slot": 5, "title": "顧問契約解除通知書"},
        headers=auth(app_state),
    )
    assert created.json()["label"] == "甲第20号証の5"
    reuse = client.post(f"/api/v1/cases/{case.id}/exhibits", json={"number": 4, "title": "x"}, headers=auth(app_state))
    assert reuse.json()["label"] == "甲第4号証"


def test_a_claimant_without_exhibits_has_no_block_to_move(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/exhibits/renumber"
    assert client.post(url, json={"number": 3}, headers=auth(app_state)).status_code == 409
    bad = client.post(url, json={"number": 0}, headers=auth(app_state))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "number"
    assert (
        client.post(
            "/api/v1/claimants/999999/exhibits/renumber", json={"number": 3}, headers=auth(app_state)
        ).status_code
        == 404
    )
    assert session.exec(select(Exhibit)).first() is None
