"""The damage schedule (損害一覧) as DOCX: the same text as its HTML and PDF, the filing page, Word-readable."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docs_render_builders import FakeClaimsApi, plaintiff_one, schedule_html
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, Twips
from docx.table import _Cell

from docs_render.docx import docx_text, html_to_docx
from docs_render.pdf import render_pdf

MADE_ON = date(2026, 11, 2)
AMOUNTS = ["1,698円", "1,000,000円", "1,001,698円", "99,000円", "1,100,698円"]


@pytest.fixture(scope="module")
def html() -> str:
    fake = FakeClaimsApi()
    plaintiff_one(fake)
    return schedule_html(fake, made_on=MADE_ON)


@pytest.fixture(scope="module")
def data(html: str) -> bytes:
    return html_to_docx(html)


class _BodyText(HTMLParser):
    """Every text node of the body, independently of the converter's own parser."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in {"head", "style"}

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in {"head", "style"}

    def handle_data(self, data: str) -> None:
        text = collapse(data)
        if text and not self._skip:
            self.texts.append(text)


def collapse(text: str) -> str:
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def html_texts(html: str) -> list[str]:
    parser = _BodyText()
    parser.feed(html)
    return parser.texts


def assert_in_order(texts: list[str], haystack: str) -> None:
    position = 0
    for text in texts:
        found = haystack.find(text, position)
        assert found >= 0, f"{text!r} missing or out of order after {haystack[max(0, position - 40) : position]!r}"
        position = found + len(text)


def test_every_text_of_the_html_is_in_the_docx_in_order(html: str, data: bytes) -> None:
    texts = html_texts(html)
    assert "合計金110万698円である。" in "".join(texts)  # the sample is what we think
    assert_in_order(texts, collapse(docx_text(data)))


def test_the_docx_text_is_the_pdf_text(html: str, data: bytes, tmp_path: Path) -> None:
    """Both files come from one HTML: pdftotext of the PDF holds every DOCX line, in order."""
    pdf = tmp_path / "schedule.pdf"
    pdf.write_bytes(render_pdf(html))
    pdf_text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    no_space = re.compile(r"\s+")
    lines = [no_space.sub("", cell) for line in docx_text(data).splitlines() for cell in line.split("\t")]
    assert_in_order([line for line in lines if line], no_space.sub("", pdf_text))


def test_lines_rows_and_headings(data: bytes) -> None:
    lines = docx_text(data).splitlines()
    assert lines[:3] == ["令和8年11月2日", "（別紙）", "損害一覧"]
    assert "請求者\t社会保険労務士 架空花子" in lines
    assert "③　利用料差額\t1,698円" in lines
    assert "計算式\t月額利用料 5,093円 × 10日 ÷ 30日 = 1,698円（円未満切捨て）" in lines
    assert "損害額合計\t1,100,698円" in lines
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings == [
        ("Heading 1", "損害一覧"),
        ("Heading 2", "第1　契約に定める損害賠償請求権"),
        ("Heading 2", "第2　不当利得返還請求権"),
        ("Heading 2", "合計"),
    ]
    title = document.styles["Heading 1"]
    assert title.font.size == Pt(16)
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.styles["Heading 2"].font.bold is True
    assert document.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # made-on


