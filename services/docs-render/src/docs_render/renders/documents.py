"""The documents docs-render can make, and in which formats (docs_render.filings lays them out)."""

from __future__ import annotations

SINGLE_DOCUMENTS = (
    "complaint",
    "claim-table",
    "party-list",
    "damage-schedule",
    "evidence-list",
    "engagement-contract",
    "power-of-attorney",
    "mediation-petition",
    "breach-notice-letter",  # DOCX for one recipient only (RenderCreate)
    "public-notice",
)
# (document, format) pairs that can be rendered; RenderCreate refuses every other pair.
AVAILABLE: frozenset[tuple[str, str]] = frozenset(
    {(document, file_format) for document in SINGLE_DOCUMENTS for file_format in ("pdf", "docx")}
    | {("complaint-bundle", "pdf"), ("mints-package", "zip")}
)
