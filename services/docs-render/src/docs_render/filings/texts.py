"""The case-level texts of the filings (請求の原因, 関連事実, 紛争の要点): their {placeholders} filled, and their lines
laid out as headings and paragraphs on the filing grid.

The texts are stored verbatim by claims-api, one paragraph per line; a line that starts with a heading mark of
the 第1 → 1 → (1) → ア → (ア) hierarchy (legal-rules.md §5) is a heading, or a numbered paragraph when it is a
sentence rather than a title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from docs_render.pdf.render import RenderError

# {name}: an identifier in braces. Any other brace ("{ }", "{1}", 「｛注｝」) is literal text.
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class PlaceholderError(RenderError):
    """A text names a placeholder docs-render does not know, or one whose figure the case does not have.

    A RenderError, so a render job fails with this message (it names the placeholders and the known ones)."""

    def __init__(self, message: str, names: list[str]) -> None:
        self.names = names
        super().__init__(message)


def placeholders(text: str) -> list[str]:
    """The placeholder names a text uses, in order of first use."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def fill_placeholders(text: str, values: Mapping[str, str | None], *, where: str = "the text") -> str:
    """Replace each {name} by values[name].

    Unknown names raise PlaceholderError naming all of them; so does a known name whose value is None (the case
    lacks that figure). Braces that do not form a {name} are kept as they are.
    """
    used = placeholders(text)
    unknown = [name for name in used if name not in values]
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in values)
        raise PlaceholderError(
            f"unknown placeholder(s) in {where}: {', '.join(f'{{{name}}}' for name in unknown)} "
            f"(known placeholders: {known})",
            unknown,
        )
    missing = [name for name in used if values[name] is None]
    if missing:
        raise PlaceholderError(
            f"placeholder(s) in {where} without a value in the case: {', '.join(f'{{{name}}}' for name in missing)}",
            missing,
        )
    return PLACEHOLDER.sub(lambda match: values[match.group(1)] or "", text)


# ---- lines → blocks ------------------------------------------------------------------------------------

_SPACE = "[ \u3000]"
_DIGITS = "[0-9０-９]+"
_KANA = "[アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ]"
# (pattern of the mark, heading level). Level 0 is 第1; level L is indented L characters.
_MARKS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^(第{_DIGITS}){_SPACE}+"), 0),
    (re.compile(rf"^({_DIGITS}){_SPACE}+"), 1),
    (re.compile(rf"^([(（]{_DIGITS}[)）]){_SPACE}*"), 2),
    (re.compile(r"^([①-⑳])" + _SPACE + "*"), 2),
    (re.compile(rf"^({_KANA}){_SPACE}+"), 3),
    (re.compile(rf"^([(（]{_KANA}[)）]){_SPACE}*"), 4),
)
HEADING_TAGS = {0: "h2", 1: "h3", 2: "h4", 3: "h4", 4: "h4"}
# A marked line is a heading when it is a title: short and not a sentence. Longer lines, or lines that end with
# 「。」, are numbered paragraphs (「1　被告は、…。」) with their following lines under the text.
MAX_HEADING_CHARS = 30
_LEADING_SPACE = re.compile(r"^[ \t\u3000]+")


@dataclass(frozen=True)
class Block:
    """One line of a text as an HTML block: `<{tag} class="{classes}">{text}</{tag}>`."""

    tag: str  # h2, h3, h4 or p
    classes: str
    text: str
    blank: bool = False  # an empty line of the text: one blank line of the grid


def _indent_class(level: int) -> str:
    return f"indent-{min(level, 4)}" if level > 0 else ""


def text_blocks(text: str, *, base_level: int = 0) -> list[Block]:
    """The lines of a text as blocks: headings at their level's indent (第1 h2; 1 h3 indent-1; (1) and ① h4
    indent-2; ア h4 indent-3; (ア) h4 indent-4), numbered sentences as hanging paragraphs at that indent, and other
    lines as paragraphs with a first-line indent, under the last heading. Empty lines are blank lines (runs of
    them collapse; none at the start or end)."""
    blocks: list[Block] = []
    level = base_level
    for raw in text.splitlines():
        line = _LEADING_SPACE.sub("", raw).rstrip()
        if not line:
            if blocks and not blocks[-1].blank:
                blocks.append(Block("p", "blank-line", "", blank=True))
            continue
        for pattern, mark_level in _MARKS:
            match = pattern.match(line)
            if match is None:
                continue
            rest = line[match.end() :]
            if not rest:
                continue  # a bare 「1」 or 「ア」 line is text, not a mark
            level = base_level + mark_level
            marked = f"{match.group(1)}\u3000{rest}"
            if len(rest) <= MAX_HEADING_CHARS and not rest.endswith("。"):
                blocks.append(Block(HEADING_TAGS[mark_level], _indent_class(level), marked))
            else:
                blocks.append(Block("p", " ".join(filter(None, (_indent_class(level), "hanging"))), marked))
            break
        else:
            blocks.append(Block("p", " ".join(filter(None, (_indent_class(level), "indent"))), line))
    while blocks and blocks[-1].blank:
        blocks.pop()
    return blocks
