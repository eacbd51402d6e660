from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, Invalid, NotFound
from bengodan_common.etag import require_match
from bengodan_common.japanese import exhibit_label
from claims_api.audit import service as audit
from claims_api.cases.models import Case
from claims_api.cases.service import get_case
from claims_api.claimants.models import Claimant
from claims_api.claimants.service import get as get_claimant
from claims_api.claimants.service import today
from claims_api.damages.compute import INPUT_MODELS, Context, compute
from claims_api.damages.heads import HEADS, DamageHead, LegalBasis
from claims_api.damages.models import DamageItem, DamageItemExhibit, InsurerSettlement
from claims_api.damages.schemas import (
    ClaimantSummary,
    DamageItemCreate,
    DamageItemPreview,
    DamageItemRead,
    DamageItemUpdate,
    ExhibitRef,
    HeadTotal,
    InsurerSettlementRead,
    SuccessFeeEstimate,
    SummaryInterest,
)
from claims_api.evidence.models import Exhibit
from claims_api.legal import RateUnknown, delay_damages, delay_rate_for_service, delay_start, success_fee


def linked_exhibits(session: Session, item_ids: Sequence[int]) -> dict[int, list[Exhibit]]:
    """The exhibits linked to each item (the case's common ones included), in label order."""
    if not item_ids:
        return {}
    rows = session.exec(
        select(DamageItemExhibit.damage_item_id, Exhibit)
        .join(Exhibit, col(Exhibit.id) == DamageItemExhibit.exhibit_id)
        .where(col(DamageItemExhibit.damage_item_id).in_(item_ids))
        .order_by(col(Exhibit.number), col(Exhibit.branch))
    ).all()
    linked: dict[int, list[Exhibit]] = {}
    for item_id, exhibit in rows:
        linked.setdefault(item_id, []).append(exhibit)
    return linked


def _exhibit_refs(session: Session, item_ids: list[int]) -> dict[int, list[ExhibitRef]]:
    return {
        item_id: [ExhibitRef(id=e.id or 0, label=exhibit_label(e.number, e.branch, side=e.side)) for e in exhibits]
        for item_id, exhibits in linked_exhibits(session, item_ids).items()
    }


def _settlements(session: Session, item_ids: list[int]) -> dict[int, InsurerSettlementRead]:
    if not item_ids:
        return {}
    rows = session.exec(select(InsurerSettlement).where(col(InsurerSettlement.damage_item_id).in_(item_ids))).all()
    return {
        row.damage_item_id: InsurerSettlementRead(
            paid_amount=row.paid_amount, paid_on=row.paid_on, client_id=row.client_id, recorded_at=row.recorded_at
        )
        for row in rows
    }


