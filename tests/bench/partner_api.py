"""The partner API as the insurer uses it: page through 3,000 consented claims, then follow the change feed after
10,000 edits. SQLite and PostgreSQL, a real claims-api (uvicorn, one worker), one client walking the pages in
turn as an insurer's sync job does (each next request waits for the page before it).

Each claimant has the six damage items of `claims_api_load` and two exhibits with a file, so a full claim
carries coverage, evidence checks and two presigned links. Every read is audited (one entry per claim), as in
production. Prints a table; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert, select, update
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).parent))
import claims_api_load as load  # the same data set as the claims-api load benchmark

from bengodan_common import jwt
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database, free_port, postgres_reachable
from claims_api.auth.passwords import hash_secret
from claims_api.changes import recorder
from claims_api.changes.models import ClaimChange
from claims_api.core.db import ALEMBIC_INI
from claims_api.damages.models import DamageItem
from claims_api.evidence.models import Exhibit, ExhibitVersion
from claims_api.models import Claimant
from claims_api.users.models import Client

INSURER = "ベンチ損害保険株式会社"
SECRET = "bench-partner-secret"
EDITS = 10_000


def seed_partner(url: str, case_id: int) -> None:
    """Every claimant insured with INSURER and consenting; two exhibits with a file each; the feed's first rows."""
    engine = create_engine(url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            update(Claimant).values(insured=True, insurer=INSURER, insurer_sharing_consent=True, insurance_plan="full")
        )
        ids = list(conn.execute(select(Claimant.id).order_by(Claimant.id)).scalars())  # type: ignore[arg-type]
        exhibits = [
            {
                "case_id": case_id,
                "claimant_id": cid,
                "side": "甲",
                "number": 100 + n,
                "branch": slot,
                "slot": slot,
                "title": title,
                "original_or_copy": "copy",
                "author": "ベンチ事務所",
                "purpose": "損害の発生",
                "note": "",
                "created_at": now,
                "updated_at": now,
            }
            for n, cid in enumerate(ids)
            for slot, title in ((2, "タイムカード及び賃金台帳"), (6, "お詫び状の請求書"))
        ]
        conn.execute(insert(Exhibit), exhibits)
        exhibit_ids = list(conn.execute(select(Exhibit.id).order_by(Exhibit.id)).scalars())  # type: ignore[arg-type]
        conn.execute(
            insert(ExhibitVersion),
            [
                {
                    "exhibit_id": eid,
                    "version": 1,
                    "filename": f"exhibit-{eid}.pdf",
                    "content_type": "application/pdf",
                    "s3_key": f"evidence/bench/{eid}/1.pdf",
                    "size": 123_456,
                    "sha256": "0" * 64,
                    "uploaded_by": "user:1",
                    "created_at": now,
                }
                for eid in exhibit_ids
            ],
        )
        conn.execute(
            insert(ClaimChange),
            [{"claimant_id": cid, "at": now, "visible_to": INSURER, "was_visible_to": None} for cid in ids],
        )
        conn.execute(
            insert(Client),
            {
                "client_id": "bench-insurer",
                "name": "ベンチ損保",
                "kind": "partner",
                "insurer": INSURER,
                "scopes": "partner:claims.read partner:settlements.write",
                "secret_hash": hash_secret(SECRET),
                "is_active": True,
                "created_at": now,
            },
        )
    engine.dispose()


def edit(url: str, count: int) -> float:
    """`count` edits, one transaction each, through the ORM (so the change recorder sees them): facts of damage
    items spread over all claimants. Returns edits per second."""
    recorder.install()
    engine = create_engine(url)
    with Session(engine) as session:
        item_ids = list(session.execute(select(DamageItem.id).order_by(DamageItem.id)).scalars())  # type: ignore[arg-type]
    started = time.perf_counter()
    for n in range(count):
        with Session(engine) as session:
            item = session.get(DamageItem, item_ids[(n * 7919) % len(item_ids)])
            assert item is not None
            item.facts = f"事実（編集{n}）"
            session.add(item)
            session.commit()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return count / elapsed


