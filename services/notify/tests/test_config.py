from __future__ import annotations

import pytest
from pydantic import ValidationError

from notify.core.config import Settings


def test_defaults_give_the_local_run(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NOTIFY_ENV", "NOTIFY_DATABASE_URL", "NOTIFY_SMTP__PORT", "NOTIFY_REMINDER_DAYS_BEFORE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.host, settings.port) == ("127.0.0.1", 8003)
    assert settings.database_url == "sqlite:///var/notify/notify.sqlite3"
    assert (settings.smtp.host, settings.smtp.port) == ("127.0.0.1", 1025)
    assert settings.claims_api.client_id == "notify"
    assert (settings.quiet_hours_start, settings.quiet_hours_end) == (21, 8)
    assert settings.mailer == "smtp"


def test_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_SMTP__PORT", "2525")
    monkeypatch.setenv("NOTIFY_QUIET_HOURS_START", "22")
    monkeypatch.setenv("NOTIFY_CLAIMS_API__BASE_URL", "http://claims:8001")
    settings = Settings()
    assert settings.smtp.port == 2525
    assert settings.quiet_hours_start == 22
    assert settings.claims_api.base_url == "http://claims:8001"


def test_production_refuses_the_demo_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_ENV", "production")
    with pytest.raises(ValidationError, match="claims_api_client_secret"):
        Settings()
    monkeypatch.setenv("NOTIFY_CLAIMS_API__CLIENT_SECRET", "a-real-secret-from-the-vault")
    monkeypatch.setenv("NOTIFY_CLAIMS_API__CLIENT_ID", "notify")
    with pytest.raises(ValidationError, match="docs_render_client_secret, unsubscribe_secret"):
        Settings()
    monkeypatch.setenv("NOTIFY_DOCS_RENDER__CLIENT_SECRET", "a-real-secret-from-the-vault")
    monkeypatch.setenv("NOTIFY_UNSUBSCRIBE_SECRET", "another-real-secret")
    assert Settings().env == "production"
