"""The documents docs-render can make, and in which formats (docs_render.filings lays them out)."""

from __future__ import annotations

from typing import Literal, get_args

DocumentKind = Literal[
    "complaint-bundle",
    "complaint",
    "claim-table",
    "party-list",
    "damage-schedule",
    "evidence-list",
    "engagement-contract",
    "power-of-attorney",
    "mediation-petition",
    "mints-package",
    "breach-notice-letter",  # DOCX for one recipient only (RenderCreate)
    "public-notice",
]
# Several documents in one file, each in one format only; every other document is one file, PDF or DOCX.
PACKAGES = {"complaint-bundle": "pdf", "mints-package": "zip"}
# (document, format) pairs that can be rendered; RenderCreate refuses every other pair.
AVAILABLE: frozenset[tuple[str, str]] = frozenset(
    {
        (document, file_format)
        for document in get_args(DocumentKind)
        if document not in PACKAGES
        for file_format in ("pdf", "docx")
    }
    | set(PACKAGES.items())
)
