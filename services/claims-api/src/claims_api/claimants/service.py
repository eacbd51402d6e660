from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, or_
from sqlalchemy import case as sql_case
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Conflict, Invalid, NotFound
from bengodan_common.etag import require_match
from bengodan_common.japanese import TOKYO
from claims_api.audit import service as audit
from claims_api.cases.models import ProceedingMember
from claims_api.cases.service import get_case
from claims_api.claimants.duplicates import find_duplicates
from claims_api.claimants.models import (
    Claimant,
    ClaimantChecklistEntry,
    ClaimantDeficiency,
    ClaimantDuplicateFlag,
    ClaimantStageChange,
)
from claims_api.claimants.schemas import (
    ClaimantCreate,
    ClaimantFilters,
    ClaimantIds,
    ClaimantPage,
    ClaimantRead,
    ClaimantUpdate,
    DeficiencyCreate,
    StageChangeRequest,
)
from claims_api.claimants.stages import (
    BASE_ITEMS,
    CHECKLIST_LABELS,
    STAGE_LABELS,
    ChecklistItem,
    Stage,
    applicable_items,
    complete_file_required,
    required_items,
    stage_index,
)
from claims_api.damages.recompute import recompute_items
from claims_api.damages.totals import totals_by_claimant


def today() -> date:
    """Today in Japan, where the deadlines run."""
    return datetime.now(TOKYO).date()


def _actor_name(actor: Principal | str) -> str:
    return actor.sub if isinstance(actor, Principal) else actor


def get(*, session: Session, claimant_id: int) -> Claimant:
    claimant = session.get(Claimant, claimant_id)
    if claimant is None:
        raise NotFound("claimant", claimant_id)
    return claimant


# --- reading ---------------------------------------------------------------------------------------------


def _read_fields(*, session: Session, claimants: Sequence[Claimant]) -> list[dict[str, object]]:
    """The read-model fields of the given claimants as plain data, with checklist, open deficiencies and
    open duplicate flags (three queries for the whole batch). Validated once by the caller: a page of
    claimants built model by model cost more than its queries."""
    ids = [c.id for c in claimants if c.id is not None]
    entries: dict[int, dict[str, ClaimantChecklistEntry]] = {}
    deficiencies: dict[int, list[ClaimantDeficiency]] = {}
    duplicates: dict[int, list[dict[str, object]]] = {}
    if ids:
        for entry in session.exec(
            select(ClaimantChecklistEntry).where(col(ClaimantChecklistEntry.claimant_id).in_(ids))
        ).all():
            entries.setdefault(entry.claimant_id, {})[entry.item] = entry
        for note in session.exec(
            select(ClaimantDeficiency)
            .where(col(ClaimantDeficiency.claimant_id).in_(ids), col(ClaimantDeficiency.resolved_at).is_(None))
            .order_by(col(ClaimantDeficiency.cure_by), col(ClaimantDeficiency.id))
        ).all():
            deficiencies.setdefault(note.claimant_id, []).append(note)
        for flag in session.exec(
            select(ClaimantDuplicateFlag)
            .where(
                or_(col(ClaimantDuplicateFlag.claimant_id).in_(ids), col(ClaimantDuplicateFlag.other_id).in_(ids)),
                col(ClaimantDuplicateFlag.dismissed_at).is_(None),
            )
            .order_by(col(ClaimantDuplicateFlag.id))
        ).all():
            reasons = flag.reasons.split(",")
            if flag.claimant_id in ids:
                duplicates.setdefault(flag.claimant_id, []).append({"claimant_id": flag.other_id, "reasons": reasons})
            if flag.other_id in ids:
                duplicates.setdefault(flag.other_id, []).append({"claimant_id": flag.claimant_id, "reasons": reasons})
    result = []
    for claimant in claimants:
        cid = claimant.id or 0
        own = entries.get(cid, {})
        checklist = []
        missing = []
        for item in applicable_items(insured=claimant.insured):
            recorded = own.get(item.value)
            received_on = recorded.received_on if recorded else None
            checklist.append(
                {
                    "item": item,
                    "label": CHECKLIST_LABELS[item],
                    "received_on": received_on,
                    "recorded_by": recorded.recorded_by if recorded else None,
                }
            )
            if received_on is None:
                missing.append(item)
        stage = Stage(claimant.stage)
        fields = claimant.model_dump()
        fields.update(
            stage=stage,
            stage_label=STAGE_LABELS[stage],
            checklist=checklist,
            missing_items=missing,
            deficiencies=[note.model_dump() for note in deficiencies.get(cid, [])],
            duplicates=duplicates.get(cid, []),
        )
        result.append(fields)
    return result


