"""The documents docs-render can make: what each one reads from claims-api and how it is laid out.

Only the damage schedule (損害一覧) in PDF exists so far; RenderCreate refuses every other document and
format. Money is printed as claims-api gives it: nothing here adds up amounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bengodan_common.db import utcnow
from bengodan_common.japanese import era_date, yen_grouped, yen_ja
from docs_render.claims.client import ClaimsApi
from docs_render.claims.schemas import DamageItemSnapshot, DamageScheduleData
from docs_render.pdf import TEMPLATES_DIR, render_pdf
from docs_render.renders.models import RenderJob

PDF = "application/pdf"

# (document, format) pairs that can be rendered; RenderCreate refuses every other pair.
AVAILABLE: frozenset[tuple[str, str]] = frozenset({("damage-schedule", "pdf")})


@dataclass(frozen=True)
class RenderedFile:
    stem: str  # ASCII; the S3 object is renders/{job_id}/{stem}.{extension}
    extension: str
    content_type: str
    content: bytes


@lru_cache(maxsize=1)
def jinja_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update({"yen_ja": yen_ja, "yen_grouped": yen_grouped, "era_date": era_date})
    return env


# ---- 損害一覧 (damage schedule) -------------------------------------------------------------------------

BASIS_LABELS = {"contract": "契約に定める損害賠償請求権", "unjust_enrichment": "不当利得返還請求権"}
BASIS_HEADINGS = {"contract": "第1", "unjust_enrichment": "第2"}
# The row captions of the seed form (the form's wording for each head).
FACTS_LABELS = {
    "staff_cost": "本件事故を原因とする人件費であることを証する事実",
    "onprem_cost": "費用の内容（請求書・領収書）",
    "fee_difference": "上記計算を基礎づける事実",
    "reputation": "信用毀損を基礎づける具体的事実",
    "other_loss": "損害を基礎づける具体的事実",
    "fee_increase_refund": "値上げ分の支払を基礎づける事実",
}
MARKS = "①②③④⑤⑥⑦⑧⑨⑩"
CONTRACT_EXHIBIT_SLOT = 1


def exhibit_slot_text(slot: int | None) -> str:
    """「甲○の2」: the claimant's exhibit number is assigned at filing, so the number is left as ○."""
    return f"甲○の{slot}" if slot is not None else "甲○"


@dataclass
class _Item:
    amount: int
    formula: str
    facts: str
    slot: str


@dataclass
class _Head:
    mark: str
    label: str
    amount: int
    facts_label: str
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Basis:
    key: str
    heading: str
    label: str
    total: int
    heads: list[_Head] = field(default_factory=list)


def damage_schedule_context(data: DamageScheduleData, *, made_on: datetime) -> dict[str, Any]:
    summary = data.summary
    by_head: dict[str, list[DamageItemSnapshot]] = {}
    for item in sorted(data.items, key=lambda i: i.id):
        by_head.setdefault(item.head, []).append(item)
    totals = {"contract": summary.contract_total, "unjust_enrichment": summary.unjust_enrichment_total}
    bases = {key: _Basis(key, BASIS_HEADINGS[key], label, totals[key]) for key, label in BASIS_LABELS.items()}
    for number, head in enumerate(summary.heads):
        items = [
            _Item(i.amount, i.formula.strip(), i.facts.strip(), exhibit_slot_text(i.exhibit_slot))
            for i in by_head.get(head.head, [])
        ]
        bases[head.legal_basis].heads.append(
            _Head(
                mark=MARKS[number] if number < len(MARKS) else f"({number + 1})",
                label=head.label,
                amount=head.amount,
                facts_label=FACTS_LABELS.get(head.head, "損害を基礎づける具体的事実"),
                items=items,
            )
        )
    return {
        "made_on": made_on,
        "case": data.case,
        "claimant": data.claimant,
        "summary": summary,
        "bases": list(bases.values()),
        "contract_slot": exhibit_slot_text(CONTRACT_EXHIBIT_SLOT),
    }


def damage_schedule_html(data: DamageScheduleData, *, made_on: datetime | None = None) -> str:
    context = damage_schedule_context(data, made_on=made_on or utcnow())
    return jinja_env().get_template("damage_schedule.html").render(context)


class DamageSchedule:
    document = "damage-schedule"

    @staticmethod
    def fetch(job: RenderJob, claims: ClaimsApi) -> DamageScheduleData:
        assert job.claimant_id is not None  # RenderCreate requires it
        return claims.damage_schedule(case_id=job.case_id, claimant_id=job.claimant_id)

    @staticmethod
    def render(job: RenderJob, data: DamageScheduleData) -> RenderedFile:
        pdf = render_pdf(damage_schedule_html(data))
        return RenderedFile(f"damage-schedule-claimant-{job.claimant_id}", "pdf", PDF, pdf)

    @staticmethod
    def download_name(job: RenderJob) -> str:
        return f"損害一覧_申立人{job.claimant_id}.pdf"


RENDERERS = {("damage-schedule", "pdf"): DamageSchedule}
assert frozenset(RENDERERS) == AVAILABLE