def test_amounts_are_right_aligned_cells_and_captions_are_not(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    cells: dict[str, _Cell] = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cells.setdefault(cell.text, cell)
    for amount in AMOUNTS:
        assert amount in cells, amount
        assert [p.alignment for p in cells[amount].paragraphs] == [WD_ALIGN_PARAGRAPH.RIGHT]
    assert cells["計算式"].paragraphs[0].alignment is None
    assert cells["損害額合計"].paragraphs[0].alignment is None
    # th is plain, except the head's title row (tr.title)
    assert cells["③　利用料差額"].paragraphs[0].runs[0].bold is True
    assert cells["計算式"].paragraphs[0].runs[0].bold is None


def test_tables_have_borders_except_the_parties(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    sides = [[edge.get(qn("w:val")) for edge in table._tbl.tblPr.find(qn("w:tblBorders"))] for table in document.tables]
    assert sides[0] == ["nil"] * 6  # table.parties
    assert all(edges == ["single"] * 6 for edges in sides[1:])
    border = document.tables[1]._tbl.tblPr.find(qn("w:tblBorders"))[0]
    assert border.get(qn("w:sz")) == "4"  # 0.5 pt
    # col.label 10 em, col.amount 9 em, the middle column takes the rest of the 157 mm line
    head = document.tables[2]
    assert [round(column.width.pt) for column in head.columns] == [120, 217, 108]


def page_mm(section: Section) -> dict[str, float]:
    names = ["page_width", "page_height", "top_margin", "left_margin", "bottom_margin", "right_margin"]
    lengths = {name: getattr(section, name) for name in names}
    assert all(isinstance(length, Length) for length in lengths.values())
    return {name: round(length.mm, 1) for name, length in lengths.items()}


def test_the_page_is_a4_with_the_filing_margins(data: bytes) -> None:
    page = page_mm(docx.Document(io.BytesIO(data)).sections[0])
    assert page == {
        "page_width": 210.0,  # A4 portrait
        "page_height": 297.0,
        "top_margin": 35.0,
        "left_margin": 30.0,
        "bottom_margin": 27.0,
        "right_margin": 23.0,
    }
    text_width = Mm(page["page_width"] - page["left_margin"] - page["right_margin"])
    assert text_width >= Pt(37 * 12)  # 37 characters of 12 pt fit on a line


def test_12pt_ipaex_mincho_with_the_east_asian_font_and_26_lines(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "IPAexMincho"
    assert fonts.get(qn("w:ascii")) == "IPAexMincho"
    assert normal.font.size == Pt(12)
    assert document.styles["Normal Table"].element.rPr.rFonts.get(qn("w:eastAsia")) == "IPAexMincho"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    pitch = normal.paragraph_format.line_spacing
    assert pitch == Twips(512)
    page = page_mm(document.sections[0])
    text_height = Mm(page["page_height"] - page["top_margin"] - page["bottom_margin"])
    assert 26 * pitch <= text_height < 27 * pitch  # 26 lines fill the page
    # no run overrides the font
    assert not document.element.body.xpath(".//w:r/w:rPr/w:rFonts")


def test_the_footer_numbers_the_pages(data: bytes) -> None:
    footer = docx.Document(io.BytesIO(data)).sections[0].footer
    assert not footer.is_linked_to_previous
    paragraph = footer.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [f.strip() for f in paragraph._p.xpath("./w:fldSimple/@w:instr")] == ["PAGE", "NUMPAGES"]
    assert paragraph.text == " / "  # between the two fields


def test_the_same_html_gives_the_same_bytes(html: str, data: bytes) -> None:
    assert html_to_docx(html) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.created == properties.modified == datetime(2000, 1, 1, tzinfo=UTC)
    assert properties.title == "損害一覧"


def test_made_at_is_the_documents_date(html: str, data: bytes) -> None:
    made_at = datetime(2026, 11, 2, 18, 30, tzinfo=timezone(timedelta(hours=9)))  # JST
    other = html_to_docx(html, made_at=made_at)
    assert other != data
    assert other == html_to_docx(html, made_at=made_at)
    assert docx_text(other) == docx_text(data)
    properties = docx.Document(io.BytesIO(other)).core_properties
    assert (
        properties.created == properties.modified == properties.last_printed == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    )


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: the Word-compatibility check by DOCX->PDF conversion is skipped",
)
def test_libreoffice_opens_it_and_prints_the_text(data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "schedule.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    pdf_text = subprocess.run(
        ["pdftotext", "-raw", str(tmp_path / "schedule.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", pdf_text)
    for text in ["損害一覧", "社会保険労務士架空花子", "第1契約に定める損害賠償請求権", *AMOUNTS, "1/"]:
        assert re.sub(r"\s+", "", text) in flat, text
