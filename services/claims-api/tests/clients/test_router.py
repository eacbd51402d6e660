from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from builders import auth
from sqlmodel import select

from bengodan_common.db import utcnow
from claims_api.audit.models import AuditEntry
from claims_api.auth.passwords import verify_secret
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.idempotency.models import IdempotencyKey
from claims_api.users.models import Client

INSURER = {
    "client_id": "acme-insurer",
    "name": "アクメ損害保険 API",
    "insurer": "アクメ損害保険株式会社",
    "scopes": ["partner:claims.read"],
}


def _admin(app_state) -> dict[str, str]:
    return auth(app_state, Role.admin)


def _problem(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def _fields(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["field"] for e in _problem(response)["errors"]]


def _create(client, app_state, **overrides) -> dict:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/clients", json=INSURER | overrides, headers=_admin(app_state))
    assert response.status_code == 201, response.text
    return response.json()


def _token(client, client_id: str, secret: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


def _claims(token: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def _stored(session, client_id: str) -> Client:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.exec(select(Client).where(Client.client_id == client_id)).one()


def _audit(session, action: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_create_returns_the_secret_once_and_it_obtains_a_partner_token(client, session, app_state):
    response = client.post("/api/v1/clients", json=INSURER, headers=_admin(app_state))
    assert response.status_code == 201, response.text
    assert response.headers["cache-control"] == "no-store"
    created = response.json()
    secret = created["client_secret"]
    assert len(secret) >= 40  # token_urlsafe(32): 43 characters
    assert created["client_id"] == "acme-insurer" and created["kind"] == "partner"
    assert created["insurer"] == "アクメ損害保険株式会社" and created["scopes"] == ["partner:claims.read"]
    assert created["is_active"] is True and created["revoked_at"] is None

    listed = client.get("/api/v1/clients", headers=_admin(app_state))
    one = client.get("/api/v1/clients/acme-insurer", headers=_admin(app_state))
    assert listed.status_code == one.status_code == 200
    assert [c["client_id"] for c in listed.json()] == ["acme-insurer"]
    for text, body in ((listed.text, listed.json()[0]), (one.text, one.json())):
        assert secret not in text and "client_secret" not in body and "hash" not in text
    assert one.json() == {k: v for k, v in created.items() if k != "client_secret"}

    stored = _stored(session, "acme-insurer")
    assert stored.secret_hash != secret and verify_secret(stored.secret_hash, secret)

    token = _token(client, "acme-insurer", secret)
    assert token.status_code == 200, token.text
    claims = _claims(token.json()["access_token"])
    assert claims["aud"] == "partner" and claims["sub"] == "client:acme-insurer"
    assert token.json()["scope"] == "partner:claims.read"

    [entry] = _audit(session, "client.create")
    assert entry.entity_id == "acme-insurer" and entry.detail["insurer"] == "アクメ損害保険株式会社"
    assert all(secret not in json.dumps(e.detail) for e in session.exec(select(AuditEntry)))


def test_a_service_client_gets_the_internal_audience(client, app_state):
    created = _create(client, app_state, client_id="reports", kind="service", insurer=None, scopes=["claims:read"])
    token = _token(client, "reports", created["client_secret"])
    assert token.status_code == 200
    assert _claims(token.json()["access_token"])["aud"] == app_state.settings.auth.audience


def test_a_repeated_create_under_the_same_key_replays_without_the_secret(client, session, app_state):
    headers = _admin(app_state) | {"Idempotency-Key": "insurer-1"}
    first = client.post("/api/v1/clients", json=INSURER, headers=headers)
    again = client.post("/api/v1/clients", json=INSURER, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    secret = first.json()["client_secret"]
    assert secret and again.json()["client_secret"] is None
    assert again.headers["Idempotent-Replayed"] == "true"
    assert {k: v for k, v in again.json().items() if k != "client_secret"} == {
        k: v for k, v in first.json().items() if k != "client_secret"
    }
    [key] = session.exec(select(IdempotencyKey)).all()
    assert key.response_body is not None and key.response_body["client_secret"] is None
    assert secret not in json.dumps(key.response_body)
    assert len(_audit(session, "client.create")) == 1


def test_the_api_never_takes_a_chosen_secret(client, session, app_state):
    response = client.post(
        "/api/v1/clients", json=INSURER | {"client_secret": "my own secret 123"}, headers=_admin(app_state)
    )
    assert response.status_code == 422
    assert _fields(response) == ["client_secret"]
    assert session.exec(select(Client)).first() is None


def test_rotation_keeps_the_old_secret_for_the_grace_period_only(client, session, app_state):
    old = _create(client, app_state)["client_secret"]
    before = utcnow()
    response = client.post(
        "/api/v1/clients/acme-insurer/rotate-secret", json={"grace_hours": 2}, headers=_admin(app_state)
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    rotated = response.json()
    new = rotated["client_secret"]
    assert new and new != old
    stored = _stored(session, "acme-insurer")
    assert stored.previous_secret_expires_at is not None
    assert timedelta(hours=2) <= stored.previous_secret_expires_at - before < timedelta(hours=2, minutes=1)
    assert rotated["previous_secret_expires_at"] is not None and rotated["secret_rotated_at"] is not None

    assert _token(client, "acme-insurer", new).status_code == 200
    assert _token(client, "acme-insurer", old).status_code == 200  # within the grace period
    assert [e.detail for e in _audit(session, "login")] == [{}, {"secret": "previous"}]

    stored = _stored(session, "acme-insurer")
    stored.previous_secret_expires_at = utcnow() - timedelta(seconds=1)
    session.add(stored)
    session.commit()
    refused = _token(client, "acme-insurer", old)
    assert refused.status_code == 401 and _problem(refused)["error"] == "invalid_client"
    assert _token(client, "acme-insurer", new).status_code == 200

    [entry] = _audit(session, "client.secret.rotate")
    assert entry.entity_id == "acme-insurer" and entry.detail["grace_hours"] == 2
    assert not any(s in json.dumps(entry.detail) for s in (old, new))


def test_the_grace_period_is_24_hours_unless_given(client, session, app_state):
    _create(client, app_state)
    before = utcnow()
    response = client.post("/api/v1/clients/acme-insurer/rotate-secret", headers=_admin(app_state))
    assert response.status_code == 200, response.text
    expires = _stored(session, "acme-insurer").previous_secret_expires_at
    assert expires is not None and timedelta(hours=24) <= expires - before < timedelta(hours=24, minutes=1)


def test_no_grace_refuses_the_old_secret_at_once(client, app_state):
    old = _create(client, app_state)["client_secret"]
    response = client.post(
        "/api/v1/clients/acme-insurer/rotate-secret", json={"grace_hours": 0}, headers=_admin(app_state)
    )
    assert response.status_code == 200
    assert response.json()["previous_secret_expires_at"] is None
    refused = _token(client, "acme-insurer", old)
    assert refused.status_code == 401 and _problem(refused)["error"] == "invalid_client"
    assert _token(client, "acme-insurer", response.json()["client_secret"]).status_code == 200


def test_rotating_again_replaces_the_previous_secret(client, app_state):
    first = _create(client, app_state)["client_secret"]
    url = "/api/v1/clients/acme-insurer/rotate-secret"
    second = client.post(url, json={"grace_hours": 24}, headers=_admin(app_state)).json()["client_secret"]
    third = client.post(url, json={"grace_hours": 24}, headers=_admin(app_state)).json()["client_secret"]
    assert _token(client, "acme-insurer", first).status_code == 401
    assert _token(client, "acme-insurer", second).status_code == 200
    assert _token(client, "acme-insurer", third).status_code == 200


@pytest.mark.parametrize("grace_hours", [-1, 169, "a day"])
def test_grace_hours_outside_0_to_168_is_refused(client, session, app_state, grace_hours):
    _create(client, app_state)
    response = client.post(
        "/api/v1/clients/acme-insurer/rotate-secret", json={"grace_hours": grace_hours}, headers=_admin(app_state)
    )
    assert response.status_code == 422
    assert _fields(response) == ["grace_hours"]
    assert _stored(session, "acme-insurer").secret_rotated_at is None


def test_revoke_refuses_tokens_and_is_idempotent(client, session, app_state):
    secret = _create(client, app_state)["client_secret"]
    client.post("/api/v1/clients/acme-insurer/rotate-secret", json={"grace_hours": 24}, headers=_admin(app_state))
    first = client.post("/api/v1/clients/acme-insurer/revoke", headers=_admin(app_state))
    assert first.status_code == 200, first.text
    assert first.json()["is_active"] is False and first.json()["revoked_at"] is not None
    refused = _token(client, "acme-insurer", secret)  # the previous secret, within its grace period
    assert refused.status_code == 401 and _problem(refused)["error"] == "invalid_client"

    again = client.post("/api/v1/clients/acme-insurer/revoke", headers=_admin(app_state))
    assert again.status_code == 200 and again.json()["revoked_at"] == first.json()["revoked_at"]
    assert len(_audit(session, "client.revoke")) == 1

    rotate = client.post("/api/v1/clients/acme-insurer/rotate-secret", headers=_admin(app_state))
    assert rotate.status_code == 409
    listed = client.get("/api/v1/clients", headers=_admin(app_state)).json()
    assert [(c["client_id"], c["is_active"]) for c in listed] == [("acme-insurer", False)]


def test_the_current_secret_of_a_revoked_client_is_refused(client, app_state):
    _create(client, app_state)
    rotated = client.post(
        "/api/v1/clients/acme-insurer/rotate-secret", json={"grace_hours": 0}, headers=_admin(app_state)
    ).json()
    client.post("/api/v1/clients/acme-insurer/revoke", headers=_admin(app_state))
    refused = _token(client, "acme-insurer", rotated["client_secret"])
    assert refused.status_code == 401 and _problem(refused)["error"] == "invalid_client"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"scopes": ["partner:claims.read", "claims:read"]}, "scopes"),  # an internal scope for a partner
        ({"scopes": []}, "scopes"),
        ({"kind": "service", "insurer": None, "scopes": ["partner:claims.read"]}, "scopes"),
        ({"insurer": None}, "insurer"),
        ({"insurer": "   "}, "insurer"),
        ({"kind": "service", "scopes": ["claims:read"]}, "insurer"),  # a service names no insurer
        ({"client_id": "Acme_Insurer"}, "client_id"),
        ({"client_id": "claims-api"}, "client_id"),  # the subject claims-api's own tokens carry
        ({"kind": "robot"}, "kind"),
    ],
)
def test_invalid_clients_are_refused_naming_the_field(client, session, app_state, overrides, field):
    response = client.post("/api/v1/clients", json=INSURER | overrides, headers=_admin(app_state))
    assert response.status_code == 422, response.text
    assert _fields(response) == [field]
    assert session.exec(select(Client)).first() is None


def test_a_partner_client_may_write_settlements(client, app_state):
    created = _create(client, app_state, scopes=["partner:settlements.write", "partner:claims.read"])
    assert created["scopes"] == ["partner:claims.read", "partner:settlements.write"]


def test_a_duplicate_client_id_is_a_conflict(client, session, app_state):
    _create(client, app_state)
    response = client.post("/api/v1/clients", json=INSURER | {"name": "other"}, headers=_admin(app_state))
    assert response.status_code == 409
    assert _problem(response)["type"] == "conflict"
    assert len(session.exec(select(Client)).all()) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/clients/nobody"),
        ("POST", "/api/v1/clients/nobody/rotate-secret"),
        ("POST", "/api/v1/clients/nobody/revoke"),
    ],
)
def test_an_unknown_client_is_not_found(client, app_state, method, path):
    response = client.request(method, path, headers=_admin(app_state))
    assert response.status_code == 404
    assert _problem(response)["type"] == "not-found"