def read_many(*, session: Session, claimants: Sequence[Claimant]) -> list[ClaimantRead]:
    return [ClaimantRead.model_validate(fields) for fields in _read_fields(session=session, claimants=claimants)]


def read(*, session: Session, claimant: Claimant) -> ClaimantRead:
    return read_many(session=session, claimants=[claimant])[0]


# --- create and update -----------------------------------------------------------------------------------


def _check_rules(*, session: Session, claimant: Claimant) -> None:
    """Rules across fields: the insurance plan, and the restart date against the incident."""
    if claimant.insured and not claimant.insurance_plan:
        raise Invalid("insurance_plan", "required when the claimant is insured")
    if not claimant.insured and claimant.insurance_plan:
        raise Invalid("insurance_plan", "must be empty when the claimant is not insured")
    if claimant.service_usable_on is not None:
        case = get_case(session=session, case_id=claimant.case_id)
        if claimant.service_usable_on < case.incident_date:
            raise Invalid("service_usable_on", f"must not be before the incident date {case.incident_date.isoformat()}")


def create(*, session: Session, data: ClaimantCreate, actor: Principal | str) -> Claimant:
    """Create a claimant; possible duplicates do not block it but are flagged (see `ClaimantRead.duplicates`)."""
    get_case(session=session, case_id=data.case_id)
    claimant = Claimant(**data.model_dump(mode="python"))
    _check_rules(session=session, claimant=claimant)
    [matches] = find_duplicates(session, data.case_id, [claimant])
    session.add(claimant)
    session.flush()
    assert claimant.id is not None
    for match in matches:
        session.add(
            ClaimantDuplicateFlag(claimant_id=claimant.id, other_id=match.claimant_id, reasons=",".join(match.reasons))
        )
    session.add(
        ClaimantStageChange(claimant_id=claimant.id, from_stage=None, to_stage=claimant.stage, actor=_actor_name(actor))
    )
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.create",
        entity="claimant",
        entity_id=claimant.id,
        detail={"duplicates": [{"claimant_id": m.claimant_id, "reasons": m.reasons} for m in matches]}
        if matches
        else None,
    )
    return claimant


def update(
    *, session: Session, claimant_id: int, data: ClaimantUpdate, actor: Principal, if_match: str | None = None
) -> Claimant:
    claimant = get(session=session, claimant_id=claimant_id)
    require_match(if_match, read(session=session, claimant=claimant))
    changes = data.model_dump(mode="python", exclude_unset=True)
    usable_on_before = claimant.service_usable_on
    for field, value in changes.items():
        setattr(claimant, field, value)
    _check_rules(session=session, claimant=claimant)
    claimant.updated_at = utcnow()
    session.add(claimant)
    session.flush()
    if claimant.service_usable_on != usable_on_before:  # a fee difference may be computed from it
        recompute_items(
            session=session,
            case=get_case(session=session, case_id=claimant.case_id),
            claimants=[claimant],
            today=today(),
            actor=actor,
            changed_field="service_usable_on",
        )
    audit.record(
        session=session,
        actor=actor,
        action="claimant.update",
        entity="claimant",
        entity_id=claimant_id,
        detail={"fields": sorted(changes)},  # names only: values may be personal data
    )
    return claimant


# --- stage -----------------------------------------------------------------------------------------------


def _received(*, session: Session, claimant_id: int) -> set[str]:
    rows = session.exec(
        select(ClaimantChecklistEntry.item).where(
            col(ClaimantChecklistEntry.claimant_id) == claimant_id, col(ClaimantChecklistEntry.received_on).is_not(None)
        )
    ).all()
    return set(rows)


def _open_deficiency_count(*, session: Session, claimant_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(ClaimantDeficiency)
        .where(col(ClaimantDeficiency.claimant_id) == claimant_id, col(ClaimantDeficiency.resolved_at).is_(None))
    ).one()


