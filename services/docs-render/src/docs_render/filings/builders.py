"""Each document's HTML function by builder name, and the rendering of a plan's part (in a render process)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from docs_render.docx import html_to_docx
from docs_render.filings import claimant, notice, proceeding
from docs_render.pdf import render_pdf_set

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


def part_html(builder: str, calls: list[dict[str, Any]], made_on: date) -> list[str]:
    html = HTML_BUILDERS[builder]
    return [html(**call, made_on=made_on) for call in calls]


def render_part(builder: str, calls: list[dict[str, Any]], made_on: date, file_format: str) -> bytes:
    """The part as PDF (its documents each laid out with its own page numbers, in one file) or DOCX."""
    htmls = part_html(builder, calls, made_on)
    if file_format == "docx":
        if len(htmls) != 1:
            raise ValueError("a DOCX holds one document")
        return html_to_docx(htmls[0])
    return render_pdf_set(htmls)
