"""Field names in 422 problems are paths of the request body, whatever unions the schema uses."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, model_validator

from bengodan_common.errors import install_error_handlers


class Overtime(BaseModel):
    kind: Literal["overtime"]
    hours: int = Field(ge=1)

    @model_validator(mode="after")
    def _not_too_many(self) -> Overtime:
        if self.hours > 100:
            raise ValueError("too many hours")
        return self


class Invoice(BaseModel):
    kind: Literal["invoice"]
    amount: int


class Staff(BaseModel):
    head: Literal["staff"]
    lines: list[Annotated[Overtime | Invoice, Field(discriminator="kind")]]


class Other(BaseModel):
    head: Literal["other"]
    note: str


def _client() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/items")
    def create(item: Annotated[Staff | Other, Field(discriminator="head")]) -> dict[str, str]:
        return {"ok": "yes"}

    return TestClient(app)


def _fields(body: object) -> list[str]:
    response = _client().post("/items", json=body)
    assert response.status_code == 422
    return [e["field"] for e in response.json()["errors"]]


def test_union_tags_are_not_part_of_the_field_path() -> None:
    body = {"head": "staff", "lines": [{"kind": "invoice", "amount": 1}, {"kind": "overtime", "hours": 0}]}
    assert _fields(body) == ["lines.1.hours"]


def test_a_missing_field_is_named() -> None:
    assert _fields({"head": "other"}) == ["note"]


def test_an_unknown_or_missing_tag_names_the_discriminator() -> None:
    assert _fields({"head": "lost"}) == ["head"]
    assert _fields({"note": "x"}) == ["head"]
    assert _fields({"head": "staff", "lines": [{"kind": "gift"}]}) == ["lines.0.kind"]


def test_an_error_of_a_whole_union_member_names_the_member_not_its_tag() -> None:
    assert _fields({"head": "staff", "lines": [{"kind": "overtime", "hours": 101}]}) == ["lines.0"]


def test_a_locked_sqlite_database_is_a_503_to_retry_and_other_database_errors_stay_500() -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    app = FastAPI()
    install_error_handlers(app)

    @app.get("/locked")
    def locked() -> None:
        raise OperationalError("UPDATE x", {}, sqlite3.OperationalError("database is locked"))

    @app.get("/broken")
    def broken() -> None:
        raise OperationalError("SELECT", {}, sqlite3.OperationalError("no such table: x"))

    client = TestClient(app, raise_server_exceptions=False)
    busy = client.get("/locked")
    assert (busy.status_code, busy.headers["retry-after"], busy.json()["type"]) == (503, "1", "database-busy")
    assert client.get("/broken").status_code == 500
