"""The calls notify makes to claims-api; models of the shapes in docs/contracts.md."""

from __future__ import annotations

from typing import Protocol

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter


class Recipient(BaseModel):
    """`GET /api/v1/proceedings/{id}/recipients` item."""

    model_config = ConfigDict(extra="ignore")

    claimant_id: int
    name: str
    email: str | None = None
    reminder_consent: bool = False


_RECIPIENTS = TypeAdapter(list[Recipient])


class RecipientSource(Protocol):
    def recipients(self, proceeding_id: int) -> list[Recipient]: ...


class ClaimsApi:
    """Wraps the service client (client-credentials auth, request-ID forwarding) built in the lifespan."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def recipients(self, proceeding_id: int) -> list[Recipient]:
        # A GET is idempotent; a failure leaves the event pending and the worker tries again later.
        response = self.client.get(f"/api/v1/proceedings/{proceeding_id}/recipients")
        response.raise_for_status()
        return _RECIPIENTS.validate_python(response.json())
