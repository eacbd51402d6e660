"""Reads from claims-api over HTTP with the service's client-credentials token."""

from __future__ import annotations

import logging
import time
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from docs_render.claims.schemas import (
    CaseSnapshot,
    ClaimantSnapshot,
    ClaimantSummary,
    DamageItemSnapshot,
    DamageScheduleData,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# Answers worth another try: the call is a GET, so repeating it is safe.
_RETRY_STATUSES = frozenset({502, 503, 504})


class ClaimsApiError(Exception):
    """claims-api could not give what a render needs; the message is safe to show and to store."""


class ClaimsApi:
    def __init__(self, client: httpx.Client, *, attempts: int = 3, backoff_seconds: float = 0.5) -> None:
        self.client = client
        self.attempts = attempts
        self.backoff_seconds = backoff_seconds

    def _get(self, path: str, shape: Any) -> Any:
        response: httpx.Response | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.client.get(path)
            except httpx.HTTPError as exc:
                if attempt == self.attempts:
                    raise ClaimsApiError(f"claims-api request failed: GET {path}: {type(exc).__name__}: {exc}") from exc
            else:
                if response.status_code not in _RETRY_STATUSES or attempt == self.attempts:
                    break
            time.sleep(self.backoff_seconds * attempt)
        assert response is not None
        if response.status_code != 200:
            raise ClaimsApiError(f"claims-api answered {response.status_code} {response.reason_phrase} to GET {path}")
        try:
            return TypeAdapter(shape).validate_python(response.json())
        except (ValueError, ValidationError) as exc:
            raise ClaimsApiError(f"claims-api gave an unexpected answer to GET {path}: {exc}") from exc

    def _model(self, path: str, model: type[T]) -> T:
        value: T = self._get(path, model)
        return value

    def case(self, case_id: int) -> CaseSnapshot:
        return self._model(f"/api/v1/cases/{case_id}", CaseSnapshot)

    def claimant(self, claimant_id: int) -> ClaimantSnapshot:
        return self._model(f"/api/v1/claimants/{claimant_id}", ClaimantSnapshot)

    def damage_items(self, claimant_id: int) -> list[DamageItemSnapshot]:
        items: list[DamageItemSnapshot] = self._get(
            f"/api/v1/claimants/{claimant_id}/damage-items", list[DamageItemSnapshot]
        )
        return items

    def summary(self, claimant_id: int) -> ClaimantSummary:
        return self._model(f"/api/v1/claimants/{claimant_id}/summary", ClaimantSummary)

    def damage_schedule(self, *, case_id: int, claimant_id: int) -> DamageScheduleData:
        claimant = self.claimant(claimant_id)
        if claimant.case_id != case_id:
            raise ClaimsApiError(f"claimant {claimant_id} does not belong to case {case_id}")
        return DamageScheduleData(
            case=self.case(case_id),
            claimant=claimant,
            items=self.damage_items(claimant_id),
            summary=self.summary(claimant_id),
        )
