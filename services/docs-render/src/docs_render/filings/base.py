"""What every filing template shares: the Jinja environment with the Japanese formatting filters."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bengodan_common.japanese import era_date, exhibit_label, yen_grouped, yen_ja
from docs_render.pdf import TEMPLATES_DIR

# 原告 in a lawsuit, 申立人 in a mediation; the other side 被告 / 相手方.
PARTY_TITLES = {"lawsuit": ("原告", "被告"), "mediation": ("申立人", "相手方")}


def rate_percent_text(rate: Any) -> str:
    """0.03 → 「年3パーセント」: for texts that spell the rate out rather than in 歩合."""
    return f"年{(rate * 100).normalize():f}パーセント"


@lru_cache(maxsize=1)
def jinja_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters.update(
        {
            "yen_ja": yen_ja,
            "yen_grouped": yen_grouped,
            "era_date": era_date,
            "exhibit_label": exhibit_label,
            "rate_percent": rate_percent_text,
        }
    )
    return env


def render_template(template_id: str, context: dict[str, Any]) -> str:
    """The HTML of a document from its template (`templates/{template_id}.html`)."""
    return jinja_env().get_template(f"{template_id}.html").render(context)
