from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class UploadRequest(BaseModel):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(default="application/octet-stream", pattern=r"^[\w.+-]+/[\w.+-]+$", max_length=100)
    size: int = Field(ge=1, description="bytes the client will upload")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="hex SHA-256 of the file")
    title: str = Field(default="", max_length=200, description="標目")


class UploadTicket(BaseModel):
    upload_id: str
    method: str = "PUT"
    url: str
    headers: dict[str, str]
    expires_at: datetime


class UploadComplete(BaseModel):
    upload_id: str = Field(min_length=32, max_length=32)


class EvidenceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    claimant_id: int
    title: str
    filename: str
    content_type: str
    size: int
    sha256: str
    s3_key: str
    created_at: datetime


class EvidenceDownload(BaseModel):
    url: str
    expires_at: datetime
