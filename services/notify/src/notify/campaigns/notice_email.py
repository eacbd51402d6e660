"""The breach notice as an e-mail (本人への通知, 法26条2項): the same items and headings as docs-render's letter,
and only the data items that concern the recipient (通則GL: 「当該本人に関係する内容のみ」)."""

from __future__ import annotations

from bengodan_common.notices import (
    CAUSE,
    CONTACT,
    DATA_ITEMS,
    ITEM_SEPARATOR,
    MEASURES,
    OTHER,
    OVERVIEW,
    SECONDARY_HARM,
    NoticeContact,
    NoticeDataItem,
    NoticeSender,
    contact_rows,
)
from notify.campaigns.models import Campaign, Recipient
from notify.messages.content import render_text


def items_of(campaign: Campaign, item_keys: list[str]) -> list[NoticeDataItem]:
    """The campaign's items that concern one person, in the campaign's order."""
    keys = set(item_keys)
    return [NoticeDataItem.model_validate(item) for item in campaign.data_items if item["key"] in keys]


def _sections(campaign: Campaign, items: list[NoticeDataItem]) -> list[tuple[str, str]]:
    sections = [
        (OVERVIEW, campaign.overview),
        (DATA_ITEMS, ITEM_SEPARATOR.join(item.label for item in items)),
        (CAUSE, campaign.cause),
        (SECONDARY_HARM, campaign.secondary_harm),
    ]
    if campaign.measures:
        sections.append((MEASURES, campaign.measures))
    if campaign.other:
        sections.append((OTHER, campaign.other))
    return sections


def notice_email(campaign: Campaign, recipient: Recipient) -> tuple[str, str]:
    """(subject, body) of the notice to one recipient."""
    return render_text(
        "breach_notice",
        name=recipient.name,
        title=campaign.title,
        sender=NoticeSender.model_validate(campaign.sender),
        sections=_sections(campaign, items_of(campaign, recipient.item_keys)),
        contact_heading=CONTACT,
        contact_rows=contact_rows(NoticeContact.model_validate(campaign.contact)),
    )