def change_stage(
    *, session: Session, claimant_id: int, data: StageChangeRequest, actor: Principal, if_match: str | None = None
) -> Claimant:
    """Move forward when what the target stage requires is complete (409 naming what is missing);
    move back only with a note (422)."""
    claimant = get(session=session, claimant_id=claimant_id)
    require_match(if_match, read(session=session, claimant=claimant))
    current, target = Stage(claimant.stage), data.to_stage
    note = data.note.strip() if data.note and data.note.strip() else None
    if target == current:
        raise Conflict(f"the claimant is already at stage {target.value}")
    if stage_index(target) > stage_index(current):
        received = _received(session=session, claimant_id=claimant_id)
        missing = [i.value for i in required_items(target, insured=claimant.insured) if i.value not in received]
        open_deficiencies = (
            _open_deficiency_count(session=session, claimant_id=claimant_id) if complete_file_required(target) else 0
        )
        if missing or open_deficiencies:
            parts = []
            if missing:
                parts.append("missing checklist items: " + ", ".join(missing))
            if open_deficiencies:
                parts.append(f"{open_deficiencies} open deficiency note(s)")
            raise AppError(
                409,
                "stage-requirements",
                "Stage requirements not met",
                f"cannot move to {target.value}: " + "; ".join(parts),
                extensions={"missing_items": missing, "open_deficiencies": open_deficiencies},
            )
    elif note is None:
        raise Invalid("note", "a note is required to move a claimant back to an earlier stage")
    claimant.stage = target.value
    claimant.updated_at = utcnow()
    session.add(claimant)
    session.add(
        ClaimantStageChange(
            claimant_id=claimant_id, from_stage=current.value, to_stage=target.value, actor=actor.sub, note=note
        )
    )
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.stage",
        entity="claimant",
        entity_id=claimant_id,
        before={"stage": current.value},
        after={"stage": target.value},
    )
    return claimant


def stage_history(*, session: Session, claimant_id: int) -> list[ClaimantStageChange]:
    get(session=session, claimant_id=claimant_id)
    return list(
        session.exec(
            select(ClaimantStageChange)
            .where(col(ClaimantStageChange.claimant_id) == claimant_id)
            .order_by(col(ClaimantStageChange.id))
        ).all()
    )


# --- checklist -------------------------------------------------------------------------------------------


def set_checklist_item(
    *,
    session: Session,
    claimant_id: int,
    item: ChecklistItem,
    received_on: date | None,
    actor: Principal,
    if_match: str | None = None,
) -> Claimant:
    claimant = get(session=session, claimant_id=claimant_id)
    require_match(if_match, read(session=session, claimant=claimant))
    if item == ChecklistItem.insurance_policy and not claimant.insured:
        raise Invalid("item", "insurance_policy applies only to insured claimants")
    if received_on is not None and received_on > today():
        raise Invalid("received_on", "must not be in the future")
    entry = session.exec(
        select(ClaimantChecklistEntry).where(
            col(ClaimantChecklistEntry.claimant_id) == claimant_id, col(ClaimantChecklistEntry.item) == item.value
        )
    ).first()
    before = entry.received_on.isoformat() if entry and entry.received_on else None
    if entry is None:
        entry = ClaimantChecklistEntry(claimant_id=claimant_id, item=item.value, recorded_by=actor.sub)
    entry.received_on = received_on
    entry.recorded_by = actor.sub
    entry.recorded_at = utcnow()
    session.add(entry)
    claimant.updated_at = utcnow()
    session.add(claimant)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.checklist",
        entity="claimant",
        entity_id=claimant_id,
        detail={"item": item.value},
        before={"received_on": before},
        after={"received_on": received_on.isoformat() if received_on else None},
    )
    return claimant


# --- deficiencies ----------------------------------------------------------------------------------------


def add_deficiency(
    *, session: Session, claimant_id: int, data: DeficiencyCreate, actor: Principal
) -> ClaimantDeficiency:
    get(session=session, claimant_id=claimant_id)
    if data.cure_by < today():
        raise Invalid("cure_by", "must not be in the past")
    note = ClaimantDeficiency(claimant_id=claimant_id, reason=data.reason, cure_by=data.cure_by, created_by=actor.sub)
    session.add(note)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.deficiency.create",
        entity="claimant",
        entity_id=claimant_id,
        detail={"deficiency_id": note.id, "cure_by": data.cure_by.isoformat()},  # the reason may name people
    )
    return note


