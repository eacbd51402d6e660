from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from claims_api.audit import chain
from claims_api.audit import service as audit
from claims_api.audit.models import AuditEntry

ZEROS = "0" * 64


def _entries(session: Session) -> list[AuditEntry]:
    session.expire_all()
    return list(session.exec(select(AuditEntry).order_by(col(AuditEntry.id))))


def _record_some(session: Session, n: int) -> list[AuditEntry]:
    for i in range(n):
        audit.record(
            session=session,
            actor="user:1",
            action="claimant.update",
            entity="claimant",
            entity_id=i + 1,
            detail={"fields": ["name"], "メモ": "変更"},
        )
    session.commit()
    return _entries(session)


def test_entries_are_chained_by_sha256_of_their_canonical_form(session):
    entries = _record_some(session, 3)
    assert [e.prev_hash for e in entries] == [ZEROS, entries[0].hash, entries[1].hash]
    for entry in entries:
        # The canonical form written out independently of the implementation: it must never drift.
        canonical = {
            "id": entry.id,
            "at": entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"),
            "actor": "user:1",
            "action": "claimant.update",
            "entity": "claimant",
            "entity_id": entry.entity_id,
            "detail": {"fields": ["name"], "メモ": "変更"},
            "request_id": None,
            "prev_hash": entry.prev_hash,
        }
        raw = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
        assert entry.hash == hashlib.sha256(raw).hexdigest()
    assert len({e.hash for e in entries}) == 3


def test_verify_passes_on_a_clean_log_and_on_an_empty_one(session):
    assert audit.verify(session=session) == chain.Verification(True, 0, None, None, None, None)
    entries = _record_some(session, 5)
    result = chain.verify(session, batch_size=2)  # several batches
    assert result.ok and result.entries_checked == 5
    assert (result.first_bad_id, result.reason) == (None, None)
    assert (result.last_id, result.last_hash) == (entries[-1].id, entries[-1].hash)


def test_before_and_after_are_kept_in_the_detail(session):
    audit.record(
        session=session,
        actor="user:1",
        action="damage_item.update",
        entity="claimant",
        entity_id=7,
        detail={"item_id": 3},
        before={"amount": 1000},
        after={"amount": 2000},
    )
    session.commit()
    (entry,) = _entries(session)
    assert entry.detail == {"item_id": 3, "before": {"amount": 1000}, "after": {"amount": 2000}}
    assert audit.verify(session=session).ok


def test_a_detail_that_changes_shape_in_json_is_hashed_as_stored(session):
    # Tuples come back as lists, int keys as strings: the hash is taken over what the column returns.
    audit.record(session=session, actor="user:1", action="x", entity="y", detail={"pair": (1, 2), 3: "three"})
    session.commit()
    assert _entries(session)[0].detail == {"pair": [1, 2], "3": "three"}
    assert audit.verify(session=session).ok


def test_an_altered_entry_is_detected_with_its_id(session, tamper):
    entries = _record_some(session, 4)
    tamper("UPDATE audit_log SET detail = :d WHERE id = :id", d='{"fields": ["email"]}', id=entries[2].id)
    result = audit.verify(session=session)
    assert not result.ok
    assert result.first_bad_id == entries[2].id
    assert result.reason is not None and "altered" in result.reason
    assert result.entries_checked == 3
    assert (result.last_id, result.last_hash) == (entries[1].id, entries[1].hash)


def test_an_altered_timestamp_or_actor_is_detected(session, tamper):
    entries = _record_some(session, 3)
    tamper("UPDATE audit_log SET actor = 'user:2' WHERE id = :id", id=entries[0].id)
    result = audit.verify(session=session)
    assert (result.ok, result.first_bad_id) == (False, entries[0].id)


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(session, tamper):
    entries = _record_some(session, 3)
    forged = entries[1]
    forged.detail = {"fields": ["email"]}
    new_hash = chain.entry_hash(forged)
    session.expunge_all()
    tamper(
        "UPDATE audit_log SET detail = :d, hash = :h WHERE id = :id",
        d='{"fields": ["email"]}',
        h=new_hash,
        id=forged.id,
    )
    result = audit.verify(session=session)
    assert (result.ok, result.first_bad_id) == (False, entries[2].id)
    assert result.reason is not None and "prev_hash" in result.reason


