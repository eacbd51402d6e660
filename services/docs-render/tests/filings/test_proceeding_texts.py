"""The case-level texts of the proceeding's filings (filings/texts.py): placeholders filled or refused by name,
lines laid out as the 第1 → 1 → (1) → ア headings and paragraphs."""

from __future__ import annotations

import pytest

from docs_render.filings.texts import Block, PlaceholderError, fill_placeholders, text_blocks
from docs_render.pdf import RenderError

VALUES: dict[str, str | None] = {"defendant_name": "株式会社デモ", "total": "金500万円", "reputation_amount": None}


def test_placeholders_are_filled_and_other_braces_kept() -> None:
    text = "被告（{defendant_name}）に対し合計{total}を請求する。{ 月額 × 月数 }、{1}、｛注｝、{total"
    assert fill_placeholders(text, VALUES) == (
        "被告（株式会社デモ）に対し合計金500万円を請求する。{ 月額 × 月数 }、{1}、｛注｝、{total"
    )


def test_a_value_is_inserted_once_not_parsed_again() -> None:
    assert fill_placeholders("{defendant_name}", {"defendant_name": "{total}", "total": "x"}) == "{total}"


def test_unknown_placeholders_are_refused_by_name() -> None:
    with pytest.raises(PlaceholderError) as caught:
        fill_placeholders("原告ら{claimant_count}名、{total}、{court_name}", VALUES, where="the 請求の原因")
    message = str(caught.value)
    assert "{claimant_count}" in message and "{court_name}" in message and "the 請求の原因" in message
    assert "{total}" not in message.split("(known")[0]  # a known one is not reported as unknown
    assert caught.value.names == ["claimant_count", "court_name"]
    assert isinstance(caught.value, RenderError)  # a render job fails with this message


def test_a_placeholder_the_case_has_no_figure_for_is_refused() -> None:
    with pytest.raises(PlaceholderError, match=r"without a value in the case: \{reputation_amount\}"):
        fill_placeholders("1人あたり{reputation_amount}", VALUES)


def test_headings_take_their_level_and_body_lines_follow_the_last_heading() -> None:
    text = "\n".join(
        [
            "前文の段落。",
            "第1 総論",
            "1 当事者",
            "　原告らは、社会保険労務士である。",
            "(1)　原告1",
            "（2）原告2",
            "① 人件費",
            "ア 残業代",
            "(イ) 休日出勤",
            "本文。",
        ]
    )
    assert text_blocks(text) == [
        Block("p", "indent", "前文の段落。"),
        Block("h2", "", "第1\u3000総論"),
        Block("h3", "indent-1", "1\u3000当事者"),
        Block("p", "indent-1 indent", "原告らは、社会保険労務士である。"),
        Block("h4", "indent-2", "(1)\u3000原告1"),
        Block("h4", "indent-2", "（2）\u3000原告2"),
        Block("h4", "indent-2", "①\u3000人件費"),
        Block("h4", "indent-3", "ア\u3000残業代"),
        Block("h4", "indent-4", "(イ)\u3000休日出勤"),
        Block("p", "indent-4 indent", "本文。"),
    ]


def test_a_marked_sentence_is_a_numbered_paragraph_not_a_heading() -> None:
    blocks = text_blocks("1 被告は、原告らに対し、損害を賠償する義務を負う。\n続きの段落。")
    assert blocks == [
        Block("p", "indent-1 hanging", "1\u3000被告は、原告らに対し、損害を賠償する義務を負う。"),
        Block("p", "indent-1 indent", "続きの段落。"),
    ]


def test_lines_that_only_look_like_marks_are_body_text() -> None:
    text = "100万円の損害が生じた。\nアマゾン社のクラウドを利用した。\n第2回期日に答弁書が出された。\n1"
    assert [b.tag for b in text_blocks(text)] == ["p", "p", "p", "p"]


def test_empty_lines_are_single_blank_lines_inside_the_text_only() -> None:
    blocks = text_blocks("\n\n段落1。\n\n\n段落2。\n\n")
    assert [(b.text, b.blank) for b in blocks] == [("段落1。", False), ("", True), ("段落2。", False)]


def test_an_empty_text_has_no_blocks() -> None:
    assert text_blocks("") == []
    assert text_blocks(" \n\u3000\n") == []
