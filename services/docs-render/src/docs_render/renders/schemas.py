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
# Documents about one claimant.
PER_CLAIMANT = frozenset({"damage-schedule", "engagement-contract", "power-of-attorney"})


def _not_available() -> PydanticCustomError:
    return PydanticCustomError("not_available", NOT_AVAILABLE)


class RenderCreate(BaseModel):
    """A filing to render. Field order matters: each validator sees the fields declared before it."""

    model_config = ConfigDict(extra="forbid")

    document: DocumentKind
    format: FileFormat = "pdf"
    case_id: int = Field(gt=0)
    proceeding_id: int | None = Field(default=None, gt=0)
    claimant_id: int | None = Field(default=None, gt=0, validate_default=True)

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
        return value


class RenderRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document: str
    format: str
    case_id: int
    proceeding_id: int | None
    claimant_id: int | None
    status: RenderStatus
    progress_done: int
    progress_total: int
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    size: int | None
    sha256: str | None
