"""The case and its proceedings: ETag on reads, If-Match on writes (412 for a stale one, nothing changed; left
out, the write goes ahead), the success fee settings, roles, and the audit trail."""

from __future__ import annotations

from builders import add_member, auth, make_case, make_claimant, make_proceeding
from sqlmodel import Session, col, select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.outbox.models import OutboxEvent

CASE_BODY = {
    "name": "クラウド障害事件",
    "title": "損害賠償等請求事件",
    "defendant_name": "株式会社テストクラウド",
    "court": "大阪地方裁判所",
    "incident_date": "2023-06-05",
}


def _lawyer(app_state, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {**auth(app_state, Role.lawyer), **extra}


def _audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.id))))


def _case(session: Session, case_id: int | None) -> Case:
    session.expire_all()
    case = session.get(Case, case_id)
    assert case is not None
    return case


# --- case ----------------------------------------------------------------------------------------------------


def test_a_new_case_has_the_firms_success_fee_policy_and_an_etag(client, app_state):
    created = client.post("/api/v1/cases", json=CASE_BODY, headers=_lawyer(app_state))
    assert created.status_code == 201, created.text
    assert created.json()["success_fee_rate"] == "0.10"
    assert created.json()["success_fee_consumption_tax"] is False
    read = client.get(f"/api/v1/cases/{created.json()['id']}", headers=auth(app_state, Role.viewer))
    assert read.status_code == 200
    assert read.headers["etag"] == created.headers["etag"]
    assert read.json() == created.json()


def test_the_success_fee_settings_are_stored_exactly(client, session, app_state):
    case = make_case(session)
    url = f"/api/v1/cases/{case.id}"
    body = client.get(url, headers=_lawyer(app_state)).json()
    saved = client.put(
        url, json=body | {"success_fee_rate": "0.0833", "success_fee_consumption_tax": True}, headers=_lawyer(app_state)
    )
    assert saved.status_code == 200, saved.text
    assert (saved.json()["success_fee_rate"], saved.json()["success_fee_consumption_tax"]) == ("0.0833", True)
    stored = _case(session, case.id)
    assert (stored.success_fee_rate_bp, stored.success_fee_consumption_tax) == (833, True)

    as_number = client.put(url, json=body | {"success_fee_rate": 0.125}, headers=_lawyer(app_state))
    assert as_number.json()["success_fee_rate"] == "0.125" and _case(session, case.id).success_fee_rate_bp == 1250
    whole = client.put(url, json=body | {"success_fee_rate": "1"}, headers=_lawyer(app_state))
    assert whole.json()["success_fee_rate"] == "1.00"


def test_a_success_fee_rate_out_of_range_or_too_fine_is_422(client, session, app_state):
    case = make_case(session)
    url = f"/api/v1/cases/{case.id}"
    body = client.get(url, headers=_lawyer(app_state)).json()
    for rate in ("1.01", "-0.01", "0.12345", "abc"):
        response = client.put(url, json=body | {"success_fee_rate": rate}, headers=_lawyer(app_state))
        assert response.status_code == 422, rate
        assert response.json()["errors"][0]["field"] == "success_fee_rate"
    assert _case(session, case.id).success_fee_rate_bp == 1000


