"""The content of a breach notice for the notice tests: a 社労士 office notifying its client company's employees
after the vendor's ransomware incident (wording after the sample public notice of seed 002), a catalogue of six
data items, and recipients with different items. All names, addresses and contacts are fictitious."""

from __future__ import annotations

from datetime import date
from typing import Any

from docs_render.renders.schemas import Notice, NoticeRecipient

MADE_ON = date(2026, 12, 1)

SENDER = {
    "name": "架空社会保険労務士事務所",
    "postal_code": "530-0001",
    "address": "大阪府大阪市北区架空町1-2-3",
    "representative": "所長　社会保険労務士　架空 花子",
}

DATA_ITEMS = [
    {"key": "name", "label": "氏名"},
    {"key": "address", "label": "住所"},
    {"key": "birth_date", "label": "生年月日"},
    {"key": "pension_no", "label": "基礎年金番号"},
    {"key": "salary", "label": "給与及び賞与の額"},
    {"key": "dependants", "label": "扶養家族の氏名"},
]
LABELS = {item["key"]: item["label"] for item in DATA_ITEMS}

OVERVIEW = (
    "令和5年6月5日、当事務所が給与計算及び社会保険の手続に利用しているクラウドサービスの運営会社のサーバーが、"
    "ランサムウェアによる第三者からの不正アクセスを受けました。当事務所は、同年6月9日に運営会社からその報告を受け、"
    "お預かりしている個人データが外部に流出した可能性を否定できないことが判明しました。\n"
    "現時点において、個人データが外部に送信された痕跡や不正に利用された事実は確認されていません。"
)
CAUSE = (
    "運営会社のサーバーに対するランサムウェアによる不正アクセスです。"
    "運営会社の技術的な安全管理措置が不十分であったとして、個人情報保護委員会から指導がなされています。"
)
SECONDARY_HARM = (
    "現時点において、二次被害は確認されていません。\n"
    "・当事務所や官公署を装った不審な電話、郵便物又は電子メールにご注意ください。\n"
    "・お心当たりのない連絡には応じず、下記の窓口までご相談ください。"
)
MEASURES = (
    "運営会社に対し原因の究明と再発防止策の報告を求めるとともに、"
    "当事務所における委託先の選定及び監督の方法を見直しました。"
)
OTHER = "なお、マイナンバー（個人番号）は本件システムに保存されていません。"
CONTACT = {
    "desk": "架空社会保険労務士事務所　個人情報お問い合わせ窓口",
    "phone": "0120-000-000",
    "email": "privacy@example.jp",
    "hours": "平日　午前9時～午後5時",
}

TARO = {
    "name": "架空 太郎",
    "postal_code": "100-0001",
    "address": "東京都千代田区千代田1-1",
    "item_keys": ["name", "address", "pension_no"],
}
HANAKO = {
    "name": "見本 花子",
    "postal_code": "530-0002",
    "address": "大阪府大阪市北区見本町2-3-4 見本マンション101号",
    "item_keys": ["name", "salary", "dependants"],
}


def notice_body(*, recipients: list[dict[str, Any]] | None = None, **overrides: Any) -> dict[str, Any]:
    """`notice` of a render request, as the notify service sends it (recipients only when given)."""
    body: dict[str, Any] = {
        "sender": SENDER,
        "overview": OVERVIEW,
        "data_items": DATA_ITEMS,
        "cause": CAUSE,
        "secondary_harm": SECONDARY_HARM,
        "measures": MEASURES,
        "other": OTHER,
        "contact": CONTACT,
        **overrides,
    }
    if recipients is not None:
        body["recipients"] = recipients
    return body


def recipient(number: int, item_keys: list[str] | None = None) -> dict[str, Any]:
    """A fictitious person of a batch: 「架空 太郎12」 at 〒100-0001 東京都千代田区千代田1-12."""
    return {
        "name": f"架空 太郎{number}",
        "postal_code": "100-0001",
        "address": f"東京都千代田区千代田1-{number}",
        "item_keys": item_keys or ["name", "birth_date"],
    }


def notice(*, recipients: list[dict[str, Any]] | None = None, **overrides: Any) -> Notice:
    return Notice.model_validate(notice_body(recipients=recipients, **overrides))


def person(data: dict[str, Any]) -> NoticeRecipient:
    return NoticeRecipient.model_validate(data)
