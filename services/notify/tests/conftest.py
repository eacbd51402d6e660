"""notify test set-up: a migrated database (SQLite, or PostgreSQL with BENGODAN_TEST_DB=postgres), a real
SMTP sink on a free port, claims-api replaced by an httpx.MockTransport serving the contract shapes, and
tokens signed with a test key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bengodan_common import jwt
from bengodan_common.auth import StaticKeyVerifier
from bengodan_common.db import make_engine
from bengodan_common.settings import SMTPSettings
from bengodan_common.testing import clear_tables, free_port, migrated_database
from notify.core.config import Settings
from notify.core.db import ALEMBIC_INI
from notify.main import create_app
from notify.models import metadata

from .support import Driver, FakeClaimsApi, Sink, smtp_sink

REPO = Path(__file__).resolve().parents[3]
ISSUER = "bengodan-claims-api"
AUDIENCE = "bengodan"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database(ALEMBIC_INI, tmp_path_factory.mktemp("db"), "notify") as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _clean(engine: Engine) -> None:
    clear_tables(engine, metadata)


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[Sink]:
    port = free_port()
    controller = smtp_sink.start_sink("127.0.0.1", port, tmp_path / "mail")
    try:
        yield Sink(port=port, maildir=tmp_path / "mail")
    finally:
        controller.stop()


@pytest.fixture
def claims_api() -> FakeClaimsApi:
    return FakeClaimsApi()


@pytest.fixture(scope="session")
def signing_key() -> str:
    return jwt.generate_private_key_pem()


@pytest.fixture
def token(signing_key: str) -> Callable[..., str]:
    def make(scopes: str = "notify:events.write notify:read", *, kind: str = "service") -> str:
        return jwt.issue(
            private_key_pem=signing_key,
            issuer=ISSUER,
            audience=AUDIENCE,
            subject="client:claims-api",
            ttl_seconds=300,
            claims={"kind": kind, "roles": [], "scope": scopes},
        )

    return make


@pytest.fixture
def settings(database_url: str, sink: Sink) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        smtp=SMTPSettings(host="127.0.0.1", port=sink.port, timeout_seconds=5),
        run_worker=False,
        # No quiet hours unless a test sets them: the tests must not depend on the hour they run at.
        quiet_hours_start=0,
        quiet_hours_end=0,
        max_attempts=3,
        retry_base_seconds=60,
    )


@pytest.fixture
def claims_client(claims_api: FakeClaimsApi) -> Iterator[httpx.Client]:
    client = httpx.Client(transport=httpx.MockTransport(claims_api.handler), base_url="http://claims-api.test")
    yield client
    client.close()


@pytest.fixture
def client(settings: Settings, signing_key: str, claims_client: httpx.Client) -> Iterator[TestClient]:
    verifier = StaticKeyVerifier(jwt.public_jwks(signing_key), audience=AUDIENCE, issuer=ISSUER)
    app = create_app(settings, token_verifier=verifier, claims_client=claims_client)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def auth(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token()}"}


@pytest.fixture
def driver(engine: Engine, claims_client: httpx.Client, settings: Settings) -> Driver:
    return Driver(engine=engine, claims_client=claims_client, settings=settings)


@pytest.fixture
def quiet_hours(settings: Settings) -> Settings:
    """The production quiet hours, 21:00 to 08:00 Japan time."""
    settings.quiet_hours_start, settings.quiet_hours_end = 21, 8
    return settings
