"""Long documents laid out a slice at a time: a 請求一覧 or 当事者目録 of 3,000 plaintiffs is hundreds of pages,
and WeasyPrint holds every page's boxes (with a native text layout per line) until the file is written: about
0.5 GB for one of them. In slices of a few hundred rows the layout stays near 40 MB, and the pages, their
breaks and their numbers are those of the whole document:

- each slice is laid out and its last page dropped, unless it ends the document: the units (rows, parties) on
  that page start the next slice, so every page but the last is as full as in one layout;
- the slices are laid out without page numbers; when all are written, the count is known and the numbers
  (「12 / 134」) are printed on a document of empty pages, laid over the joined slices by qpdf.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS
from weasyprint.document import Page

from docs_render.pdf.render import TEMPLATES_DIR, join_pdfs, lay_out, linked_stylesheets, render_pdf, write_pdf

# The data attribute that marks one unit's element (a <tr>, a party's block) with its index in the document.
UNIT_ATTRIBUTE = "data-unit"
_WITHOUT_PAGE_NUMBERS = CSS(string="@page { @bottom-center { content: none; } }")


@dataclass(frozen=True)
class LongDocument:
    """A document of many like units that can be laid out a slice at a time. `html(start, end)` prints units
    [start, end) (each element marked with `data-unit`), with the document's opening when start is 0 and its
    closing when end is `units`; `html(0, units)` is the whole document."""

    units: int
    per_slice: int
    html: Callable[[int, int], str]


def _units_on(page: Page) -> Iterator[int]:
    # WeasyPrint has no public way to the boxes of a laid-out page; `_page_box` is what Document.copy uses.
    for box in page._page_box.descendants():
        element = getattr(box, "element", None)
        if element is not None and (unit := element.get(UNIT_ATTRIBUTE)) is not None:
            yield int(unit)


def _cut(pages: list[Page], start: int, end: int) -> tuple[list[Page], int]:
    """The pages of a slice of units [start, end) to keep, and the unit the next slice starts with: the last
    page is dropped and its units laid out again with the next slice (so every page is filled as in one layout),
    unless a unit runs onto it from the page before (its first half would be lost) or it holds the slice's
    first unit (the next slice would be this one again)."""
    if len(pages) < 2:
        return pages, end
    on_last = next(_units_on(pages[-1]), None)
    if on_last is None:  # only the space after the slice's last unit
        return pages[:-1], end
    if on_last == start or on_last in set(_units_on(pages[-2])):
        return pages, end
    return pages[:-1], on_last


def render_long_pdf(document: LongDocument, *, base_dir: Path = TEMPLATES_DIR) -> bytes:
    """The document as one PDF, laid out a slice at a time (one slice when it is short)."""
    if document.units <= document.per_slice:
        return render_pdf(document.html(0, document.units), base_dir=base_dir)
    with tempfile.TemporaryDirectory(prefix="bengodan-slices-") as tmp:
        files: list[Path] = []
        stylesheets: list[str] = []
        page_count, start = 0, 0
        while start < document.units:
            size = document.per_slice
            while True:
                end = min(start + size, document.units)
                html = document.html(start, end)
                laid_out = lay_out(html, base_dir, extra_stylesheets=[_WITHOUT_PAGE_NUMBERS])
                if len(laid_out.pages) > 1 or end == document.units:
                    break
                size *= 2  # the slice fits on one page, which cannot be cut: more units at once
            stylesheets = stylesheets or linked_stylesheets(html)
            pages = laid_out.pages
            if end < document.units:
                pages, end = _cut(pages, start, end)
            path = Path(tmp) / f"{len(files):05d}.pdf"
            path.write_bytes(write_pdf(laid_out, pages))
            files.append(path)
            page_count += len(pages)
            start = end
            del laid_out, pages
        numbers = Path(tmp) / "numbers.pdf"
        numbers.write_bytes(_page_numbers(page_count, stylesheets, base_dir))
        return join_pdfs(files, Path(tmp) / "numbered.pdf", overlay=numbers)


def _page_numbers(pages: int, stylesheets: list[str], base_dir: Path) -> bytes:
    """`pages` empty pages of the document's page style, each with its number 「n / pages」 in the margin."""
    links = "".join(f'<link rel="stylesheet" href="{name}">' for name in stylesheets)
    breaks = '<div style="break-after: page"></div>' * (pages - 1)
    return render_pdf(f'<html lang="ja"><head>{links}</head><body>{breaks}<div></div></body></html>', base_dir=base_dir)
