"""notify's database: its own metadata (never shared with other services' tables) and the Alembic set-up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from bengodan_common.db import apply_naming_convention

ALEMBIC_INI = Path(__file__).resolve().parents[3] / "alembic.ini"

metadata = MetaData()
apply_naming_convention(metadata)
_registry = registry(metadata=metadata)


class NotifyModel(SQLModel, registry=_registry):
    """Base of notify's tables: they live in `metadata`, not in SQLModel's global one."""
