"""A claimant's history: every audit entry about the claimant or about records that belong to it.

Entries are written as they always were (the chain is never rewritten); this finds them where each kind of
change records its link to the claimant:
- entity `claimant` with the claimant's id: its own changes, its damage items (`item_id` and `head` in the
  detail), the insurer's settlements and the insurer's reads (one entry per claimant read);
- entity `exhibit` with the id of one of the claimant's exhibits: their metadata, numbers and file versions
  (an exhibit never changes claimant and is never deleted, so today's exhibits table names them all);
- entity `proceeding`, member added or removed, with the claimant's id in the detail;
- entity `claimant`, a possible duplicate dismissed on the other claimant of the flag (`other_id` in the
  detail);
- entity `case`, the import that created the claimant (its id in the detail's `claimant_ids`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from claims_api.audit import service as audit
from claims_api.audit.models import AuditEntry
from claims_api.audit.schemas import ClaimantHistoryEvent, HistorySubject
from claims_api.cases.models import Proceeding
from claims_api.claimants.models import ClaimantDuplicateFlag
from claims_api.claimants.service import get as get_claimant
from claims_api.evidence import numbering
from claims_api.evidence.models import Exhibit

# What the insurer's partner API records per claimant when it reads (partner.service); its settlements are
# changes and always shown.
PARTNER_READS = ("partner.claims.list", "partner.claims.read", "partner.claims.not_modified", "partner.changes.read")
MEMBER_ACTIONS = ("proceeding.member.add", "proceeding.member.remove")
DUPLICATE_DISMISS = "claimant.duplicate.dismiss"
IMPORT = "claimant.import"


@dataclass(frozen=True)
class _Related:
    """The claimant's records whose entries are filed under another entity, with what names them."""

    exhibits: dict[str, Exhibit]
    proceedings: dict[str, Proceeding]
    duplicate_others: list[str]
    import_entry_ids: list[int]


def _related(session: Session, *, claimant_id: int, case_id: int) -> _Related:
    exhibits = session.exec(select(Exhibit).where(Exhibit.claimant_id == claimant_id)).all()
    proceedings = session.exec(select(Proceeding).where(Proceeding.case_id == case_id)).all()
    flags = session.exec(
        select(ClaimantDuplicateFlag.claimant_id, ClaimantDuplicateFlag.other_id).where(
            or_(
                col(ClaimantDuplicateFlag.claimant_id) == claimant_id,
                col(ClaimantDuplicateFlag.other_id) == claimant_id,
            ),
            col(ClaimantDuplicateFlag.dismissed_at).is_not(None),
        )
    ).all()
    # An import lists the ids it created in its detail (a JSON array, not queryable alike on both databases);
    # a case has few imports, so they are read and looked through here.
    imports = session.exec(
        select(AuditEntry.id, AuditEntry.detail).where(
            AuditEntry.entity == "case", AuditEntry.entity_id == str(case_id), AuditEntry.action == IMPORT
        )
    ).all()
    return _Related(
        exhibits={str(e.id): e for e in exhibits},
        proceedings={str(p.id): p for p in proceedings},
        duplicate_others=sorted({str(a if b == claimant_id else b) for a, b in flags}),
        import_entry_ids=[
            entry_id
            for entry_id, detail in imports
            if entry_id is not None and claimant_id in (detail.get("claimant_ids") or [])
        ],
    )


def list_events(
    *, session: Session, claimant_id: int, partner_reads: bool, limit: int, before_id: int | None = None
) -> tuple[list[ClaimantHistoryEvent], int | None]:
    """The claimant's history, newest first, paged like the audit log (`before_id` is the cursor).

    404 for an unknown claimant. `partner_reads=False` leaves out the insurer's reads (there may be many).
    """
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    related = _related(session, claimant_id=claimant_id, case_id=claimant.case_id)
    detail: Any = col(AuditEntry.detail)
    own = and_(col(AuditEntry.entity) == "claimant", col(AuditEntry.entity_id) == str(claimant_id))
    if not partner_reads:
        own = and_(own, col(AuditEntry.action).not_in(PARTNER_READS))
    conditions = [own]
    if related.exhibits:
        conditions.append(and_(col(AuditEntry.entity) == "exhibit", col(AuditEntry.entity_id).in_(related.exhibits)))
    if related.proceedings:
        conditions.append(
            and_(
                col(AuditEntry.entity) == "proceeding",
                col(AuditEntry.entity_id).in_(related.proceedings),
                col(AuditEntry.action).in_(MEMBER_ACTIONS),
                detail["claimant_id"].as_integer() == claimant_id,
            )
        )
    if related.duplicate_others:
        conditions.append(
            and_(
                col(AuditEntry.entity) == "claimant",
                col(AuditEntry.entity_id).in_(related.duplicate_others),
                col(AuditEntry.action) == DUPLICATE_DISMISS,
                detail["other_id"].as_integer() == claimant_id,
            )
        )
    if related.import_entry_ids:
        conditions.append(col(AuditEntry.id).in_(related.import_entry_ids))
    query = select(AuditEntry).where(or_(*conditions))
    entries, next_cursor = audit.page(session=session, query=query, limit=limit, before_id=before_id)
    return [_event(entry, claimant_id=claimant_id, related=related) for entry in entries], next_cursor


def _event(entry: AuditEntry, *, claimant_id: int, related: _Related) -> ClaimantHistoryEvent:
    assert entry.id is not None, "stored entries have ids"
    detail = dict(entry.detail)
    if entry.action == IMPORT:
        detail.pop("claimant_ids", None)  # the file's other claimants: no part of this claimant's history
    return ClaimantHistoryEvent(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        detail=detail,
        subject=_subject(entry, claimant_id=claimant_id, related=related),
    )


def _subject(entry: AuditEntry, *, claimant_id: int, related: _Related) -> HistorySubject | None:
    """What the entry is about when it is not the claimant's own data (None then)."""
    if entry.entity == "exhibit" and (exhibit := related.exhibits.get(entry.entity_id or "")) is not None:
        assert exhibit.id is not None, "stored exhibits have ids"
        return HistorySubject(kind="exhibit", id=exhibit.id, label=numbering.label(exhibit), title=exhibit.title)
    if entry.entity == "proceeding" and (proceeding := related.proceedings.get(entry.entity_id or "")) is not None:
        assert proceeding.id is not None, "stored proceedings have ids"
        return HistorySubject(kind="proceeding", id=proceeding.id, label=proceeding.name)
    if entry.action == DUPLICATE_DISMISS and entry.entity_id is not None:
        # recorded on whichever claimant it was dismissed from: the subject is the other one of the two
        other = entry.detail.get("other_id") if entry.entity_id == str(claimant_id) else int(entry.entity_id)
        return HistorySubject(kind="claimant", id=other) if isinstance(other, int) else None
    if entry.entity == "claimant" and isinstance(item_id := entry.detail.get("item_id"), int):
        head = entry.detail.get("head")
        return HistorySubject(kind="damage_item", id=item_id, head=head if isinstance(head, str) else None)
    return None
