"""The documents of one claimant: 損害一覧 (damage schedule), 証拠説明書 (evidence description), 訴訟委任契約書
(engagement contract) and 委任状 (power of attorney).

Each has a context builder (`<doc>_context`) and `<doc>_html(...) -> str`; the template file name is the
document's template id (`TEMPLATE_IDS`). Money is printed as claims-api computed it: nothing here adds up
amounts. The fee terms of the engagement contract follow the team's stated policy (seed 001 §8 弁護士費用,
legal-rules.md §9); figures the sources do not give are left as blanks for the office to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from bengodan_common.japanese import era_date
from docs_render.claims.schemas import (
    CaseSnapshot,
    ClaimantSnapshot,
    Counsel,
    DamageItemSnapshot,
    Exhibit,
    FilingSettings,
    HeadTotal,
    ProceedingSnapshot,
    ScheduleEntry,
)
from docs_render.filings.base import PARTY_TITLES, render_template

DAMAGE_SCHEDULE = "damage_schedule"
EVIDENCE_LIST = "evidence_list"
ENGAGEMENT_CONTRACT = "engagement_contract"
POWER_OF_ATTORNEY = "power_of_attorney"
TEMPLATE_IDS = (DAMAGE_SCHEDULE, EVIDENCE_LIST, ENGAGEMENT_CONTRACT, POWER_OF_ATTORNEY)

# Without a proceeding the claimant is neither 原告 nor 申立人 yet.
NO_PROCEEDING_PARTY = "請求者"
NO_PROCEEDING_OPPONENT = "相手方"
# A blank for the office (or the client) to fill in by hand.
BLANK = "＿＿＿＿＿＿＿＿"
BLANK_YEN = "＿＿＿＿＿＿＿＿円"
UNKNOWN = "不明"
ORIGINAL_OR_COPY = {"original": "原本", "copy": "写し"}
# Claimant kinds that are bodies (法人・団体): they sign by their representative (claims-api ClaimantKind).
CORPORATE_KINDS = frozenset({"sr_corporation", "sr_center", "labour_insurance_association", "client_company"})

_LONG_EXHIBIT = re.compile(r"^(?P<side>[^第\s]+)第(?P<number>\d+)号証(?:の(?P<branch>\d+))?$")
_ERA = re.compile(r"^\D+")


# ---- shared helpers -------------------------------------------------------------------------------------


def party_words(proceeding: ProceedingSnapshot | None) -> tuple[str, str]:
    """(our side, the other side): 原告/被告 in a lawsuit, 申立人/相手方 in a mediation, 請求者/相手方 before."""
    if proceeding is None:
        return NO_PROCEEDING_PARTY, NO_PROCEEDING_OPPONENT
    return PARTY_TITLES[proceeding.kind]


def short_exhibit_label(label: str) -> str:
    """甲第3号証の2 → 甲3の2 (the running-text form); a label in another form is printed as given."""
    match = _LONG_EXHIBIT.match(label.strip())
    if match is None:
        return label.strip()
    short = f"{match['side']}{match['number']}"
    return f"{short}の{match['branch']}" if match["branch"] else short


def blank_date(made_on: date) -> str:
    """「令和　　年　　月　　日」: a date line for the client to fill in, in the era of `made_on`."""
    era = _ERA.match(era_date(made_on))
    return f"{era.group(0) if era else ''}　　年　　月　　日"


def era_date_lines(value: date | None) -> list[str]:
    """An era date split after the year (令和5年 / 6月5日) for a narrow table column; 「不明」 when unknown."""
    if value is None:
        return [UNKNOWN]
    year, rest = era_date(value).split("年", 1)
    return [f"{year}年", rest]


def is_corporate(claimant: ClaimantSnapshot) -> bool:
    return bool(claimant.representative) or claimant.kind in CORPORATE_KINDS


def representative_text(claimant: ClaimantSnapshot) -> str:
    """「代表社員　山田太郎」 as claims-api gives it (title and name), or a blank when it is not known."""
    if not claimant.representative:
        return BLANK
    return re.sub(r"\s+", "　", claimant.representative.strip(), count=1)


def address_lines(postal_code: str | None, address: str | None) -> list[str]:
    """「〒530-0001」 and the address on lines of their own (a long address then wraps on its own line)."""
    lines = [f"〒{postal_code}" if postal_code else "", address or ""]
    return [line for line in lines if line] or [BLANK]


def joined_names(names: list[str]) -> str:
    """「A、B及びC」."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "及び" + names[-1]


def court_of(case: CaseSnapshot, proceeding: ProceedingSnapshot | None) -> str | None:
    return proceeding.court if proceeding is not None else case.court


