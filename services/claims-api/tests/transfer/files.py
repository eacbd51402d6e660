"""Claimant files as offices send them: CSV in UTF-8 (with or without BOM) or CP932, and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook, load_workbook

from claims_api.transfer.columns import IMPORT_COLUMNS

HEADERS = [c.header for c in IMPORT_COLUMNS]
# The optional columns added with the insurer's coverage (人件費's task, その他実損's category): files made from
# the template before them lack them.
NEW_CHOICE_HEADERS = ["人件費（業務内容）", "その他実損（区分）"]

# One office with every head filled, as a paralegal would type it.
FULL_ROW: dict[str, Any] = {
    "番号": "1",
    "種別": "社労士（個人）",
    "氏名・名称": "髙橋 花子",
    "フリガナ": "タカハシ ハナコ",
    "事務所名": "髙橋社会保険労務士事務所",
    "社労士登録番号": "27001234",
    "郵便番号": "530-0001",
    "住所": "大阪府大阪市北区梅田一丁目１番１号",
    "メールアドレス": "hanako@example.jp",
    "電話番号": "06-1234-5678",
    "契約種別": "ネットde社労夢契約",
    "契約状況": "利用継続中",
    "利用可能になった日": "2023/7/4",
    "サイバー保険加入": "加入",
    "保険プラン": "フルプラン",
    "保険会社": "○○損害保険株式会社",
    "保険会社への情報提供同意": "はい",
    "期日案内メール同意": "はい",
    "人件費（対象者）": "従業員A",
    "人件費（期間開始日）": "2023-06-05",
    "人件費（期間終了日）": "令和5年7月31日",
    "人件費（時間数）": "40.5",
    "人件費（時給）": "1,500",
    "人件費（割増率）": "1.25",
    "人件費（外注先）": "株式会社代行",
    "人件費（外注費）": "50000",
    "人件費（外注請求日）": "2023/7/31",
    "人件費（業務内容）": "事故対応",
    "人件費（申告額）": "130000",
    "人件費（事実）": "給与計算を手作業で行った。\n深夜まで残業した。",
    "オンプレ版費用（金額）": "33,000円",
    "オンプレ版費用（請求日）": "2023/6/20",
    "利用料差額（月額利用料）": "22000",
    "信用毀損（請求する）": "はい",
    "信用毀損（解除された顧問先数）": "2",
    "信用毀損（事実）": "顧問先2社から契約を解除された。",
    "その他実損（内容）": "お詫び状の郵送費",
    "その他実損（発生日）": "2023/6/15",
    "その他実損（金額）": "12000",
    "その他実損（区分）": "お詫び状",
    "値上げ分（値上げ前の月額）": "20000",
    "値上げ分（値上げ後の月額）": "22000",
    "値上げ分（支払月数）": "12",
}

# 40.5 h × 1,500 × 1.25 = 75,937 (truncated) + 50,000 outsourcing; fee difference: July 1–3 of 31 days of
# 22,000 (June not billed); reputation: the case's 1,000,000; increase 2,000 × 12.
FULL_ROW_AMOUNTS = {
    "staff_cost": 125_937,
    "onprem_cost": 33_000,
    "fee_difference": 2_129,
    "reputation": 1_000_000,
    "other_loss": 12_000,
    "fee_increase_refund": 24_000,
}


def row(n: int, **overrides: Any) -> dict[str, Any]:
    """A small valid row: an individual 社労士 claiming reputation only; `n` makes it unique."""
    base: dict[str, Any] = {
        "種別": "社労士（個人）",
        "氏名・名称": f"試験 太郎{n}",
        "社労士登録番号": f"{27000000 + n:08d}",
        "住所": f"大阪府大阪市中央区本町{n}-{n}",
        "メールアドレス": f"office{n}@example.jp",
        "信用毀損（請求する）": "はい",
    }
    return base | overrides


def csv_bytes(rows: Sequence[dict[str, Any]], encoding: str = "utf-8", headers: Sequence[str] | None = None) -> bytes:
    headers = list(headers or HEADERS)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for r in rows:
        writer.writerow(["" if r.get(h) is None else str(r.get(h)) for h in headers])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[dict[str, Any]], headers: Sequence[str] | None = None, title: str = "原告一覧") -> bytes:
    headers = list(headers or HEADERS)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    sheet.append(headers)
    for r in rows:
        sheet.append([r.get(h) for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_xlsx(content: bytes) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    return [[c.value for c in line] for line in sheet.iter_rows()]


def read_csv(content: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode(encoding), newline="")))


def as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") else value