def _read(
    item: DamageItem, exhibits: list[ExhibitRef], settlement: InsurerSettlementRead | None = None
) -> DamageItemRead:
    head = DamageHead(item.head)
    info = HEADS[head]
    return DamageItemRead(
        id=item.id or 0,
        claimant_id=item.claimant_id,
        head=head,
        head_label=info.label,
        legal_basis=info.legal_basis,
        inputs=INPUT_MODELS[head].model_validate(item.inputs) if item.inputs is not None else None,
        amount=item.amount,
        formula=item.formula,
        declared_amount=item.declared_amount,
        difference=None if item.declared_amount is None else item.amount - item.declared_amount,
        facts=item.facts,
        exhibit_slot=info.exhibit_slot,
        exhibits=exhibits,
        claimed_from="insurer" if item.claimed_from == "insurer" else "vendor",
        settlement=settlement,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def to_read(session: Session, item: DamageItem) -> DamageItemRead:
    item_id = item.id or 0
    return _read(
        item, _exhibit_refs(session, [item_id]).get(item_id, []), _settlements(session, [item_id]).get(item_id)
    )


def list_items(*, session: Session, claimant_id: int) -> list[DamageItemRead]:
    get_claimant(session=session, claimant_id=claimant_id)
    return items_by_claimant(session=session, claimant_ids=[claimant_id]).get(claimant_id, [])


def items_by_claimant(*, session: Session, claimant_ids: Sequence[int]) -> dict[int, list[DamageItemRead]]:
    """The items of many claimants, each list in id order (as `list_items`): two queries for the batch.
    Claimants without items have no key."""
    if not claimant_ids:
        return {}
    items = session.exec(
        select(DamageItem)
        .where(col(DamageItem.claimant_id).in_(claimant_ids))
        .order_by(col(DamageItem.claimant_id), col(DamageItem.id))
    ).all()
    item_ids = [i.id for i in items if i.id is not None]
    refs, settled = _exhibit_refs(session, item_ids), _settlements(session, item_ids)
    result: dict[int, list[DamageItemRead]] = {}
    for item in items:
        item_id = item.id or 0
        result.setdefault(item.claimant_id, []).append(_read(item, refs.get(item_id, []), settled.get(item_id)))
    return result


def _get_item(session: Session, claimant_id: int, item_id: int) -> DamageItem:
    item = session.get(DamageItem, item_id)
    if item is None or item.claimant_id != claimant_id:
        raise NotFound("damage item", item_id)
    return item


def context_for(session: Session, claimant: Claimant) -> Context:
    case = get_case(session=session, case_id=claimant.case_id)
    return Context(
        incident_date=case.incident_date,
        today=today(),
        reputation_amount=case.reputation_amount,
        service_usable_on=claimant.service_usable_on,
    )


def _apply_inputs(item: DamageItem, data: DamageItemCreate, ctx: Context) -> None:
    computed = compute(data.head, data.inputs, ctx)
    # Stored as given: a date left to default follows the claimant's record when it changes (see recompute).
    item.inputs = data.inputs.model_dump(mode="json")
    item.amount = computed.amount
    item.formula = computed.formula


def _set_exhibits(session: Session, item: DamageItem, claimant: Claimant, exhibit_ids: list[int]) -> None:
    """Link the item to exhibits of its case: common ones or the claimant's own."""
    wanted = list(dict.fromkeys(exhibit_ids))
    found = {e.id: e for e in session.exec(select(Exhibit).where(col(Exhibit.id).in_(wanted))).all()}
    for exhibit_id in wanted:
        exhibit = found.get(exhibit_id)
        if exhibit is None or exhibit.case_id != claimant.case_id:
            raise Invalid("exhibit_ids", f"exhibit {exhibit_id} does not exist in this case")
        if exhibit.claimant_id not in (None, claimant.id):
            raise Invalid("exhibit_ids", f"exhibit {exhibit_id} belongs to another claimant")
    for link in session.exec(select(DamageItemExhibit).where(DamageItemExhibit.damage_item_id == item.id)).all():
        session.delete(link)
    session.flush()
    for exhibit_id in wanted:
        session.add(DamageItemExhibit(damage_item_id=item.id or 0, exhibit_id=exhibit_id))


def _snapshot(read: DamageItemRead) -> dict[str, object]:
    return read.model_dump(
        mode="json", include={"inputs", "amount", "declared_amount", "facts", "exhibits", "claimed_from"}
    )


def _refuse_if_settled(before: DamageItemRead, change: str) -> None:
    if before.settlement is not None:
        raise Conflict(
            f"the insurer paid this item on {before.settlement.paid_on.isoformat()} and holds the claim by "
            f"subrogation; it cannot be {change}"
        )


def create(*, session: Session, claimant_id: int, data: DamageItemCreate, actor: Principal) -> DamageItemRead:
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    taken = Conflict(f"the claimant already has a {data.head.value} item; change that one instead")
    if session.exec(
        select(DamageItem.id).where(DamageItem.claimant_id == claimant_id, DamageItem.head == data.head.value)
    ).first():
        raise taken
    item = DamageItem(
        claimant_id=claimant_id,
        head=data.head.value,
        amount=0,
        facts=data.facts,
        declared_amount=data.declared_amount,
    )
    _apply_inputs(item, data, context_for(session, claimant))
    session.add(item)
    try:
        session.flush()
    except IntegrityError as exc:  # created by a concurrent request since the check above
        raise taken from exc
    _set_exhibits(session, item, claimant, data.exhibit_ids)
    read = to_read(session, item)
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.create",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item_id": item.id, "head": item.head},
        after=_snapshot(read),
    )
    return read


def preview(*, session: Session, claimant_id: int, data: DamageItemCreate) -> DamageItemPreview:
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    computed = compute(data.head, data.inputs, context_for(session, claimant))
    declared = data.declared_amount
    return DamageItemPreview(
        head=data.head,
        amount=computed.amount,
        formula=computed.formula,
        declared_amount=declared,
        difference=None if declared is None else computed.amount - declared,
    )


def get_item(*, session: Session, claimant_id: int, item_id: int) -> DamageItemRead:
    return to_read(session, _get_item(session, claimant_id, item_id))


def replace(
    *,
    session: Session,
    claimant_id: int,
    item_id: int,
    data: DamageItemCreate,
    actor: Principal,
    if_match: str | None = None,
) -> DamageItemRead:
    """New inputs (and facts, declared amount, exhibits) in full; the amount and formula are recomputed."""
    item = _get_item(session, claimant_id, item_id)
    before = to_read(session, item)
    require_match(if_match, before)
    if data.head.value != item.head:
        raise Invalid("head", f"the item is a {item.head} item; delete it and create a {data.head.value} item")
    stored = INPUT_MODELS[data.head].model_validate(item.inputs).model_dump(mode="json") if item.inputs else None
    if before.settlement is not None and data.inputs.model_dump(mode="json") != stored:
        _refuse_if_settled(before, "recomputed from new inputs")
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    _apply_inputs(item, data, context_for(session, claimant))
    item.facts = data.facts
    item.declared_amount = data.declared_amount
    return _save(session, item, claimant, data.exhibit_ids, before, actor)


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
    before = to_read(session, item)
    require_match(if_match, before)
    changes = data.model_dump(exclude_unset=True)
    if "facts" in changes and changes["facts"] is not None:
        item.facts = changes["facts"]
    if "declared_amount" in changes:
        item.declared_amount = changes["declared_amount"]
    if changes.get("claimed_from") is not None and changes["claimed_from"] != item.claimed_from:
        _refuse_if_settled(before, "claimed from the vendor again")
        item.claimed_from = changes["claimed_from"]
    exhibit_ids = changes.get("exhibit_ids")
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    return _save(session, item, claimant, exhibit_ids, before, actor)


