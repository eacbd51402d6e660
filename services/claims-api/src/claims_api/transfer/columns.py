"""The columns of the claimant file (import template) and of the exports: Japanese headers in the order a law
office expects, the Japanese labels of the API's enumerations, and what the template's notes sheet says."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from claims_api.claimants.schemas import ClaimantKind, ContractType, CustomerStatus, InsurancePlan
from claims_api.damages.heads import HEADS, DamageHead
from claims_api.transfer.values import DATE_FORMATS, MONTH_FORMATS, NO, YES, Choices, nfkc


class Kind(StrEnum):
    text = "text"
    multiline = "multiline"  # facts: line breaks allowed
    registration_no = "registration_no"
    choice = "choice"
    yes_no = "yes_no"
    insured = "insured"  # 加入 / 未加入
    date = "date"
    integer = "integer"  # whole yen, counts, months
    decimal = "decimal"
    percent = "percent"  # 1.25 or 125%
    months = "months"
    month = "month"


# Japanese labels of the API's enumerations (the SPA shows the same ones).
KIND_LABELS: dict[str, str] = {
    ClaimantKind.sr_individual: "社労士（個人）",
    ClaimantKind.sr_corporation: "社労士法人",
    ClaimantKind.sr_center: "SR経営労務センター",
    ClaimantKind.labour_insurance_association: "労働保険事務組合",
    ClaimantKind.client_company: "顧問先企業",
    ClaimantKind.other: "その他",
}
KIND_SYNONYMS = {"社労士": ClaimantKind.sr_individual, "個人": ClaimantKind.sr_individual, "法人": "sr_corporation"}
CONTRACT_LABELS: dict[str, str] = {
    ContractType.netde_shaloom: "ネットde社労夢契約",
    ContractType.shaloom_house: "社労夢ハウス利用契約",
    ContractType.basic_plan: "ベーシックプラン",
}
CONTRACT_SYNONYMS = {"ネットde社労夢": ContractType.netde_shaloom, "社労夢ハウス": ContractType.shaloom_house}
STATUS_LABELS: dict[str, str] = {CustomerStatus.active: "利用継続中", CustomerStatus.cancelled: "解約済み"}
STATUS_SYNONYMS = {
    "契約中": CustomerStatus.active,
    "利用中": CustomerStatus.active,
    "継続中": CustomerStatus.active,
    "解約済": CustomerStatus.cancelled,
    "解約": CustomerStatus.cancelled,
}
PLAN_LABELS: dict[str, str] = {InsurancePlan.full: "フルプラン", InsurancePlan.leak_only: "漏えい限定プラン"}
PLAN_SYNONYMS = {"漏洩限定プラン": InsurancePlan.leak_only, "漏えい限定": InsurancePlan.leak_only, "フル": "full"}
INSURED, NOT_INSURED = "加入", "未加入"
# 人件費 (overtime and outsourcing): what the work was (`damages.inputs.Task`); the insurer covers incident response
# only. その他実損: `damages.inputs.OtherLossCategory`. Blank: not given (None).
TASK_LABELS: dict[str, str] = {"incident_response": "事故対応", "substitute_work": "代替業務"}
TASK_SYNONYMS: dict[str, str] = {
    "事故対応業務": "incident_response",
    "代替業務（手作業の給与計算など）": "substitute_work",  # the SPA's label
    "代替作業": "substitute_work",
}
OTHER_LOSS_CATEGORY_LABELS: dict[str, str] = {
    "breach_notice": "漏えい通知",
    "apology": "お詫び状",
    "call_centre": "コールセンター",
    "authority_report": "当局への報告",
    "client_compensation": "顧問先への賠償",
    "system_migration": "他システムへの移行",
    "cancellation": "解約損害",
    "other": "その他",
}
OTHER_LOSS_CATEGORY_SYNONYMS: dict[str, str] = {
    "漏洩通知": "breach_notice",
    "お詫び状・お詫びの品": "apology",
    "コールセンター・問合せ対応": "call_centre",
    "個人情報保護委員会等への報告": "authority_report",
    "解約による損失": "cancellation",
}

CHOICES: dict[str, Choices] = {
    "kind": Choices(KIND_LABELS, {k: str(v) for k, v in KIND_SYNONYMS.items()}),
    "contract_type": Choices(CONTRACT_LABELS, {k: str(v) for k, v in CONTRACT_SYNONYMS.items()}),
    "customer_status": Choices(STATUS_LABELS, {k: str(v) for k, v in STATUS_SYNONYMS.items()}),
    "insurance_plan": Choices(PLAN_LABELS, {k: str(v) for k, v in PLAN_SYNONYMS.items()}),
    # damage columns: keyed by the input's name (no claimant field has these names)
    "task": Choices(TASK_LABELS, TASK_SYNONYMS),
    "category": Choices(OTHER_LOSS_CATEGORY_LABELS, OTHER_LOSS_CATEGORY_SYNONYMS),
}

DEFAULT_PERSON = "従業員（一括）"


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # a ClaimantCreate field, or "<head>.<input>" for a damage column
    kind: Kind = Kind.text
    required: bool = False  # the header must be there and the cell filled
    note: str = ""
    example: str = ""
    width: int = 14

    @property
    def head(self) -> DamageHead | None:
        prefix = self.key.split(".", 1)[0]
        return DamageHead(prefix) if "." in self.key else None

    @property
    def field(self) -> str:
        return self.key.split(".", 1)[-1]


def _labels(labels: dict[str, str]) -> str:
    return "、".join(labels.values())


CLAIMANT_COLUMNS: list[Column] = [
    Column("番号", "number", note="任意。照合用の通し番号（保存されません）", example="1", width=6),
    Column("種別", "kind", Kind.choice, True, f"必須。{_labels(KIND_LABELS)}", "社労士（個人）", 18),
    Column(
        "氏名・名称", "name", required=True, note="必須。個人は氏名、法人・団体は名称", example="山田 花子", width=22
    ),
    Column("フリガナ", "name_kana", example="ヤマダ ハナコ", width=20),
    Column("事務所名", "office_name", example="山田社会保険労務士事務所", width=26),
    Column("社労士登録番号", "registration_no", Kind.registration_no, note="8桁の数字", example="27001234"),
    Column("郵便番号", "postal_code", note="123-4567", example="530-0001", width=10),
    Column("住所", "address", example="大阪府大阪市北区梅田1-1-1", width=34),
    Column("メールアドレス", "email", example="hanako@example.jp", width=26),
    Column("電話番号", "phone", example="06-1234-5678"),
    Column(
        "契約種別", "contract_type", Kind.choice, note=_labels(CONTRACT_LABELS), example="ネットde社労夢契約", width=20
    ),
    Column("契約状況", "customer_status", Kind.choice, note=f"{_labels(STATUS_LABELS)}（空欄は利用継続中）"),
    Column("利用可能になった日", "service_usable_on", Kind.date, False, f"日付（{DATE_FORMATS}）", "2023/7/4", 16),
    Column(
        "サイバー保険加入", "insured", Kind.insured, note=f"{INSURED}、{NOT_INSURED}（空欄は未加入）", example=INSURED
    ),
    Column("保険プラン", "insurance_plan", Kind.choice, note=f"加入の場合は必須。{_labels(PLAN_LABELS)}"),
    Column("保険会社", "insurer", example="○○損害保険株式会社", width=22),
    Column("保険会社への情報提供同意", "insurer_sharing_consent", Kind.yes_no, note=f"{YES}、{NO}（空欄はいいえ）"),
    Column("期日案内メール同意", "reminder_consent", Kind.yes_no, note=f"{YES}、{NO}（空欄はいいえ）"),
]

_AMOUNT = "円、整数"
_DECLARED = "事務所が申告した金額（円）。計算額と並べて表示します"
_FACTS = "損害を基礎づける事実（改行可）"
_S = DamageHead.staff_cost.value
_O = DamageHead.onprem_cost.value
_F = DamageHead.fee_difference.value
_R = DamageHead.reputation.value
_L = DamageHead.other_loss.value
_U = DamageHead.fee_increase_refund.value

DAMAGE_COLUMNS: list[Column] = [
    # 人件費: one overtime line (hours × hourly rate × premium) and/or one outsourcing line
    Column("人件費（対象者）", f"{_S}.person", note=f"残業した従業員。空欄は「{DEFAULT_PERSON}」", example="従業員A"),
    Column("人件費（期間開始日）", f"{_S}.date_from", Kind.date, note="残業の期間の初日", example="2023/6/5"),
    Column("人件費（期間終了日）", f"{_S}.date_to", Kind.date, note="残業の期間の末日", example="2023/7/31"),
    Column("人件費（時間数）", f"{_S}.hours", Kind.decimal, note="残業時間の合計（小数2桁まで）", example="40.5"),
    Column("人件費（時給）", f"{_S}.hourly_rate", Kind.integer, note="賃金台帳の時間単価（円）", example="1500"),
    Column("人件費（割増率）", f"{_S}.premium_rate", Kind.percent, note="空欄は1.25（125%も可）", example="1.25"),
    Column("人件費（外注先）", f"{_S}.vendor", note="外注した場合の外注先", example="株式会社代行"),
    Column("人件費（外注費）", f"{_S}.amount", Kind.integer, note=f"外注費（{_AMOUNT}）", example="50000"),
    Column("人件費（外注請求日）", f"{_S}.invoiced_on", Kind.date, note="外注先の請求書の日付", example="2023/7/31"),
    Column(
        "人件費（業務内容）",
        f"{_S}.task",
        Kind.choice,
        note=f"{_labels(TASK_LABELS)}。事故対応は漏えい通知・問合せ対応など、代替業務は手作業の給与計算など。"
        "残業・外注の両方に適用。空欄は未記入",
        example="事故対応",
    ),
    Column("人件費（申告額）", f"{_S}.declared_amount", Kind.integer, note=_DECLARED),
    Column("人件費（事実）", f"{_S}.facts", Kind.multiline, note=_FACTS, width=30),
    # オンプレ版費用: one invoice
    Column("オンプレ版費用（金額）", f"{_O}.amount", Kind.integer, note=f"請求額（{_AMOUNT}）", example="33000"),
    Column("オンプレ版費用（請求日）", f"{_O}.issued_on", Kind.date, note="請求書・領収書の日付", example="2023/6/20"),
    Column("オンプレ版費用（請求元）", f"{_O}.issuer", note="空欄は被告", example=""),
    Column("オンプレ版費用（申告額）", f"{_O}.declared_amount", Kind.integer, note=_DECLARED),
    Column("オンプレ版費用（事実）", f"{_O}.facts", Kind.multiline, note=_FACTS, width=30),
    # 利用料差額: monthly fee; the usable date is the claimant's 利用可能になった日
    Column(
        "利用料差額（月額利用料）",
        f"{_F}.monthly_fee",
        Kind.integer,
        note=f"請求された月額（{_AMOUNT}）。利用可能になった日の列が必要",
        example="22000",
    ),
    Column(
        "利用料差額（請求されなかった月）",
        f"{_F}.unbilled_months",
        Kind.months,
        note=f"月（{MONTH_FORMATS}）、複数は「、」区切り、なければ「なし」。空欄は事故発生月",
        example="2023-06",
    ),
    Column("利用料差額（申告額）", f"{_F}.declared_amount", Kind.integer, note=_DECLARED),
    Column("利用料差額（事実）", f"{_F}.facts", Kind.multiline, note=_FACTS, width=30),
    # 信用毀損: the case's fixed sum; the office gives the facts
    Column("信用毀損（請求する）", f"{_R}.claim", Kind.yes_no, note=f"{YES}、{NO}。金額は事件で定めた額", example=YES),
    Column("信用毀損（解除された顧問先数）", f"{_R}.lost_clients", Kind.integer, note="件数", example="2"),
    Column("信用毀損（申告額）", f"{_R}.declared_amount", Kind.integer, note=_DECLARED),
    Column("信用毀損（事実）", f"{_R}.facts", Kind.multiline, note=_FACTS, width=30),
    # その他実損: one line
    Column("その他実損（内容）", f"{_L}.description", note="お詫び状送付費用など", example="お詫び状の郵送費"),
    Column("その他実損（発生日）", f"{_L}.occurred_on", Kind.date, note="任意", example="2023/6/15"),
    Column("その他実損（金額）", f"{_L}.amount", Kind.integer, note=f"金額（{_AMOUNT}）", example="12000"),
    Column(
        "その他実損（区分）",
        f"{_L}.category",
        Kind.choice,
        note=f"{_labels(OTHER_LOSS_CATEGORY_LABELS)}。空欄は未記入",
        example="お詫び状",
        width=18,
    ),
    Column("その他実損（申告額）", f"{_L}.declared_amount", Kind.integer, note=_DECLARED),
    Column("その他実損（事実）", f"{_L}.facts", Kind.multiline, note=_FACTS, width=30),
    # 値上げ分の不当利得: (new fee − old fee) × months paid
    Column("値上げ分（値上げ前の月額）", f"{_U}.old_fee", Kind.integer, note=_AMOUNT, example="20000"),
    Column("値上げ分（値上げ後の月額）", f"{_U}.new_fee", Kind.integer, note=_AMOUNT, example="22000"),
    Column("値上げ分（初回月）", f"{_U}.first_month", Kind.month, note="値上げ後の料金の最初の月。空欄は2023-12"),
    Column("値上げ分（支払月数）", f"{_U}.months", Kind.integer, note="値上げ後の料金を支払った月数", example="12"),
    Column("値上げ分（申告額）", f"{_U}.declared_amount", Kind.integer, note=_DECLARED),
    Column("値上げ分（事実）", f"{_U}.facts", Kind.multiline, note=_FACTS, width=30),
]

IMPORT_COLUMNS: list[Column] = CLAIMANT_COLUMNS + DAMAGE_COLUMNS
BY_KEY: dict[str, Column] = {c.key: c for c in IMPORT_COLUMNS}
BY_FIELD: dict[str, Column] = {c.key: c for c in CLAIMANT_COLUMNS}

# Other names offices use for the same column (the SPA's labels among them).
HEADER_ALIASES: dict[str, str] = {
    "No": "番号",
    "No.": "番号",
    "通し番号": "番号",
    "区分": "種別",
    "氏名": "氏名・名称",
    "名称": "氏名・名称",
    "氏名又は名称": "氏名・名称",
    "ふりがな": "フリガナ",
    "事務所": "事務所名",
    "登録番号": "社労士登録番号",
    "メール": "メールアドレス",
    "契約形態": "契約種別",
    "サイバー保険": "サイバー保険加入",
    "期日通知への同意": "期日案内メール同意",
    "保険会社への情報提供の同意": "保険会社への情報提供同意",
}


def header_key(text: str) -> str:
    """Headers compare after NFKC (full/half width, （） and ()) without any whitespace."""
    return "".join(nfkc(text).split())


_BY_HEADER: dict[str, Column] = {header_key(c.header): c for c in IMPORT_COLUMNS}
for _alias, _header in HEADER_ALIASES.items():
    _BY_HEADER[header_key(_alias)] = _BY_HEADER[header_key(_header)]


def column_for_header(text: str) -> Column | None:
    return _BY_HEADER.get(header_key(text))


_HEAD_COLUMNS: dict[DamageHead, list[Column]] = {
    head: [c for c in DAMAGE_COLUMNS if c.key.startswith(head.value + ".")] for head in DamageHead
}


def head_columns(head: DamageHead) -> list[Column]:
    return _HEAD_COLUMNS[head]


HEAD_LABELS: dict[DamageHead, str] = {head: info.label for head, info in HEADS.items()}

# --- exports ---------------------------------------------------------------------------------------------

STAGE_HEADER = "手続段階"
HEAD_AMOUNT_HEADERS: dict[DamageHead, str] = {head: info.label for head, info in HEADS.items()}
CONTRACT_TOTAL_HEADER = "契約上の損害賠償 計"
UNJUST_TOTAL_HEADER = "不当利得 計"
TOTAL_HEADER = "合計"
DUPLICATE_HEADER = "重複の疑い"
ID_HEADER = "原告ID"

CLAIM_TABLE_HEADERS: list[str] = [
    "番号",
    "原告",
    "契約に定める損害賠償請求権に基づく請求額",
    "附帯請求（損害賠償）",
    "不当利得返還請求権に基づく請求額",
    "附帯請求（不当利得）",
    "合計",
]
