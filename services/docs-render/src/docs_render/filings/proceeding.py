"""The filings of a proceeding: 訴状 (complaint), 請求一覧 (claim table), 当事者目録 (party list) and
調停申立書 (mediation petition), laid out as legal-rules.md §5–§7 describe.

Each document has a context builder (the snapshots → what the template prints) and `<doc>_html(...)`. Money is
printed exactly as claims-api computed it (ClaimTable, FilingFee); nothing here adds up amounts, it only counts.
Template ids (templates/{id}.html): see TEMPLATE_IDS.

The 別紙 a document names (当事者目録, 請求一覧) are documents of their own, each with its own page numbers; the
render plans put them after the complaint (renders/plans.py), so the complaint does not repeat them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bengodan_common.japanese import era_date, yen_ja
from docs_render.claims.schemas import (
    ClaimTable,
    ClaimTableRow,
    Exhibit,
    FilingFee,
    FilingSettings,
    Parties,
    Plaintiff,
)
from docs_render.filings.base import PARTY_TITLES, render_template
from docs_render.filings.texts import Block, fill_placeholders, text_blocks
from docs_render.pdf.render import RenderError
from docs_render.pdf.slices import LongDocument

COMPLAINT = "complaint"
CLAIM_TABLE = "claim_table"
PARTY_LIST = "party_list"
MEDIATION_PETITION = "mediation_petition"
TEMPLATE_IDS = (COMPLAINT, CLAIM_TABLE, PARTY_LIST, MEDIATION_PETITION)

ComplaintForm = Literal["paragraphs", "table"]
# Long annexes are laid out this many units at a time (pdf/slices.py): about ten pages, 30-40 MB of layout.
ROWS_PER_SLICE = 200  # 請求一覧: about 22 rows a page
PARTIES_PER_SLICE = 60  # 当事者目録: about 6 plaintiffs a page
# The counsel's capacity, by proceeding kind: 原告ら訴訟代理人 / 申立人ら代理人.
COUNSEL_CAPACITY = {"lawsuit": "原告ら訴訟代理人", "mediation": "申立人ら代理人"}
# A representative written with its title (「代表取締役 見本 一郎」, 「代表社員 山田太郎」) is printed as given.
_HAS_TITLE = re.compile(r"^(代表|理事長|会長|組合長|所長|社長|取締役|清算人|管財人)")


def _render(template_id: str, context: dict[str, Any]) -> str:
    """The document's HTML. `document` tells a template it is rendered as itself, not imported for its macros."""
    return render_template(template_id, {**context, "document": template_id})


class FilingDataError(RenderError):
    """The snapshots do not make a consistent filing (wrong proceeding kind, table of another proceeding, …)."""


# ---- shared pieces -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    capacity: str  # 原告ら訴訟代理人弁護士, or 同　弁護士 for the following counsel
    name: str


@dataclass(frozen=True)
class Attachment:
    number: int
    name: str
    count: str  # 1通, 各1通, 151通


@dataclass(frozen=True)
class ExhibitLine:
    label: str  # 甲第1号証の1
    title: str


@dataclass(frozen=True)
class PartyBlock:
    """One block of the 当事者目録, kept together on a page: its first line (the address) at the margin, the
    others (office, name, representative; the counsel's office and names) indented under it."""

    first: str
    rest: tuple[str, ...]


def _amount(value: int) -> str:
    """Running text: 金110万698円."""
    return f"金{yen_ja(value)}"


def _signatures(settings: FilingSettings, kind: str) -> list[Signature]:
    capacity = COUNSEL_CAPACITY[kind]
    return [
        Signature(f"{capacity}{c.title}" if i == 0 else f"同\u3000{c.title}", c.name)
        for i, c in enumerate(settings.counsel)
    ]


def _representative_line(representative: str, default_title: str = "") -> str:
    """「上記代表者代表取締役　見本 一郎」: a representative given with its title (「代表社員 山田太郎」) is printed as
    given; otherwise `default_title` (代表取締役 for the defendant company) goes before the name."""
    rep = representative.strip()
    if _HAS_TITLE.match(rep):
        return f"上記代表者{rep}"
    if default_title:
        return f"上記代表者{default_title}\u3000{rep}"
    return f"上記代表者\u3000{rep}"