def token(base: str) -> str:
    response = httpx.post(
        f"{base}/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "bench-insurer", "client_secret": SECRET},
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def walk_claims(http: httpx.Client, url: str) -> tuple[int, list[float]]:
    """Follow `next` to the end; (claims seen, latency of each request in ms)."""
    seen, latencies = 0, []
    next_url: str | None = url
    while next_url:
        started = time.perf_counter()
        response = http.get(next_url)
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        body = response.json()
        seen += len(body["items"])
        next_url = body.get("next")
    return seen, latencies


def follow_feed(http: httpx.Client, cursor: str, limit: int) -> tuple[int, list[float], str]:
    changes, latencies = 0, []
    while True:
        started = time.perf_counter()
        response = http.get("/partner/v1/changes", params={"cursor": cursor, "limit": limit})
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        body = response.json()
        changes += len(body["items"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return changes, latencies, cursor


def _row(backend: str, what: str, items: int, latencies: list[float]) -> str:
    total_s = sum(latencies) / 1000
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else max(latencies)
    return (
        f"| {backend:<10} | {what:<44} | {len(latencies):>8} | {items:>6} | {len(latencies) / total_s:>6.1f} "
        f"| {statistics.median(latencies):>7.1f} | {p95:>7.1f} | {total_s:>7.2f} |"
    )


def run(backend: str, url: str, rows: list[str], notes: list[str]) -> None:
    upgrade(ALEMBIC_INI, url)
    started = time.perf_counter()
    case_id, _ = load.seed(url)
    seed_partner(url, case_id)
    print(f"{backend}: seeded {load.CLAIMANTS} consented claimants in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        key_file = Path(tmp) / "key.pem"
        key_file.write_text(jwt.generate_private_key_pem())
        port = free_port()
        extra = {"CLAIMS_API_PARTNER__RATE_PER_MINUTE": "6000000", "CLAIMS_API_PARTNER__BURST": "100000"}
        proc = load.start_api(url, key_file, port, workers=1, extra_env=extra)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token(base)}"}, timeout=60) as http:
                http.get("/partner/v1/claims?limit=1").raise_for_status()  # warm-up
                for what, query in (
                    ("claims, all fields, pages of 25 (default)", ""),
                    ("claims, all fields, pages of 100", "?limit=100"),
                    ("claims, totals and stage, pages of 100", "?limit=100&fields=totals,stage"),
                ):
                    seen, latencies = walk_claims(http, f"/partner/v1/claims{query}")
                    rows.append(_row(backend, what, seen, latencies))
                _, _, cursor = follow_feed(http, "", 1000)  # the feed as it stands: the starting position
                rate = edit(url, EDITS)
                notes.append(f"{backend}: {EDITS:,} edits (one transaction each, change rows recorded) at {rate:.0f}/s")
                for limit in (100, 1000):
                    changes, latencies, _ = follow_feed(http, cursor, limit)
                    rows.append(_row(backend, f"change feed after {EDITS:,} edits, limit {limit}", changes, latencies))
                claim_id = http.get("/partner/v1/claims?limit=1&fields=stage").json()["items"][0]["id"]
                etag = http.get(f"/partner/v1/claims/{claim_id}").headers["ETag"]
                latencies = []
                for _ in range(200):
                    started = time.perf_counter()
                    response = http.get(f"/partner/v1/claims/{claim_id}", headers={"If-None-Match": etag})
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 304
                rows.append(_row(backend, "one claim, If-None-Match → 304", 0, latencies))
        finally:
            proc.terminate()
            proc.wait()


def main() -> None:
    rows: list[str] = []
    notes: list[str] = []
    for backend, kind in (("SQLite", "sqlite"), ("PostgreSQL", "postgres")):
        if kind == "postgres" and not postgres_reachable():
            print("PostgreSQL not reachable: PostgreSQL rows skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp, empty_database(Path(tmp), "bench", kind) as url:
            run(backend, url, rows, notes)
    print(
        f"\npartner API, {load.CLAIMANTS} consented claims (6 items, 2 exhibits with files each); one client, in turn"
    )
    print(
        f"| {'database':<10} | {'what':<44} | {'requests':>8} | {'items':>6} | {'req/s':>6} | {'p50 ms':>7} "
        f"| {'p95 ms':>7} | {'total s':>7} |"
    )
    print(f"|{'-' * 12}|{'-' * 46}|{'-' * 10}|{'-' * 8}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    print("\n".join(rows))
    print("\n".join(notes))


if __name__ == "__main__":
    main()
