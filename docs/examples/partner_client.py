#!/usr/bin/env python3
"""Example client of the bengodan partner API (/partner/v1): keeps a local copy of the claims shared with you.

What it does, in the order a real integration should:

1. Obtains an access token by client credentials and renews it shortly before it expires.
2. First run (no cursor stored yet): reads the change feed to its end to learn its current position, then
   pages through every claim (`GET /partner/v1/claims`, following `next`) and stores each one in a local cache,
   then stores the feed position. Taking the position *before* the listing means that a change made while the
   listing runs is seen again by step 3: it may be fetched twice, never missed.
3. Every run: follows the change feed from the stored cursor. `updated` → fetch the claim again, with
   `If-None-Match` when the cache has its ETag (a 304 means the copy is current); `access_ended` → delete the copy.
   The cursor is stored after each page has been processed, so a crash repeats at most one page.

Every request honours 429 and 503 (waits for Retry-After) and retries network errors a few times.

Needs Python 3.11+ and httpx (`pip install httpx`); nothing else. Run against the local demo (`make run`):

    BENGODAN_PARTNER_CLIENT_SECRET=demo-insurer-secret \\
        python docs/examples/partner_client.py --client-id demo-insurer --state-file var/partner/state.json --once

With --once it prints one JSON line on stdout (what the pass did); following the feed (without --once), one line
per pass that found something. Progress and errors are logged on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

log = logging.getLogger("partner_client")

ALL_FIELDS = "claimant,policy,stage,damage_items,exhibits,totals"
PAGE_SIZE = 100  # claims per page: the API's maximum
CHANGES_PAGE_SIZE = 500  # change-feed entries per page (the API allows up to 1000)
TOKEN_RENEW_SECONDS = 60  # renew the token this long before it expires (clock skew, slow requests)
MAX_ATTEMPTS = 6  # per request, for 429, 503 and network errors
MAX_WAIT_SECONDS = 120.0  # never sleep longer than this for one retry, whatever Retry-After says


# ---- HTTP: token, retries, errors -----------------------------------------------------------------------


class SyncError(Exception):
    """The sync cannot go on (the message says why)."""


class ApiError(SyncError):
    """A response the client cannot continue with. `problem` is the RFC 9457 problem+json body, when there is one."""

    def __init__(self, response: httpx.Response) -> None:
        self.status = response.status_code
        self.problem: dict[str, Any] = {}
        if response.headers.get("content-type", "").startswith(("application/problem+json", "application/json")):
            try:
                body = response.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                self.problem = body
        text = f"{response.request.method} {response.request.url.path} → {self.status}"
        if self.problem:
            text += f" {self.problem.get('title', '')}"
            # Validation errors name each offending field (a query parameter, a form field, a body field).
            errors = self.problem.get("errors") or []
            for error in errors:
                text += f"\n  {error.get('field')}: {error.get('reason')}"
            if not errors and self.problem.get("detail"):
                text += f": {self.problem['detail']}"
            if self.problem.get("request_id"):
                text += f"\n  (request_id {self.problem['request_id']}: quote it when you ask the legal team)"
        super().__init__(text)


def _retry_after(response: httpx.Response, default: float) -> float:
    """Seconds to wait: Retry-After is either a number of seconds or an HTTP date."""
    value = response.headers.get("Retry-After")
    if value is None:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return default


class PartnerApi:
    """One HTTP connection pool, one token, and the retry rules every call shares."""

    def __init__(self, base_url: str, client_id: str, client_secret: str, scope: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._scope = scope
        self._token: str | None = None
        self._token_renew_at = 0.0  # time.monotonic() after which the token is renewed
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(30.0, connect=5.0),
            headers={"Accept": "application/json", "User-Agent": "bengodan-partner-example/1.0"},
        )

    def close(self) -> None:
        self._http.close()

    def _token_header(self) -> dict[str, str]:
        if self._token is None or time.monotonic() >= self._token_renew_at:
            self._obtain_token()
        return {"Authorization": f"Bearer {self._token}"}

    def _obtain_token(self) -> None:
        form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
        if self._scope:
            form["scope"] = self._scope
        response = self._send("POST", "/api/v1/auth/token", data=form)
        if response.status_code != 200:
            raise ApiError(response)  # 401 invalid_client: wrong id or secret; 400 invalid_scope
        token = response.json()
        self._token = str(token["access_token"])
        lifetime = float(token["expires_in"])  # at most 900 s
        self._token_renew_at = time.monotonic() + max(lifetime - TOKEN_RENEW_SECONDS, lifetime / 2)
        log.info("obtained a token valid for %d s (scope %s)", lifetime, token.get("scope"))

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send with retries: 429 and 503 wait for Retry-After; network errors back off exponentially.
        Every request this client makes is safe to repeat (GETs and the token request)."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            backoff = min(MAX_WAIT_SECONDS, 2.0**attempt) * (0.5 + random.random() / 2)  # noqa: S311 - jitter
            try:
                response = self._http.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                if attempt == MAX_ATTEMPTS:
                    raise
                log.warning("%s %s failed (%s); retrying in %.1f s", method, url, exc, backoff)
                time.sleep(backoff)
                continue
            if response.status_code in (429, 503) and attempt < MAX_ATTEMPTS:
                wait = min(MAX_WAIT_SECONDS, _retry_after(response, default=backoff))
                log.warning("%s %s → %d; waiting %.1f s", method, url, response.status_code, wait)
                time.sleep(wait)
                continue
            return response
        raise AssertionError("unreachable")

    def get(
        self, url: str, *, params: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """GET with the bearer token. A 401 renews the token once (it may have been revoked or have expired
        early); any other status is returned for the caller to judge."""
        for renewed in (False, True):
            response = self._send("GET", url, params=params, headers={**(headers or {}), **self._token_header()})
            if response.status_code != 401 or renewed:
                return response
            self._token = None
        raise AssertionError("unreachable")

    def same_origin(self, url: str) -> bool:
        """`next` links are full URLs; the token is only ever sent to the API we were configured with."""
        a, b = urlsplit(url), urlsplit(self.base_url)
        return (a.scheme, a.netloc) == (b.scheme, b.netloc)


# ---- local storage: the state file and the claim cache --------------------------------------------------


def _write_json(path: Path, data: Any) -> None:
    """Write atomically (temporary file + rename), so an interrupted run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", dir=path.parent, prefix=f".{path.name}.", delete=False, encoding="utf-8"
    ) as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        temporary = Path(f.name)
    temporary.replace(path)


