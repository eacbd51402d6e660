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
    ClaimTable,
    DamageItemSnapshot,
    DamageScheduleData,
    Exhibit,
    FilingFee,
    FilingSettings,
    Parties,
    ScheduleEntry,
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

    def _get(self, path: str, shape: Any, params: dict[str, Any] | None = None) -> Any:
        response: httpx.Response | None = None
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.client.get(path, params=params)
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

    def _model(self, path: str, model: type[T], params: dict[str, Any] | None = None) -> T:
        value: T = self._get(path, model, params)
        return value

    def _pages(self, path: str, item: type[T], params: dict[str, Any], page_size: int) -> list[T]:
        """Every item of a paged read (`{items, total, limit, offset}`), page after page."""
        items: list[T] = []
        while True:
            page = self._get(path, dict[str, Any], {**params, "offset": len(items), "limit": page_size})
            batch = TypeAdapter(list[item]).validate_python(page["items"])  # type: ignore[valid-type]
            items.extend(batch)
            if not batch or len(items) >= page["total"]:
                return items

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

    # ---- a proceeding's filing --------------------------------------------------------------------------

    def parties(self, *, case_id: int, proceeding_id: int, claimant_id: int | None = None) -> Parties:
        """The proceeding's members (with `claimant_id`: that member only, or none)."""
        params: dict[str, Any] = {"proceeding_id": proceeding_id}
        if claimant_id is not None:
            params["claimant_id"] = claimant_id
        return self._model(f"/api/v1/cases/{case_id}/parties", Parties, params)

    def filing_settings(self, case_id: int) -> FilingSettings:
        return self._model(f"/api/v1/cases/{case_id}/filing-settings", FilingSettings)

    def claim_table(self, *, case_id: int, proceeding_id: int) -> ClaimTable:
        return self._model(f"/api/v1/cases/{case_id}/claim-table", ClaimTable, {"proceeding_id": proceeding_id})

    def filing_fee(self, *, case_id: int, proceeding_id: int) -> FilingFee:
        return self._model(f"/api/v1/cases/{case_id}/filing-fee", FilingFee, {"proceeding_id": proceeding_id})

    def exhibits(
        self, *, case_id: int, proceeding_id: int | None = None, claimant_id: int | None = None
    ) -> list[Exhibit]:
        """The case's exhibits in label order: common ones and, with `proceeding_id`, its members' (or, with
        `claimant_id`, that claimant's only)."""
        params: dict[str, Any] = {}
        if proceeding_id is not None:
            params["proceeding_id"] = proceeding_id
        if claimant_id is not None:
            params["claimant_id"] = claimant_id
        return self._pages(f"/api/v1/cases/{case_id}/exhibits", Exhibit, params, page_size=2000)

    def damage_schedules(self, *, case_id: int, proceeding_id: int) -> list[ScheduleEntry]:
        """Every member's 損害一覧 data, in member-number order (read 200 members at a time, claims-api's
        largest page)."""
        path, params = f"/api/v1/cases/{case_id}/damage-schedules", {"proceeding_id": proceeding_id}
        return self._pages(path, ScheduleEntry, params, page_size=200)

    def exhibit_download_url(self, *, exhibit_id: int, version: int) -> str:
        """A presigned GET URL of an exhibit's stored file (to check its SHA-256 before it is filed)."""
        answer = self._get(f"/api/v1/exhibits/{exhibit_id}/versions/{version}/download", dict[str, Any])
        return str(answer["url"])
