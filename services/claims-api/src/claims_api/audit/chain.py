"""The hash chain of the audit log: canonical form, append under a lock, verification in batches.

hash = SHA-256 (hex) of the UTF-8 bytes of the sorted-key, compact JSON of
`{id, at, actor, action, entity, entity_id, detail, request_id, prev_hash}`, with `at` in UTC ISO 8601 with
microseconds (`2026-11-23T13:00:00.000000+00:00`). The first entry's prev_hash is GENESIS_HASH.

This form is frozen: entries already written are verified with it. Migration 0002 holds a copy (it must not
import application code); `tests/audit` checks that both agree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy import text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from bengodan_common.db import utcnow
from claims_api.audit.models import AuditEntry

GENESIS_HASH = "0" * 64
# Key of the transaction-level advisory lock that serialises appends on PostgreSQL ("audit" in ASCII).
ADVISORY_LOCK_KEY = 0x6175646974
VERIFY_BATCH = 1000


def normalise_detail(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail as it reads back from the JSON column (str keys, lists for tuples), so the hash computed
    before the insert matches the one recomputed from the stored row."""
    value: dict[str, Any] = json.loads(json.dumps(detail, ensure_ascii=False, allow_nan=False))
    return value


def canonical_bytes(
    *,
    id: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: dict[str, Any],
    request_id: str | None,
    prev_hash: str,
) -> bytes:
    if at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    payload = {
        "id": id,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": detail,
        "request_id": request_id,
        "prev_hash": prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def compute_hash(
    *,
    id: int | None,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: dict[str, Any],
    request_id: str | None,
    prev_hash: str,
) -> str:
    if id is None:
        raise ValueError("an audit entry is hashed with its id")
    return hashlib.sha256(
        canonical_bytes(
            id=id,
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
            request_id=request_id,
            prev_hash=prev_hash,
        )
    ).hexdigest()


def entry_hash(entry: AuditEntry) -> str:
    return compute_hash(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        detail=entry.detail,
        request_id=entry.request_id,
        prev_hash=entry.prev_hash,
    )


def lock_chain_head(session: OrmSession) -> None:
    """Make this transaction the only appender until it ends (commit or rollback releases the lock)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    elif dialect == "sqlite":
        # SQLite has one writer at a time, but a transaction that has only read so far holds no write
        # lock, and under WAL its snapshot may be stale when it then writes. A write that matches no row
        # takes the write lock now (waiting for busy_timeout), so the chain head read next is current.
        session.execute(text("DELETE FROM audit_log WHERE 0 = 1"))


def _next_id(session: Session, last_id: int) -> int:
    """The id the entry will get, taken under the lock so that id order is chain order.

    On PostgreSQL from the sequence (a rolled-back append leaves a gap, which verification allows), but
    never below the last id + 1: rows written with explicit ids do not advance the sequence.
    """
    if session.get_bind().dialect.name == "postgresql":
        value = session.execute(text("SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))")).scalar_one()
        return max(int(value), last_id + 1)
    return last_id + 1


def append(session: Session, entry: AuditEntry) -> AuditEntry:
    """Chain `entry` to the last one and insert it in the caller's transaction.

    The id is taken first (under the lock), so the hash is complete before the single INSERT: no row is
    ever updated, which lets the database refuse every UPDATE of the table.
    """
    lock_chain_head(session)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)
    ).one_or_none()
    entry.id = _next_id(session, 0 if last is None else int(last[0]))
    entry.at = utcnow()  # taken under the lock, so time follows chain order (clock permitting)
    entry.prev_hash = GENESIS_HASH if last is None else str(last[1])
    entry.detail = normalise_detail(entry.detail)
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def append_many(session: Session, entries: list[AuditEntry]) -> list[AuditEntry]:
    """`append` for several entries at once: one lock, one read of the chain head, one INSERT of all."""
    if not entries:
        return entries
    lock_chain_head(session)
    last = session.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(col(AuditEntry.id).desc()).limit(1)
    ).one_or_none()
    last_id, prev_hash = (0, GENESIS_HASH) if last is None else (int(last[0]), str(last[1]))
    if session.get_bind().dialect.name == "postgresql":
        values = session.execute(
            text("SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, :n)"),
            {"n": len(entries)},
        ).scalars()
        ids = sorted(int(v) for v in values)
        ids = [max(value, last_id + 1 + offset) for offset, value in enumerate(ids)]
    else:
        ids = [last_id + 1 + offset for offset in range(len(entries))]
    at = utcnow()
    for entry, entry_id in zip(entries, ids, strict=True):
        entry.id, entry.at, entry.prev_hash = entry_id, at, prev_hash
        entry.detail = normalise_detail(entry.detail)
        entry.hash = prev_hash = entry_hash(entry)
    session.add_all(entries)
    session.flush()
    return entries


@dataclass(frozen=True)
class Verification:
    ok: bool
    entries_checked: int
    first_bad_id: int | None
    reason: str | None
    last_id: int | None
    last_hash: str | None


def verify(session: Session, *, batch_size: int = VERIFY_BATCH) -> Verification:
    """Walk the whole chain in id order, `batch_size` rows at a time (keyset paging: memory stays bounded).

    Detects an altered entry (its stored hash differs from the recomputed one), a removed or re-ordered
    entry (prev_hash differs from the hash of the entry before it in id order). Ids may have gaps — a
    rolled-back transaction consumes a sequence value on PostgreSQL — so gaps alone are not reported; a
    removal breaks the prev_hash link. A removal of the newest entries leaves a valid shorter chain: compare
    `last_id`/`last_hash` with a copy kept outside the database to detect that.
    """
    table = AuditEntry.__table__  # type: ignore[attr-defined]
    expected_prev = GENESIS_HASH
    checked = 0
    last_id: int | None = None
    while True:
        # Core rows, not ORM objects: nothing accumulates in the session's identity map.
        query = sa_select(table).order_by(table.c.id).limit(batch_size)
        if last_id is not None:
            query = query.where(table.c.id > last_id)
        batch = session.execute(query).mappings().all()
        if not batch:
            break
        for row in batch:
            checked += 1
            if row["prev_hash"] != expected_prev:
                if checked == 1:
                    reason = "the first entry does not start the chain: earlier entries were removed"
                else:
                    reason = (
                        "prev_hash does not match the hash of the entry before it: "
                        "an entry was removed, inserted or re-ordered"
                    )
                return Verification(False, checked, row["id"], reason, last_id, _or_none(last_id, expected_prev))
            try:
                recomputed: str | None = compute_hash(**{name: row[name] for name in _HASHED})
            except (TypeError, ValueError):  # e.g. a detail that is no longer JSON-serialisable
                recomputed = None
            if recomputed != row["hash"]:
                return Verification(
                    False,
                    checked,
                    row["id"],
                    "hash mismatch: the entry was altered",
                    last_id,
                    _or_none(last_id, expected_prev),
                )
            expected_prev = row["hash"]
            last_id = row["id"]
    return Verification(True, checked, None, None, last_id, _or_none(last_id, expected_prev))


_HASHED = ("id", "at", "actor", "action", "entity", "entity_id", "detail", "request_id", "prev_hash")


def _or_none(last_id: int | None, value: str) -> str | None:
    return None if last_id is None else value
