from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

Side = Literal["甲", "乙"]
OriginalOrCopy = Literal["original", "copy"]


class ExhibitCreate(BaseModel):
    """A new exhibit (metadata only; files are uploaded as versions afterwards).

    Without `claimant_id` it is a common exhibit of the case: `number` defaults to the next free number,
    `branch` to none. With `claimant_id` it is one of the claimant's own exhibits: `slot` (1–6 of the damage
    schedule) is required, `number` defaults to the claimant's number (or the next free one for its first
    exhibit), `branch` to the slot (or the next free branch above 6 when the slot's branch is taken)."""

    claimant_id: int | None = Field(default=None, description="None: a common exhibit of the case")
    side: Side = "甲"
    slot: int | None = Field(default=None, ge=1, le=6, description="damage schedule slot 甲_の1…の6 (seed 001)")
    number: int | None = Field(default=None, ge=1, le=99_999, description="N of 甲第N号証; default: see above")
    branch: int | None = Field(default=None, ge=1, le=999, description="M of 甲第N号証のM; default: see above")
    title: str = Field(min_length=1, max_length=300, description="標目")
    original_or_copy: OriginalOrCopy = Field(default="copy", description="原本 (original) or 写し (copy)")
    made_on: date | None = Field(default=None, description="作成年月日; null when unknown (不明)")
    author: str = Field(default="", max_length=200, description="作成者")
    purpose: str = Field(default="", max_length=2000, description="立証趣旨")
    note: str = Field(default="", max_length=1000, description="備考")


class ExhibitUpdate(BaseModel):
    """Metadata changes; the number is changed by the renumber endpoints only."""

    slot: int | None = Field(default=None, ge=1, le=6)
    title: str | None = Field(default=None, min_length=1, max_length=300)
    original_or_copy: OriginalOrCopy | None = None
    made_on: date | None = None
    author: str | None = Field(default=None, max_length=200)
    purpose: str | None = Field(default=None, max_length=2000)
    note: str | None = Field(default=None, max_length=1000)


class ExhibitRenumber(BaseModel):
    """The new number of one exhibit; `branch` must be given, null for none."""

    number: int = Field(ge=1, le=99_999)
    branch: int | None = Field(ge=1, le=999)


class ClaimantExhibitsRenumber(BaseModel):
    """Move all of a claimant's exhibits to another number; their branches stay."""

    number: int = Field(ge=1, le=99_999)


class ExhibitVersionRead(BaseModel):
    version: int
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str


class ExhibitRead(BaseModel):
    id: int
    case_id: int
    claimant_id: int | None
    side: str
    number: int
    branch: int | None
    slot: int | None
    slot_name: str | None = Field(description="the damage schedule slot, e.g. 人件費")
    label: str = Field(description="甲第3号証の2")
    short_label: str = Field(description="甲3の2")
    title: str
    original_or_copy: OriginalOrCopy
    made_on: date | None
    author: str
    purpose: str
    note: str
    created_at: datetime
    updated_at: datetime
    current_version: ExhibitVersionRead | None


class ExhibitPage(BaseModel):
    items: list[ExhibitRead]
    total: int
    limit: int
    offset: int


class UploadRequest(BaseModel):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(default="application/octet-stream", pattern=r"^[\w.+-]+/[\w.+-]+$", max_length=100)
    size: int = Field(ge=1, description="bytes the client will upload")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="hex SHA-256 of the file")


class UploadTicket(BaseModel):
    upload_id: str
    method: str = "PUT"
    url: str
    headers: dict[str, str]
    expires_at: datetime


class UploadComplete(BaseModel):
    upload_id: str = Field(min_length=32, max_length=32)


class VersionDownload(BaseModel):
    version: int
    filename: str
    url: str
    expires_at: datetime
