"""Records every committed change of a claimant's claim data in `claim_changes`, in commit order.

The partner's change feed promises each change once and in order, also under concurrent edits. An id from a
sequence alone does not give that: two transactions take ids 10 and 11, 11 commits first, a reader moves its
cursor past 11, and 10 appears behind it. So the rows are written at the very end of the transaction, in
`before_commit`, under the same lock that orders the audit chain (which every change already takes); the lock
is held until the commit, so ids are taken in commit order and a reader never sees a later id before an
earlier one has committed. SQLite has a single writer, which orders them the same way.

What counts as a change: an insert, update or delete through the ORM of anything the partner sees — the
claimant, its damage items and their exhibit links, its exhibits and their files, the insurer's settlements.
Bulk Core inserts (the claimant import) call `note_claimants` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, case, event, insert, inspect, select
from sqlalchemy.orm import Session, SessionTransaction
from sqlmodel import col

from bengodan_common.db import utcnow
from claims_api.audit.chain import lock_chain_head
from claims_api.changes.models import ClaimChange
from claims_api.claimants.models import Claimant
from claims_api.damages.models import DamageItem, DamageItemExhibit, InsurerSettlement
from claims_api.evidence.models import Exhibit, ExhibitVersion

_PENDING = "claim_changes_pending"


def visible_to(*, insured: bool, consent: bool, insurer: str | None) -> str | None:
    """The insurer that may see a claimant: its policy is with it and it consented to sharing with it."""
    return insurer if insured and consent and insurer else None


def visible_to_expr() -> ColumnElement[Any]:
    """`visible_to` as SQL over the claimants table (the partner API filters with it)."""
    shared = and_(col(Claimant.insured), col(Claimant.insurer_sharing_consent))
    return case((shared, col(Claimant.insurer)), else_=None)


_UNKNOWN = object()  # visibility before the transaction: the same as after it unless the claimant changed


@dataclass
class _Pending:
    before: dict[int, Any] = field(default_factory=dict)  # claimant id → visible_to before, or _UNKNOWN
    new_claimants: list[Claimant] = field(default_factory=list)
    exhibit_ids: set[int] = field(default_factory=set)
    item_ids: set[int] = field(default_factory=set)

    def touch(self, claimant_id: int | None) -> None:
        if claimant_id is not None:
            self.before.setdefault(claimant_id, _UNKNOWN)

    def empty(self) -> bool:
        return not (self.before or self.new_claimants or self.exhibit_ids or self.item_ids)


def _pending(session: Session) -> _Pending:
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending()
    return pending


def note_claimants(session: Session, claimant_ids: Iterable[int]) -> None:
    """For writes that bypass the ORM: these claimants changed in this transaction (new ones included)."""
    pending = _pending(session)
    for claimant_id in claimant_ids:
        pending.before.setdefault(claimant_id, None)


def _visibility_before(claimant: Claimant) -> str | None:
    """The claimant's visibility as committed, from the attributes' history of this (first) change."""
    state = inspect(claimant)

    def old(name: str) -> Any:
        history = state.attrs[name].history
        if history.deleted:
            return history.deleted[0]
        return getattr(claimant, name)

    return visible_to(insured=old("insured"), consent=old("insurer_sharing_consent"), insurer=old("insurer"))


def _collect(session: Session, _context: object, _instances: object) -> None:
    pending: _Pending | None = None
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(
            obj, Claimant | DamageItem | DamageItemExhibit | Exhibit | ExhibitVersion | InsurerSettlement
        ):
            continue
        if obj in session.dirty and not session.is_modified(obj, include_collections=False):
            continue
        pending = pending or _pending(session)
        if isinstance(obj, Claimant):
            if obj.id is None:
                pending.new_claimants.append(obj)
            elif obj in session.new:
                pending.before.setdefault(obj.id, None)
            elif pending.before.get(obj.id, _UNKNOWN) is _UNKNOWN:
                pending.before[obj.id] = _visibility_before(obj)
        elif isinstance(obj, DamageItem | Exhibit):
            pending.touch(obj.claimant_id)
        elif isinstance(obj, ExhibitVersion):
            pending.exhibit_ids.add(obj.exhibit_id)
        else:  # DamageItemExhibit, InsurerSettlement
            pending.item_ids.add(obj.damage_item_id)


def _claimant_ids(session: Session, pending: _Pending) -> dict[int, Any]:
    before = dict(pending.before)
    for claimant in pending.new_claimants:
        if claimant.id is not None:
            before[claimant.id] = None
    connection = session.connection()
    if pending.exhibit_ids:
        query = select(col(Exhibit.claimant_id)).where(col(Exhibit.id).in_(pending.exhibit_ids))
        for (claimant_id,) in connection.execute(query):
            if claimant_id is not None:
                before.setdefault(claimant_id, _UNKNOWN)
    if pending.item_ids:
        query = select(col(DamageItem.claimant_id)).where(col(DamageItem.id).in_(pending.item_ids))
        for (claimant_id,) in connection.execute(query):
            before.setdefault(claimant_id, _UNKNOWN)
    return before


def _write(session: Session) -> None:
    session.flush()  # before_commit comes before the commit's own flush: collect what it would write
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is None or pending.empty():
        return
    before = _claimant_ids(session, pending)
    session.info.pop(_PENDING, None)
    if not before:
        return
    lock_chain_head(session)
    connection = session.connection()
    now_visible: dict[int, str | None] = dict(
        connection.execute(
            select(col(Claimant.id), visible_to_expr()).where(col(Claimant.id).in_(before)).order_by(col(Claimant.id))
        ).all()
    )
    now = utcnow()
    rows = [
        {
            "claimant_id": claimant_id,
            "at": now,
            "visible_to": now_visible[claimant_id],
            "was_visible_to": now_visible[claimant_id] if was is _UNKNOWN else was,
        }
        for claimant_id, was in sorted(before.items())
        if claimant_id in now_visible  # a claimant created and removed in one transaction left nothing
    ]
    if rows:
        connection.execute(insert(ClaimChange.__table__), rows)  # type: ignore[attr-defined]


def _discard(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def install() -> None:
    """Listen on every ORM session of the process (idempotent)."""
    if not event.contains(Session, "before_flush", _collect):
        event.listen(Session, "before_flush", _collect)
        event.listen(Session, "before_commit", _write)
        event.listen(Session, "after_transaction_end", _discard)
