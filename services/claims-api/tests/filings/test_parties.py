"""The parties of a proceeding (当事者目録): the case and its defendant, the proceeding, and its members with
their addresses and representatives, in member-number order."""

from __future__ import annotations

from datetime import date

from builders import add_member, auth, make_case, make_claimant, make_proceeding

from claims_api.auth.roles import Role


def test_the_parties_are_the_case_the_proceeding_and_its_members_in_number_order(client, session, app_state):
    case = make_case(
        session,
        defendant_name="株式会社テストクラウド",
        defendant_address="大阪府大阪市北区架空町1丁目2番3号",
        defendant_representative="代表取締役 見本 一郎",
        served_on=date(2025, 8, 1),
        case_number="令和7年(ワ)第100号",
    )
    lawsuit = make_proceeding(session, case, case_number="令和7年(ワ)第100号", filed_on=date(2025, 7, 1))
    other = make_proceeding(session, case, kind="mediation", name="第1次調停")
    corporation = make_claimant(
        session,
        case,
        kind="sr_corporation",
        name="山田 太郎",
        representative="代表社員 山田 太郎",
        office_name="社会保険労務士法人山田労務",
        postal_code="530-0001",
        address="大阪府大阪市北区梅田1丁目1番1号",
    )
    individual = make_claimant(session, case, name="佐藤 花子", office_name=None, postal_code=None, address=None)
    outsider = make_claimant(session, case, name="調停 のみ")
    add_member(session, lawsuit, corporation, 2)  # joined first, numbered second: the number decides
    add_member(session, lawsuit, individual, 1)
    add_member(session, other, outsider, 1)

    response = client.get(
        f"/api/v1/cases/{case.id}/parties", params={"proceeding_id": lawsuit.id}, headers=auth(app_state, Role.viewer)
    )
    assert response.status_code == 200, response.text
    parties = response.json()
    assert parties["case"] == {
        "id": case.id,
        "name": case.name,
        "title": "損害賠償等請求事件",
        "defendant_name": "株式会社テストクラウド",
        "defendant_address": "大阪府大阪市北区架空町1丁目2番3号",
        "defendant_representative": "代表取締役 見本 一郎",
        "court": "大阪地方裁判所",
        "incident_date": "2023-06-05",
        "served_on": "2025-08-01",
        "case_number": "令和7年(ワ)第100号",
        "reputation_amount": case.reputation_amount,
    }
    assert parties["proceeding"] == {
        "id": lawsuit.id,
        "kind": "lawsuit",
        "name": "本訴訟",
        "court": "大阪地方裁判所",
        "case_number": "令和7年(ワ)第100号",
        "filed_on": "2025-07-01",
        "status": "preparing",
    }
    assert parties["plaintiffs"] == [
        {
            "number": 1,
            "claimant_id": individual.id,
            "kind": "sr_individual",
            "name": "佐藤 花子",
            "representative": None,
            "office_name": None,
            "postal_code": None,
            "address": None,
        },
        {
            "number": 2,
            "claimant_id": corporation.id,
            "kind": "sr_corporation",
            "name": "山田 太郎",
            "representative": "代表社員 山田 太郎",
            "office_name": "社会保険労務士法人山田労務",
            "postal_code": "530-0001",
            "address": "大阪府大阪市北区梅田1丁目1番1号",
        },
    ]


def test_a_proceeding_without_members_has_no_plaintiffs(client, session, app_state):
    case = make_case(session)
    empty = make_proceeding(session, case)
    parties = client.get(
        f"/api/v1/cases/{case.id}/parties", params={"proceeding_id": empty.id}, headers=auth(app_state)
    ).json()
    assert parties["plaintiffs"] == [] and parties["proceeding"]["id"] == empty.id


def test_one_claimant_s_membership_is_read_with_its_number(client, session, app_state):
    case = make_case(session)
    lawsuit = make_proceeding(session, case)
    first, second, outsider = (make_claimant(session, case, name=name) for name in ("一 郎", "二 郎", "外 郎"))
    add_member(session, lawsuit, first, 1)
    add_member(session, lawsuit, second, 2)
    url = f"/api/v1/cases/{case.id}/parties"

    def members(claimant_id: int) -> list[tuple[int, str]]:
        params = {"proceeding_id": lawsuit.id, "claimant_id": claimant_id}
        response = client.get(url, params=params, headers=auth(app_state))
        assert response.status_code == 200, response.text
        assert response.json()["proceeding"]["id"] == lawsuit.id
        return [(p["number"], p["name"]) for p in response.json()["plaintiffs"]]

    assert members(second.id) == [(2, "二 郎")]
    assert members(outsider.id) == []


def test_the_proceeding_is_required_and_must_be_of_the_case(client, session, app_state):
    case, other = make_case(session), make_case(session)
    foreign = make_proceeding(session, other)
    url = f"/api/v1/cases/{case.id}/parties"
    missing = client.get(url, headers=auth(app_state))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "proceeding_id"
    assert client.get(url, params={"proceeding_id": foreign.id}, headers=auth(app_state)).status_code == 404
    assert client.get(url, params={"proceeding_id": 999999}, headers=auth(app_state)).status_code == 404
    unknown_case = client.get(
        "/api/v1/cases/999999/parties", params={"proceeding_id": foreign.id}, headers=auth(app_state)
    )
    assert unknown_case.status_code == 404


def test_the_parties_need_claims_read(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    url, params = f"/api/v1/cases/{case.id}/parties", {"proceeding_id": proceeding.id}
    assert client.get(url, params=params).status_code == 401
    assert client.get(url, params=params, headers=auth(app_state, scopes="cases:read")).status_code == 403
    assert client.get(url, params=params, headers=auth(app_state, scopes="claims:read")).status_code == 200
