"""claims-api under load: 3,000 claimants × 6 damage items (one per head, 10 input lines), SQLite and PostgreSQL.

Measures p50/p95 of the claim table, a claimant list page (by id, and sorted by total both ways and by kana),
a claimant summary, the case dashboard (the SPA's landing page) and a claimant's history (its first page, from
an audit log of 78,000 entries, most of them the insurer's reads), with 1 and with 20 concurrent clients
(closed loop, no think time), against a real claims-api (uvicorn with one worker, then two).
The clients are wrk's connections: a load generator in C, so that on this 2-core machine the clients take
little of the CPU the server is measured on (Python client threads did, and their GIL queue was counted as
latency). Prints a table; asserts nothing. Targets (issue 3): claim table p95 < 150 ms; list and summary
p95 < 30 ms.

The claimants are spread over the stages with the checklist items their stage requires, a few deficiency notes
(some past their cure date) and duplicate flags; all are in the lawsuit, and before it in one of two failed
mediations; each proceeding has hearings held and to come. That is what the dashboard counts and lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from pydantic import TypeAdapter
from sqlalchemy import create_engine, insert, text

from bengodan_common import jwt
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database, free_port, postgres_reachable
from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.claimants.models import ClaimantChecklistEntry, ClaimantDeficiency, ClaimantDuplicateFlag
from claims_api.claimants.stages import STAGE_ORDER, Stage, applicable_items, required_items
from claims_api.core.db import ALEMBIC_INI
from claims_api.damages.compute import Context, compute
from claims_api.damages.schemas import DamageItemCreate
from claims_api.hearings.schemas import HearingKind
from claims_api.models import Case, Claimant, DamageItem, Hearing, Proceeding, ProceedingMember

CLAIMANTS = 3_000
PARTNER_SYNCS = 20  # the insurer's full reads of every claimant, each an audit entry per claimant
MEDIATION_1_SIZE = 1_800  # the first 1,800 claimants were in the first mediation, the rest in the second
SECONDS = 6  # per measurement
PATHS = 500  # distinct requests per measurement, cycled
WORKERS = (1, 2)  # uvicorn processes: one, and one per core of this 2-core machine
CONTEXT = Context(
    incident_date=date(2023, 6, 5),
    today=date(2026, 11, 23),
    reputation_amount=1_000_000,
    service_usable_on=date(2023, 7, 20),
)
ITEM = TypeAdapter(DamageItemCreate)


def _items(rng: random.Random) -> list[dict[str, Any]]:
    """One item per head of the schedule, ten input lines in all, with figures that vary per claimant."""

    def overtime(person: str) -> dict[str, Any]:
        return {
            "kind": "overtime",
            "person": person,
            "date_from": "2023-06-05",
            "date_to": "2023-07-31",
            "hours": str(rng.randint(5, 80)),
            "hourly_rate": rng.choice([1_100, 1_250, 1_400]),
        }

    def invoice(n: int) -> dict[str, Any]:
        return {"issuer": "株式会社ベンチ", "issued_on": f"2023-0{6 + n}-20", "amount": rng.randint(1, 9) * 11_000}

    return [
        {"head": "staff_cost", "inputs": {"lines": [overtime("A"), overtime("B"), overtime("C")]}},
        {"head": "onprem_cost", "inputs": {"lines": [invoice(0), invoice(1)]}},
        {
            "head": "fee_difference",
            "inputs": {"monthly_fee": rng.choice([13_200, 22_000]), "unbilled_months": ["2023-06"]},
        },
        {"head": "reputation"},
        {
            "head": "other_loss",
            "inputs": {"lines": [{"description": "お詫び状", "amount": rng.randint(1, 50) * 1_000}]},
        },
        {"head": "fee_increase_refund", "inputs": {"old_fee": 17_550, "new_fee": 22_050, "months": rng.randint(6, 30)}},
    ]


def _item_rows(claimant_id: int, rng: random.Random, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for payload in _items(rng):
        data = ITEM.validate_python(payload)
        computed = compute(data.head, data.inputs, CONTEXT)
        rows.append(
            {
                "claimant_id": claimant_id,
                "head": data.head.value,
                "inputs": data.inputs.model_dump(mode="json"),
                "amount": computed.amount,
                "formula": computed.formula,
                "facts": "事実",
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


def _stage(n: int) -> Stage:
    return STAGE_ORDER[n % len(STAGE_ORDER)]


def _intake_rows(n: int, claimant_id: int, now: datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(checklist entries, deficiency notes) of the n-th claimant: what its stage requires is received, every
    fifth has sent more; every 17th before 提出準備完了 has a deficiency note, every other one of those past its
    cure date, and every third of those resolved."""
    insured = n % 6 == 0
    received = set(required_items(_stage(n), insured=insured))
    if n % 5 == 0:
        received |= set(applicable_items(insured=insured)[:3])
    entries = [
        {
            "claimant_id": claimant_id,
            "item": item.value,
            "received_on": date(2024, 2, 1),
            "recorded_by": "bench",
            "recorded_at": now,
        }
        for item in applicable_items(insured=insured)
        if item in received
    ]
    notes = []
    if n % 17 == 0 and STAGE_ORDER.index(_stage(n)) < STAGE_ORDER.index(Stage.ready_to_file):
        notes.append(
            {
                "claimant_id": claimant_id,
                "reason": "損害一覧表の時間外労働の時間数と給与明細の記載が一致しない。",
                "cure_by": date(2026, 11, 1) if n % 34 == 0 else date(2027, 1, 29),
                "created_at": now,
                "created_by": "bench",
                "resolved_at": now if n % 51 == 0 else None,
                "resolved_by": "bench" if n % 51 == 0 else None,
            }
        )
    return entries, notes