@dataclass
class State:
    """What must survive between runs: the change-feed cursor and the fields the cached copies hold."""

    path: Path
    cursor: str | None = None
    fields: str | None = None

    @classmethod
    def load(cls, path: Path) -> State:
        if not path.exists():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, cursor=data.get("cursor"), fields=data.get("fields"))

    def save(self) -> None:
        _write_json(
            self.path, {"cursor": self.cursor, "fields": self.fields, "saved_at": datetime.now(UTC).isoformat()}
        )


class ClaimCache:
    """One JSON file per claim, `{"etag": …, "claim": …}`. Stands in for the insurer's own database."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def _path(self, claim_id: int) -> Path:
        return self.directory / f"{int(claim_id)}.json"

    def ids(self) -> set[int]:
        return {int(p.stem) for p in self.directory.glob("*.json") if p.stem.isdigit()}

    def etag(self, claim_id: int) -> str | None:
        path = self._path(claim_id)
        if not path.exists():
            return None
        etag = json.loads(path.read_text(encoding="utf-8")).get("etag")
        return str(etag) if etag else None

    def put(self, claim: dict[str, Any], etag: str | None) -> None:
        # Claims from the list have no ETag (only single claims do): the next fetch of one of them is a full GET.
        _write_json(self._path(int(claim["id"])), {"etag": etag, "claim": claim})

    def delete(self, claim_id: int) -> bool:
        path = self._path(claim_id)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed


# ---- the sync -------------------------------------------------------------------------------------------


@dataclass
class PassReport:
    full_sync: bool = False
    claims: int | None = None  # claims listed by the full sync (None when there was none)
    updated: list[int] = field(default_factory=list)  # fetched again and changed
    unchanged: list[int] = field(default_factory=list)  # fetched again, 304: the copy was current
    access_ended: list[int] = field(default_factory=list)  # deleted: consent withdrawn or policy moved
    cached: int = 0
    cursor: str | None = None


class Sync:
    def __init__(self, api: PartnerApi, state: State, cache: ClaimCache, fields: str) -> None:
        self.api, self.state, self.cache, self.fields = api, state, cache, fields

    def run_pass(self, *, resync: bool = False) -> PassReport:
        report = PassReport()
        if resync or self.state.cursor is None or self.state.fields != self.fields:
            if self.state.cursor is not None and self.state.fields != self.fields:
                log.info("fields changed from %s to %s: syncing every claim again", self.state.fields, self.fields)
            self.full_sync(report)
        self.follow_changes(report)
        report.cached = len(self.cache.ids())
        report.cursor = self.state.cursor
        return report

    def _check(self, response: httpx.Response, *expected: int) -> httpx.Response:
        if response.status_code not in expected:
            raise ApiError(response)
        return response

    def feed_end(self) -> str:
        """The change feed's current position. There is no endpoint for it: read the feed to its end."""
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if cursor is not None:
                params["cursor"] = cursor
            page = self._check(self.api.get("/partner/v1/changes", params=params), 200).json()
            cursor = str(page["next_cursor"])
            if not page["has_more"]:
                return cursor

    def full_sync(self, report: PassReport) -> None:
        start = self.feed_end()  # before the listing: see the module docstring
        listed: set[int] = set()
        url: str | None = "/partner/v1/claims"
        params: dict[str, Any] | None = {"limit": PAGE_SIZE, "fields": self.fields}
        while url is not None:
            page = self._check(self.api.get(url, params=params), 200).json()
            for claim in page["items"]:
                self.cache.put(claim, etag=None)
                listed.add(int(claim["id"]))
            url, params = page["next"], None  # `next` already carries every parameter
            if url is not None and not self.api.same_origin(url):
                raise SyncError(f"refusing to follow `next` to another host: {url}")
        # Copies of claims no longer listed (from an earlier run) are no longer shared with us.
        for stale in self.cache.ids() - listed:
            self.cache.delete(stale)
            report.access_ended.append(stale)
        self.state.cursor, self.state.fields = start, self.fields
        self.state.save()
        report.full_sync, report.claims = True, len(listed)
        log.info("full sync: %d claims", len(listed))

    def follow_changes(self, report: PassReport) -> None:
        while True:
            params: dict[str, Any] = {"limit": CHANGES_PAGE_SIZE}
            if self.state.cursor is not None:
                params["cursor"] = self.state.cursor
            page = self._check(self.api.get("/partner/v1/changes", params=params), 200).json()
            # Only the last entry of a claim in the page matters: `updated` then `access_ended` means delete,
            # `access_ended` then `updated` (consent given again) means fetch.
            last: dict[int, str] = {}
            for entry in page["items"]:
                last.pop(int(entry["claim_id"]), None)
                last[int(entry["claim_id"])] = str(entry["change"])
            for claim_id, change in last.items():
                if change == "access_ended":
                    self.remove(claim_id, report)
                else:
                    self.refresh(claim_id, report)
            # Stored only now that the page is processed: a crash before this line repeats the page, which is
            # harmless (the refetch gets a 304, a deletion of what is gone does nothing).
            self.state.cursor = str(page["next_cursor"])
            self.state.save()
            if not page["has_more"]:
                return

    def refresh(self, claim_id: int, report: PassReport) -> None:
        etag = self.cache.etag(claim_id)
        headers = {"If-None-Match": etag} if etag else None
        response = self.api.get(f"/partner/v1/claims/{claim_id}", params={"fields": self.fields}, headers=headers)
        if response.status_code == 304:
            report.unchanged.append(claim_id)
            return
        if response.status_code == 404:
            # No longer shared (the feed's access_ended for it follows): delete now rather than keep it.
            self.remove(claim_id, report)
            return
        self._check(response, 200)
        self.cache.put(response.json(), etag=response.headers.get("ETag"))
        report.updated.append(claim_id)
        log.info("claim %d updated", claim_id)

    def remove(self, claim_id: int, report: PassReport) -> None:
        # Delete everything held about the claimant, downloaded exhibit files included, in a real system.
        self.cache.delete(claim_id)
        report.access_ended.append(claim_id)
        log.info("claim %d: access ended, local copy deleted", claim_id)


