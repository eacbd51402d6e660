"""Fixtures of the letters tests: a fake docs-render behind the real client, and the app with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from notify.letters.client import DocsRenderApi
from notify.letters.router import router as letters_router

from .fakes import FakeDocsRender

STAFF = "notify:read notify:write"
VIEWER = "notify:read"


@pytest.fixture
def fake_docs_render() -> FakeDocsRender:
    return FakeDocsRender()


@pytest.fixture
def docs_render(fake_docs_render: FakeDocsRender) -> Iterator[DocsRenderApi]:
    http = httpx.Client(transport=httpx.MockTransport(fake_docs_render.handler), base_url="http://docs-render.test")
    yield DocsRenderApi(http)
    http.close()


@pytest.fixture
def api(client: TestClient, docs_render: DocsRenderApi) -> TestClient:
    """The app with the letters' routes (added here until main.py lists them) and the fake docs-render."""
    app = client.app
    paths = {getattr(route, "path", "") for route in app.routes}  # type: ignore[attr-defined]
    if "/api/v1/campaigns/{campaign_id}/letter-batches" not in paths:
        app.include_router(letters_router)  # type: ignore[attr-defined]
    app.state.docs_render = docs_render  # type: ignore[attr-defined]
    return client


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


@pytest.fixture
def as_viewer(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(VIEWER, kind='user')}"}