def case_number_of(case: CaseSnapshot, proceeding: ProceedingSnapshot | None) -> str | None:
    """The proceeding's own number (a mediation never carries the lawsuit's); the case's without a proceeding."""
    return proceeding.case_number if proceeding is not None else case.case_number


def case_title(case: CaseSnapshot) -> str:
    return case.title or case.name


@dataclass(frozen=True)
class SignatureLine:
    label: str  # 住所 / 氏名 / 名称 / 代表者 / 弁護士 …
    value: str
    seal: bool = False


def client_signature(claimant: ClaimantSnapshot) -> list[SignatureLine]:
    """The client's block: address, name (and office) or name and representative, with the seal."""
    address = address_lines(claimant.postal_code, claimant.address)
    lines = [SignatureLine("住所" if index == 0 else "", line) for index, line in enumerate(address)]
    if is_corporate(claimant):
        lines.append(SignatureLine("名称", claimant.name))
        lines.append(SignatureLine("代表者", representative_text(claimant), seal=True))
    else:
        if office_name(claimant):
            lines.append(SignatureLine("事務所", claimant.office_name or ""))
        lines.append(SignatureLine("氏名", claimant.name, seal=True))
    return lines


def office_name(claimant: ClaimantSnapshot) -> str | None:
    """The claimant's office name when it says more than the name (a 社労士法人's office is often itself)."""
    name = (claimant.office_name or "").strip()
    return name if name and name != claimant.name.strip() else None


def counsel_of(settings: FilingSettings) -> list[Counsel]:
    """The counsel in signing order; one blank line to write a name on while none is set."""
    return list(settings.counsel) or [Counsel(name=BLANK)]


def office_lines(settings: FilingSettings) -> list[str]:
    """The counsel's office: postal code and address, name, telephone and fax (empty parts left out)."""
    office = settings.office
    contact = "　".join(
        part
        for part in (f"電話　{office.phone}" if office.phone else "", f"FAX　{office.fax}" if office.fax else "")
        if part
    )
    address = address_lines(office.postal_code, office.address) if office.postal_code or office.address else []
    return [line for line in (*address, office.name, contact) if line]


# ---- 損害一覧 (damage schedule) ---------------------------------------------------------------------------


@dataclass
class _Item:
    amount: int
    formula: str
    facts: str
    exhibits: str


@dataclass
class _Head:
    mark: str
    label: str
    amount: int
    facts_label: str
    items: list[_Item] = field(default_factory=list)
    # A head claimed from the insurer (its amount is then 0 here); None for the vendor's heads.
    insurer: InsurerNote | None = None


@dataclass
class _Basis:
    key: str
    heading: str
    label: str
    total: int
    heads: list[_Head] = field(default_factory=list)


# The 損害一覧 form of seed 001.
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


def item_exhibits_text(item: DamageItemSnapshot) -> str:
    """The linked exhibits in short form (甲3の2、甲3の3); the slot 「甲○の2」 while none is linked."""
    if item.exhibits:
        return "、".join(short_exhibit_label(e.label) for e in item.exhibits)
    return exhibit_slot_text(item.exhibit_slot)


@dataclass(frozen=True)
class InsurerNote:
    """A head the office claims from its insurer, not from the vendor: the loss (claims-api's `insurer_amount`),
    and, once the insurer has paid, how much and when (it then pursues the vendor itself by 代位求償)."""

    amount: int
    paid: int | None = None
    paid_on: date | None = None


def insurer_note(head: HeadTotal, items: list[DamageItemSnapshot]) -> InsurerNote | None:
    """None for a head claimed from the vendor. The paid amount is the summary's; the date is the item's
    settlement (claims-api keeps one item per head)."""
    if head.claimed_from != "insurer":
        return None
    settlement = next((item.settlement for item in items if item.settlement is not None), None)
    if head.insurer_paid is not None:
        paid: int | None = head.insurer_paid
    else:
        paid = settlement.paid_amount if settlement is not None else None
    return InsurerNote(
        amount=head.insurer_amount,
        paid=paid,
        paid_on=settlement.paid_on if settlement is not None and paid is not None else None,
    )


