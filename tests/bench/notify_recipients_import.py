"""notify: a breach-notice campaign's recipient list of 1,000,000 rows (about 2% of them invalid), as UTF-8 and as
Shift_JIS CSV, imported on SQLite and on PostgreSQL (when reachable).

Each import runs in a child process of its own, through what the upload endpoint calls after the response
(`notify.campaigns.imports.run`: the streamed read, the checks, batches of rows and errors committed with the
progress), so that its peak memory (VmHWM) is the import's alone. For comparison, the parse alone (reading and
checking, nothing stored). Prints a table; asserts nothing. Targets (issue 5): 1,000,000 recipients in under 60 s
and under 500 MB.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from bengodan_common.auth import Principal
from bengodan_common.db import make_engine
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database, postgres_reachable
from notify.campaigns import imports
from notify.campaigns.models import Campaign, Recipient, RecipientImport
from notify.campaigns.recipients_csv import DataItem, RecipientRow, parse_recipients
from notify.core.db import ALEMBIC_INI

ROWS = 1_000_000
INVALID_EVERY = 50  # one line in 50 has a problem
ACTOR = Principal(sub="user:bench", kind="user", roles=("staff",), scopes=frozenset({"notify:write"}))
CATALOGUE = [
    DataItem("name", "氏名"),
    DataItem("birth", "生年月日"),
    DataItem("pension_no", "基礎年金番号"),
    DataItem("insurance_no", "雇用保険被保険者番号"),
    DataItem("salary", "給与額"),
    DataItem("address", "住所"),
]
SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健太", "陽子", "翔", "由美", "大輔", "直子"]
CITIES = ["大阪府大阪市北区梅田", "大阪府堺市堺区", "京都府京都市下京区", "兵庫県神戸市中央区", "奈良県奈良市"]
MIB = 1024 * 1024


def write_list(path: Path, encoding: str) -> None:
    """ROWS recipients: half by e-mail, half by post; each with 1 to 4 data items. Every row is a person of its own
    (the import reports a person listed twice): the e-mail address, or the street number, is made from the row's
    number."""
    rng = random.Random(5)
    with path.open("w", encoding=encoding, newline="") as out:
        out.write("氏名,メールアドレス,郵便番号,住所,項目\r\n")
        for n in range(1, ROWS + 1):
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            items = "|".join(item.label for item in rng.sample(CATALOGUE, rng.randint(1, 4)))
            if n % INVALID_EVERY == 0:
                out.write(f"{name},not-an-address,,,{items}\r\n")
            elif n % 2:
                out.write(f"{name},person{n}@example.jp,,,{items}\r\n")
            else:
                postal = f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
                street = f"{n % 9 + 1}丁目{n // 9 % 30 + 1}番{n // 270 + 1}号"  # n in mixed radix: one per row
                out.write(f"{name},,{postal},{rng.choice(CITIES)}{street},{items}\r\n")


def _hwm_mib() -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def _import_in_child(url: str, path: str, queue: Any) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        campaign = Campaign(
            title="お知らせ",
            sender={"name": "架空社会保険労務士事務所", "address": "大阪府大阪市北区架空町1-2-3"},
            data_items=[{"key": i.key, "label": i.label} for i in CATALOGUE],
            contact={"desk": "窓口", "phone": "06-0000-0000"},
            overview="概要",
            cause="原因",
            secondary_harm="なし",
            became_known_on=date.today(),
            unlawful_purpose=True,
            created_by=ACTOR.sub,
        )
        session.add(campaign)
        session.flush()
        size = Path(path).stat().st_size
        started = imports.start(
            session=session, campaign_id=campaign.id or 0, filename="bench.csv", encoding="auto", size=size, actor=ACTOR
        )
        session.commit()
        import_id = started.id or 0
    kept = Path(path).with_suffix(".kept")  # run() removes the file it reads, as the endpoint's copy
    shutil.copyfile(path, kept)
    before = time.perf_counter()
    imports.run(engine=engine, import_id=import_id, path=kept)
    seconds = time.perf_counter() - before
    with Session(engine) as session:
        done = session.get(RecipientImport, import_id)
        stored = session.exec(select(func.count()).select_from(Recipient)).one()
    queue.put((seconds, _hwm_mib(), done.status if done else "missing", stored, done.rows_invalid if done else 0))
    engine.dispose()


def import_once(url: str, path: Path) -> tuple[float, float, str, int, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_import_in_child, args=(url, str(path), queue))
    child.start()
    result: tuple[float, float, str, int, int] = queue.get()
    child.join()
    return result


def _parse_in_child(path: str, queue: Any) -> None:
    before = time.perf_counter()
    valid = 0
    with open(path, "rb") as stream:
        for item in parse_recipients(stream, CATALOGUE):
            valid += isinstance(item, RecipientRow)
    queue.put((time.perf_counter() - before, _hwm_mib(), valid))


def parse_once(path: Path) -> tuple[float, float, int]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_parse_in_child, args=(str(path), queue))
    child.start()
    result: tuple[float, float, int] = queue.get()
    child.join()
    return result


def row(what: str, seconds: float, peak: float, note: str) -> str:
    return f"| {what:<42} | {seconds:>8.2f} | {ROWS / seconds:>10,.0f} | {peak:>9.0f} | {note:<28} |"


def main() -> None:
    table: list[str] = []
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        encoding_of = {"UTF-8": "utf8", "Shift_JIS": "cp932"}
        for label, encoding in (("UTF-8", "utf-8"), ("Shift_JIS", "cp932")):
            path = Path(tmp) / f"recipients-{encoding}.csv"
            before = time.perf_counter()
            write_list(path, encoding)
            files[label] = path
            print(
                f"wrote {ROWS:,} rows as {label}: {path.stat().st_size / MIB:.0f} MiB in {time.perf_counter() - before:.1f} s"
            )
        seconds, peak, valid = parse_once(files["UTF-8"])
        table.append(row("parse only, UTF-8 (nothing stored)", seconds, peak, f"{valid:,} valid"))
        backends = [("SQLite", "sqlite")] + ([("PostgreSQL", "postgres")] if postgres_reachable() else [])
        if len(backends) == 1:
            print("PostgreSQL is not reachable: its rows are left out", file=sys.stderr)
        for backend, kind in backends:
            for label, path in files.items():
                with empty_database(Path(tmp), f"notify_bench_{kind}_{encoding_of[label]}", kind) as url:
                    upgrade(ALEMBIC_INI, url)
                    seconds, peak, status, stored, invalid = import_once(url, path)
                note = f"{status}: {stored:,} stored, {invalid:,} invalid"
                table.append(row(f"import, {label}, {backend}", seconds, peak, note))
                met = seconds < 60 and peak < 500
                verdicts.append(
                    f"- {label} on {backend}: {seconds:.1f} s, {peak:.0f} MiB: {'met' if met else 'NOT met'}"
                )
    print(f"\nnotify: {ROWS:,} recipients ({100 / INVALID_EVERY:.0f}% invalid lines); each run in a process of its own")
    print(f"| {'what':<42} | {'seconds':>8} | {'rows/s':>10} | {'peak MiB':>9} | {'result':<28} |")
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 12}|{'-' * 11}|{'-' * 30}|")
    print("\n".join(table))
    print("\ntargets (issue 5): under 60 s and under 500 MB")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
