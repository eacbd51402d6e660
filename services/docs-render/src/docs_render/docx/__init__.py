"""HTML of the filing templates → DOCX (python-docx), so the DOCX and the PDF are made from one rendered HTML and
carry the same text.

    html_to_docx(html, made_at=None) -> bytes    raises UnsupportedMarkup for markup outside the subset
    docx_text(data) -> str                       the text, in order, for comparisons in tests

The subset, and how each part is laid out, is described in parse.py (HTML) and template.py (page and styles).
"""

from __future__ import annotations

from datetime import datetime

from docs_render.docx.model import UnsupportedMarkup
from docs_render.docx.parse import parse_html
from docs_render.docx.text import docx_text
from docs_render.docx.write import DEFAULT_MADE_AT, write_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def html_to_docx(html: str, *, made_at: datetime | None = None) -> bytes:
    """The DOCX of a filing rendered as HTML; the same HTML and `made_at` give the same bytes.

    `made_at` is written as the document's created/modified/printed dates (default 2000-01-01 UTC).
    """
    return write_docx(parse_html(html), made_at=made_at)


__all__ = ["DEFAULT_MADE_AT", "DOCX", "UnsupportedMarkup", "docx_text", "html_to_docx"]
