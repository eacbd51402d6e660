from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from builders import auth, make_case, make_user

from claims_api.audit import service as audit
from claims_api.auth.roles import Role

EVENTS = "/api/v1/audit-events"


def _seed(session) -> None:  # type: ignore[no-untyped-def]
    for actor, action, entity, entity_id in [
        ("user:1", "claimant.create", "claimant", 10),
        ("user:2", "claimant.update", "claimant", 10),
        ("user:1", "hearing.create", "hearing", 3),
        ("user:2", "claimant.update", "claimant", 11),
    ]:
        audit.record(session=session, actor=actor, action=action, entity=entity, entity_id=entity_id)
    session.commit()


@pytest.mark.parametrize("path", [EVENTS, f"{EVENTS}/verify"])
@pytest.mark.parametrize("role", [Role.staff, Role.lawyer, Role.viewer])
def test_only_admins_may_read_the_audit_log(client, app_state, path, role):
    response = client.get(path, headers=auth(app_state, role))
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", [EVENTS, f"{EVENTS}/verify"])
def test_the_audit_log_needs_a_token(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_admin_lists_changes_and_logins_newest_first_with_hashes(client, session, app_state):
    make_user(session, Role.lawyer, email="lawyer@example.com", password="long enough secret")
    login = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "lawyer@example.com", "password": "long enough secret"},
    )
    assert login.status_code == 200
    refused = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "lawyer@example.com", "password": "wrong"},
    )
    assert refused.status_code == 400
    case = make_case(session)
    created = client.post(
        "/api/v1/claimants",
        json={"case_id": case.id, "kind": "sr_individual", "name": "監査 太郎", "office_name": "監査事務所"},
        headers=auth(app_state, Role.staff),
    )
    assert created.status_code == 201, created.text

    response = client.get(EVENTS, headers=auth(app_state, Role.admin))
    assert response.status_code == 200
    body = response.json()
    items = body["items"]
    assert [i["action"] for i in items] == ["claimant.create", "login.failed", "login"]
    assert items[0]["actor"] == "user:999" and items[0]["entity_id"] == str(created.json()["id"])
    assert items[0]["request_id"]  # the request that made the change
    assert items[-1]["prev_hash"] == "0" * 64
    assert items[0]["prev_hash"] == items[1]["hash"] and items[1]["prev_hash"] == items[2]["hash"]
    assert set(items[0]) == {
        "id", "at", "actor", "action", "entity", "entity_id", "detail", "request_id", "prev_hash", "hash",
    }  # fmt: skip
    assert body["next_cursor"] is None

    verified = client.get(f"{EVENTS}/verify", headers=auth(app_state, Role.admin))
    assert verified.status_code == 200
    assert verified.json() == {
        "ok": True,
        "entries_checked": 3,
        "first_bad_id": None,
        "reason": None,
        "last_id": items[0]["id"],
        "last_hash": items[0]["hash"],
    }


def test_filters(client, session, app_state):
    _seed(session)
    admin = auth(app_state, Role.admin)

    def ids(**params: object) -> list[str]:
        response = client.get(EVENTS, params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [f"{i['action']}:{i['entity_id']}" for i in response.json()["items"]]

    assert ids(actor="user:1") == ["hearing.create:3", "claimant.create:10"]
    assert ids(action="claimant.update") == ["claimant.update:11", "claimant.update:10"]
    assert ids(entity="hearing") == ["hearing.create:3"]
    assert ids(entity="claimant", entity_id="10") == ["claimant.update:10", "claimant.create:10"]
    assert ids(actor="user:2", entity_id="11") == ["claimant.update:11"]
    assert ids(actor="nobody") == []
    now = datetime.now(UTC)
    assert len(ids(**{"from": (now - timedelta(minutes=5)).isoformat()})) == 4
    assert ids(**{"from": (now + timedelta(minutes=5)).isoformat()}) == []
    assert ids(to=(now - timedelta(minutes=5)).isoformat()) == []
    assert len(ids(to=(now + timedelta(minutes=5)).isoformat())) == 4


def test_time_filter_between_entries(client, session, app_state):
    audit.record(session=session, actor="user:1", action="a.first", entity="x")
    session.commit()
    audit.record(session=session, actor="user:1", action="a.second", entity="x")
    session.commit()
    admin = auth(app_state, Role.admin)
    items = client.get(EVENTS, headers=admin).json()["items"]
    second_at = items[0]["at"]
    newer = client.get(EVENTS, params={"from": second_at}, headers=admin).json()["items"]
    older = client.get(EVENTS, params={"to": second_at}, headers=admin).json()["items"]
    assert [i["action"] for i in newer] == ["a.second"]
    assert [i["action"] for i in older] == ["a.first"]


def test_paging_with_a_cursor(client, session, app_state):
    for n in range(7):
        audit.record(session=session, actor="user:1", action="claimant.update", entity="claimant", entity_id=n)
    session.commit()
    admin = auth(app_state, Role.admin)
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, object] = {"limit": 3}
        if cursor is not None:
            params["cursor"] = cursor
        body = client.get(EVENTS, params=params, headers=admin).json()
        seen += [i["entity_id"] for i in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [str(n) for n in reversed(range(7))]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 501}, "limit"), ({"limit": 0}, "limit"), ({"from": "2026-01-01T00:00:00"}, "from")],
)
def test_bad_query_parameters_are_refused(client, app_state, params, field):
    response = client.get(EVENTS, params=params, headers=auth(app_state, Role.admin))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_verify_reports_an_altered_and_a_removed_entry(client, session, app_state, tamper):
    _seed(session)
    admin = auth(app_state, Role.admin)
    items = client.get(EVENTS, headers=admin).json()["items"][::-1]  # oldest first
    tamper("DELETE FROM audit_log WHERE id = :id", id=items[1]["id"])
    body = client.get(f"{EVENTS}/verify", headers=admin).json()
    assert body["ok"] is False and body["first_bad_id"] == items[2]["id"]
    assert "removed" in body["reason"]
    tamper("UPDATE audit_log SET entity_id = '99' WHERE id = :id", id=items[0]["id"])
    body = client.get(f"{EVENTS}/verify", headers=admin).json()
    assert (body["ok"], body["first_bad_id"], body["entries_checked"]) == (False, items[0]["id"], 1)
    assert "altered" in body["reason"]
