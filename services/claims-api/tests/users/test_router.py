from __future__ import annotations

import pytest
from builders import auth, make_user
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.users.models import User

PASSWORD = "correct horse battery"


def _login(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password})


def _as(client, user: User) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = _login(client, user.email)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _problem(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def _stored(session, user_id: int) -> User:  # type: ignore[no-untyped-def]
    session.expire_all()
    user = session.get(User, user_id)
    assert user is not None
    return user


def test_admin_changes_name_and_role_and_the_change_is_audited_with_before_and_after(client, session):
    admin = make_user(session, Role.admin, email="admin@example.com")
    staff = make_user(session, Role.staff, email="staff@example.com", name="事務 花子")
    response = client.patch(
        f"/api/v1/users/{staff.id}", json={"role": "lawyer", "name": "弁護士 花子"}, headers=_as(client, admin)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["role"] == "lawyer" and body["name"] == "弁護士 花子" and body["is_active"] is True
    assert "password" not in response.text
    stored = _stored(session, staff.id)
    assert stored.role == "lawyer" and stored.name == "弁護士 花子"

    [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "user.update")).all()
    assert entry.actor == f"user:{admin.id}" and entry.entity == "user" and entry.entity_id == str(staff.id)
    assert entry.detail["before"] == {"name": "事務 花子", "role": "staff", "is_active": True}
    assert entry.detail["after"] == {"name": "弁護士 花子", "role": "lawyer", "is_active": True}

    # The new role's scopes come with the next login.
    assert "cases:write" in _login(client, "staff@example.com").json()["scope"].split()


def test_a_deactivated_user_cannot_log_in_until_reactivated(client, session):
    admin = make_user(session, Role.admin, email="admin@example.com")
    viewer = make_user(session, Role.viewer, email="viewer@example.com")
    headers = _as(client, admin)
    assert _login(client, "viewer@example.com").status_code == 200

    off = client.patch(f"/api/v1/users/{viewer.id}", json={"is_active": False}, headers=headers)
    assert off.status_code == 200 and off.json()["is_active"] is False
    refused = _login(client, "viewer@example.com")
    assert refused.status_code == 400 and _problem(refused)["error"] == "invalid_grant"
    assert [u["is_active"] for u in client.get("/api/v1/users", headers=headers).json() if u["id"] == viewer.id] == [
        False
    ]

    on = client.patch(f"/api/v1/users/{viewer.id}", json={"is_active": True}, headers=headers)
    assert on.status_code == 200 and on.json()["is_active"] is True
    assert _login(client, "viewer@example.com").status_code == 200
    entries = session.exec(select(AuditEntry).where(AuditEntry.action == "user.update")).all()
    assert [(e.detail["before"]["is_active"], e.detail["after"]["is_active"]) for e in entries] == [
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize(("change", "field"), [({"is_active": False}, "is_active"), ({"role": "lawyer"}, "role")])
def test_an_admin_cannot_deactivate_or_demote_themself(client, session, change, field):
    admin = make_user(session, Role.admin, email="admin@example.com")
    make_user(session, Role.admin, email="other-admin@example.com")  # not the last admin: the self rule applies
    response = client.patch(f"/api/v1/users/{admin.id}", json=change, headers=_as(client, admin))
    assert response.status_code == 422
    assert [e["field"] for e in _problem(response)["errors"]] == [field]
    stored = _stored(session, admin.id)
    assert stored.role == "admin" and stored.is_active is True
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "user.update")).first() is None


def test_an_admin_may_rename_themself(client, session):
    admin = make_user(session, Role.admin, email="admin@example.com")
    response = client.patch(f"/api/v1/users/{admin.id}", json={"name": "管理 太郎"}, headers=_as(client, admin))
    assert response.status_code == 200 and response.json()["name"] == "管理 太郎"


@pytest.mark.parametrize("change", [{"is_active": False}, {"role": "viewer"}])
def test_the_last_active_admin_cannot_be_demoted_or_deactivated(client, session, app_state, change):
    last = make_user(session, Role.admin, email="admin@example.com")
    make_user(session, Role.admin, email="gone@example.com", is_active=False)  # an inactive admin does not count
    # Another admin's token (not a user of this database) acting on the only active admin.
    response = client.patch(f"/api/v1/users/{last.id}", json=change, headers=auth(app_state, Role.admin))
    assert response.status_code == 409
    assert "last active admin" in _problem(response)["detail"]
    stored = _stored(session, last.id)
    assert stored.role == "admin" and stored.is_active is True


def test_an_admin_can_be_demoted_while_another_admin_remains(client, session):
    admin = make_user(session, Role.admin, email="admin@example.com")
    other = make_user(session, Role.admin, email="other@example.com")
    response = client.patch(f"/api/v1/users/{other.id}", json={"role": "lawyer"}, headers=_as(client, admin))
    assert response.status_code == 200 and response.json()["role"] == "lawyer"


def test_bad_changes_are_422_with_the_field_and_unknown_users_404(client, session, app_state):
    user = make_user(session, Role.staff)
    headers = auth(app_state, Role.admin)
    bad_role = client.patch(f"/api/v1/users/{user.id}", json={"role": "owner"}, headers=headers)
    assert bad_role.status_code == 422 and [e["field"] for e in _problem(bad_role)["errors"]] == ["role"]
    empty_name = client.patch(f"/api/v1/users/{user.id}", json={"name": ""}, headers=headers)
    assert empty_name.status_code == 422 and [e["field"] for e in _problem(empty_name)["errors"]] == ["name"]
    password = client.patch(f"/api/v1/users/{user.id}", json={"password": "x" * 20}, headers=headers)
    assert password.status_code == 422
    missing = client.patch("/api/v1/users/99999", json={"name": "x"}, headers=headers)
    assert missing.status_code == 404 and _problem(missing)["status"] == 404
    assert _stored(session, user.id).role == "staff"


@pytest.mark.parametrize("role", [Role.lawyer, Role.staff, Role.viewer])
def test_only_admins_change_users(client, session, app_state, role):
    user = make_user(session, Role.staff)
    response = client.patch(f"/api/v1/users/{user.id}", json={"role": "admin"}, headers=auth(app_state, role))
    assert response.status_code == 403
    assert _problem(response)["detail"] == "Missing scope: users:admin"
    assert _stored(session, user.id).role == "staff"


def test_changing_a_user_needs_a_token(client, session):
    user = make_user(session, Role.staff)
    response = client.patch(f"/api/v1/users/{user.id}", json={"role": "admin"})
    assert response.status_code == 401 and "WWW-Authenticate" in response.headers
    assert _stored(session, user.id).role == "staff"
