"""The long annexes (請求一覧, 当事者目録) laid out a slice at a time print the same pages as one layout: the same
text on the same lines, the same page breaks, and page numbers that run on through the whole document."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from docs_render.filings.builders import render_part
from docs_render.filings.proceeding import claim_table_document, party_list_document
from docs_render.pdf import render_pdf
from docs_render.pdf.slices import LongDocument, render_long_pdf

from . import proceeding_data as data
from .pdf_checks import fonts, pdf_text, write_page_images


def _claim_table(plaintiffs: int) -> LongDocument:
    return claim_table_document(data.parties(plaintiffs), data.claim_table(plaintiffs), made_on=data.MADE_ON)


def _party_list(plaintiffs: int) -> LongDocument:
    return party_list_document(data.parties(plaintiffs), data.settings(), made_on=data.MADE_ON)


@pytest.mark.parametrize(
    ("document", "per_slice"),
    [(_claim_table(90), 30), (_party_list(40), 8), (_party_list(12), 2)],
    ids=["請求一覧 of 90 rows by 30", "当事者目録 of 40 plaintiffs by 8", "当事者目録 of 12 by 2 (less than a page)"],
)
def test_a_document_laid_out_in_slices_prints_the_pages_of_one_layout(document: LongDocument, per_slice: int) -> None:
    whole = render_pdf(document.html(0, document.units))
    sliced = render_long_pdf(replace(document, per_slice=per_slice))

    text = pdf_text(sliced, layout=True)
    assert text == pdf_text(whole, layout=True)
    pages = text.split("\f")[:-1]
    last_lines = ["".join(page.strip().splitlines()[-1].split()) for page in pages]
    assert last_lines == [f"{n}/{len(pages)}" for n in range(1, len(pages) + 1)]
    assert {font["name"].split("+")[-1] for font in fonts(sliced)} == {"IPAexMincho"}
    assert all(font["emb"] == "yes" for font in fonts(sliced))
    write_page_images(sliced, "long-document", first=2, last=3)


def test_every_row_is_printed_once_in_order_with_one_title_and_one_totals_row() -> None:
    text = pdf_text(render_long_pdf(replace(_claim_table(60), per_slice=9)), layout=True)
    row_numbers = [int(line.split()[0]) for line in text.splitlines() if re.match(r"^\d+\s", line)]
    assert row_numbers == list(range(1, 61))
    flat = "".join(text.split())
    assert flat.count("請求一覧") == 1 and flat.count("（別紙）") == 1
    assert flat.count("合計原告60名") == 1 and flat.rindex("合計原告60名") > flat.rindex(
        data.plaintiff_name(60).replace("\u3000", "")
    )


def test_a_bundle_part_of_a_long_annex_is_laid_out_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    laid_out = []
    monkeypatch.setattr(
        "docs_render.filings.builders.render_long_pdf",
        lambda document: laid_out.append(document.units) or render_long_pdf(replace(document, per_slice=10)),
    )
    call = {"parties": data.parties(25), "settings": data.settings()}
    pdf = render_part("party-list", [call], data.MADE_ON, "pdf")
    assert laid_out == [25]
    assert "当事者目録" in "".join(pdf_text(pdf).split())
