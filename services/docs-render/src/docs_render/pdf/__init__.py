"""HTML → PDF with WeasyPrint: A4 filing layout, a Japanese Mincho font, and no access outside our assets."""

from docs_render.pdf.fonts import MINCHO_FAMILIES, MissingFontError, require_mincho_font
from docs_render.pdf.render import (
    TEMPLATES_DIR,
    RenderError,
    SafeURLFetcher,
    merge_pdfs,
    render_pdf,
    render_pdf_set,
    require_pdf_tools,
)

__all__ = [
    "MINCHO_FAMILIES",
    "TEMPLATES_DIR",
    "MissingFontError",
    "RenderError",
    "SafeURLFetcher",
    "merge_pdfs",
    "render_pdf",
    "render_pdf_set",
    "require_mincho_font",
    "require_pdf_tools",
]
