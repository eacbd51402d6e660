from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from bengodan_common.japanese import TOKYO
from bengodan_common.notices import (
    DEFAULT_NOTICE_TITLE,
    MAX_DATA_ITEMS,
    LongText,
    NoticeContact,
    NoticeDataItem,
    NoticeSender,
    OptionalLongText,
    text,
)
from notify.campaigns.models import CampaignStatus, ImportStatus


class CampaignCreate(BaseModel):
    """A new campaign: the notice's items (規則10条: 1号 概要, 2号 項目, 4号 原因, 5号 二次被害, 9号 その他), who
    sends it, the enquiry desk, and when the breach became known."""

    model_config = ConfigDict(extra="forbid")

    case_id: int = Field(gt=0, description="the case in claims-api (the postal letters are rendered under it)")
    claimant_id: int | None = Field(default=None, gt=0, description="the office (claims-api); absent: the case")
    title: Annotated[str, text(100)] = DEFAULT_NOTICE_TITLE
    sender: NoticeSender
    data_items: list[NoticeDataItem] = Field(
        min_length=1, max_length=MAX_DATA_ITEMS, description="the catalogue of the 個人データの項目 (2号)"
    )
    overview: LongText = Field(description="概要 (規則8条1項1号)")
    cause: LongText = Field(description="原因 (4号)")
    secondary_harm: LongText = Field(description="二次被害又はそのおそれの有無及びその内容 (5号)")
    measures: OptionalLongText = Field(default=None, description="再発防止策・対応")
    other: OptionalLongText = Field(default=None, description="その他参考となる事項 (9号)")
    contact: NoticeContact
    became_known_on: date = Field(
        description="the day the office learned of the breach (規則8条: the reports run from it)"
    )
    unlawful_purpose: bool = Field(
        default=False, description="規則7条3号 (ransomware, unauthorised access): the 確報 is due in 60 days, not 30"
    )

    @field_validator("data_items")
    @classmethod
    def _keys_once(cls, items: list[NoticeDataItem]) -> list[NoticeDataItem]:
        seen: set[str] = set()
        for item in items:
            if item.key in seen:
                raise PydanticCustomError("duplicate", "the key '{key}' is listed twice", {"key": item.key})
            seen.add(item.key)
        return items

    @field_validator("became_known_on")
    @classmethod
    def _not_in_the_future(cls, value: date) -> date:
        if value > datetime.now(TOKYO).date():
            raise PydanticCustomError("future_date", "a breach cannot become known after today (Japan time)")
        return value


class ReportDeadlinesRead(BaseModel):
    """When the reports to the PPC fall due (規則8条); see notify.campaigns.deadlines for the counting."""

    model_config = ConfigDict(from_attributes=True)

    preliminary_from: date = Field(description="速報: about 3 days after the breach became known (通則GL)")
    preliminary_by: date = Field(description="速報: about 5 days after")
    final_due: date = Field(description="確報: the day of knowledge counted as day 1 (the date to keep)")
    final_outer_limit: date = Field(description="確報: counted from the next day (民法140条), the outer limit")
    final_days: int = Field(description="30, or 60 under 規則7条3号")


class CampaignRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    case_id: int | None
    claimant_id: int | None
    status: CampaignStatus
    title: str
    sender: NoticeSender
    data_items: list[NoticeDataItem]
    overview: str
    cause: str
    secondary_harm: str
    measures: str | None
    other: str | None
    contact: NoticeContact
    became_known_on: date
    unlawful_purpose: bool
    deadlines: ReportDeadlinesRead
    launched_at: datetime | None
    launched_by: str | None
    public_notice_published_on: date | None = Field(description="the alternative measure: the day it was published")
    public_notice_where: str | None
    created_by: str
    created_at: datetime
    updated_at: datetime


class CampaignPage(BaseModel):
    items: list[CampaignRead]
    total: int
    limit: int
    offset: int


class RecipientImportRead(BaseModel):
    """An upload of a recipient list and how far it has got (bytes read of the file's size)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    campaign_id: int
    filename: str
    encoding: str
    status: ImportStatus
    bytes_total: int
    bytes_read: int
    rows_valid: int = Field(description="lines stored as recipients so far")
    rows_invalid: int = Field(description="lines left out, each with its problems in the error report")
    error: str | None = Field(description="why the file as a whole could not be read (Japanese)")
    created_by: str
    created_at: datetime
    finished_at: datetime | None


class RecipientImportPage(BaseModel):
    items: list[RecipientImportRead]
    total: int
    limit: int
    offset: int


class RecipientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    import_id: int
    line: int
    name: str
    email: str | None
    postal_code: str | None
    address: str | None
    item_keys: list[str]


class RecipientPage(BaseModel):
    items: list[RecipientRead]
    total: int
    limit: int
    offset: int


class LaunchRead(BaseModel):
    """What a launch queued: one notice per recipient not yet notified, by channel."""

    campaign: CampaignRead
    queued_email: int
    queued_postal: int


class ChannelCounts(BaseModel):
    queued: int = 0
    sending: int = 0
    sent: int = 0
    delivered: int = 0
    bounced: int = 0
    failed: int = 0
    cancelled: int = 0


class DeliveryCounts(BaseModel):
    """Where a campaign's notices stand, for the SPA and the 確報's 「本人への対応の実施状況」."""

    campaign_id: int
    recipients: int = Field(description="recipients of the campaign's succeeded imports")
    email: ChannelCounts
    postal: ChannelCounts
    public_notice: ChannelCounts = Field(description="those covered by the public notice (the alternative measure)")
    notified: int = Field(description="recipients with a notice sent or delivered by e-mail or post")
    covered_by_public_notice: int = Field(description="recipients reached by no channel, covered by the public notice")
    outstanding: int = Field(description="recipients neither notified nor covered yet")
    unqueued_email: int = Field(description="recipients with an e-mail and no notice yet: the next launch's e-mails")
    unqueued_postal: int = Field(
        description="recipients without an e-mail and no notice yet: the next launch's letters"
    )
    summary: str = Field(description="the 実施状況 as one Japanese sentence, for the 確報")


class NoticePreview(BaseModel):
    recipient_id: int
    channel: str = Field(description="email, or postal (the letter says the same; docs-render lays it out)")
    subject: str
    body: str
