"""The HTML subset of the filing templates, tag by tag and class by class; anything else is refused by name."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from docs_render.docx import UnsupportedMarkup, docx_text, html_to_docx


def convert(body: str) -> DocxDocument:
    return docx.Document(io.BytesIO(html_to_docx(f"<html><body>{body}</body></html>")))


def text_of(body: str) -> str:
    return docx_text(html_to_docx(f"<html><body>{body}</body></html>"))


@pytest.mark.parametrize(
    ("html", "tag"),
    [
        ('<p>写真 <img src="x.png"></p>', "img"),
        ("<script>alert(1)</script>", "script"),
        ("<head><script>x</script></head><p>本文</p>", "script"),
        ('<p><a href="https://example.jp">リンク</a></p>', "a"),
        ("<p><i>斜体</i></p>", "i"),
        ("<table><tfoot><tr><td>1</td></tr></tfoot></table>", "tfoot"),
        ("<p><u>下線</u></p>", "u"),
    ],
)
def test_markup_outside_the_subset_is_refused_by_name(html: str, tag: str) -> None:
    with pytest.raises(UnsupportedMarkup, match=f"<{tag}>") as raised:
        html_to_docx(html)
    assert raised.value.tag == tag


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<table><tr>金額</tr></table>", "holds text outside a cell"),
        ("<td>1</td>", "at the top level"),
        ("<table><tr><p>1</p></tr></table>", "directly inside <tr>"),
        ("<p>本文</div>", "never opened"),
    ],
)
def test_misplaced_markup_is_refused(html: str, message: str) -> None:
    with pytest.raises(UnsupportedMarkup, match=message):
        html_to_docx(html)


def test_head_title_meta_link_and_style_are_skipped() -> None:
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>訴状</title><link rel="stylesheet" href="a.css">'
        "<style>p { color: red }</style></head><body><style>h1 {}</style><p>本文</p><!-- 注記 --></body></html>"
    )
    data = html_to_docx(html)
    assert docx_text(data) == "本文"
    assert docx.Document(io.BytesIO(data)).core_properties.title == "訴状"


def test_whitespace_collapses_and_entities_are_decoded() -> None:
    assert text_of("<p>\n  申立人\n   代理人 <strong> 弁護士 </strong>  甲野&amp;乙野&nbsp;法律事務所 \n</p>") == (
        "申立人 代理人 弁護士 甲野&乙野\u00a0法律事務所"
    )
    assert text_of("<div>\n  <p>一</p>\n  <p>二</p>\n</div>") == "一\n二"
    assert text_of("<p>全角\u3000空白</p>") == "全角\u3000空白"  # only ASCII whitespace collapses


def test_br_is_a_line_break_in_the_same_paragraph() -> None:
    document = convert("<p>大阪府大阪市北区<br>\n  梅田一丁目1番1号<br></p><p><br></p>")
    assert [p.text for p in document.paragraphs] == ["大阪府大阪市北区\n梅田一丁目1番1号", ""]
    assert len(document.paragraphs[0]._p.xpath(".//w:br")) == 1  # a final <br> adds no line, as in HTML


def test_class_text_keeps_newlines_and_spaces() -> None:
    document = convert('<table><tr><th>計算式</th><td class="text">月額 5,093円\n  × 10日 ÷ 30日</td></tr></table>')
    cell = document.tables[0].cell(0, 1)
    assert cell.text == "月額 5,093円\n  × 10日 ÷ 30日"
    assert len(cell.paragraphs) == 1
    assert len(cell.paragraphs[0]._p.xpath(".//w:br")) == 1
    assert text_of('<p class="pre">a\n\nb</p>') == "a\n\nb"


def test_inline_formatting() -> None:
    runs = (
        convert("<p>通常<strong>太字</strong><b>太字</b><em>強調</em>注<sup>1</sup><span>続き</span></p>")
        .paragraphs[0]
        .runs
    )
    assert [(r.text, r.bold, r.italic, r.font.superscript) for r in runs] == [
        ("通常", None, None, None),
        ("太字太字", True, None, None),
        ("強調", None, True, None),
        ("注", None, None, None),
        ("1", None, None, True),
        ("続き", None, None, None),
    ]


@pytest.mark.parametrize(
    ("css_class", "alignment"),
    [
        ("right", WD_ALIGN_PARAGRAPH.RIGHT),
        ("made-on", WD_ALIGN_PARAGRAPH.RIGHT),
        ("signature", WD_ALIGN_PARAGRAPH.RIGHT),
        ("center", WD_ALIGN_PARAGRAPH.CENTER),
        ("h1", WD_ALIGN_PARAGRAPH.CENTER),
        ("none", None),
        ("lead", None),
    ],
)
def test_alignment_classes(css_class: str, alignment: WD_ALIGN_PARAGRAPH | None) -> None:
    assert convert(f'<p class="{css_class}">文</p>').paragraphs[0].alignment == alignment
    assert convert(f'<div class="{css_class}"><p>文</p></div>').paragraphs[0].alignment == alignment


def test_indents_and_hanging_indent_in_characters() -> None:
    paragraphs = convert(
        '<p class="indent-2">二字下げ</p>'
        '<p class="indent-1 hanging">1　ぶら下げ</p>'
        '<div class="indent-1"><p class="indent-3">入れ子</p></div>'
        "<p>なし</p>"
    ).paragraphs
    formats = [(p.paragraph_format.left_indent, p.paragraph_format.first_line_indent) for p in paragraphs]
    assert formats == [(Pt(24), None), (Pt(24), Pt(-12)), (Pt(48), None), (None, None)]


def test_headings() -> None:
    document = convert("<h1>訴状</h1><h2>第1　請求の趣旨</h2><h3>1　本件事故</h3><h4>(1)　経緯</h4>")
    assert [(p.style.name if p.style else "", p.text) for p in document.paragraphs] == [
        ("Heading 1", "訴状"),
        ("Heading 2", "第1　請求の趣旨"),
        ("Heading 3", "1　本件事故"),
        ("Heading 4", "(1)　経緯"),
    ]
    sizes = [document.styles[f"Heading {n}"].font.size for n in range(1, 5)]
    assert sizes == [Pt(16), Pt(12), Pt(12), Pt(12)]
    assert [document.styles[f"Heading {n}"].font.bold for n in range(1, 5)] == [False, True, False, False]
    assert document.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    # no theme colour or theme font left from python-docx's template
    heading = document.styles["Heading 2"].element.rPr
    assert heading.color is None
    assert heading.rFonts.get(qn("w:eastAsiaTheme")) is None
    assert heading.rFonts.get(qn("w:eastAsia")) == "IPAexMincho"


def test_list_items_are_paragraphs_with_their_own_numbers() -> None:
    document = convert("<ol><li>1　第一</li><li>2　第二<li>3　第三</ol><ul><li>・点</li></ul>")
    assert [p.text for p in document.paragraphs] == ["1　第一", "2　第二", "3　第三", "・点"]
    assert not document.element.body.xpath(".//w:numPr")


def test_page_break_starts_the_next_paragraph_or_table_on_a_new_page() -> None:
    document = convert(
        '<p>一頁目</p><div class="page-break"></div><p>二頁目</p><hr>'
        '<div class="page-break"></div><table><tr><td>三頁目</td></tr></table>'
    )
    assert [p.paragraph_format.page_break_before for p in document.paragraphs[:2]] == [None, True]
    assert document.tables[0].cell(0, 0).paragraphs[0].paragraph_format.page_break_before is True
    assert docx_text(html_to_docx('<p>一</p><div class="page-break"></div><p>二</p>')) == "一\n二"


def test_colspan_rowspan_and_merged_text() -> None:
    document = convert(
        "<table>"
        '<tr><th colspan="2">①　人件費</th><td class="amount">0円</td></tr>'
        '<tr><th rowspan="2">内訳</th><td>計算式</td><td>a</td></tr>'
        "<tr><td>事実</td><td>b</td></tr>"
        "</table>"
    )
    table = document.tables[0]
    assert len(table.columns) == 3 and len(table.rows) == 3
    assert table.cell(0, 0).grid_span == 2
    assert table.cell(1, 0)._tc.vMerge == "restart"
    assert table.cell(2, 0)._tc is table.cell(1, 0)._tc  # one cell over both rows
    assert table.cell(2, 1).text == "事実"
    assert table.cell(0, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # docx_text reads a cell merged over rows once, in its first row
    assert text_of('<table><tr><th rowspan="2">内訳</th><td>計算式</td></tr><tr><td>事実</td></tr></table>') == (
        "内訳\t計算式\n事実"
    )


def test_th_is_plain_except_in_a_title_row_and_thead_repeats() -> None:
    table = convert(
        "<table><thead><tr><th>番号</th><th>標目</th></tr></thead>"
        '<tbody><tr class="title"><th>①</th><td>題</td></tr><tr><th>②</th><td>本文</td></tr></tbody></table>'
    ).tables[0]
    bold = [[run.bold for cell in row.cells for p in cell.paragraphs for run in p.runs] for row in table.rows]
    assert bold == [[None, None], [True, None], [None, None]]
    headers = [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in table.rows]
    assert headers == [True, False, False]


@pytest.mark.parametrize(("css_class", "border"), [("", "single"), ("plain", "nil"), ("parties", "nil")])
def test_table_borders(css_class: str, border: str) -> None:
    table = convert(f'<table class="{css_class}"><tr><td>a</td><td>b</td></tr></table>').tables[0]
    edges = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert [edge.get(qn("w:val")) for edge in edges] == [border] * 6


def test_column_widths_from_col_and_equal_shares_otherwise() -> None:
    document = convert(
        '<table><colgroup><col style="width: 40mm"><col><col class="amount"></colgroup>'
        "<tr><td>a</td><td>b</td><td>c</td></tr></table>"
        "<table><tr><td>a</td><td>b</td></tr></table>"
    )
    fixed, equal = document.tables
    assert round(fixed.columns[0].width.mm) == 40
    assert round(fixed.columns[2].width.pt) == 108  # 9 characters
    assert round(sum(c.width.mm for c in fixed.columns)) == 157  # the text width
    assert [round(c.width.mm, 1) for c in equal.columns] == [78.5, 78.5]


def test_tables_are_kept_apart_and_cells_hold_blocks() -> None:
    document = convert(
        "<table><tr><td><p>一</p><p>二</p></td></tr></table>"
        '<table><tr><td><table class="plain"><tr><td>内側</td></tr></table></td></tr></table>'
    )
    body = [child.tag.split("}")[1] for child in document.element.body]
    assert body[:4] == ["tbl", "p", "tbl", "p"]  # Word would join tables that touch
    first, second = document.tables
    assert [p.text for p in first.cell(0, 0).paragraphs] == ["一", "二"]
    assert second.cell(0, 0)._tc[1].tag == qn("w:tbl")  # no empty line above a table that opens a cell
    inner = second.cell(0, 0).tables[0]
    assert inner.cell(0, 0).text == "内側"


def test_an_empty_document_is_still_a_document() -> None:
    data = html_to_docx("")
    assert docx_text(data) == ""
    assert docx.Document(io.BytesIO(data)).sections[0].footer.paragraphs[0].text == " / "


def test_end_tags_html_lets_one_omit() -> None:
    document = convert(
        "<p>一<p>二<ul><li>三<li>四</ul>"
        '<table><colgroup><col style="width: 20mm"><col><tr><th>五<td>六<tr><th>七<td>八</table>'
    )
    assert [p.text for p in document.paragraphs] == ["一", "二", "三", "四", ""]
    # a short row is padded with an empty cell: Word tables are rectangular
    assert docx_text(html_to_docx("<table><tbody><tr><td>a<td>b<tbody><tr><td>c</table>")) == "a\tb\nc\t"
    table = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [["五", "六"], ["七", "八"]]
    assert round(table.columns[0].width.mm) == 20
