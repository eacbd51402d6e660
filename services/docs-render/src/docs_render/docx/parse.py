"""The HTML of our filing templates → the block tree of model.py, with the stdlib html.parser.

The subset (anything else raises UnsupportedMarkup naming the tag, so no text is silently lost):
- skipped with their content: head, title (kept as the document title), meta, link, style; comments, doctype
- blocks: h1 (title: centred, 16 pt), h2 (bold), h3, h4, p, div, ol/ul/li (li is a paragraph; the templates
  write the numbers), hr (ignored), br (a line break in the paragraph)
- tables: table, colgroup, col (width from style="width: 30mm|pt|em|%" or class label/amount), thead (rows
  repeat on each page), tbody, tr, th, td with colspan and rowspan
- inline: span, strong/b (bold), em (italic), sup
- classes: right, made-on, signature, amount → right-aligned; center, h1 → centred; indent-1…indent-4 → left
  indent of 1-4 characters (nested ones add up); hanging → first line one character out (the other lines one
  character in); page-break → what follows starts a new page; pre, text → newlines and spaces kept (CSS
  pre-wrap); table.plain, table.parties → no borders; tr.title → its th are bold. Other classes are ignored.

Whitespace collapses as in HTML (ASCII whitespace only: U+3000 and &nbsp; stay), except under class "pre" or
"text", where newlines become line breaks. The end tags HTML lets one omit (</p>, </li>, </td>, </tr>, ...) may be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docs_render.docx.layout import FONT_SIZE_PT, POINTS_PER_MM, TEXT_WIDTH_PT
from docs_render.docx.model import (
    Align,
    Block,
    Cell,
    Document,
    PageBreak,
    Paragraph,
    Row,
    Run,
    Table,
    UnsupportedMarkup,
)

SKIPPED = frozenset({"head", "title", "meta", "link", "style"})  # with everything inside them
STRUCTURE = frozenset({"html", "body"})
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
BLOCKS = frozenset({"p", "div", "ul", "ol", "li", *HEADINGS})
INLINE = frozenset({"span", "strong", "b", "em", "sup"})
CELLS = frozenset({"td", "th"})
TABLE_PARTS = frozenset({"table", "colgroup", "col", "thead", "tbody", "tr"}) | CELLS
VOID = frozenset({"br", "hr", "col", "meta", "link"})
# Which children each table part may hold (text in them must be whitespace).
TABLE_CHILDREN = {
    "table": frozenset({"colgroup", "col", "thead", "tbody", "tr"}),
    "colgroup": frozenset({"col"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tr": CELLS,
}
TABLE_PARENTS = {
    "colgroup": frozenset({"table"}),
    "col": frozenset({"table", "colgroup"}),
    "thead": frozenset({"table"}),
    "tbody": frozenset({"table"}),
    "tr": frozenset({"table", "thead", "tbody"}),
    "td": frozenset({"tr"}),
    "th": frozenset({"tr"}),
}

RIGHT_CLASSES = frozenset({"right", "made-on", "signature", "amount"})
CENTER_CLASSES = frozenset({"center", "h1"})
PRESERVE_CLASSES = frozenset({"pre", "text"})
BORDERLESS_TABLES = frozenset({"plain", "parties"})
INDENT_CLASSES = {f"indent-{n}": n for n in range(1, 5)}
# Column-width hints taken from filing.css, in characters (em of 12 pt): col.label, col.amount, td.amount,
# td.slot (the exhibit number), and the caption column of the parties table.
CLASS_WIDTHS = {"label": 10.0, "amount": 9.0, "slot": 9.0}
PARTIES_CAPTION_WIDTH = 6.0

WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses; not U+3000 or U+00A0
WIDTH_STYLE = re.compile(r"(?:^|;)\s*width\s*:\s*([0-9]*\.?[0-9]+)\s*(mm|cm|pt|px|em|%)\s*(?:;|$)", re.IGNORECASE)
UNIT_POINTS = {"mm": POINTS_PER_MM, "cm": 10 * POINTS_PER_MM, "pt": 1.0, "px": 0.75, "em": FONT_SIZE_PT}


def parse_html(html: str) -> Document:
    parser = _FilingParser()
    parser.feed(html)
    parser.close()
    return parser.document


@dataclass
class _Open:
    """An open element, and the model object it builds (for table parts)."""

    tag: str
    classes: frozenset[str]
    table: Table | None = None
    row: Row | None = None
    cell: Cell | None = None
    bold: bool = False


@dataclass
class _Piece:
    text: str
    bold: bool
    italic: bool
    superscript: bool
    collapsible: bool  # False for <br> and for text under class "pre"/"text"
    line_break: bool = False  # a <br>


@dataclass
class _Pending:
    """The paragraph being filled: its properties are fixed when its first content arrives."""

    paragraph: Paragraph
    pieces: list[_Piece] = field(default_factory=list)


class _FilingParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self._stack: list[_Open] = []
        self._skipping: list[str] = []  # open skipped elements (head, title, style)
        self._title: list[str] = []
        self._pending: _Pending | None = None

    # ---- tags ------------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        classes = frozenset(attributes.get("class", "").split())
        if self._skipping:
            if tag not in SKIPPED:
                raise UnsupportedMarkup(tag, f"inside <{self._skipping[0]}> is not supported by the DOCX converter")
            if tag not in VOID:
                self._skipping.append(tag)
            return
        if tag in SKIPPED:
            if tag not in VOID:
                self._skipping.append(tag)
            return
        if tag not in STRUCTURE | BLOCKS | INLINE | TABLE_PARTS | {"br", "hr"}:
            raise UnsupportedMarkup(tag)
        self._close_implied(tag)
        self._check_placement(tag)
        if tag == "br":
            self._add_piece("\n", collapsible=False, line_break=True)
        elif tag == "hr":
            self._flush()
        elif tag == "col":
            self._add_columns(attributes, classes)
        elif tag in TABLE_PARTS:
            self._flush()
            self._stack.append(self._open_table_part(tag, attributes, classes))
        else:
            if tag in BLOCKS or tag in STRUCTURE:
                self._flush()
                if "page-break" in classes:
                    self._container().append(PageBreak())
            self._stack.append(_Open(tag, classes, bold=tag in {"strong", "b", "h2"}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
                if tag == "title" and not any(t == "title" for t in self._skipping):
                    self.document.title = WHITESPACE.sub(" ", "".join(self._title)).strip()
            return
        if tag in VOID or tag in SKIPPED:
            return
        if tag not in STRUCTURE | BLOCKS | INLINE | TABLE_PARTS:
            raise UnsupportedMarkup(tag)
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].tag == tag:
                break
        else:
            raise UnsupportedMarkup(tag, "is closed but was never opened")
        if tag in INLINE:
            del self._stack[index:]
        else:
            self._close_from(index)

    def close(self) -> None:
        super().close()
        self._flush()
        self._stack.clear()

    # ---- text ------------------------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self._skipping:
            if self._skipping[-1] == "title":
                self._title.append(data)
            return
        if self._stack and self._stack[-1].tag in TABLE_CHILDREN:
            if WHITESPACE.sub("", data):
                raise UnsupportedMarkup(self._stack[-1].tag, f"holds text outside a cell: {data.strip()[:40]!r}")
            return
        if any(PRESERVE_CLASSES & el.classes for el in self._stack):
            self._add_piece(data.replace("\r\n", "\n").replace("\r", "\n"), collapsible=False)
        else:
            text = WHITESPACE.sub(" ", data)
            if text == " " and self._pending is None:
                return  # whitespace between blocks
            self._add_piece(text, collapsible=True)

    def _add_piece(self, text: str, *, collapsible: bool, line_break: bool = False) -> None:
        if self._pending is None:
            self._pending = _Pending(self._new_paragraph())
        self._pending.pieces.append(
            _Piece(
                text,
                bold=any(el.bold for el in self._stack),
                italic=any(el.tag == "em" for el in self._stack),
                superscript=any(el.tag == "sup" for el in self._stack),
                collapsible=collapsible,
                line_break=line_break,
            )
        )

    def _new_paragraph(self) -> Paragraph:
        """A paragraph whose properties come from the open block elements, up to the enclosing cell."""
        paragraph = Paragraph()
        align: Align | None = None
        for el in reversed(self._stack):
            if el.tag in INLINE:
                continue
            if not paragraph.heading and el.tag in HEADINGS:
                paragraph.heading = HEADINGS[el.tag]
            if align is None:
                align = _align(el)
            paragraph.indent += _indent(el.classes)
            paragraph.hanging = paragraph.hanging or "hanging" in el.classes
            if el.tag in CELLS:
                break
        paragraph.align = align or "left"
        return paragraph

    def _flush(self) -> None:
        """End the paragraph being filled (at every block boundary)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        runs = _runs(pending.pieces)
        if runs is None:
            return
        pending.paragraph.runs = runs
        self._container().append(pending.paragraph)

    # ---- structure -------------------------------------------------------------------------------------

    def _container(self) -> list[Block]:
        for el in reversed(self._stack):
            if el.cell is not None:
                return el.cell.blocks
        return self.document.blocks

    def _innermost(self, *tags: str) -> _Open | None:
        for el in reversed(self._stack):
            if el.tag in tags:
                return el
        return None

    def _close_implied(self, tag: str) -> None:
        """The end tags HTML lets templates omit: </p> before a block, </li>, </td>, </th>, </tr>, </tbody>,
        </colgroup>."""
        if tag != "col" and self._stack and self._stack[-1].tag == "colgroup":
            self._stack.pop()
        if tag in BLOCKS or tag in {"table", "hr"}:
            if self._stack and self._stack[-1].tag == "p":
                self._close_from(len(self._stack) - 1)
            if tag == "li":
                self._close_innermost(close={"li"}, stop={"ul", "ol", "table", "td", "th"})
        elif tag in CELLS:
            self._close_innermost(close=CELLS, stop={"tr", "table"})
        elif tag == "tr":
            self._close_innermost(close={"tr"}, stop={"table"})
        elif tag in {"thead", "tbody"}:
            self._close_innermost(close={"thead", "tbody"}, stop={"table"})

    def _close_innermost(self, *, close: set[str] | frozenset[str], stop: set[str]) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].tag in close:
                self._close_from(index)
                return
            if self._stack[index].tag in stop:
                return

    def _close_from(self, index: int) -> None:
        self._flush()
        del self._stack[index:]

    def _check_placement(self, tag: str) -> None:
        parent = self._stack[-1].tag if self._stack else None
        if parent in TABLE_CHILDREN and tag not in TABLE_CHILDREN[parent]:
            raise UnsupportedMarkup(tag, f"directly inside <{parent}> is not supported (only in a cell)")
        if tag in TABLE_PARENTS and parent not in TABLE_PARENTS[tag]:
            where = f"inside <{parent}>" if parent else "at the top level"
            raise UnsupportedMarkup(tag, f"{where} is not supported (expected inside {sorted(TABLE_PARENTS[tag])})")

    def _open_table_part(self, tag: str, attributes: dict[str, str], classes: frozenset[str]) -> _Open:
        if tag == "table":
            indent = 0
            for el in reversed(self._stack):
                if el.tag in CELLS:
                    break
                if el.tag not in INLINE:
                    indent += _indent(el.classes)
            table = Table(borders=not (BORDERLESS_TABLES & classes), indent=indent)
            self._container().append(table)
            return _Open(tag, classes, table=table)
        table_el = self._innermost("table")
        assert table_el is not None and table_el.table is not None  # _check_placement
        if tag == "tr":
            row = Row(header=self._stack[-1].tag == "thead", keep_with_next="title" in classes)
            table_el.table.rows.append(row)
            return _Open(tag, classes, row=row)
        if tag in CELLS:
            row_el = self._innermost("tr")
            assert row_el is not None and row_el.row is not None
            cell = Cell(
                colspan=_span(attributes.get("colspan")),
                rowspan=_span(attributes.get("rowspan")),
                width=_width(attributes, classes),
            )
            if cell.width is None and tag == "th" and "parties" in table_el.classes:
                cell.width = PARTIES_CAPTION_WIDTH * FONT_SIZE_PT
            row_el.row.cells.append(cell)
            return _Open(tag, classes, cell=cell, bold=tag == "th" and "title" in row_el.classes)
        return _Open(tag, classes)  # colgroup, thead, tbody

    def _add_columns(self, attributes: dict[str, str], classes: frozenset[str]) -> None:
        table_el = self._innermost("table")
        assert table_el is not None and table_el.table is not None  # _check_placement
        width = _width(attributes, classes)
        table_el.table.columns.extend([width] * _span(attributes.get("span")))


