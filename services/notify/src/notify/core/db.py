"""notify's database: its own metadata (never shared with other services' tables) and the Alembic set-up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData
from sqlalchemy.engine import make_url
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

from bengodan_common.db import apply_naming_convention

ALEMBIC_INI = Path(__file__).resolve().parents[3] / "alembic.ini"

metadata = MetaData()
apply_naming_convention(metadata)
_registry = registry(metadata=metadata)


class NotifyModel(SQLModel, registry=_registry):
    """Base of notify's tables: they live in `metadata`, not in SQLModel's global one."""


def ensure_sqlite_dir(url: str) -> None:
    """Create the parent directory of a SQLite file (the local default lives under var/)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