# ---- command line ---------------------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--base-url", default="http://127.0.0.1:8001", help="claims-api (default: %(default)s)")
    parser.add_argument("--client-id", default=os.environ.get("BENGODAN_PARTNER_CLIENT_ID"))
    parser.add_argument(
        "--client-secret",
        default=os.environ.get("BENGODAN_PARTNER_CLIENT_SECRET"),
        help="default: $BENGODAN_PARTNER_CLIENT_SECRET (prefer it: arguments are visible to other users)",
    )
    parser.add_argument("--scope", help="request only this scope (default: every scope the client has)")
    parser.add_argument("--state-file", type=Path, default=Path("partner-state.json"), help="default: %(default)s")
    parser.add_argument(
        "--cache-dir", type=Path, help="where the claims are kept (default: the state file's name with .claims)"
    )
    parser.add_argument("--fields", default=ALL_FIELDS, help="parts of each claim to keep (default: all)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one pass, then exit")
    mode.add_argument("--poll-seconds", type=float, default=60.0, help="follow mode: seconds between passes")
    parser.add_argument("--resync", action="store_true", help="list every claim again before following the feed")
    parser.add_argument("-q", "--quiet", action="store_true", help="log warnings only")
    args = parser.parse_args(argv)
    if not args.client_id or not args.client_secret:
        parser.error("--client-id and --client-secret (or BENGODAN_PARTNER_CLIENT_ID/_SECRET) are required")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # it logs every request at INFO
    state = State.load(args.state_file)
    cache = ClaimCache(args.cache_dir or args.state_file.with_suffix(".claims"))
    api = PartnerApi(args.base_url, args.client_id, args.client_secret, args.scope)
    sync = Sync(api, state, cache, fields=args.fields)
    # Stop on SIGTERM (a container or service manager) as on Ctrl-C; files are written atomically either way.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        resync = args.resync
        while True:
            try:
                report = sync.run_pass(resync=resync)
            except (ApiError, httpx.TransportError) as exc:
                # A client error (4xx) is a mistake to fix, not to retry; in follow mode an outage is waited out.
                if args.once or (isinstance(exc, ApiError) and exc.status < 500):
                    raise
                log.error("pass failed, trying again in %.0f s: %s", args.poll_seconds, exc)
            else:
                resync = False
                if args.once or report.full_sync or report.updated or report.unchanged or report.access_ended:
                    print(json.dumps(vars(report), ensure_ascii=False), flush=True)
                if args.once:
                    return 0
            time.sleep(args.poll_seconds)
    except (SyncError, httpx.TransportError) as exc:
        log.error("%s", exc)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        api.close()


if __name__ == "__main__":
    sys.exit(main())
