"""Claimant import: a generated file of 3,000 claimants, each with all six damage heads, as CSV (UTF-8 and
CP932) and XLSX, on SQLite and on PostgreSQL (when reachable).

Measures, in process through the import service (what the endpoint calls): parse + validate (a dry run:
reading, the API's schemas, the damage computation, the duplicate search; nothing stored), the full import
(the same plus the bulk insert, the audit event and the commit), and the peak memory the full import
allocates (tracemalloc, measured on a run of its own since tracing slows Python down). A row "background job"
puts the first file through the background import the SPA uses (its check step under "validate", its import
step under "import", as the worker runs them). One more row imports
a second file into a case that already holds 3,000 claimants (the duplicate search then has something to
compare with). Prints a table; asserts nothing. Target (the import issue): a 3,000-claimant CSV in < 10 s.
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlmodel import Session, func, select

from bengodan_common.auth import Principal
from bengodan_common.db import make_engine
from bengodan_common.migrations import upgrade
from bengodan_common.testing import empty_database, postgres_reachable
from claims_api.core.db import ALEMBIC_INI
from claims_api.imports import service as imports
from claims_api.imports import worker as import_worker
from claims_api.models import Case, Claimant, DamageItem
from claims_api.transfer import service
from claims_api.transfer.columns import IMPORT_COLUMNS
from claims_api.transfer.schemas import ImportMode

CLAIMANTS = 3_000
HEADERS = [c.header for c in IMPORT_COLUMNS]
ACTOR = Principal(sub="user:bench", kind="user", roles=("staff",), scopes=frozenset({"claims:write"}))
KINDS = ["社労士（個人）", "社労士（個人）", "社労士（個人）", "社労士法人", "SR経営労務センター", "労働保険事務組合"]
SURNAMES = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "斉藤",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "藤原",
    "三浦",
    "中野",
    "中川",
    "原田",
    "松田",
    "竹内",
    "小野",
    "田村",
    "中山",
    "和田",
    "石田",
    "森田",
    "上田",
    "原",
    "内田",
    "柴田",
    "酒井",
    "宮崎",
    "横山",
    "高木",
]
GIVEN = [
    "太郎",
    "一郎",
    "健一",
    "誠",
    "浩",
    "修",
    "大輔",
    "翔太",
    "拓也",
    "直樹",
    "和也",
    "聡",
    "達也",
    "哲也",
    "剛",
    "健太",
    "亮",
    "学",
    "隆",
    "博",
    "花子",
    "恵子",
    "裕子",
    "美紀",
    "由美",
    "陽子",
    "真由美",
    "久美子",
    "智子",
    "直美",
    "明美",
    "幸子",
    "愛",
    "彩",
    "美咲",
    "沙織",
    "麻衣",
    "舞",
    "優子",
    "理恵",
    "香織",
    "奈々",
    "千尋",
    "綾",
    "瞳",
    "恵美",
    "純子",
    "京子",
]
PLACES = [
    "北海道札幌市中央区",
    "宮城県仙台市青葉区",
    "東京都千代田区",
    "東京都新宿区",
    "東京都港区",
    "神奈川県横浜市中区",
    "埼玉県さいたま市浦和区",
    "千葉県千葉市中央区",
    "愛知県名古屋市中区",
    "京都府京都市中京区",
    "大阪府大阪市北区",
    "大阪府大阪市中央区",
    "大阪府堺市堺区",
    "兵庫県神戸市中央区",
    "広島県広島市中区",
    "福岡県福岡市博多区",
    "熊本県熊本市中央区",
    "沖縄県那覇市",
]
TOWNS = [
    "本町",
    "栄町",
    "元町",
    "中町",
    "幸町",
    "旭町",
    "緑町",
    "寿町",
    "錦町",
    "松原",
    "桜木町",
    "東町",
    "西町",
    "南町",
    "北町",
    "新町",
    "上町",
    "下町",
    "宮前",
    "駅前",
]


def claimant_rows(offset: int) -> list[dict[str, Any]]:
    """Claimants as a real list has them (names, offices and addresses of many kinds; a few same names),
    every head filled, values typed the way offices type them."""
    rng = random.Random(offset)
    rows = []
    for n in range(offset + 1, offset + CLAIMANTS + 1):
        surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
        kind = rng.choice(KINDS)
        office = f"社会保険労務士法人{surname}事務所" if kind == "社労士法人" else f"{surname}社会保険労務士事務所"
        address = f"{rng.choice(PLACES)}{rng.choice(TOWNS)}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
        rows.append(
            {
                "番号": n,
                "種別": kind,
                "氏名・名称": office if kind != "社労士（個人）" else f"{surname} {given}",
                "フリガナ": "",
                "事務所名": office,
                "社労士登録番号": f"{10_000_000 + n:08d}",
                "郵便番号": "530-0001",
                "住所": address,
                "メールアドレス": f"office{n}@example.jp",
                "電話番号": "06-1234-5678",
                "契約種別": "ネットde社労夢契約",
                "契約状況": "利用継続中",
                "利用可能になった日": date(2023, 7, 4 + n % 20),
                "サイバー保険加入": "未加入",
                "保険会社への情報提供同意": "いいえ",
                "期日案内メール同意": "はい",
                "人件費（期間開始日）": date(2023, 6, 5),
                "人件費（期間終了日）": "令和5年7月31日",
                "人件費（時間数）": f"{n % 80 + 1}.5",
                "人件費（時給）": "1,500",
                "人件費（外注先）": "株式会社代行",
                "人件費（外注費）": 50_000,
                "人件費（外注請求日）": "2023/7/31",
                "人件費（申告額）": 130_000,
                "人件費（事実）": "給与計算を手作業で行った。\n深夜まで残業した。",
                "オンプレ版費用（金額）": "33,000",
                "オンプレ版費用（請求日）": "2023/6/20",
                "利用料差額（月額利用料）": 22_000,
                "信用毀損（請求する）": "はい",
                "信用毀損（解除された顧問先数）": n % 3,
                "その他実損（内容）": "お詫び状の郵送費",
                "その他実損（金額）": 12_000,
                "値上げ分（値上げ前の月額）": 20_000,
                "値上げ分（値上げ後の月額）": 22_000,
                "値上げ分（支払月数）": 12,
            }
        )
    return rows


def csv_file(rows: list[dict[str, Any]], encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for r in rows:
        writer.writerow(
            [
                v.strftime("%Y/%m/%d") if isinstance(v := r.get(h), date) else "" if v is None else str(v)
                for h in HEADERS
            ]
        )
    return buffer.getvalue().encode(encoding)


def xlsx_file(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("原告一覧")
    sheet.append(HEADERS)
    for r in rows:
        sheet.append([r.get(h) for h in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_case(engine: Any) -> int:
    with Session(engine) as session:
        case = Case(
            name=f"bench-{uuid.uuid4().hex[:6]}",
            title="損害賠償等請求事件",
            defendant_name="株式会社ベンチ",
            court="大阪地方裁判所",
            incident_date=date(2023, 6, 5),
        )
        session.add(case)
        session.commit()
        return case.id or 0


def run_import(engine: Any, case_id: int, content: bytes, *, dry_run: bool) -> tuple[float, int, int]:
    """Seconds, rows imported (or valid on a dry run), error count."""
    started = time.perf_counter()
    with Session(engine) as session:
        report = service.import_claimants(
            session=session,
            case_id=case_id,
            content=content,
            file_name="bench",
            mode=ImportMode.all,
            dry_run=dry_run,
            actor=ACTOR,
        )
        if dry_run:
            session.rollback()
        else:
            session.commit()
    elapsed = time.perf_counter() - started
    return elapsed, report.rows_valid if dry_run else report.rows_imported, report.error_count


def run_job(engine: Any, case_id: int, content: bytes) -> tuple[float, float, int]:
    """The same file through the background import (what the SPA uses): seconds of the check step and of the
    import step as the worker runs them (progress writes included), and the rows imported."""
    with Session(engine) as session:
        job = imports.create(session=session, case_id=case_id, content=content, file_name="bench", actor=ACTOR)
        session.commit()
        job_id = job.id or 0
    started = time.perf_counter()
    import_worker.run_once(engine)
    checked = time.perf_counter()
    with Session(engine) as session:
        imports.confirm(session=session, import_id=job_id, mode=ImportMode.all, actor=ACTOR)
        session.commit()
    confirmed = time.perf_counter()
    import_worker.run_once(engine)
    done = time.perf_counter()
    with Session(engine) as session:
        finished = imports.get(session=session, import_id=job_id)
        if finished.status != "imported" or finished.report is None:
            raise RuntimeError(f"the background import ended {finished.status}: {finished.problem}")
        return checked - started, done - confirmed, finished.report["rows_imported"]


def peak_mib(call: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def run(backend: str, url: str, table: list[str]) -> None:
    upgrade(ALEMBIC_INI, url)
    engine = make_engine(url)
    first = claimant_rows(0)
    files = {
        "CSV UTF-8 (BOM)": csv_file(first, "utf-8-sig"),
        "CSV CP932": csv_file(first, "cp932"),
        "XLSX": xlsx_file(first),
    }
    for name, content in files.items():
        validate, valid, errors = run_import(engine, new_case(engine), content, dry_run=True)
        full, imported, _ = run_import(engine, new_case(engine), content, dry_run=False)
        peak_case = new_case(engine)
        peak = peak_mib(lambda: run_import(engine, peak_case, content, dry_run=False))  # noqa: B023
        if errors or not valid == imported == CLAIMANTS:
            raise RuntimeError(f"the generated file did not import: {errors} errors, {imported} imported")
        size = len(content) / (1024 * 1024)
        table.append(f"| {backend:<10} | {name:<28} | {size:>5.1f} | {validate:>9.2f} | {full:>8.2f} | {peak:>8.0f} |")
    check, full, imported = run_job(engine, new_case(engine), files["CSV UTF-8 (BOM)"])
    if imported != CLAIMANTS:
        raise RuntimeError(f"the background import did not import: {imported} imported")
    label = "CSV UTF-8, background job"
    size = len(files["CSV UTF-8 (BOM)"]) / (1024 * 1024)
    table.append(f"| {backend:<10} | {label:<28} | {size:>5.1f} | {check:>9.2f} | {full:>8.2f} | {'':>8} |")
    # A second, different file into a case that already has the first 3,000 (duplicate search against them).
    case_id = new_case(engine)
    run_import(engine, case_id, files["CSV UTF-8 (BOM)"], dry_run=False)
    second = csv_file(claimant_rows(CLAIMANTS), "utf-8-sig")
    validate, *_ = run_import(engine, case_id, second, dry_run=True)
    full, imported, _ = run_import(engine, case_id, second, dry_run=False)
    if imported != CLAIMANTS:
        raise RuntimeError(f"the second file did not import: {imported} imported")
    with Session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Claimant).where(Claimant.case_id == case_id)).one()
        items = session.exec(
            select(func.count())
            .select_from(DamageItem)
            .join(Claimant, Claimant.id == DamageItem.claimant_id)  # type: ignore[arg-type]
            .where(Claimant.case_id == case_id)
        ).one()
    label = f"CSV UTF-8, case has {CLAIMANTS:,}"
    table.append(
        f"| {backend:<10} | {label:<28} | {len(second) / 1048576:>5.1f} | {validate:>9.2f} | {full:>8.2f} | {'':>8} |"
    )
    print(f"{backend}: the case now holds {stored:,} claimants and {items:,} damage items")
    engine.dispose()


def main() -> None:
    table: list[str] = []
    for backend, kind in (("SQLite", "sqlite"), ("PostgreSQL", "postgres")):
        if kind == "postgres" and not postgres_reachable():
            print("PostgreSQL not reachable: PostgreSQL rows skipped")
            continue
        with tempfile.TemporaryDirectory() as tmp, empty_database(Path(tmp), "bench", kind) as url:
            run(backend, url, table)
    print(f"\nclaimant import, {CLAIMANTS:,} claimants × 6 damage items per file; seconds; peak = traced MiB")
    print(f"| {'database':<10} | {'file':<28} | {'MiB':>5} | {'validate':>9} | {'import':>8} | {'peak MiB':>8} |")
    print(f"|{'-' * 12}|{'-' * 30}|{'-' * 7}|{'-' * 11}|{'-' * 10}|{'-' * 10}|")
    print("\n".join(table))


if __name__ == "__main__":
    main()
