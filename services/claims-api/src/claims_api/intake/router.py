"""What notify reads to send intake reminders."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from claims_api.auth.deps import ClaimsRead
from claims_api.core.deps import SessionDep
from claims_api.intake import service
from claims_api.intake.schemas import OpenIntakePage

router = APIRouter(prefix="/intake", tags=["intake"])


@router.get("/open", response_model=OpenIntakePage)
def open_intake(
    session: SessionDep,
    _: ClaimsRead,
    case_id: Annotated[int | None, Query(description="only this case's claimants")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The claimants whose intake checklist still has missing items and who are not yet filed, by claimant id,
    each with the missing items in checklist order. Claimants without e-mail or reminder consent are listed
    too (notify decides); complete and filed claimants are not."""
    page = service.open_checklists(session=session, case_id=case_id, limit=limit, offset=offset)
    # Validated once by the service (see the claimant list).
    return Response(content=page.model_dump_json(), media_type="application/json")
