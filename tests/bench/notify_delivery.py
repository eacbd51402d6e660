"""notify: the delivery rate of `python -m notify.delivery` (1 and 2 worker processes) into the local SMTP sink
(infra/local/smtp_sink.py, a process of its own that stores each message as a file with fsync), measured in the
same run as
  (a) the ceiling: the sink's own accept rate under a bare sender that does nothing but send (one smtplib
      connection, prebuilt messages back to back), and
  (b) the naive baseline: a sequential smtplib sender that opens one connection per message,
with the same breach-notice e-mails (about 3 KB, as a campaign sends them). The notices are queued as the product
queues them (`campaigns.delivery.launch`); a worker row is timed from the start of the worker processes until every
message is `sent` in the database and the sink holds that many files, and again from the first to the last file's
mtime (which leaves out the processes' start-up). Workers run on PostgreSQL (1 and 2; left out when unreachable)
and on SQLite (1).

Fan-out: one hearing event for a proceeding of 3,000 claimants: the time `process_events` takes to make the
messages (a notice and the reminders for each; on SQLite and PostgreSQL), then the time 1 and 2 workers take to
send the 3,000 notices due now, on PostgreSQL (on SQLite, 1 worker, only when PostgreSQL is not reachable: the
script is meant to stay near 3 minutes).

Prints one table; asserts nothing. Targets (issue 5): a worker rate of at least 80% of (a) and at least 2x (b),
and the rate growing with the second worker.
"""

from __future__ import annotations

import os
import shutil
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from email.utils import formataddr
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.auth import Principal
from bengodan_common.db import make_engine, utcnow
from bengodan_common.japanese import TOKYO
from bengodan_common.migrations import upgrade
from bengodan_common.notices import NoticeContact
from bengodan_common.testing import empty_database, free_port, postgres_reachable
from notify.campaigns.delivery import launch
from notify.campaigns.models import Campaign, Recipient, RecipientImport
from notify.campaigns.notice_email import notice_email
from notify.claims.client import Recipient as Claimant
from notify.core.config import Settings
from notify.core.db import ALEMBIC_INI
from notify.delivery.worker import process_events
from notify.events import service as events
from notify.events.schemas import HearingEvent
from notify.messages.content import build_email, sender_address
from notify.messages.models import Message

ROOT = Path(__file__).resolve().parents[2]
SINK = ROOT / "infra" / "local" / "smtp_sink.py"
NOTICES = 1_000  # e-mails per measured row of (a), (b) and the campaign
CLAIMANTS = 3_000  # the fan-out of one hearing
ROW_TIMEOUT = 120.0  # seconds a row may take before it is given up
POLL = 0.05
WATCH = 0.1  # how often a running row counts the files and the sent messages
ACTOR = Principal(sub="user:bench", kind="user", roles=("staff",), scopes=frozenset({"notify:write"}))
# The settings of the bench process (launch, process_events) and of the workers: no quiet hours, no rate limit.
SETTINGS = {"quiet_hours_start": 0, "quiet_hours_end": 0, "rate_limit_per_minute": 10_000_000}
DATA_ITEMS = [
    {"key": "name", "label": "氏名"},
    {"key": "birth", "label": "生年月日"},
    {"key": "address", "label": "住所"},
    {"key": "pension_no", "label": "基礎年金番号"},
    {"key": "insurance_no", "label": "雇用保険被保険者番号"},
    {"key": "salary", "label": "給与額"},
]
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "由美", "大輔", "直子"]


def campaign_values() -> dict[str, Any]:
    """A campaign whose e-mail is about 3 KB, like a real breach notice (synthetic office and people)."""
    return {
        "case_id": 1,
        "claimant_id": 12,
        "title": "個人情報の漏えいのおそれに関するお知らせとお詫び",
        "sender": {
            "name": "架空社会保険労務士事務所",
            "postal_code": "530-0001",
            "address": "大阪府大阪市北区架空町1-2-3",
        },
        "data_items": DATA_ITEMS,
        "contact": {
            "desk": "個人情報お問い合わせ窓口",
            "phone": "0120-000-000",
            "hours": "平日 午前9時～午後5時",
            "email": "privacy@kakuu-sr.example.jp",
        },
        "overview": "給与計算クラウドサービスのサーバが不正アクセスを受け、個人データが持ち出された可能性があります。",
        "cause": "委託先のサーバの管理用アカウントが不正に使われたものと考えられます。",
        "secondary_harm": "現時点で二次被害は確認されていません。",
        "measures": "認証を強化し、委託先の監督を強化します。",
        "became_known_on": date(2025, 6, 2),
        "unlawful_purpose": True,
        "created_by": ACTOR.sub,
    }


