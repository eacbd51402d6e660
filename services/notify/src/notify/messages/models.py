from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import Column, Index, Text
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel

MessageKind = Literal["hearing_notice", "hearing_reminder", "hearing_cancellation", "intake_reminder", "breach_notice"]
MessageStatus = Literal["queued", "sending", "sent", "delivered", "bounced", "failed", "cancelled"]
Channel = Literal["email", "postal", "public_notice"]

# Messages about a claimant's own case: they honour the claimant's opt-out and wait out the quiet hours. A breach
# notice is a legal duty (APPI 26条2項): it is sent whatever the recipient opted out of.
REMINDER_KINDS = ("hearing_notice", "hearing_reminder", "hearing_cancellation", "intake_reminder")


class Message(NotifyModel, table=True):
    """One notice to one person by one channel, recorded before it is sent and updated after every attempt.

    E-mails about hearings and intake carry their text; a breach notice's text is made from its campaign and
    recipient when it is sent (a campaign cannot change once launched), so a million of them store no body.
    Postal letters and the public notice (the alternative measure) are messages too, so the proof lists everyone.
    """

    __tablename__ = "messages"
    __table_args__ = (
        # The worker's query: due queued messages, oldest first.
        Index("ix_messages_status_due_at", "status", "due_at"),
        Index("ix_messages_campaign_id_status", "campaign_id", "status"),
        # The letters' idle check: queued postal messages not yet in a batch.
        Index("ix_messages_channel_status_campaign_id", "channel", "status", "campaign_id"),
        # The rate limit counts what one sender handed over lately.
        Index("ix_messages_sender_claimed_at", "sender", "claimed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    channel: str = Field(default="email", max_length=20)
    event_id: str | None = Field(default=None, max_length=36, index=True)
    # One message per source, person, kind and due time: re-processing its source cannot duplicate it.
    dedupe_key: str = Field(max_length=200, unique=True)
    hearing_id: int | None = Field(default=None, index=True)
    claimant_id: int | None = Field(default=None, index=True)
    campaign_id: int | None = Field(default=None)
    recipient_id: int | None = Field(default=None, index=True)
    letter_batch_id: int | None = Field(default=None, index=True)
    to_name: str = Field(max_length=200)
    to_address: str | None = Field(default=None, max_length=254)
    sender: str = Field(max_length=254)  # the From address (the rate limit is per sender)
    subject: str | None = Field(default=None, max_length=300)
    body: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # RFC 5322 Message-ID, made once; every retry of this message sends the same one.
    message_id: str = Field(max_length=200, unique=True)
    provider_message_id: str | None = Field(default=None, max_length=200, index=True)  # Amazon SES's own id
    status: str = Field(default="queued", max_length=20)
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    delivered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    bounced_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    cancel_key: str = Field(max_length=100, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
