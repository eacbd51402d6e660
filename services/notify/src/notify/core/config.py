from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
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


class DocsRenderSettings(ServiceClientSettings):
    """docs-render, which renders the postal letters; notify's token still comes from claims-api (`token_url`)."""

    base_url: str = "http://127.0.0.1:8002"
    token_url: str = "http://127.0.0.1:8001/api/v1/auth/token"  # noqa: S105 - a URL, not a secret
    client_id: str = "notify"
    client_secret: SecretStr = SecretStr("local-notify-secret")
    poll_seconds: float = Field(default=5.0, gt=0)


class SesSettings(BaseModel):
    """Amazon SES through boto3 (`NOTIFY_MAILER=ses`); bounces and deliveries come back through an SQS queue
    subscribed to the SES notifications (SNS)."""

    region: str = "ap-northeast-1"
    endpoint_url: str | None = None  # moto in tests; None: AWS
    access_key_id: SecretStr | None = None  # None: boto3's own chain (instance role, environment)
    secret_access_key: SecretStr | None = None
    configuration_set: str | None = None
    feedback_queue_url: str | None = None


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
    mailer: Literal["smtp", "ses"] = "smtp"
    smtp: SMTPSettings = SMTPSettings()
    ses: SesSettings = SesSettings()
    claims_api: ClaimsApiSettings = ClaimsApiSettings()
    docs_render: DocsRenderSettings = DocsRenderSettings()

    # What the e-mails say about the sender.
    mail_from: str = "弁護団事務局 <noreply@bengodan.example.jp>"
    message_id_domain: str = "bengodan.local"
    # The envelope sender (Return-Path): where the receiving servers send their delivery reports.
    bounce_address: str = "bounces@bengodan.example.jp"
    team_name: str = "弁護団事務局"
    team_contact: str = "弁護団事務局　電話 06-0000-0000（平日10時～17時）　メール office@bengodan.example.jp"

    # The unsubscribe link of every reminder: a page of notify behind the SPA's /notify path, and the key that
    # signs the claimant's id in it.
    public_base_url: str = "http://127.0.0.1:5173/notify"
    unsubscribe_secret: SecretStr = SecretStr("local-unsubscribe-secret")

    # Reminders (not breach notices) due in the quiet hours, Japan time, wait until they end.
    quiet_hours_start: int = Field(default=21, ge=0, le=23)
    quiet_hours_end: int = Field(default=8, ge=0, le=23)
    # At most this many e-mails per minute from one sender address, over all workers.
    rate_limit_per_minute: int = Field(default=6000, ge=1)

    # Intake reminders: the first N days after the claimant was registered, then every M days until complete.
    intake_first_after_days: int = Field(default=14, ge=1)
    intake_every_days: int = Field(default=7, ge=1)
    intake_check_seconds: float = Field(default=600.0, gt=0)

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
        refuse_demo_secrets(
            self.env,
            claims_api_client_secret=self.claims_api.client_secret,
            docs_render_client_secret=self.docs_render.client_secret,
            smtp_password=self.smtp.password,
            unsubscribe_secret=self.unsubscribe_secret,
        )
        return self