def recipient_values(n: int) -> dict[str, Any]:
    return {
        "name": f"{SURNAMES[n % 10]} {GIVEN[n // 10 % 10]}",
        "email": f"person{n}@example.jp",
        "item_keys": [item["key"] for item in DATA_ITEMS[: 2 + n % 5]],
    }


def prebuilt_notices(count: int) -> list[tuple[str, bytes]]:
    """(recipient, bytes) of `count` breach notices, made as the worker makes them (for the bare and naive senders)."""
    settings = Settings(**SETTINGS)
    campaign = Campaign(**campaign_values())
    contact = NoticeContact.model_validate(campaign.contact)
    mail_from = formataddr((str(campaign.sender["name"]), sender_address(settings.mail_from)))
    now = utcnow()
    out = []
    for n in range(1, count + 1):
        recipient = Recipient(id=n, campaign_id=1, import_id=1, line=n + 1, **recipient_values(n))
        message = Message(
            kind="breach_notice",
            dedupe_key=f"bench:{n}",
            to_name=recipient.name,
            to_address=recipient.email,
            sender=sender_address(settings.mail_from),
            message_id=f"<c1.{n}.{uuid.uuid4().hex[:16]}@{settings.message_id_domain}>",
            due_at=now,
            cancel_key="campaign:1",
        )
        subject, body = notice_email(campaign, recipient)
        email = build_email(message, subject=subject, body=body, mail_from=mail_from, reply_to=contact.email, now=now)
        out.append((email.to, email.data))
    return out


# --- the sink ---------------------------------------------------------------------------------------------------


