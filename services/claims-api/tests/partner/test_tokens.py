"""Tokens the partner API must refuse, each with the attack it stands for."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from builders import auth, make_case, make_partner, partner_headers, shared_claimant
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from bengodan_common import jwt
from claims_api.auth.roles import Role
from claims_api.users.models import Client


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _claims(state: Any, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    settings = state.settings.auth
    return {
        "iss": settings.issuer,
        "aud": settings.partner_audience,
        "sub": "client:insurer-a",
        "kind": "partner",
        "scope": "partner:claims.read partner:settlements.write",
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": "test",
    } | overrides


def _signed(state: Any, **overrides: Any) -> str:
    """A token claims-api itself would sign, with the claims changed."""
    claims = _claims(state, **overrides)
    return jwt.issue(
        private_key_pem=state.signing_key,
        issuer=claims.pop("iss"),
        audience=claims.pop("aud"),
        subject=claims.pop("sub"),
        ttl_seconds=claims.pop("exp") - int(time.time()),
        claims={k: v for k, v in claims.items() if k not in ("iat", "nbf", "jti")},
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def state(client: TestClient, session: Session) -> Any:
    make_partner(session)
    shared_claimant(session, make_case(session))
    return client.app.state  # type: ignore[attr-defined]


def test_a_genuine_partner_token_is_accepted(client: TestClient, state: Any) -> None:
    assert client.get("/partner/v1/claims", headers=_bearer(_signed(state))).status_code == 200


def test_alg_none_is_refused(client: TestClient, state: Any) -> None:
    header = {"alg": "none", "typ": "JWT", "kid": jwt.key_id(state.signing_key)}
    token = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(_claims(state)).encode())}."

    response = client.get("/partner/v1/claims", headers=_bearer(token))

    assert response.status_code == 401


def test_hs256_signed_with_the_public_key_is_refused(client: TestClient, state: Any) -> None:
    """The key-confusion attack: the public key is public, so an HMAC made with it proves nothing."""
    public_pem = jwt.public_pem(state.signing_key).encode()
    header = {"alg": "HS256", "typ": "JWT", "kid": jwt.key_id(state.signing_key)}
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(_claims(state)).encode())}"
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()

    response = client.get("/partner/v1/claims", headers=_bearer(f"{signing_input}.{_b64(signature)}"))

    assert response.status_code == 401


def test_a_token_signed_by_another_key_is_refused(client: TestClient, state: Any) -> None:
    other_key = jwt.generate_private_key_pem()
    claims = _claims(state)
    token = jwt.issue(
        private_key_pem=other_key,
        issuer=claims["iss"],
        audience=claims["aud"],
        subject=claims["sub"],
        ttl_seconds=300,
        claims={"kind": "partner", "scope": claims["scope"]},
    )

    assert client.get("/partner/v1/claims", headers=_bearer(token)).status_code == 401


def test_an_expired_token_is_refused(client: TestClient, state: Any) -> None:
    response = client.get("/partner/v1/claims", headers=_bearer(_signed(state, exp=int(time.time()) - 5)))

    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_the_legal_teams_tokens_are_refused_and_partner_tokens_do_not_open_the_internal_api(
    client: TestClient, state: Any
) -> None:
    for role in Role:
        assert client.get("/partner/v1/claims", headers=auth(state, role)).status_code == 401
    partner = partner_headers(client)
    assert client.get("/api/v1/claimants", headers=partner).status_code == 401
    assert client.get("/api/v1/auth/me", headers=partner).status_code == 401


def test_a_token_for_the_partner_audience_that_is_not_a_partners_is_refused(client: TestClient, state: Any) -> None:
    for kind in ("user", "service"):
        assert client.get("/partner/v1/claims", headers=_bearer(_signed(state, kind=kind))).status_code == 401


def test_a_revoked_client_is_refused_at_once_with_a_token_it_already_holds(
    client: TestClient, state: Any, session: Session
) -> None:
    headers = partner_headers(client)
    partner = session.exec(select(Client).where(Client.client_id == "insurer-a")).one()
    partner.is_active = False
    session.add(partner)
    session.commit()

    assert client.get("/partner/v1/claims", headers=headers).status_code == 401


def test_missing_scope_is_refused_with_403_insufficient_scope(client: TestClient, state: Any) -> None:
    """RFC 6750 §3.1: a valid token without the scope is 403 with error="insufficient_scope" (401 would tell the
    client to get a new token, which would not help)."""
    read_only = partner_headers(client, scope="partner:claims.read")
    write_only = partner_headers(client, scope="partner:settlements.write")
    no_partner_scope = _bearer(_signed(state, scope="claims:read"))

    settle = client.post(
        "/partner/v1/claims/1/damage-items/1/settlement",
        json={"paid_amount": 1, "paid_on": "2024-01-01"},
        headers=read_only,
    )
    read = client.get("/partner/v1/claims", headers=write_only)
    other = client.get("/partner/v1/claims", headers=no_partner_scope)

    for response in (settle, read, other):
        assert response.status_code == 403
        assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_a_scope_the_registration_no_longer_grants_is_not_honoured(
    client: TestClient, state: Any, session: Session
) -> None:
    headers = partner_headers(client)
    partner = session.exec(select(Client).where(Client.client_id == "insurer-a")).one()
    partner.scopes = "partner:settlements.write"
    session.add(partner)
    session.commit()

    assert client.get("/partner/v1/claims", headers=headers).status_code == 403
