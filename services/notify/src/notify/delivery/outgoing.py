"""The e-mails of claimed messages: a hearing or intake message carries its text; a breach notice is made from its
campaign and recipient. Reminders to claimants who opted out since they were queued are cancelled instead."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import formataddr

from sqlmodel import Session, col, select

from bengodan_common.notices import NoticeContact
from notify.campaigns.models import Campaign, Recipient
from notify.campaigns.notice_email import notice_email
from notify.core.config import Settings
from notify.messages import service as messages
from notify.messages.content import RawEmail, build_email, sender_address
from notify.messages.models import REMINDER_KINDS, Message
from notify.reminders.optouts import opted_out, unsubscribe_url


@dataclass(frozen=True)
class Outgoing:
    message_id: int
    kind: str
    email: RawEmail


def compose(*, session: Session, claimed: Sequence[Message], settings: Settings, now: datetime) -> list[Outgoing]:
    stopped = opted_out(
        session, (m.claimant_id for m in claimed if m.kind in REMINDER_KINDS and m.claimant_id is not None)
    )
    cancelled = [m.id for m in claimed if m.claimant_id in stopped and m.kind in REMINDER_KINDS and m.id]
    messages.cancel(session=session, message_ids=cancelled, reason="opted out of reminders", now=now)
    campaigns, recipients = _notice_sources(session, [m for m in claimed if m.kind == "breach_notice"])
    address = sender_address(settings.mail_from)
    out = []
    for message in claimed:
        assert message.id is not None
        if message.id in cancelled:
            continue
        if message.kind == "breach_notice":
            campaign = campaigns[message.campaign_id or 0]
            subject, body = notice_email(campaign, recipients[message.recipient_id or 0])
            contact = NoticeContact.model_validate(campaign.contact)
            email = build_email(
                message,
                subject=subject,
                body=body,
                mail_from=formataddr((str(campaign.sender["name"]), address)),
                reply_to=contact.email,
                now=now,
            )
        else:
            assert message.subject is not None and message.body is not None
            link = unsubscribe_url(settings, message.claimant_id) if message.claimant_id else None
            email = build_email(
                message,
                subject=message.subject,
                body=message.body,
                mail_from=settings.mail_from,
                unsubscribe=link,
                now=now,
            )
        out.append(Outgoing(message.id, message.kind, email))
    return out


def _notice_sources(session: Session, notices: Sequence[Message]) -> tuple[dict[int, Campaign], dict[int, Recipient]]:
    if not notices:
        return {}, {}
    campaign_ids = {m.campaign_id for m in notices}
    recipient_ids = [m.recipient_id for m in notices]
    campaigns = session.exec(select(Campaign).where(col(Campaign.id).in_(campaign_ids))).all()
    recipients = session.exec(select(Recipient).where(col(Recipient.id).in_(recipient_ids))).all()
    return {c.id or 0: c for c in campaigns}, {r.id or 0: r for r in recipients}
