from __future__ import annotations

from datetime import UTC
from typing import Any

from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict, Invalid, NotFound
from bengodan_common.etag import require_match
from bengodan_common.japanese import TOKYO
from claims_api.audit import service as audit
from claims_api.cases.models import Case, Proceeding
from claims_api.cases.service import get_proceeding
from claims_api.hearings.models import Hearing
from claims_api.hearings.schemas import HearingCreate, HearingRead, HearingUpdate
from claims_api.outbox import service as outbox


def _event_payload(hearing: Hearing, proceeding: Proceeding, case: Case) -> dict[str, Any]:
    return {
        "hearing_id": hearing.id,
        "case_id": case.id,
        "proceeding_id": proceeding.id,
        "proceeding_name": proceeding.name,
        "kind": hearing.kind,
        # Japan time with its offset: the notices speak of Japanese dates.
        "starts_at": hearing.starts_at.astimezone(TOKYO).isoformat(),
        "place": hearing.place,
        "court": proceeding.court,
        "online_url": hearing.online_url,
        "status": hearing.status,
    }


def _emit(session: Session, hearing: Hearing, type_: str) -> None:
    proceeding = get_proceeding(session=session, proceeding_id=hearing.proceeding_id)
    case = session.get(Case, proceeding.case_id)
    assert case is not None
    outbox.enqueue(session=session, type_=type_, payload=_event_payload(hearing, proceeding, case))


def get(*, session: Session, hearing_id: int) -> Hearing:
    hearing = session.get(Hearing, hearing_id)
    if hearing is None:
        raise NotFound("hearing", hearing_id)
    return hearing


def read(hearing: Hearing) -> HearingRead:
    return HearingRead.model_validate(hearing)


def list_hearings(*, session: Session, proceeding_id: int | None, upcoming: bool) -> list[Hearing]:
    query = select(Hearing).order_by(col(Hearing.starts_at))
    if proceeding_id is not None:
        query = query.where(Hearing.proceeding_id == proceeding_id)
    if upcoming:
        query = query.where(col(Hearing.starts_at) >= utcnow(), Hearing.status == "scheduled")
    return list(session.exec(query))


def create(*, session: Session, data: HearingCreate, actor: Principal | str) -> Hearing:
    get_proceeding(session=session, proceeding_id=data.proceeding_id)
    if data.starts_at <= utcnow():
        raise Invalid("starts_at", "a hearing must be scheduled in the future")
    hearing = Hearing(**data.model_dump(exclude={"starts_at"}), starts_at=data.starts_at.astimezone(UTC))
    session.add(hearing)
    session.flush()
    _emit(session, hearing, "hearing.scheduled")
    audit.record(session=session, actor=actor, action="hearing.create", entity="hearing", entity_id=hearing.id)
    return hearing


def update(
    *, session: Session, hearing_id: int, data: HearingUpdate, actor: Principal, if_match: str | None = None
) -> Hearing:
    """Move or change a scheduled hearing; 412 if `if_match` is stale, 409 if it was cancelled."""
    hearing = get(session=session, hearing_id=hearing_id)
    require_match(if_match, read(hearing))
    if hearing.status != "scheduled":
        raise Conflict("a cancelled hearing cannot be changed")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "starts_at" in changes:
        if data.starts_at is None or data.starts_at <= utcnow():
            raise Invalid("starts_at", "a hearing must be scheduled in the future")
        changes["starts_at"] = data.starts_at.astimezone(UTC)
    for field, value in changes.items():
        setattr(hearing, field, value)
    hearing.updated_at = utcnow()
    session.add(hearing)
    _emit(session, hearing, "hearing.updated")
    audit.record(
        session=session,
        actor=actor,
        action="hearing.update",
        entity="hearing",
        entity_id=hearing_id,
        detail={"fields": sorted(changes)},
    )
    return hearing


def cancel(*, session: Session, hearing_id: int, actor: Principal, if_match: str | None = None) -> Hearing:
    """Cancel the hearing; 412 if `if_match` is stale. Cancelling a cancelled hearing changes nothing and
    succeeds whatever `if_match` says: what the request asks for is already the case (a retry, or two people
    cancelling at once)."""
    hearing = get(session=session, hearing_id=hearing_id)
    if hearing.status == "cancelled":
        return hearing
    require_match(if_match, read(hearing))
    hearing.status = "cancelled"
    hearing.updated_at = utcnow()
    session.add(hearing)
    _emit(session, hearing, "hearing.cancelled")
    audit.record(session=session, actor=actor, action="hearing.cancel", entity="hearing", entity_id=hearing_id)
    return hearing
