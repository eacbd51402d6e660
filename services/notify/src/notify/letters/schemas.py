from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from bengodan_common.japanese import TOKYO
from notify.letters.models import LetterBatchStatus


def _not_in_the_future(value: date) -> date:
    if value > datetime.now(TOKYO).date():
        raise PydanticCustomError("future_date", "cannot be after today (Japan time)")
    return value


TodayOrEarlier = Annotated[date, AfterValidator(_not_in_the_future)]


class LetterBatchRead(BaseModel):
    """Up to 5,000 letters of a campaign in one PDF rendered by docs-render (download it there with `render_id`)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    campaign_id: int
    render_id: int | None = Field(description="the docs-render job; null until it has been asked for")
    status: LetterBatchStatus = Field(
        description="rendering → ready (the PDF can be printed) → posted; failed: docs-render refused or failed"
    )
    letters: int
    file_name: str | None = Field(description="the PDF's name at docs-render, once ready")
    error: str | None
    posted_on: date | None = Field(description="the day the team posted the letters (the day they were notified)")
    posted_by: str | None
    created_at: datetime
    updated_at: datetime = Field(description="the last change, or the last time notify looked at the render job")


class LettersPosted(BaseModel):
    """The day the printed letters of a batch were handed to the post."""

    model_config = ConfigDict(extra="forbid")

    posted_on: TodayOrEarlier = Field(description="not after today (Japan time), not before the batch was made")


class PublicNoticeRecord(BaseModel):
    """Where and when the 公表文 was published: the alternative measure (法26条2項ただし書) for the recipients who
    have neither an e-mail nor a postal address."""

    model_config = ConfigDict(extra="forbid")

    published_on: TodayOrEarlier = Field(description="not after today (Japan time), not before the breach became known")
    where: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] = Field(
        description="the URL, or the medium (newspaper, notice board) where it was published"
    )


class PublicNoticeRead(BaseModel):
    campaign_id: int
    published_on: date
    where: str
    recorded_by: str
    notified: int = Field(description="the campaign's public-notice messages sent (recipients reached this way)")


class RenderStarted(BaseModel):
    render_id: int = Field(description="the docs-render job: follow it and download the PDF there")
