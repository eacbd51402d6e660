from __future__ import annotations

from fastapi import APIRouter, Response

from bengodan_common.db import utcnow
from bengodan_common.japanese import TOKYO
from claims_api.auth.deps import ClaimsRead
from claims_api.claim_table import service
from claims_api.claim_table.schemas import ClaimTable, FilingFee
from claims_api.core.deps import SessionDep
from claims_api.legal import FeeKind

router = APIRouter(prefix="/cases/{case_id}", tags=["claim table"])


@router.get("/claim-table", response_model=ClaimTable)
def claim_table(case_id: int, session: SessionDep, _: ClaimsRead, proceeding_id: int | None = None) -> Response:
    """請求一覧: per plaintiff (in plaintiff order) the contract damages and the unjust enrichment, with totals."""
    today = utcnow().astimezone(TOKYO).date()
    table = service.claim_table(session=session, case_id=case_id, proceeding_id=proceeding_id, today=today)
    # Thousands of rows built by the service from typed columns: serialised once, without FastAPI validating
    # the response model again (which cost as much as the query).
    return Response(content=table.model_dump_json(), media_type="application/json")


@router.get("/filing-fee", response_model=FilingFee)
def filing_fee(
    case_id: int,
    session: SessionDep,
    _: ClaimsRead,
    proceeding_id: int | None = None,
    kind: FeeKind | None = None,
) -> FilingFee:
    """訴額 and 貼用印紙額 of the proceeding (the kind defaults to the proceeding's: mediation or suit)."""
    return service.proceeding_filing_fee(session=session, case_id=case_id, proceeding_id=proceeding_id, kind=kind)
