"""Test doubles and helpers of the notify tests (classes; the fixtures are in conftest.py)."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from sqlalchemy.engine import Engine

from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.delivery.mailer import SmtpMailer
from notify.delivery.worker import deliver_due, process_events

from .builders import DEFAULT_RECIPIENTS

REPO = Path(__file__).resolve().parents[3]


def _load_smtp_sink() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bengodan_smtp_sink", REPO / "infra" / "local" / "smtp_sink.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


smtp_sink = _load_smtp_sink()


@dataclass
class Sink:
    port: int
    maildir: Path

    def messages(self) -> list[EmailMessage]:
        """Every message received, oldest first, parsed as a mail client would."""
        parsed = []
        for path in sorted(self.maildir.glob("*.eml")):
            with open(path, "rb") as handle:
                message = BytesParser(policy=policy.default).parse(handle)
            assert isinstance(message, EmailMessage)
            parsed.append(message)
        return parsed


@dataclass
class FakeClaimsApi:
    """claims-api as notify sees it: the recipients endpoint of docs/contracts.md."""

    recipients: dict[int, list[dict[str, Any]]] = field(default_factory=lambda: {2: list(DEFAULT_RECIPIENTS)})
    fail_with: int | None = None
    calls: list[str] = field(default_factory=list)
    # `GET /api/v1/intake/open`: the open claimants (items in the contract shape), served in pages by claimant id.
    open_intake: list[dict[str, Any]] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request.url.path)
        if self.fail_with:
            return httpx.Response(self.fail_with, json={"title": "unavailable"})
        parts = request.url.path.strip("/").split("/")
        if request.method == "GET" and parts[:3] == ["api", "v1", "proceedings"] and parts[4:] == ["recipients"]:
            proceeding_id = int(parts[3])
            if proceeding_id not in self.recipients:
                return httpx.Response(404, json={"title": "Not found"})
            return httpx.Response(200, content=json.dumps(self.recipients[proceeding_id]).encode())
        if request.method == "GET" and parts == ["api", "v1", "intake", "open"]:
            limit = int(request.url.params.get("limit", "200"))
            offset = int(request.url.params.get("offset", "0"))
            if not 1 <= limit <= 500 or offset < 0:
                return httpx.Response(422, json={"title": "Invalid input"})
            items = sorted(self.open_intake, key=lambda item: item["claimant_id"])
            page = {"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset}
            return httpx.Response(200, content=json.dumps(page).encode())
        return httpx.Response(404, json={"title": "Not found"})


@dataclass
class Driver:
    """Runs the worker's two steps by hand, at a time the test chooses (None: the real time)."""

    engine: Engine
    claims_client: httpx.Client
    settings: Settings

    def process(self, now: datetime | None = None) -> int:
        return process_events(
            engine=self.engine, recipients=ClaimsApi(self.claims_client), settings=self.settings, now=now
        )

    def deliver(self, now: datetime | None = None, *, smtp_port: int | None = None) -> int:
        smtp = self.settings.smtp if smtp_port is None else self.settings.smtp.model_copy(update={"port": smtp_port})
        return deliver_due(engine=self.engine, mailer=SmtpMailer(smtp), settings=self.settings, now=now)