@dataclass
class Sink:
    port: int
    maildir: Path

    def files(self) -> list[os.DirEntry[str]]:
        return [entry for entry in os.scandir(self.maildir) if entry.name.endswith(".eml")]

    def count(self) -> int:
        return len(self.files())

    def mtime_span(self) -> float:
        """Seconds from the first to the last stored file."""
        stamps = [entry.stat().st_mtime_ns for entry in self.files()]
        return (max(stamps) - min(stamps)) / 1e9 if len(stamps) > 1 else 0.0

    def first_file_at(self) -> float:
        return min(entry.stat().st_mtime_ns for entry in self.files()) / 1e9


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def sink(workdir: Path, env: dict[str, str]) -> Iterator[Sink]:
    """A fresh sink process on a free port with an empty maildir, accepting connections."""
    port = free_port()
    maildir = Path(tempfile.mkdtemp(prefix="maildir-", dir=workdir))
    process = subprocess.Popen(
        [sys.executable, str(SINK), "--host", "127.0.0.1", "--port", str(port), "--maildir", str(maildir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # one INFO line per message; nobody reads it here
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=2) as probe:
                    probe.noop()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the SMTP sink did not start (exit {process.poll()})") from None
                time.sleep(POLL)
        yield Sink(port, maildir)
    finally:
        _stop(process)
        shutil.rmtree(maildir, ignore_errors=True)


def wait_for_files(box: Sink, expected: int, deadline: float) -> bool:
    while box.count() < expected:
        if time.monotonic() > deadline:
            return False
        time.sleep(POLL)
    return True


# --- rows -------------------------------------------------------------------------------------------------------


@dataclass
class Result:
    what: str
    workers: str
    database: str
    messages: int
    seconds: float
    steady_seconds: float | None = None  # first to last file's mtime
    startup: float | None = None  # process start until the first file
    note: str = ""
    compare: bool = True  # the % of ceiling and x naive columns apply
    group: str = ""  # "campaign" or "fan-out" for the worker rows

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    @property
    def steady_rate(self) -> float | None:
        if not self.steady_seconds:
            return None
        return (self.messages - 1) / self.steady_seconds


def bare_sender(workdir: Path, env: dict[str, str], notices: list[tuple[str, bytes]]) -> Result:
    """(a) One connection, every message back to back: the rate at which this sink can take them."""
    with sink(workdir, env) as box:
        before = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", box.port, timeout=30) as smtp:
            for to, data in notices:
                smtp.sendmail("bounces@bengodan.example.jp", [to], data)
        done = wait_for_files(box, len(notices), time.monotonic() + ROW_TIMEOUT)
        seconds = time.perf_counter() - before
        return Result(
            "(a) ceiling: bare sender, one connection",
            "-",
            "-",
            box.count(),
            seconds,
            steady_seconds=box.mtime_span(),
            note="" if done else "not all stored",
        )


def naive_sender(workdir: Path, env: dict[str, str], notices: list[tuple[str, bytes]]) -> Result:
    """(b) A new SMTP connection (connect, EHLO, MAIL, RCPT, DATA, QUIT) per message, one after the other."""
    with sink(workdir, env) as box:
        before = time.perf_counter()
        for to, data in notices:
            with smtplib.SMTP("127.0.0.1", box.port, timeout=30) as smtp:
                smtp.sendmail("bounces@bengodan.example.jp", [to], data)
        done = wait_for_files(box, len(notices), time.monotonic() + ROW_TIMEOUT)
        seconds = time.perf_counter() - before
        return Result(
            "(b) naive: a connection per message",
            "-",
            "-",
            box.count(),
            seconds,
            steady_seconds=box.mtime_span(),
            note="" if done else "not all stored",
        )


def worker_env(base: dict[str, str], url: str, smtp_port: int) -> dict[str, str]:
    closed = str(free_port())  # nothing listens there: claims-api and docs-render are not running
    env = {key: value for key, value in base.items() if not key.startswith("NOTIFY_")}
    env.update(
        {
            "NOTIFY_ENV": "local",
            "NOTIFY_DATABASE_URL": url,
            "NOTIFY_SMTP__HOST": "127.0.0.1",
            "NOTIFY_SMTP__PORT": str(smtp_port),
            "NOTIFY_QUIET_HOURS_START": str(SETTINGS["quiet_hours_start"]),
            "NOTIFY_QUIET_HOURS_END": str(SETTINGS["quiet_hours_end"]),
            "NOTIFY_RATE_LIMIT_PER_MINUTE": str(SETTINGS["rate_limit_per_minute"]),
            "NOTIFY_WORKER_POLL_SECONDS": "0.05",
            "NOTIFY_CLAIMS_API__BASE_URL": f"http://127.0.0.1:{closed}",
            "NOTIFY_DOCS_RENDER__BASE_URL": f"http://127.0.0.1:{closed}",
            "NOTIFY_DOCS_RENDER__TOKEN_URL": f"http://127.0.0.1:{closed}/api/v1/auth/token",
            "NOTIFY_INTAKE_CHECK_SECONDS": "86400",
            "NOTIFY_LOG_LEVEL": "WARNING",
        }
    )
    return env


def _sent(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Message).where(col(Message.status) == "sent")) or 0)


