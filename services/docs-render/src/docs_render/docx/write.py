"""The block tree → a DOCX with python-docx, saved with fixed dates so the same HTML gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import NamedTuple

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from docs_render.docx.layout import FONT_SIZE_PT, TEXT_WIDTH_PT
from docs_render.docx.model import Block, Cell, Document, PageBreak, Paragraph, Table
from docs_render.docx.template import set_up

DEFAULT_MADE_AT = datetime(2000, 1, 1, tzinfo=UTC)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
ALIGNMENTS = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
CELL_MARGINS_PT = 2 * 108 / 20  # Word's default cell margins (left + right), 108 twips each
MIN_COLUMN_PT = 2 * FONT_SIZE_PT
BORDER = {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"}  # 0.5 pt (sz in 1/8 pt)
NO_BORDER = {"w:val": "nil"}
TBLPR_AFTER_IND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption")
TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")

Container = DocxDocument | _Cell


def write_docx(document: Document, *, made_at: datetime | None = None) -> bytes:
    out = docx.Document()
    set_up(out, title=document.title)
    _Writer().blocks(out, document.blocks, width=TEXT_WIDTH_PT)
    _fix_core_properties(out, made_at or DEFAULT_MADE_AT)
    buffer = io.BytesIO()
    out.save(buffer)
    return _fixed_zip(buffer.getvalue())


class _Writer:
    def __init__(self) -> None:
        self._page_break = False  # a page break waits for the next paragraph

    def blocks(self, container: Container, blocks: list[Block], *, width: float) -> None:
        # A new cell holds one empty paragraph: the cell's first paragraph fills it.
        reuse = container.paragraphs[0] if isinstance(container, _Cell) else None
        for block in blocks:
            if isinstance(block, PageBreak):
                self._page_break = True
            elif isinstance(block, Paragraph):
                self.paragraph(reuse or container.add_paragraph(), block)
                reuse = None
            else:
                self.table(container, block, width=width)
                if isinstance(container, _Cell):
                    if reuse is not None:  # the table came first: no empty line above it
                        reuse._p.getparent().remove(reuse._p)
                        reuse = None
                else:
                    # Word joins tables that touch; a blank line keeps them apart (filing.css: table margin).
                    container.add_paragraph()

    def paragraph(self, p: DocxParagraph, block: Paragraph) -> None:
        if block.heading:
            p.style = f"Heading {block.heading}"
        fmt = p.paragraph_format
        if block.align in ALIGNMENTS:
            fmt.alignment = ALIGNMENTS[block.align]
        left = block.indent + (1 if block.hanging else 0)
        if left:
            fmt.left_indent = Pt(left * FONT_SIZE_PT)
        if block.hanging:
            fmt.first_line_indent = Pt(-FONT_SIZE_PT)
        if left or block.hanging:
            # Word's Japanese UI shows these as 「字」.
            ind = p._p.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:leftChars"), str(left * 100))
            if block.hanging:
                ind.set(qn("w:hangingChars"), "100")
        if self._page_break:
            fmt.page_break_before = True
            self._page_break = False
        for run in block.runs:
            r = p.add_run(run.text)  # "\n" becomes a line break, "\t" a tab
            if run.bold:
                r.bold = True
            if run.italic:
                r.italic = True
            if run.superscript:
                r.font.superscript = True

    def table(self, container: Container, block: Table, *, width: float) -> None:
        placements, n_rows, n_cols = _place(block)
        if not n_rows or not n_cols:
            return
        page_break, self._page_break = self._page_break, False
        available = max(width - block.indent * FONT_SIZE_PT, n_cols * MIN_COLUMN_PT)
        widths = _column_widths(block, placements, n_cols, available)
        table = container.add_table(n_rows, n_cols)
        _table_properties(table, block, sum(widths))
        for placed in placements:
            if placed.rowspan > 1 or placed.colspan > 1:
                last = table.cell(placed.row + placed.rowspan - 1, placed.col + placed.colspan - 1)
                table.cell(placed.row, placed.col).merge(last)
        _cell_widths(table, widths)
        for placed in placements:
            inner = sum(widths[placed.col : placed.col + placed.colspan]) / 20 - CELL_MARGINS_PT
            self.blocks(table.cell(placed.row, placed.col), placed.cell.blocks, width=inner)
        for tr, row in zip(table._tbl.tr_lst, block.rows, strict=True):
            trPr = tr.get_or_add_trPr()
            trPr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages (filing.css)
            if row.header:
                trPr.append(OxmlElement("w:tblHeader"))  # repeated on each page, as <thead> in the PDF
            if row.keep_with_next:
                for p in tr.xpath(".//w:p"):
                    DocxParagraph(p, table).paragraph_format.keep_with_next = True
        if page_break:
            table.cell(0, 0).paragraphs[0].paragraph_format.page_break_before = True


class _Placed(NamedTuple):
    row: int
    col: int
    rowspan: int
    colspan: int
    cell: Cell


def _place(table: Table) -> tuple[list[_Placed], int, int]:
    """HTML's table layout: each cell at (row, column), skipping slots taken by rowspans from above."""
    n_rows = len(table.rows)
    taken: set[tuple[int, int]] = set()
    placements: list[_Placed] = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            rowspan = min(cell.rowspan, n_rows - r)
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(cell.colspan))
            placements.append(_Placed(r, c, rowspan, cell.colspan, cell))
            c += cell.colspan
    n_cols = max((c + 1 for _, c in taken), default=0)
    return placements, n_rows, n_cols