def _hearing_rows(mediation_ids: tuple[int, int], lawsuit_id: int, now: datetime) -> list[dict[str, Any]]:
    """Two held sessions per mediation; the lawsuit's held dates, and a dozen to come: after the day the bench
    runs, since the dashboard lists the hearings from the server's now on."""

    def hearing(proceeding_id: int, kind: HearingKind, starts_at: datetime, status: str) -> dict[str, Any]:
        return {
            "proceeding_id": proceeding_id,
            "kind": kind.value,
            "starts_at": starts_at,
            "place": "大阪地方裁判所",
            "status": status,
            "created_at": now,
            "updated_at": now,
        }

    rows = [
        hearing(mid, HearingKind.mediation_session, datetime(2024, 10 + k, 4 + 10 * i, 4, tzinfo=UTC), "held")
        for i, mid in enumerate(mediation_ids)
        for k in range(2)
    ]
    rows += [
        hearing(lawsuit_id, kind, datetime(2025, 9 + k, 10, 1, tzinfo=UTC), "held")
        for k, kind in enumerate((HearingKind.oral_argument, HearingKind.preparatory, HearingKind.preparatory))
    ]
    first = datetime.now(UTC).replace(hour=1, minute=30, second=0, microsecond=0) + timedelta(days=14)
    rows += [
        hearing(lawsuit_id, kind, first + timedelta(weeks=4 * k), "scheduled")
        for k, kind in enumerate([HearingKind.deadline, HearingKind.preparatory] * 6)
    ]
    return rows


def _audit_rows(claimant_ids: list[int], proceeding_ids: tuple[int, ...], now: datetime) -> list[dict[str, Any]]:
    """The audit log a claimant's history is found in: each claimant created and added to its proceedings, then
    edited twice, then read by the insurer's sync in PARTNER_SYNCS rounds over every claimant (one entry per
    claimant per read, as the partner API writes them). The hashes are no valid chain: nothing here verifies it."""
    entries: list[tuple[str, str, str, str, dict[str, Any]]] = []  # actor, action, entity, entity id, detail
    for cid in claimant_ids:
        entries.append(("user:1", "claimant.create", "claimant", str(cid), {}))
        entries += [
            ("user:1", "proceeding.member.add", "proceeding", str(p), {"claimant_id": cid}) for p in proceeding_ids
        ]
    for cid in claimant_ids:
        entries += [("user:1", "claimant.update", "claimant", str(cid), {"fields": ["email"]})] * 2
    for _ in range(PARTNER_SYNCS):
        entries += [
            ("client:1", "partner.claims.list", "claimant", str(cid), {"fields": ["id"]}) for cid in claimant_ids
        ]
    return [
        {
            "at": now,
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "detail": detail,
            "prev_hash": hashlib.sha256(str(n).encode()).hexdigest(),
            "hash": hashlib.sha256(str(n + 1).encode()).hexdigest(),
        }
        for n, (actor, action, entity, entity_id, detail) in enumerate(entries)
    ]


