from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from bengodan_common.db import UTCDateTime, utcnow


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=100)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Client(SQLModel, table=True):
    """A machine client: another service, or the partner insurer."""

    __tablename__ = "clients"

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=100, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)  # service | partner
    insurer: str | None = Field(default=None, max_length=200)
    scopes: str = Field(max_length=1000)
    secret_hash: str = Field(max_length=255)
    # After a rotation the old secret keeps working until `previous_secret_expires_at` (the grace period), so
    # the partner can deploy the new one without an outage.
    previous_secret_hash: str | None = Field(default=None, max_length=255)
    previous_secret_expires_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    secret_rotated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    is_active: bool = True
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
