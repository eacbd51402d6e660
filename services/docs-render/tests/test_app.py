"""Start-up, health and settings of the service."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from docs_render_builders import FakeClaimsApi, make_settings
from pydantic import ValidationError

from bengodan_common.db import ensure_sqlite_dir
from docs_render.core.config import Settings
from docs_render.main import create_app
from docs_render.pdf import MissingFontError, RenderError
from docs_render.pdf import fonts as fonts_module
from docs_render.pdf import render as render_module


def test_health_and_readiness(running_app: Any) -> None:
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.json()
        assert ready.json()["checks"] == {"database": "ok", "s3": "ok"}


def test_the_app_does_not_start_without_a_mincho_font(
    monkeypatch: pytest.MonkeyPatch, database_url: str, s3_endpoint: str
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setattr(fonts_module, "installed_families", lambda: {"DejaVu Serif"})
    app = create_app(make_settings(database_url, s3_endpoint), claims_client=FakeClaimsApi().client())
    with pytest.raises(MissingFontError, match="no Japanese Mincho font"), TestClient(app):
        pass


def test_the_app_does_not_start_without_the_tools_that_join_pdfs(
    monkeypatch: pytest.MonkeyPatch, database_url: str, s3_endpoint: str
) -> None:
    from fastapi.testclient import TestClient

    which = render_module.shutil.which
    monkeypatch.setattr(render_module.shutil, "which", lambda name: None if name == "qpdf" else which(name))
    app = create_app(make_settings(database_url, s3_endpoint), claims_client=FakeClaimsApi().client())
    with pytest.raises(RenderError, match="Debian package qpdf"), TestClient(app):
        pass


def test_production_refuses_the_demo_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("DOCS_RENDER_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DOCS_RENDER_ENV", "production")
    with pytest.raises(ValidationError, match="claims_api_client_secret"):
        Settings()
    monkeypatch.setenv("DOCS_RENDER_CLAIMS_API__CLIENT_SECRET", "a-real-secret")
    monkeypatch.setenv("DOCS_RENDER_S3__SECRET_ACCESS_KEY", "another-real-secret")
    settings = Settings()
    assert settings.claims_api.client_id == "docs-render"
    assert settings.claims_api.client_secret.get_secret_value() == "a-real-secret"


def test_defaults_give_the_local_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [n for n in os.environ if n.startswith("DOCS_RENDER_")]:
        monkeypatch.delenv(name)
    settings = Settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8002)
    assert settings.database_url == "sqlite:///var/docs-render/docs-render.sqlite3"
    assert settings.claims_api.base_url == "http://127.0.0.1:8001"
    monkeypatch.chdir(tmp_path)
    ensure_sqlite_dir(settings.database_url)
    assert (tmp_path / "var" / "docs-render").is_dir()
