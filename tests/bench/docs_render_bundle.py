"""docs-render: the complaint bundle (訴状一式) and one 損害一覧, through the running services, against the bare
engine and LibreOffice.

Starts the whole system (S3, SMTP sink, claims-api with the demo data, docs-render, notify) on free ports in a
temporary directory and measures, from the POST of a render job to its `succeeded` status (polled every 50 ms):
the complaint bundle of the demo lawsuit (151 plaintiffs; twice, the second run warm), the bundle of a synthetic
3,000-plaintiff lawsuit (claims_api_load's data set, seeded into the stack's claims-api database), and one
損害一覧 on a warm service (10 times). Pages are counted in the downloaded PDF. Peak memory is the highest sum of VmRSS
over the docs-render server process and its descendants (the render pool) seen at one sampling instant while
the job runs (the sum of each process's lifetime peak, printed under the table too, would also count pdfunite
and any process that did not live at the same time as the others). For comparison, in this process: the same 151 損害一覧 laid out by WeasyPrint one
at a time (one core, the engine's ceiling), and their DOCX converted to PDF by LibreOffice (`soffice
--convert-to pdf`, the route of document-assembly tools). Prints a table; asserts nothing (a failing render
stops the script with the job's error). Under the table, for each bundle: each docs-render process's VmHWM,
VmRSS and CPU time in the job, when the last part was rendered (the rest is merge and upload), and the CPU time
the machine spent outside docs-render meanwhile (other load on the machine slows the job down). Takes about
7 minutes here, 5 of them the 3,000-plaintiff bundle.

Targets (issue 4, this 2-core machine): 151-plaintiff bundle < 8 s and ≥ 1.6× the one-process WeasyPrint rate
(pages/s); 3,000-plaintiff bundle < 150 s with peak memory < 1 GB; one 損害一覧 < 0.5 s on a warm service.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "infra" / "local"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_api_load import CLAIMANTS, seed  # noqa: E402
from stack import Ports, Stack  # noqa: E402

from bengodan_common.japanese import TOKYO  # noqa: E402
from bengodan_common.testing import free_port  # noqa: E402
from docs_render.claims.schemas import Parties, ScheduleEntry  # noqa: E402
from docs_render.core.config import Settings  # noqa: E402
from docs_render.docx import html_to_docx  # noqa: E402
from docs_render.filings.builders import part_html  # noqa: E402
from docs_render.pdf import TEMPLATES_DIR  # noqa: E402
from docs_render.renders.plans import SCHEDULES_PER_CHUNK  # noqa: E402

DEMO_PASSWORD = os.environ.get("BENGODAN_DEMO_PASSWORD", "demo-admin-pass")
POLL_SECONDS = 0.05
SINGLE_RUNS = 10
MIB = 1024 * 1024


# ---- docs-render's processes (the server and its descendants: the render pool): memory and CPU ------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the thread or the process ended meanwhile
            found.extend(int(child) for child in children.read_text().split())
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def _status_kib(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> float:
    """CPU seconds the whole machine has been busy (every core, neither idle nor waiting on I/O)."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "server"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    return "tracker" if b"resource_tracker" in cmdline else "render"


