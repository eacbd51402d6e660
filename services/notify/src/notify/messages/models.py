from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import Column, Index, Text
from sqlmodel import Field

from bengodan_common.db import UTCDateTime, utcnow
from notify.core.db import NotifyModel

MessageKind = Literal["hearing_notice", "hearing_reminder", "hearing_cancellation"]
MessageStatus = Literal["scheduled", "sending", "sent", "failed", "cancelled"]


class Message(NotifyModel, table=True):
    """One e-mail to one claimant, recorded before it is sent and updated after every attempt."""

    __tablename__ = "messages"
    # The worker's query: due scheduled messages, oldest first.
    __table_args__ = (Index("ix_messages_status_due_at", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    event_id: str = Field(max_length=36, index=True)
    # One message per event, claimant, kind and due time: a re-processed event cannot duplicate it.
    dedupe_key: str = Field(max_length=200, unique=True)
    hearing_id: int = Field(index=True)
    claimant_id: int = Field(index=True)
    to_name: str = Field(max_length=200)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    # RFC 5322 Message-ID, made once; every retry of this message sends the same one.
    message_id: str = Field(max_length=200, unique=True)
    status: str = Field(default="scheduled", max_length=20)
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    cancel_key: str = Field(max_length=100, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
