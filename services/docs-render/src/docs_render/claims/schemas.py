"""docs-render's own models of the claims-api shapes it reads (docs/contracts.md).

Unknown fields are ignored so claims-api can add fields without breaking docs-render.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

LegalBasis = Literal["contract", "unjust_enrichment"]


class _Read(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class CaseSnapshot(_Read):
    id: int
    name: str
    title: str | None = None
    defendant_name: str | None = None
    court: str | None = None
    incident_date: date | None = None
    case_number: str | None = None


class ClaimantSnapshot(_Read):
    id: int
    case_id: int
    kind: str | None = None
    name: str
    office_name: str | None = None
    address: str | None = None


class DamageItemSnapshot(_Read):
    id: int
    claimant_id: int
    head: str
    head_label: str
    legal_basis: LegalBasis
    amount: int
    formula: str = ""
    facts: str = ""
    exhibit_slot: int | None = None


class HeadTotal(_Read):
    head: str
    label: str
    legal_basis: LegalBasis
    amount: int


class ClaimantSummary(_Read):
    claimant_id: int
    heads: list[HeadTotal]
    contract_total: int
    unjust_enrichment_total: int
    total: int


class DamageScheduleData(_Read):
    """Everything the 損害一覧 of one claimant prints, as claims-api computed it."""

    case: CaseSnapshot
    claimant: ClaimantSnapshot
    items: list[DamageItemSnapshot]
    summary: ClaimantSummary
