"""Claimant imports in the background: checked, confirmed, imported once, with progress, left and resumed."""

from __future__ import annotations

import time

import pytest
from builders import auth, make_case
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select
from transfer.files import csv_bytes, row

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.claimants.models import Claimant
from claims_api.imports import service, worker
from claims_api.imports.models import ClaimantImport
from claims_api.main import create_app
from claims_api.transfer import service as transfer
from claims_api.transfer.schemas import ImportMode

CSV = "text/csv"


def start(client, app_state, case_id, content, *, headers=None):
    return client.post(
        f"/api/v1/cases/{case_id}/claimant-import-jobs",
        files={"file": ("原告一覧.csv", content, CSV)},
        headers=auth(app_state, Role.staff, subject="user:1") | (headers or {}),
    )


def read(client, app_state, import_id, role=Role.staff):
    response = client.get(f"/api/v1/claimant-import-jobs/{import_id}", headers=auth(app_state, role))
    assert response.status_code == 200, response.text
    return response.json()


def confirm(client, app_state, import_id, mode="all"):
    return client.post(
        f"/api/v1/claimant-import-jobs/{import_id}/import",
        json={"mode": mode},
        headers=auth(app_state, Role.lawyer, subject="user:2"),
    )


def work(app_state) -> None:
    """Run the worker until nothing waits, as its thread would."""
    while worker.run_once(app_state.engine):
        pass


def claimants(session: Session, case_id: int) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Claimant).where(Claimant.case_id == case_id)).one()


def stored_file(session: Session, import_id: int) -> bytes | None:
    session.expire_all()
    return session.exec(select(ClaimantImport.content).where(ClaimantImport.id == import_id)).one()


THREE_ROWS_ONE_BAD = [row(1), row(2, メールアドレス="not-an-address"), row(3)]


def test_a_file_is_checked_in_the_background_then_imported_once_confirmed(client, session, app_state):
    case = make_case(session)
    response = start(client, app_state, case.id, csv_bytes(THREE_ROWS_ONE_BAD))
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["Location"] == f"/api/v1/claimant-import-jobs/{job['id']}"
    assert (job["status"], job["waiting"], job["report"], job["requested_by"]) == ("checking", True, None, "user:1")

    work(app_state)
    checked = read(client, app_state, job["id"])
    assert (checked["status"], checked["waiting"]) == ("checked", False)
    assert (checked["progress_done"], checked["progress_total"]) == (3, 3)
    assert checked["report"]["dry_run"] and checked["report"]["rows_valid"] == 2
    assert [(e["row"], e["column"]) for e in checked["report"]["errors"]] == [(3, "メールアドレス")]
    assert checked["counts"] == {
        "rows_read": 3,
        "rows_valid": 2,
        "rows_imported": 0,
        "error_count": 1,
        "duplicate_count": 0,
    }
    assert claimants(session, case.id) == 0  # a check stores nothing

    queued = confirm(client, app_state, job["id"], mode="valid_only")
    assert queued.status_code == 202, queued.text
    assert (queued.json()["status"], queued.json()["confirmed_by"]) == ("importing", "user:2")
    work(app_state)
    imported = read(client, app_state, job["id"])
    assert imported["status"] == "imported" and imported["finished_at"] is not None
    assert [r["row"] for r in imported["report"]["imported"]] == [2, 4]
    assert claimants(session, case.id) == 2
    assert stored_file(session, job["id"]) is None  # the claimants' file is not kept once imported
    event = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.import")).one()
    assert event.actor == "user:2"  # who confirmed the import, not who uploaded the file
    assert event.detail["claimant_ids"] == [r["claimant_id"] for r in imported["report"]["imported"]]

    again = confirm(client, app_state, job["id"], mode="valid_only")
    assert again.status_code == 202 and again.json()["status"] == "imported"
    work(app_state)
    assert claimants(session, case.id) == 2


def test_an_import_refused_for_its_errors_goes_back_to_checked_and_can_take_the_valid_rows(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, csv_bytes(THREE_ROWS_ONE_BAD)).json()
    work(app_state)
    assert confirm(client, app_state, job["id"], mode="all").status_code == 202
    work(app_state)
    refused = read(client, app_state, job["id"])
    assert refused["status"] == "checked" and refused["mode"] == "all"
    assert refused["problem"]["type"] == "import-invalid"
    assert refused["problem"]["errors"] == [
        {"field": "row 3: メールアドレス", "reason": refused["report"]["errors"][0]["reason"]}
    ]
    assert claimants(session, case.id) == 0 and stored_file(session, job["id"]) is not None

    assert confirm(client, app_state, job["id"], mode="valid_only").status_code == 202
    work(app_state)
    assert read(client, app_state, job["id"])["status"] == "imported"
    assert claimants(session, case.id) == 2


