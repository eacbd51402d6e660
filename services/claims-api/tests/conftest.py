from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, SessionTransaction
from sqlmodel import Session

from bengodan_common import jwt
from bengodan_common.s3 import ensure_bucket
from bengodan_common.settings import S3Settings
from bengodan_common.testing import clear_tables, migrated_database, s3_server
from claims_api.core.config import AuthSettings, Settings
from claims_api.core.db import ALEMBIC_INI
from claims_api.main import create_app
from claims_api.models import metadata
from claims_api.partner.ratelimit import RateLimiter

# Builders live beside the tests (one suite per service, run separately).
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database(ALEMBIC_INI, tmp_path_factory.mktemp("db"), "claims-api") as url:
        yield url


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def signing_key() -> str:
    return jwt.generate_private_key_pem()


@pytest.fixture(scope="session")
def session_settings(database_url: str, s3_endpoint: str, signing_key: str) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        auth=AuthSettings(private_key_pem=signing_key),
        s3=S3Settings(endpoint_url=s3_endpoint, bucket="test-session"),
        run_relay=False,
        run_import_worker=False,
    )


@pytest.fixture(scope="session")
def session_client(session_settings: Settings) -> Iterator[TestClient]:
    """One app for the whole run: building one takes about half a second (FastAPI makes a validator for each of
    the ~700 parameters of the routes), which every test paid when each built its own."""
    with TestClient(create_app(session_settings)) as test_client:
        yield test_client


@pytest.fixture
def settings(session_settings: Settings) -> Settings:
    """The session's settings with a bucket of this test's own."""
    s3 = session_settings.s3.model_copy(update={"bucket": f"test-{uuid.uuid4().hex[:12]}"})
    return session_settings.model_copy(update={"s3": s3})


@pytest.fixture
def client(session_client: TestClient, settings: Settings) -> Iterator[TestClient]:
    """The session's app as a new one would start: this test's settings and bucket, a fresh rate limiter, no
    cookies; the tables are emptied after the test."""
    state = session_client.app.state  # type: ignore[attr-defined]
    state.settings = settings
    ensure_bucket(state.s3, settings.s3, cors_origins=settings.s3_cors_origins)
    state.partner_rate_limiter = RateLimiter(
        rate_per_minute=settings.partner.rate_per_minute, burst=settings.partner.burst
    )
    session_client.cookies.clear()
    yield session_client
    clear_tables(state.engine, metadata, append_only={"audit_log"})


@pytest.fixture
def app_state(client: TestClient) -> object:
    return client.app.state  # type: ignore[attr-defined]


@pytest.fixture
def session(client: TestClient) -> Iterator[Session]:
    """A session on the app's database, for builders and for checking what was stored.

    Its reads see what was committed before them, by the app too (as PostgreSQL's READ COMMITTED shows
    them): on SQLite a transaction reads from the snapshot of its first read until it ends, so a read that is
    not part of a write of this session first ends the read-only transaction it is in. Objects already
    loaded keep their attributes until expired (`session.expire_all()`), on any backend.
    """
    with Session(client.app.state.engine, expire_on_commit=False) as db:  # type: ignore[attr-defined]
        _reads_see_commits(db)
        yield db


def _reads_see_commits(db: Session) -> None:
    @event.listens_for(db, "after_flush")
    def _wrote(session: Session, _context: object) -> None:
        session.info["writing"] = True

    @event.listens_for(db, "after_transaction_end")
    def _ended(session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None:
            session.info["writing"] = False

    @event.listens_for(db, "do_orm_execute")
    def _before(state: ORMExecuteState) -> None:
        if not state.is_select:  # DML, and raw SQL (text() is no select to SQLAlchemy): counted as a write
            db.info["writing"] = True
        elif db.in_transaction() and not (db.info.get("writing") or db.new or db.dirty or db.deleted):
            db.commit()  # nothing written: ends the snapshot; expire_on_commit=False keeps loaded objects


@pytest.fixture(autouse=True, scope="session")
def _quiet_s3_server_logs() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