def test_a_removed_middle_entry_is_detected(session, tamper):
    entries = _record_some(session, 5)
    tamper("DELETE FROM audit_log WHERE id = :id", id=entries[2].id)
    result = audit.verify(session=session)
    assert not result.ok
    assert result.first_bad_id == entries[3].id
    assert result.reason is not None and "removed" in result.reason


def test_a_removed_first_entry_is_detected(session, tamper):
    entries = _record_some(session, 3)
    tamper("DELETE FROM audit_log WHERE id = :id", id=entries[0].id)
    result = audit.verify(session=session)
    assert (result.ok, result.first_bad_id, result.entries_checked) == (False, entries[1].id, 1)


def test_reordered_entries_are_detected(session, tamper):
    entries = _record_some(session, 4)
    a, b = entries[1].id, entries[2].id
    tamper(
        "UPDATE audit_log SET id = CASE WHEN id = :a THEN -1 ELSE id END WHERE id IN (:a, :b)",
        a=a,
        b=b,
    )
    tamper("UPDATE audit_log SET id = :a WHERE id = :b", a=a, b=b)
    tamper("UPDATE audit_log SET id = :b WHERE id = -1", b=b)
    result = audit.verify(session=session)
    assert (result.ok, result.first_bad_id) == (False, a)


def test_a_rolled_back_entry_leaves_the_chain_intact(session):
    first = _record_some(session, 1)[0]
    audit.record(session=session, actor="user:1", action="claimant.create", entity="claimant", entity_id=9)
    session.rollback()
    audit.record(session=session, actor="user:1", action="claimant.create", entity="claimant", entity_id=10)
    session.commit()
    entries = _entries(session)
    assert [e.entity_id for e in entries] == ["1", "10"]
    assert entries[1].prev_hash == first.hash
    assert audit.verify(session=session).ok


def test_a_fork_is_refused_by_the_database(session):
    (entry,) = _record_some(session, 1)
    fork = AuditEntry(
        id=entry.id + 100,  # type: ignore[operator]
        actor="user:2",
        action="x",
        entity="y",
        prev_hash=entry.prev_hash,
        hash="f" * 64,
    )
    session.add(fork)
    with pytest.raises(DBAPIError):
        session.commit()
    session.rollback()


def test_record_independently_survives_the_rollback_of_the_request(session):
    audit.record(session=session, actor="user:1", action="claimant.create", entity="claimant", entity_id=1)
    session.rollback()  # the request fails; nothing held on to the audit lock
    audit.record_independently(session=session, actor="login:someone", action="login.failed", entity="user")
    session.rollback()
    entries = _entries(session)
    assert [(e.action, e.prev_hash) for e in entries] == [("login.failed", ZEROS)]


def test_concurrent_appends_make_one_unbroken_chain(session):
    engine = session.get_bind()
    threads, per_thread = 8, 10
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def append_many(n: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with Session(engine) as own:
                    audit.record(
                        session=own, actor=f"user:{n}", action="claimant.update", entity="claimant", entity_id=i
                    )
                    own.commit()
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=append_many, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    entries = _entries(session)
    assert len(entries) == threads * per_thread
    assert len({e.prev_hash for e in entries}) == len(entries)
    result = audit.verify(session=session)
    assert result.ok and result.entries_checked == threads * per_thread


def test_postgres_refuses_update_and_delete_of_entries(session):
    engine = session.get_bind()
    if engine.dialect.name != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    (entry,) = _record_some(session, 1)
    for statement in (
        "UPDATE audit_log SET detail = '{}' WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement), {"id": entry.id})
    assert _entries(session)[0].hash == entry.hash
    assert audit.verify(session=session).ok
