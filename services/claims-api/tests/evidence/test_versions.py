"""File versions of an exhibit: presigned upload, completion checked against the stored object, old versions kept."""

from __future__ import annotations

import hashlib

import httpx
from builders import auth, make_case, make_claimant, make_exhibit
from sqlmodel import select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.evidence.models import ExhibitUpload, ExhibitVersion

CONTENT = "タイムカード 2023年6月\n".encode() * 100
CORRECTED = "タイムカード 2023年6月（訂正版）\n".encode() * 100


def _ticket(client, app_state, exhibit_id, content=CONTENT, **overrides):  # type: ignore[no-untyped-def]
    body = {
        "filename": "タイムカード.pdf",
        "content_type": "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
    } | overrides
    response = client.post(f"/api/v1/exhibits/{exhibit_id}/versions/uploads", json=body, headers=auth(app_state))
    assert response.status_code == 201, response.text
    return response.json()


def _complete(client, app_state, exhibit_id, ticket):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/exhibits/{exhibit_id}/versions", json={"upload_id": ticket["upload_id"]}, headers=auth(app_state)
    )


def _upload(client, app_state, exhibit_id, content, filename="タイムカード.pdf"):  # type: ignore[no-untyped-def]
    ticket = _ticket(client, app_state, exhibit_id, content, filename=filename)
    assert httpx.put(ticket["url"], content=content, headers=ticket["headers"]).status_code == 200
    done = _complete(client, app_state, exhibit_id, ticket)
    assert done.status_code == 201, done.text
    return done.json()


def test_each_upload_is_a_new_version_and_old_versions_stay_downloadable(client, session, app_state):
    case = make_case(session)
    exhibit = make_exhibit(session, case, make_claimant(session, case), slot=2, branch=2)

    first = _upload(client, app_state, exhibit.id, CONTENT)
    second = _upload(client, app_state, exhibit.id, CORRECTED, filename="タイムカード（訂正）.pdf")

    assert (first["version"], first["size"], first["sha256"]) == (1, len(CONTENT), hashlib.sha256(CONTENT).hexdigest())
    assert (second["version"], second["filename"]) == (2, "タイムカード（訂正）.pdf")
    viewer = auth(app_state, Role.viewer)
    read = client.get(f"/api/v1/exhibits/{exhibit.id}", headers=viewer).json()
    assert read["current_version"] == second
    listed = client.get(f"/api/v1/exhibits/{exhibit.id}/versions", headers=viewer).json()
    assert listed == [first, second]
    for version, content in ((1, CONTENT), (2, CORRECTED)):
        download = client.get(f"/api/v1/exhibits/{exhibit.id}/versions/{version}/download", headers=viewer).json()
        assert download["version"] == version
        assert httpx.get(download["url"]).content == content
    page = client.get(f"/api/v1/cases/{case.id}/exhibits", headers=viewer).json()
    assert page["items"][0]["current_version"]["version"] == 2
    entries = session.exec(select(AuditEntry).where(AuditEntry.action == "exhibit.version")).all()
    assert [(e.entity_id, e.detail["version"], e.detail["label"]) for e in entries] == [
        (str(exhibit.id), 1, "甲第1号証の2"),
        (str(exhibit.id), 2, "甲第1号証の2"),
    ]
    assert entries[1].detail["sha256"] == hashlib.sha256(CORRECTED).hexdigest()


def test_a_common_exhibit_gets_files_too(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session), number=8)
    assert _upload(client, app_state, exhibit.id, CONTENT, filename="指導.pdf")["version"] == 1


def test_a_file_that_does_not_match_its_declared_hash_is_rejected_and_nothing_is_kept(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session))
    ticket = _ticket(client, app_state, exhibit.id)
    httpx.put(ticket["url"], content=CONTENT.replace(b"6", b"7"), headers=ticket["headers"])

    response = _complete(client, app_state, exhibit.id, ticket)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["sha256"]
    assert session.exec(select(ExhibitVersion)).first() is None
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "exhibit.version")).first() is None
    assert client.get(f"/api/v1/exhibits/{exhibit.id}", headers=auth(app_state)).json()["current_version"] is None
    listed = app_state.s3.list_object_versions(Bucket=app_state.settings.s3.bucket, Prefix="evidence/")
    assert not listed.get("Versions")


def test_a_bad_second_version_leaves_the_first_current(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session))
    first = _upload(client, app_state, exhibit.id, CONTENT)
    ticket = _ticket(client, app_state, exhibit.id, CORRECTED)
    httpx.put(ticket["url"], content=CORRECTED[:10], headers=ticket["headers"])

    response = _complete(client, app_state, exhibit.id, ticket)

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"size", "sha256"}
    assert client.get(f"/api/v1/exhibits/{exhibit.id}", headers=auth(app_state)).json()["current_version"] == first


def test_completion_before_upload_is_a_conflict(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session))
    ticket = _ticket(client, app_state, exhibit.id)
    assert _complete(client, app_state, exhibit.id, ticket).status_code == 409


def test_an_upload_completes_only_on_its_own_exhibit(client, session, app_state):
    case = make_case(session)
    exhibit, other = make_exhibit(session, case), make_exhibit(session, case)
    ticket = _ticket(client, app_state, exhibit.id)
    httpx.put(ticket["url"], content=CONTENT, headers=ticket["headers"])
    assert _complete(client, app_state, other.id, ticket).status_code == 404
    assert session.get(ExhibitUpload, ticket["upload_id"]) is not None


def test_declared_size_and_hash_are_checked_before_the_upload(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session))
    url = f"/api/v1/exhibits/{exhibit.id}/versions/uploads"
    bad_hash = client.post(url, json={"filename": "a.pdf", "size": 3, "sha256": "abc"}, headers=auth(app_state))
    assert bad_hash.status_code == 422 and bad_hash.json()["errors"][0]["field"] == "sha256"
    too_big = client.post(
        url,
        json={"filename": "a.pdf", "size": app_state.settings.evidence_max_bytes + 1, "sha256": "a" * 64},
        headers=auth(app_state),
    )
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "size"
    missing = client.post(
        "/api/v1/exhibits/999999/versions/uploads",
        json={"filename": "a.pdf", "size": 3, "sha256": "a" * 64},
        headers=auth(app_state),
    )
    assert missing.status_code == 404


def test_an_unknown_version_is_404(client, session, app_state):
    exhibit = make_exhibit(session, make_case(session))
    _upload(client, app_state, exhibit.id, CONTENT)
    response = client.get(f"/api/v1/exhibits/{exhibit.id}/versions/2/download", headers=auth(app_state))
    assert response.status_code == 404
    assert client.get("/api/v1/exhibits/999999/versions", headers=auth(app_state)).status_code == 404