def run_workers(
    *,
    what: str,
    group: str,
    workers: int,
    database: str,
    url: str,
    expected: int,
    workdir: Path,
    env: dict[str, str],
) -> Result:
    """Start `workers` delivery processes against `url`; time until `expected` messages are sent and stored."""
    engine = make_engine(url)
    logs: list[Path] = []
    processes: list[subprocess.Popen[bytes]] = []
    note = ""
    try:
        with sink(workdir, env) as box:
            child_env = worker_env(env, url, box.port)
            started_at = time.time()
            before = time.perf_counter()
            for n in range(workers):
                log = workdir / f"worker-{uuid.uuid4().hex[:6]}-{n}.log"
                logs.append(log)
                with log.open("wb") as out:
                    processes.append(
                        subprocess.Popen(
                            [sys.executable, "-m", "notify.delivery"],
                            stdout=out,
                            stderr=subprocess.STDOUT,
                            env=child_env,
                        )
                    )
            deadline = time.monotonic() + ROW_TIMEOUT
            sent = 0
            while True:
                if box.count() >= expected:
                    sent = _sent(engine)
                    if sent >= expected:
                        break
                if any(p.poll() is not None for p in processes):
                    note = "a worker exited"
                    break
                if time.monotonic() > deadline:
                    note = f"timed out: {_sent(engine):,} sent, {box.count():,} stored"
                    break
                time.sleep(WATCH)
            seconds = time.perf_counter() - before
            stored = box.count()
            if stored > expected:
                note = f"{stored - expected} duplicates in the sink"
            result = Result(
                what,
                str(workers),
                database,
                min(stored, expected),
                seconds,
                steady_seconds=box.mtime_span(),
                startup=box.first_file_at() - started_at if stored else None,
                note=note,
                group=group,
            )
            for process in processes:
                _stop(process)
            time.sleep(0.2)
            if box.count() > expected:  # anything sent twice would show up here
                result.note = f"{box.count() - expected} duplicates in the sink"
    finally:
        for process in processes:
            _stop(process)
        engine.dispose()
    if note:
        for log in logs:
            tail = log.read_text(errors="replace").splitlines()[-20:]
            print(f"--- {log.name} ({what}, {database}, {workers} worker(s)):", *tail, sep="\n", file=sys.stderr)
    return result


# --- data -------------------------------------------------------------------------------------------------------


def queue_campaign(url: str, count: int) -> int:
    """A campaign of `count` recipients with e-mail addresses, launched: `count` breach notices queued."""
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            campaign = Campaign(**campaign_values())
            session.add(campaign)
            session.flush()
            done = RecipientImport(
                campaign_id=campaign.id or 0,
                filename="bench.csv",
                encoding="utf-8",
                status="succeeded",
                bytes_total=count * 80,
                bytes_read=count * 80,
                rows_valid=count,
                created_by=ACTOR.sub,
                finished_at=utcnow(),
            )
            session.add(done)
            session.flush()
            rows = [
                {"campaign_id": campaign.id, "import_id": done.id, "line": n + 1, **recipient_values(n)}
                for n in range(1, count + 1)
            ]
            for start in range(0, len(rows), 1_000):
                session.execute(insert(Recipient), rows[start : start + 1_000])
            emails, letters = launch(
                session=session, campaign=campaign, actor=ACTOR, settings=Settings(**SETTINGS), now=utcnow()
            )
            session.commit()
        assert letters == 0
        return emails
    finally:
        engine.dispose()


class Claimants:
    """The RecipientSource of the fan-out: every claimant of the proceeding with an address and consent."""

    def __init__(self, count: int) -> None:
        self.people = [
            Claimant(
                claimant_id=n,
                name=f"{SURNAMES[n % 10]} {GIVEN[n // 10 % 10]}",
                email=f"claimant{n}@example.jp",
                reminder_consent=True,
            )
            for n in range(1, count + 1)
        ]

    def recipients(self, proceeding_id: int) -> list[Claimant]:
        return list(self.people)


def fan_out(url: str, database: str, count: int) -> tuple[Result, int]:
    """Store a hearing.scheduled event for a proceeding of `count` claimants and time `process_events`.
    Returns the row and how many notices (due now) it queued."""
    starts = datetime.combine(datetime.now(TOKYO).date() + timedelta(days=30), clock_time(10), tzinfo=TOKYO)
    event = HearingEvent.model_validate(
        {
            "id": str(uuid.uuid4()),
            "type": "hearing.scheduled",
            "occurred_at": datetime.now(TOKYO).isoformat(),
            "payload": {
                "hearing_id": 1,
                "case_id": 1,
                "proceeding_id": 2,
                "proceeding_name": "第1次調停",
                "kind": "mediation_session",
                "starts_at": starts.isoformat(),
                "place": "大阪地方裁判所 本館 第3調停室",
                "court": "大阪地方裁判所",
                "online_url": None,
                "status": "scheduled",
            },
        }
    )
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            events.store(session=session, event=event)
            session.commit()
        source = Claimants(count)
        settings = Settings(**SETTINGS)
        before = time.perf_counter()
        applied = process_events(engine=engine, recipients=source, settings=settings)
        seconds = time.perf_counter() - before
        with Session(engine) as session:
            created = int(session.scalar(select(func.count()).select_from(Message)) or 0)
            notices = int(
                session.scalar(select(func.count()).select_from(Message).where(col(Message.kind) == "hearing_notice"))
                or 0
            )
    finally:
        engine.dispose()
    note = f"{notices:,} notices + {created - notices:,} reminders" + ("" if applied == 1 else ", NOT applied")
    return Result("fan-out: process_events, 1 hearing", "-", database, created, seconds, note=note, compare=False), (
        notices
    )


