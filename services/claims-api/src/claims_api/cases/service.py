from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Conflict, NotFound
from bengodan_common.etag import require_match
from bengodan_common.japanese import TOKYO
from claims_api.audit import service as audit
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.cases.schemas import (
    CaseCreate,
    CaseRead,
    MemberAdd,
    ProceedingCreate,
    ProceedingRead,
    ProceedingUpdate,
    Recipient,
)
from claims_api.claimants.models import Claimant
from claims_api.damages.recompute import recompute_items

_BASIS_POINTS = 10_000


def _rate_to_basis_points(rate: Decimal) -> int:
    points = rate * _BASIS_POINTS
    if points != points.to_integral_value():  # the schema allows 4 decimal places: never reached through the API
        raise ValueError(f"rate {rate} has more than 4 decimal places")
    return int(points)


def _basis_points_to_rate(points: int) -> Decimal:
    """1000 → Decimal("0.10"), 1250 → Decimal("0.125"): at least two decimal places, no trailing zeros after."""
    rate = (Decimal(points) / _BASIS_POINTS).normalize()
    return rate if -int(rate.as_tuple().exponent) >= 2 else rate.quantize(Decimal("0.01"))


def _case_columns(data: CaseCreate) -> dict[str, Any]:
    columns = data.model_dump(exclude={"success_fee_rate"})
    columns["success_fee_rate_bp"] = _rate_to_basis_points(data.success_fee_rate)
    return columns


def read_case(case: Case) -> CaseRead:
    return CaseRead.model_validate(
        case.model_dump(exclude={"success_fee_rate_bp"})
        | {"success_fee_rate": _basis_points_to_rate(case.success_fee_rate_bp)}
    )


def list_cases(*, session: Session) -> list[CaseRead]:
    return [read_case(case) for case in session.exec(select(Case).order_by(col(Case.id)))]


def get_case(*, session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("case", case_id)
    return case


def create_case(*, session: Session, data: CaseCreate, actor: Principal) -> Case:
    case = Case(**_case_columns(data))
    session.add(case)
    session.flush()
    audit.record(session=session, actor=actor, action="case.create", entity="case", entity_id=case.id)
    return case


def update_case(
    *, session: Session, case_id: int, data: CaseCreate, actor: Principal, if_match: str | None = None
) -> Case:
    """Replace the case's fields (PUT: fields left out take their defaults); 412 if `if_match` is stale."""
    case = get_case(session=session, case_id=case_id)
    require_match(if_match, read_case(case))
    columns = _case_columns(data)
    changed = sorted(field for field, value in columns.items() if getattr(case, field) != value)
    for field, value in columns.items():
        setattr(case, field, value)
    case.updated_at = utcnow()
    session.add(case)
    session.flush()
    for field in ("incident_date", "reputation_amount"):  # damage items are computed from these
        if field in changed:
            recompute_items(
                session=session,
                case=case,
                claimants=list(session.exec(select(Claimant).where(Claimant.case_id == case.id)).all()),
                today=datetime.now(TOKYO).date(),
                actor=actor,
                changed_field=field,
            )
            break
    audit.record(
        session=session,
        actor=actor,
        action="case.update",
        entity="case",
        entity_id=case.id,
        detail={"fields": changed},
    )
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


def read_proceeding(*, session: Session, proceeding: Proceeding) -> ProceedingRead:
    members = select(func.count()).select_from(ProceedingMember).where(ProceedingMember.proceeding_id == proceeding.id)
    return ProceedingRead.model_validate(proceeding).model_copy(update={"member_count": session.exec(members).one()})


def create_proceeding(*, session: Session, case_id: int, data: ProceedingCreate, actor: Principal) -> Proceeding:
    get_case(session=session, case_id=case_id)
    proceeding = Proceeding(case_id=case_id, **data.model_dump())
    session.add(proceeding)
    session.flush()
    audit.record(session=session, actor=actor, action="proceeding.create", entity="proceeding", entity_id=proceeding.id)
    return proceeding


def update_proceeding(
    *, session: Session, proceeding_id: int, data: ProceedingUpdate, actor: Principal, if_match: str | None = None
) -> Proceeding:
    """Change the given fields (filing date, court, case number, status, name); 412 if `if_match` is stale."""
    proceeding = get_proceeding(session=session, proceeding_id=proceeding_id)
    require_match(if_match, read_proceeding(session=session, proceeding=proceeding))
    changes = {
        field: value
        for field, value in data.model_dump(exclude_unset=True).items()
        if getattr(proceeding, field) != value
    }
    before = {field: getattr(proceeding, field) for field in changes}
    for field, value in changes.items():
        setattr(proceeding, field, value)
    session.add(proceeding)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="proceeding.update",
        entity="proceeding",
        entity_id=proceeding_id,
        detail={"fields": sorted(changes)},
        # Court, case number, dates, status and name of a proceeding are no personal data.
        before=_json(before),
        after=_json(changes),
    )
    return proceeding


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {field: value.isoformat() if isinstance(value, date) else value for field, value in values.items()}


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


def remove_member(
    *, session: Session, proceeding_id: int, claimant_id: int, actor: Principal, if_match: str | None = None
) -> None:
    """Take a claimant out of the proceeding. `if_match` is the proceeding's ETag (its member count changes);
    404 if the claimant is no member of it."""
    proceeding = get_proceeding(session=session, proceeding_id=proceeding_id)
    require_match(if_match, read_proceeding(session=session, proceeding=proceeding))
    member = session.exec(
        select(ProceedingMember).where(
            ProceedingMember.proceeding_id == proceeding_id, ProceedingMember.claimant_id == claimant_id
        )
    ).first()
    if member is None:
        raise AppError(
            404, "not-found", "Not found", f"claimant {claimant_id} is no member of proceeding {proceeding_id}"
        )
    number = member.number
    session.delete(member)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="proceeding.member.remove",
        entity="proceeding",
        entity_id=proceeding_id,
        detail={"claimant_id": claimant_id, "number": number},
    )


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