def test_rows_that_became_invalid_since_the_check_are_reported_at_import(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, csv_bytes([row(1), row(2)])).json()
    work(app_state)
    # meanwhile the first office is registered by another file
    direct = client.post(
        f"/api/v1/cases/{case.id}/claimant-imports",
        files={"file": ("other.csv", csv_bytes([row(1)]), CSV)},
        headers=auth(app_state, Role.staff),
    )
    assert direct.status_code == 201, direct.text
    confirm(client, app_state, job["id"], mode="all")
    work(app_state)
    again = read(client, app_state, job["id"])
    assert again["status"] == "checked" and again["report"]["rows_valid"] == 1
    assert "already registered" in again["report"]["errors"][0]["reason"]
    assert claimants(session, case.id) == 1


def test_a_file_that_cannot_be_read_fails_with_the_reason_and_is_not_kept(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, "氏名\n山田".encode("utf-16")).json()
    work(app_state)
    failed = read(client, app_state, job["id"])
    assert failed["status"] == "failed" and failed["report"] is None
    assert failed["problem"]["status"] == 422 and failed["problem"]["errors"][0]["field"] == "file"
    assert stored_file(session, job["id"]) is None
    assert confirm(client, app_state, job["id"]).status_code == 409


def test_a_file_with_the_wrong_columns_fails_with_its_report(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, "名前,住所\n山田,東京\n".encode()).json()
    work(app_state)
    failed = read(client, app_state, job["id"])
    assert failed["status"] == "failed" and failed["problem"]["type"] == "import-invalid"
    assert failed["report"]["errors"][0]["row"] == 1


def test_confirm_and_discard_only_from_checked(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, csv_bytes([row(1)])).json()
    early = confirm(client, app_state, job["id"])
    assert early.status_code == 409 and "checking" in early.json()["detail"]
    work(app_state)
    discarded = client.post(f"/api/v1/claimant-import-jobs/{job['id']}/discard", headers=auth(app_state, Role.staff))
    assert discarded.status_code == 200 and discarded.json()["status"] == "discarded"
    assert discarded.json()["report"]["rows_valid"] == 1  # the report stays
    assert stored_file(session, job["id"]) is None
    assert (
        client.post(
            f"/api/v1/claimant-import-jobs/{job['id']}/discard", headers=auth(app_state, Role.staff)
        ).status_code
        == 200
    )
    assert confirm(client, app_state, job["id"]).status_code == 409
    assert claimants(session, case.id) == 0

    other = start(client, app_state, case.id, csv_bytes([row(2)])).json()
    work(app_state)
    assert confirm(client, app_state, other["id"], mode="all").status_code == 202
    switched = confirm(client, app_state, other["id"], mode="valid_only")
    assert switched.status_code == 409
    nothing = start(client, app_state, case.id, csv_bytes([row(3, メールアドレス="x")])).json()
    work(app_state)
    assert confirm(client, app_state, nothing["id"], mode="valid_only").status_code == 409  # no valid row


def test_a_worker_that_stopped_mid_import_leaves_nothing_and_the_job_is_imported_once(client, session, app_state):
    case = make_case(session)
    job = start(client, app_state, case.id, csv_bytes([row(1), row(2)])).json()
    work(app_state)
    confirm(client, app_state, job["id"])
    engine = app_state.engine
    with Session(engine, expire_on_commit=False) as db, db.begin():
        lost = service.claim_next(session=db)  # taken by a process that then stopped
    assert lost is not None and read(client, app_state, job["id"])["waiting"] is False
    assert worker.run_once(engine) is False  # nobody else takes a job in hand

    assert worker.requeue_interrupted(engine) == 1  # the next start of the service
    assert read(client, app_state, job["id"])["waiting"] is True
    with Session(engine, expire_on_commit=False) as db, db.begin():
        taken = service.claim_next(session=db)
    assert taken is not None and taken.attempt == lost.attempt + 1

    worker.import_(engine, lost)  # the stopped process's attempt comes back to life: rolled back
    assert claimants(session, case.id) == 0
    worker.import_(engine, taken)
    worker.import_(engine, taken)  # finished already: nothing more happens
    assert read(client, app_state, job["id"])["status"] == "imported"
    assert claimants(session, case.id) == 2


def test_an_unexpected_error_fails_the_job_and_stores_nothing(client, session, app_state, monkeypatch):
    case = make_case(session)
    job = start(client, app_state, case.id, csv_bytes([row(1)])).json()
    work(app_state)
    confirm(client, app_state, job["id"])

    def broken_audit(**_kwargs):
        raise RuntimeError("disk full")  # after the claimants were inserted, before the commit

    monkeypatch.setattr("claims_api.transfer.service.audit.record", broken_audit)
    work(app_state)
    failed = read(client, app_state, job["id"])
    assert failed["status"] == "failed" and failed["problem"]["type"] == "import-crashed"
    assert "Nothing was imported" in failed["problem"]["detail"]
    assert claimants(session, case.id) == 0