# --- the table --------------------------------------------------------------------------------------------------


def _fmt_rows(result: Result, ceiling: float, naive: float) -> list[str]:
    def line(what: str, messages: int, seconds: float, rate: float, compare: bool, note: str) -> str:
        share = f"{100 * rate / ceiling:>6.0f}%" if compare and ceiling else f"{'-':>7}"
        times = f"{rate / naive:>6.2f}x" if compare and naive else f"{'-':>7}"
        return (
            f"| {what:<48} | {result.workers:>7} | {result.database:<10} | {messages:>8,} | {seconds:>7.2f} "
            f"| {rate:>6.0f} | {share:>12} | {times:>7} | {note:<40} |"
        )

    note = result.note
    if result.startup is not None:
        note = f"start-up {result.startup:.1f} s" + (f"; {note}" if note else "")
    rows = [line(result.what, result.messages, result.seconds, result.rate, result.compare, note)]
    steady = result.steady_rate
    if result.workers != "-" and steady is not None and result.steady_seconds is not None:
        rows.append(
            line(
                "    same, first to last file (no start-up)",
                result.messages,
                result.steady_seconds,
                steady,
                result.compare,
                "",
            )
        )
    return rows


def requeue_sent(url: str) -> int:
    """Put the sent messages back in the queue as if never tried (the next row sends the same notices again)."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            result = session.execute(
                update(Message)
                .where(col(Message.status) == "sent")
                .values(status="queued", attempts=0, claimed_at=None, sent_at=None)
            )
            session.commit()
            return int(result.rowcount)  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def measure(
    workdir: Path, env: dict[str, str], notices: list[tuple[str, bytes]]
) -> tuple[list[Result], Result, Result]:
    ceiling = bare_sender(workdir, env, notices)
    naive = naive_sender(workdir, env, notices)
    results = [ceiling, naive]
    pg = postgres_reachable()
    backends = [("SQLite", "sqlite")] + ([("PostgreSQL", "postgres")] if pg else [])
    if not pg:
        print("PostgreSQL is not reachable: its rows are left out", file=sys.stderr)
    runs = [(label, kind, 1) for label, kind in backends] + ([("PostgreSQL", "postgres", 2)] if pg else [])
    for label, kind, workers in runs:
        with empty_database(workdir, f"notify_bench_delivery_{kind}_{workers}", kind) as url:
            upgrade(ALEMBIC_INI, url)
            queued = queue_campaign(url, NOTICES)
            results.append(
                run_workers(
                    what="campaign notices: start to all sent",
                    group="campaign",
                    workers=workers,
                    database=label,
                    url=url,
                    expected=queued,
                    workdir=workdir,
                    env=env,
                )
            )
        print(f"done: campaign, {workers} worker(s) on {label}", file=sys.stderr)

    # Fan-out: the event made into messages on each database; its notices sent by 1 and 2 workers on PostgreSQL
    # (by 1 on SQLite when PostgreSQL is not there), the 2-worker row sending the same notices queued again.
    for label, kind in backends:
        senders = [1, 2] if kind == "postgres" else ([] if pg else [1])
        with empty_database(workdir, f"notify_bench_fanout_{kind}", kind) as url:
            upgrade(ALEMBIC_INI, url)
            made, due_now = fan_out(url, label, CLAIMANTS)
            results.append(made)
            for n, workers in enumerate(senders):
                if n:
                    requeue_sent(url)
                row = run_workers(
                    what=f"fan-out: {due_now:,} notices, start to all sent",
                    group="fan-out",
                    workers=workers,
                    database=label,
                    url=url,
                    expected=due_now,
                    workdir=workdir,
                    env=env,
                )
                if n:
                    row.note = "the same notices queued again" + (f"; {row.note}" if row.note else "")
                results.append(row)
        print(f"done: fan-out on {label}", file=sys.stderr)
    again = bare_sender(workdir, env, notices)
    again.what = "(a) ceiling again, at the end"
    results.append(again)
    return results, ceiling, naive


def main() -> None:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="notify-delivery-bench-") as tmp:
        workdir = Path(tmp)
        # The child processes cache their bytecode (in the temporary directory): each worker then starts as it
        # would on a host, not after compiling every module it imports (where PYTHONDONTWRITEBYTECODE is set).
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        subprocess.run([sys.executable, "-c", "import notify.delivery.__main__"], env=env, check=True)
        notices = prebuilt_notices(NOTICES)
        results, ceiling, naive = measure(workdir, env, notices)
    size = sum(len(data) for _, data in notices) / len(notices)
    top, base = ceiling.rate, naive.rate

    print(
        f"\nnotify: delivery into the SMTP sink (its own process, an fsync per message); {size:,.0f}-byte breach "
        f"notices; {os.cpu_count()} CPUs; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    print(
        "seconds: from the start of the sender or worker processes until every message is sent and stored; "
        "the rows 'first to last file' time the span between the first and the last file the sink stored.\n"
        "% of ceiling and x naive: the row's msg/s against rows (a) and (b) at the top."
    )
    header = (
        f"| {'what':<48} | {'workers':>7} | {'database':<10} | {'messages':>8} | {'seconds':>7} | {'msg/s':>6} "
        f"| {'% of ceiling':>12} | {'x naive':>7} | {'note':<40} |"
    )
    print(header)
    print("|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|")
    for result in results:
        print("\n".join(_fmt_rows(result, top, base)))
    drift = results[-1].rate / top
    if not 0.85 <= drift <= 1.15:
        print(f"NOTE: the ceiling moved {100 * (drift - 1):+.0f}% during the run (other load on the machine)")

    print("\ntargets (issue 5): at least 80% of the ceiling, at least 2x naive, and more with the second worker")
    print(f"ceiling (a) {top:,.0f} msg/s, naive (b) {base:,.0f} msg/s: the ceiling itself is {top / base:.2f}x naive")
    for r in (r for r in results if r.group):
        steady = r.steady_rate or 0.0
        verdicts = []
        for name, value, steady_value, goal, unit in (
            ("of ceiling", r.rate / top, steady / top, 0.8, "%"),
            ("naive", r.rate / base, steady / base, 2.0, "x"),
        ):
            shown = [f"{100 * v:.0f}%" if unit == "%" else f"{v:.2f}x" for v in (value, steady_value)]
            verdicts.append(
                f"{shown[0]} {name} ({'met' if value >= goal else 'NOT met'}; first to last file {shown[1]}, "
                f"{'met' if steady_value >= goal else 'NOT met'})"
            )
        print(f"- {r.group}, {r.workers} worker(s), {r.database}: {r.rate:,.0f} msg/s = " + ", ".join(verdicts))
    for group in ("campaign", "fan-out"):
        pg = {r.workers: r for r in results if r.database == "PostgreSQL" and r.group == group}
        if "1" in pg and "2" in pg:
            one, two = pg["1"], pg["2"]
            grew, grew_steady = two.rate > one.rate, (two.steady_rate or 0) > (one.steady_rate or 0)
            print(
                f"- second worker, {group}, PostgreSQL: {one.rate:,.0f} -> {two.rate:,.0f} msg/s "
                f"({two.rate / one.rate:.2f}x, {'met' if grew else 'NOT met'}); first to last file "
                f"{one.steady_rate or 0:,.0f} -> {two.steady_rate or 0:,.0f} msg/s "
                f"({'met' if grew_steady else 'NOT met'})"
            )


if __name__ == "__main__":
    main()