def _corporate(plaintiff: Plaintiff) -> bool:
    return bool(plaintiff.representative and plaintiff.representative.strip())


def _exhibit_lines(exhibits: Sequence[Exhibit]) -> list[ExhibitLine]:
    """The common exhibits (not tied to one claimant), in number order."""
    common = sorted((e for e in exhibits if e.claimant_id is None), key=lambda e: (e.number, e.branch or 0))
    return [ExhibitLine(e.label, e.title) for e in common]


def _attachments(parties: Parties, *, petition: bool) -> list[Attachment]:
    """附属書類. 資格証明書: one for the defendant company and one for each plaintiff with a representative
    (a corporation); 委任状: one per plaintiff."""
    plaintiffs = len(parties.plaintiffs)
    certificates = 1 + sum(1 for p in parties.plaintiffs if _corporate(p))
    names = (
        [("申立書写し", "1通"), ("甲号証写し", "各1通"), ("証拠説明書", "1通"), ("委任状", f"{plaintiffs}通")]
        if petition
        else [("訴状副本", "1通"), ("甲号証写し", "各1通"), ("証拠説明書", "1通"), ("訴訟委任状", f"{plaintiffs}通")]
    )
    names.append(("資格証明書", f"{certificates}通"))
    return [Attachment(i, name, count) for i, (name, count) in enumerate(names, start=1)]


def _require(value: str | None, what: str) -> str:
    if value is None or not value.strip():
        raise FilingDataError(f"{what} is not set in the case; the filing cannot be made without it")
    return value


def _check_scope(parties: Parties, table: ClaimTable | None, fee: FilingFee | None, kind: str) -> None:
    proceeding = parties.proceeding
    if proceeding.kind != kind:
        raise FilingDataError(f"proceeding {proceeding.id} is a {proceeding.kind}, not a {kind}")
    if table is not None:
        if table.proceeding_id != proceeding.id:
            raise FilingDataError(
                f"the claim table is of proceeding {table.proceeding_id}, the parties of proceeding {proceeding.id}"
            )
        members = {(p.number, p.claimant_id) for p in parties.plaintiffs}
        rows = {(r.number, r.claimant_id) for r in table.rows}
        if members != rows:
            raise FilingDataError(
                "the claim table's rows and the proceeding's plaintiffs differ (numbers or claimants)"
            )
    if fee is not None:
        expected = "suit" if kind == "lawsuit" else "mediation"
        if fee.kind != expected:
            raise FilingDataError(f"the filing fee is computed for a {fee.kind}, the proceeding needs a {expected} fee")


def placeholder_values(parties: Parties, table: ClaimTable) -> dict[str, str | None]:
    """The figures the texts may name: {defendant_name}, {incident_date}, {plaintiff_count}, {reputation_amount},
    {total}. None where the case lacks the figure (using it is then an error)."""
    case = parties.case
    return {
        "defendant_name": case.defendant_name or None,
        "incident_date": era_date(case.incident_date) if case.incident_date else None,
        "plaintiff_count": str(len(parties.plaintiffs)),
        "reputation_amount": _amount(case.reputation_amount) if case.reputation_amount is not None else None,
        "total": _amount(table.totals.total),
    }


def _text(text: str, values: dict[str, str | None], where: str) -> list[Block]:
    return text_blocks(fill_placeholders(text, values, where=where))


def _interest_with_each(text: str) -> str:
    """「…から支払済みまで…」 → 「…から各支払済みまで…」, for the 別表 form that names many sums."""
    return text.replace("から支払済みまで", "から各支払済みまで", 1)


def interest_terms_short(text: str) -> str:
    """The 請求一覧's terms cell: 「訴状送達の日の翌日から支払済みまで年3分の割合」 → 「…年3分」."""
    return text.removesuffix("の割合")


# ---- 請求一覧 ------------------------------------------------------------------------------------------


def claim_table_context(parties: Parties, table: ClaimTable, *, made_on: date) -> dict[str, Any]:
    if table.proceeding_id not in (None, parties.proceeding.id):
        raise FilingDataError(
            f"the claim table is of proceeding {table.proceeding_id}, the parties of proceeding {parties.proceeding.id}"
        )
    plaintiff_title, _ = PARTY_TITLES[parties.proceeding.kind]
    rows = sorted(table.rows, key=lambda r: (r.number is None, r.number or 0, r.claimant_id))
    return {
        "made_on": made_on,
        "party": plaintiff_title,
        "rows": rows,
        "totals": table.totals,
        "terms": interest_terms_short(table.interest.text),
    }