def test_progress_is_reported_row_by_row_up_to_the_whole_file(session):
    case = make_case(session)
    seen: list[tuple[int, int]] = []
    report = transfer.import_claimants(
        session=session,
        case_id=case.id,
        content=csv_bytes([row(n) for n in range(1, 6)]),
        file_name=None,
        mode=ImportMode.all,
        dry_run=True,
        actor=auth_principal(),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.rows_read == 5 and seen == [(n, 5) for n in range(1, 6)]


def auth_principal():
    from bengodan_common.auth import Principal

    return Principal(sub="staff", kind="user")


def test_the_case_lists_its_imports_newest_first_without_reports(client, session, app_state):
    case, other_case = make_case(session), make_case(session, name="別事件")
    first = start(client, app_state, case.id, csv_bytes([row(1)])).json()
    start(client, app_state, other_case.id, csv_bytes([row(2)]))
    second = start(client, app_state, case.id, csv_bytes([row(3)])).json()
    work(app_state)
    listed = client.get(f"/api/v1/cases/{case.id}/claimant-import-jobs", headers=auth(app_state, Role.viewer))
    assert listed.status_code == 200
    assert [j["id"] for j in listed.json()] == [second["id"], first["id"]]
    assert "report" not in listed.json()[0] and listed.json()[0]["counts"]["rows_valid"] == 1
    assert (
        client.get("/api/v1/cases/999999/claimant-import-jobs", headers=auth(app_state, Role.viewer)).status_code == 404
    )
    assert client.get("/api/v1/claimant-import-jobs/999999", headers=auth(app_state, Role.viewer)).status_code == 404


def test_the_same_idempotency_key_hands_over_the_file_once(client, session, app_state):
    case = make_case(session)
    headers = {"Idempotency-Key": "import-1"}
    first = start(client, app_state, case.id, csv_bytes([row(1)]), headers=headers)
    second = start(client, app_state, case.id, csv_bytes([row(1)]), headers=headers)
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["id"] == second.json()["id"]
    session.expire_all()
    assert session.exec(select(func.count()).select_from(ClaimantImport)).one() == 1


@pytest.mark.parametrize(
    ("role", "starts", "reads"),
    [
        (Role.admin, 202, 200),
        (Role.lawyer, 202, 200),
        (Role.staff, 202, 200),
        (Role.viewer, 403, 200),
        (None, 401, 401),
    ],
)
def test_who_may_import_and_who_may_read(client, session, app_state, role, starts, reads):
    case = make_case(session)
    own = start(client, app_state, case.id, csv_bytes([row(1)])).json()
    work(app_state)
    headers = auth(app_state, role) if role else {}
    upload = client.post(
        f"/api/v1/cases/{case.id}/claimant-import-jobs",
        files={"file": ("a.csv", csv_bytes([row(2)]), CSV)},
        headers=headers,
    )
    assert upload.status_code == starts
    assert client.get(f"/api/v1/claimant-import-jobs/{own['id']}", headers=headers).status_code == reads
    assert client.get(f"/api/v1/cases/{case.id}/claimant-import-jobs", headers=headers).status_code == reads
    writes = 202 if starts == 202 else starts
    assert (
        client.post(
            f"/api/v1/claimant-import-jobs/{own['id']}/import", json={"mode": "all"}, headers=headers
        ).status_code
        == writes
    )
    if starts != 202:
        assert client.post(f"/api/v1/claimant-import-jobs/{own['id']}/discard", headers=headers).status_code == starts
        assert claimants(session, case.id) == 0


def test_bad_input_is_refused_with_the_field(client, session, app_state):
    case = make_case(session)
    missing = client.post(f"/api/v1/cases/{case.id}/claimant-import-jobs", headers=auth(app_state, Role.staff))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    job = start(client, app_state, case.id, csv_bytes([row(1)])).json()
    work(app_state)
    bad_mode = confirm(client, app_state, job["id"], mode="some")
    assert bad_mode.status_code == 422 and bad_mode.json()["errors"][0]["field"] == "mode"
    assert start(client, app_state, 999999, csv_bytes([row(1)])).status_code == 404


def test_the_service_s_own_worker_takes_the_file_up_at_once(settings, session):
    with TestClient(
        create_app(settings.model_copy(update={"run_import_worker": True, "import_poll_seconds": 60}))
    ) as live:
        state = live.app.state  # type: ignore[attr-defined]
        with Session(state.engine) as db:
            case = make_case(db)
            case_id = case.id
        job = start(live, state, case_id, csv_bytes([row(1), row(2)])).json()
        deadline = time.monotonic() + 20
        while (status := read(live, state, job["id"])["status"]) == "checking" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert status == "checked"  # long before the next poll: the upload woke the worker
        assert confirm(live, state, job["id"]).status_code == 202
        while (status := read(live, state, job["id"])["status"]) == "importing" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert status == "imported"
        with Session(state.engine) as db:
            assert (
                db.exec(select(func.count()).select_from(Claimant).where(col(Claimant.case_id) == case_id)).one() == 2
            )
