"""Snapshots of a proceeding as claims-api gives them, built directly: a 3-plaintiff lawsuit (the seed's plaintiffs
1 and 2 and a corporation), a 151-plaintiff variant, and the mediation of the same parties.

The figures follow legal-rules.md: plaintiff 1 = 1,001,698 (contract) + 99,000 (unjust enrichment) = 1,100,698;
plaintiff 2 = 1,200,000 (the seed complaint); the 3-plaintiff 訴額 is 5,000,000 (suit fee 30,000, mediation fee
15,000: §2.3 worked examples); the 151-plaintiff 訴額 is 150,000,000 (470,000 / 193,000), with plaintiff 151
claiming nothing. The sums below are the test's own arithmetic, standing in for claims-api's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from docs_render.claims.schemas import (
    CaseSnapshot,
    ClaimTable,
    ClaimTableRow,
    ClaimTableTotals,
    Counsel,
    CounselOffice,
    Exhibit,
    FeeShare,
    FilingFee,
    FilingSettings,
    FilingTexts,
    InterestTerms,
    Parties,
    Plaintiff,
    ProceedingSnapshot,
)

Kind = Literal["lawsuit", "mediation"]

MADE_ON = date(2025, 7, 1)
MADE_ON_TEXT = "令和7年7月1日"
INTEREST_TEXT = "訴状送達の日の翌日から支払済みまで年3分の割合"
LAWSUIT_ID, MEDIATION_ID = 3, 1
DEFENDANT = "株式会社デモクラウドシステム"

# Each claim of the seed complaint, standard wording (legal-rules.md §7).
PLAINTIFF_1_CLAIM = (
    "被告は、原告1に対し、金110万698円及びこれに対する訴状送達の日の翌日から支払済みまで年3分の割合による金員を支払え。"
)

# A paragraph of pure full-width text (no punctuation or small kana where a line could break), 100 characters:
# on the grid it wraps after 36 characters (first-line indent of one) and then after every 37.
FULL_WIDTH_PARAGRAPH = (
    "本件事故により原告らの社労士業務は長期間にわたり停止し顧客対応に多大な時間を要したため各原告は甚大な損害を被" * 3
)[:99] + "た"

COMPLAINT_CAUSE = f"""{FULL_WIDTH_PARAGRAPH}
1 当事者
原告ら{{plaintiff_count}}名は、社会保険労務士、社会保険労務士法人等であり、被告が提供する社労士事務所向けクラウドサービス「社労夢」（以下「社労夢」という。）を利用していた者である（甲1の1、甲1の2）。
被告（{{defendant_name}}）は、社労士に対して「社労夢」等のクラウドサービスを提供する会社である。
2 事案の概要
被告の情報ネットワーク内のサーバが{{incident_date}}にランサムウェア攻撃を受ける事故（以下「本件ランサムウェア事故」という。）が発生し、原告らは「社労夢」を約2か月以上にわたって利用できなくなった。
3 損害
(1) 総論
原告らの損害については、別紙損害一覧記載のとおりである（計算式は{{ 月額 × 月数 }}の形で記載した。）。
① 信用毀損
ア 顧客との関係
原告らが顧客との関係で信用を毀損されたことは明らかであり、その損害は、原告1人あたり{{reputation_amount}}を下らない。
4 結語
よって、原告らは、被告に対し、契約に定める損害賠償請求権に基づき、あるいは不当利得返還請求権に基づき、別紙請求一覧のとおり合計{{total}}の支払を求める。
"""

RELATED_FACTS = """1 民事調停申立てに至る経緯
原告らは、令和6年5月23日付けで申立人を130人とする民事調停を、同年6月17日付けで申立人を21名とする民事調停を申し立てた。