# ---- helpers ---------------------------------------------------------------------------------------------


def _align(el: _Open) -> Align | None:
    if RIGHT_CLASSES & el.classes:
        return "right"
    if CENTER_CLASSES & el.classes or el.tag == "h1":
        return "center"
    return None


def _indent(classes: frozenset[str]) -> int:
    return sum(INDENT_CLASSES.get(name, 0) for name in classes)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _width(attributes: dict[str, str], classes: frozenset[str]) -> float | None:
    """Points, from style="width: 40mm" (mm, cm, pt, px, em, %) or a class of filing.css."""
    match = WIDTH_STYLE.search(attributes.get("style", ""))
    if match:
        value, unit = float(match.group(1)), match.group(2).lower()
        return value * TEXT_WIDTH_PT / 100 if unit == "%" else value * UNIT_POINTS[unit]
    for name in sorted(classes):
        if name in CLASS_WIDTHS:
            return CLASS_WIDTHS[name] * FONT_SIZE_PT
    return None


def _runs(pieces: list[_Piece]) -> list[Run] | None:
    """Collapse whitespace across the pieces as HTML does; None when the paragraph would be invisible."""
    kept: list[_Piece] = []
    after_space = True  # at the start of a line, collapsible spaces vanish
    for piece in pieces:
        text = piece.text
        if piece.collapsible and after_space:
            text = text.lstrip(" ")
        if not text:
            continue
        kept.append(_Piece(text, piece.bold, piece.italic, piece.superscript, piece.collapsible, piece.line_break))
        after_space = text.endswith("\n") or (piece.collapsible and text.endswith(" "))
    # Spaces before a line break or the end of the paragraph vanish too.
    at_line_end = True
    for piece in reversed(kept):
        if piece.line_break:
            at_line_end = True
        elif piece.collapsible and at_line_end:
            piece.text = piece.text.rstrip(" ")
            at_line_end = not piece.text
        else:
            at_line_end = False
    kept = [piece for piece in kept if piece.text]
    had_break = any(piece.line_break for piece in pieces)
    # One line break at the very end adds no line (as in HTML); a paragraph of just <br> is one empty line.
    if kept and kept[-1].text.endswith("\n"):
        kept[-1].text = kept[-1].text[:-1]
        if not kept[-1].text:
            kept.pop()
    if not kept:
        return [] if had_break else None
    runs: list[Run] = []
    for piece in kept:
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.superscript) == (piece.bold, piece.italic, piece.superscript):
            last.text += piece.text
        else:
            runs.append(Run(piece.text, piece.bold, piece.italic, piece.superscript))
    return runs
