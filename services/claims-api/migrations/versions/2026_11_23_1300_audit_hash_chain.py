"""audit hash chain

Each audit entry gets `prev_hash` and `hash` (hex SHA-256 of its canonical form, see
`claims_api.audit.chain`); existing entries are chained in id order. UNIQUE(prev_hash) makes a fork
impossible. On PostgreSQL a trigger refuses UPDATE and DELETE of audit_log (SQLite: no trigger — the test
suite empties tables with DELETE there; the application never updates or deletes entries on either).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:00:00.000000+00:00
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import bengodan_common.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS_HASH = "0" * 64
BATCH = 1000

# A frozen copy of claims_api.audit.chain.canonical_bytes (migrations do not import application code);
# tests/audit/test_migration.py checks that the chain built here verifies with the application's code.
_audit_log = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", bengodan_common.db.UTCDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("detail", sa.JSON()),
    sa.column("request_id", sa.String()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def _hash(row: Any, prev_hash: str) -> str:
    at: datetime = row.at
    payload = {
        "id": row.id,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "detail": row.detail,
        "request_id": row.request_id,
        "prev_hash": prev_hash,
    }
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _backfill() -> None:
    """Chain the existing entries in id order, a batch at a time."""
    connection = op.get_bind()
    prev_hash = GENESIS_HASH
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(_audit_log).where(_audit_log.c.id > last_id).order_by(_audit_log.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            entry_hash = _hash(row, prev_hash)
            connection.execute(
                _audit_log.update().where(_audit_log.c.id == row.id).values(prev_hash=prev_hash, hash=entry_hash)
            )
            prev_hash = entry_hash
            last_id = row.id


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))

    _backfill()

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_audit_log_actor"), ["actor"], unique=False)
        batch_op.create_index("ix_audit_log_entity_entity_id", ["entity", "entity_id"], unique=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_prev_hash"), ["prev_hash"])

    if op.get_bind().dialect.name == "postgresql":
        # Rows written with explicit ids leave the sequence behind; appends take ids from it.
        op.execute(
            "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
            "FROM audit_log"
        )
        op.execute(
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
            END;
            $$
            """
        )
        op.execute(
            """
            CREATE TRIGGER audit_log_append_only
            BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_prev_hash"), type_="unique")
        batch_op.drop_index("ix_audit_log_entity_entity_id")
        batch_op.drop_index(batch_op.f("ix_audit_log_actor"))
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
