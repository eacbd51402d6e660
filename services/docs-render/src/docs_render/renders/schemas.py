from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from docs_render.renders.documents import AVAILABLE

DocumentKind = Literal[
    "complaint-bundle",
    "complaint",
    "claim-table",
    "party-list",
    "damage-schedule",
    "evidence-list",
    "engagement-contract",
    "power-of-attorney",
    "mediation-petition",
    "mints-package",
]
FileFormat = Literal["pdf", "docx", "zip"]
RenderStatus = Literal["queued", "running", "succeeded", "failed"]

NOT_AVAILABLE = "not available yet"
# Documents about one claimant, and documents of a proceeding (the 証拠説明書 takes either).
PER_CLAIMANT = frozenset({"damage-schedule", "engagement-contract", "power-of-attorney"})
WITH_COMPLAINT = frozenset({"complaint", "complaint-bundle", "mints-package"})
PER_PROCEEDING = frozenset(
    {"complaint-bundle", "complaint", "claim-table", "party-list", "mediation-petition", "mints-package"}
)


def _not_available() -> PydanticCustomError:
    return PydanticCustomError("not_available", NOT_AVAILABLE)


class RenderCreate(BaseModel):
    """A filing to render. Field order matters: each validator sees the fields declared before it."""

    model_config = ConfigDict(extra="forbid")

    document: DocumentKind
    format: FileFormat = "pdf"
    case_id: int = Field(gt=0)
    proceeding_id: int | None = Field(default=None, gt=0, validate_default=True)
    claimant_id: int | None = Field(default=None, gt=0, validate_default=True)
    complaint_form: Literal["paragraphs", "table"] | None = Field(
        default=None,
        description="the 請求の趣旨 of a complaint: one paragraph per plaintiff (default), or one paragraph citing the "
        "別紙請求一覧 (the 別表 form for many plaintiffs); only for complaint, complaint-bundle and mints-package",
        validate_default=True,
    )

    @field_validator("document")
    @classmethod
    def _document_available(cls, value: str) -> str:
        if not any(document == value for document, _ in AVAILABLE):
            raise _not_available()
        return value

    @field_validator("format")
    @classmethod
    def _format_available(cls, value: str, info: ValidationInfo) -> str:
        document = info.data.get("document")
        if document is not None and (document, value) not in AVAILABLE:
            raise _not_available()
        return value

    @field_validator("claimant_id", mode="after")
    @classmethod
    def _claimant_needed(cls, value: int | None, info: ValidationInfo) -> int | None:
        document = info.data.get("document")
        if value is None and document in PER_CLAIMANT:
            raise PydanticCustomError("missing", "required for {document}", {"document": document})
        if value is None and document == "evidence-list" and info.data.get("proceeding_id") is None:
            raise PydanticCustomError("missing", "required for evidence-list without a proceeding_id")
        return value

    @field_validator("complaint_form", mode="after")
    @classmethod
    def _complaint_form_for_a_complaint(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and info.data.get("document") not in WITH_COMPLAINT:
            raise PydanticCustomError("not_allowed", "only for a document that holds the complaint")
        return value

    @field_validator("proceeding_id", mode="after")
    @classmethod
    def _proceeding_needed(cls, value: int | None, info: ValidationInfo) -> int | None:
        document = info.data.get("document")
        if value is None and document in PER_PROCEEDING:
            raise PydanticCustomError("missing", "required for {document}", {"document": document})
        return value


class RenderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document: str
    format: str
    case_id: int
    proceeding_id: int | None
    claimant_id: int | None
    complaint_form: str | None
    status: RenderStatus
    progress_done: int
    progress_total: int
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    size: int | None
    sha256: str | None
    filename: str | None


class RenderPage(BaseModel):
    items: list[RenderRead]
    total: int
    limit: int
    offset: int


class DownloadLink(BaseModel):
    url: str  # presigned GET of the file; its response names the file (Content-Disposition)
    filename: str
    expires_at: datetime
