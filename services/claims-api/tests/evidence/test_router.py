from __future__ import annotations

import hashlib

import httpx
from builders import auth, make_case, make_claimant
from sqlmodel import select

from claims_api.evidence.models import Evidence

CONTENT = "タイムカード 2023年6月\n".encode() * 100


def _ticket(client, app_state, claimant_id, content=CONTENT, **overrides):  # type: ignore[no-untyped-def]
    body = {
        "filename": "タイムカード.pdf",
        "content_type": "application/pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "title": "タイムカード",
    } | overrides
    response = client.post(f"/api/v1/claimants/{claimant_id}/evidence/uploads", json=body, headers=auth(app_state))
    assert response.status_code == 201, response.text
    return response.json()


def test_presigned_upload_then_completion_records_key_size_and_hash(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    ticket = _ticket(client, app_state, claimant.id)
    put = httpx.put(ticket["url"], content=CONTENT, headers=ticket["headers"])
    assert put.status_code == 200
    done = client.post(
        f"/api/v1/claimants/{claimant.id}/evidence",
        json={"upload_id": ticket["upload_id"]},
        headers=auth(app_state),
    )
    assert done.status_code == 201, done.text
    evidence = done.json()
    assert evidence["size"] == len(CONTENT) and evidence["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    download = client.get(
        f"/api/v1/claimants/{claimant.id}/evidence/{evidence['id']}/download", headers=auth(app_state)
    ).json()
    assert httpx.get(download["url"]).content == CONTENT


def test_a_file_that_does_not_match_its_declared_hash_is_rejected_and_not_kept(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    ticket = _ticket(client, app_state, claimant.id)
    tampered = CONTENT.replace(b"6", b"7")
    httpx.put(ticket["url"], content=tampered, headers=ticket["headers"])
    response = client.post(
        f"/api/v1/claimants/{claimant.id}/evidence",
        json={"upload_id": ticket["upload_id"]},
        headers=auth(app_state),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["sha256"]
    assert session.exec(select(Evidence)).first() is None
    state = app_state
    listed = state.s3.list_object_versions(Bucket=state.settings.s3.bucket, Prefix="evidence/")
    assert not listed.get("Versions")


def test_a_short_upload_is_rejected_on_size(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    ticket = _ticket(client, app_state, claimant.id)
    httpx.put(ticket["url"], content=CONTENT[:10], headers=ticket["headers"])
    response = client.post(
        f"/api/v1/claimants/{claimant.id}/evidence",
        json={"upload_id": ticket["upload_id"]},
        headers=auth(app_state),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"size", "sha256"}


def test_completion_before_upload_is_a_conflict(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    ticket = _ticket(client, app_state, claimant.id)
    response = client.post(
        f"/api/v1/claimants/{claimant.id}/evidence",
        json={"upload_id": ticket["upload_id"]},
        headers=auth(app_state),
    )
    assert response.status_code == 409


def test_declared_hash_must_be_hex_sha256(client, session, app_state):
    claimant = make_claimant(session, make_case(session))
    response = client.post(
        f"/api/v1/claimants/{claimant.id}/evidence/uploads",
        json={"filename": "a.pdf", "size": 3, "sha256": "abc"},
        headers=auth(app_state),
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "sha256"