class MemoryWatch:
    """Peak memory of a process tree: each process's VmHWM (highest seen; a process replaced mid-job keeps the
    value read before it ended), summed; the highest sum of VmRSS seen at one sampling instant; and the CPU time
    each process spent between the first and the last sample."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.hwm_kib: dict[int, int] = {}
        self.roles: dict[int, str] = {}
        self.cpu_first: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}
        self.rss_first_kib: dict[int, int] = {}
        self.rss_last_kib: dict[int, int] = {}
        self.rss_peak_kib = 0
        self.machine_first = self.machine_last = _machine_busy()

    def sample(self) -> None:
        rss = 0
        for pid in _tree(self.pid):
            hwm, cpu, resident = _status_kib(pid, "VmHWM"), _cpu_seconds(pid), _status_kib(pid, "VmRSS")
            if hwm is None or cpu is None or resident is None:
                continue
            self.hwm_kib[pid] = max(self.hwm_kib.get(pid, 0), hwm)
            self.roles.setdefault(pid, _role(pid, self.pid))
            self.cpu_first.setdefault(pid, cpu)
            self.cpu_last[pid] = cpu
            self.rss_first_kib.setdefault(pid, resident)
            self.rss_last_kib[pid] = resident
            rss += resident
        self.rss_peak_kib = max(self.rss_peak_kib, rss)
        self.machine_last = _machine_busy()

    @property
    def hwm_mib(self) -> float:
        return sum(self.hwm_kib.values()) * 1024 / MIB

    @property
    def rss_peak_mib(self) -> float:
        return self.rss_peak_kib * 1024 / MIB

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_last[pid] - self.cpu_first[pid] for pid in self.cpu_last)

    @property
    def other_cpu_seconds(self) -> float:
        """CPU time the machine spent outside docs-render meanwhile (claims-api, this script, anything else)."""
        return self.machine_last - self.machine_first - self.cpu_seconds

    def detail(self) -> str:
        """Each process: role, VmHWM, VmRSS at the first and the last sample, CPU seconds in the job."""
        return "; ".join(
            f"{self.roles[pid]} HWM {self.hwm_kib[pid] / 1024:.0f} MiB, RSS {self.rss_first_kib[pid] / 1024:.0f}"
            f"→{self.rss_last_kib[pid] / 1024:.0f} MiB, {self.cpu_last[pid] - self.cpu_first[pid]:.1f} s CPU"
            for pid in sorted(self.hwm_kib)
        )


# ---- the services ------------------------------------------------------------------------------------------


@dataclass
class Job:
    seconds: float  # POST to succeeded, as the client sees it
    queued: float  # created_at to started_at, as the service recorded it
    rendered: float | None  # POST to the first poll that saw every part rendered (then: merge, upload)
    documents: int
    pages: int
    size: int
    memory: MemoryWatch


class Services:
    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.claims = httpx.Client(base_url=stack.urls["claims-api"], timeout=60)
        self.renders = httpx.Client(base_url=stack.urls["docs-render"], timeout=60)
        self.login()

    def login(self) -> None:
        response = self.claims.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": "admin@example.com", "password": DEMO_PASSWORD},
        )
        response.raise_for_status()
        auth = {"Authorization": f"Bearer {response.json()['access_token']}"}
        self.claims.headers.update(auth)
        self.renders.headers.update(auth)

    def get(self, path: str, **params: Any) -> Any:
        response = self.claims.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def render(self, body: dict[str, Any]) -> Job:
        """Request a job and wait for it, sampling docs-render's memory; raise with the job's error if it fails."""
        memory = MemoryWatch(self.stack.procs["docs-render"].pid)
        started = time.perf_counter()
        response = self.renders.post("/api/v1/renders", json=body)
        response.raise_for_status()
        job = response.json()
        rendered = None
        while job["status"] not in ("succeeded", "failed"):
            memory.sample()
            time.sleep(POLL_SECONDS)
            response = self.renders.get(f"/api/v1/renders/{job['id']}")
            response.raise_for_status()
            job = response.json()
            if rendered is None and job["progress_total"] and job["progress_done"] == job["progress_total"]:
                rendered = time.perf_counter() - started
        seconds = time.perf_counter() - started
        memory.sample()  # the pool keeps its processes between jobs: their VmHWM now covers the whole job
        if job["status"] == "failed":
            raise RuntimeError(f"render job {job['id']} ({body}) failed: {job['error']}")
        link = self.renders.get(f"/api/v1/renders/{job['id']}/download-link")
        link.raise_for_status()
        content = httpx.get(link.json()["url"], timeout=120).content
        queued = datetime.fromisoformat(job["started_at"]) - datetime.fromisoformat(job["created_at"])
        return Job(
            seconds=seconds,
            queued=queued.total_seconds(),
            rendered=rendered,
            documents=job["progress_total"],
            pages=len(PdfReader(io.BytesIO(content)).pages),
            size=len(content),
            memory=memory,
        )


def lawsuit_of(services: Services, case_id: int) -> int:
    proceedings = services.get(f"/api/v1/cases/{case_id}/proceedings")
    return next(p["id"] for p in proceedings if p["kind"] == "lawsuit")


def seed_large_case(services: Services, var: Path) -> tuple[int, int, float]:
    """claims_api_load's 3,000 claimants in a lawsuit of a new case, with the demo case's filing settings."""
    started = time.perf_counter()
    case_id, proceeding_id = seed(f"sqlite:///{var}/claims-api/claims-api.sqlite3")
    seconds = time.perf_counter() - started
    settings = services.get("/api/v1/cases/1/filing-settings")
    body = {key: settings[key] for key in ("office", "counsel", "texts")}
    services.claims.put(f"/api/v1/cases/{case_id}/filing-settings", json=body).raise_for_status()
    return case_id, proceeding_id, seconds


# ---- the comparisons, in this process ----------------------------------------------------------------------


def schedule_htmls(services: Services, proceeding_id: int) -> list[str]:
    """The 151 損害一覧 of the demo lawsuit as docs-render builds them (one HTML document each)."""
    parties = Parties.model_validate(services.get("/api/v1/cases/1/parties", proceeding_id=proceeding_id))
    page = services.get("/api/v1/cases/1/damage-schedules", proceeding_id=proceeding_id, limit=200)
    entries = [ScheduleEntry.model_validate(item) for item in page["items"]]
    calls = [{"entry": e, "case": parties.case, "proceeding": parties.proceeding} for e in entries]
    return part_html("damage-schedule", calls, datetime.now(TOKYO).date())


def bare_weasyprint(htmls: list[str]) -> tuple[int, float, float]:
    """(pages, seconds, CPU seconds) of WeasyPrint alone, one schedule at a time, in this one process."""
    import weasyprint

    base_url = TEMPLATES_DIR.as_uri() + "/"
    weasyprint.HTML(string=htmls[0], base_url=base_url).write_pdf()  # fonts, CSS: untimed
    pages = 0
    started, cpu = time.perf_counter(), time.process_time()
    pdfs = [weasyprint.HTML(string=html, base_url=base_url).write_pdf() for html in htmls]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    for pdf in pdfs:
        pages += len(PdfReader(io.BytesIO(pdf)).pages)
    return pages, seconds, cpu


def libreoffice(htmls: list[str]) -> tuple[int, float] | None:
    """(pages, seconds) of one `soffice --convert-to pdf` of the schedules' DOCX files; None without soffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, out, profile = Path(tmp) / "docx", Path(tmp) / "pdf", Path(tmp) / "profile"
        src.mkdir()
        for n, html in enumerate(htmls, 1):
            (src / f"schedule-{n:04d}.docx").write_bytes(html_to_docx(html))
        files = sorted(str(path) for path in src.glob("*.docx"))
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
        started = time.perf_counter()
        subprocess.run([*command, "--outdir", str(out), *files], check=True, capture_output=True)
        seconds = time.perf_counter() - started
        pdfs = sorted(out.glob("*.pdf"))
        if len(pdfs) != len(files):
            raise RuntimeError(f"soffice wrote {len(pdfs)} PDFs of {len(files)} DOCX files")
        return sum(len(PdfReader(path).pages) for path in pdfs), seconds