def _in_slices(template_id: str, context: dict[str, Any], units: str, per_slice: int) -> LongDocument:
    """A document whose `context[units]` (a list) can be printed a slice at a time (pdf/slices.py)."""
    every: list[Any] = context[units]

    def html(start: int, end: int) -> str:
        return _render(
            template_id,
            {
                **context,
                units: every[start:end],
                "first_unit": start,
                "opening": start == 0,
                "closing": end == len(every),
            },
        )

    return LongDocument(len(every), per_slice, html)


def claim_table_document(parties: Parties, table: ClaimTable, *, made_on: date) -> LongDocument:
    return _in_slices(CLAIM_TABLE, claim_table_context(parties, table, made_on=made_on), "rows", ROWS_PER_SLICE)


def claim_table_html(parties: Parties, table: ClaimTable, *, made_on: date) -> str:
    document = claim_table_document(parties, table, made_on=made_on)
    return document.html(0, document.units)


# ---- 当事者目録 ----------------------------------------------------------------------------------------


def _postal(code: str | None, address: str | None) -> str:
    parts = [f"〒{code.strip()}" if code and code.strip() else "", (address or "").strip()]
    return "\u3000".join(p for p in parts if p)


def _block(address: str, lines: list[str]) -> PartyBlock:
    return PartyBlock(address, tuple(line for line in lines if line))


def party_list_context(parties: Parties, settings: FilingSettings, *, made_on: date) -> dict[str, Any]:
    kind = parties.proceeding.kind
    plaintiff_title, defendant_title = PARTY_TITLES[kind]
    case = parties.case
    blocks: list[PartyBlock] = []
    for p in sorted(parties.plaintiffs, key=lambda p: p.number):
        lines = [f"（{p.office_name.strip()}）" if p.office_name and p.office_name.strip() else ""]
        lines.append(f"{plaintiff_title}{p.number}\u3000{p.name}")
        if _corporate(p):
            lines.append(_representative_line(p.representative or ""))
        blocks.append(_block(_postal(p.postal_code, p.address), lines))
    office = settings.office
    counsel = [
        f"{office.name.strip()}（送達場所）" if office.name.strip() else "",
        f"電話\u3000{office.phone.strip()}" if office.phone.strip() else "",
        f"FAX\u3000{office.fax.strip()}" if office.fax.strip() else "",
    ]
    counsel += [
        f"上記{s.capacity}\u3000{s.name}" if i == 0 else f"{s.capacity}\u3000{s.name}"
        for i, s in enumerate(_signatures(settings, kind))
    ]
    defendant = [f"{defendant_title}\u3000{_require(case.defendant_name, 'the defendant (defendant_name)')}"]
    if case.defendant_representative and case.defendant_representative.strip():
        defendant.append(_representative_line(case.defendant_representative, "代表取締役"))
    return {
        "made_on": made_on,
        "plaintiffs": blocks,
        "counsel": _block(_postal(office.postal_code, office.address), counsel),
        "defendant": _block((case.defendant_address or "").strip(), defendant),
    }


def party_list_document(parties: Parties, settings: FilingSettings, *, made_on: date) -> LongDocument:
    context = party_list_context(parties, settings, made_on=made_on)
    return _in_slices(PARTY_LIST, context, "plaintiffs", PARTIES_PER_SLICE)


def party_list_html(parties: Parties, settings: FilingSettings, *, made_on: date) -> str:
    document = party_list_document(parties, settings, made_on=made_on)
    return document.html(0, document.units)


# ---- 訴状 ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimParagraph:
    number: int
    text: str


