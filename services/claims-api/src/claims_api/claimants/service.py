from __future__ import annotations

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy import case as sql_case
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
from claims_api.damages.heads import HEADS, LegalBasis
from claims_api.damages.models import DamageItem

_UNJUST_HEADS = [h.value for h, info in HEADS.items() if info.legal_basis is LegalBasis.unjust_enrichment]


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
    audit.record(
        session=session, actor=actor, action="claimant.create", entity="claimant", entity_id=claimant.id
    )
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
    totals = (
        select(
            DamageItem.claimant_id,
            func.sum(sql_case((col(DamageItem.head).in_(_UNJUST_HEADS), 0), else_=DamageItem.amount)).label(
                "contract"
            ),
            func.sum(sql_case((col(DamageItem.head).in_(_UNJUST_HEADS), DamageItem.amount), else_=0)).label(
                "unjust"
            ),
        )
        .group_by(col(DamageItem.claimant_id))
        .subquery()
    )
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
    rows = session.exec(
        select(Claimant, func.coalesce(totals.c.contract, 0), func.coalesce(totals.c.unjust, 0))
        .outerjoin(totals, totals.c.claimant_id == Claimant.id)
        .where(*conditions)
        .order_by(col(Claimant.id))
        .limit(limit)
        .offset(offset)
    ).all()
    items = [
        ClaimantListItem(
            **ClaimantRead.model_validate(c).model_dump(),
            contract_total=int(contract),
            unjust_enrichment_total=int(unjust),
            total=int(contract) + int(unjust),
        )
        for c, contract, unjust in rows
    ]
    return ClaimantPage(items=items, total=count, limit=limit, offset=offset)
