from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class EvidenceUpload(SQLModel, table=True):
    """A presigned upload handed out and not yet completed: what the client declared it will put."""

    __tablename__ = "evidence_uploads"

    id: str = Field(primary_key=True, max_length=32)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    s3_key: str = Field(max_length=500)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    sha256: str = Field(max_length=64)
    title: str = Field(default="", max_length=200)
    requested_by: str = Field(max_length=100)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    claimant_id: int = Field(foreign_key="claimants.id", index=True)
    title: str = Field(default="", max_length=200)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    s3_key: str = Field(max_length=500, unique=True)
    s3_version_id: str | None = Field(default=None, max_length=200)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    sha256: str = Field(max_length=64)
    uploaded_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
