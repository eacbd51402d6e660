from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

Tamper = Callable[..., None]


@pytest.fixture
def tamper(session: Any) -> Tamper:
    """Run a raw UPDATE/DELETE on audit_log as an attacker with database access would; on PostgreSQL with
    the append-only trigger disabled for that transaction only (ALTER TABLE is transactional there)."""
    engine: Engine = session.get_bind()

    def run(sql: str, **params: Any) -> None:
        with engine.begin() as connection:
            postgres = engine.dialect.name == "postgresql"
            if postgres:
                connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            connection.execute(text(sql), params)
            if postgres:
                connection.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))

    return run
