from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, NotFound
from claims_api.audit import service as audit
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.cases.schemas import CaseCreate, MemberAdd, ProceedingCreate, ProceedingRead, Recipient
from claims_api.claimants.models import Claimant


def list_cases(*, session: Session) -> list[Case]:
    return list(session.exec(select(Case).order_by(col(Case.id))))


def get_case(*, session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    return case


def create_case(*, session: Session, data: CaseCreate, actor: Principal) -> Case:
    case = Case(**data.model_dump())
    session.add(case)
    session.flush()
    audit.record(session=session, actor=actor, action="case.create", entity="case", entity_id=case.id)
    return case


def update_case(*, session: Session, case_id: int, data: CaseCreate, actor: Principal) -> Case:
    case = get_case(session=session, case_id=case_id)
    for field, value in data.model_dump().items():
        setattr(case, field, value)
    case.updated_at = utcnow()
    session.add(case)
    audit.record(session=session, actor=actor, action="case.update", entity="case", entity_id=case.id)
    return case


def list_proceedings(*, session: Session, case_id: int) -> list[ProceedingRead]:
    get_case(session=session, case_id=case_id)
    counts = (
        select(ProceedingMember.proceeding_id, func.count().label("n"))
        .group_by(col(ProceedingMember.proceeding_id))
        .subquery()
    )
    rows = session.exec(
        select(Proceeding, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.proceeding_id == Proceeding.id)
        .where(Proceeding.case_id == case_id)
        .order_by(col(Proceeding.id))
    ).all()
    return [ProceedingRead.model_validate(p).model_copy(update={"member_count": n}) for p, n in rows]


def get_proceeding(*, session: Session, proceeding_id: int) -> Proceeding:
    proceeding = session.get(Proceeding, proceeding_id)
    if proceeding is None:
        raise NotFound("proceeding", proceeding_id)
    return proceeding


def create_proceeding(*, session: Session, case_id: int, data: ProceedingCreate, actor: Principal) -> Proceeding:
    get_case(session=session, case_id=case_id)
    proceeding = Proceeding(case_id=case_id, **data.model_dump())
    session.add(proceeding)
    session.flush()
    audit.record(session=session, actor=actor, action="proceeding.create", entity="proceeding", entity_id=proceeding.id)
    return proceeding


def add_member(*, session: Session, proceeding_id: int, data: MemberAdd, actor: Principal) -> ProceedingMember:
    proceeding = get_proceeding(session=session, proceeding_id=proceeding_id)
    claimant = session.get(Claimant, data.claimant_id)
    if claimant is None or claimant.case_id != proceeding.case_id:
        raise NotFound("claimant", data.claimant_id)
    existing = session.exec(
        select(ProceedingMember).where(
            ProceedingMember.proceeding_id == proceeding_id, ProceedingMember.claimant_id == data.claimant_id
        )
    ).first()
    if existing is not None:
        raise Conflict(f"claimant {data.claimant_id} is already member {existing.number} of this proceeding")
    numbers = select(func.max(ProceedingMember.number)).where(ProceedingMember.proceeding_id == proceeding_id)
    number = data.number or (session.exec(numbers).one() or 0) + 1
    taken = session.exec(
        select(ProceedingMember).where(
            ProceedingMember.proceeding_id == proceeding_id, ProceedingMember.number == number
        )
    ).first()
    if taken is not None:
        raise Conflict(f"number {number} is already taken in this proceeding")
    member = ProceedingMember(proceeding_id=proceeding_id, claimant_id=data.claimant_id, number=number)
    session.add(member)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="proceeding.member.add",
        entity="proceeding",
        entity_id=proceeding_id,
        detail={"claimant_id": data.claimant_id, "number": number},
    )
    return member


def recipients(*, session: Session, proceeding_id: int) -> list[Recipient]:
    get_proceeding(session=session, proceeding_id=proceeding_id)
    rows = session.exec(
        select(Claimant)
        .join(ProceedingMember, col(ProceedingMember.claimant_id) == Claimant.id)
        .where(ProceedingMember.proceeding_id == proceeding_id)
        .order_by(col(ProceedingMember.number))
    ).all()
    return [
        Recipient(claimant_id=c.id or 0, name=c.name, email=c.email, reminder_consent=c.reminder_consent) for c in rows
    ]
