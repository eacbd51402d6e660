"""Open intake checklists: the claimants still owing checklist items, for notify's intake reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from claims_api.claimants.models import Claimant, ClaimantStageChange

# The checklist rules live in the claimants service, once, and are used here rather than derived again:
# `missing_items_expr` is the SQL form of "some applicable item is not received" (the claimant list's `missing=true`);
# `read_many` reports each claimant's `missing_items` in checklist order, for a batch in a few queries.
from claims_api.claimants.service import missing_items_expr, read_many
from claims_api.claimants.stages import CHECKLIST_LABELS, Stage
from claims_api.intake.schemas import OpenIntakePage


def _open_conditions(*, case_id: int | None) -> list[ColumnElement[bool]]:
    """A claimant's intake is open while some applicable checklist item is missing and it is not yet filed.

    The stage model has no withdrawn, declined or closed state: `filed` is the one stage after which intake is
    over (the claim is before the court; an item cleared afterwards is a correction for the staff, not something
    to remind the office of). `ready_to_file` stays in: the file was complete when the claimant got there, so a
    missing item there was cleared since and is owed again before filing. `customer_status` "cancelled" is the
    office's contract with the vendor (解約済み), not a withdrawal from the claim, and leaves nobody out.
    Claimants without an e-mail address or without reminder consent are listed: notify decides what to do."""
    conditions = [col(Claimant.stage) != Stage.filed.value, missing_items_expr()]
    if case_id is not None:
        conditions.append(col(Claimant.case_id) == case_id)
    return conditions


def _intake_started(*, session: Session, claimants: Sequence[Claimant]) -> dict[int, datetime]:
    """When each claimant's intake began: the entry that opened its stage history (no `from_stage`; written when
    the claimant is created or imported, and dated to the real start where records were carried over, as in the
    demo data). One query for the batch; claimants registered before the stage history existed have no entry
    and fall back to `created_at`."""
    ids = [c.id for c in claimants if c.id is not None]
    if not ids:
        return {}
    rows = session.exec(
        select(ClaimantStageChange.claimant_id, func.min(col(ClaimantStageChange.at)))
        .where(col(ClaimantStageChange.claimant_id).in_(ids), col(ClaimantStageChange.from_stage).is_(None))
        .group_by(col(ClaimantStageChange.claimant_id))
    ).all()
    started = {claimant_id: at for claimant_id, at in rows if at is not None}
    return {c.id: started.get(c.id, c.created_at) for c in claimants if c.id is not None}


def open_checklists(*, session: Session, case_id: int | None, limit: int, offset: int) -> OpenIntakePage:
    """A page of the claimants whose intake is open (see `_open_conditions`), by claimant id, each with the
    applicable checklist items not yet received, in checklist order and with their labels. The same six
    queries whatever the page's size: count, page, the stage history's first entries, and the claimants'
    reader (checklist rows, open deficiencies, duplicate flags)."""
    conditions = _open_conditions(case_id=case_id)
    total = session.exec(select(func.count()).select_from(Claimant).where(*conditions)).one()
    page = session.exec(
        select(Claimant).where(*conditions).order_by(col(Claimant.id)).limit(limit).offset(offset)
    ).all()
    started = _intake_started(session=session, claimants=page)
    items = []
    for claimant in read_many(session=session, claimants=page):
        items.append(
            {
                "claimant_id": claimant.id,
                "case_id": claimant.case_id,
                "name": claimant.name,
                "email": claimant.email,
                "reminder_consent": claimant.reminder_consent,
                "intake_started_at": started[claimant.id],
                "missing": [{"item": item, "label": CHECKLIST_LABELS[item]} for item in claimant.missing_items],
            }
        )
    return OpenIntakePage.model_validate({"items": items, "total": total, "limit": limit, "offset": offset})
