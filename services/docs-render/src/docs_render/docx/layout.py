"""The filing layout (legal-rules.md §5): A4 portrait, 12 pt Mincho, 37 characters × 26 lines."""

from __future__ import annotations

import math

FONT = "IPAexMincho"
FONT_SIZE_PT = 12.0  # one character of the body text, the unit of indents
TITLE_SIZE_PT = 16.0
FOOTER_SIZE_PT = 10.5

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 35  # room for the court's receipt stamp
MARGIN_LEFT_MM = 30  # binding
MARGIN_BOTTOM_MM = 27
MARGIN_RIGHT_MM = 23  # 157 mm of text: 37 characters of 12 pt (444 pt) fit
FOOTER_DISTANCE_MM = 12  # from the bottom edge to the page number

CHARS_PER_LINE = 37
LINES_PER_PAGE = 26

POINTS_PER_MM = 72 / 25.4
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * POINTS_PER_MM
# Exact line spacing, rounded down to whole twips so that 26 lines fill the text area without a 27th page line
# spilling over: (297 - 35 - 27) mm / 26 = 512.4 twips -> 512 twips = 25.6 pt.
LINE_PITCH_TWIPS = math.floor((PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * POINTS_PER_MM * 20 / LINES_PER_PAGE)

assert CHARS_PER_LINE * FONT_SIZE_PT <= TEXT_WIDTH_PT
