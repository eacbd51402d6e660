"""The calls notify makes to docs-render for the breach notices (docs/contracts.md, "docs-render: breach notices");
notify's own models of the shapes it reads, never docs-render's classes."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

import httpx
from pydantic import BaseModel, ConfigDict

from bengodan_common.service_client import make_service_client
from notify.core.config import DocsRenderSettings

RenderStatus = Literal["queued", "running", "succeeded", "failed"]
LETTER, PUBLIC_NOTICE = "breach-notice-letter", "public-notice"


class RenderJob(BaseModel):
    """`POST /api/v1/renders` and `GET /api/v1/renders/{id}` (docs-render's RenderRead), the fields notify reads."""

    model_config = ConfigDict(extra="ignore")

    id: int
    status: RenderStatus
    error: str | None = None
    filename: str | None = None


class RenderState(NamedTuple):
    status: RenderStatus
    file_name: str | None
    error: str | None


class RenderRefused(Exception):
    """docs-render answered 422: it will not render this content (retrying the same request cannot help)."""

    def __init__(self, detail: str, problem: dict[str, Any]) -> None:
        super().__init__(detail)
        self.detail = detail
        self.problem = problem


def _refusal(response: httpx.Response) -> RenderRefused:
    try:
        problem = response.json()
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    detail = problem.get("detail") or problem.get("title") or "docs-render refused the request"
    return RenderRefused(str(detail), problem)


def make_docs_render_client(
    settings: DocsRenderSettings, *, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The client for the lifespan: docs-render at `base_url`, notify's token from claims-api at `token_url`."""
    return make_service_client(settings, transport=transport)


class DocsRenderApi:
    """Wraps the service client. Creating a job is made idempotent by the key the caller gives, so a request
    repeated after a crash or a lost answer gets the job of the first one."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def _create(self, *, document: str, case_id: int, notice: dict[str, Any], idempotency_key: str) -> int:
        response = self.client.post(
            "/api/v1/renders",
            json={"document": document, "format": "pdf", "case_id": case_id, "notice": notice},
            headers={"Idempotency-Key": idempotency_key},
        )
        if response.status_code == 422:
            raise _refusal(response)
        response.raise_for_status()
        return RenderJob.model_validate(response.json()).id

    def create_letters(self, *, case_id: int, notice: dict[str, Any], idempotency_key: str) -> int:
        """One PDF of letters, one per `notice["recipients"]` item; returns the render job's id.
        Raises RenderRefused on a 422, httpx.HTTPError on anything else that went wrong."""
        return self._create(document=LETTER, case_id=case_id, notice=notice, idempotency_key=idempotency_key)

    def create_public_notice(self, *, case_id: int, notice: dict[str, Any], idempotency_key: str) -> int:
        """The 公表文 (the notice without recipients) as a PDF; returns the render job's id."""
        return self._create(document=PUBLIC_NOTICE, case_id=case_id, notice=notice, idempotency_key=idempotency_key)

    def render_state(self, render_id: int) -> RenderState:
        """(status, file name once succeeded, error once failed) of a render job."""
        response = self.client.get(f"/api/v1/renders/{render_id}")
        response.raise_for_status()
        job = RenderJob.model_validate(response.json())
        return RenderState(job.status, job.filename, job.error)