def damage_schedule_context(
    entry: ScheduleEntry, case: CaseSnapshot, proceeding: ProceedingSnapshot | None, *, made_on: date
) -> dict[str, Any]:
    summary = entry.summary
    party, opponent = party_words(proceeding)
    by_head: dict[str, list[DamageItemSnapshot]] = {}
    for item in sorted(entry.items, key=lambda i: i.id):
        by_head.setdefault(item.head, []).append(item)
    totals = {"contract": summary.contract_total, "unjust_enrichment": summary.unjust_enrichment_total}
    bases = {key: _Basis(key, BASIS_HEADINGS[key], label, totals[key]) for key, label in BASIS_LABELS.items()}
    for number, head in enumerate(summary.heads):
        head_items = by_head.get(head.head, [])
        items = [_Item(i.amount, i.formula.strip(), i.facts.strip(), item_exhibits_text(i)) for i in head_items]
        bases[head.legal_basis].heads.append(
            _Head(
                mark=MARKS[number] if number < len(MARKS) else f"({number + 1})",
                label=head.label,
                # Claimed from the vendor: 0 for a head claimed from the insurer (what adds up to the totals).
                amount=head.amount,
                facts_label=FACTS_LABELS.get(head.head, "損害を基礎づける具体的事実"),
                items=items,
                insurer=insurer_note(head, head_items),
            )
        )
    return {
        "made_on": made_on,
        "case": case,
        "case_title": case_title(case),
        "case_number": case_number_of(case, proceeding),
        "claimant": entry.claimant,
        "party": party,
        # 原告1 / 申立人1 with the member number; 請求者 before any proceeding.
        "party_label": f"{party}{entry.number}" if proceeding is not None else party,
        "opponent": opponent,
        "representative": representative_text(entry.claimant) if entry.claimant.representative else None,
        "office_name": office_name(entry.claimant),
        "summary": summary,
        "bases": list(bases.values()),
        "contract_slot": exhibit_slot_text(CONTRACT_EXHIBIT_SLOT),
    }


def damage_schedule_html(
    entry: ScheduleEntry, case: CaseSnapshot, proceeding: ProceedingSnapshot | None, *, made_on: date
) -> str:
    return render_template(DAMAGE_SCHEDULE, damage_schedule_context(entry, case, proceeding, made_on=made_on))


# ---- 証拠説明書 (evidence description) --------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    label: str  # 甲3の2
    title: str  # 標目
    original_or_copy: str  # 原本 / 写し
    made_on: list[str]  # 令和5年 / 6月5日, or 不明
    author: str
    purpose: str
    note: str


def counsel_signature(settings: FilingSettings, role: str) -> list[tuple[str, str]]:
    """(role, name) per counsel: 「原告ら訴訟代理人弁護士　A」, then 「同　B」 (legal-rules §5 practice)."""
    rows = []
    for index, counsel in enumerate(counsel_of(settings)):
        rows.append((f"{role}{counsel.title}" if index == 0 else "同", counsel.name))
    return rows


def agent_role(proceeding: ProceedingSnapshot | None, *, several: bool) -> str:
    """原告ら訴訟代理人 in a lawsuit, 申立人ら代理人 in a mediation (a case without a proceeding: lawsuit)."""
    kind: Literal["lawsuit", "mediation"] = proceeding.kind if proceeding is not None else "lawsuit"
    party = PARTY_TITLES[kind][0] + ("ら" if several else "")
    return f"{party}訴訟代理人" if kind == "lawsuit" else f"{party}代理人"


def evidence_list_context(
    exhibits: list[Exhibit],
    case: CaseSnapshot,
    proceeding: ProceedingSnapshot | None,
    parties_title: str,
    settings: FilingSettings,
    *,
    made_on: date,
    several: bool = True,
) -> dict[str, Any]:
    kind: Literal["lawsuit", "mediation"] = proceeding.kind if proceeding is not None else "lawsuit"
    opponent = PARTY_TITLES[kind][1]
    rows = [
        EvidenceRow(
            label=e.short_label or short_exhibit_label(e.label),
            title=e.title,
            original_or_copy=ORIGINAL_OR_COPY[e.original_or_copy],
            made_on=era_date_lines(e.made_on),
            author=e.author.strip() or UNKNOWN,
            purpose=e.purpose.strip(),
            note=e.note.strip(),
        )
        for e in exhibits
    ]
    return {
        "made_on": made_on,
        "case_title": case_title(case),
        "case_number": case_number_of(case, proceeding),
        "parties_title": parties_title,
        "opponent_line": f"{opponent}　{case.defendant_name}" if case.defendant_name else None,
        "court": court_of(case, proceeding) or BLANK,
        "signature": counsel_signature(settings, agent_role(proceeding, several=several)),
        "rows": rows,
    }


def evidence_list_html(
    exhibits: list[Exhibit],
    case: CaseSnapshot,
    proceeding: ProceedingSnapshot | None,
    parties_title: str,
    settings: FilingSettings,
    *,
    made_on: date,
    several: bool = True,
) -> str:
    """`several`: 「原告ら」 for many plaintiffs (the default), 「原告」 for one."""
    context = evidence_list_context(
        exhibits, case, proceeding, parties_title, settings, made_on=made_on, several=several
    )
    return render_template(EVIDENCE_LIST, context)


