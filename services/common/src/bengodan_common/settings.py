"""Base settings groups shared by the services (each service adds its own prefix and fields)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, SecretStr

Environment = Literal["local", "test", "production"]

# Secrets that only the local run may use: production settings refuse them.
DEMO_SECRETS = frozenset(
    {
        "test",
        "demo-admin-pass",
        "demo-insurer-secret",
        "local-docs-render-secret",
        "local-notify-secret",
        "local-unsubscribe-secret",
    }
)


class S3Settings(BaseModel):
    endpoint_url: str | None = "http://127.0.0.1:9000"
    # What browsers reach for presigned URLs; defaults to endpoint_url.
    public_endpoint_url: str | None = None
    region: str = "ap-northeast-1"
    access_key_id: SecretStr = SecretStr("test")
    secret_access_key: SecretStr = SecretStr("test")
    bucket: str = "bengodan-local"
    presign_ttl_seconds: int = 600


class SMTPSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 1025
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    use_tls: bool = False
    timeout_seconds: float = 15.0


class AuthVerifySettings(BaseModel):
    """How a service verifies the RS256 tokens that claims-api issues."""

    issuer: str = "bengodan-claims-api"
    audience: str = "bengodan"
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    jwks_cache_seconds: int = 600


class ServiceClientSettings(BaseModel):
    """One downstream service and this service's client-credentials login at claims-api, which issues every
    token: `token_url` None means the downstream service is claims-api itself (`{base_url}/api/v1/auth/token`);
    a client of another service (docs-render) names claims-api's token endpoint there."""

    base_url: str = "http://127.0.0.1:8001"
    token_url: str | None = None
    client_id: str
    client_secret: SecretStr
    timeout_seconds: float = 10.0


def refuse_demo_secrets(env: Environment, **secrets: SecretStr | None) -> None:
    """Raise when a demo secret is configured outside the local run."""
    if env == "local" or env == "test":
        return
    bad = [name for name, value in secrets.items() if value is not None and value.get_secret_value() in DEMO_SECRETS]
    if bad:
        raise ValueError(f"demo secrets are allowed only with ENV=local; set real values for: {', '.join(bad)}")
