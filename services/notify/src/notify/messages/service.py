"""Every query on messages: creating them for a hearing, cancelling, listing, and the delivery states."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from bengodan_common.japanese import TOKYO
from notify.claims.client import Recipient
from notify.core.config import Settings
from notify.delivery.pacing import after_quiet_hours, allowance, in_quiet_hours
from notify.messages.content import (
    HearingInfo,
    Team,
    new_message_id,
    reminder_lead,
    render,
    sender_address,
    valid_address,
)
from notify.messages.models import REMINDER_KINDS, Message
from notify.reminders import rules
from notify.reminders.optouts import opted_out, unsubscribe_url
from notify.reminders.rules import Rule

log = logging.getLogger(__name__)


def cancel_key_for(hearing_id: int) -> str:
    return f"hearing:{hearing_id}"


def reminder_times(*, starts_at: datetime, rule: Rule, now: datetime) -> list[tuple[int, datetime]]:
    """(N, due time in UTC) for each N of the rule: its hour Japan time, N days before the hearing's day in Japan,
    leaving out times already past and times not before the hearing itself. Earliest first."""
    hearing_day = starts_at.astimezone(TOKYO).date()
    result = []
    for n in sorted(set(rule.days_before), reverse=True):
        due = datetime.combine(hearing_day - timedelta(days=n), time(rule.hour_jst), tzinfo=TOKYO).astimezone(UTC)
        if now < due < starts_at:
            result.append((n, due))
    return result


def team_for(settings: Settings) -> Team:
    """Who the e-mails come from, as their footers name them."""
    return Team(name=settings.team_name, contact=settings.team_contact)


def queued_email(
    *,
    kind: str,
    dedupe_key: str,
    cancel_key: str,
    to_name: str,
    to_address: str,
    subject: str,
    body: str,
    due_at: datetime,
    settings: Settings,
    event_id: str | None = None,
    hearing_id: int | None = None,
    claimant_id: int | None = None,
    now: datetime | None = None,
) -> Message:
    """A `queued` e-mail to one person, ready for `session.add`: from `mail_from`, with a Message-ID of its own
    (every retry sends the same one), due at `due_at` or, if that falls in the quiet hours, when they end.
    `now` stamps created_at and updated_at (default: the clock when the row is made)."""
    message = Message(
        kind=kind,
        channel="email",
        event_id=event_id,
        dedupe_key=dedupe_key,
        hearing_id=hearing_id,
        claimant_id=claimant_id,
        to_name=to_name,
        to_address=to_address,
        sender=sender_address(settings.mail_from),
        subject=subject,
        body=body,
        message_id=new_message_id(settings.message_id_domain),
        status="queued",
        due_at=after_quiet_hours(due_at, start=settings.quiet_hours_start, end=settings.quiet_hours_end),
        cancel_key=cancel_key,
    )
    if now is not None:
        message.created_at = message.updated_at = now
    return message


def _add(
    *,
    session: Session,
    kind: str,
    event_id: str,
    hearing: HearingInfo,
    recipient: Recipient,
    subject: str,
    body: str,
    due_at: datetime,
    settings: Settings,
) -> None:
    assert recipient.email is not None
    session.add(
        queued_email(
            kind=kind,
            event_id=event_id,
            dedupe_key=f"{event_id}:{recipient.claimant_id}:{kind}:{due_at.isoformat()}",
            hearing_id=hearing.hearing_id,
            claimant_id=recipient.claimant_id,
            to_name=recipient.name,
            to_address=recipient.email,
            subject=subject,
            body=body,
            due_at=due_at,
            cancel_key=cancel_key_for(hearing.hearing_id),
            settings=settings,
        )
    )


def _deliverable(session: Session, recipients: Sequence[Recipient]) -> list[Recipient]:
    """Those with an e-mail and consent who have not opted out since (the opt-out is notify's own record)."""
    stopped = opted_out(session, (r.claimant_id for r in recipients))
    good = []
    for r in recipients:
        if r.claimant_id in stopped:
            continue
        if r.email and r.reminder_consent and valid_address(r.name, r.email):
            good.append(r)
        elif r.email and r.reminder_consent:
            log.warning("claimant %d: e-mail address unusable, no message made", r.claimant_id)
    return good


def create_for_hearing(
    *,
    session: Session,
    event_id: str,
    hearing: HearingInfo,
    recipients: Sequence[Recipient],
    settings: Settings,
    changed: bool,
    now: datetime,
) -> int:
    """A notice due now and the reminders still ahead, for each consenting recipient with an e-mail."""
    reminders = reminder_times(starts_at=hearing.starts_at, rule=rules.rule_for(session, hearing.kind), now=now)
    team = team_for(settings)
    count = 0
    for recipient in _deliverable(session, recipients):
        link = unsubscribe_url(settings, recipient.claimant_id)
        subject, body = render(
            "hearing_notice", hearing=hearing, name=recipient.name, team=team, unsubscribe_url=link, changed=changed
        )
        _add(
            session=session,
            kind="hearing_notice",
            event_id=event_id,
            hearing=hearing,
            recipient=recipient,
            subject=subject,
            body=body,
            due_at=now,
            settings=settings,
        )
        count += 1
        for n, due_at in reminders:
            subject, body = render(
                "hearing_reminder",
                hearing=hearing,
                name=recipient.name,
                team=team,
                unsubscribe_url=link,
                lead=reminder_lead(n),
            )
            _add(
                session=session,
                kind="hearing_reminder",
                event_id=event_id,
                hearing=hearing,
                recipient=recipient,
                subject=subject,
                body=body,
                due_at=due_at,
                settings=settings,
            )
            count += 1
    return count


def create_cancellation(
    *,
    session: Session,
    event_id: str,
    hearing: HearingInfo,
    recipients: Sequence[Recipient],
    settings: Settings,
    now: datetime,
) -> int:
    team = team_for(settings)
    count = 0
    for recipient in _deliverable(session, recipients):
        link = unsubscribe_url(settings, recipient.claimant_id)
        subject, body = render(
            "hearing_cancellation", hearing=hearing, name=recipient.name, team=team, unsubscribe_url=link
        )
        _add(
            session=session,
            kind="hearing_cancellation",
            event_id=event_id,
            hearing=hearing,
            recipient=recipient,
            subject=subject,
            body=body,
            due_at=now,
            settings=settings,
        )
        count += 1
    return count


def cancel_pending(*, session: Session, cancel_key: str, now: datetime) -> int:
    """Cancel the messages of a hearing not yet handed to the SMTP server (`queued`, including those
    waiting for a retry). A message in `sending` is already on its way and is left alone."""
    result = session.execute(
        update(Message)
        .where(col(Message.cancel_key) == cancel_key, col(Message.status) == "queued")
        .values(status="cancelled", updated_at=now)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def list_messages(
    *,
    session: Session,
    hearing_id: int | None,
    claimant_id: int | None,
    status: str | None,
    newest_first: bool,
    limit: int,
    offset: int,
) -> tuple[list[Message], int]:
    conditions: list[ColumnElement[bool]] = []
    if hearing_id is not None:
        conditions.append(col(Message.hearing_id) == hearing_id)
    if claimant_id is not None:
        conditions.append(col(Message.claimant_id) == claimant_id)
    if status is not None:
        conditions.append(col(Message.status) == status)
    total = session.scalar(select(func.count()).select_from(Message).where(*conditions)) or 0
    order = (
        (col(Message.due_at).desc(), col(Message.id).desc()) if newest_first else (col(Message.due_at), col(Message.id))
    )
    rows = session.scalars(select(Message).where(*conditions).order_by(*order).limit(limit).offset(offset)).all()
    return list(rows), int(total)


def get(*, session: Session, message_id: int) -> Message | None:
    return session.get(Message, message_id)


# --- delivery states ---------------------------------------------------------------------------------


def claim_due(*, session: Session, now: datetime, limit: int, settings: Settings) -> list[Message]:
    """Due `queued` e-mails, and `sending` ones abandoned longer than the timeout (the process died mid-send),
    marked `sending` with one more attempt. The caller commits before it sends anything. An abandoned message
    that has used up its attempts is marked `failed` instead. Reminders wait while it is quiet hours, and no
    sender gets more than its rate allows. PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several workers (on several
    hosts) never take the same message."""
    abandoned_before = now - timedelta(seconds=settings.sending_timeout_seconds)
    conditions: list[ColumnElement[bool]] = [
        col(Message.channel) == "email",
        or_(
            and_(col(Message.status) == "queued", col(Message.due_at) <= now),
            and_(col(Message.status) == "sending", col(Message.claimed_at) <= abandoned_before),
        ),
    ]
    if in_quiet_hours(now, start=settings.quiet_hours_start, end=settings.quiet_hours_end):
        conditions.append(col(Message.kind).not_in(REMINDER_KINDS))
    statement = select(Message).where(*conditions).order_by(col(Message.due_at), col(Message.id)).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    allowances: dict[str, int] = {}
    claimed = []
    for message in session.scalars(statement).all():
        if message.sender not in allowances:
            allowances[message.sender] = allowance(
                session, sender=message.sender, per_minute=settings.rate_limit_per_minute, now=now
            )
        if allowances[message.sender] <= 0:
            continue  # stays queued until the next minute
        message.updated_at = now
        if message.status == "sending" and message.attempts >= settings.max_attempts:
            message.status = "failed"
            message.last_error = f"left in sending after {message.attempts} attempts; given up"
            session.add(message)
            log.warning("message %d was left in sending and has no attempts left: failed", message.id)
            continue
        if message.status == "sending":
            log.warning("message %d was left in sending; sending it again with the same Message-ID", message.id)
        allowances[message.sender] -= 1
        claimed.append(message)
        message.status = "sending"
        message.claimed_at = now
        message.attempts += 1
        session.add(message)
    return claimed


def cancel(*, session: Session, message_ids: Sequence[int], reason: str, now: datetime) -> None:
    if message_ids:
        session.execute(
            update(Message)
            .where(col(Message.id).in_(message_ids))
            .values(status="cancelled", last_error=reason, updated_at=now)
        )


def mark_sent(
    connection: Session | Connection, *, message_id: int, now: datetime, provider_message_id: str | None = None
) -> None:
    connection.execute(
        update(Message)
        .where(col(Message.id) == message_id, col(Message.status) == "sending")
        .values(status="sent", sent_at=now, last_error=None, updated_at=now, provider_message_id=provider_message_id)
    )


def mark_failed_attempt(
    *, session: Session, message_id: int, error: str, permanent: bool, now: datetime, settings: Settings
) -> str:
    """After a failed send: back to `queued` with backoff, or `failed` when the error is permanent or
    the attempts are used up. Returns the new status."""
    message = session.get(Message, message_id)
    if message is None or message.status != "sending":
        return message.status if message else "missing"
    if permanent or message.attempts >= settings.max_attempts:
        message.status = "failed"
    else:
        message.status = "queued"
        delay = min(settings.retry_base_seconds * 2 ** (message.attempts - 1), settings.retry_max_seconds)
        message.due_at = now + timedelta(seconds=delay)
    message.last_error = error[:1000]
    message.updated_at = now
    session.add(message)
    return message.status
