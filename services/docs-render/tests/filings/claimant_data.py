"""Snapshots for the claimant documents' tests, built directly (no claims-api): a 社労士 individual and a 社労士法人,
a lawsuit and a mediation, items under all six heads with formulas of several lines (in claims-api's style), and
exhibits with and without a date or an author. All names are fictitious."""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bengodan_common.japanese import era_date
from docs_render.claims.schemas import (
    CaseSnapshot,
    ClaimantSnapshot,
    ClaimantSummary,
    Counsel,
    CounselOffice,
    DamageItemSnapshot,
    Exhibit,
    ExhibitLink,
    FilingSettings,
    FilingTexts,
    HeadTotal,
    ProceedingSnapshot,
    ScheduleEntry,
)

from .pdf_checks import page_count, write_page_images

MADE_ON = date(2026, 12, 1)

CASE = CaseSnapshot(
    id=1,
    name="ランサムウェア事件",
    title="損害賠償請求事件",
    defendant_name="株式会社デモクラウドシステム",
    defendant_address="大阪府大阪市北区梅田一丁目1番1号",
    defendant_representative="代表取締役 見本一郎",
    court="大阪地方裁判所",
    incident_date=date(2023, 6, 5),
    reputation_amount=1_000_000,
)

LAWSUIT = ProceedingSnapshot(
    id=3,
    kind="lawsuit",
    name="本訴",
    court="大阪地方裁判所",
    case_number="令和7年(ワ)第1234号",
    filed_on=date(2025, 9, 1),
    status="filed",
)
MEDIATION = ProceedingSnapshot(
    id=1, kind="mediation", name="第1次調停", court="大阪地方裁判所", filed_on=date(2024, 5, 23), status="failed"
)

SETTINGS = FilingSettings(
    case_id=1,
    office=CounselOffice(
        name="みなと架空総合法律事務所",
        postal_code="100-0013",
        address="東京都千代田区霞が関一丁目2番3号　見本ビル5階",
        phone="03-0000-0000",
        fax="03-0000-0001",
    ),
    counsel=[Counsel(name="架空一郎"), Counsel(name="見本二郎"), Counsel(name="試験三郎")],
    texts=FilingTexts(),
)
COUNSEL_NAMES = ["架空一郎", "見本二郎", "試験三郎"]

INDIVIDUAL = ClaimantSnapshot(
    id=7,
    case_id=1,
    kind="sr_individual",
    name="架空花子",
    office_name="架空社会保険労務士事務所",
    postal_code="530-0001",
    address="大阪府大阪市北区架空町1-2-3",
)
CORPORATION = ClaimantSnapshot(
    id=8,
    case_id=1,
    kind="sr_corporation",
    name="社会保険労務士法人見本労務管理",
    representative="代表社員 見本太郎",
    office_name="社会保険労務士法人見本労務管理",
    postal_code="060-0001",
    address="北海道札幌市中央区見本通1丁目2番地",
)