def resolve_deficiency(
    *, session: Session, claimant_id: int, deficiency_id: int, actor: Principal
) -> ClaimantDeficiency:
    note = session.get(ClaimantDeficiency, deficiency_id)
    if note is None or note.claimant_id != claimant_id:
        raise NotFound("deficiency", deficiency_id)
    if note.resolved_at is not None:
        raise Conflict(f"deficiency {deficiency_id} is already resolved")
    note.resolved_at = utcnow()
    note.resolved_by = actor.sub
    session.add(note)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.deficiency.resolve",
        entity="claimant",
        entity_id=claimant_id,
        detail={"deficiency_id": deficiency_id},
    )
    return note


# --- duplicates ------------------------------------------------------------------------------------------


def dismiss_duplicate(
    *, session: Session, claimant_id: int, other_id: int, actor: Principal, if_match: str | None = None
) -> Claimant:
    """Dismiss the open flag between the two claimants (whichever of them it was raised on)."""
    claimant = get(session=session, claimant_id=claimant_id)
    require_match(if_match, read(session=session, claimant=claimant))
    flag = session.exec(
        select(ClaimantDuplicateFlag).where(
            or_(
                and_(
                    col(ClaimantDuplicateFlag.claimant_id) == claimant_id,
                    col(ClaimantDuplicateFlag.other_id) == other_id,
                ),
                and_(
                    col(ClaimantDuplicateFlag.claimant_id) == other_id,
                    col(ClaimantDuplicateFlag.other_id) == claimant_id,
                ),
            ),
            col(ClaimantDuplicateFlag.dismissed_at).is_(None),
        )
    ).first()
    if flag is None:
        raise NotFound("open duplicate flag with claimant", other_id)
    flag.dismissed_at = utcnow()
    flag.dismissed_by = actor.sub
    session.add(flag)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="claimant.duplicate.dismiss",
        entity="claimant",
        entity_id=claimant_id,
        detail={"other_id": other_id, "reasons": flag.reasons.split(",")},
    )
    return claimant


# --- list ------------------------------------------------------------------------------------------------


def _received_expr(item: ChecklistItem) -> ColumnElement[bool]:
    return exists().where(
        col(ClaimantChecklistEntry.claimant_id) == col(Claimant.id),
        col(ClaimantChecklistEntry.item) == item.value,
        col(ClaimantChecklistEntry.received_on).is_not(None),
    )


def missing_items_expr() -> ColumnElement[bool]:
    return or_(
        *[not_(_received_expr(item)) for item in BASE_ITEMS],
        and_(col(Claimant.insured), not_(_received_expr(ChecklistItem.insurance_policy))),
    )


def flagged_expr() -> ColumnElement[bool]:
    return exists().where(
        or_(
            col(ClaimantDuplicateFlag.claimant_id) == col(Claimant.id),
            col(ClaimantDuplicateFlag.other_id) == col(Claimant.id),
        ),
        col(ClaimantDuplicateFlag.dismissed_at).is_(None),
    )


def member_expr(proceeding_id: int | None = None) -> ColumnElement[bool]:
    """The claimant is a member of the proceeding (of any, without `proceeding_id`)."""
    conditions = [col(ProceedingMember.claimant_id) == col(Claimant.id)]
    if proceeding_id is not None:
        conditions.append(col(ProceedingMember.proceeding_id) == proceeding_id)
    return exists().where(*conditions)


# The orders of the list (`sort`, `-` first for descending); every order ends with the id, so pages are stable.
SORT_KEYS = ("id", "name", "kana", "registration_no", "stage", "total", "updated_at")
_SORT_COLUMNS: dict[str, Any] = {
    "id": col(Claimant.id),
    "name": col(Claimant.name),
    "kana": col(Claimant.name_kana),
    "registration_no": col(Claimant.registration_no),
    "updated_at": col(Claimant.updated_at),
}


def _parse_sort(sort: str | None) -> tuple[str, bool]:
    value = (sort or "id").strip()
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in SORT_KEYS:
        raise Invalid("sort", f"must be one of {', '.join(SORT_KEYS)}, with '-' first for descending")
    return key, descending


