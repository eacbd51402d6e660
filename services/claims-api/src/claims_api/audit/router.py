from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AwareDatetime

from claims_api.audit import history, service
from claims_api.audit.schemas import AuditEventPage, AuditEventRead, AuditVerification, ClaimantHistoryPage
from claims_api.auth.deps import AuditRead, ClaimsRead
from claims_api.core.deps import SessionDep

router = APIRouter(tags=["audit"])


@router.get("/audit-events", response_model=AuditEventPage)
def list_audit_events(
    session: SessionDep,
    _: AuditRead,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=60)] = None,
    entity: Annotated[str | None, Query(max_length=40)] = None,
    entity_id: Annotated[str | None, Query(max_length=60)] = None,
    from_: Annotated[AwareDatetime | None, Query(alias="from", description="at or after (inclusive)")] = None,
    to: Annotated[AwareDatetime | None, Query(description="before (exclusive)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[int | None, Query(ge=1, description="`next_cursor` of the previous page")] = None,
) -> AuditEventPage:
    """Audit entries, newest first."""
    filters = service.AuditFilter(actor=actor, action=action, entity=entity, entity_id=entity_id, since=from_, until=to)
    items, next_cursor = service.list_entries(session=session, filters=filters, limit=limit, before_id=cursor)
    return AuditEventPage(items=[AuditEventRead.model_validate(i) for i in items], next_cursor=next_cursor)


@router.get("/audit-events/verify", response_model=AuditVerification)
def verify_audit_chain(session: SessionDep, _: AuditRead) -> AuditVerification:
    """Walk the whole chain in id order and report the first altered, removed or re-ordered entry."""
    result = service.verify(session=session)
    return AuditVerification(
        ok=result.ok,
        entries_checked=result.entries_checked,
        first_bad_id=result.first_bad_id,
        reason=result.reason,
        last_id=result.last_id,
        last_hash=result.last_hash,
    )


@router.get("/claimants/{claimant_id}/history", response_model=ClaimantHistoryPage)
def claimant_history(
    session: SessionDep,
    _: ClaimsRead,
    claimant_id: int,
    partner_reads: Annotated[
        bool, Query(description="false: leave out the insurer's reads of the claimant (its settlements stay)")
    ] = True,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[int | None, Query(ge=1, description="`next_cursor` of the previous page")] = None,
) -> ClaimantHistoryPage:
    """The audit entries about the claimant and its damage items, exhibits and their files, settlements and
    proceeding memberships, and the insurer's reads of it; newest first."""
    items, next_cursor = history.list_events(
        session=session, claimant_id=claimant_id, partner_reads=partner_reads, limit=limit, before_id=cursor
    )
    return ClaimantHistoryPage(items=items, next_cursor=next_cursor)