def seed(url: str) -> tuple[int, int]:
    """Bulk-insert the data set; return (case_id, proceeding_id)."""
    engine = create_engine(url)
    rng = random.Random(7)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    with engine.begin() as conn:
        case_id = conn.execute(
            insert(Case).returning(Case.id),  # type: ignore[arg-type]
            {
                "name": "bench",
                "title": "損害賠償等請求事件",
                "defendant_name": "株式会社ベンチ",
                "defendant_address": "",
                "defendant_representative": "",
                "court": "大阪地方裁判所",
                "incident_date": date(2023, 6, 5),
                "served_on": date(2025, 8, 1),
                "reputation_amount": 1_000_000,
                "created_at": now,
                "updated_at": now,
            },
        ).scalar_one()
        proceeding_id = conn.execute(
            insert(Proceeding).returning(Proceeding.id),  # type: ignore[arg-type]
            {
                "case_id": case_id,
                "kind": "lawsuit",
                "name": "本訴訟",
                "court": "大阪地方裁判所",
                "status": "pending",
                "created_at": now,
            },
        ).scalar_one()
        mediation_ids = tuple(
            conn.execute(
                insert(Proceeding).returning(Proceeding.id),  # type: ignore[arg-type]
                {
                    "case_id": case_id,
                    "kind": "mediation",
                    "name": name,
                    "court": "大阪地方裁判所",
                    "filed_on": filed_on,
                    "status": "failed",
                    "created_at": now,
                },
            ).scalar_one()
            for name, filed_on in (("第1次調停", date(2024, 5, 23)), ("第2次調停", date(2024, 6, 17)))
        )
        claimants = [
            {
                "case_id": case_id,
                "kind": "sr_individual",
                "name": f"負荷 試験{n}",
                "name_kana": f"フカ シケン{n}",
                "office_name": f"負荷試験事務所{n}",
                "email": f"bench{n}@example.jp",
                "service_usable_on": CONTEXT.service_usable_on,
                "reminder_consent": True,
                "insurer_sharing_consent": False,
                "insured": n % 6 == 0,
                "stage": _stage(n).value,
                "created_at": now,
                "updated_at": now,
            }
            for n in range(1, CLAIMANTS + 1)
        ]
        ids = [row[0] for row in conn.execute(insert(Claimant).returning(Claimant.id), claimants)]  # type: ignore[arg-type]
        conn.execute(
            insert(ProceedingMember),
            [{"proceeding_id": proceeding_id, "claimant_id": cid, "number": n} for n, cid in enumerate(ids, 1)]
            + [
                {
                    "proceeding_id": mediation_ids[0] if n <= MEDIATION_1_SIZE else mediation_ids[1],
                    "claimant_id": cid,
                    "number": n if n <= MEDIATION_1_SIZE else n - MEDIATION_1_SIZE,
                }
                for n, cid in enumerate(ids, 1)
            ],
        )
        conn.execute(insert(DamageItem), [row for cid in ids for row in _item_rows(cid, rng, now)])
        intake = [_intake_rows(n, cid, now) for n, cid in enumerate(ids, 1)]
        conn.execute(insert(ClaimantChecklistEntry), [row for entries, _ in intake for row in entries])
        conn.execute(insert(ClaimantDeficiency), [row for _, notes in intake for row in notes])
        conn.execute(
            insert(ClaimantDuplicateFlag),
            [
                {
                    "claimant_id": ids[n],
                    "other_id": ids[n - 1],
                    "reasons": "email",
                    "created_at": now,
                    "dismissed_at": now if n % 100 == 0 else None,
                    "dismissed_by": "bench" if n % 100 == 0 else None,
                }
                for n in range(50, CLAIMANTS, 50)
            ],
        )
        conn.execute(insert(Hearing), _hearing_rows(mediation_ids, proceeding_id, now))
        conn.execute(insert(AuditEntry), _audit_rows(ids, (proceeding_id, *mediation_ids), now))
    if engine.dialect.name == "postgresql":
        # What autovacuum does within about a minute of a bulk load. Before it, the planner takes the tables
        # for empty: the dashboard's count by stage took 3.2 s instead of 17 ms (measured in process).
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return case_id, proceeding_id


