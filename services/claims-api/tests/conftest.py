from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, event
from sqlalchemy.orm import ORMExecuteState, SessionTransaction
from sqlmodel import Session

from bengodan_common import jwt
from bengodan_common.settings import S3Settings
from bengodan_common.testing import clear_tables, migrated_database, s3_server
from claims_api.core.config import AuthSettings, Settings
from claims_api.core.db import ALEMBIC_INI
from claims_api.main import create_app
from claims_api.models import metadata

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


@pytest.fixture
def settings(database_url: str, s3_endpoint: str, signing_key: str) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        auth=AuthSettings(private_key_pem=signing_key),
        s3=S3Settings(endpoint_url=s3_endpoint, bucket=f"test-{uuid.uuid4().hex[:12]}"),
        run_relay=False,
        run_import_worker=False,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
    engine = create_engine(settings.database_url)
    clear_tables(engine, metadata)
    engine.dispose()


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
