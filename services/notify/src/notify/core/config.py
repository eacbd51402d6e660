from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bengodan_common.settings import (
    AuthVerifySettings,
    Environment,
    ServiceClientSettings,
    SMTPSettings,
    refuse_demo_secrets,
)


class ClaimsApiSettings(ServiceClientSettings):
    """notify's login at claims-api; defaults for the local run, so one variable can be set alone."""

    client_id: str = "notify"
    client_secret: SecretStr = SecretStr("local-notify-secret")


class Settings(BaseSettings):
    """Every setting of notify; environment variables `NOTIFY_*`, nested groups with `__`
    (e.g. `NOTIFY_SMTP__HOST`, `NOTIFY_CLAIMS_API__CLIENT_SECRET`)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFY_", env_nested_delimiter="__", extra="ignore")

    env: Environment = "local"
    host: str = "127.0.0.1"
    port: int = 8003
    database_url: str = "sqlite:///var/notify/notify.sqlite3"
    log_json: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    auth: AuthVerifySettings = AuthVerifySettings()
    smtp: SMTPSettings = SMTPSettings()
    claims_api: ClaimsApiSettings = ClaimsApiSettings()

    # What the e-mails say about the sender.
    mail_from: str = "弁護団事務局 <noreply@bengodan.example.jp>"
    message_id_domain: str = "bengodan.local"
    team_name: str = "弁護団事務局"
    team_contact: str = "弁護団事務局　電話 06-0000-0000（平日10時～17時）　メール office@bengodan.example.jp"

    # Reminders at `reminder_hour_jst`:00 Japan time, N days before the hearing for each N.
    reminder_days_before: list[int] = [7, 1]
    reminder_hour_jst: int = Field(default=9, ge=0, le=23)

    # The delivery worker (a thread in the API process).
    run_worker: bool = True
    worker_poll_seconds: float = Field(default=0.5, gt=0)
    worker_batch_size: int = Field(default=50, ge=1)
    max_attempts: int = Field(default=5, ge=1)
    retry_base_seconds: float = Field(default=60.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)
    # A message left in `sending` this long (the process died mid-send) is sent again, same Message-ID.
    sending_timeout_seconds: float = Field(default=300.0, gt=0)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if any(n < 0 for n in self.reminder_days_before):
            raise ValueError("reminder_days_before: days must be 0 or more")
        refuse_demo_secrets(
            self.env, claims_api_client_secret=self.claims_api.client_secret, smtp_password=self.smtp.password
        )
        return self
