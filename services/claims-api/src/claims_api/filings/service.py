"""What docs-render prints besides the claims: the counsel and texts of a case (filing settings), the parties of
a proceeding (当事者目録) and its members' damage schedules (損害一覧), read in batches."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Conflict
from bengodan_common.etag import require_match
from claims_api.audit import service as audit
from claims_api.cases.models import ProceedingMember
from claims_api.cases.service import get_case
from claims_api.claim_table.service import scope
from claims_api.claimants.models import Claimant
from claims_api.claimants.schemas import ClaimantKind
from claims_api.damages import service as damages
from claims_api.filings.models import CaseCounsel, CaseFilingSettings
from claims_api.filings.schemas import (
    Counsel,
    DamageSchedule,
    DamageSchedulePage,
    FilingOffice,
    FilingSettingsRead,
    FilingSettingsUpdate,
    FilingTexts,
    Parties,
    PartiesCase,
    PartiesProceeding,
    Plaintiff,
    ScheduleClaimant,
)

# --- filing settings -------------------------------------------------------------------------------------


def _stored(session: Session, case_id: int) -> CaseFilingSettings | None:
    return session.exec(select(CaseFilingSettings).where(CaseFilingSettings.case_id == case_id)).first()


def _counsel(session: Session, case_id: int) -> list[CaseCounsel]:
    query = select(CaseCounsel).where(CaseCounsel.case_id == case_id).order_by(col(CaseCounsel.position))
    return list(session.exec(query).all())


def _read_settings(case_id: int, row: CaseFilingSettings | None, counsel: list[CaseCounsel]) -> FilingSettingsRead:
    stored = row or CaseFilingSettings(case_id=case_id)
    return FilingSettingsRead(
        case_id=case_id,
        office=FilingOffice(
            name=stored.office_name,
            postal_code=stored.office_postal_code,
            address=stored.office_address,
            phone=stored.office_phone,
            fax=stored.office_fax,
        ),
        counsel=[Counsel(name=c.name, title=c.title) for c in counsel],
        texts=FilingTexts(
            complaint_cause=stored.complaint_cause,
            related_facts=stored.related_facts,
            mediation_dispute=stored.mediation_dispute,
            mediation_resolution_items=list(stored.mediation_resolution_items),
        ),
        updated_at=row.updated_at if row is not None else None,
    )


def get_settings(*, session: Session, case_id: int) -> FilingSettingsRead:
    """The stored settings; empty strings and lists (and `updated_at` null) while none are stored."""
    get_case(session=session, case_id=case_id)
    return _read_settings(case_id, _stored(session, case_id), _counsel(session, case_id))


def _changed_fields(before: FilingSettingsRead, after: FilingSettingsRead) -> list[str]:
    changed = [
        f"{section}.{field}"
        for section in ("office", "texts")
        for field, value in getattr(after, section)
        if getattr(getattr(before, section), field) != value
    ]
    if before.counsel != after.counsel:
        changed.append("counsel")
    return sorted(changed)


def replace_settings(
    *,
    session: Session,
    case_id: int,
    data: FilingSettingsUpdate,
    actor: Principal | str,
    if_match: str | None = None,
) -> FilingSettingsRead:
    """Store the whole settings (the counsel list is replaced); 412 if `if_match` is stale."""
    get_case(session=session, case_id=case_id)
    row = _stored(session, case_id)
    old_counsel = _counsel(session, case_id)
    before = _read_settings(case_id, row, old_counsel)
    require_match(if_match, before)
    if row is None:
        row = CaseFilingSettings(case_id=case_id)
    row.office_name = data.office.name
    row.office_postal_code = data.office.postal_code
    row.office_address = data.office.address
    row.office_phone = data.office.phone
    row.office_fax = data.office.fax
    row.complaint_cause = data.texts.complaint_cause
    row.related_facts = data.texts.related_facts
    row.mediation_dispute = data.texts.mediation_dispute
    row.mediation_resolution_items = list(data.texts.mediation_resolution_items)
    row.updated_at = utcnow()
    counsel = [
        CaseCounsel(case_id=case_id, position=position, name=c.name, title=c.title)
        for position, c in enumerate(data.counsel)
    ]
    try:
        session.add(row)
        for old in old_counsel:
            session.delete(old)
        session.flush()  # the positions are free again before the new list takes them
        session.add_all(counsel)
        session.flush()
    except IntegrityError as exc:  # the first settings of the case, stored by a concurrent request meanwhile
        raise Conflict(
            "the filing settings were stored at the same moment by another change; reload and retry"
        ) from exc
    after = _read_settings(case_id, row, counsel)
    audit.record(
        session=session,
        actor=actor,
        action="case.filing_settings.update",
        entity="case",
        entity_id=case_id,
        detail={"fields": _changed_fields(before, after)},
    )
    return after


# --- parties ---------------------------------------------------------------------------------------------


def parties(*, session: Session, case_id: int, proceeding_id: int, claimant_id: int | None = None) -> Parties:
    """The case, the proceeding and its members with their addresses, in member-number order: one query for
    the members, rows as plain dicts (not validated again one by one). With `claimant_id`, that member only
    (what one 損害一覧 needs: its member number), or none."""
    case, proceeding = scope(session, case_id, proceeding_id)
    assert proceeding is not None, "a proceeding id was given"
    query = (
        sa_select(
            col(ProceedingMember.number),
            col(Claimant.id),
            col(Claimant.kind),
            col(Claimant.name),
            col(Claimant.representative),
            col(Claimant.office_name),
            col(Claimant.postal_code),
            col(Claimant.address),
        )
        .join(Claimant, col(Claimant.id) == ProceedingMember.claimant_id)
        .where(col(ProceedingMember.proceeding_id) == proceeding_id)
        .order_by(col(ProceedingMember.number))
    )
    if claimant_id is not None:
        query = query.where(col(Claimant.id) == claimant_id)
    kinds = {kind.value: kind for kind in ClaimantKind}
    plaintiffs = [
        Plaintiff(
            number=number,
            claimant_id=claimant_id,
            kind=kinds[kind],
            name=name,
            representative=representative,
            office_name=office_name,
            postal_code=postal_code,
            address=address,
        )
        for number, claimant_id, kind, name, representative, office_name, postal_code, address in session.execute(
            query
        ).all()
    ]
    return Parties.model_construct(
        case=PartiesCase.model_validate(case, from_attributes=True),
        proceeding=PartiesProceeding.model_validate(proceeding, from_attributes=True),
        plaintiffs=plaintiffs,
    )


# --- damage schedules ------------------------------------------------------------------------------------


def damage_schedules(
    *, session: Session, case_id: int, proceeding_id: int, limit: int = 100, offset: int = 0
) -> DamageSchedulePage:
    """A page of the members' damage schedules in member-number order. Four queries for the page whatever its
    size: the members with their claimants, their items, the items' exhibits, and the totals per head."""
    case, proceeding = scope(session, case_id, proceeding_id)
    assert proceeding is not None, "a proceeding id was given"
    in_proceeding: Any = col(ProceedingMember.proceeding_id) == proceeding_id
    total = session.exec(select(func.count()).select_from(ProceedingMember).where(in_proceeding)).one()
    members = session.exec(
        select(ProceedingMember.number, Claimant)
        .join(Claimant, col(Claimant.id) == ProceedingMember.claimant_id)
        .where(in_proceeding)
        .order_by(col(ProceedingMember.number))
        .limit(limit)
        .offset(offset)
    ).all()
    ids = [claimant.id or 0 for _, claimant in members]
    items = damages.items_by_claimant(session=session, claimant_ids=ids)
    summaries = damages.summaries(session=session, case=case, claimant_ids=ids)
    return DamageSchedulePage(
        items=[
            DamageSchedule(
                number=number,
                claimant=ScheduleClaimant.model_validate(claimant, from_attributes=True),
                items=items.get(claimant.id or 0, []),
                summary=summaries[claimant.id or 0],
            )
            for number, claimant in members
        ],
        total=total,
        limit=limit,
        offset=offset,
    )
