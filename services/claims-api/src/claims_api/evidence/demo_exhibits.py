"""Demo exhibits: the common exhibits the draft complaint (seed 000) cites, and the own exhibits of its
plaintiffs 1 and 2 and of claimant 3 (damage schedule slots of seed 001). Metadata only, no files.

They go through the service, so they are numbered as in production: 甲第1号証の1 … 甲第12号証 for the
common exhibits, then one number per claimant in claimant order (甲第13号証の1 …)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from claims_api.cases.models import Case
from claims_api.claimants.models import Claimant
from claims_api.evidence.schemas import ExhibitCreate
from claims_api.evidence.service import create

SEED_ACTOR = "system:demo-seed"


def _common(defendant: str) -> list[dict[str, Any]]:
    return [
        {
            "number": 1,
            "branch": 1,
            "title": "ネットde社労夢契約書",
            "author": defendant,
            "purpose": "原告らと被告との利用契約の内容、特に個人情報の取扱い（19条）、料金の変動（13条2項）及び"
            "損害賠償（22条2項）の定め",
            "note": "後に「社労夢ベーシックプラン」に改訂",
        },
        {
            "number": 1,
            "branch": 2,
            "title": "社労夢ハウス利用契約書",
            "author": defendant,
            "purpose": "原告らと被告との利用契約の内容、特に個人情報の取扱い（30条）、予告期間（11条1項）及び"
            "損害賠償（32条2項）の定め",
        },
        {
            "title": "被告のお知らせ「個人情報保護委員会への報告について」",
            "made_on": date(2023, 6, 8),
            "author": defendant,
            "purpose": "被告が本件ランサムウェア事故を個人情報等の漏えい等に該当する事案として個人情報保護委員会に"
            "報告した事実",
        },
        {
            "title": "被告ウェブサイト掲載のお知らせ一覧（本件ランサムウェア事故関係）",
            "author": defendant,
            "purpose": "本件ランサムウェア事故後の被告の発表内容（オンプレ版の提供、6月利用分の不請求、サービス再開、"
            "値上げの通知）",
            "note": "作成年月日は各お知らせに記載",
        },
        {
            "title": "被告のお知らせ「6月ご利用分の請求について」",
            "made_on": date(2023, 6, 21),
            "author": defendant,
            "purpose": "被告が6月利用分の料金を請求しないと発表した事実",
        },
        {
            "title": "本件ランサムウェア事故に関する調査結果の報告",
            "made_on": date(2023, 7, 19),
            "author": defendant,
            "purpose": "被告が公表した本件ランサムウェア事故の原因及び再発防止策",
        },
        {
            "title": "全国社会保険労務士会連合会の質問書",
            "made_on": date(2023, 11, 10),
            "author": "全国社会保険労務士会連合会",
            "purpose": "連合会が被告に対し前記発表の不明確な点について説明を求めた事実",
        },
        {
            "title": "被告の回答書",
            "made_on": date(2023, 11, 20),
            "author": defendant,
            "purpose": "被告の回答内容及び説明会が行われなかった経緯",
        },
        {
            "title": "個人情報保護委員会「個人情報の保護に関する法律に基づく行政上の対応について」",
            "made_on": date(2024, 3, 25),
            "author": "個人情報保護委員会",
            "purpose": "個人情報保護委員会が被告に対し個人情報保護法147条に基づく指導等を行い、技術的安全管理措置の"
            "不備を認定した事実",
        },
        {
            "title": "通知書",
            "made_on": date(2024, 3, 25),
            "author": defendant,
            "purpose": "被告が原告ら代理人に対し調停申立書案の公開の中止を求めた事実",
        },
        {
            "title": "回答書",
            "made_on": date(2024, 3, 27),
            "author": "原告ら代理人",
            "purpose": "原告ら代理人が被告の要求を拒否した事実",
        },
        {
            "title": "セキュリティ調査に関する報告書",
            "author": defendant,
            "purpose": "リモートデスクトップを介して管理者側のADサーバに不正アクセスできる設定であった事実",
            "note": "作成年月日要確認（訴状案では令和4年6月28日付け）",
        },
        {
            "title": "本件ランサムウェア事故に関する新聞記事",
            "purpose": "本件ランサムウェア事故が広く報道され、原告らの信用が毀損されたこと",
        },
    ]


# Own exhibits of the first claimants of the case, by position (1-based) in claimant id order; the author
# defaults to the claimant's office.
_OWN: dict[int, list[dict[str, Any]]] = {
    1: [
        {
            "slot": 1,
            "title": "ネットde社労夢申込書兼契約書",
            "author": "{claimant}及び{defendant}",
            "purpose": "原告と被告との利用契約の締結",
        },
        {
            "slot": 4,
            "title": "令和5年7月分利用料金請求書",
            "made_on": date(2023, 7, 31),
            "purpose": "サービスを利用できなかった期間の利用料金が請求された事実",
        },
        {
            "slot": 5,
            "title": "顧問契約解除通知書（2通）",
            "made_on": date(2023, 8, 10),
            "author": "顧問先企業",
            "purpose": "顧問先から契約解除の申入れを受け、信用を毀損された事実",
        },
    ],
    2: [
        {
            "slot": 1,
            "title": "社労夢ハウス利用契約書",
            "author": "{claimant}及び{defendant}",
            "purpose": "原告と被告との利用契約の締結",
        },
        {
            "slot": 2,
            "title": "タイムカード（令和5年6月分）及び賃金台帳",
            "author": "{claimant}",
            "purpose": "本件事故対応のため従業員が時間外労働をした時間数及び時間単価",
        },
    ],
    3: [
        {
            "slot": 3,
            "title": "オンプレ版社労夢の請求書及び領収書",
            "made_on": date(2023, 6, 20),
            "purpose": "オンプレ版の導入費用を支払った事実",
        },
        {
            "slot": 6,
            "title": "お詫び状送付費用の領収書",
            "made_on": date(2023, 7, 10),
            "purpose": "顧問先へのお詫び状の送付費用",
        },
    ],
}


def seed_exhibits(session: Session, case: Case) -> None:
    """Record the demo exhibits of the case (call once, when the case is created)."""
    assert case.id is not None
    for fields in _common(case.defendant_name):
        create(session=session, case_id=case.id, data=ExhibitCreate(**fields), actor=SEED_ACTOR)
    claimants = session.exec(
        select(Claimant).where(Claimant.case_id == case.id).order_by(col(Claimant.id)).limit(max(_OWN))
    ).all()
    for position, claimant in enumerate(claimants, start=1):
        office = claimant.office_name or claimant.name
        for fields in _OWN.get(position, []):
            author = str(fields.get("author", "{claimant}")).format(claimant=office, defendant=case.defendant_name)
            data = ExhibitCreate(claimant_id=claimant.id, **(fields | {"author": author}))
            create(session=session, case_id=case.id, data=data, actor=SEED_ACTOR)
