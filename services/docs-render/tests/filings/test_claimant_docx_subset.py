"""The claimant documents keep to the HTML subset the DOCX converter (docs_render.docx) reads: it refuses anything
else with UnsupportedMarkup, so a document that converts is one whose text reaches the DOCX whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from docs_render.docx import docx_text, html_to_docx
from docs_render.filings.claimant import (
    damage_schedule_html,
    engagement_contract_html,
    evidence_list_html,
    power_of_attorney_html,
)

from . import claimant_data as data

DOCUMENTS: dict[str, tuple[Callable[[], str], str]] = {
    "damage_schedule": (
        lambda: damage_schedule_html(data.schedule_entry(), data.CASE, data.LAWSUIT, made_on=data.MADE_ON),
        "原告12",
    ),
    "evidence_list": (
        lambda: evidence_list_html(
            data.exhibits(), data.CASE, data.LAWSUIT, "原告　架空花子ほか150名", data.SETTINGS, made_on=data.MADE_ON
        ),
        "甲12の2",
    ),
    "engagement_contract": (
        lambda: engagement_contract_html(data.CORPORATION, data.CASE, data.SETTINGS, made_on=data.MADE_ON),
        "本書2通",
    ),
    "power_of_attorney": (
        lambda: power_of_attorney_html(data.INDIVIDUAL, data.CASE, data.MEDIATION, data.SETTINGS, made_on=data.MADE_ON),
        "復代理人の選任",
    ),
}


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_docx_converter_takes_the_html(document: str) -> None:
    render, expected = DOCUMENTS[document]
    text = docx_text(html_to_docx(render()))
    assert expected in text
    assert "架空一郎" in text or document == "damage_schedule"
