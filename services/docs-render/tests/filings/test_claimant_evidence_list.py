"""証拠説明書 (filings/claimant.py, template evidence_list): the heading of the filing, one row per exhibit in the
given order with the seven columns of the standard form, 不明 for what is unknown, and on A4 portrait the header
row on every page and no row split across pages."""

from __future__ import annotations

import re

import pytest

from docs_render.filings.claimant import evidence_list_html
from docs_render.pdf import render_pdf

from . import claimant_data as data
from .pdf_checks import A4_POINTS, fonts, page_count, page_size_points, page_texts, pdf_text

PARTIES = "原告　架空花子ほか150名"
LABEL = re.compile(r"甲\d+(?:の\d+)?")


@pytest.fixture(scope="module")
def small_html() -> str:
    return evidence_list_html(data.exhibits(), data.CASE, data.LAWSUIT, PARTIES, data.SETTINGS, made_on=data.MADE_ON)


@pytest.fixture(scope="module")
def small_pdf(small_html: str) -> bytes:
    return render_pdf(small_html)


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    exhibits = data.many_exhibits(60)
    return render_pdf(
        evidence_list_html(exhibits, data.CASE, data.LAWSUIT, PARTIES, data.SETTINGS, made_on=data.MADE_ON)
    )


def test_the_heading_names_the_case_the_court_and_counsel(small_pdf: bytes) -> None:
    rows = data.layout_rows(pdf_text(small_pdf, layout=True))
    assert rows[:3] == [
        "令和7年(ワ)第1234号損害賠償請求事件",
        "原告架空花子ほか150名",
        "被告株式会社デモクラウドシステム",
    ]
    assert rows[3:6] == ["証拠説明書", "令和8年12月1日", "大阪地方裁判所御中"]
    assert rows[6:9] == ["原告ら訴訟代理人弁護士架空一郎", "同見本二郎", "同試験三郎"]


def test_every_column_of_every_row_reads_as_the_exhibit_says(small_pdf: bytes) -> None:
    """The seven columns of the form; 不明 for the unknown date (甲12の2) and authors (甲12の2, 甲12の5)."""
    exhibits = data.exhibits()
    expected = [data.evidence_cells(e) for e in exhibits]
    for column in data.EVIDENCE_COLUMNS_MM:
        (page,) = data.evidence_column(small_pdf, column)
        assert page == "".join(cells[column] for cells in expected), column
    assert LABEL.findall(data.evidence_column(small_pdf, "label")[0]) == ["甲1", "甲2", "甲3", "甲12の2", "甲12の5"]
    kinds = data.evidence_column(small_pdf, "kind")[0]
    assert kinds == "写し写し写し原本写し"
    assert data.evidence_column(small_pdf, "author")[0].count("不明") == 2
    assert data.evidence_column(small_pdf, "made_on")[0].count("不明") == 1


def test_sixty_exhibits_repeat_the_header_and_keep_each_row_on_one_page(long_pdf: bytes) -> None:
    exhibits = data.many_exhibits(60)
    pages = page_texts(long_pdf)
    assert len(pages) == page_count(long_pdf) >= 3
    for page in pages:  # the header row on every page
        text = data.joined(page)
        for heading in ("号証", "標目", "原本・写しの別", "作成年月日", "作成者", "立証趣旨", "備考"):
            assert heading in text
    labels_per_page = [LABEL.findall(page) for page in data.evidence_column(long_pdf, "label")]
    assert [label for labels in labels_per_page for label in labels] == [e.short_label for e in exhibits]
    cells = {e.short_label: data.evidence_cells(e) for e in exhibits}
    for column in data.EVIDENCE_COLUMNS_MM:
        # Every page's column holds exactly the cells of the rows that start on it: no row runs onto the next page.
        for labels, page in zip(labels_per_page, data.evidence_column(long_pdf, column), strict=True):
            assert page == "".join(cells[label][column] for label in labels), (column, labels)


def test_a_mediation_is_signed_by_the_petitioners_agents() -> None:
    html = evidence_list_html(
        data.exhibits()[:2], data.CASE, data.MEDIATION, "申立人　架空花子ほか129名", data.SETTINGS, made_on=data.MADE_ON
    )
    rows = data.layout_rows(pdf_text(render_pdf(html), layout=True))
    assert rows[:3] == ["損害賠償請求事件", "申立人架空花子ほか129名", "相手方株式会社デモクラウドシステム"]
    assert "申立人ら代理人弁護士架空一郎" in rows


def test_one_plaintiff_is_not_plural() -> None:
    html = evidence_list_html(
        data.exhibits()[:1],
        data.CASE,
        data.LAWSUIT,
        "原告　架空花子",
        data.SETTINGS,
        made_on=data.MADE_ON,
        several=False,
    )
    assert "<td>原告訴訟代理人弁護士</td>" in html


def test_a4_portrait_with_embedded_mincho(long_pdf: bytes) -> None:
    width, height = page_size_points(long_pdf)
    assert (round(width), round(height)) == tuple(round(p) for p in A4_POINTS)
    rows = fonts(long_pdf)
    assert rows and all(row["emb"] == "yes" for row in rows)
    assert any(any(m in row["name"] for m in data.MINCHO_FONT_NAMES) for row in rows)


def test_the_same_input_gives_the_same_html(small_html: str) -> None:
    again = evidence_list_html(data.exhibits(), data.CASE, data.LAWSUIT, PARTIES, data.SETTINGS, made_on=data.MADE_ON)
    assert again == small_html


def test_page_images_for_review(small_pdf: bytes, long_pdf: bytes) -> None:
    assert data.page_images(small_pdf, "claimant-evidence-list-five") == ["claimant-evidence-list-five-1.png"]
    assert len(data.page_images(long_pdf, "claimant-evidence-list-sixty")) == page_count(long_pdf)
