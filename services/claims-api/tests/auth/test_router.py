from __future__ import annotations

import base64
import json

import pytest
from builders import auth, make_client, make_user, token_for
from fastapi.testclient import TestClient
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import ROLE_SCOPES, Role

PUBLIC = {"/api/v1/auth/token", "/.well-known/jwks.json", "/healthz", "/readyz"}


def _problem(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_password_grant_issues_a_verifiable_token_with_role_scopes(client, session):
    make_user(session, Role.lawyer, email="lawyer@example.com", password="long enough secret")
    response = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "Lawyer@Example.com", "password": "long enough secret"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    assert set(body["scope"].split()) == ROLE_SCOPES[Role.lawyer]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json()["roles"] == ["lawyer"]
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "login")).first() is not None


def test_wrong_password_is_refused_and_audited(client, session):
    make_user(session, email="staff@example.com", password="right password!")
    response = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "staff@example.com", "password": "wrong"},
    )
    assert response.status_code == 400
    problem = _problem(response)
    assert problem["error"] == "invalid_grant"
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "login.failed")).first() is not None


def test_token_request_must_be_form_encoded_with_a_known_grant(client):
    response = client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 422
    assert _problem(response)["errors"][0]["field"] == "grant_type"


def test_client_credentials_grant_limits_scopes(client, session):
    make_client(session, "docs-render", "claims:read cases:read", "service secret 123")
    ok = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "docs-render",
            "client_secret": "service secret 123",
        },
    )
    assert ok.status_code == 200 and ok.json()["scope"] == "cases:read claims:read"
    narrowed = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "docs-render",
            "client_secret": "service secret 123",
            "scope": "claims:read",
        },
    )
    assert narrowed.json()["scope"] == "claims:read"
    wider = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "docs-render",
            "client_secret": "service secret 123",
            "scope": "claims:write",
        },
    )
    assert wider.status_code == 400 and _problem(wider)["error"] == "invalid_scope"
    wrong = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "docs-render", "client_secret": "nope"},
    )
    assert wrong.status_code == 401 and _problem(wrong)["error"] == "invalid_client"


def test_partner_tokens_get_the_partner_audience_and_cannot_use_the_internal_api(client, session, app_state):
    make_client(session, "insurer", "partner:claims.read", "insurer secret 1", kind="partner")
    response = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "insurer",
            "client_secret": "insurer secret 1",
        },
    )
    assert response.status_code == 200 and response.json()["expires_in"] <= 900
    token = response.json()["access_token"]
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    assert payload["aud"] == "partner"
    assert client.get("/api/v1/claimants", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_jwks_publishes_the_signing_key(client, app_state):
    keys = client.get("/.well-known/jwks.json").json()["keys"]
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["kid"]
    assert "d" not in keys[0]  # never the private part


def _api_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every documented operation except the public ones."""
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [(method.upper(), path) for path, ops in paths.items() if path not in PUBLIC for method in ops]


def test_every_endpoint_denies_without_a_token(client):
    routes = _api_routes(client)
    assert len(routes) > 15
    for method, path in routes:
        url = path.replace("{", "").replace("}", "").replace("_id", "1")
        response = client.request(method, url)
        assert response.status_code == 401, (method, path, response.status_code)
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "attack",
    ["expired", "wrong_audience", "wrong_issuer_key", "alg_none", "hs256_with_public_key", "garbage"],
)
def test_forged_or_stale_tokens_are_refused(client, app_state, attack):
    from bengodan_common import jwt as jwt_module

    if attack == "expired":
        token = token_for(app_state, Role.admin, ttl=-10)
    elif attack == "wrong_audience":
        token = token_for(app_state, Role.admin, audience="partner")
    elif attack == "wrong_issuer_key":
        token = jwt_module.issue(
            private_key_pem=jwt_module.generate_private_key_pem(),
            issuer="bengodan-claims-api",
            audience="bengodan",
            subject="user:1",
            ttl_seconds=60,
            claims={"kind": "user", "scope": "claims:read"},
        )
    elif attack == "alg_none":
        header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
        body = (
            base64.urlsafe_b64encode(
                json.dumps(
                    {
                        "sub": "user:1",
                        "aud": "bengodan",
                        "iss": "bengodan-claims-api",
                        "scope": "claims:read",
                        "exp": 4102444800,
                        "iat": 1,
                    }
                ).encode()
            )
            .rstrip(b"=")
            .decode()
        )
        token = f"{header}.{body}."
    elif attack == "hs256_with_public_key":
        import hashlib
        import hmac

        public_pem = app_state.jwks["keys"][0]["n"].encode()
        header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=").decode()
        body = (
            base64.urlsafe_b64encode(
                json.dumps(
                    {
                        "sub": "user:1",
                        "aud": "bengodan",
                        "iss": "bengodan-claims-api",
                        "scope": "claims:read",
                        "exp": 4102444800,
                        "iat": 1,
                    }
                ).encode()
            )
            .rstrip(b"=")
            .decode()
        )
        signature = (
            base64.urlsafe_b64encode(hmac.new(public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest())
            .rstrip(b"=")
            .decode()
        )
        token = f"{header}.{body}.{signature}"
    else:
        token = "not.a.token"
    response = client.get("/api/v1/claimants", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


# (method, path, body, scope that allows it)
GUARDED = [
    ("GET", "/api/v1/claimants", None, "claims:read"),
    ("POST", "/api/v1/claimants", {"case_id": 1, "name": "x"}, "claims:write"),
    (
        "POST",
        "/api/v1/cases",
        {"name": "x", "defendant_name": "y", "court": "z", "incident_date": "2023-06-05"},
        "cases:write",
    ),
    ("GET", "/api/v1/hearings", None, "hearings:read"),
    (
        "POST",
        "/api/v1/hearings",
        {"proceeding_id": 1, "kind": "deadline", "starts_at": "2030-01-01T10:00:00+09:00", "place": "p"},
        "hearings:write",
    ),
    ("GET", "/api/v1/users", None, "users:admin"),
]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("method", "path", "body", "scope"), GUARDED)
def test_each_role_gets_403_exactly_where_its_scopes_stop(client, app_state, role, method, path, body, scope):
    response = client.request(method, path, json=body, headers=auth(app_state, role))
    if scope in ROLE_SCOPES[role]:
        assert response.status_code != 403, (role, method, path)
    else:
        assert response.status_code == 403, (role, method, path)
        assert _problem(response)["detail"] == f"Missing scope: {scope}"


def test_role_scopes_grow_from_viewer_to_admin():
    assert ROLE_SCOPES[Role.viewer] < ROLE_SCOPES[Role.staff] < ROLE_SCOPES[Role.lawyer] < ROLE_SCOPES[Role.admin]
    assert not any(s.endswith(":write") for s in ROLE_SCOPES[Role.viewer])
