"""The notices of a breach of personal data (filings/notice.py, templates breach_notice_letter and public_notice):
the letter to one person carries the items of 規則10条 with only that person's data items and the enquiry desk;
the public notice (代替措置) carries every item, names no one, and puts the desk where a reader sees it first."""

from __future__ import annotations

import re
from datetime import date

import pytest

from docs_render.docx import docx_text, html_to_docx
from docs_render.filings.notice import (
    CAUSE,
    CONTACT,
    DATA_ITEMS,
    MEASURES,
    OTHER,
    OVERVIEW,
    SECONDARY_HARM,
    Paragraph,
    breach_notice_letter_html,
    paragraphs,
    public_notice_html,
)
from docs_render.pdf import render_pdf

from . import notice_data as data
from .claimant_data import joined, layout_rows
from .pdf_checks import A4_POINTS, fonts, page_size_points, page_texts, pdf_text, write_page_images

HEADINGS = [OVERVIEW, DATA_ITEMS, CAUSE, SECONDARY_HARM, MEASURES, OTHER, CONTACT]


def _letter(person: dict[str, object], **overrides: object) -> str:
    return breach_notice_letter_html(data.notice(**overrides), data.person(person), made_on=data.MADE_ON)


@pytest.fixture(scope="module")
def taro_pdf() -> bytes:
    return render_pdf(_letter(data.TARO))


@pytest.fixture(scope="module")
def public_pdf() -> bytes:
    return render_pdf(public_notice_html(data.notice(), made_on=data.MADE_ON))


def layout_pages(pdf: bytes) -> list[list[str]]:
    """Each page's printed lines (pdftotext -layout), without whitespace."""
    return [layout_rows(page) for page in pdf_text(pdf, layout=True).split("\f")[:-1]]


def _item_line(text: str) -> str:
    """The line under heading 2: the data items printed."""
    rows = layout_rows(text)
    return rows[rows.index(f"2{joined(DATA_ITEMS)}") + 1]


# ---- the letter -------------------------------------------------------------------------------------------


def test_the_letter_lists_only_the_recipient_s_data_items(taro_pdf: bytes) -> None:
    text = pdf_text(taro_pdf, layout=True)
    assert _item_line(text) == "氏名、住所、基礎年金番号"
    flat = joined(text)
    for key in ("birth_date", "salary", "dependants"):  # 見本 花子's items, and one nobody has here
        assert data.LABELS[key] not in flat
    assert "見本" not in flat and "花子様" not in flat

    hanako = joined(pdf_text(render_pdf(_letter(data.HANAKO)), layout=True))
    assert "氏名、給与及び賞与の額、扶養家族の氏名" in hanako
    assert "住所、" not in hanako and "基礎年金番号" not in hanako and "架空太郎" not in hanako


def test_the_items_follow_the_catalogue_s_order_whatever_the_recipient_s_order() -> None:
    person = {**data.TARO, "item_keys": ["pension_no", "name", "pension_no"]}
    assert _item_line(pdf_text(render_pdf(_letter(person)), layout=True)) == "氏名、基礎年金番号"


def test_the_letter_is_addressed_dated_and_signed_at_the_top(taro_pdf: bytes) -> None:
    assert page_size_points(taro_pdf) == pytest.approx(A4_POINTS, abs=0.5)
    first = layout_pages(taro_pdf)[0]
    assert first[:4] == ["令和8年12月1日", "〒100-0001", "東京都千代田区千代田1-1", "架空太郎様"]
    assert first[4:8] == [
        "〒530-0001",
        "大阪府大阪市北区架空町1-2-3",
        "架空社会保険労務士事務所",
        "所長社会保険労務士架空花子",
    ]
    assert first[8] == "個人情報の漏えいのおそれに関するお知らせとお詫び"
    assert first[9] == "拝啓平素より格別のご高配を賜り、厚く御礼申し上げます。"
    flat = joined(pdf_text(taro_pdf))
    assert "架空太郎様に多大なるご心配とご迷惑をおかけしますことを、心より深くお詫び申し上げます。" in flat
    assert "個人情報の保護に関する法律第26条第2項に基づき、下記のとおりお知らせいたします。" in flat
    # The recipient's block sits at the left margin, the sender's right of the middle.
    layout = pdf_text(taro_pdf, layout=True).splitlines()
    assert any(re.match(r"^架空 太郎\s+様$", line) for line in layout)
    assert any(re.match(r"^ {20,}架空社会保険労務士事務所$", line) for line in layout)
    assert all(f["emb"] == "yes" for f in fonts(taro_pdf))


def test_the_letter_has_every_heading_in_order_and_closes_with_the_contact(taro_pdf: bytes) -> None:
    rows = layout_rows(pdf_text(taro_pdf, layout=True))
    numbered = [f"{n}{joined(heading)}" for n, heading in enumerate(HEADINGS, start=1)]
    positions = [rows.index(heading) for heading in numbered]
    assert positions == sorted(positions)
    assert rows.index("敬具") < rows.index("記") < positions[0]
    assert rows[-1].startswith("以上") or "以上" in rows[-3:]
    contact = rows[positions[-1] + 1 :]
    assert contact[:5] == [
        "本件に関するお問い合わせは、下記の窓口までお願いいたします。",
        "窓口架空社会保険労務士事務所個人情報お問い合わせ窓口",
        "電話番号0120-000-000",
        "受付時間平日午前9時～午後5時",
        "電子メールprivacy@example.jp",
    ]
    flat = joined(pdf_text(taro_pdf))
    for text in (data.CAUSE, data.MEASURES, data.OTHER, "現時点において、二次被害は確認されていません。"):
        assert joined(text) in flat


