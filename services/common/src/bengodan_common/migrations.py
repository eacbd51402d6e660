"""Alembic helpers: the shared body of every service's env.py, and programmatic upgrades."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import create_engine

from bengodan_common.db import ensure_sqlite_dir, sqlite_transactions


def alembic_config(alembic_ini: Path, database_url: str) -> Config:
    config = Config(str(alembic_ini))
    config.set_main_option("script_location", str(alembic_ini.parent / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade(alembic_ini: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(alembic_ini, database_url), revision)


def run_env(context: Any, metadata: MetaData, default_url: str) -> None:
    """Body of a service's migrations/env.py (online and offline modes)."""
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or context.config.get_main_option("sqlalchemy.url")
        or default_url
    )
    ensure_sqlite_dir(url)
    options = {"target_metadata": metadata, "render_as_batch": url.startswith("sqlite"), "compare_type": True}
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True, **options)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url, poolclass=pool.NullPool)
    if url.startswith("sqlite"):
        # A failed batch migration must roll back whole, not leave a half-copied `_alembic_tmp_` table behind.
        sqlite_transactions(engine)
        options["transactional_ddl"] = True
    with engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
