"""A campaign's notices: the launch (one per recipient, by the channel that reaches them), where they stand, the
proof of who was notified when, and the preview of one recipient's e-mail."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, Select, String, and_, cast, exists, func, insert, literal, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.auth import Principal
from bengodan_common.errors import Conflict, NotFound
from bengodan_common.japanese import TOKYO
from notify.campaigns.models import Campaign, Recipient, RecipientImport
from notify.campaigns.notice_email import notice_email
from notify.campaigns.schemas import ChannelCounts, DeliveryCounts
from notify.core.config import Settings
from notify.messages.content import sender_address
from notify.messages.models import Message

CHANNEL_LABELS = {"email": "電子メール", "postal": "郵送", "public_notice": "公表（代替措置）"}
STATUS_LABELS = {
    "queued": "送信待ち",
    "sending": "送信中",
    "sent": "送信済み",
    "delivered": "配達済み",
    "bounced": "不達",
    "failed": "失敗",
    "cancelled": "取消し",
}
PROOF_HEADER = (
    "受信者番号",
    "氏名",
    "通知方法",
    "宛先",
    "状態",
    "送信日時",
    "配達確認日時",
    "不達日時",
    "メッセージID",
    "試行回数",
    "備考",
)
PROOF_PAGE = 5_000
REACHED = ("sent", "delivered")


def cancel_key_for(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


def _succeeded_imports(campaign_id: int) -> Select[int | None]:
    return select(col(RecipientImport.id)).where(
        col(RecipientImport.campaign_id) == campaign_id, col(RecipientImport.status) == "succeeded"
    )


def launch(
    *, session: Session, campaign: Campaign, actor: Principal, settings: Settings, now: datetime
) -> tuple[int, int]:
    """Queue a notice for every recipient of the campaign's succeeded imports who has none yet: by e-mail where
    there is an address, else by post. The first launch freezes the campaign (status `sending`); a later one
    queues the recipients imported since. Returns (e-mails, letters) queued. One INSERT … SELECT: a million
    recipients never pass through Python."""
    assert campaign.id is not None
    if session.get_bind().dialect.name == "postgresql":  # two launches at once: the second waits, then adds none
        session.execute(select(col(Campaign.id)).where(col(Campaign.id) == campaign.id).with_for_update())
    running = session.scalar(
        select(func.count())
        .select_from(RecipientImport)
        .where(col(RecipientImport.campaign_id) == campaign.id, col(RecipientImport.status) == "running")
    )
    if running:
        raise Conflict("a recipient list is still being imported; launch when it has finished")
    if campaign.case_id is None:
        raise Conflict("the campaign has no case_id (made before it was asked); create it again with one")
    if campaign.status == "draft":
        campaign.status = "sending"
        campaign.message_token = secrets.token_hex(8)
        campaign.launched_at = now
        campaign.launched_by = actor.sub
        campaign.updated_at = now
        session.add(campaign)
        session.flush()
    counts = []
    for channel, reachable in (
        ("email", col(Recipient.email).is_not(None)),
        ("postal", col(Recipient.email).is_(None)),
    ):
        counts.append(_queue(session, campaign, channel, reachable, settings=settings, now=now))
    if not any(counts) and not _has_messages(session, campaign.id):
        raise Conflict("the campaign has no recipients yet; import a list first")
    return counts[0], counts[1]


def _has_messages(session: Session, campaign_id: int) -> bool:
    return session.scalar(select(exists().where(col(Message.campaign_id) == campaign_id))) or False


def _has_notice() -> Exists:
    """The recipient (of the enclosing query) has a breach notice already."""
    return exists().where(col(Message.recipient_id) == col(Recipient.id), col(Message.kind) == "breach_notice")


def _queue(
    session: Session,
    campaign: Campaign,
    channel: str,
    reachable: ColumnElement[bool],
    *,
    settings: Settings,
    now: datetime,
) -> int:
    recipient_id = cast(col(Recipient.id), String)
    prefix = f"c{campaign.id}."
    already = _has_notice()
    rows = select(
        literal("breach_notice"),
        literal(channel),
        literal(f"campaign:{campaign.id}:") + recipient_id,
        literal(campaign.id),
        col(Recipient.id),
        col(Recipient.name),
        col(Recipient.email) if channel == "email" else literal(None, String),
        literal(sender_address(settings.mail_from)),
        literal(f"<{prefix}") + recipient_id + literal(f".{campaign.message_token}@{settings.message_id_domain}>"),
        literal("queued"),
        literal(now),
        literal(0),
        literal(cancel_key_for(campaign.id or 0)),
        literal(now),
        literal(now),
    ).where(
        col(Recipient.campaign_id) == campaign.id,
        col(Recipient.import_id).in_(_succeeded_imports(campaign.id or 0)),
        reachable,
        ~already,
    )
    columns = [
        "kind",
        "channel",
        "dedupe_key",
        "campaign_id",
        "recipient_id",
        "to_name",
        "to_address",
        "sender",
        "message_id",
        "status",
        "due_at",
        "attempts",
        "cancel_key",
        "created_at",
        "updated_at",
    ]
    # SQLAlchemy keeps the DBAPI's rowcount of an INSERT only when asked: psycopg 3 forgets it once the cursor is
    # closed (it would read -1), sqlite3 does not.
    result = session.execute(insert(Message).from_select(columns, rows).execution_options(preserve_rowcount=True))
    return int(result.rowcount)  # type: ignore[attr-defined]


def counts(*, session: Session, campaign_id: int, now: datetime) -> DeliveryCounts:
    by_channel: dict[str, ChannelCounts] = {c: ChannelCounts() for c in CHANNEL_LABELS}
    grouped = session.execute(
        select(col(Message.channel), col(Message.status), func.count())
        .where(col(Message.campaign_id) == campaign_id)
        .group_by(col(Message.channel), col(Message.status))
    )
    for channel, status, n in grouped:
        setattr(by_channel[channel], status, int(n))
    recipients = session.scalar(
        select(func.count())
        .select_from(Recipient)
        .where(col(Recipient.campaign_id) == campaign_id, col(Recipient.import_id).in_(_succeeded_imports(campaign_id)))
    )
    reached = and_(
        col(Message.campaign_id) == campaign_id,
        col(Message.channel).in_(("email", "postal")),
        col(Message.status).in_(REACHED),
    )
    notified = session.scalar(select(func.count(func.distinct(Message.recipient_id))).where(reached)) or 0
    notified_ids = select(col(Message.recipient_id)).where(reached)
    covered = (
        session.scalar(
            select(func.count(func.distinct(Message.recipient_id))).where(
                col(Message.campaign_id) == campaign_id,
                col(Message.channel) == "public_notice",
                col(Message.status) == "sent",
                col(Message.recipient_id).not_in(notified_ids),
            )
        )
        or 0
    )
    total = int(recipients or 0)
    outstanding = max(total - notified - covered, 0)
    unqueued = dict(
        session.execute(
            select(col(Recipient.email).is_not(None), func.count())
            .where(
                col(Recipient.campaign_id) == campaign_id,
                col(Recipient.import_id).in_(_succeeded_imports(campaign_id)),
                ~_has_notice(),
            )
            .group_by(col(Recipient.email).is_not(None))
        ).all()
    )
    email_done = by_channel["email"].sent + by_channel["email"].delivered
    postal_done = by_channel["postal"].sent + by_channel["postal"].delivered
    as_of = now.astimezone(TOKYO)
    summary = (
        f"{as_of.year}年{as_of.month}月{as_of.day}日{as_of.hour}時現在、本人{total:,}名のうち{notified:,}名に通知済み"
        f"（電子メール{email_done:,}件、郵送{postal_done:,}件）、"
        f"通知が困難な{covered:,}名は公表による代替措置、未了{outstanding:,}名。"
    )
    return DeliveryCounts(
        campaign_id=campaign_id,
        recipients=total,
        email=by_channel["email"],
        postal=by_channel["postal"],
        public_notice=by_channel["public_notice"],
        notified=notified,
        covered_by_public_notice=covered,
        outstanding=outstanding,
        unqueued_email=int(unqueued.get(True, 0)),
        unqueued_postal=int(unqueued.get(False, 0)),
        summary=summary,
    )


def _jst(at: datetime | None) -> str:
    return at.astimezone(TOKYO).strftime("%Y-%m-%d %H:%M:%S") if at else ""


def proof_rows(*, engine: Engine, campaign_id: int) -> Iterator[tuple[object, ...]]:
    """Every notice of the campaign with its recipient, in recipient order, read in pages in a session of its
    own (the download streams after the request's session has closed)."""
    after = 0
    with Session(engine) as session:
        while True:
            page = session.execute(
                select(Message, Recipient)
                .join(Recipient, col(Recipient.id) == col(Message.recipient_id))
                .where(col(Message.campaign_id) == campaign_id, col(Message.id) > after)
                .order_by(col(Message.id))
                .limit(PROOF_PAGE)
            ).all()
            if not page:
                return
            for message, recipient in page:
                yield (
                    recipient.id,
                    recipient.name,
                    CHANNEL_LABELS[message.channel],
                    _address(message, recipient),
                    STATUS_LABELS[message.status],
                    _jst(message.sent_at),
                    _jst(message.delivered_at),
                    _jst(message.bounced_at),
                    message.message_id if message.channel == "email" else "",
                    message.attempts,
                    message.last_error or "",
                )
            after = page[-1][0].id or 0


def _address(message: Message, recipient: Recipient) -> str:
    if message.channel == "email":
        return message.to_address or ""
    if message.channel == "postal":
        return " ".join(
            part for part in (recipient.postal_code and f"〒{recipient.postal_code}", recipient.address) if part
        )
    return ""


def preview(*, session: Session, campaign: Campaign, recipient_id: int) -> tuple[Recipient, str, str]:
    recipient = session.get(Recipient, recipient_id)
    if recipient is None or recipient.campaign_id != campaign.id:
        raise NotFound("recipient", recipient_id)
    subject, body = notice_email(campaign, recipient)
    return recipient, subject, body
