"""httpx clients for calls between services: client-credentials tokens cached until shortly before expiry,
and the caller's request ID forwarded."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator

import httpx

from bengodan_common.logging import REQUEST_ID_HEADER, current_request_id
from bengodan_common.settings import ServiceClientSettings


class ClientCredentialsAuth(httpx.Auth):
    """Obtains a token from claims-api's token endpoint and re-uses it until 30 s before it expires."""

    REFRESH_MARGIN_SECONDS = 30

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        scope: str | None = None,
        *,
        http: httpx.Client | None = None,
    ) -> None:
        self.token_url = token_url
        self.http = http or httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0))
        self.client_id = client_id
        self.client_secret = client_secret
        self.scope = scope
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()

    def _fetch(self) -> None:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        if self.scope:
            form["scope"] = self.scope
        response = self.http.post(self.token_url, data=form)
        response.raise_for_status()
        body = response.json()
        self._token = body["access_token"]
        self._expires_at = time.monotonic() + int(body["expires_in"]) - self.REFRESH_MARGIN_SECONDS

    def token(self, *, force: bool = False) -> str:
        with self._lock:
            if force or self._token is None or time.monotonic() >= self._expires_at:
                self._fetch()
            assert self._token is not None
            return self._token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token()}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {self.token(force=True)}"
            yield request


def _forward_request_id(request: httpx.Request) -> None:
    request_id = current_request_id()
    if request_id:
        request.headers[REQUEST_ID_HEADER] = request_id


def make_service_client(
    settings: ServiceClientSettings, *, scope: str | None = None, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """A client for a downstream service (`settings.base_url`) authenticated as this service with a token from
    claims-api (`settings.token_url`, by default claims-api at `base_url`); `transport` lets tests stand in for
    both."""
    base = settings.base_url.rstrip("/")
    timeout = httpx.Timeout(settings.timeout_seconds, connect=5.0)
    auth = ClientCredentialsAuth(
        settings.token_url or f"{base}/api/v1/auth/token",
        settings.client_id,
        settings.client_secret.get_secret_value(),
        scope,
        http=httpx.Client(timeout=timeout, transport=transport),
    )
    return httpx.Client(
        base_url=base,
        auth=auth,
        timeout=timeout,
        transport=transport,
        event_hooks={"request": [_forward_request_id]},
    )