ENDPOINTS = [
    ("GET", "/api/v1/clients", None),
    ("POST", "/api/v1/clients", INSURER),
    ("GET", "/api/v1/clients/acme-insurer", None),
    ("POST", "/api/v1/clients/acme-insurer/rotate-secret", {"grace_hours": 0}),
    ("POST", "/api/v1/clients/acme-insurer/revoke", None),
]


def test_only_the_admin_role_administers_clients():
    assert [r for r in Role if "clients:admin" in ROLE_SCOPES[r]] == [Role.admin]


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
def test_every_endpoint_is_refused_to_other_roles_and_without_a_token(client, session, app_state, method, path, body):
    _create(client, app_state)
    for role in (Role.lawyer, Role.staff, Role.viewer):
        response = client.request(method, path, json=body, headers=auth(app_state, role))
        assert response.status_code == 403, (role, response.text)
        assert _problem(response)["detail"] == "Missing scope: clients:admin"
    partner = auth(app_state, scopes="partner:claims.read partner:settlements.write", kind="partner")
    assert client.request(method, path, json=body, headers=partner).status_code == 403
    anonymous = client.request(method, path, json=body)
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
    stored = _stored(session, "acme-insurer")
    assert stored.is_active and stored.secret_rotated_at is None
    assert len(session.exec(select(Client)).all()) == 1
