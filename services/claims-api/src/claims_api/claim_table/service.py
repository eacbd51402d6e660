"""The 請求一覧 and the filing fee of a proceeding, from the damage items (claims-api computes; the filings
print what it returns)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import func, null
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from bengodan_common.errors import Invalid, NotFound
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.cases.service import get_case, get_proceeding
from claims_api.claim_table.schemas import (
    ClaimTable,
    ClaimTableRow,
    ClaimTableTotals,
    FeeShare,
    FilingFee,
    InterestTerms,
)
from claims_api.claimants.models import Claimant
from claims_api.damages.totals import totals_by_claimant
from claims_api.legal import (
    FeeKind,
    claim_value,
    delay_rate_for_service,
    delay_start,
    fee_shares,
    filing_fee,
    legal_rate,
)
from claims_api.legal.rates import RateUnknown


def rate_text(rate: Decimal) -> str:
    """歩合 notation of judgments: 0.03 → 年3分, 0.025 → 年2分5厘, 0.18 → 年1割8分, 0.1 → 年1割."""
    tenths_of_percent = int(rate * 1000)
    wari, rest = divmod(tenths_of_percent, 100)
    bu, rin = divmod(rest, 10)
    text = (f"{wari}割" if wari else "") + (f"{bu}分" if bu else "") + (f"{rin}厘" if rin else "")
    return f"年{text or '0分'}"


def interest_terms(case: Case, *, today: date) -> InterestTerms:
    basis: Literal["served", "assumed"]
    if case.served_on is not None:
        rate, basis = delay_rate_for_service(case.served_on), "served"
    else:
        rate, basis = legal_rate(today), "assumed"
    return InterestTerms(
        text=f"訴状送達の日の翌日から支払済みまで{rate_text(rate)}の割合",
        rate=rate,
        rate_basis=basis,
        served_on=case.served_on,
        start=delay_start(case.served_on) if case.served_on else None,
    )


def _rows(session: Session, case: Case, proceeding: Proceeding | None) -> list[ClaimTableRow]:
    totals = totals_by_claimant()
    contract, unjust = func.coalesce(totals.c.contract, 0), func.coalesce(totals.c.unjust, 0)
    query: Any  # two shapes of one row: (number, id, name, contract, unjust)
    if proceeding is not None:
        query = (
            sa_select(col(ProceedingMember.number), col(Claimant.id), col(Claimant.name), contract, unjust)
            .join(Claimant, col(Claimant.id) == ProceedingMember.claimant_id)
            .outerjoin(totals, totals.c.claimant_id == Claimant.id)
            .where(col(ProceedingMember.proceeding_id) == proceeding.id)
            .order_by(col(ProceedingMember.number))
        )
    else:  # the whole case, in the order claimants joined; no plaintiff numbers yet
        query = (
            sa_select(null(), col(Claimant.id), col(Claimant.name), contract, unjust)
            .outerjoin(totals, totals.c.claimant_id == Claimant.id)
            .where(col(Claimant.case_id) == case.id)
            .order_by(col(Claimant.id))
        )
    return [
        ClaimTableRow(
            number=number,
            claimant_id=claimant_id,
            name=name,
            contract_damages=int(c),
            unjust_enrichment=int(u),
            total=int(c) + int(u),
        )
        for number, claimant_id, name, c, u in session.execute(query).all()
    ]


def scope(session: Session, case_id: int, proceeding_id: int | None) -> tuple[Case, Proceeding | None]:
    """The case and, when given, its proceeding (404 for a proceeding of another case)."""
    case = get_case(session=session, case_id=case_id)
    if proceeding_id is None:
        return case, None
    proceeding = get_proceeding(session=session, proceeding_id=proceeding_id)
    if proceeding.case_id != case_id:
        raise NotFound("proceeding", proceeding_id)
    return case, proceeding


def claim_table(*, session: Session, case_id: int, proceeding_id: int | None, today: date) -> ClaimTable:
    case, proceeding = scope(session, case_id, proceeding_id)
    try:
        terms = interest_terms(case, today=today)
    except RateUnknown as exc:
        raise Invalid("served_on", str(exc)) from exc
    rows = _rows(session, case, proceeding)
    # Rows are typed columns straight from the database: not validated again, one by one.
    return ClaimTable.model_construct(
        case_id=case_id,
        proceeding_id=proceeding_id,
        interest=terms,
        rows=rows,
        totals=ClaimTableTotals(
            contract_damages=sum(r["contract_damages"] for r in rows),
            unjust_enrichment=sum(r["unjust_enrichment"] for r in rows),
            total=sum(r["total"] for r in rows),
            plaintiffs=len(rows),
        ),
    )


def default_fee_kind(proceeding: Proceeding | None) -> FeeKind:
    """The fee a filing pays unless told otherwise: a mediation's for a mediation, a suit's for anything else."""
    return "mediation" if proceeding is not None and proceeding.kind == "mediation" else "suit"


def proceeding_filing_fee(
    *, session: Session, case_id: int, proceeding_id: int | None, kind: FeeKind | None
) -> FilingFee:
    case, proceeding = scope(session, case_id, proceeding_id)
    if kind is None:
        kind = default_fee_kind(proceeding)
    rows = _rows(session, case, proceeding)
    claims = [r["total"] for r in rows]
    value = claim_value(claims)  # both legal bases are principal claims; interest is 附帯 and excluded
    fee = filing_fee(value, kind)
    shares = fee_shares(fee, claims) if value else [0] * len(claims)
    return FilingFee(
        case_id=case_id,
        proceeding_id=proceeding_id,
        kind=kind,
        claim_value=value,
        fee=fee,
        shares=[
            FeeShare(number=r["number"], claimant_id=r["claimant_id"], claim=r["total"], share=share)
            for r, share in zip(rows, shares, strict=True)
        ],
    )


@dataclass(frozen=True)
class ProceedingClaim:
    """A proceeding's claim table totals and its filing fee of the default kind, without the rows and shares."""

    proceeding_id: int
    contract_damages: int
    unjust_enrichment: int
    claim_value: int
    kind: FeeKind
    fee: int


def proceeding_claims(*, session: Session, proceedings: Sequence[Proceeding]) -> dict[int, ProceedingClaim]:
    """For each proceeding, what `claim_table` totals and `proceeding_filing_fee` (default kind) give, from one
    query grouped by proceeding: for overviews of several proceedings, which need neither rows nor shares."""
    ids = [p.id for p in proceedings if p.id is not None]
    sums: dict[int, tuple[int, int]] = {}
    if ids:
        totals = totals_by_claimant()
        rows = session.execute(
            sa_select(
                col(ProceedingMember.proceeding_id),
                func.coalesce(func.sum(totals.c.contract), 0),
                func.coalesce(func.sum(totals.c.unjust), 0),
            )
            .join(totals, totals.c.claimant_id == ProceedingMember.claimant_id)
            .where(col(ProceedingMember.proceeding_id).in_(ids))
            .group_by(col(ProceedingMember.proceeding_id))
        ).all()
        sums = {proceeding_id: (int(c), int(u)) for proceeding_id, c, u in rows}
    claims = {}
    for p in proceedings:
        assert p.id is not None
        contract, unjust = sums.get(p.id, (0, 0))
        value = claim_value((contract, unjust))  # both legal bases are principal claims, as in the filing fee
        kind = default_fee_kind(p)
        claims[p.id] = ProceedingClaim(
            proceeding_id=p.id,
            contract_damages=contract,
            unjust_enrichment=unjust,
            claim_value=value,
            kind=kind,
            fee=filing_fee(value, kind),
        )
    return claims