def _save(
    session: Session,
    item: DamageItem,
    claimant: Claimant,
    exhibit_ids: list[int] | None,
    before: DamageItemRead,
    actor: Principal,
) -> DamageItemRead:
    item.updated_at = utcnow()
    session.add(item)
    session.flush()
    if exhibit_ids is not None:
        _set_exhibits(session, item, claimant, exhibit_ids)
    read = to_read(session, item)
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.update",
        entity="claimant",
        entity_id=item.claimant_id,
        detail={"item_id": item.id, "head": item.head},
        before=_snapshot(before),
        after=_snapshot(read),
    )
    return read


def delete(*, session: Session, claimant_id: int, item_id: int, actor: Principal, if_match: str | None = None) -> None:
    item = _get_item(session, claimant_id, item_id)
    before = to_read(session, item)
    require_match(if_match, before)
    _refuse_if_settled(before, "deleted")
    for link in session.exec(select(DamageItemExhibit).where(DamageItemExhibit.damage_item_id == item_id)).all():
        session.delete(link)
    session.delete(item)
    audit.record(
        session=session,
        actor=actor,
        action="damage_item.delete",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item_id": item_id, "head": item.head},
        before=_snapshot(before),
    )


def summary(*, session: Session, claimant_id: int, as_of: date | None = None) -> ClaimantSummary:
    """Sum per head (all six, in schedule order), per legal basis, and the total, in whole yen; with `as_of`
    and a service date on the case, the delay damages up to that day too."""
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    case = get_case(session=session, case_id=claimant.case_id)
    sums = _head_sums(session, [claimant_id]).get(claimant_id, {})
    return _summary(claimant_id, sums, case, as_of)


def summaries(*, session: Session, case: Case, claimant_ids: Sequence[int]) -> dict[int, ClaimantSummary]:
    """`summary` without `as_of` for many claimants of one case, one query for the batch; every id has a key."""
    sums = _head_sums(session, claimant_ids)
    return {cid: _summary(cid, sums.get(cid, {}), case, None) for cid in claimant_ids}


def _head_sums(session: Session, claimant_ids: Sequence[int]) -> dict[int, dict[str, tuple[str, int, int | None]]]:
    """Per claimant and head (one item per head): where it is claimed, its amount, what the insurer paid."""
    if not claimant_ids:
        return {}
    rows = session.execute(
        sa_select(
            col(DamageItem.claimant_id),
            col(DamageItem.head),
            col(DamageItem.claimed_from),
            col(DamageItem.amount),
            col(InsurerSettlement.paid_amount),
        )
        .outerjoin(InsurerSettlement, col(InsurerSettlement.damage_item_id) == DamageItem.id)
        .where(col(DamageItem.claimant_id).in_(claimant_ids))
    ).all()
    sums: dict[int, dict[str, tuple[str, int, int | None]]] = {}
    for claimant_id, head, claimed_from, amount, paid in rows:
        sums.setdefault(claimant_id, {})[head] = (claimed_from, int(amount), None if paid is None else int(paid))
    return sums


def _head_total(head: DamageHead, sums: dict[str, tuple[str, int, int | None]]) -> HeadTotal:
    info = HEADS[head]
    claimed_from, amount, paid = sums.get(head.value, ("vendor", 0, None))
    from_insurer = claimed_from == "insurer"
    return HeadTotal(
        head=head,
        label=info.label,
        legal_basis=info.legal_basis,
        amount=0 if from_insurer else amount,
        claimed_from="insurer" if from_insurer else "vendor",
        insurer_amount=amount if from_insurer else 0,
        insurer_paid=paid,
    )


def _summary(
    claimant_id: int, sums: dict[str, tuple[str, int, int | None]], case: Case, as_of: date | None
) -> ClaimantSummary:
    heads = [_head_total(head, sums) for head in HEADS]
    contract = sum(h.amount for h in heads if h.legal_basis is LegalBasis.contract)
    unjust = sum(h.amount for h in heads if h.legal_basis is LegalBasis.unjust_enrichment)
    served_on = case.served_on
    rate = Decimal(case.success_fee_rate_bp) / 10_000
    return ClaimantSummary(
        claimant_id=claimant_id,
        heads=heads,
        contract_total=contract,
        unjust_enrichment_total=unjust,
        total=contract + unjust,
        interest=_interest(contract, unjust, served_on, as_of) if as_of and served_on else None,
        success_fee=SuccessFeeEstimate(
            rate=rate,
            consumption_tax=case.success_fee_consumption_tax,
            on_amount=contract + unjust,
            amount=success_fee(contract + unjust, rate, case.success_fee_consumption_tax),
        ),
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
