"""Every table of docs-render, imported for Alembic and the tests.

`metadata` holds copies of docs-render's tables only: in a process that also imported another service's
models (a combined test run), `SQLModel.metadata` would hold their tables too, and autogenerate or
`clear_tables` must never see those.
"""

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from bengodan_common.db import NAMING_CONVENTION, apply_naming_convention
from docs_render.renders.models import RenderJob

apply_naming_convention(SQLModel.metadata)

TABLES = (RenderJob.__table__,)  # type: ignore[attr-defined]

metadata = MetaData(naming_convention=NAMING_CONVENTION)
for _table in TABLES:
    _table.to_metadata(metadata)

__all__ = ["RenderJob", "metadata"]
