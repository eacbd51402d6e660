"""The block tree between the HTML parser and the DOCX writer: paragraphs of runs, tables of cells, page breaks.

Indents are in characters of the 12 pt body font (1 character = 12 pt), as the filing rules count them; table
column widths are in points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


class UnsupportedMarkup(ValueError):
    """The HTML holds markup outside the subset the DOCX writer knows; the message names the tag."""

    def __init__(self, tag: str, reason: str = "is not supported by the DOCX converter") -> None:
        self.tag = tag
        super().__init__(f"<{tag}> {reason}")


Align = Literal["left", "center", "right"]


@dataclass
class Run:
    """Text of one formatting; `text` may hold "\n" (a line break in the paragraph) and "\t"."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    heading: int = 0  # 1-4 for h1-h4, 0 for body text
    align: Align = "left"
    indent: int = 0  # left indent, in characters
    hanging: bool = False  # first line one character left of the other lines

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Cell:
    blocks: list[Block] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    width: float | None = None  # points; a hint for the column the cell starts in


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)
    header: bool = False  # in <thead>: repeated at the top of each page
    keep_with_next: bool = False  # tr.title: never the last row on a page


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    columns: list[float | None] = field(default_factory=list)  # widths from <col>, in points
    borders: bool = True
    indent: int = 0  # characters


@dataclass
class PageBreak:
    """<div class="page-break">: what follows starts a new page."""


Block = Paragraph | Table | PageBreak


@dataclass
class Document:
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
