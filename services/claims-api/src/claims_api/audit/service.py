from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bengodan_common.auth import Principal
from bengodan_common.logging import current_request_id
from claims_api.audit import chain
from claims_api.audit.models import AuditEntry

_UNSET: Any = object()


def record(
    *,
    session: Session,
    actor: Principal | str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    detail: dict[str, Any] | None = None,
    before: Any = _UNSET,
    after: Any = _UNSET,
) -> AuditEntry:
    """Add an audit entry to the caller's transaction: it commits or rolls back with the change.

    `before`/`after` (JSON values) are stored in `detail` under those keys. The entry is chained to the
    last one and flushed at once (see `chain.append`); on PostgreSQL the transaction then holds the audit
    lock until it ends, so record as late as practical in a transaction.
    """
    full = dict(detail or {})
    if before is not _UNSET:
        full["before"] = before
    if after is not _UNSET:
        full["after"] = after
    entry = AuditEntry(
        actor=actor.sub if isinstance(actor, Principal) else actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=full,
        request_id=current_request_id(),
        prev_hash="",
        hash="",
    )
    return chain.append(session, entry)


def record_many(
    *,
    session: Session,
    actor: Principal | str,
    action: str,
    entity: str,
    entity_ids: Sequence[object],
    detail: dict[str, Any],
) -> None:
    """One entry per entity (the partner's reads: one per claimant it received), appended together."""
    request_id = current_request_id()
    chain.append_many(
        session,
        [
            AuditEntry(
                actor=actor.sub if isinstance(actor, Principal) else actor,
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                detail=dict(detail),
                request_id=request_id,
                prev_hash="",
                hash="",
            )
            for entity_id in entity_ids
        ],
    )


def record_independently(
    *,
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """For events whose request fails (a refused login): written in a transaction of its own so the
    rollback of the request does not erase them. Call it just before raising: the request's transaction is
    rolled back first, because it may hold the write lock (SQLite takes it at the start of every request
    that may write) or the audit lock (PostgreSQL), which this second transaction would wait for forever."""
    session.rollback()
    with Session(session.get_bind()) as own:
        record(session=own, actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail)
        own.commit()


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def list_entries(
    *, session: Session, filters: AuditFilter, limit: int, before_id: int | None = None
) -> tuple[list[AuditEntry], int | None]:
    """Newest first (by id, which is chain order); `before_id` is the cursor of the next page.

    Returns the page and the cursor for the one after it (None at the end).
    """
    query = select(AuditEntry)
    if filters.actor is not None:
        query = query.where(AuditEntry.actor == filters.actor)
    if filters.action is not None:
        query = query.where(AuditEntry.action == filters.action)
    if filters.entity is not None:
        query = query.where(AuditEntry.entity == filters.entity)
    if filters.entity_id is not None:
        query = query.where(AuditEntry.entity_id == filters.entity_id)
    if filters.since is not None:
        query = query.where(col(AuditEntry.at) >= filters.since)
    if filters.until is not None:
        query = query.where(col(AuditEntry.at) < filters.until)
    return page(session=session, query=query, limit=limit, before_id=before_id)


def page(
    *, session: Session, query: SelectOfScalar[AuditEntry], limit: int, before_id: int | None
) -> tuple[list[AuditEntry], int | None]:
    """One page of `query`'s entries, newest first (by id, which is chain order), and the cursor of the next."""
    if before_id is not None:
        query = query.where(col(AuditEntry.id) < before_id)
    rows = list(session.exec(query.order_by(col(AuditEntry.id).desc()).limit(limit + 1)))
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, rows[-1].id
    return rows, None


def verify(*, session: Session) -> chain.Verification:
    return chain.verify(session)
