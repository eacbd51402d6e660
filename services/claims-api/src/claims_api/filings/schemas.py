from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from claims_api.cases.schemas import ProceedingKind, ProceedingStatus
from claims_api.claimants.schemas import ClaimantKind
from claims_api.damages.schemas import ClaimantSummary, DamageItemRead

MAX_COUNSEL = 20
MAX_TEXT = 20_000
MAX_RESOLUTION_ITEMS = 20

_POSTAL_CODE = r"^(\d{3}-?\d{4})?$"
_PHONE = r"^([0-9+\-() ]{6,30})?$"

# --- filing settings -------------------------------------------------------------------------------------


class FilingOffice(BaseModel):
    """The counsel's office as the 当事者目録 prints it (送達場所); empty strings where not set."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=200, description="e.g. みなと総合法律事務所")
    postal_code: str = Field(default="", pattern=_POSTAL_CODE, description="100-0013, or empty")
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", pattern=_PHONE, description="or empty")
    fax: str = Field(default="", pattern=_PHONE, description="or empty")


class Counsel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    title: str = Field(default="弁護士", min_length=1, max_length=50)


ResolutionItem = Annotated[str, Field(min_length=1, max_length=500)]


class FilingTexts(BaseModel):
    """Case-level texts of the filings, stored verbatim: one paragraph per line, headings (「1 当事者」) on lines
    of their own. docs-render fills the placeholders `{defendant_name}`, `{incident_date}`, `{plaintiff_count}`,
    `{reputation_amount}` and `{total}`."""

    model_config = ConfigDict(extra="forbid")

    complaint_cause: str = Field(default="", max_length=MAX_TEXT, description="第2 請求の原因 of the complaint")
    related_facts: str = Field(default="", max_length=MAX_TEXT, description="第3 関連事実 of the complaint")
    mediation_dispute: str = Field(default="", max_length=MAX_TEXT, description="紛争の要点 of a mediation petition")
    mediation_resolution_items: list[ResolutionItem] = Field(
        default_factory=list,
        max_length=MAX_RESOLUTION_ITEMS,
        description="the 「相当な解決」 a mediation petition asks for, one item each, without ①② marks",
    )


class FilingSettingsUpdate(BaseModel):
    """The whole settings (PUT): `counsel` in signing order replaces the stored list."""

    model_config = ConfigDict(extra="forbid")

    office: FilingOffice
    counsel: list[Counsel] = Field(max_length=MAX_COUNSEL, description="in signing order")
    texts: FilingTexts


class FilingSettingsRead(FilingSettingsUpdate):
    case_id: int
    updated_at: datetime | None = Field(description="null while nothing has been stored")


# --- parties (当事者目録) ----------------------------------------------------------------------------------


class PartiesCase(BaseModel):
    id: int
    name: str
    title: str
    defendant_name: str
    defendant_address: str
    defendant_representative: str
    court: str
    incident_date: date
    served_on: date | None
    case_number: str | None
    reputation_amount: int = Field(description="信用毀損: the fixed sum per claimant the complaint's text cites")


class PartiesProceeding(BaseModel):
    id: int
    kind: ProceedingKind
    name: str
    court: str
    case_number: str | None
    filed_on: date | None
    status: ProceedingStatus


# A plain dict, not a model: a proceeding has thousands of plaintiffs (see ClaimTableRow).
class Plaintiff(TypedDict):
    """One plaintiff / petitioner of the 当事者目録."""

    number: int
    claimant_id: int
    kind: ClaimantKind
    name: str
    representative: str | None  # 代表者 of a corporation, e.g. 代表社員 山田太郎
    office_name: str | None
    postal_code: str | None
    address: str | None


class Parties(BaseModel):
    """The parties of a proceeding: the case (defendant), the proceeding, and its plaintiffs in number order."""

    case: PartiesCase
    proceeding: PartiesProceeding
    plaintiffs: list[Plaintiff]


# --- damage schedules (損害一覧) ---------------------------------------------------------------------------


class ScheduleClaimant(BaseModel):
    id: int
    case_id: int
    kind: ClaimantKind
    name: str
    representative: str | None
    office_name: str | None
    postal_code: str | None
    address: str | None


class DamageSchedule(BaseModel):
    """One plaintiff's damage schedule: the items as `GET /claimants/{id}/damage-items` returns them and the
    summary as `GET /claimants/{id}/summary` returns it without `as_of` (`interest` is null)."""

    number: int
    claimant: ScheduleClaimant
    items: list[DamageItemRead]
    summary: ClaimantSummary


class DamageSchedulePage(BaseModel):
    items: list[DamageSchedule]
    total: int
    limit: int
    offset: int
