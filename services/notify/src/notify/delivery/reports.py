"""Delivery reports applied to the messages they are about: DSNs from the receiving mail servers, SES
notifications. A bounce ends the e-mail (state `bounced`, counted as failed); a breach notice then falls back to
a letter when the recipient has a postal address, else to the public notice (the alternative measure). A
complaint about a reminder is taken as an opt-out."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from notify.campaigns.models import Campaign, Recipient
from notify.delivery.bounces import DeliveryReport
from notify.messages.models import REMINDER_KINDS, Message
from notify.reminders.optouts import opt_out

log = logging.getLogger(__name__)

# A report can only move a message forward: a late "delayed" or "delivered" does not undo a bounce.
_DELIVERABLE_FROM = ("sending", "sent")
_BOUNCEABLE_FROM = ("sending", "sent", "delivered")


@dataclass
class Applied:
    applied: int = 0
    unknown: int = 0  # about no message of ours (or one already past that state)
    fallbacks: int = 0  # letters or public-notice entries queued for bounced breach notices


def _find(session: Session, report: DeliveryReport) -> Message | None:
    if report.message_id:
        found = session.exec(select(Message).where(col(Message.message_id) == report.message_id)).first()
        if found:
            return found
    if report.provider_message_id:
        return session.exec(
            select(Message).where(col(Message.provider_message_id) == report.provider_message_id)
        ).first()
    return None


def apply_reports(*, session: Session, reports: Iterable[DeliveryReport], now: datetime) -> Applied:
    """Apply each report in the caller's transaction."""
    result = Applied()
    for report in reports:
        message = _find(session, report)
        if message is None:
            result.unknown += 1
            continue
        detail = " ".join(part for part in (report.status, report.detail) if part)[:1000]
        if report.outcome == "delivered" and message.status in _DELIVERABLE_FROM:
            message.status = "delivered"
            message.delivered_at = now
        elif report.outcome == "bounced" and message.status in _BOUNCEABLE_FROM:
            message.status = "bounced"
            message.bounced_at = now
            message.last_error = detail or "bounced"
            result.fallbacks += _fall_back(session, message, now=now)
        elif report.outcome == "delayed" and message.status in _DELIVERABLE_FROM:
            message.last_error = f"delayed: {detail}"[:1000]
        elif report.outcome == "complaint":
            if message.kind in REMINDER_KINDS and message.claimant_id:
                opt_out(session, claimant_id=message.claimant_id, source="complaint", actor=None, now=now)
        else:
            result.unknown += 1
            continue
        message.updated_at = now
        session.add(message)
        result.applied += 1
        log.info("message %d: %s report applied -> %s", message.id, report.outcome, message.status)
    return result


def _fall_back(session: Session, bounced: Message, *, now: datetime) -> int:
    """After a breach notice bounced: a letter if the recipient has an address, else the public notice."""
    if bounced.kind != "breach_notice" or bounced.channel != "email" or bounced.recipient_id is None:
        return 0
    recipient = session.get(Recipient, bounced.recipient_id)
    if recipient is None:
        return 0
    channel = "postal" if recipient.address else "public_notice"
    key = f"campaign:{bounced.campaign_id}:{recipient.id}:{channel}"
    if session.exec(select(Message.id).where(col(Message.dedupe_key) == key)).first() is not None:
        return 0
    campaign = session.get(Campaign, bounced.campaign_id)
    # A public notice already published covers this person from now on.
    covered = channel == "public_notice" and campaign is not None and campaign.public_notice_published_on is not None
    session.add(
        Message(
            kind="breach_notice",
            channel=channel,
            dedupe_key=key,
            campaign_id=bounced.campaign_id,
            recipient_id=recipient.id,
            to_name=recipient.name,
            sender=bounced.sender,
            message_id=bounced.message_id.replace("@", f".{channel}@", 1),
            status="sent" if covered else "queued",
            sent_at=now if covered else None,
            due_at=now,
            cancel_key=bounced.cancel_key,
            created_at=now,
            updated_at=now,
        )
    )
    return 1
