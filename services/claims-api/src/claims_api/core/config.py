from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bengodan_common.settings import Environment, S3Settings, refuse_demo_secrets


class AuthSettings(BaseModel):
    issuer: str = "bengodan-claims-api"
    audience: str = "bengodan"
    partner_audience: str = "partner"
    # The RS256 signing key: PEM in `private_key_pem`, or a file. The local run generates the file once.
    private_key_pem: SecretStr | None = None
    private_key_file: Path = Path("var/claims-api/jwt-signing-key.pem")
    user_token_ttl_seconds: int = 3600
    service_token_ttl_seconds: int = 900
    partner_token_ttl_seconds: int = 900


class PartnerSettings(BaseModel):
    # Per client and process: a steady rate with room for a burst (a page of claims, then its exhibits).
    rate_per_minute: int = 600
    burst: int = 60
    download_link_seconds: int = 300  # presigned exhibit links in claims: valid for minutes


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_API_", env_nested_delimiter="__", extra="ignore")

    env: Environment = "local"
    host: str = "127.0.0.1"
    port: int = 8001
    database_url: str = "sqlite:///var/claims-api/claims-api.sqlite3"
    log_json: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    auth: AuthSettings = AuthSettings()
    partner: PartnerSettings = PartnerSettings()
    s3: S3Settings = S3Settings()
    # Origins allowed to PUT evidence straight into the bucket (the SPA).
    s3_cors_origins: list[str] = ["http://127.0.0.1:5173", "http://localhost:5173"]
    create_bucket: bool = True
    notify_url: str = "http://127.0.0.1:8003"
    run_relay: bool = True
    relay_poll_seconds: float = 0.5
    run_import_worker: bool = True  # checks and imports claimant files in the background
    import_poll_seconds: float = 2.0
    evidence_max_bytes: int = 200 * 1024 * 1024

    @model_validator(mode="after")
    def _no_demo_secrets_in_production(self) -> Settings:
        refuse_demo_secrets(self.env, s3_secret=self.s3.secret_access_key)
        if self.env == "production" and self.auth.private_key_pem is None and not self.auth.private_key_file.exists():
            raise ValueError("production needs CLAIMS_API_AUTH__PRIVATE_KEY_PEM or an existing key file")
        return self
