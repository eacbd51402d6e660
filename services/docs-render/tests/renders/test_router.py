"""The render API as the SPA uses it: auth, validation, a job run through to a PDF, and the download."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
from docs_render_builders import (
    HEAD_LABELS,
    FakeClaimsApi,
    bearer,
    make_job,
    make_token,
    plaintiff_one,
)
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from docs_render.renders.models import RenderJob

DAMAGE_SCHEDULE = {"document": "damage-schedule", "format": "pdf", "case_id": 1, "claimant_id": 7}


def wait_until_done(client: TestClient, token: str, job_id: int, timeout: float = 60.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/v1/renders/{job_id}", headers=bearer(token)).json()
        if body["status"] in ("succeeded", "failed"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"render job {job_id} did not finish in {timeout} s")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[2:]


def test_requests_without_a_token_get_401(running_app: Any) -> None:
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        response = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE)
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"
        assert client.get("/api/v1/renders/1").status_code == 401
        assert client.get("/api/v1/renders/1", headers=bearer("not-a-jwt")).status_code == 401


def test_a_token_without_the_scope_gets_403(running_app: Any, signing_key: str) -> None:
    viewer = make_token(signing_key, scopes="claims:read renders:read")
    stranger = make_token(signing_key, scopes="claims:read")
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        response = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE, headers=bearer(viewer))
        assert response.status_code == 403
        assert response.json()["detail"] == "Missing scope: renders:write"
        assert client.get("/api/v1/renders/1", headers=bearer(stranger)).status_code == 403
        assert client.get("/api/v1/renders/1/download", headers=bearer(stranger)).status_code == 403


def test_formats_a_document_does_not_come_in_and_missing_targets_are_refused_with_422(
    running_app: Any, signing_key: str, engine: Engine
) -> None:
    token = make_token(signing_key)
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        bundle_in_word = {"document": "complaint-bundle", "format": "docx", "case_id": 1, "proceeding_id": 2}
        response = client.post("/api/v1/renders", json=bundle_in_word, headers=bearer(token))
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["errors"] == [{"field": "format", "reason": "not available yet"}]

        response = client.post("/api/v1/renders", json={**DAMAGE_SCHEDULE, "format": "zip"}, headers=bearer(token))
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "format", "reason": "not available yet"}]

        response = client.post(
            "/api/v1/renders", json={**DAMAGE_SCHEDULE, "document": "no-such"}, headers=bearer(token)
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "document"

        without_claimant = {k: v for k, v in DAMAGE_SCHEDULE.items() if k != "claimant_id"}
        response = client.post("/api/v1/renders", json=without_claimant, headers=bearer(token))
        assert response.status_code == 422
        assert response.json()["errors"] == [{"field": "claimant_id", "reason": "required for damage-schedule"}]
    with Session(engine) as session:
        assert session.exec(select(RenderJob)).all() == []


def test_damage_schedule_renders_to_a_pdf_with_the_figures_of_claims_api(
    running_app: Any, signing_key: str, tmp_path: Path
) -> None:
    fake = FakeClaimsApi()
    claimant = plaintiff_one(fake)
    token = make_token(signing_key)
    with running_app(fake) as client:
        response = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE, headers=bearer(token))
        assert response.status_code == 202
        job = response.json()
        assert job["status"] in ("queued", "running")
        assert response.headers["location"] == f"/api/v1/renders/{job['id']}"

        done = wait_until_done(client, token, job["id"])
        assert done["status"] == "succeeded", done["error"]
        assert (done["progress_done"], done["progress_total"]) == (1, 1)  # documents
        assert done["error"] is None
        assert done["finished_at"] is not None

        download = client.get(f"/api/v1/renders/{job['id']}/download", headers=bearer(token), follow_redirects=False)
        assert download.status_code == 307
        url = download.headers["location"]
        assert "X-Amz-Signature=" in url
        stored = httpx.get(url)
        assert stored.status_code == 200

    pdf = stored.content
    assert pdf.startswith(b"%PDF-")
    assert stored.headers["content-type"] == "application/pdf"
    disposition = stored.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="damage-schedule-claimant-7.pdf"')
    assert "filename*=UTF-8''%E6%90%8D%E5%AE%B3%E4%B8%80%E8%A6%A7" in disposition  # 損害一覧
    assert done["size"] == len(pdf)
    assert done["sha256"] == hashlib.sha256(pdf).hexdigest()

    text = pdf_text(pdf, tmp_path)
    assert "損害一覧" in text.replace(" ", "")
    assert done["filename"] == f"損害一覧_{claimant['name']}.pdf"  # no proceeding: no plaintiff number
    assert claimant["name"] in text
    assert claimant["office_name"] in text
    for label in HEAD_LABELS:
        assert label in text
    for figure in ("1,698円", "1,000,000円", "1,001,698円", "99,000円", "1,100,698円"):
        assert figure in text
    assert "合計金110万698円" in "".join(text.split())  # running text in pleading style
    assert "契約に定める損害賠償請求権" in text
    assert "不当利得返還請求権" in text
    assert "甲○の1" in text and "甲○の4" in text and "甲○の6" in text
    assert "令和5年6月5日" in text
    assert "令和5年7月10日まで本件システムを利用できなかった。" in text

    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts, "no font in the PDF"
    assert all("IPAexMincho" in line or "NotoSerifCJK" in line for line in fonts), fonts
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


def test_a_claims_api_failure_marks_the_job_failed_with_the_reason(running_app: Any, signing_key: str) -> None:
    fake = FakeClaimsApi(fail_with=503)
    token = make_token(signing_key)
    with running_app(fake) as client:
        job = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE, headers=bearer(token)).json()
        done = wait_until_done(client, token, job["id"])
        assert done["status"] == "failed"
        assert done["error"] == "claims-api answered 503 Service Unavailable to GET /api/v1/claimants/7"
        assert done["size"] is None and done["sha256"] is None
        response = client.get(f"/api/v1/renders/{job['id']}/download", headers=bearer(token), follow_redirects=False)
        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"


def test_an_unknown_claimant_fails_the_job(running_app: Any, signing_key: str) -> None:
    fake = FakeClaimsApi()
    plaintiff_one(fake)
    token = make_token(signing_key)
    with running_app(fake) as client:
        job = client.post("/api/v1/renders", json={**DAMAGE_SCHEDULE, "claimant_id": 99}, headers=bearer(token)).json()
        done = wait_until_done(client, token, job["id"])
        assert done["status"] == "failed"
        assert done["error"] == "claims-api answered 404 Not Found to GET /api/v1/claimants/99"


def test_a_claimant_of_another_case_fails_the_job(running_app: Any, signing_key: str) -> None:
    fake = FakeClaimsApi()
    plaintiff_one(fake)
    token = make_token(signing_key)
    with running_app(fake) as client:
        job = client.post("/api/v1/renders", json={**DAMAGE_SCHEDULE, "case_id": 2}, headers=bearer(token)).json()
        done = wait_until_done(client, token, job["id"])
        assert done["status"] == "failed"
        assert done["error"] == "claimant 7 does not belong to case 2"


def test_download_before_success_is_409_and_unknown_job_is_404(
    running_app: Any, signing_key: str, engine: Engine
) -> None:
    token = make_token(signing_key)
    with Session(engine) as session:
        queued = make_job(session)
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        response = client.get(f"/api/v1/renders/{queued.id}/download", headers=bearer(token), follow_redirects=False)
        assert response.status_code == 409
        assert response.json()["detail"] == f"Render job {queued.id} has no file: its status is queued"
        assert client.get("/api/v1/renders/424242", headers=bearer(token)).status_code == 404
        assert client.get("/api/v1/renders/424242/download", headers=bearer(token)).status_code == 404


def test_a_repeated_idempotency_key_gives_the_same_job(running_app: Any, signing_key: str) -> None:
    token = make_token(signing_key)
    headers = {**bearer(token), "Idempotency-Key": "render-7-once"}
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        first = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE, headers=headers)
        again = client.post("/api/v1/renders", json=DAMAGE_SCHEDULE, headers=headers)
        other = client.post("/api/v1/renders", json={**DAMAGE_SCHEDULE, "claimant_id": 8}, headers=headers)
        assert first.status_code == again.status_code == 202
        assert first.json()["id"] == again.json()["id"]
        assert other.status_code == 422
        assert other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_a_job_left_running_by_a_stopped_process_is_requeued_at_start_and_finished(
    running_app: Any, signing_key: str, engine: Engine
) -> None:
    fake = FakeClaimsApi()
    plaintiff_one(fake)
    with Session(engine) as session:
        orphan = make_job(session, status="running", progress_done=1, progress_total=3)
    token = make_token(signing_key)
    with running_app(fake) as client:
        done = wait_until_done(client, token, orphan.id)
    assert done["status"] == "succeeded", done["error"]
    assert fake.requests[0] == "GET /api/v1/claimants/7"


def test_the_history_lists_a_case_s_renders_newest_first_and_filters(
    running_app: Any, signing_key: str, engine: Engine
) -> None:
    with Session(engine) as session:
        first = make_job(session, case_id=1, claimant_id=7)
        second = make_job(session, case_id=1, claimant_id=8, status="succeeded")
        make_job(session, case_id=2, claimant_id=9)
    token = make_token(signing_key, scopes="renders:read")
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        page = client.get("/api/v1/renders", params={"case_id": 1}, headers=bearer(token)).json()
        assert [job["id"] for job in page["items"]] == [second.id, first.id]
        assert (page["total"], page["limit"], page["offset"]) == (2, 50, 0)
        only = client.get("/api/v1/renders", params={"case_id": 1, "claimant_id": 7}, headers=bearer(token)).json()
        assert [job["id"] for job in only["items"]] == [first.id]
        refused = client.get("/api/v1/renders", params={"case_id": 1, "document": "letter"}, headers=bearer(token))
        assert refused.status_code == 422
        assert client.get("/api/v1/renders", headers=bearer(token)).status_code == 422  # case_id is required
        stranger = make_token(signing_key, scopes="claims:read")
        assert client.get("/api/v1/renders", params={"case_id": 1}, headers=bearer(stranger)).status_code == 403
