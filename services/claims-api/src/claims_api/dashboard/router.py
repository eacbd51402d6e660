from __future__ import annotations

from fastapi import APIRouter

from bengodan_common.db import utcnow
from claims_api.auth.deps import ClaimsRead
from claims_api.core.deps import SessionDep
from claims_api.dashboard import service
from claims_api.dashboard.schemas import Dashboard

router = APIRouter(prefix="/cases/{case_id}", tags=["dashboard"])


@router.get("/dashboard", response_model=Dashboard)
def dashboard(case_id: int, session: SessionDep, _: ClaimsRead) -> Dashboard:
    """The team's first screen: claimants by stage (overall, per proceeding, in none), the damages by head and legal
    basis, 訴額 and 貼用印紙額 per proceeding, the next hearings, and the claimants that need work."""
    return service.dashboard(session=session, case_id=case_id, now=utcnow())
