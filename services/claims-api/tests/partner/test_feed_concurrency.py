"""The change feed under concurrent writers: every committed change once, in order, none skipped.

Writers commit slowly on purpose (a pause after their change row is written, before COMMIT), which is when a
feed ordered by a plain sequence would let a reader move past a change that commits later.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Any

from builders import make_case, make_partner, partner_headers, shared_claimant
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlmodel import Session, col, select

from bengodan_common.db import for_writes
from claims_api.changes import recorder
from claims_api.changes.models import ClaimChange
from claims_api.claimants.models import Claimant
from claims_api.partner.ratelimit import RateLimiter
from claims_api.partner.service import decode_cursor

WRITERS = 4
EDITS_PER_WRITER = 15


def _slow_commit(session: Session) -> None:
    # Registered after the recorder's listener: the change row exists, the COMMIT has not happened yet.
    time.sleep(random.uniform(0.0, 0.02))


def _write(engine: Any, claimant_ids: list[int], writer: int, errors: list[BaseException]) -> None:
    try:
        for n in range(EDITS_PER_WRITER):
            with Session(for_writes(engine)) as session:  # as the app's writing requests do
                event.listen(session, "before_commit", _slow_commit)
                claimant = session.get(Claimant, claimant_ids[(writer + n) % len(claimant_ids)])
                assert claimant is not None
                claimant.name_kana = f"カキテ{writer}ノ{n}"
                session.add(claimant)
                session.commit()
    except BaseException as exc:  # reported by the test
        errors.append(exc)


def _follow(client: TestClient, headers: dict[str, str], cursor: str | None) -> tuple[list[dict[str, Any]], str]:
    params = {"limit": 7} | ({"cursor": cursor} if cursor else {})
    response = client.get("/partner/v1/changes", params=params, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["items"], body["next_cursor"]


def test_every_change_appears_once_in_commit_order_under_concurrent_writers(
    client: TestClient, session: Session
) -> None:
    make_partner(session)
    case = make_case(session)
    claimant_ids = [shared_claimant(session, case).id or 0 for _ in range(5)]
    headers = partner_headers(client)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    # The reader polls as fast as it can: more than a partner may (the limit is not under test here).
    client.app.state.partner_rate_limiter = RateLimiter(rate_per_minute=10**6, burst=10**6)  # type: ignore[attr-defined]
    seen, cursor = _follow(client, headers, None)
    assert len(seen) == 5

    errors: list[BaseException] = []
    writers = [threading.Thread(target=_write, args=(engine, claimant_ids, w, errors)) for w in range(WRITERS)]
    for thread in writers:
        thread.start()
    while any(t.is_alive() for t in writers):  # the reader follows the feed while the writers commit
        items, cursor = _follow(client, headers, cursor)
        seen += items
    for thread in writers:
        thread.join()
    while True:
        items, cursor = _follow(client, headers, cursor)
        if not items:
            break
        seen += items

    assert errors == []
    positions = [decode_cursor("c", item["cursor"], field="cursor") for item in seen]
    stored = session.exec(select(ClaimChange.id).order_by(col(ClaimChange.id))).all()
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)
    assert positions == list(stored)
    assert len(seen) == 5 + WRITERS * EDITS_PER_WRITER


def test_the_recorder_keeps_a_change_of_a_rolled_back_transaction_out(client: TestClient, session: Session) -> None:
    make_partner(session)
    claimant = shared_claimant(session, make_case(session))
    before = len(session.exec(select(ClaimChange)).all())

    with Session(client.app.state.engine) as other:  # type: ignore[attr-defined]
        row = other.get(Claimant, claimant.id)
        assert row is not None
        row.name_kana = "ロールバック"
        other.add(row)
        other.flush()
        other.rollback()
        other.commit()  # nothing left to record

    assert len(session.exec(select(ClaimChange)).all()) == before
    assert recorder.visible_to(insured=True, consent=True, insurer="X") == "X"
    assert recorder.visible_to(insured=True, consent=False, insurer="X") is None
