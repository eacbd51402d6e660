"""The filings of a proceeding (filings/proceeding.py), read back from their PDFs as a reviewer would: the 訴状's
請求の趣旨 in the standard wording with claims-api's figures, the value and fee, the filled 請求の原因, the
請求一覧's columns and totals, every party of the 当事者目録, the mediation wording; A4, embedded Mincho, and the
filing grid of 37 characters × 26 lines (legal-rules.md §5, §7)."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from docs_render.filings.proceeding import (
    ComplaintForm,
    FilingDataError,
    claim_table_html,
    complaint_html,
    mediation_petition_html,
    party_list_html,
)
from docs_render.filings.texts import PlaceholderError
from docs_render.pdf import render_pdf

from . import proceeding_data as data
from .pdf_checks import A4_POINTS, fonts, page_count, page_size_points, write_page_images

MM = 72 / 25.4
TOP, LEFT = 35 * MM, 30 * MM  # the page margins of filing.css
LINE = 9 * MM  # one line of the grid
CHAR = 12.0  # one full-width character of 12 pt
FOOTER = re.compile(r"^\s*\d+\s*/\s*\d+\s*$")  # 「2 / 15」 in the bottom margin


def flat(text: str) -> str:
    """pdftotext breaks lines where the PDF does: compare without line breaks and spaces."""
    return "".join(text.split())


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([tool, *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def layout_text(pdf: bytes) -> str:
    """The text by `pdftotext -layout`, line by line as printed. (Without -layout, pdftotext takes the gap of a
    full-width space for a column gap and reorders 「1　被告は、…」 or 「原告1　山田　太郎」.) Page numbers are
    left out: text runs on from page to page."""
    text = poppler("pdftotext", pdf, "-layout")
    return "\n".join(line for line in text.split("\n") if not FOOTER.match(line.replace("\f", "")))


def text_of(pdf: bytes) -> str:
    return flat(layout_text(pdf))


def page_text(pdf: bytes, page: int) -> str:
    return flat(layout_text(pdf).split("\f")[page - 1])


def layout_lines(pdf: bytes, page: int) -> list[str]:
    """The text lines of a page by `pdftotext -layout`, without the page number in the bottom margin."""
    text = poppler("pdftotext", pdf, "-layout", "-f", str(page), "-l", str(page))
    return [line for line in text.replace("\f", "").splitlines() if line.strip() and not FOOTER.match(line)]


def grid_width(line: str) -> float:
    """Width in full-width characters: half-width characters count ½, a gap between words one character."""
    text = re.sub(r"\s+", "\u3000", line.strip())
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def words(pdf: bytes, page: int) -> list[Word]:
    text = poppler("pdftotext", pdf, "-bbox", "-f", str(page), "-l", str(page))
    return [Word(m[4], float(m[0]), float(m[1]), float(m[2]), float(m[3])) for m in WORD.findall(text)]


def column_text(pdf: bytes, page: int, left_mm: float, width_mm: float, *, top_mm: float = 35) -> str:
    """The text inside a strip of the page's text area from `top_mm` down (a table column), flattened."""
    x, y, w, h = (round(v * MM) for v in (left_mm, top_mm, width_mm, 297 - 28 - top_mm))
    args = ("-f", str(page), "-l", str(page), "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h))
    return flat(poppler("pdftotext", pdf, *args))


def assert_filing_pdf(pdf: bytes) -> None:
    width, height = page_size_points(pdf)
    assert (round(width), round(height)) == tuple(round(v) for v in A4_POINTS)
    rows = fonts(pdf)
    assert rows and all(row["emb"] == "yes" for row in rows), rows
    assert any("Mincho" in row["name"] for row in rows), rows


# ---- the documents -------------------------------------------------------------------------------------


def complaint(count: int = 3, form: ComplaintForm = "paragraphs") -> str:
    return complaint_html(
        data.parties(count),
        data.settings(),
        data.claim_table(count),
        data.filing_fee(count),
        data.exhibits(),
        made_on=data.MADE_ON,
        form=form,
    )


def mediation(count: int = 3) -> str:
    return mediation_petition_html(
        data.parties(count, "mediation"),
        data.settings(),
        data.claim_table(count, "mediation"),
        data.filing_fee(count, "mediation"),
        made_on=data.MADE_ON,
        exhibits=data.exhibits(),
    )


@pytest.fixture(scope="module")
def complaint_pdf() -> bytes:
    return render_pdf(complaint())


@pytest.fixture(scope="module")
def complaint_text(complaint_pdf: bytes) -> str:
    return text_of(complaint_pdf)


@pytest.fixture(scope="module")
def complaint_151_pdf() -> bytes:
    return render_pdf(complaint(151))


@pytest.fixture(scope="module")
def table_form_pdf() -> bytes:
    return render_pdf(complaint(form="table"))


@pytest.fixture(scope="module")
def claim_table_pdf() -> bytes:
    return render_pdf(claim_table_html(data.parties(), data.claim_table(), made_on=data.MADE_ON))


@pytest.fixture(scope="module")
def party_list_151_pdf() -> bytes:
    return render_pdf(party_list_html(data.parties(151), data.settings(), made_on=data.MADE_ON))


@pytest.fixture(scope="module")
def mediation_pdf() -> bytes:
    return render_pdf(mediation())


# ---- 訴状 ----------------------------------------------------------------------------------------------


def test_each_plaintiff_has_a_claim_in_the_standard_wording(complaint_text: str) -> None:
    assert f"1{data.PLAINTIFF_1_CLAIM}" in complaint_text
    assert (
        "2被告は、原告2に対し、金120万円及びこれに対する訴状送達の日の翌日から支払済みまで年3分の割合による金員を支払え。"
        in complaint_text
    )
    assert "3被告は、原告3に対し、金269万9302円及びこれに対する" in complaint_text
    assert "4訴訟費用は被告の負担とする。" in complaint_text
    assert "との判決並びに第1項から第3項までにつき仮執行の宣言を求める。" in complaint_text
    # The seed draft's wording is not used (legal-rules.md §7).
    assert "訴状送達の日翌日" not in complaint_text and "年3分の金員" not in complaint_text


def test_the_head_of_the_complaint(complaint_pdf: bytes, complaint_text: str) -> None:
    first = page_text(complaint_pdf, 1)
    assert first.startswith(
        f"訴状{data.MADE_ON_TEXT}大阪地方裁判所民事部御中"
        "原告ら訴訟代理人弁護士見本太郎同弁護士架空次郎同弁護士試験三郎"
        "当事者の表示別紙当事者目録記載のとおり損害賠償等請求事件"
        "訴訟物の価額金500万円貼用印紙額金3万円第1請求の趣旨"
    )
    assert complaint_text.endswith("以上")


def test_the_title_is_on_the_fourth_line_of_page_one(complaint_pdf: bytes) -> None:
    title = next(w for w in words(complaint_pdf, 1) if w.text == "訴")
    assert int((title.y0 - TOP) // LINE) == 3  # lines 1-3 stay blank for the court's receipt stamp
    date_line = next(w for w in words(complaint_pdf, 1) if w.text == data.MADE_ON_TEXT)
    assert date_line.x1 == pytest.approx(LEFT + 37 * CHAR, abs=1.5)  # the date is at the right margin


def test_the_value_and_fee_are_the_filing_fee_figures() -> None:
    text = text_of(render_pdf(complaint(151)))
    assert "訴訟物の価額金1億5000万円" in text
    assert "貼用印紙額金47万円" in text


def test_the_cause_has_its_placeholders_filled(complaint_text: str) -> None:
    assert "原告ら3名は、社会保険労務士" in complaint_text
    assert "被告（株式会社デモクラウドシステム）は" in complaint_text
    assert "サーバが令和5年6月5日にランサムウェア攻撃" in complaint_text
    assert "原告1人あたり金100万円を下らない。" in complaint_text
    assert "別紙請求一覧のとおり合計金500万円の支払を求める。" in complaint_text
    assert "{月額×月数}の形で" in complaint_text  # braces that are no placeholder stay as written
    assert not re.search(r"\{[a-z_]+\}", complaint_text)


def test_the_cause_is_laid_out_as_headings_and_paragraphs() -> None:
    html = complaint()
    assert "<h2>第2　請求の原因</h2>" in html
    assert '<h3 class="indent-1">1　当事者</h3>' in html
    assert '<h4 class="indent-2">(1)　総論</h4>' in html
    assert '<h4 class="indent-2">①　信用毀損</h4>' in html
    assert '<h4 class="indent-3">ア　顧客との関係</h4>' in html
    assert '<p class="indent-1 indent">原告ら3名は、' in html
    assert "<h2>第3　関連事実</h2>" in html and '<h3 class="indent-1">2　民事調停不成立の経緯</h3>' in html


def test_an_unknown_placeholder_fails_the_complaint_naming_it() -> None:
    settings = data.settings(complaint_cause="原告ら{claimant_count}名は、{defendant_name}に対し")
    with pytest.raises(PlaceholderError, match=r"\{claimant_count\}") as caught:
        complaint_html(
            data.parties(), settings, data.claim_table(), data.filing_fee(), data.exhibits(), made_on=data.MADE_ON
        )
    assert "請求の原因" in str(caught.value)


def test_related_facts_are_left_out_when_empty() -> None:
    html = complaint_html(
        data.parties(),
        data.settings(related_facts="  \n"),
        data.claim_table(),
        data.filing_fee(),
        data.exhibits(),
        made_on=data.MADE_ON,
    )
    assert "関連事実" not in html and "民事調停申立てに至る経緯" not in html


def test_evidence_lists_the_common_exhibits_in_order_and_the_attachments(complaint_text: str) -> None:
    assert (
        "証拠方法証拠説明書記載のとおり甲第1号証の1ネットde社労夢契約書甲第1号証の2社労夢ハウス利用契約書"
        "甲第2号証個人情報保護委員会への報告書甲第3号証社労夢サービスのお知らせ一覧"
    ) in complaint_text
    assert "甲第13号証の2" not in complaint_text  # one claimant's exhibit is not a common one
    # 資格証明書: the defendant company and the one corporate plaintiff.
    assert "附属書類1訴状副本1通2甲号証写し各1通3証拠説明書1通4訴訟委任状3通5資格証明書2通以上" in complaint_text


def test_plaintiffs_claiming_nothing_get_no_paragraph(complaint_151_pdf: bytes) -> None:
    text = text_of(complaint_151_pdf)
    assert "150被告は、原告150に対し、金100万円及び" in text
    assert "原告151に対し" not in text
    assert "151訴訟費用は被告の負担とする。" in text
    assert "との判決並びに第1項から第150項までにつき仮執行の宣言を求める。" in text
    assert "4訴訟委任状151通" in text


def test_table_form_claims_through_the_claim_table(table_form_pdf: bytes) -> None:
    text = text_of(table_form_pdf)
    assert (
        "1被告は、別紙請求一覧の原告欄記載の各原告に対し、同一覧の合計欄記載の各金員及びこれに対する"
        "訴状送達の日の翌日から各支払済みまで年3分の割合による金員を支払え。"
        "2訴訟費用は被告の負担とする。との判決並びに第1項につき仮執行の宣言を求める。"
    ) in text
    assert "原告1に対し" not in text


def test_the_complaint_is_refused_for_inconsistent_snapshots() -> None:
    with pytest.raises(FilingDataError, match="is a mediation, not a lawsuit"):
        complaint_html(
            data.parties(3, "mediation"),
            data.settings(),
            data.claim_table(3, "mediation"),
            data.filing_fee(3, "mediation"),
            [],
            made_on=data.MADE_ON,
        )
    with pytest.raises(FilingDataError, match="claim table is of proceeding"):
        complaint_html(
            data.parties(),
            data.settings(),
            data.claim_table(3, "mediation"),
            data.filing_fee(),
            [],
            made_on=data.MADE_ON,
        )
    with pytest.raises(FilingDataError, match="plaintiffs differ"):
        complaint_html(
            data.parties(151), data.settings(), data.claim_table(), data.filing_fee(), [], made_on=data.MADE_ON
        )
    with pytest.raises(FilingDataError, match="needs a suit fee"):
        complaint_html(
            data.parties(),
            data.settings(),
            data.claim_table(),
            data.filing_fee(3, "mediation"),
            [],
            made_on=data.MADE_ON,
        )


# ---- the grid ------------------------------------------------------------------------------------------


def test_a_body_page_keeps_to_26_lines_of_37_characters(complaint_151_pdf: bytes) -> None:
    lines = layout_lines(complaint_151_pdf, 2)
    assert len(lines) == 26, lines  # a page of two-line claims is full: 13 × 2 lines of 9 mm
    assert max(grid_width(line) for line in lines) <= 37, max(lines, key=grid_width)
    for page in range(1, page_count(complaint_151_pdf) + 1):
        assert len(layout_lines(complaint_151_pdf, page)) <= 26


def test_text_stays_inside_the_grid(complaint_151_pdf: bytes, complaint_pdf: bytes) -> None:
    for pdf, pages in ((complaint_151_pdf, (1, 2, 3)), (complaint_pdf, (1, 2, 3, 4))):
        for page in pages:
            body = [w for w in words(pdf, page) if w.y1 <= 297 * MM - 28 * MM]  # not the page number
            assert body
            assert min(w.x0 for w in body) >= LEFT - 0.5
            assert max(w.x1 for w in body) <= LEFT + 157 * MM + 0.5  # 37 characters and a fraction
            assert max(w.y1 for w in body) <= TOP + 26 * LINE
            # 12 pt text sits on the 9 mm lines: the same offset from the top of every line.
            offsets = {round((w.y0 - TOP) % LINE, 1) for w in body if round(w.y1 - w.y0) == 12}
            assert offsets == {round((LINE - CHAR) / 2, 1)}, (page, offsets)


def test_full_width_text_wraps_at_37_characters(complaint_pdf: bytes) -> None:
    lines = [line.strip() for line in layout_lines(complaint_pdf, 2)]
    start = next(i for i, line in enumerate(lines) if line.startswith(data.FULL_WIDTH_PARAGRAPH[:10]))
    paragraph = data.FULL_WIDTH_PARAGRAPH
    assert lines[start] == paragraph[:36]  # the first line is indented by one character
    assert lines[start + 1] == paragraph[36:73]  # then 37 characters a line
    assert lines[start + 2] == paragraph[73:]
    full = next(w for w in words(complaint_pdf, 2) if w.text == paragraph[36:73])
    assert full.x1 - full.x0 == pytest.approx(37 * CHAR, abs=0.5)
    assert full.x0 == pytest.approx(LEFT, abs=0.5)


# ---- 請求一覧 ------------------------------------------------------------------------------------------

# Column lefts and widths in mm (claim_table.html's col widths from the left margin).
COLUMNS = [(30, 10), (40, 20), (60, 26), (86, 24.5), (110.5, 26), (136.5, 24.5), (161, 26)]
TERMS = "訴状送達の日の翌日から支払済みまで年3分"


def test_the_claim_table_columns_and_totals(claim_table_pdf: bytes) -> None:
    # Below the title: （別紙） on line 1, 請求一覧 on line 2, a blank line 3.
    column = [column_text(claim_table_pdf, 1, left, width, top_mm=35 + 3 * 9) for left, width in COLUMNS]
    assert column[0] == "原告123合計"
    assert column[1] == "氏名山田太郎佐藤太郎社会保険労務士法人鈴木労務管理原告3名"
    assert column[2] == "契約に定める損害賠償請求権に基づき1,001,698円1,200,000円2,600,000円4,801,698円"
    assert column[3] == "これに対する遅延損害金" + TERMS * 3
    assert column[4] == "不当利得返還請求権に基づき99,000円0円99,302円198,302円"
    assert column[5] == "これに対する利息" + TERMS * 2  # none for plaintiff 2, who claims no unjust enrichment
    assert column[6] == "合計1,100,698円1,200,000円2,699,302円5,000,000円"
    totals = next(line for line in layout_lines(claim_table_pdf, 1) if line.startswith("合計"))
    assert totals.split() == ["合計", "原告3名", "4,801,698円", "198,302円", "5,000,000円"]


def test_the_claim_table_of_a_mediation_names_petitioners() -> None:
    html = claim_table_html(data.parties(3, "mediation"), data.claim_table(3, "mediation"), made_on=data.MADE_ON)
    assert "<th>申立人</th>" in html and "申立人3名" in html and "原告" not in html


def test_3000_rows_render_with_the_header_on_every_page() -> None:
    table = data.claim_table(rows=3000)
    pdf = render_pdf(claim_table_html(data.parties(), table, made_on=data.MADE_ON))
    pages = page_count(pdf)
    assert pages > 150
    assert_filing_pdf(pdf)
    for page in (2, pages // 2, pages):
        assert column_text(pdf, page, *COLUMNS[0]).startswith("原告")
        assert column_text(pdf, page, *COLUMNS[2]).startswith("契約に定める損害賠償請求権に基づき")
    last = [column_text(pdf, pages, left, width) for left, width in COLUMNS]
    totals = table.totals
    assert last[0].endswith("29993000合計")
    assert last[6].endswith(f"{table.rows[-1].total:,}円{totals.total:,}円")
    assert last[2].endswith(f"{totals.contract_damages:,}円") and last[4].endswith(f"{totals.unjust_enrichment:,}円")
    assert max(w.x1 for w in words(pdf, pages)) <= LEFT + 157 * MM + 0.5  # the totals stay inside the table


# ---- 当事者目録 ----------------------------------------------------------------------------------------


def test_every_party_is_in_the_party_list(party_list_151_pdf: bytes) -> None:
    text = text_of(party_list_151_pdf)
    assert text.startswith("（別紙）当事者目録")
    for plaintiff in data.parties(151).plaintiffs:
        assert flat(f"原告{plaintiff.number}{plaintiff.name}") in text, plaintiff.number
        assert flat(f"〒{plaintiff.postal_code}{plaintiff.address}") in text
    assert "（山田社会保険労務士事務所）原告1山田太郎" in text
    assert "原告3社会保険労務士法人鈴木労務管理上記代表者代表社員鈴木一郎" in text
    assert (
        "〒100-0013東京都千代田区霞が関一丁目1番1号架空ビル4階みなと総合法律事務所（送達場所）"
        "電話03-0000-0000FAX03-0000-0001"
        "上記原告ら訴訟代理人弁護士見本太郎同弁護士架空次郎同弁護士試験三郎"
    ) in text
    assert (
        "〒530-0000大阪府大阪市北区架空町1丁目2番3号架空ビル30階"
        "被告株式会社デモクラウドシステム上記代表者代表取締役見本一郎"
    ) in text


def test_a_party_block_is_never_split_across_pages(party_list_151_pdf: bytes) -> None:
    for page in range(1, page_count(party_list_151_pdf) + 1):
        text = page_text(party_list_151_pdf, page)
        for plaintiff in data.parties(151).plaintiffs:
            name = flat(f"原告{plaintiff.number}{plaintiff.name}")
            if name in text:  # its address and office are on the same page, just before it
                assert flat(f"{plaintiff.address}") in text.split(name)[0][-80:], plaintiff.number


def test_a_representative_given_with_its_title_is_not_doubled() -> None:
    parties = data.parties()
    case = parties.case.model_copy(update={"defendant_representative": "代表取締役 見本 一郎"})
    html = party_list_html(parties.model_copy(update={"case": case}), data.settings(), made_on=data.MADE_ON)
    assert "上記代表者代表取締役 見本 一郎" in html and "代表取締役代表取締役" not in html


def test_the_party_list_of_a_mediation_uses_its_words() -> None:
    pdf = render_pdf(party_list_html(data.parties(3, "mediation"), data.settings(), made_on=data.MADE_ON))
    text = text_of(pdf)
    assert "申立人1山田太郎" in text and "申立人3社会保険労務士法人鈴木労務管理" in text
    assert "上記申立人ら代理人弁護士見本太郎同弁護士架空次郎" in text
    assert "相手方株式会社デモクラウドシステム上記代表者代表取締役見本一郎" in text
    assert "原告" not in text and "被告" not in text


# ---- 調停申立書 ----------------------------------------------------------------------------------------


def test_the_mediation_petition(mediation_pdf: bytes) -> None:
    text = text_of(mediation_pdf)
    assert text.startswith(
        f"調停申立書{data.MADE_ON_TEXT}大阪簡易裁判所御中"
        "申立人ら代理人弁護士見本太郎同弁護士架空次郎同弁護士試験三郎"
        "当事者の表示別紙当事者目録記載のとおり"
        "調停を求める事項の価額金500万円貼用印紙額金1万5000円"
    )
    assert (
        "第1申立ての趣旨"
        "1相手方は、申立人らに対し、別紙請求一覧の各申立人に対応する合計欄記載の金員を支払う。"
        "2相手方は、申立人らに対し、個人情報等の流出等による損害について保証する。"
        "3相手方は、利用契約の免責規定を改定する。"
        "との調停を求める。第2紛争の要点"
    ) in text
    assert "相手方（株式会社デモクラウドシステム）が提供する" in text and "損害は合計金500万円である。" in text
    assert "証拠書類証拠説明書記載のとおり甲第1号証の1ネットde社労夢契約書" in text
    assert "附属書類1申立書写し1通2甲号証写し各1通3証拠説明書1通4委任状3通5資格証明書2通以上" in text
    assert "原告" not in text and "被告" not in text


def test_the_mediation_wording_is_flagged_as_unconfirmed() -> None:
    assert "<!-- The wording of the 申立ての趣旨" in mediation()


def test_the_mediation_petition_needs_a_mediation() -> None:
    with pytest.raises(FilingDataError, match="is a lawsuit, not a mediation"):
        mediation_petition_html(
            data.parties(), data.settings(), data.claim_table(), data.filing_fee(), made_on=data.MADE_ON
        )


# ---- every document ------------------------------------------------------------------------------------


def test_the_html_is_the_same_for_the_same_input() -> None:
    assert complaint() == complaint()
    assert complaint(form="table") == complaint(form="table")
    assert mediation() == mediation()
    table = claim_table_html(data.parties(), data.claim_table(), made_on=data.MADE_ON)
    assert table == claim_table_html(data.parties(), data.claim_table(), made_on=data.MADE_ON)
    parties = party_list_html(data.parties(151), data.settings(), made_on=data.MADE_ON)
    assert parties == party_list_html(data.parties(151), data.settings(), made_on=data.MADE_ON)


def test_only_the_html_subset_of_the_docx_converter_is_used() -> None:
    allowed = {
        *[
            "h1",
            "h2",
            "h3",
            "h4",
            "p",
            "div",
            "ol",
            "ul",
            "li",
            "table",
            "colgroup",
            "col",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "br",
            "span",
            "strong",
            "b",
            "em",
            "sup",
        ],
        *["html", "head", "meta", "title", "link", "body"],
    }
    for html in (
        complaint(),
        mediation(),
        claim_table_html(data.parties(), data.claim_table(), made_on=data.MADE_ON),
        party_list_html(data.parties(), data.settings(), made_on=data.MADE_ON),
    ):
        assert set(re.findall(r"<([a-z0-9]+)", html)) <= allowed
        assert not re.search(r'style="(?!width: [\d.]+mm")', html)


def test_every_document_is_a4_with_embedded_mincho_and_has_page_images(
    complaint_pdf: bytes, claim_table_pdf: bytes, party_list_151_pdf: bytes, mediation_pdf: bytes
) -> None:
    documents = {
        "proceeding-complaint": (complaint_pdf, 4),
        "proceeding-claim-table": (claim_table_pdf, 1),
        "proceeding-party-list": (party_list_151_pdf, 2),
        "proceeding-mediation-petition": (mediation_pdf, 2),
    }
    for name, (pdf, last) in documents.items():
        assert_filing_pdf(pdf)
        images = write_page_images(pdf, name, last=last)
        assert len(images) >= last and all(image.stat().st_size > 0 for image in images)