# ---- the table ---------------------------------------------------------------------------------------------


def row(what: str, documents: int | str, pages: int | str, seconds: float, peak: float | None) -> str:
    rate = f"{pages / seconds:8.1f}" if isinstance(pages, int) else f"{'':>8}"
    mib = f"{peak:9.0f}" if peak is not None else f"{'-':>9}"
    return f"| {what:<44} | {documents!s:>9} | {pages!s:>6} | {seconds:8.2f} | {rate} | {mib} |"


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    settings = Settings()  # what docs-render reads from the same environment (the stack passes it on)
    rows: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        stack = Stack(var=var, ports=Ports(*(free_port() for _ in range(6))), spa=None, demo=True)
        try:
            started = time.perf_counter()
            stack.start()
            print(f"stack started in {time.perf_counter() - started:.1f} s")
            services = Services(stack)
            demo_lawsuit = lawsuit_of(services, 1)
            bundle = {"document": "complaint-bundle", "format": "pdf", "case_id": 1, "proceeding_id": demo_lawsuit}

            # 1. the demo bundle, cold (first job: the pool starts) then warm
            small = []
            for run in ("first", "second"):
                job = services.render(bundle)
                small.append(job)
                rows.append(
                    row(
                        f"bundle, 151 plaintiffs, {run} run",
                        job.documents,
                        job.pages,
                        job.seconds,
                        job.memory.rss_peak_mib,
                    )
                )
                print(f"bundle 151 ({run}): {job.seconds:.2f} s, {job.pages} pages, {job.size / MIB:.1f} MiB")

            # 4. one 損害一覧 on the warm service
            parties = services.get("/api/v1/cases/1/parties", proceeding_id=demo_lawsuit)
            claimant_id = parties["plaintiffs"][0]["claimant_id"]
            schedule = {**bundle, "document": "damage-schedule", "claimant_id": claimant_id}
            singles = [services.render(schedule) for _ in range(SINGLE_RUNS)]
            single_seconds = [job.seconds for job in singles]
            single_median, single_max = statistics.median(single_seconds), max(single_seconds)
            single_rows = [
                row(f"one 損害一覧, warm, median of {SINGLE_RUNS}", 1, singles[0].pages, single_median, None),
                row(f"one 損害一覧, warm, max of {SINGLE_RUNS}", 1, singles[0].pages, single_max, None),
            ]
            queued = [job.queued for job in singles]
            notes.append(
                f"one 損害一覧: time queued before the worker took it (created_at → started_at), median "
                f"{statistics.median(queued):.2f} s, max {max(queued):.2f} s (worker poll interval "
                f"{settings.worker_poll_seconds} s); client times {', '.join(f'{s:.2f}' for s in single_seconds)}"
            )

            # 2. the 3,000-plaintiff bundle
            case_id, proceeding_id, seed_seconds = seed_large_case(services, var)
            print(f"seeded {CLAIMANTS} claimants × 6 items into case {case_id} in {seed_seconds:.1f} s")
            large = services.render({**bundle, "case_id": case_id, "proceeding_id": proceeding_id})
            rows.append(
                row(
                    f"bundle, {CLAIMANTS:,} plaintiffs",
                    large.documents,
                    large.pages,
                    large.seconds,
                    large.memory.rss_peak_mib,
                )
            )
            print(f"bundle {CLAIMANTS}: {large.seconds:.1f} s, {large.pages} pages, {large.size / MIB:.1f} MiB")
            for name, job in (("151 (second run)", small[1]), (f"{CLAIMANTS:,}", large)):
                rendered = f"{job.rendered:.1f} s" if job.rendered is not None else "not seen"
                notes.append(
                    f"bundle {name}: queued {job.queued:.2f} s, every part rendered at {rendered}, succeeded at "
                    f"{job.seconds:.1f} s (after the parts: merge, S3 upload); sum of VmHWM {job.memory.hwm_mib:.0f} "
                    f"MiB, highest sum of VmRSS sampled {job.memory.rss_peak_mib:.0f} MiB; per process (VmHWM / CPU "
                    f"in the job): {job.memory.detail()}; CPU outside docs-render meanwhile "
                    f"{job.memory.other_cpu_seconds:.1f} s; PDF {job.size / MIB:.1f} MiB"
                )

            # 3 and 5: the same 151 schedules, in this process
            htmls = schedule_htmls(services, demo_lawsuit)
        finally:
            stack.stop()

    bare_pages, bare_seconds, bare_cpu = bare_weasyprint(htmls)
    notes.append(
        f"bare WeasyPrint: {bare_seconds:.1f} s wall, {bare_cpu:.1f} s CPU (less: the process waited for a core)"
    )
    rows.append(row("bare WeasyPrint, 151 損害一覧, one process", len(htmls), bare_pages, bare_seconds, None))
    rows.extend(single_rows)
    office = libreoffice(htmls)
    if office is None:
        notes.append("soffice not found: the LibreOffice row is skipped")
    else:
        rows.append(row("LibreOffice DOCX → PDF, 151 損害一覧", len(htmls), office[0], office[1], None))

    print(f"\ndocs-render on {os.cpu_count()} cores; seconds from POST to succeeded (polled every 50 ms)")
    print(f"| {'what':<44} | {'documents':>9} | {'pages':>6} | {'seconds':>8} | {'pages/s':>8} | {'peak MiB':>9} |")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 11}|")
    print("\n".join(rows))

    warm = small[1]
    ratio = (warm.pages / warm.seconds) / (bare_pages / bare_seconds)
    large_peak = large.memory.rss_peak_mib
    print("\ntargets (issue 4)")
    print(f"- bundle, 151 plaintiffs < 8 s: {warm.seconds:.2f} s (warm run): {verdict(warm.seconds < 8)}")
    print(f"- bundle rate ≥ 1.6× bare one-process WeasyPrint: {ratio:.2f}×: {verdict(ratio >= 1.6)}")
    print(f"- bundle, {CLAIMANTS:,} plaintiffs < 150 s: {large.seconds:.1f} s: {verdict(large.seconds < 150)}")
    print(f"- bundle, {CLAIMANTS:,} plaintiffs peak < 1 GB: {large_peak:.0f} MiB: {verdict(large_peak * MIB < 1e9)}")
    print(
        f"- one 損害一覧 < 0.5 s on a warm service: median {single_median:.2f} s, max {single_max:.2f} s: "
        f"{verdict(single_median < 0.5)} (median), {verdict(single_max < 0.5)} (max)"
    )
    print(
        f"\nsettings: {settings.render_processes} render processes (DOCS_RENDER_RENDER_PROCESSES="
        f"{os.environ.get('DOCS_RENDER_RENDER_PROCESSES', 'unset: one per core')}), {SCHEDULES_PER_CHUNK} "
        f"損害一覧 per chunk, joined by pdfunite; worker poll {settings.worker_poll_seconds} s"
    )
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
