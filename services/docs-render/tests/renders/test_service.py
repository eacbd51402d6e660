"""The job queue: claiming and re-queueing, straight against the database."""

from __future__ import annotations

from docs_render_builders import make_job
from sqlalchemy.engine import Engine
from sqlmodel import Session

from docs_render.renders import service


def test_claim_next_takes_the_oldest_queued_job_once(engine: Engine) -> None:
    with Session(engine) as session:
        done = make_job(session, status="succeeded")
        first = make_job(session)
        second = make_job(session)
    with Session(engine) as session, session.begin():
        claimed = service.claim_next(session=session)
        assert claimed is not None and claimed.id == first.id
        assert claimed.status == "running" and claimed.started_at is not None
    with Session(engine) as session, session.begin():
        claimed = service.claim_next(session=session)
        assert claimed is not None and claimed.id == second.id
    with Session(engine) as session, session.begin():
        assert service.claim_next(session=session) is None
        assert service.get(session=session, job_id=done.id).status == "succeeded"


def test_requeue_interrupted_puts_running_jobs_back(engine: Engine) -> None:
    with Session(engine) as session:
        running = make_job(session, status="running", progress_done=2, progress_total=3)
        failed = make_job(session, status="failed", error="x")
    with Session(engine) as session, session.begin():
        assert service.requeue_interrupted(session=session) == 1
    with Session(engine) as session:
        again = service.get(session=session, job_id=running.id)
        assert (again.status, again.progress_done, again.started_at) == ("queued", 0, None)
        assert service.get(session=session, job_id=failed.id).status == "failed"


def test_losing_an_idempotency_race_returns_the_winners_job(engine: Engine, monkeypatch) -> None:
    from bengodan_common.auth import Principal
    from docs_render.renders.schemas import RenderCreate

    winner = None
    real_find = service._find_by_key

    def find_after_the_other_request_committed(session: Session, requester: str, key: str):  # type: ignore[no-untyped-def]
        nonlocal winner
        if winner is None:  # first look: nothing yet; then the concurrent request commits its job
            with Session(engine) as other:
                winner = make_job(other, requested_by=requester, idempotency_key=key)
            return None
        return real_find(session, requester, key)

    monkeypatch.setattr(service, "_find_by_key", find_after_the_other_request_committed)
    data = RenderCreate(document="damage-schedule", format="pdf", case_id=1, claimant_id=7)
    with Session(engine) as session, session.begin():
        job, created = service.create(
            session=session, data=data, actor=Principal(sub="user:1", kind="user"), idempotency_key="k-1"
        )
        job_id = job.id
    assert created is False and winner is not None and job_id == winner.id
