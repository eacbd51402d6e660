"""Settings of docs-render, from environment variables prefixed `DOCS_RENDER_` (nested groups with `__`)."""

from __future__ import annotations

import os
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bengodan_common.settings import (
    AuthVerifySettings,
    Environment,
    S3Settings,
    ServiceClientSettings,
    refuse_demo_secrets,
)


class ClaimsApiClientSettings(ServiceClientSettings):
    """How docs-render logs in at claims-api (client credentials); defaults give the local run."""

    client_id: str = "docs-render"
    client_secret: SecretStr = SecretStr("local-docs-render-secret")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCS_RENDER_", env_nested_delimiter="__", extra="ignore")

    env: Environment = "local"
    host: str = "127.0.0.1"
    port: int = 8002
    database_url: str = "sqlite:///var/docs-render/docs-render.sqlite3"
    log_json: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    auth: AuthVerifySettings = AuthVerifySettings()
    s3: S3Settings = S3Settings()
    # Create the bucket at start if it is missing (local run); production buckets are provisioned.
    create_bucket: bool = True
    claims_api: ClaimsApiClientSettings = ClaimsApiClientSettings()
    run_worker: bool = True
    worker_poll_seconds: float = 0.5
    # Processes that lay out the documents (WeasyPrint is CPU-bound): one per core by default; 0 renders in
    # the worker thread itself.
    render_processes: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=0, le=64)

    @model_validator(mode="after")
    def _no_demo_secrets_in_production(self) -> Settings:
        refuse_demo_secrets(
            self.env,
            s3_secret=self.s3.secret_access_key,
            claims_api_client_secret=self.claims_api.client_secret,
        )
        return self