# (head, label, basis, slot, amount, formula, facts, linked exhibits)
_ITEMS: list[tuple[str, str, str, int, int, str, str, list[tuple[int, str]]]] = [
    (
        "staff_cost",
        "人件費",
        "contract",
        2,
        183_750,
        "事務員A: 40時間 × 時給1,750円 × 割増率1.25 = 87,500円（令和5年6月5日～令和5年6月30日）\n"
        "事務員B: 30時間 × 時給1,750円 × 割増率1.25 = 65,625円（令和5年6月5日～令和5年7月20日）\n"
        "外注費 架空給与計算サービス 給与計算代行（令和5年7月31日請求）: 30,625円\n"
        "合計 183,750円（各行の円未満切捨て）",
        "本件事故により給与計算及び社会保険手続を手作業で行う必要が生じ、事務員2名が時間外労働をした。",
        [(21, "甲第12号証の2"), (22, "甲第12号証の7")],
    ),
    (
        "onprem_cost",
        "オンプレ版費用",
        "contract",
        3,
        66_000,
        "株式会社デモクラウドシステム No.A-1001 オンプレ版ライセンス（令和5年6月20日）: 55,000円\n"
        "株式会社デモクラウドシステム No.A-1002 導入作業（令和5年6月22日）: 11,000円\n"
        "合計 66,000円",
        "",
        [(23, "甲第12号証の3")],
    ),
    (
        "fee_difference",
        "利用料差額",
        "contract",
        4,
        3_225,
        "利用不能期間 令和5年6月5日～令和5年7月19日（利用可能になった日 令和5年7月20日）\n"
        "令和5年6月分: 請求されていないため対象外（26日）\n"
        "令和5年7月分: 月額5,263円 × 19日 ÷ 31日 = 3,225円\n"
        "合計 3,225円（月ごとの日割り、円未満切捨て）",
        "令和5年7月20日まで本件システムを利用できなかった。",
        [],
    ),
    (
        "reputation",
        "信用毀損",
        "contract",
        5,
        1_000_000,
        "1人あたり 1,000,000円（信用毀損を基礎づける事実は別記のとおり）\n契約を解除された顧問先 1件",
        "顧問先3社から厳しい批判を受け、うち1社との顧問契約を解約された。",
        [(25, "甲第12号証の5")],
    ),
    (
        "other_loss",
        "その他実損",
        "contract",
        6,
        27_500,
        "お詫び状の郵送費（令和5年6月9日）: 5,500円\nお詫びの品（令和5年6月15日）: 22,000円\n合計 27,500円",
        "顧問先50社にお詫び状を送付し、うち20社にお詫びの品を届けた。",
        [],
    ),
    (
        "fee_increase_refund",
        "値上げ分の不当利得",
        "unjust_enrichment",
        6,
        99_000,
        "（値上げ後の月額24,750円 − 値上げ前の月額16,500円） × 12か月（令和5年12月分～令和6年11月分） = 99,000円",
        "令和5年12月以降、一方的に値上げされた利用料を支払った。",
        [],
    ),
]
# The figures claims-api gives (docs-render prints them, never adds them up).
CONTRACT_TOTAL = 1_280_475
UNJUST_TOTAL = 99_000
TOTAL = 1_379_475
HEAD_AMOUNTS = {head: amount for head, _, _, _, amount, _, _, _ in _ITEMS}
HEAD_LABELS = [label for _, label, _, _, _, _, _, _ in _ITEMS]


def items(claimant_id: int) -> list[DamageItemSnapshot]:
    return [
        DamageItemSnapshot(
            id=100 + index,
            claimant_id=claimant_id,
            head=head,
            head_label=label,
            legal_basis=basis,
            amount=amount,
            formula=formula,
            facts=facts,
            exhibit_slot=slot,
            exhibits=[ExhibitLink(id=i, label=text) for i, text in links],
        )
        for index, (head, label, basis, slot, amount, formula, facts, links) in enumerate(_ITEMS)
    ]


def summary(claimant_id: int) -> ClaimantSummary:
    return ClaimantSummary(
        claimant_id=claimant_id,
        heads=[
            HeadTotal(head=head, label=label, legal_basis=basis, amount=amount)
            for head, label, basis, _, amount, _, _, _ in _ITEMS
        ],
        contract_total=CONTRACT_TOTAL,
        unjust_enrichment_total=UNJUST_TOTAL,
        total=TOTAL,
    )


def schedule_entry(claimant: ClaimantSnapshot = INDIVIDUAL, number: int = 12) -> ScheduleEntry:
    return ScheduleEntry(number=number, claimant=claimant, items=items(claimant.id), summary=summary(claimant.id))


def exhibit(number: int, branch: int | None = None, **overrides: Any) -> Exhibit:
    label = f"甲第{number}号証" + (f"の{branch}" if branch else "")
    short = f"甲{number}" + (f"の{branch}" if branch else "")
    values: dict[str, Any] = {
        "id": number * 100 + (branch or 0),
        "claimant_id": None,
        "number": number,
        "branch": branch,
        "label": label,
        "short_label": short,
        "title": "社労夢ハウス利用契約書",
        "original_or_copy": "copy",
        "made_on": date(2021, 4, 1),
        "author": "株式会社デモクラウドシステム",
        "purpose": "原告らと被告との間で本件サービスの利用契約が締結された事実及びその内容",
        "note": "",
        **overrides,
    }
    return Exhibit(**values)


