"""The SPA's claimant list with 3,000 claimants: time to interactive in Chromium, and the JavaScript it loads.

The system as `make run` starts it (infra/local/stack.py: S3 server, SMTP sink, claims-api, docs-render, notify;
SQLite, free ports), with the 3,000 claimants × 6 damage items of `claims_api_load` and one staff user instead of
the demo data, and the SPA built by `vite build` (what `npm run build` runs after the type check) into a temporary
directory, served by `vite preview` with its proxies pointed at the services. Debian's Chromium, driven with
playwright-core by spa_claimant_list.mjs, logs in once; then every measured load of /claimants is a new browser
context (cold: no HTTP cache) that starts signed in (the session the SPA keeps in sessionStorage is put back
before the page's scripts run). One unmeasured load warms the servers first. Then one load with the CPU
throttled 4× through CDP (Emulation.setCPUThrottlingRate), as a slower laptop.

Two kinds of visit are measured, each with its own login, warm-up and runs: a first visit, with no case chosen in
the browser (the list has to learn the case from /cases first), and a returning visit, whose browser remembers
the case chosen last (localStorage bengodan.caseId, src/components/casePicker/chosenCase.ts), so that the list
can be asked for beside /cases (the driver puts that key in localStorage before the page's scripts run).

Bundle: the .js and .css files the page requested on a cold load of /login (signed out) and of /claimants
(signed in), with their size in dist/ and gzipped (level 9, each file on its own).

Prints tables; asserts nothing. Targets (issue 7): interactive in under 1.5 s on this machine; under 500 KB of
JavaScript gzipped for the first screen.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "infra" / "local"))
import claims_api_load as load  # the same 3,000 claimants as the claims-api load benchmark
from stack import Ports, Stack

from bengodan_common.db import make_engine
from bengodan_common.testing import free_port
from claims_api.auth.roles import Role
from claims_api.users.service import create_user

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
RUNS = 10  # measured cold loads
THROTTLE = 4  # CPU slow-down of the slower-laptop run
THROTTLED_RUNS = 1
PAGE_ROWS = 50  # rows of the list's first page
QUIET_MS = 1000  # main thread without a long task for this long after the list is painted: interactive
TTI_TARGET_MS = 1500
JS_TARGET_BYTES = 500 * 1000
USER = "bench-staff@example.com"
PASSWORD = "bench-staff-password"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = Path(__file__).with_suffix(".mjs")
CASE_STORAGE_KEY = "bengodan.caseId"  # src/components/casePicker/chosenCase.ts
FIRST, RETURNING = "first visit", "returning visit"
VISITS = {FIRST: "no case stored", RETURNING: "the case stored"}

DEFINITIONS = f"""\
Definitions (times in ms from navigation start, performance.now() of the page):
  first row     the first table row of <main> is in the DOM and the frame holding it has been painted (a task
                posted from the requestAnimationFrame callback after the change has run)
  list ready    in <main>: a search box (input type=search, enabled), at least {PAGE_ROWS} table body rows and the
                total "{load.CLAIMANTS:,}" in the text, and that frame painted
  interactive   list ready, or the end of the last long task (>= 50 ms, Long Tasks API) before the first
                {QUIET_MS} ms after it without one, whichever is later: from then on a keystroke in the search box
                is handled at once. After each measurement the driver types into the search box and checks the
                value (column "typing ok")."""


def build(out: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(
        [str(FRONTEND / "node_modules" / ".bin" / "vite"), "build", "--outDir", str(out), "--emptyOutDir"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"vite build failed:\n{proc.stdout}\n{proc.stderr}")
    return time.perf_counter() - started


def seed(stack: Stack) -> int:
    """The data set and the bench user; returns the id of the case."""
    url = f"sqlite:///{stack.var}/claims-api/claims-api.sqlite3"
    started = time.perf_counter()
    case_id, _ = load.seed(url)
    engine = make_engine(url)
    with Session(engine) as session:
        create_user(
            session=session, email=USER, name="ベンチ 職員", role=Role.staff, password=PASSWORD, actor="system:bench"
        )
        session.commit()
    engine.dispose()
    print(f"seeded {load.CLAIMANTS:,} claimants × 6 items and a staff user in {time.perf_counter() - started:.1f} s")
    return case_id


def preview(stack: Stack, dist: Path, port: int) -> subprocess.Popen[bytes]:
    """`vite preview` of the built files on `port`, with the stack's proxy targets (CLAIMS_API_URL …)."""
    url = f"http://127.0.0.1:{port}"
    vite = str(FRONTEND / "node_modules" / ".bin" / "vite")
    with (stack.var / "log" / "spa.log").open("ab") as log:
        proc = subprocess.Popen(
            [vite, "preview", "--outDir", str(dist), "--host", "127.0.0.1", "--port", str(port), "--strictPort"],
            cwd=FRONTEND,
            env=stack.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"vite preview exited; see {stack.var / 'log' / 'spa.log'}")
        try:
            if httpx.get(url + "/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("vite preview did not answer within 60 s")


def api_times(stack: Stack) -> dict[str, float]:
    """p50 (ms) of the list page's request (limit 50, offset 0) straight to claims-api and through the proxy."""
    token = httpx.post(
        f"{stack.urls['claims-api']}/api/v1/auth/token",
        data={"grant_type": "password", "username": USER, "password": PASSWORD},
    ).json()["access_token"]
    out = {}
    for name, url in (
        ("direct", f"{stack.urls['claims-api']}/api/v1/claimants?limit={PAGE_ROWS}&offset=0"),
        ("proxied", f"{stack.urls['spa']}/claims-api/api/v1/claimants?limit={PAGE_ROWS}&offset=0"),
    ):
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            http.get(url).raise_for_status()
            times = []
            for _ in range(20):
                started = time.perf_counter()
                http.get(url).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
        out[name] = statistics.median(times)
    return out


def drive(spa: str, stored: dict[str, str]) -> dict[str, Any]:
    """The browser runs against `spa`; `stored` is what the browser's localStorage holds before each load."""
    config = {
        "spa": spa,
        "localStorage": stored,
        "user": USER,
        "password": PASSWORD,
        "runs": RUNS,
        "throttle": THROTTLE,
        "throttledRuns": THROTTLED_RUNS,
        "expectedRows": PAGE_ROWS,
        "total": f"{load.CLAIMANTS:,}",
        "quietMs": QUIET_MS,
        "chromium": CHROMIUM,
    }
    proc = subprocess.run(
        ["node", str(DRIVER), json.dumps(config)], cwd=FRONTEND, capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the browser driver failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def p50_p95(values: list[float]) -> tuple[float, float]:
    """Median, and the 95th percentile interpolated between the two slowest of ten (statistics, inclusive)."""
    if len(values) < 2:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def sizes(dist: Path, paths: list[str]) -> list[tuple[str, int, int]]:
    """(file, raw bytes, gzip -9 bytes) of each requested .js/.css file found in dist/."""
    out = []
    for path in paths:
        file = dist / path.lstrip("/")
        if file.is_file():
            data = file.read_bytes()
            out.append((path.lstrip("/"), len(data), len(gzip.compress(data, compresslevel=9))))
    return out


def breakdown(run: dict[str, Any]) -> dict[str, float]:
    """Where the time of one load goes (ms from navigation start)."""
    resources = run["resources"]
    scripts = [r for r in resources if r["path"].split("?")[0].endswith(".js")]
    api = [r for r in resources if r["path"].startswith("/claims-api/api/v1/claimants")]
    cases = [r for r in resources if r["path"].split("?")[0] == "/claims-api/api/v1/cases"]
    me = [r for r in resources if r["path"].startswith("/claims-api/api/v1/auth/me")]
    longtasks = run["longtasks"] or []
    before_ready = [d for start, d in longtasks if start < run["readyPaint"]]
    out = {
        "HTML received": run["htmlEnd"],
        "last JS file received": max((r["end"] for r in scripts), default=0.0),
        "first contentful paint": run["fcp"] or 0.0,
        "GET /cases request sent": min((r["start"] for r in cases), default=0.0),
        "GET /cases response received": min((r["end"] for r in cases), default=0.0),
        "GET /claimants request sent": min((r["start"] for r in api), default=0.0),
        "GET /claimants response received": max((r["end"] for r in api), default=0.0),
        "idle: last JS file → GET /claimants": min((r["start"] for r in api), default=0.0)
        - max((r["end"] for r in scripts), default=0.0),
        "GET /claimants duration": sum(r["end"] - r["start"] for r in api[:1]),
        "GET /claimants time to first byte": sum(r["ttfb"] for r in api[:1]),
        "GET /auth/me duration": sum(r["end"] - r["start"] for r in me[:1]),
        "long tasks before list ready (count)": float(len(before_ready)),
        "long tasks before list ready (total)": float(sum(before_ready)),
        "longest task": max((d for _, d in longtasks), default=0.0),
    }
    return out


def timeline(visit: str, runs: list[dict[str, Any]]) -> None:
    """The requests of the run whose interactive time is the median one, in the order they started."""
    ordered = sorted(runs, key=lambda run: run["interactive"])
    run = ordered[(len(ordered) - 1) // 2]
    print(
        f"\nRequests of the median run of the {visit} (interactive at {run['interactive']:.0f} ms), "
        "ms from navigation start"
    )
    print(f"| {'request':<60} | {'start':>6} | {'end':>6} |")
    print(f"|{'-' * 62}|{'-' * 8}|{'-' * 8}|")
    print(f"| {'(the HTML document)':<60} | {0:>6.0f} | {run['htmlEnd']:>6.0f} |")
    for r in sorted(run["resources"], key=lambda r: r["start"]):
        print(f"| {r['path'][:60]:<60} | {r['start']:>6.0f} | {r['end']:>6.0f} |")
    tasks = ", ".join(f"{start:.0f}+{duration:.0f}" for start, duration in run["longtasks"] or []) or "none"
    print(
        f"long tasks (start+duration): {tasks}; first row painted {run['rowPaint']:.0f}, list ready {run['readyPaint']:.0f}"
    )


def runs_table(visit: str, runs: list[dict[str, Any]]) -> None:
    print(
        f"\nSPA claimant list, {visit} ({VISITS[visit]}), {load.CLAIMANTS:,} claimants, {RUNS} cold loads "
        "(new browser context each), ms"
    )
    print(
        f"| {'run':>3} | {'first row':>9} | {'list ready':>10} | {'interactive':>11} | {'long tasks':>10} | typing ok |"
    )
    print(f"|{'-' * 5}|{'-' * 11}|{'-' * 12}|{'-' * 13}|{'-' * 12}|{'-' * 11}|")
    for n, run in enumerate(runs, 1):
        tasks = run["longtasks"]
        print(
            f"| {n:>3} | {run['rowPaint']:>9.0f} | {run['readyPaint']:>10.0f} | {run['interactive']:>11.0f} "
            f"| {'n/a' if tasks is None else len(tasks):>10} | {'yes' if run['inputOk'] else 'NO':>9} |"
        )


def report(results: dict[str, dict[str, Any]], dist: Path, api: dict[str, float]) -> None:
    print()
    print(DEFINITIONS)
    for visit, result in results.items():
        runs_table(visit, result["runs"])
        for run in result["runs"] + result["throttled"]:
            for error in run["errors"]:
                print(f"page error ({visit}): {error}")

    # where the time goes: medians over the runs, and the throttled run, of each kind of visit
    print("\nWhere the time goes (ms from navigation start; median of the runs, and the throttled run)")
    columns: list[tuple[str, list[dict[str, float]]]] = []
    for visit, result in results.items():
        short = visit.split()[0]
        columns.append((f"{short}", [breakdown(run) for run in result["runs"]]))
        columns.append((f"{short} {THROTTLE}x", [breakdown(run) for run in result["throttled"]]))
    print(f"| {'step':<38} | " + " | ".join(f"{name:>12}" for name, _ in columns) + " |")
    print(f"|{'-' * 40}|" + "|".join("-" * 14 for _ in columns) + "|")
    for key in columns[0][1][0]:
        cells = [
            f"{statistics.median(p[key] for p in parts):>12.0f}" if parts else f"{'-':>12}" for _, parts in columns
        ]
        print(f"| {key:<38} | " + " | ".join(cells) + " |")
    dashes = " | ".join(f"{'-':>12}" for _ in columns[1:])
    print(
        f"| {'claims-api list request, direct (p50)':<38} | {api['direct']:>12.1f} | {dashes} |\n"
        f"| {'same through vite preview (p50)':<38} | {api['proxied']:>12.1f} | {dashes} |"
    )
    for visit, result in results.items():
        timeline(visit, result["runs"])
    first_parts = [breakdown(run) for run in results[FIRST]["runs"]]
    gap = statistics.median(p["idle: last JS file → GET /claimants"] for p in first_parts)
    if gap > 100:
        print(
            f"note: {gap:.0f} ms (median, first visit) pass between the last JS file and the list request. The list\n"
            "  and /auth/me requests start when their components mount; React 19 reveals content that suspended no\n"
            "  sooner than 300 ms after a Suspense fallback was painted (FALLBACK_THROTTLE_MS in react-dom), and the\n"
            "  first fallback ('…' while the lazy chunks load) is the first contentful paint above. On a first visit\n"
            "  the list request also waits for /cases (the case to list is the first one claims-api names)."
        )

    # bundle (the same files on both kinds of visit: those of the first)
    runs = results[FIRST]["runs"]
    login = sizes(dist, results[FIRST]["loginAssets"])
    first = sizes(dist, runs[0]["assets"])
    on_login = {name for name, _, _ in login}
    print("\nFiles requested by a cold load of /claimants, signed in (* also on /login, signed out), bytes")
    print(f"| {'file':<44} | {'raw':>9} | {'gzip -9':>9} |")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 11}|")
    for name, raw, gz in sorted(first, key=lambda f: -f[2]):
        mark = "*" if name in on_login else " "
        print(f"| {mark}{name:<43} | {raw:>9,} | {gz:>9,} |")
    for name, raw, gz in login:
        if name not in {f[0] for f in first}:
            print(f"| {'(login only) ' + name:<44} | {raw:>9,} | {gz:>9,} |")
    all_js = [f for f in (dist / "assets").glob("*.js")]
    all_js_gz = sum(len(gzip.compress(f.read_bytes(), compresslevel=9)) for f in all_js)
    all_js_raw = sum(f.stat().st_size for f in all_js)
    print(f"dist/ holds {len(all_js)} JS files: {all_js_raw:,} bytes raw, {all_js_gz:,} gzipped (each file on its own)")

    def total(files: list[tuple[str, int, int]], ext: str) -> tuple[int, int, int]:
        chosen = [f for f in files if f[0].endswith(ext)]
        return len(chosen), sum(f[1] for f in chosen), sum(f[2] for f in chosen)

    # summary
    rows: list[tuple[str, str, str, str]] = []
    for visit, result in results.items():
        visit_runs = result["runs"]
        ready = [run["readyPaint"] for run in visit_runs]
        row = [run["rowPaint"] for run in visit_runs]
        tti = [run["interactive"] for run in visit_runs]
        for name, values in (("first row painted", row), ("list ready", ready), ("interactive", tti)):
            p50, p95 = p50_p95(values)
            target = f"< {TTI_TARGET_MS:,} ms" if name == "interactive" else ""
            for label, ms in (("p50", p50), ("p95", p95)):
                met = _met(ms < TTI_TARGET_MS) if target else ""
                rows.append((f"{visit}: {name}, {label}", f"{ms:,.0f} ms", target, met))
        for run in result["throttled"]:
            rows.append(
                (
                    f"{visit}: interactive, CPU throttled {THROTTLE}x (slower laptop)",
                    f"{run['interactive']:,.0f} ms",
                    "",
                    "",
                )
            )
            rows.append(
                (f"{visit}: first row painted, CPU throttled {THROTTLE}x", f"{run['rowPaint']:,.0f} ms", "", "")
            )
    for page, files in (("/login (signed out)", login), ("/claimants (signed in)", first)):
        count, raw, gz = total(files, ".js")
        rows.append(
            (f"JS of {page}: {count} files, gzip -9", f"{gz / 1000:,.1f} KB", "< 500 KB", _met(gz < JS_TARGET_BYTES))
        )
        rows.append((f"JS of {page}, raw", f"{raw / 1000:,.1f} KB", "", ""))
        count, raw, gz = total(files, ".css")
        rows.append(
            (f"CSS of {page}: {count} files, raw / gzip -9", f"{raw / 1000:,.1f} / {gz / 1000:,.1f} KB", "", "")
        )
    print(f"\nSPA claimant list ({load.CLAIMANTS:,} claimants, {RUNS} cold loads of each visit; KB = 1,000 bytes)")
    print(f"| {'measurement':<66} | {'value':>16} | {'target':>10} | {'met?':>4} |")
    print(f"|{'-' * 68}|{'-' * 18}|{'-' * 12}|{'-' * 6}|")
    for name, value, target, met in rows:
        print(f"| {name:<66} | {value:>16} | {target:>10} | {met:>4} |")


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def main() -> None:
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: SPA benchmark skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        print(f"SPA built (vite build) in {build(dist):.1f} s")
        stack = Stack(var=Path(tmp) / "var", ports=Ports(*(free_port() for _ in range(6))), spa=None, demo=False)
        servers: list[subprocess.Popen[bytes]] = []
        results: dict[str, dict[str, Any]] = {}
        try:
            stack.start()
            case_id = seed(stack)
            servers.append(preview(stack, dist, stack.ports.spa))
            api = api_times(stack)
            for visit, stored in ((FIRST, {}), (RETURNING, {CASE_STORAGE_KEY: str(case_id)})):
                started = time.perf_counter()
                results[visit] = drive(stack.urls["spa"], stored)
                print(f"browser runs of the {visit} took {time.perf_counter() - started:.1f} s")
        finally:
            for server in servers:
                server.terminate()
                server.wait()
            stack.stop()
        report(results, dist, api)


if __name__ == "__main__":
    main()
