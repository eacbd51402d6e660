"""Hearings: ETag on reads, If-Match on PATCH and cancel (412 for a stale one: no change, no event; left out,
the write goes ahead), roles."""

from __future__ import annotations

from builders import auth, make_case, make_proceeding
from sqlmodel import Session, col, select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.hearings.models import Hearing
from claims_api.outbox.models import OutboxEvent


def _schedule(client, app_state, session) -> str:  # type: ignore[no-untyped-def]
    proceeding = make_proceeding(session, make_case(session))
    response = client.post(
        "/api/v1/hearings",
        json={
            "proceeding_id": proceeding.id,
            "kind": "oral_argument",
            "starts_at": "2030-01-20T10:30:00+09:00",
            "place": "大阪地方裁判所 第1001号法廷",
        },
        headers=auth(app_state),
    )
    assert response.status_code == 201, response.text
    return f"/api/v1/hearings/{response.json()['id']}"


def _events(session: Session) -> list[str]:
    return [e.type for e in session.exec(select(OutboxEvent).order_by(col(OutboxEvent.id))).all()]


def _hearing(session: Session, url: str) -> Hearing:
    session.expire_all()
    hearing = session.get(Hearing, int(url.rsplit("/", 1)[1]))
    assert hearing is not None
    return hearing


def test_a_hearing_read_has_an_etag_that_the_changes_return_anew(client, session, app_state):
    url = _schedule(client, app_state, session)
    read = client.get(url, headers=auth(app_state, Role.viewer))
    assert read.status_code == 200
    assert read.headers["etag"] == client.get(url, headers=auth(app_state)).headers["etag"]
    moved = client.patch(
        url, json={"place": "大阪地方裁判所 第202号法廷"}, headers={**auth(app_state), "If-Match": read.headers["etag"]}
    )
    assert moved.status_code == 200, moved.text
    assert moved.headers["etag"] == client.get(url, headers=auth(app_state)).headers["etag"] != read.headers["etag"]
    cancelled = client.post(f"{url}/cancel", headers={**auth(app_state), "If-Match": moved.headers["etag"]})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.headers["etag"] == client.get(url, headers=auth(app_state)).headers["etag"]
    assert _events(session) == ["hearing.scheduled", "hearing.updated", "hearing.cancelled"]


def test_patch_with_a_stale_if_match_is_412_changes_nothing_and_emits_nothing(client, session, app_state):
    url = _schedule(client, app_state, session)
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    client.patch(url, json={"note": "書面提出済み"}, headers={**auth(app_state), "If-Match": etag})

    stale = client.patch(
        url, json={"starts_at": "2030-02-01T13:00:00+09:00"}, headers={**auth(app_state), "If-Match": etag}
    )
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["current_etag"] == client.get(url, headers=auth(app_state)).headers["etag"]
    hearing = _hearing(session, url)
    assert hearing.starts_at.isoformat() == "2030-01-20T01:30:00+00:00" and hearing.note == "書面提出済み"
    assert _events(session) == ["hearing.scheduled", "hearing.updated"]
    assert len(session.exec(select(AuditEntry).where(AuditEntry.action == "hearing.update")).all()) == 1


def test_cancel_with_a_stale_if_match_is_412_and_the_hearing_stays_scheduled(client, session, app_state):
    url = _schedule(client, app_state, session)
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    client.patch(url, json={"place": "大阪地方裁判所 第202号法廷"}, headers=auth(app_state))

    stale = client.post(f"{url}/cancel", headers={**auth(app_state), "If-Match": etag})
    assert stale.status_code == 412
    assert _hearing(session, url).status == "scheduled"
    assert _events(session) == ["hearing.scheduled", "hearing.updated"]


def test_writes_without_if_match_go_ahead_and_a_second_cancel_changes_nothing(client, session, app_state):
    url = _schedule(client, app_state, session)
    etag = client.get(url, headers=auth(app_state)).headers["etag"]
    assert client.patch(url, json={"note": "Web会議"}, headers=auth(app_state)).status_code == 200
    assert client.post(f"{url}/cancel", headers=auth(app_state)).status_code == 200
    # Already cancelled: what the request asks for is the case, whatever its (stale) If-Match says.
    again = client.post(f"{url}/cancel", headers={**auth(app_state), "If-Match": etag})
    assert again.status_code == 200 and again.json()["status"] == "cancelled"
    assert _events(session) == ["hearing.scheduled", "hearing.updated", "hearing.cancelled"]
    # A cancelled hearing cannot be changed, If-Match or not.
    current = client.get(url, headers=auth(app_state)).headers["etag"]
    assert client.patch(url, json={"note": "x"}, headers={**auth(app_state), "If-Match": current}).status_code == 409


def test_hearing_reads_and_writes_by_role(client, session, app_state):
    url = _schedule(client, app_state, session)
    assert client.get(url).status_code == 401
    assert client.patch(url, json={"note": "x"}).status_code == 401
    assert client.post(f"{url}/cancel").status_code == 401
    assert client.get(url, headers=auth(app_state, Role.viewer)).status_code == 200
    assert client.patch(url, json={"note": "x"}, headers=auth(app_state, Role.viewer)).status_code == 403
    assert client.post(f"{url}/cancel", headers=auth(app_state, Role.viewer)).status_code == 403
    hearing = _hearing(session, url)
    assert (hearing.status, hearing.note) == ("scheduled", "")
    assert _events(session) == ["hearing.scheduled"]
    assert client.get("/api/v1/hearings/999999", headers=auth(app_state)).status_code == 404
