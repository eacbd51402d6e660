from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated

import pytest
from fastapi import FastAPI, Security
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, select

from bengodan_common import jwt
from bengodan_common.auth import Principal, StaticKeyVerifier, require_scopes
from bengodan_common.db import UTCDateTime
from bengodan_common.errors import AppError, install_error_handlers
from bengodan_common.logging import REQUEST_ID_HEADER, RequestIdMiddleware

KEY = jwt.generate_private_key_pem()


class Body(BaseModel):
    amount: int = Field(ge=0)


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.add_middleware(RequestIdMiddleware)
    app.state.token_verifier = StaticKeyVerifier(jwt.public_jwks(KEY), audience="aud", issuer="iss")

    @app.post("/things")
    def create(body: Body, who: Annotated[Principal, Security(require_scopes, scopes=["things:write"])]) -> dict:
        return {"amount": body.amount, "by": who.sub}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/conflict")
    def conflict() -> None:
        raise AppError(409, "conflict", "Conflict", "already there")

    return app


def _auth(scope: str) -> dict[str, str]:
    token = jwt.issue(
        private_key_pem=KEY,
        issuer="iss",
        audience="aud",
        subject="user:7",
        ttl_seconds=60,
        claims={"kind": "user", "scope": scope},
    )
    return {"Authorization": f"Bearer {token}"}


def test_401_403_and_success():
    client = TestClient(_app())
    assert client.post("/things", json={"amount": 1}).status_code == 401
    assert client.post("/things", json={"amount": 1}, headers=_auth("other")).status_code == 403
    ok = client.post("/things", json={"amount": 1}, headers=_auth("things:write"))
    assert ok.json() == {"amount": 1, "by": "user:7"}


def test_validation_errors_name_the_field_in_problem_json():
    response = TestClient(_app()).post("/things", json={"amount": -5}, headers=_auth("things:write"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "amount"


def test_unexpected_errors_hide_internals_and_carry_the_request_id():
    client = TestClient(_app(), raise_server_exceptions=False)
    response = client.get("/boom", headers={REQUEST_ID_HEADER: "req-123"})
    assert response.status_code == 500
    assert "secret" not in response.text
    assert response.json()["request_id"] == "req-123"
    assert response.headers[REQUEST_ID_HEADER] == "req-123"


def test_app_errors_keep_their_status():
    response = TestClient(_app()).get("/conflict")
    assert response.status_code == 409 and response.json()["detail"] == "already there"


def test_utc_datetime_round_trips_aware_values_and_refuses_naive(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 't.sqlite3'}")
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime()))
    table.metadata.create_all(engine)
    tokyo = timezone(timedelta(hours=9))
    with engine.begin() as connection:
        connection.execute(table.insert().values(id=1, at=datetime(2030, 1, 22, 10, 30, tzinfo=tokyo)))
        stored = connection.execute(select(table.c.at)).scalar_one()
    assert stored == datetime(2030, 1, 22, 1, 30, tzinfo=UTC) and stored.tzinfo is not None
    with pytest.raises(Exception, match="naive"), engine.begin() as connection:
        connection.execute(table.insert().values(id=2, at=datetime(2030, 1, 1)))
