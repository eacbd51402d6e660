from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES, Invalid
from notify.core.deps import NotifyWriter, SessionDep
from notify.delivery.bounces import NotADeliveryReport, parse_dsn
from notify.delivery.reports import apply_reports

router = APIRouter(prefix="/api/v1/delivery-reports", tags=["delivery"], responses=PROBLEM_RESPONSES)

MAX_REPORT_BYTES = 10 * 1024 * 1024


class ReportsApplied(BaseModel):
    reports: int
    applied: int
    unknown: int
    fallbacks: int


@router.post(
    "",
    response_model=ReportsApplied,
    summary="A delivery status notification (RFC 3464) as received, e.g. piped from the bounce mailbox",
)
def receive_report(
    data: Annotated[bytes, Body(media_type="message/rfc822", description="the DSN e-mail, raw")],
    session: SessionDep,
    _: NotifyWriter,
) -> ReportsApplied:
    if len(data) > MAX_REPORT_BYTES:
        raise Invalid("body", f"a delivery report is at most {MAX_REPORT_BYTES // (1024 * 1024)} MB")
    try:
        reports = parse_dsn(data)
    except NotADeliveryReport as exc:
        raise Invalid("body", f"not a delivery status notification: {exc}") from exc
    result = apply_reports(session=session, reports=reports, now=utcnow())
    return ReportsApplied(
        reports=len(reports), applied=result.applied, unknown=result.unknown, fallbacks=result.fallbacks
    )
