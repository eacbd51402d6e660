"""Exhibits: numbering (common and per claimant), labels, metadata, listing and validation."""

from __future__ import annotations

from typing import Any

from builders import add_member, auth, make_case, make_claimant, make_exhibit, make_proceeding
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.evidence.models import Exhibit


def _create(client, app_state, case_id: int, status: int = 201, **fields: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    body = {"title": "書証"} | fields
    response = client.post(f"/api/v1/cases/{case_id}/exhibits", json=body, headers=auth(app_state))
    assert response.status_code == status, response.text
    return response.json()


def _labels(exhibits: list[dict[str, Any]]) -> list[str]:
    return [e["label"] for e in exhibits]


def test_common_exhibits_take_the_given_or_next_free_number(client, session, app_state):
    case = make_case(session)
    first = _create(
        client,
        app_state,
        case.id,
        number=1,
        branch=1,
        title="ネットde社労夢契約書",
        author="被告",
        purpose="利用契約の内容",
        made_on="2019-04-01",
    )
    second = _create(client, app_state, case.id, number=1, branch=2, title="社労夢ハウス利用契約書")
    third = _create(client, app_state, case.id, title="個人情報保護委員会への報告", original_or_copy="original")

    assert (first["label"], first["short_label"]) == ("甲第1号証の1", "甲1の1")
    assert (second["label"], second["short_label"]) == ("甲第1号証の2", "甲1の2")
    assert (third["label"], third["short_label"], third["branch"]) == ("甲第2号証", "甲2", None)
    assert first | {"id": 0, "created_at": "", "updated_at": ""} == {
        "id": 0,
        "case_id": case.id,
        "claimant_id": None,
        "side": "甲",
        "number": 1,
        "branch": 1,
        "slot": None,
        "slot_name": None,
        "label": "甲第1号証の1",
        "short_label": "甲1の1",
        "title": "ネットde社労夢契約書",
        "original_or_copy": "copy",
        "made_on": "2019-04-01",
        "author": "被告",
        "purpose": "利用契約の内容",
        "note": "",
        "created_at": "",
        "updated_at": "",
        "current_version": None,
    }
    assert third["original_or_copy"] == "original"


def test_a_claimants_exhibits_share_one_number_after_the_common_ones_and_slots_are_branches(client, session, app_state):
    case = make_case(session)
    a, b = make_claimant(session, case), make_claimant(session, case)
    for _ in range(3):
        _create(client, app_state, case.id)  # 甲1, 甲2, 甲3

    staff = _create(client, app_state, case.id, claimant_id=a.id, slot=2, title="タイムカード")
    contract = _create(client, app_state, case.id, claimant_id=a.id, slot=1, title="利用契約書")
    other = _create(client, app_state, case.id, claimant_id=b.id, slot=6, title="お詫び状の送付費用の領収書")
    second_staff = _create(client, app_state, case.id, claimant_id=a.id, slot=2, title="賃金台帳")
    a_other = _create(client, app_state, case.id, claimant_id=a.id, slot=6, title="領収書")
    a_other_2 = _create(client, app_state, case.id, claimant_id=a.id, slot=6, title="領収書その2")

    assert (staff["label"], staff["slot_name"]) == ("甲第4号証の2", "人件費")
    assert contract["label"] == "甲第4号証の1"
    assert other["label"] == "甲第5号証の6"
    # A second document of a slot takes the next branch above 6.
    assert (second_staff["label"], second_staff["slot"]) == ("甲第4号証の7", 2)
    assert a_other["label"] == "甲第4号証の6"
    assert a_other_2["label"] == "甲第4号証の8"
    # A common exhibit added now comes after the claimants' numbers.
    assert _create(client, app_state, case.id)["label"] == "甲第6号証"

    own = client.get(f"/api/v1/claimants/{a.id}/exhibits", headers=auth(app_state, Role.viewer)).json()
    assert _labels(own) == ["甲第4号証の1", "甲第4号証の2", "甲第4号証の6", "甲第4号証の7", "甲第4号証の8"]
    citable = client.get(
        f"/api/v1/claimants/{a.id}/exhibits", params={"include_common": True}, headers=auth(app_state)
    ).json()
    assert _labels(citable) == ["甲第1号証", "甲第2号証", "甲第3号証", *_labels(own), "甲第6号証"]


def test_an_explicit_branch_and_a_first_explicit_number_are_honoured(client, session, app_state):
    case = make_case(session)
    a = make_claimant(session, case)
    first = _create(client, app_state, case.id, claimant_id=a.id, slot=3, number=20, branch=1)
    second = _create(client, app_state, case.id, claimant_id=a.id, slot=3)
    assert (first["label"], second["label"]) == ("甲第20号証の1", "甲第20号証の3")


def test_a_claimants_number_is_its_own(client, session, app_state):
    case = make_case(session)
    a, b = make_claimant(session, case), make_claimant(session, case)
    _create(client, app_state, case.id, number=1)
    _create(client, app_state, case.id, claimant_id=a.id, slot=1)  # 甲第2号証の1

    other_number = _create(client, app_state, case.id, 409, claimant_id=a.id, slot=2, number=9)
    assert "甲第2号証" in other_number["detail"]
    taken_by_a = _create(client, app_state, case.id, 409, claimant_id=b.id, slot=1, number=2)
    assert f"claimant {a.id}" in taken_by_a["detail"]
    assert "common" in _create(client, app_state, case.id, 409, claimant_id=b.id, slot=1, number=1)["detail"]
    _create(client, app_state, case.id, 409, number=2, branch=5)  # a common exhibit in A's number
    assert session.exec(select(Exhibit).where(Exhibit.case_id == case.id)).all().__len__() == 2


def test_a_taken_label_is_a_conflict_and_a_number_is_branched_or_not(client, session, app_state):
    case = make_case(session)
    _create(client, app_state, case.id, number=1)
    _create(client, app_state, case.id, number=2, branch=1)

    assert "甲第1号証 is already taken" in _create(client, app_state, case.id, 409, number=1)["detail"]
    assert "without a branch" in _create(client, app_state, case.id, 409, number=1, branch=1)["detail"]
    assert "has branches" in _create(client, app_state, case.id, 409, number=2)["detail"]
    assert "甲第2号証の1 is already taken" in _create(client, app_state, case.id, 409, number=2, branch=1)["detail"]


def test_the_same_number_in_another_case_or_on_the_defendants_side_is_free(client, session, app_state):
    case, other_case = make_case(session), make_case(session)
    _create(client, app_state, case.id, number=1)
    assert _create(client, app_state, other_case.id, number=1)["label"] == "甲第1号証"
    assert _create(client, app_state, case.id, number=1, side="乙")["label"] == "乙第1号証"


def test_the_case_listing_is_in_label_order_and_filters(client, session, app_state):
    case = make_case(session)
    a = make_claimant(session, case)
    make_exhibit(session, case, number=3)
    make_exhibit(session, case, a, number=4, branch=2, slot=2)
    make_exhibit(session, case, number=1, branch=2)
    make_exhibit(session, case, number=1, branch=1)
    make_exhibit(session, case, side="乙", number=1)
    make_exhibit(session, make_case(session), number=2)  # another case
    viewer = auth(app_state, Role.viewer)
    url = f"/api/v1/cases/{case.id}/exhibits"

    page = client.get(url, headers=viewer).json()
    assert _labels(page["items"]) == ["甲第1号証の1", "甲第1号証の2", "甲第3号証", "甲第4号証の2", "乙第1号証"]
    assert (page["total"], page["limit"], page["offset"]) == (5, 500, 0)
    assert _labels(client.get(url, params={"claimant_id": a.id}, headers=viewer).json()["items"]) == ["甲第4号証の2"]
    common = client.get(url, params={"common": "true"}, headers=viewer).json()
    assert _labels(common["items"]) == ["甲第1号証の1", "甲第1号証の2", "甲第3号証", "乙第1号証"]
    assert _labels(client.get(url, params={"common": "false"}, headers=viewer).json()["items"]) == ["甲第4号証の2"]
    second = client.get(url, params={"limit": 2, "offset": 2}, headers=viewer).json()
    assert (_labels(second["items"]), second["total"]) == (["甲第3号証", "甲第4号証の2"], 5)
    assert client.get("/api/v1/cases/999999/exhibits", headers=viewer).status_code == 404
    assert client.get(url, params={"limit": 0}, headers=viewer).json()["errors"][0]["field"] == "limit"


def test_an_update_needs_the_current_etag_and_is_audited_with_before_and_after(client, session, app_state):
    case = make_case(session)
    exhibit = _create(client, app_state, case.id, title="回答書", author="不明")
    url = f"/api/v1/exhibits/{exhibit['id']}"
    read = client.get(url, headers=auth(app_state, Role.viewer))
    etag = read.headers["ETag"]
    assert read.json() == exhibit

    changed = client.patch(
        url,
        json={"author": "被告", "made_on": "2023-11-20", "purpose": "被告の回答内容"},
        headers=auth(app_state) | {"If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["author"], changed.json()["made_on"], changed.json()["title"]) == (
        "被告",
        "2023-11-20",
        "回答書",
    )
    assert changed.headers["ETag"] != etag

    stale = client.patch(url, json={"author": "誰か"}, headers=auth(app_state) | {"If-Match": etag})
    assert stale.status_code == 412
    unknown_date = client.patch(url, json={"made_on": None}, headers=auth(app_state))
    assert unknown_date.json()["made_on"] is None and unknown_date.json()["author"] == "被告"

    entry = session.exec(
        select(AuditEntry).where(AuditEntry.action == "exhibit.update", AuditEntry.entity_id == str(exhibit["id"]))
    ).first()
    assert entry is not None and entry.entity == "exhibit"
    assert (entry.detail["before"]["author"], entry.detail["after"]["author"]) == ("不明", "被告")
    assert entry.detail["after"]["label"] == "甲第1号証"


def test_creation_is_audited_and_a_repeated_key_creates_once(client, session, app_state):
    case = make_case(session)
    headers = auth(app_state) | {"Idempotency-Key": "exhibit-1"}
    body = {"title": "通知書"}
    first = client.post(f"/api/v1/cases/{case.id}/exhibits", json=body, headers=headers)
    again = client.post(f"/api/v1/cases/{case.id}/exhibits", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert len(session.exec(select(Exhibit).where(Exhibit.case_id == case.id)).all()) == 1
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "exhibit.create")).one()
    assert (entry.entity, entry.entity_id, entry.detail["after"]["label"]) == (
        "exhibit",
        str(first.json()["id"]),
        "甲第1号証",
    )


def _field(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    return response.json()["errors"][0]["field"]


def test_invalid_input_names_the_field(client, session, app_state):
    case, other_case = make_case(session), make_case(session)
    claimant, stranger = make_claimant(session, case), make_claimant(session, other_case)
    url = f"/api/v1/cases/{case.id}/exhibits"
    headers = auth(app_state)

    def post(**body: Any):  # type: ignore[no-untyped-def]
        return client.post(url, json={"title": "書証"} | body, headers=headers)

    assert _field(post(claimant_id=claimant.id)) == "slot"
    assert _field(post(slot=2)) == "slot"
    assert _field(post(claimant_id=claimant.id, slot=7)) == "slot"
    assert _field(post(claimant_id=claimant.id, slot=1, side="乙")) == "side"
    assert _field(post(claimant_id=stranger.id, slot=1)) == "claimant_id"
    assert _field(post(claimant_id=999999, slot=1)) == "claimant_id"
    assert _field(post(title="")) == "title"
    assert _field(post(original_or_copy="scan")) == "original_or_copy"
    assert _field(post(side="丙")) == "side"
    assert _field(post(number=0)) == "number"
    assert _field(post(made_on="令和5年")) == "made_on"
    assert session.exec(select(Exhibit).where(Exhibit.case_id == case.id)).first() is None

    exhibit = make_exhibit(session, case)
    own = make_exhibit(session, case, claimant)
    assert _field(client.patch(f"/api/v1/exhibits/{exhibit.id}", json={"title": None}, headers=headers)) == "title"
    assert _field(client.patch(f"/api/v1/exhibits/{exhibit.id}", json={"slot": 2}, headers=headers)) == "slot"
    assert _field(client.patch(f"/api/v1/exhibits/{own.id}", json={"slot": None}, headers=headers)) == "slot"
    moved = client.patch(f"/api/v1/exhibits/{own.id}", json={"slot": 3}, headers=headers)
    assert (moved.json()["slot"], moved.json()["slot_name"], moved.json()["branch"]) == (3, "オンプレ版費用", 6)


def test_unknown_records_are_404(client, session, app_state):
    headers = auth(app_state)
    assert client.get("/api/v1/exhibits/999999", headers=headers).status_code == 404
    assert client.post("/api/v1/cases/999999/exhibits", json={"title": "x"}, headers=headers).status_code == 404
    assert client.get("/api/v1/claimants/999999/exhibits", headers=headers).status_code == 404
    assert client.patch("/api/v1/exhibits/999999", json={"note": "x"}, headers=headers).status_code == 404


def test_the_listing_of_a_proceeding_has_the_common_exhibits_and_its_members_own(client, session, app_state):
    case = make_case(session)
    lawsuit, mediation = make_proceeding(session, case), make_proceeding(session, case, kind="mediation")
    member, other = make_claimant(session, case), make_claimant(session, case)
    add_member(session, lawsuit, member, 1)
    add_member(session, mediation, other, 1)
    make_exhibit(session, case, number=1, branch=1)
    make_exhibit(session, case, other, number=3, branch=2, slot=2)
    make_exhibit(session, case, member, number=2, branch=1, slot=1)
    make_exhibit(session, case, member, number=2, branch=4, slot=4)
    make_exhibit(session, case, side="乙", number=1)
    foreign_case = make_case(session)
    make_exhibit(session, foreign_case, number=5)
    viewer = auth(app_state, Role.viewer)
    url = f"/api/v1/cases/{case.id}/exhibits"

    page = client.get(url, params={"proceeding_id": lawsuit.id}, headers=viewer).json()
    assert _labels(page["items"]) == ["甲第1号証の1", "甲第2号証の1", "甲第2号証の4", "乙第1号証"]
    assert page["total"] == 4
    mediation_page = client.get(url, params={"proceeding_id": mediation.id}, headers=viewer).json()
    assert _labels(mediation_page["items"]) == ["甲第1号証の1", "甲第3号証の2", "乙第1号証"]
    own_only = client.get(url, params={"proceeding_id": lawsuit.id, "common": "false"}, headers=viewer).json()
    assert _labels(own_only["items"]) == ["甲第2号証の1", "甲第2号証の4"]
    empty = make_proceeding(session, case, name="空")
    assert _labels(client.get(url, params={"proceeding_id": empty.id}, headers=viewer).json()["items"]) == [
        "甲第1号証の1",
        "乙第1号証",
    ]
    foreign = make_proceeding(session, foreign_case)
    assert client.get(url, params={"proceeding_id": foreign.id}, headers=viewer).status_code == 404
    assert client.get(url, params={"proceeding_id": 999999}, headers=viewer).status_code == 404
