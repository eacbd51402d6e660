"""The text of a DOCX in reading order, for tests that compare it with the HTML or with pdftotext of the PDF."""

from __future__ import annotations

import io
from collections.abc import Iterable

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph


def docx_text(data: bytes) -> str:
    """One line per non-empty paragraph (a line break inside a paragraph starts a new line); a table row is one
    line with its cells joined by tabs. A cell merged over several rows is read once, in its first row."""
    lines: list[str] = []
    _blocks(docx.Document(io.BytesIO(data)).iter_inner_content(), lines)
    return "\n".join(lines)


def _blocks(items: Iterable[Paragraph | Table], lines: list[str]) -> None:
    for item in items:
        if isinstance(item, Paragraph):
            if item.text:
                lines.append(item.text)
        else:
            for tr in item._tbl.tr_lst:
                cells: list[str] = []
                for tc in tr.tc_lst:
                    if tc.vMerge == "continue":
                        continue
                    cell_lines: list[str] = []
                    _blocks(_Cell(tc, item).iter_inner_content(), cell_lines)
                    cells.append("\n".join(cell_lines))
                lines.append("\t".join(cells))
