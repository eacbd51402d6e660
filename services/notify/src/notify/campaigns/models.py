from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel

CampaignStatus = Literal["draft", "sending"]


class Campaign(NotifyModel, table=True):
    """A breach-notice campaign (APPI 26条2項): what the notices say, who sends them, and the dates the reports
    to the PPC are measured from. For one office (its claimant id in claims-api) or for the whole case."""

    __tablename__ = "campaigns"

    id: int | None = Field(default=None, primary_key=True)
    # The case in claims-api (its letters are rendered under it) and the office; no office: the case as a whole.
    case_id: int | None = Field(default=None, index=True)  # None only for campaigns made before it was asked
    claimant_id: int | None = Field(default=None, index=True)
    # draft: content and recipients may change; sending: launched, frozen (the notices are made from it).
    status: str = Field(default="draft", max_length=20)
    title: str = Field(max_length=100)
    # NoticeSender, NoticeDataItem list and NoticeContact as JSON (bengodan_common.notices)
    sender: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    data_items: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    contact: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    overview: str = Field(sa_column=Column(Text, nullable=False))
    cause: str = Field(sa_column=Column(Text, nullable=False))
    secondary_harm: str = Field(sa_column=Column(Text, nullable=False))
    measures: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    other: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    became_known_on: date
    unlawful_purpose: bool  # 規則7条3号 (ransomware, unauthorised access): the 確報 is due in 60 days, not 30
    # Message-IDs of the notices: <campaign-{id}-{recipient}.{token}@domain>, unique across databases.
    message_token: str | None = Field(default=None, max_length=32)
    launched_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    launched_by: str | None = Field(default=None, max_length=200)
    # The alternative measure (法26条2項ただし書) for those who cannot be reached: the public notice as published.
    public_notice_published_on: date | None = None
    public_notice_where: str | None = Field(default=None, max_length=500)
    public_notice_recorded_by: str | None = Field(default=None, max_length=200)
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


ImportStatus = Literal["running", "succeeded", "failed"]


class RecipientImport(NotifyModel, table=True):
    """One upload of a recipient list. Its rows belong to the campaign only once it has succeeded: an import that
    failed or was cut off (a crash) shows none of them and is cleaned up."""

    __tablename__ = "recipient_imports"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(index=True)
    filename: str = Field(max_length=255)
    encoding: str = Field(max_length=20)  # as asked: auto, utf-8 or shift_jis
    status: str = Field(default="running", max_length=20)
    bytes_total: int
    bytes_read: int = 0
    rows_valid: int = 0
    rows_invalid: int = 0  # lines with at least one error (each error listed in recipient_import_errors)
    error: str | None = Field(default=None, max_length=1000)  # why the file as a whole could not be read
    created_by: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class RecipientImportError(NotifyModel, table=True):
    """A problem of one line of an uploaded list (the line is left out; the report lists every problem)."""

    __tablename__ = "recipient_import_errors"

    id: int | None = Field(default=None, primary_key=True)
    import_id: int = Field(index=True)
    line: int
    column: str | None = Field(default=None, max_length=100)
    reason: str = Field(max_length=500)


class Recipient(NotifyModel, table=True):
    """A person to notify in a campaign, with the data items that concern them (only those are told)."""

    __tablename__ = "recipients"

    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(index=True)
    import_id: int = Field(index=True)
    line: int
    name: str = Field(max_length=100)
    email: str | None = Field(default=None, max_length=254)
    postal_code: str | None = Field(default=None, max_length=8)
    address: str | None = Field(default=None, max_length=200)
    item_keys: list[str] = Field(sa_column=Column(JSON, nullable=False))
