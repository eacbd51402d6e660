"""損害一覧 of one claimant (filings/claimant.py, template damage_schedule): the party word follows the proceeding,
every head prints its amount, its formula line by line and its exhibits, and the totals are claims-api's."""

from __future__ import annotations

import pytest

from docs_render.filings.claimant import DAMAGE_SCHEDULE, damage_schedule_html, short_exhibit_label
from docs_render.pdf import render_pdf

from . import claimant_data as data
from .pdf_checks import A4_POINTS, fonts, page_count, page_size_points, pdf_text


@pytest.fixture(scope="module")
def lawsuit_html() -> str:
    return damage_schedule_html(data.schedule_entry(data.INDIVIDUAL, 12), data.CASE, data.LAWSUIT, made_on=data.MADE_ON)


@pytest.fixture(scope="module")
def lawsuit_pdf(lawsuit_html: str) -> bytes:
    return render_pdf(lawsuit_html)


@pytest.fixture(scope="module")
def mediation_pdf() -> bytes:
    entry = data.schedule_entry(data.CORPORATION, 3)
    return render_pdf(damage_schedule_html(entry, data.CASE, data.MEDIATION, made_on=data.MADE_ON))


def test_a_lawsuit_schedule_names_the_plaintiff_by_number(lawsuit_pdf: bytes) -> None:
    text = pdf_text(lawsuit_pdf)
    assert "原告12\n" in text
    assert "原告12の損害額は、" in text
    assert "被告\n" in text and "株式会社デモクラウドシステム" in text
    assert "令和7年(ワ)第1234号" in text
    assert "申立人" not in text
    assert "原告ごとの証拠番号" in text


def test_a_mediation_schedule_names_the_petitioner_and_the_representative(mediation_pdf: bytes) -> None:
    text = pdf_text(mediation_pdf)
    assert "申立人3\n" in text
    assert "申立人3の損害額は、" in text
    assert "代表者代表社員見本太郎" in data.layout_rows(pdf_text(mediation_pdf, layout=True))
    assert "相手方\n" in text
    assert "被告" not in text
    assert "原告" not in text
    # The office name equal to the corporation's name is not printed twice.
    assert "事務所" not in text


def test_without_a_proceeding_the_claimant_is_a_claimant_not_a_petitioner() -> None:
    html = damage_schedule_html(data.schedule_entry(), data.CASE, None, made_on=data.MADE_ON)
    text = pdf_text(render_pdf(html))
    assert "請求者の損害額は、" in text
    assert "申立人" not in text
    assert "原告12" not in text


def test_every_head_prints_its_amount_and_the_totals_are_claims_apis(lawsuit_pdf: bytes) -> None:
    text = pdf_text(lawsuit_pdf)
    for label in data.HEAD_LABELS:
        assert label in text
    for amount in data.HEAD_AMOUNTS.values():
        assert f"{amount:,}円" in text
    assert "小計（契約に定める損害賠償請求権）" in text
    assert f"{data.CONTRACT_TOTAL:,}円" in text and f"{data.UNJUST_TOTAL:,}円" in text
    assert f"損害額合計{data.TOTAL:,}円" in data.joined(text)
    # The lead sentence in pleading style, each amount unbroken.
    assert "金128万475円" in text and "金9万9000円" in text and "合計金137万9475円" in text


def test_formulas_keep_their_line_breaks(lawsuit_pdf: bytes) -> None:
    lines = [line.strip() for line in pdf_text(lawsuit_pdf).splitlines()]
    for item in data.items(7):
        for formula_line in item.formula.splitlines():
            # Each line of the formula starts a line of the PDF (a long one wraps, so compare its start).
            assert any(line.startswith(formula_line[:16]) for line in lines), formula_line
        assert data.joined(item.formula) in data.joined(pdf_text(lawsuit_pdf))


def test_exhibits_print_their_short_labels_or_the_slot(lawsuit_pdf: bytes) -> None:
    text = pdf_text(lawsuit_pdf)
    assert "甲12の2、甲12の7" in text  # 人件費: two linked exhibits
    assert "甲12の3" in text and "甲12の5" in text
    assert "甲○の4" in text  # 利用料差額: none linked yet
    assert "甲○の6" in text  # その他実損 and 値上げ分
    assert "甲○の1" in text  # the contract slot
    assert "甲第12号証" not in text


def test_short_exhibit_labels() -> None:
    assert short_exhibit_label("甲第3号証の2") == "甲3の2"
    assert short_exhibit_label("甲第12号証") == "甲12"
    assert short_exhibit_label("乙第1号証の10") == "乙1の10"
    assert short_exhibit_label("甲3の2") == "甲3の2"


def test_the_pdf_is_a4_with_an_embedded_mincho_font(lawsuit_pdf: bytes, mediation_pdf: bytes) -> None:
    for pdf in (lawsuit_pdf, mediation_pdf):
        width, height = page_size_points(pdf)
        assert (round(width), round(height)) == tuple(round(p) for p in A4_POINTS)
        rows = fonts(pdf)
        assert rows and all(row["emb"] == "yes" for row in rows)
        assert any(any(m in row["name"] for m in data.MINCHO_FONT_NAMES) for row in rows)


def test_the_same_input_gives_the_same_html(lawsuit_html: str) -> None:
    again = damage_schedule_html(
        data.schedule_entry(data.INDIVIDUAL, 12), data.CASE, data.LAWSUIT, made_on=data.MADE_ON
    )
    assert again == lawsuit_html
    assert DAMAGE_SCHEDULE == "damage_schedule"


def test_page_images_for_review(lawsuit_pdf: bytes, mediation_pdf: bytes) -> None:
    assert len(data.page_images(lawsuit_pdf, "claimant-damage-schedule-lawsuit")) == page_count(lawsuit_pdf) == 3
    assert len(data.page_images(mediation_pdf, "claimant-damage-schedule-mediation")) == page_count(mediation_pdf)