def _column_widths(table: Table, placements: list[_Placed], n_cols: int, available: float) -> list[int]:
    """Twips: widths from <col>, else from the first one-column cell with a hint; the rest share what is left.
    The table is as wide as the text (filing.css: width 100%)."""
    points: list[float | None] = (table.columns + [None] * n_cols)[:n_cols]
    for placed in placements:
        if placed.colspan == 1 and points[placed.col] is None and placed.cell.width is not None:
            points[placed.col] = placed.cell.width
    free = [i for i, width in enumerate(points) if width is None]
    fixed = sum(width for width in points if width is not None)
    share = max((available - fixed) / len(free), MIN_COLUMN_PT) if free else 0.0
    filled = [share if width is None else width for width in points]
    scale = available / sum(filled)
    twips = [round(width * scale * 20) for width in filled]
    twips[-1] += round(available * 20) - sum(twips)  # rounding: the columns add up to the table width
    return twips


def _table_properties(table: DocxTable, block: Table, width_twips: int) -> None:
    table.autofit = False  # fixed layout: Word keeps the column widths
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is not None:
        tblW.set(qn("w:type"), "dxa")
        tblW.set(qn("w:w"), str(width_twips))
    if block.indent:
        ind = OxmlElement(
            "w:tblInd", attrs={qn("w:w"): str(round(block.indent * FONT_SIZE_PT * 20)), qn("w:type"): "dxa"}
        )
        tblPr.insert_element_before(ind, *TBLPR_AFTER_IND)
    borders = OxmlElement("w:tblBorders")
    line = BORDER if block.borders else NO_BORDER
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(OxmlElement(f"w:{side}", attrs={qn(name): value for name, value in line.items()}))
    tblPr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def _cell_widths(table: DocxTable, widths: list[int]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
    for tr in table._tbl.tr_lst:
        col = 0
        for tc in tr.tc_lst:
            tc.width = Twips(sum(widths[col : col + tc.grid_span]))
            col += tc.grid_span


def _fix_core_properties(document: DocxDocument, made_at: datetime) -> None:
    """python-docx would stamp nothing but its template's values; make them ours and fixed."""
    made_at = made_at.astimezone(UTC).replace(tzinfo=None) if made_at.tzinfo else made_at
    props = document.core_properties
    props.created = props.modified = props.last_printed = made_at
    props.author = props.last_modified_by = "bengodan docs-render"
    props.comments = ""
    props.revision = 1


def _fixed_zip(data: bytes) -> bytes:
    """The same entries in the same order, with a fixed date: zipfile stamps each entry with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, source.read(entry))
    return out.getvalue()
