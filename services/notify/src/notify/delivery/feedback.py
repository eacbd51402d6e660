"""Amazon SES bounce, delivery and complaint notifications, read from the SQS queue subscribed to them."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bengodan_common.db import utcnow
from notify.delivery.bounces import NotADeliveryReport, parse_ses_notification
from notify.delivery.reports import apply_reports

log = logging.getLogger(__name__)


def poll_ses_feedback(*, engine: Engine, sqs: Any, queue_url: str, max_messages: int = 10) -> int:
    """Apply what the queue holds now (one receive of up to 10). Each SQS message is deleted only after its reports
    are committed, so a crash re-reads it (applying a report twice changes nothing). One that is not a report is
    logged and deleted. Returns the number of reports applied."""
    received = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=max_messages, WaitTimeSeconds=0)
    applied = 0
    for item in received.get("Messages", []):
        try:
            reports = parse_ses_notification(item["Body"])
        except NotADeliveryReport as exc:
            log.warning("SES feedback message %s is not a delivery report (%s); dropped", item.get("MessageId"), exc)
            reports = []
        if reports:
            with Session(engine) as session:
                applied += apply_reports(session=session, reports=reports, now=utcnow()).applied
                session.commit()
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=item["ReceiptHandle"])
    return applied