2 民事調停不成立の経緯
被告は、損害賠償請求については交渉のテーブルにつかないと明言し、調停は不成立となった。
"""

MEDIATION_DISPUTE = """1 当事者
申立人らは、相手方（{defendant_name}）が提供するクラウドサービス「社労夢」を利用する社会保険労務士等である。
2 紛争の要点
相手方のサーバが{incident_date}にランサムウェア攻撃を受け、申立人らは「社労夢」を利用できなくなった。申立人らの損害は合計{total}である。
"""

RESOLUTION_ITEMS = [
    "相手方は、申立人らに対し、個人情報等の流出等による損害について保証する。",
    "相手方は、利用契約の免責規定を改定する。",
]

SURNAMES = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤"]
GIVEN = [
    "太郎",
    "花子",
    "一郎",
    "次郎",
    "三郎",
    "春子",
    "夏子",
    "秋子",
    "冬子",
    "健一",
    "健二",
    "明美",
    "直樹",
    "裕子",
    "誠",
]
CITIES = [
    ("530-0001", "大阪府大阪市北区梅田1丁目"),
    ("541-0041", "大阪府大阪市中央区北浜2丁目"),
    ("650-0021", "兵庫県神戸市中央区三宮町1丁目"),
    ("600-8001", "京都府京都市下京区四条通2丁目"),
]


def case() -> CaseSnapshot:
    return CaseSnapshot(
        id=1,
        name="社労夢ランサムウェア事件",
        title="損害賠償等請求事件",
        defendant_name=DEFENDANT,
        defendant_address="〒530-0000　大阪府大阪市北区架空町1丁目2番3号　架空ビル30階",
        defendant_representative="見本　一郎",
        court="大阪地方裁判所",
        incident_date=date(2023, 6, 5),
        reputation_amount=1_000_000,
    )


def proceeding(kind: Kind = "lawsuit") -> ProceedingSnapshot:
    if kind == "lawsuit":
        return ProceedingSnapshot(
            id=LAWSUIT_ID, kind="lawsuit", name="本訴訟", court="大阪地方裁判所民事部", status="pending"
        )
    return ProceedingSnapshot(
        id=MEDIATION_ID, kind="mediation", name="第1次調停", court="大阪簡易裁判所", status="failed"
    )


def plaintiff_name(n: int) -> str:
    """A different name for each n up to 150 (10 surnames × 15 given names)."""
    return f"{SURNAMES[(n - 1) % len(SURNAMES)]}　{GIVEN[(n - 1) // len(SURNAMES) % len(GIVEN)]}"


def make_plaintiff(n: int) -> Plaintiff:
    postal, city = CITIES[n % len(CITIES)]
    surname = SURNAMES[(n - 1) % len(SURNAMES)]
    if n == 3:  # a corporation, with its representative
        return Plaintiff(
            number=3,
            claimant_id=1003,
            kind="sr_corporation",
            name="社会保険労務士法人鈴木労務管理",
            representative="代表社員　鈴木　一郎",
            office_name=None,
            postal_code="650-0021",
            address="兵庫県神戸市中央区三宮町1丁目3番3号",
        )
    return Plaintiff(
        number=n,
        claimant_id=1000 + n,
        kind="sr_individual",
        name=plaintiff_name(n) if n <= 150 else f"最後　{n}号",
        office_name=f"{surname}社会保険労務士事務所",
        postal_code=postal,
        address=f"{city}{n % 20 + 1}番{n % 9 + 1}号",
    )


def amounts(count: int) -> list[tuple[int, int]]:
    """(contract, unjust enrichment) of plaintiffs 1..count."""
    if count == 3:
        return [(1_001_698, 99_000), (1_200_000, 0), (2_600_000, 99_302)]  # 訴額 5,000,000
    # 150 plaintiffs claiming 150,000,000 in all, plaintiff 151 nothing.
    rows = [(1_001_698, 99_000), (899_302, 0)] + [(1_000_000, 0)] * 148 + [(0, 0)] * (count - 150)
    return rows[:count]


def parties(count: int = 3, kind: Kind = "lawsuit") -> Parties:
    return Parties(
        case=case(), proceeding=proceeding(kind), plaintiffs=[make_plaintiff(n) for n in range(1, count + 1)]
    )


def interest() -> InterestTerms:
    return InterestTerms(text=INTEREST_TEXT, rate=Decimal("0.03"), rate_basis="assumed")


def claim_table(count: int = 3, kind: Kind = "lawsuit", *, rows: int | None = None) -> ClaimTable:
    """The claim table of `parties(count, kind)`; `rows` builds a bigger table alone (for the 請求一覧)."""
    if rows is None:
        members = parties(count, kind).plaintiffs
        money = amounts(count)
    else:
        members = [make_plaintiff(n) for n in range(1, rows + 1)]
        money = [(1_000_000 + n, n % 2 * 99_000) for n in range(1, rows + 1)]
    table_rows = [
        ClaimTableRow(
            number=p.number,
            claimant_id=p.claimant_id,
            name=p.name,
            contract_damages=c,
            unjust_enrichment=u,
            total=c + u,
        )
        for p, (c, u) in zip(members, money, strict=True)
    ]
    return ClaimTable(
        case_id=1,
        proceeding_id=LAWSUIT_ID if kind == "lawsuit" else MEDIATION_ID,
        interest=interest(),
        rows=table_rows,
        totals=ClaimTableTotals(
            contract_damages=sum(r.contract_damages for r in table_rows),
            unjust_enrichment=sum(r.unjust_enrichment for r in table_rows),
            total=sum(r.total for r in table_rows),
            plaintiffs=len(table_rows),
        ),
    )


# The fees of legal-rules.md §2.3 for the two 訴額.
FEES = {
    ("suit", 5_000_000): 30_000,
    ("mediation", 5_000_000): 15_000,
    ("suit", 150_000_000): 470_000,
    ("mediation", 150_000_000): 193_000,
}


def filing_fee(count: int = 3, kind: Kind = "lawsuit") -> FilingFee:
    table = claim_table(count, kind)
    fee_kind: Literal["suit", "mediation"] = "suit" if kind == "lawsuit" else "mediation"
    value = table.totals.total  # principal only: delay damages are not in the table
    fee = FEES[(fee_kind, value)]
    shares = [(r.total * fee) // value for r in table.rows]
    shares[max(range(len(shares)), key=lambda i: table.rows[i].total)] += fee - sum(shares)
    return FilingFee(
        kind=fee_kind,
        claim_value=value,
        fee=fee,
        shares=[
            FeeShare(number=r.number, claimant_id=r.claimant_id, claim=r.total, share=s)
            for r, s in zip(table.rows, shares, strict=True)
        ],
    )


def settings(**texts: object) -> FilingSettings:
    return FilingSettings(
        case_id=1,
        office=CounselOffice(
            name="みなと総合法律事務所",
            postal_code="100-0013",
            address="東京都千代田区霞が関一丁目1番1号　架空ビル4階",
            phone="03-0000-0000",
            fax="03-0000-0001",
        ),
        counsel=[Counsel(name="見本　太郎"), Counsel(name="架空　次郎"), Counsel(name="試験　三郎")],
        texts=FilingTexts.model_validate(
            {
                "complaint_cause": COMPLAINT_CAUSE,
                "related_facts": RELATED_FACTS,
                "mediation_dispute": MEDIATION_DISPUTE,
                "mediation_resolution_items": RESOLUTION_ITEMS,
                **texts,
            }
        ),
    )


def _exhibit(id_: int, number: int, branch: int | None, title: str, claimant_id: int | None = None) -> Exhibit:
    suffix = f"の{branch}" if branch else ""
    return Exhibit(
        id=id_,
        claimant_id=claimant_id,
        number=number,
        branch=branch,
        label=f"甲第{number}号証{suffix}",
        short_label=f"甲{number}{suffix}",
        title=title,
        original_or_copy="copy",
    )


def exhibits() -> list[Exhibit]:
    """Common exhibits (out of order, to be sorted) and one exhibit of a single claimant (not listed)."""
    return [
        _exhibit(3, 2, None, "個人情報保護委員会への報告書"),
        _exhibit(1, 1, 1, "ネットde社労夢契約書"),
        _exhibit(2, 1, 2, "社労夢ハウス利用契約書"),
        _exhibit(4, 3, None, "社労夢サービスのお知らせ一覧（令和5年6月5日から同年12月1日までに掲載されたもの）"),
        _exhibit(9, 13, 2, "原告1の人件費の明細", claimant_id=1001),
    ]
