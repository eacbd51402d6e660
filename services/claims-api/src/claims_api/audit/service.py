from __future__ import annotations

from typing import Any

from sqlmodel import Session

from bengodan_common.auth import Principal
from bengodan_common.logging import current_request_id
from claims_api.audit.models import AuditEntry


def record(
    *,
    session: Session,
    actor: Principal | str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit entry to the caller's transaction: it commits or rolls back with the change."""
    session.add(
        AuditEntry(
            actor=actor.sub if isinstance(actor, Principal) else actor,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail=detail or {},
            request_id=current_request_id(),
        )
    )


def record_independently(*, session: Session, actor: str, action: str, entity: str) -> None:
    """For events whose request fails (a refused login): written in a transaction of its own so the
    rollback of the request does not erase them."""
    with Session(session.get_bind()) as own:
        record(session=own, actor=actor, action=action, entity=entity)
        own.commit()