def _conditions(filters: ClaimantFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.case_id is not None:
        conditions.append(col(Claimant.case_id) == filters.case_id)
    q = filters.q.strip() if filters.q else ""
    if q:
        pattern = f"%{q}%"
        conditions.append(
            or_(
                col(Claimant.name).ilike(pattern),
                col(Claimant.name_kana).ilike(pattern),
                col(Claimant.office_name).ilike(pattern),
                col(Claimant.registration_no).ilike(pattern),
            )
        )
    if filters.stage is not None:
        conditions.append(col(Claimant.stage) == filters.stage.value)
    if filters.kind is not None:
        conditions.append(col(Claimant.kind) == filters.kind.value)
    if filters.missing is not None:
        conditions.append(missing_items_expr() if filters.missing else not_(missing_items_expr()))
    if filters.flagged is not None:
        conditions.append(flagged_expr() if filters.flagged else not_(flagged_expr()))
    if filters.proceeding_id is not None:
        conditions.append(member_expr(filters.proceeding_id))
    if filters.in_proceeding is not None:
        conditions.append(member_expr() if filters.in_proceeding else not_(member_expr()))
    return conditions


_Query = TypeVar("_Query", bound=Select[Any])


def _matching(query: _Query, filters: ClaimantFilters) -> _Query:
    """`query` narrowed to the claimants the filters match, in the order of `filters.sort`."""
    sort_key, descending = _parse_sort(filters.sort)
    query = query.where(*_conditions(filters))
    column: ColumnElement[Any]
    if sort_key == "total":
        # the one order that needs the sums of every matching claimant, not only the page's
        totals = totals_by_claimant()
        query = query.outerjoin(totals, totals.c.claimant_id == col(Claimant.id))
        column = func.coalesce(totals.c.contract, 0) + func.coalesce(totals.c.unjust, 0)
    elif sort_key == "stage":
        column = sql_case(*[(col(Claimant.stage) == s.value, stage_index(s)) for s in Stage], else_=len(Stage))
    else:
        column = _SORT_COLUMNS[sort_key]
    order: list[ColumnElement[Any]] = [column.desc() if descending else column.asc()]
    if sort_key in ("kana", "registration_no"):
        order.insert(0, column.is_(None))  # blanks last in both directions
    if sort_key != "id":
        order.append(col(Claimant.id).desc() if descending else col(Claimant.id).asc())
    return query.order_by(*order)


def search(*, session: Session, filters: ClaimantFilters, limit: int, offset: int) -> ClaimantPage:
    """A page of claimants with their totals, searchable by name, kana, office or registration number,
    filtered by stage, kind, missing checklist items, open duplicate flags and membership of a proceeding
    (`in_proceeding=false`: of none), and sorted by `sort` (see `SORT_KEYS`; ties by id). Kana, registration
    number and the total sort blanks last either way."""
    _parse_sort(filters.sort)  # an unknown order is refused before anything is counted
    count = session.exec(select(func.count()).select_from(Claimant).where(*_conditions(filters))).one()
    page = session.exec(_matching(select(Claimant), filters).limit(limit).offset(offset)).all()
    totals = totals_by_claimant([c.id for c in page if c.id is not None])
    sums = {row.claimant_id: (int(row.contract), int(row.unjust)) for row in session.execute(totals.select()).all()}
    items = []
    for claimant, fields in zip(page, _read_fields(session=session, claimants=page), strict=True):
        contract, unjust = sums.get(claimant.id or 0, (0, 0))
        fields.update(contract_total=contract, unjust_enrichment_total=unjust, total=contract + unjust)
        items.append(fields)
    return ClaimantPage.model_validate({"items": items, "total": count, "limit": limit, "offset": offset})


# Enough for the whole case (about 3,000 claimants) with room; a selection beyond it is refused, not cut short.
MAX_MATCHING_IDS = 10_000


def matching_ids(*, session: Session, filters: ClaimantFilters) -> ClaimantIds:
    """The ids of every claimant the list's filters match, in the list's order (its pages one after another):
    what "select all matching" acts on. More than `MAX_MATCHING_IDS` is a 422 asking for narrower filters."""
    _parse_sort(filters.sort)
    count = session.exec(select(func.count()).select_from(Claimant).where(*_conditions(filters))).one()
    if count > MAX_MATCHING_IDS:
        raise AppError(
            422,
            "too-many-claimants",
            "Too many claimants",
            f"{count} claimants match; at most {MAX_MATCHING_IDS} can be selected at once: narrow the filters",
            extensions={"total": count, "max": MAX_MATCHING_IDS},
        )
    ids = list(session.exec(_matching(select(col(Claimant.id)), filters)).all())
    return ClaimantIds(ids=ids, total=len(ids))
