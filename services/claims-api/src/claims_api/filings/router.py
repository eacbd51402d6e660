"""What docs-render reads to print the filings of a proceeding."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response

from bengodan_common.etag import etag_of
from claims_api.auth.deps import CasesRead, CasesWrite, ClaimsRead
from claims_api.core.deps import SessionDep
from claims_api.filings import service
from claims_api.filings.schemas import DamageSchedulePage, FilingSettingsRead, FilingSettingsUpdate, Parties

router = APIRouter(prefix="/cases/{case_id}", tags=["filings"])

IfMatch = Annotated[
    str | None,
    Header(description="the ETag of the last read: a stale one is refused with 412 and changes nothing"),
]
ProceedingId = Annotated[int, Query(description="the proceeding whose members are read; 404 if not of this case")]


def _with_etag(response: Response, settings: FilingSettingsRead) -> FilingSettingsRead:
    response.headers["ETag"] = etag_of(settings)
    return settings


@router.get("/filing-settings", response_model=FilingSettingsRead)
def get_filing_settings(case_id: int, response: Response, session: SessionDep, _: CasesRead) -> FilingSettingsRead:
    """The counsel's office, the counsel in signing order and the case's filing texts, with an `ETag`."""
    return _with_etag(response, service.get_settings(session=session, case_id=case_id))


@router.put("/filing-settings", response_model=FilingSettingsRead)
def put_filing_settings(
    case_id: int,
    data: FilingSettingsUpdate,
    response: Response,
    session: SessionDep,
    actor: CasesWrite,
    if_match: IfMatch = None,
) -> FilingSettingsRead:
    """Replace the filing settings: office, counsel (in signing order) and texts, all of them."""
    settings = service.replace_settings(session=session, case_id=case_id, data=data, actor=actor, if_match=if_match)
    return _with_etag(response, settings)


@router.get("/parties", response_model=Parties)
def parties(
    case_id: int,
    proceeding_id: ProceedingId,
    session: SessionDep,
    _: ClaimsRead,
    claimant_id: Annotated[
        int | None, Query(description="only this claimant's membership (none listed if not a member)")
    ] = None,
) -> Response:
    """当事者目録: the case and its defendant, the proceeding, and its members in member-number order."""
    result = service.parties(session=session, case_id=case_id, proceeding_id=proceeding_id, claimant_id=claimant_id)
    # Thousands of rows built from typed columns: serialised once, not validated again (see the claim table).
    return Response(content=result.model_dump_json(), media_type="application/json")


@router.get("/damage-schedules", response_model=DamageSchedulePage)
def damage_schedules(
    case_id: int,
    proceeding_id: ProceedingId,
    session: SessionDep,
    _: ClaimsRead,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> Response:
    """損害一覧 of a page of the proceeding's members, in member-number order: items and summary of each."""
    page = service.damage_schedules(
        session=session, case_id=case_id, proceeding_id=proceeding_id, limit=limit, offset=offset
    )
    return Response(content=page.model_dump_json(), media_type="application/json")