def _claim_paragraphs(table: ClaimTable, form: ComplaintForm) -> tuple[list[ClaimParagraph], str]:
    """第1 請求の趣旨: the numbered paragraphs and the closing 「との判決…」 line."""
    interest = table.interest.text
    paragraphs: list[ClaimParagraph] = []
    if form == "table":
        paragraphs.append(
            ClaimParagraph(
                1,
                "被告は、別紙請求一覧の原告欄記載の各原告に対し、同一覧の合計欄記載の各金員及びこれに対する"
                f"{_interest_with_each(interest)}による金員を支払え。",
            )
        )
    else:
        rows: list[ClaimTableRow] = sorted(table.rows, key=lambda r: r.number or 0)
        for row in rows:
            if row.number is None:
                raise FilingDataError("the claim table has no plaintiff numbers; render the proceeding's table")
            if row.total == 0:
                continue  # nothing is claimed for this plaintiff
            paragraphs.append(
                ClaimParagraph(
                    len(paragraphs) + 1,
                    f"被告は、原告{row.number}に対し、{_amount(row.total)}及びこれに対する{interest}による金員を支払え。",
                )
            )
    money = len(paragraphs)
    paragraphs.append(ClaimParagraph(money + 1, "訴訟費用は被告の負担とする。"))
    if money == 0:
        closing = "との判決を求める。"
    elif money == 1:
        closing = "との判決並びに第1項につき仮執行の宣言を求める。"
    else:
        closing = f"との判決並びに第1項から第{money}項までにつき仮執行の宣言を求める。"
    return paragraphs, closing


def complaint_context(
    parties: Parties,
    settings: FilingSettings,
    table: ClaimTable,
    fee: FilingFee,
    exhibits: Sequence[Exhibit],
    *,
    made_on: date,
    form: ComplaintForm = "paragraphs",
) -> dict[str, Any]:
    if form not in ("paragraphs", "table"):
        raise ValueError(f"unknown form of the 請求の趣旨: {form!r}")
    _check_scope(parties, table, fee, "lawsuit")
    values = placeholder_values(parties, table)
    claims, closing = _claim_paragraphs(table, form)
    texts = settings.texts
    return {
        "made_on": made_on,
        "court": parties.proceeding.court,
        "signatures": _signatures(settings, "lawsuit"),
        "case_title": _require(parties.case.title, "the case title (事件名)"),
        "claim_value": _amount(fee.claim_value),
        "fee": _amount(fee.fee),
        "claims": claims,
        "closing": closing,
        "cause": _text(texts.complaint_cause, values, "the 請求の原因 (complaint_cause)"),
        "related_facts": _text(texts.related_facts, values, "the 関連事実 (related_facts)"),
        "exhibits": _exhibit_lines(exhibits),
        "attachments": _attachments(parties, petition=False),
    }


def complaint_html(
    parties: Parties,
    settings: FilingSettings,
    table: ClaimTable,
    fee: FilingFee,
    exhibits: Sequence[Exhibit],
    *,
    made_on: date,
    form: ComplaintForm = "paragraphs",
) -> str:
    context = complaint_context(parties, settings, table, fee, exhibits, made_on=made_on, form=form)
    return _render(COMPLAINT, context)


# ---- 調停申立書 ----------------------------------------------------------------------------------------


def mediation_petition_context(
    parties: Parties,
    settings: FilingSettings,
    table: ClaimTable,
    fee: FilingFee,
    *,
    made_on: date,
    exhibits: Sequence[Exhibit] = (),
) -> dict[str, Any]:
    _check_scope(parties, table, fee, "mediation")
    values = placeholder_values(parties, table)
    texts = settings.texts
    items = [
        ClaimParagraph(1, "相手方は、申立人らに対し、別紙請求一覧の各申立人に対応する合計欄記載の金員を支払う。"),
        *(
            ClaimParagraph(i, fill_placeholders(item.strip(), values, where="a 相当な解決 item"))
            for i, item in enumerate(texts.mediation_resolution_items, start=2)
        ),
    ]
    return {
        "made_on": made_on,
        "court": parties.proceeding.court,
        "signatures": _signatures(settings, "mediation"),
        "claim_value": _amount(fee.claim_value),
        "fee": _amount(fee.fee),
        "items": items,
        "dispute": _text(texts.mediation_dispute, values, "the 紛争の要点 (mediation_dispute)"),
        "exhibits": _exhibit_lines(exhibits),
        "attachments": _attachments(parties, petition=True),
    }


def mediation_petition_html(
    parties: Parties,
    settings: FilingSettings,
    table: ClaimTable,
    fee: FilingFee,
    *,
    made_on: date,
    exhibits: Sequence[Exhibit] = (),
) -> str:
    context = mediation_petition_context(parties, settings, table, fee, made_on=made_on, exhibits=exhibits)
    return _render(MEDIATION_PETITION, context)
