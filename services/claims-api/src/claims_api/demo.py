"""Deterministic demo data for the local run: the ransomware case, its proceedings, 151 synthetic
claimants with damage items, the case's filing settings, hearings, demo users and clients. Synthetic names only
(the counsel too), never real people."""

from __future__ import annotations

import logging
import os
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session, select

from bengodan_common.japanese import TOKYO
from claims_api.audit import service as audit
from claims_api.auth.roles import Role
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.claimants.models import Claimant, ClaimantChecklistEntry, ClaimantDeficiency, ClaimantStageChange
from claims_api.claimants.stages import STAGE_ORDER, ChecklistItem, Stage, applicable_items, required_items
from claims_api.clients.service import create_client
from claims_api.damages.compute import Context, compute
from claims_api.damages.models import DamageItem
from claims_api.damages.schemas import DamageItemCreate
from claims_api.evidence.demo_exhibits import seed_exhibits
from claims_api.filings.demo import ensure_filing_settings
from claims_api.hearings.models import Hearing
from claims_api.hearings.schemas import HearingCreate, HearingKind
from claims_api.hearings.service import create as create_hearing
from claims_api.users.models import Client, User
from claims_api.users.service import create_user

log = logging.getLogger(__name__)
_ITEM: TypeAdapter[DamageItemCreate] = TypeAdapter(DamageItemCreate)

DEMO_CASE_NAME = "クラウド給与計算サービス停止事件（デモ）"
DEMO_ADMIN_EMAIL = "admin@example.com"
SEED_ACTOR = "system:demo-seed"
CLAIMANT_COUNT = 151
MEDIATION_1_SIZE = 130  # petitioners of the first mediation; the other 21 filed the second

_SURNAMES = [
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
]
_SURNAMES_KANA = [
    "サトウ",
    "スズキ",
    "タカハシ",
    "タナカ",
    "イトウ",
    "ワタナベ",
    "ヤマモト",
    "ナカムラ",
    "コバヤシ",
    "カトウ",
    "ヨシダ",
    "ヤマダ",
    "ササキ",
    "ヤマグチ",
    "マツモト",
    "イノウエ",
    "キムラ",
    "ハヤシ",
    "サイトウ",
    "シミズ",
]
_GIVEN = ["一郎", "花子", "健太", "美咲", "大輔", "由美", "翔太", "恵子", "拓也", "直子", "誠", "智子"]
_GIVEN_KANA = [
    "イチロウ",
    "ハナコ",
    "ケンタ",
    "ミサキ",
    "ダイスケ",
    "ユミ",
    "ショウタ",
    "ケイコ",
    "タクヤ",
    "ナオコ",
    "マコト",
    "トモコ",
]
_CITIES = [
    ("530-0001", "大阪府大阪市北区梅田1丁目"),
    ("541-0041", "大阪府大阪市中央区北浜2丁目"),
    ("650-0021", "兵庫県神戸市中央区三宮町1丁目"),
    ("600-8001", "京都府京都市下京区四条通2丁目"),
    ("100-0005", "東京都千代田区丸の内3丁目"),
    ("460-0008", "愛知県名古屋市中区栄4丁目"),
]