def test_put_with_a_stale_if_match_is_412_and_changes_nothing(client, session, app_state):
    case = make_case(session, court="大阪地方裁判所")
    url = f"/api/v1/cases/{case.id}"
    first = client.get(url, headers=_lawyer(app_state))
    etag, body = first.headers["etag"], first.json()

    saved = client.put(
        url, json=body | {"case_number": "令和8年(ワ)第123号"}, headers=_lawyer(app_state, **{"If-Match": etag})
    )
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] != etag
    assert saved.headers["etag"] == client.get(url, headers=_lawyer(app_state)).headers["etag"]

    stale = client.put(
        url,
        json=body | {"court": "東京地方裁判所", "success_fee_rate": "0.2"},
        headers=_lawyer(app_state, **{"If-Match": etag}),
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["current_etag"] == saved.headers["etag"]
    stored = _case(session, case.id)
    assert (stored.court, stored.case_number, stored.success_fee_rate_bp) == (
        "大阪地方裁判所",
        "令和8年(ワ)第123号",
        1000,
    )
    assert len(_audit(session, "case.update")) == 1

    again = client.put(
        url,
        json=body | {"court": "東京地方裁判所"},
        headers=_lawyer(app_state, **{"If-Match": stale.json()["current_etag"]}),
    )
    assert again.status_code == 200 and again.json()["court"] == "東京地方裁判所"


def test_put_without_if_match_goes_ahead_and_is_audited_with_the_fields(client, session, app_state):
    case = make_case(session)
    url = f"/api/v1/cases/{case.id}"
    body = client.get(url, headers=_lawyer(app_state)).json()
    saved = client.put(
        url, json=body | {"served_on": "2026-12-01", "success_fee_rate": "0.15"}, headers=_lawyer(app_state)
    )
    assert saved.status_code == 200, saved.text
    (entry,) = _audit(session, "case.update")
    assert entry.entity_id == str(case.id)
    assert entry.detail == {"fields": ["served_on", "success_fee_rate_bp"]}


def test_case_reads_and_writes_by_role(client, session, app_state):
    case = make_case(session)
    url = f"/api/v1/cases/{case.id}"
    assert client.get(url).status_code == 401
    assert client.get(url).headers["www-authenticate"].startswith("Bearer")
    body = client.get(url, headers=auth(app_state, Role.viewer)).json()
    assert client.put(url, json=body).status_code == 401
    assert (
        client.put(url, json=body | {"court": "東京地方裁判所"}, headers=auth(app_state, Role.viewer)).status_code
        == 403
    )
    assert (
        client.put(url, json=body | {"court": "東京地方裁判所"}, headers=auth(app_state, Role.staff)).status_code == 403
    )
    assert _case(session, case.id).court == "大阪地方裁判所"
    assert client.get("/api/v1/cases/999999", headers=_lawyer(app_state)).status_code == 404
    assert client.put("/api/v1/cases/999999", json=body, headers=_lawyer(app_state)).status_code == 404


# --- proceedings ---------------------------------------------------------------------------------------------


def _proceeding(session: Session, proceeding_id: int | None) -> Proceeding:
    session.expire_all()
    proceeding = session.get(Proceeding, proceeding_id)
    assert proceeding is not None
    return proceeding


def test_one_proceeding_is_read_with_its_member_count_and_an_etag(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case, kind="mediation", name="第1次調停", court="大阪簡易裁判所")
    add_member(session, proceeding, make_claimant(session, case), 1)
    response = client.get(f"/api/v1/proceedings/{proceeding.id}", headers=auth(app_state, Role.viewer))
    assert response.status_code == 200
    assert response.json() | {"id": 0} == {
        "id": 0,
        "case_id": case.id,
        "kind": "mediation",
        "name": "第1次調停",
        "court": "大阪簡易裁判所",
        "case_number": None,
        "filed_on": None,
        "status": "preparing",
        "member_count": 1,
    }
    assert response.headers["etag"].startswith('"')
    assert client.get("/api/v1/proceedings/999999", headers=auth(app_state)).status_code == 404


def test_patch_records_the_filing_and_is_audited_without_an_outbox_event(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    url = f"/api/v1/proceedings/{proceeding.id}"
    etag = client.get(url, headers=_lawyer(app_state)).headers["etag"]
    filed = client.patch(
        url,
        json={"status": "filed", "filed_on": "2026-12-01", "case_number": "令和8年(ワ)第123号"},
        headers=_lawyer(app_state, **{"If-Match": etag}),
    )
    assert filed.status_code == 200, filed.text
    assert (filed.json()["status"], filed.json()["filed_on"], filed.json()["case_number"]) == (
        "filed",
        "2026-12-01",
        "令和8年(ワ)第123号",
    )
    assert filed.headers["etag"] == client.get(url, headers=_lawyer(app_state)).headers["etag"] != etag
    stored = _proceeding(session, proceeding.id)
    assert (stored.status, stored.filed_on.isoformat() if stored.filed_on else None) == ("filed", "2026-12-01")
    (entry,) = _audit(session, "proceeding.update")
    assert entry.detail == {
        "fields": ["case_number", "filed_on", "status"],
        "before": {"case_number": None, "filed_on": None, "status": "preparing"},
        "after": {"case_number": "令和8年(ワ)第123号", "filed_on": "2026-12-01", "status": "filed"},
    }
    assert session.exec(select(OutboxEvent)).first() is None


def test_patch_with_a_stale_if_match_is_412_and_changes_nothing(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    url = f"/api/v1/proceedings/{proceeding.id}"
    etag = client.get(url, headers=_lawyer(app_state)).headers["etag"]
    renamed = client.patch(url, json={"name": "第1次訴訟"}, headers=_lawyer(app_state, **{"If-Match": etag}))
    assert renamed.status_code == 200

    stale = client.patch(url, json={"court": "東京地方裁判所"}, headers=_lawyer(app_state, **{"If-Match": etag}))
    assert stale.status_code == 412
    assert stale.json()["current_etag"] == renamed.headers["etag"]
    assert (_proceeding(session, proceeding.id).name, _proceeding(session, proceeding.id).court) == (
        "第1次訴訟",
        "大阪地方裁判所",
    )

    # A member added since the read changes the proceeding's representation, and so its ETag.
    current = renamed.headers["etag"]
    add_member(session, proceeding, make_claimant(session, case), 1)
    assert (
        client.patch(url, json={"status": "filed"}, headers=_lawyer(app_state, **{"If-Match": current})).status_code
        == 412
    )
    assert _proceeding(session, proceeding.id).status == "preparing"
    assert len(_audit(session, "proceeding.update")) == 1


def test_patch_without_if_match_goes_ahead_and_null_only_clears_what_may_be_empty(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session), case_number="令和8年(ノ)第5号")
    url = f"/api/v1/proceedings/{proceeding.id}"
    cleared = client.patch(url, json={"case_number": None, "filed_on": None}, headers=_lawyer(app_state))
    assert cleared.status_code == 200 and cleared.json()["case_number"] is None
    for field in ("name", "court", "status"):
        refused = client.patch(url, json={field: None}, headers=_lawyer(app_state))
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == field
    unknown = client.patch(url, json={"status": "won"}, headers=_lawyer(app_state))
    assert unknown.status_code == 422
    assert client.patch("/api/v1/proceedings/999999", json={"name": "x"}, headers=_lawyer(app_state)).status_code == 404


def test_proceeding_reads_and_writes_by_role(client, session, app_state):
    proceeding = make_proceeding(session, make_case(session))
    url = f"/api/v1/proceedings/{proceeding.id}"
    assert client.get(url).status_code == 401
    assert client.patch(url, json={"status": "filed"}).status_code == 401
    assert client.get(url, headers=auth(app_state, Role.viewer)).status_code == 200
    assert client.patch(url, json={"status": "filed"}, headers=auth(app_state, Role.viewer)).status_code == 403
    assert client.patch(url, json={"status": "filed"}, headers=auth(app_state, Role.staff)).status_code == 403
    assert _proceeding(session, proceeding.id).status == "preparing"


# --- members -------------------------------------------------------------------------------------------------


def _members(session: Session, proceeding: Proceeding) -> list[tuple[int, int]]:
    rows = session.exec(
        select(ProceedingMember)
        .where(ProceedingMember.proceeding_id == proceeding.id)
        .order_by(col(ProceedingMember.number))
    ).all()
    return [(m.claimant_id, m.number) for m in rows]


def test_removing_a_member_is_audited_and_leaves_the_others_numbers(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    first, second = make_claimant(session, case), make_claimant(session, case)
    add_member(session, proceeding, first, 1)
    add_member(session, proceeding, second, 2)
    url = f"/api/v1/proceedings/{proceeding.id}"
    etag = client.get(url, headers=auth(app_state)).headers["etag"]

    removed = client.delete(f"{url}/members/{first.id}", headers={**auth(app_state), "If-Match": etag})
    assert removed.status_code == 204, removed.text
    assert _members(session, proceeding) == [(second.id, 2)]
    assert client.get(url, headers=auth(app_state)).json()["member_count"] == 1
    (entry,) = _audit(session, "proceeding.member.remove")
    assert (entry.entity, entry.entity_id) == ("proceeding", str(proceeding.id))
    assert entry.detail == {"claimant_id": first.id, "number": 1}

    again = client.delete(f"{url}/members/{first.id}", headers=auth(app_state))
    assert again.status_code == 404
    assert again.json()["detail"] == f"claimant {first.id} is no member of proceeding {proceeding.id}"


def test_removing_a_member_with_a_stale_if_match_is_412_and_removes_nobody(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    first = make_claimant(session, case)
    add_member(session, proceeding, first, 1)
    url = f"/api/v1/proceedings/{proceeding.id}"
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    client.patch(url, json={"status": "filed"}, headers=_lawyer(app_state))  # someone else's change

    stale = client.delete(f"{url}/members/{first.id}", headers={**auth(app_state), "If-Match": etag})
    assert stale.status_code == 412
    assert _members(session, proceeding) == [(first.id, 1)]
    assert _audit(session, "proceeding.member.remove") == []

    without = client.delete(f"{url}/members/{first.id}", headers=auth(app_state))
    assert without.status_code == 204
    assert _members(session, proceeding) == []


def test_removing_a_member_by_role(client, session, app_state):
    case = make_case(session)
    proceeding = make_proceeding(session, case)
    claimant = make_claimant(session, case)
    add_member(session, proceeding, claimant, 1)
    url = f"/api/v1/proceedings/{proceeding.id}/members/{claimant.id}"
    assert client.delete(url).status_code == 401
    assert client.delete(url, headers=auth(app_state, Role.viewer)).status_code == 403
    assert _members(session, proceeding) == [(claimant.id, 1)]
    assert (
        client.delete(f"/api/v1/proceedings/999999/members/{claimant.id}", headers=auth(app_state)).status_code == 404
    )
