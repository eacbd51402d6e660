"""The notices of a breach of personal data (個人情報保護法26条2項, legal-rules.md §8): the letter to each person
(本人への通知) and the public notice (公表文) that stands in for it when a person cannot be reached (代替措置).

What they print is the request's content (RenderCreate.notice), not claims-api's. The items are those of
規則10条 — 1号 概要, 2号 漏えい等が発生し又は発生したおそれがある個人データの項目, 4号 原因,
5号 二次被害又はそのおそれの有無及びその内容, 9号 その他参考となる事項 — with the measures taken (8号, when
given) and the enquiry desk. A letter lists only the items of its recipient's data
(「当該本人の権利利益を保護するために必要な範囲」, 通則GL: 「当該本人に関係する内容のみ」); the public notice lists
every item, names no one, and tells people that the desk answers whether their own data is concerned (通則GL on
the 代替措置, seed 002).

Both are laid out on filing.css with notice.css (A4 portrait, the grid of 9 mm lines) and keep to the HTML subset of
the DOCX converter (docs_render/docx/parse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from bengodan_common.notices import (
    CAUSE,
    CONTACT,
    CONTACT_DESK,
    DATA_ITEMS,
    ITEM_SEPARATOR,
    MEASURES,
    OTHER,
    OVERVIEW,
    SECONDARY_HARM,
    contact_rows,
)
from docs_render.filings.base import render_template
from docs_render.renders.schemas import Notice, NoticeDataItem, NoticeRecipient, NoticeSender

BREACH_NOTICE_LETTER = "breach_notice_letter"
PUBLIC_NOTICE = "public_notice"
TEMPLATE_IDS = (BREACH_NOTICE_LETTER, PUBLIC_NOTICE)

# A line that starts with a mark of a list the sender wrote (・, ※, ①, (1), 1., 【…】) is an item: no first-line
# indent, and its following lines align under its text (class "hanging"). Any other line is a paragraph, indented
# by 「　」 — 「2023年6月5日、…」 too (a number is a mark only when 「.」 「)」 or 「、」 follows it).
_LIST_ITEM = re.compile(
    r"^(?:[・●○■□◆◇※＊*【［]|[-－‐―]\s|[\u2460-\u2473]"
    r"|[(（][0-9０-９a-zA-Zア-ン一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}[.．)）、])"
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    hanging: bool = False  # an item of a list: no 「　」, following lines under its text


@dataclass(frozen=True)
class Section:
    number: int
    heading: str
    paragraphs: list[Paragraph]


def paragraphs(text: str) -> list[Paragraph]:
    """The sender's text as paragraphs, one per line: blank lines dropped (the grid spaces nothing but whole
    lines), each paragraph indented by one full-width space unless it is an item of a list."""
    out = []
    for line in text.splitlines():
        stripped = line.strip(" \t\u3000")
        if not stripped:
            continue
        if _LIST_ITEM.match(stripped):
            out.append(Paragraph(stripped, hanging=True))
        else:
            out.append(Paragraph(f"\u3000{stripped}"))
    return out


def items_of(notice: Notice, recipient: NoticeRecipient) -> list[NoticeDataItem]:
    """The catalogue's items that concern this recipient, in the catalogue's order."""
    keys = set(recipient.item_keys)
    return [item for item in notice.data_items if item.key in keys]


def sections(notice: Notice, items: list[NoticeDataItem]) -> list[Section]:
    """The numbered items before the enquiry desk: 概要, the data items given, 原因, 二次被害, and the measures and
    other matters when the notice has them."""
    texts: list[tuple[str, list[Paragraph]]] = [
        (OVERVIEW, paragraphs(notice.overview)),
        (DATA_ITEMS, [Paragraph("\u3000" + ITEM_SEPARATOR.join(item.label for item in items))]),
        (CAUSE, paragraphs(notice.cause)),
        (SECONDARY_HARM, paragraphs(notice.secondary_harm)),
    ]
    if notice.measures:
        texts.append((MEASURES, paragraphs(notice.measures)))
    if notice.other:
        texts.append((OTHER, paragraphs(notice.other)))
    return [Section(number, heading, body) for number, (heading, body) in enumerate(texts, start=1)]


def postal_lines(postal_code: str | None, address: str) -> list[str]:
    return [f"〒{postal_code}", address] if postal_code else [address]


def sender_lines(sender: NoticeSender) -> list[str]:
    """The letterhead at the top right: postal code, address, name, and the representative with the title."""
    lines = [*postal_lines(sender.postal_code, sender.address), sender.name]
    if sender.representative:
        lines.append(sender.representative)
    return lines


def _common(notice: Notice, made_on: date, items: list[NoticeDataItem]) -> dict[str, Any]:
    numbered = sections(notice, items)
    return {
        "made_on": notice.made_on or made_on,
        "title": notice.title,
        "sender": notice.sender,
        "sender_lines": sender_lines(notice.sender),
        "sections": numbered,
        "contact_number": len(numbered) + 1,
        "contact_heading": CONTACT,
        "contact_rows": contact_rows(notice.contact),
    }


# ---- the letter to one person ----------------------------------------------------------------------------


def breach_notice_letter_context(notice: Notice, recipient: NoticeRecipient, *, made_on: date) -> dict[str, Any]:
    return {
        **_common(notice, made_on, items_of(notice, recipient)),
        "recipient": recipient,
        "recipient_lines": postal_lines(recipient.postal_code, recipient.address),
    }


def breach_notice_letter_html(notice: Notice, recipient: NoticeRecipient, *, made_on: date) -> str:
    """The letter to `recipient`: only the items of their data. `made_on` is the job's date, printed unless the
    notice gives its own."""
    return render_template(BREACH_NOTICE_LETTER, breach_notice_letter_context(notice, recipient, made_on=made_on))


# ---- the public notice (代替措置) --------------------------------------------------------------------------


def public_notice_context(notice: Notice, *, made_on: date) -> dict[str, Any]:
    # The desk heads the notice (under the opening) instead of closing the numbered items.
    return {**_common(notice, made_on, list(notice.data_items)), "contact_heading": CONTACT_DESK}


def public_notice_html(notice: Notice, *, made_on: date) -> str:
    """The 公表文: every data item, no recipient, and the enquiry desk framed under the opening, where a reader
    learns that it answers whether their own data is concerned."""
    return render_template(PUBLIC_NOTICE, public_notice_context(notice, made_on=made_on))
