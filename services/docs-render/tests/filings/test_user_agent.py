"""The lean user-agent stylesheet (pdf/user_agent.css) lays out every document exactly as WeasyPrint's own: each
word at the same position on the same page."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from weasyprint import HTML

from docs_render.filings.claimant import (
    damage_schedule_html,
    engagement_contract_html,
    evidence_list_html,
    power_of_attorney_html,
)
from docs_render.filings.notice import breach_notice_letter_html, public_notice_html
from docs_render.filings.proceeding import (
    claim_table_html,
    complaint_html,
    mediation_petition_html,
    party_list_html,
)
from docs_render.pdf import render as render_module
from docs_render.pdf import render_pdf

from . import claimant_data, notice_data, proceeding_data

DOCUMENTS: dict[str, Callable[[], str]] = {
    "complaint": lambda: complaint_html(
        proceeding_data.parties(5),
        proceeding_data.settings(),
        proceeding_data.claim_table(5),
        proceeding_data.filing_fee(5),
        proceeding_data.exhibits(),
        made_on=proceeding_data.MADE_ON,
    ),
    "claim-table": lambda: claim_table_html(
        proceeding_data.parties(30), proceeding_data.claim_table(30), made_on=proceeding_data.MADE_ON
    ),
    "party-list": lambda: party_list_html(
        proceeding_data.parties(8), proceeding_data.settings(), made_on=proceeding_data.MADE_ON
    ),
    "mediation-petition": lambda: mediation_petition_html(
        proceeding_data.parties(3, "mediation"),
        proceeding_data.settings(),
        proceeding_data.claim_table(3, "mediation"),
        proceeding_data.filing_fee(3, "mediation"),
        made_on=proceeding_data.MADE_ON,
        exhibits=proceeding_data.exhibits(),
    ),
    "damage-schedule": lambda: damage_schedule_html(
        claimant_data.schedule_entry(), claimant_data.CASE, claimant_data.LAWSUIT, made_on=claimant_data.MADE_ON
    ),
    "evidence-list": lambda: evidence_list_html(
        claimant_data.exhibits(),
        claimant_data.CASE,
        claimant_data.LAWSUIT,
        "原告　架空花子ほか2名",
        claimant_data.SETTINGS,
        made_on=claimant_data.MADE_ON,
    ),
    "engagement-contract": lambda: engagement_contract_html(
        claimant_data.CORPORATION, claimant_data.CASE, claimant_data.SETTINGS, made_on=claimant_data.MADE_ON
    ),
    "power-of-attorney": lambda: power_of_attorney_html(
        claimant_data.INDIVIDUAL,
        claimant_data.CASE,
        claimant_data.LAWSUIT,
        claimant_data.SETTINGS,
        made_on=claimant_data.MADE_ON,
    ),
    "breach-notice-letter": lambda: breach_notice_letter_html(
        notice_data.notice(), notice_data.person(notice_data.TARO), made_on=notice_data.MADE_ON
    ),
    "public-notice": lambda: public_notice_html(notice_data.notice(), made_on=notice_data.MADE_ON),
}


def word_boxes(pdf: bytes) -> str:
    """Every word with its box (pdftotext -bbox): pages, positions and text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_lean_user_agent_stylesheet_lays_out_like_weasyprint_s_own(
    document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = DOCUMENTS[document]()
    lean = word_boxes(render_pdf(html))
    monkeypatch.setattr(render_module._FilingHTML, "_ua_stylesheets", HTML._ua_stylesheets)
    weasyprint_s_own = word_boxes(render_pdf(html))
    assert lean.count("<word ") > 40
    assert lean == weasyprint_s_own