def start_api(
    url: str, key_file: Path, port: int, workers: int, extra_env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CLAIMS_API_ENV": "test",
        "CLAIMS_API_DATABASE_URL": url,
        "CLAIMS_API_RUN_RELAY": "false",
        "CLAIMS_API_CREATE_BUCKET": "false",
        "CLAIMS_API_AUTH__PRIVATE_KEY_FILE": str(key_file),
        **(extra_env or {}),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "claims_api.main:create_app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("claims-api did not start")


_WRK_SCRIPT = """
wrk.headers["Authorization"] = "Bearer " .. %(token)s
local paths = %(paths)s
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def measure(paths: list[str], base: str, token: str, clients: int) -> tuple[float | None, float | None, float]:
    """(p50 ms, p95 ms, requests per second) of `clients` connections requesting `paths` in turn. No percentiles
    when fewer requests finished than there are clients: wrk counts only finished requests, so those would be the
    first few served, not the queue the others waited in."""
    lua = "{" + ",".join(json.dumps(path) for path in paths) + "}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(_WRK_SCRIPT % {"token": json.dumps(token), "paths": lua})
        script.flush()
        threads = min(clients, 2)
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{SECONDS}s", "--timeout", "30s", "-s", script.name, base],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    requests, duration_us, errors, p50, p95 = out.split("RESULT ")[1].split()
    if int(errors):
        raise RuntimeError(f"{errors} failed requests of {requests}:\n{out}")
    rate = int(requests) / (int(duration_us) / 1e6)
    if int(requests) < clients:
        return None, None, rate
    return float(p50), float(p95), rate


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and its descendants (uvicorn's workers are its children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [
            int(child)
            for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()
        ]
    except FileNotFoundError:  # it ended meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return own + sum(_cpu_seconds(child) for child in children)


def wait_until_idle(pid: int) -> None:
    """Wait until the server has finished the requests still queued in it: wrk stops with requests in flight
    (20 slow ones are seconds of work), and the next measurement's requests would wait behind them."""
    deadline = time.monotonic() + 120
    before = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - before < 0.05:  # under a tenth of a core
            return
        before = now


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def run(backend: str, url: str, rows: list[str]) -> None:
    upgrade(ALEMBIC_INI, url)
    t0 = time.perf_counter()
    case_id, proceeding_id = seed(url)
    print(f"{backend}: seeded {CLAIMANTS} claimants × 6 items in {time.perf_counter() - t0:.1f} s")
    key = jwt.generate_private_key_pem()
    with tempfile.TemporaryDirectory() as tmp:
        key_file = Path(tmp) / "key.pem"
        key_file.write_text(key)
        token = jwt.issue(
            private_key_pem=key,
            issuer="bengodan-claims-api",
            audience="bengodan",
            subject="user:1",
            ttl_seconds=3600,
            claims={"kind": "user", "roles": ["staff"], "scope": " ".join(ROLE_SCOPES[Role.staff])},
        )
        rng = random.Random(1)
        requests = {
            "claim table (3,000 rows)": [f"/api/v1/cases/{case_id}/claim-table?proceeding_id={proceeding_id}"],
            "claimant list page (50)": [
                f"/api/v1/claimants?case_id={case_id}&offset={rng.randrange(0, CLAIMANTS - 50)}" for _ in range(PATHS)
            ],
            "claimant summary": [
                f"/api/v1/claimants/{rng.randrange(1, CLAIMANTS)}/summary?as_of=2026-11-23" for _ in range(PATHS)
            ],
            "dashboard (3 proceedings)": [f"/api/v1/cases/{case_id}/dashboard"],
            "claimant history": [
                f"/api/v1/claimants/{rng.randrange(1, CLAIMANTS)}/history?partner_reads=false" for _ in range(PATHS)
            ],
            "history with the reads": [
                f"/api/v1/claimants/{rng.randrange(1, CLAIMANTS)}/history" for _ in range(PATHS)
            ],
            **{
                f"list page by {sort} (50)": [
                    f"/api/v1/claimants?case_id={case_id}&sort={sort}&offset={rng.randrange(0, CLAIMANTS - 50)}"
                    for _ in range(PATHS)
                ]
                for sort in ("-total", "total", "kana")
            },
        }
        for workers in WORKERS:
            port = free_port()
            proc = start_api(url, key_file, port, workers)
            try:
                for name, paths in requests.items():
                    for clients in (1, 20):
                        wait_until_idle(proc.pid)
                        p50, p95, rate = measure(paths, f"http://127.0.0.1:{port}", token, clients)
                        rows.append(
                            f"| {backend:<10} | {name:<26} | {workers:>7} | {clients:>7} | "
                            f"{_ms(p50):>8} | {_ms(p95):>8} | {rate:>8.1f} |"
                        )
            finally:
                proc.terminate()
                proc.wait()


def main() -> None:
    rows: list[str] = []
    load_before = os.getloadavg()[0]
    for backend, kind in (("SQLite", "sqlite"), ("PostgreSQL", "postgres")):
        if kind == "postgres" and not postgres_reachable():
            print("PostgreSQL not reachable: PostgreSQL rows skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp, empty_database(Path(tmp), "bench", kind) as url:
            run(backend, url, rows)
    print(f"\nclaims-api, {CLAIMANTS} claimants × 6 items (10 input lines), times in ms")
    print(
        f"| {'database':<10} | {'request':<26} | {'workers':>7} | {'clients':>7} | {'p50':>8} | {'p95':>8} "
        f"| {'req/s':>8} |"
    )
    print(f"|{'-' * 12}|{'-' * 28}|{'-' * 9}|{'-' * 9}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
    print("\n".join(rows))
    print(f"— : fewer requests finished in {SECONDS} s than there were clients (only req/s is meaningful).")
    # Other work on the machine takes the server's CPU: the 1-minute load average says how much there was.
    load_after = os.getloadavg()[0]
    print(
        f"load average (1 min): {load_before:.1f} at the start, {load_after:.1f} at the end, on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
