"""claims-api under load: 3,000 claimants × 6 damage items (one per head, 10 input lines), SQLite and PostgreSQL.

Measures p50/p95 of the claim table, a claimant list page and a claimant summary, with 1 and with 20
concurrent clients (closed loop, no think time), against a real claims-api (uvicorn with one worker, then two).
The clients are wrk's connections: a load generator in C, so that on this 2-core machine the clients take
little of the CPU the server is measured on (Python client threads did, and their GIL queue was counted as
latency). Prints a table; asserts nothing. Targets (issue 3): claim table p95 < 150 ms; list and summary
p95 < 30 ms.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from pydantic import TypeAdapter
from sqlalchemy import create_engine, insert

from bengodan_common import jwt
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database, free_port, postgres_reachable
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.core.db import ALEMBIC_INI
from claims_api.damages.compute import Context, compute
from claims_api.damages.schemas import DamageItemCreate
from claims_api.models import Case, Claimant, DamageItem, Proceeding, ProceedingMember

CLAIMANTS = 3_000
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
                "created_at": now,
                "updated_at": now,
            }
            for n in range(1, CLAIMANTS + 1)
        ]
        ids = [row[0] for row in conn.execute(insert(Claimant).returning(Claimant.id), claimants)]  # type: ignore[arg-type]
        conn.execute(
            insert(ProceedingMember),
            [{"proceeding_id": proceeding_id, "claimant_id": cid, "number": n} for n, cid in enumerate(ids, 1)],
        )
        conn.execute(insert(DamageItem), [row for cid in ids for row in _item_rows(cid, rng, now)])
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


def measure(paths: list[str], base: str, token: str, clients: int) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, requests per second) of `clients` connections requesting `paths` in turn."""
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
    return float(p50), float(p95), int(requests) / (int(duration_us) / 1e6)


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
        }
        for workers in WORKERS:
            port = free_port()
            proc = start_api(url, key_file, port, workers)
            try:
                for name, paths in requests.items():
                    for clients in (1, 20):
                        p50, p95, rate = measure(paths, f"http://127.0.0.1:{port}", token, clients)
                        rows.append(
                            f"| {backend:<10} | {name:<26} | {workers:>7} | {clients:>7} | "
                            f"{p50:>8.1f} | {p95:>8.1f} | {rate:>8.0f} |"
                        )
            finally:
                proc.terminate()
                proc.wait()


def main() -> None:
    rows: list[str] = []
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


if __name__ == "__main__":
    main()
