"""`Idempotency-Key` on a create endpoint of a tiny app with its own metadata and key table (no service code):
a repeat replays the stored response, another request under the same key is refused, a key in flight is a
conflict, and the key shares the creation's transaction.

SQLite always; PostgreSQL too when it is reachable (BENGODAN_TEST_DB=postgres makes it required)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Security, status
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, func
from sqlalchemy.engine import Engine
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, select

from bengodan_common import jwt
from bengodan_common.auth import Principal, StaticKeyVerifier, require_scopes
from bengodan_common.db import apply_naming_convention, get_session, make_engine
from bengodan_common.errors import Conflict, install_error_handlers
from bengodan_common.idempotency import (
    COMPLETED,
    IN_FLIGHT,
    REPLAYED_HEADER,
    IdempotencyKeyBase,
    Once,
    claim,
    find,
    once_dependency,
    replay,
    request_hash,
)
from bengodan_common.testing import backend, empty_database, postgres_reachable

KEY = jwt.generate_private_key_pem()

metadata = MetaData()
apply_naming_convention(metadata)


class Model(SQLModel, registry=registry(metadata=metadata)):
    """This suite's tables, outside SQLModel's global metadata (as notify's `NotifyModel`)."""


class Key(IdempotencyKeyBase, Model, table=True):
    __tablename__ = "idempotency_keys"


class Thing(Model, table=True):
    __tablename__ = "things"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=50)


class ThingCreate(SQLModel):
    name: str = Field(max_length=50)


class ThingRead(SQLModel):
    id: int
    name: str


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
Writer = Annotated[Principal, Security(require_scopes, scopes=["things:write"])]
CreateOnce = Annotated[Once, Depends(once_dependency(Key))]


def _app(engine: Engine) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)
    app.state.engine = engine
    app.state.token_verifier = StaticKeyVerifier(jwt.public_jwks(KEY), audience="aud", issuer="iss")

    @app.post("/things", response_model=ThingRead, status_code=status.HTTP_201_CREATED)
    def create_thing(data: ThingCreate, session: SessionDep, actor: Writer, once: CreateOnce) -> object:
        assert once.session is session  # one transaction for the key and the thing

        def create() -> Thing:
            thing = Thing(name=data.name)
            session.add(thing)
            session.flush()  # written, then refused: the rollback must take the thing and the key
            if data.name == "refused":
                raise Conflict("refused after writing")
            return thing

        return once(actor=actor, body=data, create=create)

    return app


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    if request.param == "postgres" and backend() != "postgres" and not postgres_reachable():
        pytest.skip("PostgreSQL is not reachable (BENGODAN_TEST_DB=postgres requires it)")
    monkeypatch.setenv("BENGODAN_TEST_DB", request.param)
    with empty_database(tmp_path, "common-idempotency") as url:
        engine = make_engine(url)
        metadata.create_all(engine)
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture
def client(engine: Engine) -> TestClient:
    return TestClient(_app(engine))


def _headers(key: str | None, subject: str = "user:7") -> dict[str, str]:
    token = jwt.issue(
        private_key_pem=KEY,
        issuer="iss",
        audience="aud",
        subject=subject,
        ttl_seconds=60,
        claims={"kind": "user", "scope": "things:write"},
    )
    return {"Authorization": f"Bearer {token}"} | ({} if key is None else {"Idempotency-Key": key})


