"""Each document's HTML function by builder name, and the rendering of a plan's part (in a render process)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from docs_render.docx import html_to_docx
from docs_render.filings import claimant, notice, proceeding
from docs_render.pdf import render_pdf_set
from docs_render.pdf.slices import LongDocument, render_long_pdf

HtmlBuilder = Callable[..., str]

HTML_BUILDERS: dict[str, HtmlBuilder] = {
    "complaint": proceeding.complaint_html,
    "claim-table": proceeding.claim_table_html,
    "party-list": proceeding.party_list_html,
    "mediation-petition": proceeding.mediation_petition_html,
    "damage-schedule": claimant.damage_schedule_html,
    "evidence-list": claimant.evidence_list_html,
    "engagement-contract": claimant.engagement_contract_html,
    "power-of-attorney": claimant.power_of_attorney_html,
    "breach-notice-letter": notice.breach_notice_letter_html,
    "public-notice": notice.public_notice_html,
}


# Documents that may run to hundreds of pages, laid out a slice at a time in PDF (docs_render.pdf.slices).
LONG_DOCUMENTS: dict[str, Callable[..., LongDocument]] = {
    "claim-table": proceeding.claim_table_document,
    "party-list": proceeding.party_list_document,
}


def part_html(builder: str, calls: list[dict[str, Any]], made_on: date) -> list[str]:
    html = HTML_BUILDERS[builder]
    return [html(**call, made_on=made_on) for call in calls]


def render_part(builder: str, calls: list[dict[str, Any]], made_on: date, file_format: str) -> bytes:
    """The part as PDF (its documents each laid out with its own page numbers, in one file) or DOCX."""
    if file_format == "pdf" and builder in LONG_DOCUMENTS and len(calls) == 1:
        return render_long_pdf(LONG_DOCUMENTS[builder](**calls[0], made_on=made_on))
    htmls = part_html(builder, calls, made_on)
    if file_format == "docx":
        if len(htmls) != 1:
            raise ValueError("a DOCX holds one document")
        return html_to_docx(htmls[0])
    return render_pdf_set(htmls)
