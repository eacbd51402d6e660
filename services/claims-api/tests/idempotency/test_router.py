from __future__ import annotations

from builders import auth, make_case, make_claimant
from pydantic import TypeAdapter
from sqlmodel import func, select

from bengodan_common import jwt
from bengodan_common.idempotency import IN_FLIGHT, request_hash
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.claimants.models import Claimant
from claims_api.damages.models import DamageItem
from claims_api.damages.schemas import DamageItemCreate
from claims_api.idempotency.models import IdempotencyKey

ITEM = {"head": "reputation", "facts": "事実"}
OTHER_ITEM = {"head": "other_loss", "inputs": {"lines": [{"description": "お詫び状", "amount": 5_000}]}}


def _headers(app_state, key: str, subject: str | None = None) -> dict[str, str]:
    if subject is None:
        headers = auth(app_state, Role.staff)
    else:
        settings = app_state.settings
        token = jwt.issue(
            private_key_pem=app_state.signing_key,
            issuer=settings.auth.issuer,
            audience=settings.auth.audience,
            subject=subject,
            ttl_seconds=300,
            claims={"kind": "user", "roles": ["staff"], "scope": " ".join(sorted(ROLE_SCOPES[Role.staff]))},
        )
        headers = {"Authorization": f"Bearer {token}"}
    return headers | {"Idempotency-Key": key}


def _count(session, model, *where) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_a_repeated_claimant_create_returns_the_stored_response_and_creates_one(client, session, app_state):
    case = make_case(session)
    body = {"case_id": case.id, "name": "山田 花子", "office_name": "山田事務所", "email": "yamada@example.jp"}
    first = client.post("/api/v1/claimants", json=body, headers=_headers(app_state, "claimant-1"))
    again = client.post("/api/v1/claimants", json=body, headers=_headers(app_state, "claimant-1"))
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _count(session, Claimant, Claimant.case_id == case.id) == 1
    assert _count(session, IdempotencyKey) == 1


def test_a_repeated_damage_item_create_creates_one_item(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    first = client.post(url, json=ITEM, headers=_headers(app_state, "item-1"))
    again = client.post(url, json=ITEM, headers=_headers(app_state, "item-1"))
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json()
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 1


def test_another_body_under_the_same_key_is_refused_and_creates_nothing(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    assert client.post(url, json=ITEM, headers=_headers(app_state, "item-2")).status_code == 201
    response = client.post(url, json=ITEM | {"facts": "別の事実"}, headers=_headers(app_state, "item-2"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 1


def test_the_same_key_on_another_path_is_refused(client, session, app_state):
    case = make_case(session)
    one, other = make_claimant(session, case), make_claimant(session, case)
    headers = _headers(app_state, "item-3")
    assert client.post(f"/api/v1/claimants/{one.id}/damage-items", json=ITEM, headers=headers).status_code == 201
    response = client.post(f"/api/v1/claimants/{other.id}/damage-items", json=ITEM, headers=headers)
    assert response.status_code == 422
    assert _count(session, DamageItem, DamageItem.claimant_id == other.id) == 0


def test_keys_are_per_principal(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    mine = client.post(url, json=ITEM, headers=_headers(app_state, "shared", subject="user:1"))
    theirs = client.post(url, json=OTHER_ITEM, headers=_headers(app_state, "shared", subject="user:2"))
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert "Idempotent-Replayed" not in theirs.headers
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 2
    assert _count(session, IdempotencyKey, IdempotencyKey.key == "shared") == 2


def test_a_failed_create_stores_no_key_so_it_can_be_reused(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    headers = _headers(app_state, "retry-me")
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    invalid = client.post(url, json=ITEM | {"declared_amount": -1}, headers=headers)
    assert invalid.status_code == 422
    missing = client.post("/api/v1/claimants/999999/damage-items", json=ITEM, headers=headers)
    assert missing.status_code == 404
    assert _count(session, IdempotencyKey) == 0
    fixed = client.post(f"/api/v1/claimants/{claimant.id}/damage-items", json=ITEM, headers=headers)
    assert fixed.status_code == 201, fixed.text
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 1


def test_a_key_still_in_flight_is_a_conflict(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    session.add(
        IdempotencyKey(
            principal="user:999",
            key="busy",
            method="POST",
            path=url,
            request_hash=request_hash(body=TypeAdapter(DamageItemCreate).validate_python(ITEM), query=[]),
            state=IN_FLIGHT,
        )
    )
    session.commit()
    response = client.post(url, json=ITEM, headers=_headers(app_state, "busy"))
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 0


def test_without_the_header_every_post_creates(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    url = f"/api/v1/claimants/{claimant.id}/damage-items"
    for body in (ITEM, OTHER_ITEM):
        response = client.post(url, json=body, headers=auth(app_state, Role.staff))
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response.headers
    assert _count(session, DamageItem, DamageItem.claimant_id == claimant.id) == 2
    assert _count(session, IdempotencyKey) == 0


def test_a_replayed_case_create_returns_the_first_case(client, session, app_state):
    body = {
        "name": "第一事件",
        "defendant_name": "被告株式会社",
        "court": "東京地方裁判所",
        "incident_date": "2025-07-01",
    }
    headers = auth(app_state, Role.lawyer) | {"Idempotency-Key": "case-1"}
    first = client.post("/api/v1/cases", json=body, headers=headers)
    again = client.post("/api/v1/cases", json=body, headers=headers)
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"


def test_the_header_is_documented_on_every_create(client):
    spec = client.get("/openapi.json").json()
    creates = [
        ("/api/v1/claimants", "post"),
        ("/api/v1/claimants/{claimant_id}/damage-items", "post"),
        ("/api/v1/cases", "post"),
        ("/api/v1/cases/{case_id}/proceedings", "post"),
        ("/api/v1/proceedings/{proceeding_id}/members", "post"),
        ("/api/v1/hearings", "post"),
        ("/api/v1/cases/{case_id}/exhibits", "post"),
        ("/api/v1/exhibits/{exhibit_id}/versions/uploads", "post"),
        ("/api/v1/exhibits/{exhibit_id}/versions", "post"),
        ("/api/v1/claimants/{claimant_id}/deficiencies", "post"),
        ("/api/v1/users", "post"),
    ]
    for path, method in creates:
        names = [p["name"] for p in spec["paths"][path][method].get("parameters", [])]
        assert "idempotency-key" in names, path  # header names are case-insensitive


def test_on_postgresql_a_concurrent_repeat_waits_for_the_holder_then_replays(client, session, app_state):
    import threading

    import pytest
    from fastapi.responses import JSONResponse
    from sqlmodel import Session

    from bengodan_common import idempotency
    from bengodan_common.idempotency import COMPLETED

    engine = app_state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("the unique insert waits for the holder's commit on PostgreSQL only")
    args = {"principal": "user:7", "key": "race", "method": "POST", "path": "/x", "digest": "h"}
    holder = Session(engine)
    row = idempotency.claim(holder, IdempotencyKey, **args)
    assert row is not None
    outcome: dict[str, object] = {}

    def second() -> None:
        with Session(engine) as other:
            outcome["claimed"] = idempotency.claim(other, IdempotencyKey, **args)
            winner = idempotency.find(other, IdempotencyKey, principal="user:7", key="race")
            assert winner is not None
            outcome["replay"] = idempotency.replay(winner, method="POST", path="/x", digest="h")

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
    replay = outcome["replay"]
    assert isinstance(replay, JSONResponse) and replay.status_code == 201
