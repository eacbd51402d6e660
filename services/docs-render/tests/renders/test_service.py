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
