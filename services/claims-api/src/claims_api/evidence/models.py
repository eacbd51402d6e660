from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class Exhibit(SQLModel, table=True):
    """A documentary exhibit (書証): 甲第N号証 or 甲第N号証のM, with the columns of the 証拠説明書.

    `claimant_id` NULL is a common exhibit of the case (the contracts, the vendor's announcements, …); a
    claimant's own exhibits carry the slot of the damage schedule (seed 001: 1 contract … 6 other) and share
    one number per claimant, the slots being the branches (see `claims_api.evidence.numbering`).
    """

    __tablename__ = "exhibits"
    __table_args__ = (
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("branch IS NULL OR branch >= 1", name="branch_positive"),
        CheckConstraint("side IN ('甲', '乙')", name="side_known"),
        CheckConstraint("original_or_copy IN ('original', 'copy')", name="original_or_copy"),
        CheckConstraint(
            "(claimant_id IS NULL AND slot IS NULL) OR "
            "(claimant_id IS NOT NULL AND slot BETWEEN 1 AND 6 AND branch IS NOT NULL AND side = '甲')",
            name="claimant_slot",
        ),
        # NULLs are distinct in a UNIQUE constraint (SQLite and PostgreSQL): the branchless numbers get a
        # partial unique index of their own.
        UniqueConstraint("case_id", "side", "number", "branch"),
        Index(
            "uq_exhibits_case_id_unbranched",
            "case_id",
            "side",
            "number",
            unique=True,
            sqlite_where=text("branch IS NULL"),
            postgresql_where=text("branch IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    claimant_id: int | None = Field(default=None, foreign_key="claimants.id", index=True)
    side: str = Field(default="甲", max_length=4)
    number: int
    branch: int | None = None
    slot: int | None = None
    title: str = Field(max_length=300)  # 標目
    original_or_copy: str = Field(default="copy", max_length=10)  # 原本 | 写し
    made_on: date | None = None  # 作成年月日; None when unknown (不明)
    author: str = Field(default="", max_length=200)  # 作成者; "" when not known yet
    purpose: str = Field(default="", max_length=2000)  # 立証趣旨
    note: str = Field(default="", max_length=1000)  # 備考
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ExhibitVersion(SQLModel, table=True):
    """One uploaded file of an exhibit, checked against the stored object; the highest version is current.

    The table keeps its old name `evidence`: its rows were the flat evidence files before exhibits existed.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        UniqueConstraint("exhibit_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: int | None = Field(default=None, primary_key=True)
    exhibit_id: int = Field(foreign_key="exhibits.id")
    version: int
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    s3_key: str = Field(max_length=500, unique=True)
    s3_version_id: str | None = Field(default=None, max_length=200)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    sha256: str = Field(max_length=64)
    uploaded_by: str = Field(max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class ExhibitUpload(SQLModel, table=True):
    """A presigned upload handed out and not yet completed: what the client declared it will put."""

    __tablename__ = "evidence_uploads"

    id: str = Field(primary_key=True, max_length=32)
    exhibit_id: int = Field(foreign_key="exhibits.id", index=True)
    s3_key: str = Field(max_length=500)
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int = Field(sa_column=Column(BigInteger, nullable=False))
    sha256: str = Field(max_length=64)
    requested_by: str = Field(max_length=100)
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
