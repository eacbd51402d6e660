"""Items follow the facts they were computed from: a new 利用可能になった日 on the claimant, or a new fixed
reputation sum or incident date on the case, recomputes the stored amounts in the same transaction."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Invalid
from claims_api.audit import service as audit
from claims_api.cases.models import Case
from claims_api.claimants.models import Claimant
from claims_api.damages.compute import INPUT_MODELS, Context, compute
from claims_api.damages.heads import DamageHead
from claims_api.damages.models import DamageItem


def recompute_items(
    *,
    session: Session,
    case: Case,
    claimants: list[Claimant],
    today: date,
    actor: Principal | str,
    changed_field: str,
) -> int:
    """Recompute the items of these claimants; return how many amounts changed. Inputs that the new facts
    make invalid refuse the change, naming `changed_field` and the item."""
    by_id = {c.id: c for c in claimants}
    items = session.exec(
        select(DamageItem)
        .where(col(DamageItem.claimant_id).in_(list(by_id)), col(DamageItem.inputs).is_not(None))
        .order_by(col(DamageItem.id))
    ).all()
    changed = 0
    for item in items:
        claimant = by_id[item.claimant_id]
        ctx = Context(
            incident_date=case.incident_date,
            today=today,
            reputation_amount=case.reputation_amount,
            service_usable_on=claimant.service_usable_on,
        )
        head = DamageHead(item.head)
        try:
            computed = compute(head, INPUT_MODELS[head].model_validate(item.inputs), ctx)
        except AppError as exc:
            reasons = "; ".join(e.reason for e in exc.errors or []) or str(exc)
            reason = f"the {head.value} item of claimant {claimant.id} would be invalid: {reasons}"
            raise Invalid(changed_field, reason) from exc
        if (computed.amount, computed.formula) == (item.amount, item.formula):
            continue
        before = item.amount
        item.amount, item.formula, item.updated_at = computed.amount, computed.formula, utcnow()
        session.add(item)
        changed += 1
        audit.record(
            session=session,
            actor=actor,
            action="damage_item.recompute",
            entity="claimant",
            entity_id=item.claimant_id,
            detail={"item_id": item.id, "head": item.head, "because": changed_field},
            before={"amount": before},
            after={"amount": computed.amount},
        )
    return changed
