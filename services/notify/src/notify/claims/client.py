"""The calls notify makes to claims-api; models of the shapes in docs/contracts.md."""

from __future__ import annotations

from typing import Protocol

import httpx
from pydantic import AwareDatetime, BaseModel, ConfigDict, TypeAdapter


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


INTAKE_PAGE_SIZE = 500  # the most claims-api serves per page
_INTAKE_READS = 3  # whole reads tried when the list changes while it is read


class MissingItem(BaseModel):
    """A checklist item the claimant has not sent yet, with its Japanese label (e.g. 委任状)."""

    model_config = ConfigDict(extra="ignore")

    item: str
    label: str


class OpenIntake(BaseModel):
    """`GET /api/v1/intake/open` item: a claimant whose intake checklist still has missing items."""

    model_config = ConfigDict(extra="ignore")

    claimant_id: int
    case_id: int
    name: str
    email: str | None = None
    reminder_consent: bool = False
    intake_started_at: AwareDatetime
    missing: list[MissingItem]


class _OpenIntakePage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[OpenIntake]
    total: int


class OpenIntakeChanged(Exception):
    """The open list kept changing while its pages were read: someone may have been skipped, so nobody missing
    from it may be taken for complete. The next round reads it again."""


class IntakeSource(Protocol):
    def open_intake(self) -> list[OpenIntake]: ...


class ClaimsApi:
    """Wraps the service client (client-credentials auth, request-ID forwarding) built in the lifespan."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def recipients(self, proceeding_id: int) -> list[Recipient]:
        # A GET is idempotent; a failure leaves the event pending and the worker tries again later.
        response = self.client.get(f"/api/v1/proceedings/{proceeding_id}/recipients")
        response.raise_for_status()
        return _RECIPIENTS.validate_python(response.json())

    def open_intake(self) -> list[OpenIntake]:
        """Every claimant whose intake is open, all pages, by claimant id. Raises httpx errors as they come (the
        caller tries again in its next round) and `OpenIntakeChanged` when the pages do not add up."""
        for _ in range(_INTAKE_READS):
            items: dict[int, OpenIntake] = {}
            totals: set[int] = set()
            offset = 0
            while True:
                response = self.client.get("/api/v1/intake/open", params={"limit": INTAKE_PAGE_SIZE, "offset": offset})
                response.raise_for_status()
                page = _OpenIntakePage.model_validate(response.json())
                totals.add(page.total)
                items.update((item.claimant_id, item) for item in page.items)
                offset += INTAKE_PAGE_SIZE
                if not page.items or offset >= page.total:
                    break
            # Offset pages shift when a claimant completes or opens between two reads of them: read again.
            if len(totals) == 1 and len(items) == next(iter(totals)):
                return sorted(items.values(), key=lambda item: item.claimant_id)
        raise OpenIntakeChanged("the open intake list changed while it was read")