def _count(engine: Engine, model: type[SQLModel]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_repeat_returns_the_stored_response_with_the_header_and_creates_once(client, engine):
    first = client.post("/things", json={"name": "一"}, headers=_headers("k-1"))
    again = client.post("/things", json={"name": "一"}, headers=_headers("k-1"))
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json() == {"id": first.json()["id"], "name": "一"}
    assert again.headers[REPLAYED_HEADER] == "true"
    assert REPLAYED_HEADER not in first.headers
    assert _count(engine, Thing) == 1
    with Session(engine) as session:
        stored = session.exec(select(Key)).one()
    assert (stored.principal, stored.key, stored.method, stored.path) == ("user:7", "k-1", "POST", "/things")
    assert (stored.state, stored.status_code, stored.response_body) == (COMPLETED, 201, first.json())
    assert stored.created_at.tzinfo is not None and stored.completed_at is not None


def test_another_body_under_the_same_key_is_422_naming_the_header_and_creates_nothing(client, engine):
    assert client.post("/things", json={"name": "一"}, headers=_headers("k-2")).status_code == 201
    response = client.post("/things", json={"name": "二"}, headers=_headers("k-2"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert _count(engine, Thing) == 1


def test_the_query_is_part_of_the_request(client, engine):
    assert client.post("/things", json={"name": "一"}, headers=_headers("k-q")).status_code == 201
    response = client.post("/things?draft=1", json={"name": "一"}, headers=_headers("k-q"))
    assert response.status_code == 422
    assert _count(engine, Thing) == 1


def test_keys_are_per_principal(client, engine):
    mine = client.post("/things", json={"name": "一"}, headers=_headers("shared", subject="user:1"))
    theirs = client.post("/things", json={"name": "二"}, headers=_headers("shared", subject="user:2"))
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert REPLAYED_HEADER not in theirs.headers
    assert _count(engine, Key) == 2


def test_a_key_still_in_flight_is_409_and_nothing_is_created(client, engine):
    with Session(engine) as session:
        digest = request_hash(body=ThingCreate(name="一"), query=[])
        session.add(Key(principal="user:7", key="busy", method="POST", path="/things", request_hash=digest))
        session.commit()
    response = client.post("/things", json={"name": "一"}, headers=_headers("busy"))
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "in progress" in response.json()["detail"]
    assert _count(engine, Thing) == 0


def test_without_a_key_every_post_creates_and_nothing_is_stored(client, engine):
    for _ in range(2):
        response = client.post("/things", json={"name": "一"}, headers=_headers(None))
        assert response.status_code == 201
        assert REPLAYED_HEADER not in response.headers
    assert _count(engine, Thing) == 2
    assert _count(engine, Key) == 0


def test_a_failed_creation_leaves_no_key_so_the_key_can_be_used_again(client, engine):
    refused = client.post("/things", json={"name": "refused"}, headers=_headers("retry-me"))
    assert refused.status_code == 409
    assert _count(engine, Key) == 0 and _count(engine, Thing) == 0  # the thing written before it went too
    fixed = client.post("/things", json={"name": "直した"}, headers=_headers("retry-me"))
    assert fixed.status_code == 201, fixed.text
    assert REPLAYED_HEADER not in fixed.headers
    assert _count(engine, Thing) == 1


def test_the_header_is_documented(client):
    parameters = client.get("/openapi.json").json()["paths"]["/things"]["post"]["parameters"]
    header = next(p for p in parameters if p["name"] == "idempotency-key")
    assert header["in"] == "header" and header["required"] is False


def test_the_request_hash_ignores_key_order_and_the_order_of_query_parameters():
    one = request_hash(body={"a": 1, "b": "二"}, query=[("x", "1"), ("y", "2")])
    assert one == request_hash(body={"b": "二", "a": 1}, query=[("y", "2"), ("x", "1")])
    assert one != request_hash(body={"a": 1, "b": "二"}, query=[("x", "1")])
    assert request_hash(body=ThingCreate(name="一"), query=[]) == request_hash(body={"name": "一"}, query=[])


def test_each_table_built_from_the_base_has_its_own_columns_and_constraint():
    other_metadata = MetaData()
    apply_naming_convention(other_metadata)

    class OtherModel(SQLModel, registry=registry(metadata=other_metadata)):
        pass

    class OtherKey(IdempotencyKeyBase, OtherModel, table=True):
        __tablename__ = "request_keys"

    mine, other = Key.__table__, OtherKey.__table__  # type: ignore[attr-defined]
    assert mine.metadata is metadata and other.metadata is other_metadata
    assert [c.name for c in mine.c] == [c.name for c in other.c]
    assert all(column is not other.c[column.name] for column in mine.c)
    assert {c.name for c in mine.constraints} == {"pk_idempotency_keys", "uq_idempotency_keys_principal"}
    assert {c.name for c in other.constraints} == {"pk_request_keys", "uq_request_keys_principal"}
    assert all(SQLModel.metadata.tables.get(table.name) is not table for table in (mine, other))


def test_only_a_table_can_hold_the_keys():
    with pytest.raises(TypeError, match="not a table"):
        once_dependency(IdempotencyKeyBase)


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)  # the unique insert waits for the holder there only
def test_on_postgresql_a_concurrent_repeat_waits_for_the_holder_then_replays(engine):
    args = {"principal": "user:7", "key": "race", "method": "POST", "path": "/x", "digest": "h"}
    holder = Session(engine)
    row = claim(holder, Key, **args)
    assert row is not None and row.state == IN_FLIGHT
    outcome: dict[str, object] = {}

    def second() -> None:
        with Session(engine) as other:
            outcome["claimed"] = claim(other, Key, **args)
            winner = find(other, Key, principal="user:7", key="race")
            assert winner is not None
            outcome["replay"] = replay(winner, method="POST", path="/x", digest="h")

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(0.5)
    assert thread.is_alive()  # blocked on the holder's uncommitted key
    row.status_code, row.response_body, row.state = 201, {"id": 1}, COMPLETED
    holder.add(row)
    holder.commit()
    holder.close()
    thread.join(10)
    assert outcome["claimed"] is None
    replayed = outcome["replay"]
    assert isinstance(replayed, JSONResponse) and replayed.status_code == 201
    assert replayed.headers[REPLAYED_HEADER] == "true"