def _claimant_fields(n: int) -> dict[str, object]:
    """The n-th synthetic claimant (1-based), the same on every run."""
    # Every (surname, given name) pair differs: 20 surnames, and the given name shifts by one per block of 20.
    s = (n - 1) % len(_SURNAMES)
    g = ((n - 1) // len(_SURNAMES) + s) % len(_GIVEN)
    postal, city = _CITIES[n % len(_CITIES)]
    kind = "sr_corporation" if n % 9 == 0 else "sr_center" if n % 37 == 0 else "sr_individual"
    name = f"{_SURNAMES[s]} {_GIVEN[g]}"
    office = (
        f"社会保険労務士法人{_SURNAMES[s]}労務管理（デモ{n}）"
        if kind == "sr_corporation"
        else f"{_SURNAMES[s]}社会保険労務士事務所（デモ{n}）"
    )
    return {
        "kind": kind,
        "name": name,
        "name_kana": f"{_SURNAMES_KANA[s]} {_GIVEN_KANA[g]}",
        "office_name": office,
        # 代表者 of the bodies that are no natural person (printed in the 当事者目録)
        "representative": {"sr_corporation": f"代表社員 {name}", "sr_center": f"会長 {name}"}.get(kind),
        "registration_no": f"{27000000 + n * 113:08d}",
        "postal_code": postal,
        "address": f"{city}{n % 20 + 1}番{n % 9 + 1}号",
        "email": f"office{n:03d}@{'example.jp' if n % 2 else 'example.com'}",
        "phone": f"06-6{n:03d}-{1000 + n:04d}",
        "reminder_consent": n % 10 != 0,
        "insurer_sharing_consent": n % 5 != 0,
        **_record_fields(n),
    }


_CONTRACT_TYPES = ["netde_shaloom", "netde_shaloom", "shaloom_house", "basic_plan"]
_INSURERS = ["デモ損害保険株式会社", "架空海上火災保険株式会社"]
INCIDENT_DATE = date(2023, 6, 5)
# The vendor restarted the service on 2023-06-30 (seed 000); offices could use it again from then on.
SERVICE_RESTARTED_ON = date(2023, 6, 30)


def _record_fields(n: int) -> dict[str, object]:
    """Contract, insurance and stage of the n-th claimant: spread over every value, the same on every run."""
    insured = n % 6 == 0
    return {
        "contract_type": None if n % 7 == 0 else _CONTRACT_TYPES[n % 4],
        "customer_status": "cancelled" if n % 11 == 0 else "active",
        "service_usable_on": None if n % 13 == 0 else SERVICE_RESTARTED_ON + timedelta(days=3 + n % 45),
        "insured": insured,
        "insurance_plan": ("full" if n % 12 == 0 else "leak_only") if insured else None,
        # Both insurers, alternating among the insured (every sixth claimant); most of them share with it.
        "insurer": _INSURERS[(n // 6) % 2] if insured else None,
        "stage": STAGE_ORDER[n % len(STAGE_ORDER)].value,
    }


def _intake_records(
    claimant_id: int, n: int, stage: Stage, insured: bool
) -> list[ClaimantChecklistEntry | ClaimantDeficiency | ClaimantStageChange]:
    """The stage history, the checklist items received and the open deficiency notes that fit the stage:
    what the stage requires is received, some claimants have sent more, a few have a deficiency note."""
    start = datetime(2024, 1, 9, 1, 0, tzinfo=UTC) + timedelta(days=n % 17)
    rows: list[ClaimantChecklistEntry | ClaimantDeficiency | ClaimantStageChange] = []
    previous: Stage | None = None
    for step, current in enumerate(STAGE_ORDER[: STAGE_ORDER.index(stage) + 1]):
        rows.append(
            ClaimantStageChange(
                claimant_id=claimant_id,
                from_stage=previous.value if previous else None,
                to_stage=current.value,
                at=start + timedelta(days=7 * step),
                actor=SEED_ACTOR,
            )
        )
        previous = current
    received = set(required_items(stage, insured=insured))
    if n % 5 == 0:  # sent more than the stage needs
        received |= set(applicable_items(insured=insured)[:3])
    for k, item in enumerate(applicable_items(insured=insured)):
        if item in received or (item == ChecklistItem.insurance_policy and n % 4 == 0):
            rows.append(
                ClaimantChecklistEntry(
                    claimant_id=claimant_id,
                    item=item.value,
                    received_on=(start + timedelta(days=5 + 7 * k)).date(),
                    recorded_by=SEED_ACTOR,
                )
            )
    if n % 17 == 0 and STAGE_ORDER.index(stage) < STAGE_ORDER.index(Stage.ready_to_file):
        rows.append(
            ClaimantDeficiency(
                claimant_id=claimant_id,
                reason="損害一覧表の時間外労働の時間数と給与明細の記載が一致しない。",
                cure_by=date(2027, 1, 29),
                created_by=SEED_ACTOR,
            )
        )
    return rows


# Plaintiffs 1 and 2 carry the figures of the team's draft complaint (seed 000).
def _overtime(person: str, hours: int, rate: int, start: str, end: str, task: str) -> dict[str, Any]:
    return {
        "kind": "overtime",
        "task": task,  # incident_response 事故対応 | substitute_work 代替業務 (the insurer's Q&A tells them apart)
        "person": person,
        "date_from": start,
        "date_to": end,
        "hours": str(hours),
        "hourly_rate": rate,
        "premium_rate": "1.25",
    }


_UNBILLED = ["2023-06"]  # the vendor did not bill June 2023

_FIXED_ITEMS: dict[int, list[dict[str, Any]]] = {
    # Plaintiff 1 of the draft complaint: 1,001,698 yen (contract) + 99,000 yen (unjust enrichment).
    1: [
        {
            "head": "fee_difference",
            "inputs": {"monthly_fee": 17_550, "unbilled_months": _UNBILLED},
            "facts": "令和5年7月1日から同月3日まで利用できなかった。",
        },
        {"head": "reputation", "inputs": {"lost_clients": 2}, "facts": "顧問先2社から契約解除の申入れを受けた。"},
        {
            "head": "fee_increase_refund",
            "inputs": {"old_fee": 17_550, "new_fee": 22_050, "first_month": "2023-12", "months": 22},
            "facts": "令和5年12月分から値上げ後の料金を支払った。",
        },
    ],
    2: [
        {
            "head": "staff_cost",
            "inputs": {
                "lines": [
                    _overtime(person, 80, 1_000, "2023-06-05", "2023-06-30", "substitute_work")
                    for person in ("従業員A（事務担当）", "従業員B（給与計算担当）")
                ]
            },
            "facts": "手作業による給与計算のため時間外労働を要した。",
        },
        {"head": "reputation", "facts": "顧問先から説明を求められた。"},
    ],
}


def _generated_items(n: int, usable_on: date | None) -> list[dict[str, Any]]:
    rng = random.Random(n)  # noqa: S311 - demo figures, not security
    hours, rate = rng.randint(10, 120), rng.choice([1_100, 1_250, 1_400, 1_600])
    task = "substitute_work" if n % 3 == 0 else "incident_response"
    staff_lines = [_overtime("従業員A", hours, rate, "2023-06-05", "2023-07-31", task)]
    if n % 6 == 0:
        staff_lines.append(
            {
                "kind": "outsourcing",
                "task": "substitute_work",
                "vendor": "デモ給与計算代行株式会社",
                "invoiced_on": "2023-07-20",
                "description": "6月分給与計算の代行",
                "amount": rng.choice([55_000, 88_000]),
            }
        )
    facts = "手作業による給与計算のための時間外労働。" if task == "substitute_work" else "事故対応の時間外労働。"
    staff: dict[str, Any] = {"head": "staff_cost", "inputs": {"lines": staff_lines}, "facts": facts}
    if n % 9 == 0:
        staff["declared_amount"] = hours * rate * 3 // 2  # the office counted every hour at 1.5
    items = [staff, {"head": "reputation", "facts": "顧問先への説明と謝罪を要した。"}]
    if usable_on is not None:
        fee = rng.choice([8_800, 13_200, 17_550, 22_000])
        items.append(
            {
                "head": "fee_difference",
                "inputs": {"monthly_fee": fee, "unbilled_months": _UNBILLED},
                "facts": "復旧後も利用できなかった期間。",
            }
        )
    if n % 4 == 0:
        onprem = rng.choice([33_000, 55_000, 110_000])
        items.append(
            {
                "head": "onprem_cost",
                "inputs": {
                    "lines": [
                        {
                            "issuer": "株式会社デモクラウドシステム",
                            "invoice_number": f"D-{n:04d}",
                            "issued_on": "2023-06-20",
                            "description": "オンプレ版利用料",
                            "amount": onprem,
                        }
                    ]
                },
                "facts": "オンプレ版の費用を支払った。",
            }
        )
    if n % 5 == 0:
        other = rng.randint(5, 60) * 1_000
        items.append(
            {
                "head": "other_loss",
                "inputs": {
                    "lines": [
                        {
                            "description": "顧問先へのお詫び状の送付費用",
                            "category": "apology",
                            "occurred_on": "2023-07-10",
                            "amount": other,
                        }
                    ]
                },
                "facts": "顧問先へのお詫び状を送付した。",
            }
        )
    if n % 2 == 0:
        months = rng.randint(6, 22)
        items.append(
            {
                "head": "fee_increase_refund",
                "inputs": {"old_fee": 17_550, "new_fee": 22_050, "first_month": "2023-12", "months": months},
                "facts": "値上げ後の料金を支払った。",
            }
        )
    return items


def _damage_items(claimant: Claimant, case: Case, n: int) -> list[DamageItem]:
    """The claimant's items, computed from their inputs exactly as the API computes them."""
    ctx = Context(
        incident_date=case.incident_date,
        today=datetime.now(TOKYO).date(),
        reputation_amount=case.reputation_amount,
        service_usable_on=claimant.service_usable_on,
    )
    items = []
    for payload in _FIXED_ITEMS.get(n) or _generated_items(n, claimant.service_usable_on):
        data = _ITEM.validate_python(payload)
        computed = compute(data.head, data.inputs, ctx)
        items.append(
            DamageItem(
                claimant_id=claimant.id or 0,
                head=data.head.value,
                inputs=data.inputs.model_dump(mode="json"),
                amount=computed.amount,
                formula=computed.formula,
                declared_amount=data.declared_amount,
                facts=data.facts,
            )
        )
    return items


def _id(row: Proceeding) -> int:
    assert row.id is not None, "flushed rows have ids"
    return row.id


def _jst(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def ensure_users_and_clients(session: Session) -> None:
    """Demo people and the local machine clients; secrets from the environment, local defaults otherwise."""
    password = os.environ.get("BENGODAN_DEMO_PASSWORD", "demo-admin-pass")
    people = [
        (DEMO_ADMIN_EMAIL, "管理者（デモ）", Role.admin),
        ("lawyer@example.com", "弁護士（デモ）", Role.lawyer),
        ("staff@example.com", "事務局（デモ）", Role.staff),
        ("viewer@example.com", "閲覧者（デモ）", Role.viewer),
    ]
    for email, name, role in people:
        if session.exec(select(User).where(User.email == email)).first() is None:
            create_user(session=session, email=email, name=name, role=role, password=password, actor=SEED_ACTOR)
    clients = [
        (
            "docs-render",
            "docs-render service",
            "service",
            ["claims:read", "cases:read"],
            os.environ.get("DOCS_RENDER_CLAIMS_API__CLIENT_SECRET", "local-docs-render-secret"),
            None,
        ),
        (
            "notify",
            "notify service",
            "service",
            # docs-render prints the breach-notice letters and the 公表文 for notify.
            ["claims:read", "cases:read", "hearings:read", "renders:read", "renders:write"],
            os.environ.get("NOTIFY_CLAIMS_API__CLIENT_SECRET", "local-notify-secret"),
            None,
        ),
        (
            "demo-insurer",
            "デモ損害保険株式会社 API",
            "partner",
            ["partner:claims.read", "partner:settlements.write"],
            os.environ.get("BENGODAN_DEMO_INSURER_SECRET", "demo-insurer-secret"),
            "デモ損害保険株式会社",
        ),
    ]
    for client_id, name, kind, scopes, secret, insurer in clients:
        existing = session.exec(select(Client).where(Client.client_id == client_id)).first()
        if existing is None:
            create_client(
                session=session,
                client_id=client_id,
                name=name,
                kind=kind,
                scopes=scopes,
                secret=secret,
                insurer=insurer,
                actor=SEED_ACTOR,
            )
        elif missing := set(scopes) - set(existing.scopes.split()):
            # A local database seeded before the client needed a scope gets it (notify's renders:*).
            before = existing.scopes
            existing.scopes = " ".join(sorted({*existing.scopes.split(), *missing}))
            session.add(existing)
            audit.record(
                session=session,
                actor=SEED_ACTOR,
                action="client.scopes",
                entity="client",
                entity_id=client_id,
                before={"scopes": before},
                after={"scopes": existing.scopes},
            )


def seed(session: Session) -> bool:
    """Create the demo once; return False when it was already there (the data is kept)."""
    ensure_users_and_clients(session)
    existing = session.exec(select(Case).where(Case.name == DEMO_CASE_NAME)).first()
    if existing is not None:
        ensure_filing_settings(session, existing)  # a demo seeded before filing settings existed gets them
        return False
    case = Case(
        name=DEMO_CASE_NAME,
        title="損害賠償等請求事件",
        defendant_name="株式会社デモクラウドシステム",
        defendant_address="〒530-0000 大阪府大阪市北区架空町1丁目2番3号",
        defendant_representative="代表取締役 見本 一郎",
        court="大阪地方裁判所",
        incident_date=date(2023, 6, 5),
        reputation_amount=1_000_000,
    )
    session.add(case)
    session.flush()
    assert case.id is not None
    mediation_1 = Proceeding(
        case_id=case.id,
        kind="mediation",
        name="第1次調停",
        court="大阪地方裁判所",
        filed_on=date(2024, 5, 23),
        status="failed",
    )
    mediation_2 = Proceeding(
        case_id=case.id,
        kind="mediation",
        name="第2次調停",
        court="大阪地方裁判所",
        filed_on=date(2024, 6, 17),
        status="failed",
    )
    lawsuit = Proceeding(
        case_id=case.id,
        kind="lawsuit",
        name="本訴訟",
        court="大阪地方裁判所民事部",
        filed_on=date(2025, 7, 1),
        status="pending",
    )
    session.add_all([mediation_1, mediation_2, lawsuit])
    session.flush()
    mediation_1_id, mediation_2_id, lawsuit_id = (_id(p) for p in (mediation_1, mediation_2, lawsuit))

    for n in range(1, CLAIMANT_COUNT + 1):
        claimant = Claimant(case_id=case.id, **_claimant_fields(n))  # type: ignore[arg-type]
        session.add(claimant)
        session.flush()
        assert claimant.id is not None
        session.add_all(_intake_records(claimant.id, n, Stage(claimant.stage), claimant.insured))
        session.add_all(_damage_items(claimant, case, n))
        mediation_id, number = (mediation_1_id, n) if n <= MEDIATION_1_SIZE else (mediation_2_id, n - MEDIATION_1_SIZE)
        session.add(ProceedingMember(proceeding_id=mediation_id, claimant_id=claimant.id, number=number))
        session.add(ProceedingMember(proceeding_id=lawsuit_id, claimant_id=claimant.id, number=n))

    seed_exhibits(session, case)
    ensure_filing_settings(session, case)

    # Past mediation sessions are history: recorded as they were, with no notices.
    for when in (_jst(2024, 10, 4, 13, 30), _jst(2024, 11, 19, 10)):
        session.add(
            Hearing(
                proceeding_id=mediation_1_id,
                kind=HearingKind.mediation_session.value,
                starts_at=when.astimezone(UTC),
                place="大阪地方裁判所 調停室",
                status="held",
            )
        )
    # Upcoming hearings go through the service, so notify is told and the claimants get their notices.
    for kind, when, place in (
        (HearingKind.oral_argument, _jst(2027, 1, 20, 10, 30), "大阪地方裁判所 本館 第1001号法廷"),
        (HearingKind.preparatory, _jst(2027, 3, 10, 14), "大阪地方裁判所（ウェブ会議）"),
    ):
        create_hearing(
            session=session,
            data=HearingCreate(proceeding_id=lawsuit_id, kind=kind, starts_at=when, place=place),
            actor=SEED_ACTOR,
        )
    log.info("demo data created: case %s with %s claimants", case.id, CLAIMANT_COUNT)
    return True