# ---- 訴訟委任契約書 (engagement contract) ----------------------------------------------------------------


def engagement_contract_context(
    claimant: ClaimantSnapshot,
    case: CaseSnapshot,
    settings: FilingSettings,
    *,
    made_on: date,
    proceeding: ProceedingSnapshot | None = None,
) -> dict[str, Any]:
    counsel_names = [f"{c.title}{c.name}" for c in counsel_of(settings)]
    case_lines = [("事件", case_title(case))]
    if case.defendant_name:
        case_lines.append(("相手方", case.defendant_name))
    court = court_of(case, proceeding)
    case_lines.append(("裁判所", court or BLANK))
    number = case_number_of(case, proceeding)
    if number:
        case_lines.append(("事件番号", number))
    return {
        "made_on": made_on,
        "date_line": blank_date(made_on),
        # lawsuit / mediation / both (no proceeding yet): the scope of the engagement (第1条2項).
        "scope": proceeding.kind if proceeding is not None else "both",
        "claimant": claimant,
        "counsel_names": joined_names(counsel_names),
        "case_lines": case_lines,
        "incident_date": case.incident_date,
        "blank_yen": BLANK_YEN,
        "client_signature": client_signature(claimant),
        "office_lines": office_lines(settings),
        "counsel": counsel_of(settings),
    }


def engagement_contract_html(
    claimant: ClaimantSnapshot,
    case: CaseSnapshot,
    settings: FilingSettings,
    *,
    made_on: date,
    proceeding: ProceedingSnapshot | None = None,
) -> str:
    """`proceeding` narrows the scope to the lawsuit or the mediation; without it the contract covers both."""
    context = engagement_contract_context(claimant, case, settings, made_on=made_on, proceeding=proceeding)
    return render_template(ENGAGEMENT_CONTRACT, context)


# ---- 委任状 (power of attorney) --------------------------------------------------------------------------

# 民訴法55条2項: the acts a 訴訟代理人 may do only when specially authorised: 1号, 2号, 3号 and 5号 (4号, the
# withdrawal of an objection in 手形・小切手・少額訴訟, cannot arise in this case).
LAWSUIT_SPECIAL_POWERS = (
    "反訴の提起",
    "訴えの取下げ、和解、請求の放棄若しくは認諾又は訴訟からの脱退",
    "控訴、上告若しくは上告受理の申立て又はこれらの取下げ",
    "復代理人の選任",
)
# A mediation: withdrawal, the settlement, objection to a 調停に代わる決定 (民事調停法17条・18条), sub-agents.
MEDIATION_SPECIAL_POWERS = (
    "調停の申立ての取下げ及び調停の成立",
    "調停に代わる決定に対する異議の申立て又はその取下げ",
    "復代理人の選任",
)


def mediation_matter(title: str) -> str:
    """損害賠償請求事件 → 損害賠償請求の民事調停事件."""
    base = title.removesuffix("事件")
    return f"{base}の民事調停事件"


def power_of_attorney_context(
    claimant: ClaimantSnapshot,
    case: CaseSnapshot,
    proceeding: ProceedingSnapshot | None,
    settings: FilingSettings,
    *,
    made_on: date,
) -> dict[str, Any]:
    mediation = proceeding is not None and proceeding.kind == "mediation"
    title = case_title(case)
    matter = mediation_matter(title) if mediation else title
    where = "".join(p for p in (court_of(case, proceeding) or "", case_number_of(case, proceeding) or "") if p)
    defendant = case.defendant_name or BLANK
    first_item = f"相手方　{defendant}に対する{matter}{f'（{where}）' if where else ''}に関する一切の件"
    return {
        "made_on": made_on,
        "date_line": blank_date(made_on),
        "agent": "代理人" if mediation else "訴訟代理人",
        "counsel": counsel_of(settings),
        "office_lines": office_lines(settings),
        "items": [first_item, *(MEDIATION_SPECIAL_POWERS if mediation else LAWSUIT_SPECIAL_POWERS)],
        "client_signature": client_signature(claimant),
    }


def power_of_attorney_html(
    claimant: ClaimantSnapshot,
    case: CaseSnapshot,
    proceeding: ProceedingSnapshot | None,
    settings: FilingSettings,
    *,
    made_on: date,
) -> str:
    return render_template(
        POWER_OF_ATTORNEY, power_of_attorney_context(claimant, case, proceeding, settings, made_on=made_on)
    )