def exhibits() -> list[Exhibit]:
    """A handful of exhibits: common ones, a claimant's own, an original, unknown date and author."""
    return [
        exhibit(1),
        exhibit(
            2,
            title="「社労夢」サービス停止に関するお知らせ",
            made_on=date(2023, 6, 6),
            purpose="被告のサービスが令和5年6月5日から停止した事実",
            note="被告ウェブサイトの印刷",
        ),
        exhibit(
            3,
            title="個人情報保護委員会の指導について",
            made_on=date(2024, 3, 25),
            author="個人情報保護委員会",
            purpose="被告の技術的安全管理措置が不十分であったとして指導を受けた事実",
        ),
        exhibit(
            12,
            2,
            claimant_id=7,
            title="タイムカード（令和5年6月分・7月分）",
            original_or_copy="original",
            made_on=None,
            author="",
            purpose="原告12の事務員が本件事故の対応のために時間外労働をした事実",
        ),
        exhibit(
            12,
            5,
            claimant_id=7,
            title="顧問先からの電子メール",
            made_on=date(2023, 6, 12),
            author="",
            purpose="顧問先から本件事故について厳しい批判を受けた事実",
            note="送信者名は黒塗り",
        ),
    ]


def many_exhibits(count: int = 60) -> list[Exhibit]:
    """`count` exhibits with branches (甲1の1 …), long purposes, some without date or author."""
    rows = []
    for index in range(count):
        number, branch = index // 6 + 1, index % 6 + 1
        rows.append(
            exhibit(
                number,
                branch,
                title=f"証拠書類その{index + 1}",
                made_on=None if index % 7 == 3 else date(2023, 6 + index % 6, 1 + index % 28),
                author="" if index % 5 == 2 else f"作成者{index + 1}",
                original_or_copy="original" if index % 4 == 0 else "copy",
                purpose=f"立証趣旨{index + 1}：本件事故により原告らに損害が生じた事実及びその額",
            )
        )
    return rows


# ---- what every rendered document must satisfy ------------------------------------------------------------

MINCHO_FONT_NAMES = ("IPAexMincho", "NotoSerifCJK")


def joined(text: str) -> str:
    """The text without any whitespace: cell and paragraph texts wrap at arbitrary places in the PDF."""
    return "".join(text.split())


def layout_rows(text: str) -> list[str]:
    """The lines of `pdftotext -layout` output without whitespace: one printed line each, columns joined."""
    return [row for row in (joined(line) for line in text.splitlines()) if row]


# The evidence table's columns on the page, in mm from the left edge (left margin 30mm, then the <col> widths of
# templates/evidence_list.html), and the last line of each column's header.
EVIDENCE_COLUMNS_MM = {
    "label": (30, 47, "号証"),
    "title": (47, 74, "標目"),
    "kind": (74, 91, "写しの別"),
    "made_on": (91, 111, "年月日"),
    "author": (111, 131, "作成者"),
    "purpose": (131, 172, "立証趣旨"),
    "note": (172, 187, "備考"),
}


def evidence_column(pdf: bytes, column: str) -> list[str]:
    """Per page, the text of one column of the evidence table below its header, without whitespace."""
    left, right, header = EVIDENCE_COLUMNS_MM[column]
    points = 72 / 25.4
    x, width = round((left + 0.6) * points), round((right - left - 1.2) * points)
    height = round((297 - 28) * points)  # down to the bottom margin, above the page number
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-r", "72", "-x", str(x), "-y", "0", "-W", str(width), "-H", str(height), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    pages = []
    for page in out.split("\f")[:-1]:
        text = joined(page)
        assert header in text, f"no header {header} on a page"
        pages.append(text.split(header, 1)[1])
    return pages


def evidence_cells(exhibit: Exhibit) -> dict[str, str]:
    """What each column of the exhibit's row must read (without whitespace)."""
    return {
        "label": exhibit.short_label,
        "title": joined(exhibit.title),
        "kind": "原本" if exhibit.original_or_copy == "original" else "写し",
        "made_on": era_date(exhibit.made_on) if exhibit.made_on else "不明",
        "author": joined(exhibit.author) or "不明",
        "purpose": joined(exhibit.purpose),
        "note": joined(exhibit.note),
    }


def page_images(pdf: bytes, name: str) -> list[str]:
    """Write an image of every page for review; return the names of those written by this call's PDF (pdftoppm
    pads the page number to the width of the page count)."""
    pages = page_count(pdf)
    written = {path.name for path in write_page_images(pdf, name, last=pages)}
    width = len(str(pages))
    expected = [f"{name}-{page:0{width}d}.png" for page in range(1, pages + 1)]
    return [file for file in expected if file in written]
