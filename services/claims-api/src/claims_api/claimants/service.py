from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import NotFound
from claims_api.audit import service as audit
from claims_api.cases.service import get_case
from claims_api.claimants.models import Claimant
from claims_api.claimants.schemas import (
    ClaimantCreate,
    ClaimantListItem,
    ClaimantPage,
    ClaimantRead,
    ClaimantUpdate,
)
from claims_api.damages.totals import totals_by_claimant


def get(*, session: Session, claimant_id: int) -> Claimant:
    claimant = session.get(Claimant, claimant_id)
    if claimant is None:
        raise NotFound("claimant", claimant_id)
    return claimant


def create(*, session: Session, data: ClaimantCreate, actor: Principal) -> Claimant:
    get_case(session=session, case_id=data.case_id)
    claimant = Claimant(**data.model_dump(mode="json"))
    session.add(claimant)
    session.flush()
    audit.record(session=session, actor=actor, action="claimant.create", entity="claimant", entity_id=claimant.id)
    return claimant


def update(*, session: Session, claimant_id: int, data: ClaimantUpdate, actor: Principal) -> Claimant:
    claimant = get(session=session, claimant_id=claimant_id)
    changes = data.model_dump(mode="json", exclude_unset=True)
    for field, value in changes.items():
        setattr(claimant, field, value)
    claimant.updated_at = utcnow()
    session.add(claimant)
    audit.record(
        session=session,
        actor=actor,
        action="claimant.update",
        entity="claimant",
        entity_id=claimant_id,
        detail={"fields": sorted(changes)},  # names only: values may be personal data
    )
    return claimant


def search(*, session: Session, case_id: int | None, q: str | None, limit: int, offset: int) -> ClaimantPage:
    """A page of claimants with their totals, searchable by name, kana, office or registration number."""
    conditions: list[ColumnElement[bool]] = []
    if case_id is not None:
        conditions.append(col(Claimant.case_id) == case_id)
    if q and q.strip():
        pattern = f"%{q.strip()}%"
        conditions.append(
            or_(
                col(Claimant.name).ilike(pattern),
                col(Claimant.name_kana).ilike(pattern),
                col(Claimant.office_name).ilike(pattern),
                col(Claimant.registration_no).ilike(pattern),
            )
        )
    count = session.exec(select(func.count()).select_from(Claimant).where(*conditions)).one()
    page = session.exec(
        select(Claimant).where(*conditions).order_by(col(Claimant.id)).limit(limit).offset(offset)
    ).all()
    totals = totals_by_claimant([c.id for c in page if c.id is not None])
    sums = {row.claimant_id: (int(row.contract), int(row.unjust)) for row in session.execute(totals.select()).all()}
    items = []
    for claimant in page:
        contract, unjust = sums.get(claimant.id or 0, (0, 0))
        items.append(
            ClaimantListItem(
                **ClaimantRead.model_validate(claimant).model_dump(),
                contract_total=contract,
                unjust_enrichment_total=unjust,
                total=contract + unjust,
            )
        )
    return ClaimantPage(items=items, total=count, limit=limit, offset=offset)
