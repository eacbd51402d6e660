"""Test set-up of docs-render: a migrated database (SQLite, or PostgreSQL with BENGODAN_TEST_DB=postgres),
a real S3 server (moto) on a free port, a signing key, and claims-api faked by an httpx.MockTransport."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bengodan_common import jwt
from bengodan_common.auth import StaticKeyVerifier
from bengodan_common.db import make_engine
from bengodan_common.testing import clear_tables, migrated_database, s3_server
from docs_render import ALEMBIC_INI
from docs_render.main import create_app
from docs_render.models import metadata

# tests/builders.py, importable as `docs_render_builders`: a plain `builders` module would collide with the
# other services' tests/builders.py when one pytest run collects several services.
_spec = importlib.util.spec_from_file_location("docs_render_builders", Path(__file__).with_name("builders.py"))
assert _spec is not None and _spec.loader is not None
builders = importlib.util.module_from_spec(_spec)
sys.modules["docs_render_builders"] = builders
_spec.loader.exec_module(builders)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with migrated_database(ALEMBIC_INI, tmp_path_factory.mktemp("db"), "docs-render") as url:
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(engine: Engine) -> Iterator[None]:
    yield
    clear_tables(engine, metadata)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def signing_key() -> str:
    return jwt.generate_private_key_pem()


AppFactory = Callable[..., AbstractContextManager[TestClient]]


@pytest.fixture
def running_app(database_url: str, s3_endpoint: str, signing_key: str) -> AppFactory:
    """`with running_app(fake_claims_api, **settings) as client:` starts the app (and its worker)."""

    @contextmanager
    def start(fake: Any, **overrides: Any) -> Iterator[TestClient]:
        settings = builders.make_settings(database_url, s3_endpoint, **overrides)
        verifier = StaticKeyVerifier(
            jwt.public_jwks(signing_key), audience=settings.auth.audience, issuer=settings.auth.issuer
        )
        app = create_app(settings, token_verifier=verifier, claims_client=fake.client())
        with TestClient(app) as client:
            yield client

    return start
