from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Invalid, NotFound
from bengodan_common.etag import require_match
from claims_api.audit import service as audit
from claims_api.cases.service import get_case
from claims_api.claimants.service import get as get_claimant
from claims_api.damages.heads import HEADS, DamageHead, LegalBasis
from claims_api.damages.models import DamageItem
from claims_api.damages.schemas import (
    ClaimantSummary,
    DamageItemCreate,
    DamageItemRead,
    DamageItemUpdate,
    HeadTotal,
    SummaryInterest,
)
from claims_api.legal import RateUnknown, delay_damages, delay_rate_for_service, delay_start


def to_read(item: DamageItem) -> DamageItemRead:
    info = HEADS[DamageHead(item.head)]
    return DamageItemRead(
        id=item.id or 0,
        claimant_id=item.claimant_id,
        head=DamageHead(item.head),
        head_label=info.label,
        legal_basis=info.legal_basis,
        amount=item.amount,
        formula=item.formula,
        facts=item.facts,
        exhibit_slot=info.exhibit_slot,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def list_items(*, session: Session, claimant_id: int) -> list[DamageItemRead]:
    get_claimant(session=session, claimant_id=claimant_id)
    items = session.exec(select(DamageItem).where(DamageItem.claimant_id == claimant_id).order_by(col(DamageItem.id)))
    return [to_read(i) for i in items]


def _get_item(session: Session, claimant_id: int, item_id: int) -> DamageItem:
    item = session.get(DamageItem, item_id)
    if item is None or item.claimant_id != claimant_id:
        raise NotFound("damage item", item_id)
    return item


def create(*, session: Session, claimant_id: int, data: DamageItemCreate, actor: Principal) -> DamageItemRead:
    get_claimant(session=session, claimant_id=claimant_id)
    item = DamageItem(
        claimant_id=claimant_id,
        head=data.head.value,
        amount=data.amount,
        formula=data.formula,
        facts=data.facts,
    )
    session.add(item)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.create",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item_id": item.id, "head": item.head, "amount": item.amount},
    )
    return to_read(item)


def get_item(*, session: Session, claimant_id: int, item_id: int) -> DamageItemRead:
    return to_read(_get_item(session, claimant_id, item_id))


def update(
    *,
    session: Session,
    claimant_id: int,
    item_id: int,
    data: DamageItemUpdate,
    actor: Principal,
    if_match: str | None = None,
) -> DamageItemRead:
    item = _get_item(session, claimant_id, item_id)
    require_match(if_match, to_read(item))
    before = item.amount
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(item, field, value)
    item.updated_at = utcnow()
    session.add(item)
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.update",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item_id": item_id, "amount_before": before, "amount": item.amount},
    )
    return to_read(item)


def delete(*, session: Session, claimant_id: int, item_id: int, actor: Principal, if_match: str | None = None) -> None:
    item = _get_item(session, claimant_id, item_id)
    require_match(if_match, to_read(item))
    session.delete(item)
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.delete",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item_id": item_id, "head": item.head, "amount": item.amount},
    )


def summary(*, session: Session, claimant_id: int, as_of: date | None = None) -> ClaimantSummary:
    """Sum per head (all six, in schedule order), per legal basis, and the total, in whole yen; with `as_of`
    and a service date on the case, the delay damages up to that day too."""
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    sums = dict(
        session.exec(
            select(DamageItem.head, func.sum(DamageItem.amount))
            .where(DamageItem.claimant_id == claimant_id)
            .group_by(col(DamageItem.head))
        ).all()
    )
    heads = [
        HeadTotal(head=head, label=info.label, legal_basis=info.legal_basis, amount=int(sums.get(head.value) or 0))
        for head, info in HEADS.items()
    ]
    contract = sum(h.amount for h in heads if h.legal_basis is LegalBasis.contract)
    unjust = sum(h.amount for h in heads if h.legal_basis is LegalBasis.unjust_enrichment)
    served_on = get_case(session=session, case_id=claimant.case_id).served_on
    return ClaimantSummary(
        claimant_id=claimant_id,
        heads=heads,
        contract_total=contract,
        unjust_enrichment_total=unjust,
        total=contract + unjust,
        interest=_interest(contract, unjust, served_on, as_of) if as_of and served_on else None,
    )


def _interest(contract: int, unjust: int, served_on: date, as_of: date) -> SummaryInterest:
    start = delay_start(served_on)
    try:
        rate = delay_rate_for_service(served_on)
    except RateUnknown as exc:
        raise Invalid("served_on", str(exc)) from exc
    on_contract = delay_damages(contract, start, as_of, rate)
    on_unjust = delay_damages(unjust, start, as_of, rate)
    return SummaryInterest(
        as_of=as_of,
        start=start,
        rate=rate,
        contract=on_contract,
        unjust_enrichment=on_unjust,
        total=on_contract + on_unjust,
    )
