"""The filing page and styles on a new python-docx document: A4, margins, 12 pt IPAexMincho (with the East-Asian
font set, which python-docx's font.name does not do), exact line pitch for 26 lines, headings, page numbers."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, Twips
from docx.styles.style import BaseStyle

from docs_render.docx.layout import (
    FONT,
    FONT_SIZE_PT,
    FOOTER_DISTANCE_MM,
    FOOTER_SIZE_PT,
    LINE_PITCH_TWIPS,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    TITLE_SIZE_PT,
)

FONT_ATTRIBUTES = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# h1 is the title, centred; h2 (第1) is bold; h3 (1) and h4 ((1)) are plain 12 pt.
HEADING_SIZES = {1: TITLE_SIZE_PT, 2: FONT_SIZE_PT, 3: FONT_SIZE_PT, 4: FONT_SIZE_PT}
TITLE_LETTER_SPACING_TWIPS = 120  # 0.5 em of 12 pt, as filing.css spaces the h1
# The children of w:rPr that follow w:spacing (ECMA-376 order; python-docx has no accessor for w:spacing).
RPR_AFTER_SPACING = (
    *("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd"),
    *("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
)


def set_up(document: DocxDocument, *, title: str) -> None:
    _page(document)
    _defaults(document)
    _styles(document)
    _footer(document)
    _drop_thumbnail(document)
    document.core_properties.title = title


def set_fonts(rPr: BaseOxmlElement) -> None:
    """IPAexMincho for every script, replacing the template's theme fonts (which would win over a name)."""
    assert isinstance(rPr, CT_RPr)
    rFonts = rPr.get_or_add_rFonts()
    for name in THEME_FONT_ATTRIBUTES:
        rFonts.attrib.pop(qn(name), None)
    for name in FONT_ATTRIBUTES:
        rFonts.set(qn(name), FONT)


def _page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.gutter = Mm(0)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    # The line grid Word shows in ページ設定 (行数 26); the exact line spacing below keeps to it.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _defaults(document: DocxDocument) -> None:
    """docDefaults and Normal: 12 pt IPAexMincho, Japanese, no space between paragraphs, exact line pitch."""
    styles = document.styles.element
    rPr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert isinstance(rPr, CT_RPr)
    set_fonts(rPr)
    rPr.get_or_add_sz().val = Pt(FONT_SIZE_PT)
    rPr.remove_all("w:szCs")
    lang = rPr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "ja-JP")
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(LINE_PITCH_TWIPS))
        spacing.set(qn("w:lineRule"), "exact")

    normal = document.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(FONT_SIZE_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    # Table text is Normal text; the table style carries the fonts too, for editors that read it first.
    set_fonts(document.styles["Normal Table"].element.get_or_add_rPr())


def _styles(document: DocxDocument) -> None:
    """Word's Heading 1-4 (so the outline and navigation pane work) without the template's blue theme look."""
    for level, size in HEADING_SIZES.items():
        for name in (f"Heading {level}", f"Heading {level} Char"):
            _plain(document.styles[name], size=size, bold=level == 2)
        fmt = document.styles[f"Heading {level}"].paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.keep_with_next = True
        if level == 1:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_rPr = document.styles["Heading 1"].element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing", attrs={qn("w:val"): str(TITLE_LETTER_SPACING_TWIPS)})
    title_rPr.insert_element_before(spacing, *RPR_AFTER_SPACING)


def _plain(style: BaseStyle, *, size: float, bold: bool) -> None:
    rPr = style.element.get_or_add_rPr()
    set_fonts(rPr)
    rPr.remove_all("w:color", "w:bCs", "w:iCs", "w:szCs")
    font = style.font  # type: ignore[attr-defined]
    font.bold = bold
    font.italic = False
    font.size = Pt(size)


def _footer(document: DocxDocument) -> None:
    """「n / N」 centred in the bottom margin, as the PDF prints it (PAGE and NUMPAGES fields)."""
    style = document.styles["Footer"]
    style.font.size = Pt(FOOTER_SIZE_PT)
    style.paragraph_format.line_spacing = 1.0
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(_field("PAGE"))
    paragraph.add_run(" / ")
    paragraph._p.append(_field("NUMPAGES"))


def _field(instruction: str) -> BaseOxmlElement:
    """A simple field with "1" as its cached result, for readers that do not compute fields."""
    field = OxmlElement("w:fldSimple", attrs={qn("w:instr"): f" {instruction} "})
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


def _drop_thumbnail(document: DocxDocument) -> None:
    """python-docx's template carries a thumbnail of some other page; file browsers would show it."""
    rels = document.part.package.rels
    for rId in [rId for rId, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        rels.pop(rId)