def test_without_measures_and_other_matters_the_items_are_numbered_on() -> None:
    text = pdf_text(render_pdf(_letter(data.TARO, measures="", other=None)), layout=True)
    rows = layout_rows(text)
    assert "5お問い合わせ先" in rows
    assert not any(joined(MEASURES) in row or joined(OTHER) in row for row in rows)


def test_the_letter_s_own_date_wins_over_the_job_s() -> None:
    html = breach_notice_letter_html(
        data.notice(made_on="2026-12-24"), data.person(data.TARO), made_on=date(2026, 12, 1)
    )
    assert "令和8年12月24日" in html and "令和8年12月1日" not in html


def test_a_recipient_without_a_postal_code_and_text_is_escaped() -> None:
    person = {"name": "架空 <b>次郎</b>", "address": "東京都千代田区千代田1-1", "item_keys": ["name"]}
    html = _letter(person, title="お知らせ & お詫び")
    assert "架空 &lt;b&gt;次郎&lt;/b&gt;　様" in html and "お知らせ &amp; お詫び" in html
    assert "〒" not in html.split("<h1>")[0].split("</table>")[0].split("様")[0]


def test_the_sender_s_lines_become_paragraphs_and_list_items_hang() -> None:
    assert paragraphs("　一行目\n\n・項目の一\n（1）項目の二\n2023年6月5日、事故\n1. 番号") == [
        Paragraph("\u3000一行目"),
        Paragraph("・項目の一", hanging=True),
        Paragraph("（1）項目の二", hanging=True),
        Paragraph("\u30002023年6月5日、事故"),
        Paragraph("1. 番号", hanging=True),
    ]


def test_the_letter_in_docx_carries_the_same_text() -> None:
    text = docx_text(html_to_docx(_letter(data.TARO)))
    lines = text.splitlines()
    assert lines[:4] == ["令和8年12月1日", "〒100-0001", "東京都千代田区千代田1-1", "架空 太郎　様"]
    assert lines[lines.index(f"2　{DATA_ITEMS}") + 1] == "　氏名、住所、基礎年金番号"
    for n, heading in enumerate(HEADINGS, start=1):
        assert f"{n}　{heading}" in lines
    assert "電話番号\t0120-000-000" in lines and lines[-1] == "以上"
    assert "生年月日" not in text and "給与及び賞与の額" not in text and "扶養家族" not in text


# ---- the public notice ------------------------------------------------------------------------------------


def test_the_public_notice_lists_every_item_and_names_no_one(public_pdf: bytes) -> None:
    text = pdf_text(public_pdf, layout=True)
    assert _item_line(text) == "氏名、住所、生年月日、基礎年金番号、給与及び賞与の額、扶養家族の氏名"
    flat = joined(text)
    assert "架空太郎" not in flat and "見本花子" not in flat and "様" not in flat.replace("皆様", "")
    assert "漏えい等が発生し、又は発生したおそれがあることが判明しました。" in flat
    assert "個別にお知らせすることが難しい方がいらっしゃるため、本件の内容を下記のとおり公表いたします。" in flat
    rows = layout_rows(text)
    numbered = [f"{n}{joined(heading)}" for n, heading in enumerate(HEADINGS[:-1], start=1)]
    positions = [rows.index(heading) for heading in numbered]
    assert positions == sorted(positions)


def test_the_public_notice_puts_the_desk_first_and_says_it_answers_whose_data_is_concerned(
    public_pdf: bytes,
) -> None:
    first = layout_pages(public_pdf)[0]
    desk = first.index("お問い合わせ窓口")
    assert desk < first.index("記")  # under the opening, before the items
    assert joined("".join(first[desk + 1 : desk + 3])) == joined(
        "ご自身の個人データが対象となっているかどうかのご確認を含め、本件に関するお問い合わせは、次の窓口で承ります。"
    )
    assert first[desk + 3 : desk + 7] == [
        "窓口架空社会保険労務士事務所個人情報お問い合わせ窓口",
        "電話番号0120-000-000",
        "受付時間平日午前9時～午後5時",
        "電子メールprivacy@example.jp",
    ]
    assert page_size_points(public_pdf) == pytest.approx(A4_POINTS, abs=0.5)


def test_the_public_notice_in_docx() -> None:
    text = docx_text(html_to_docx(public_notice_html(data.notice(), made_on=data.MADE_ON)))
    assert "お問い合わせ窓口" in text.splitlines()
    assert "　氏名、住所、生年月日、基礎年金番号、給与及び賞与の額、扶養家族の氏名" in text.splitlines()
    assert "電子メール\tprivacy@example.jp" in text


# ---- for a person to look at ------------------------------------------------------------------------------


def test_page_images_for_review(taro_pdf: bytes, public_pdf: bytes) -> None:
    """var/test-artifacts/docs-render/notice-letter-*.png and notice-public-*.png: looked at when changed."""
    assert len(write_page_images(taro_pdf, "notice-letter", last=2)) == 2
    assert len(write_page_images(public_pdf, "notice-public", last=2)) == 2
    long = data.notice(
        overview="\n".join([data.OVERVIEW] * 3),
        recipients=None,
        contact={**data.CONTACT, "address": "〒530-0001 大阪府大阪市北区架空町1-2-3 架空ビル4階"},
    )
    person = {**data.HANAKO, "item_keys": [item["key"] for item in data.DATA_ITEMS]}
    pdf = render_pdf(breach_notice_letter_html(long, data.person(person), made_on=data.MADE_ON))
    assert len(page_texts(pdf)) >= 2
    write_page_images(pdf, "notice-long-letter", last=3)
