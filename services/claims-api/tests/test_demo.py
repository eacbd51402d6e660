from __future__ import annotations

import re

from builders import auth
from sqlmodel import col, func, select

from claims_api import demo
from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.cases.models import Case, Proceeding
from claims_api.claimants.models import Claimant
from claims_api.damages.service import summary
from claims_api.filings import demo as filings_demo
from claims_api.filings.models import CaseCounsel, CaseFilingSettings
from claims_api.users.models import Client


def test_demo_seed_is_complete_deterministic_and_idempotent(client, session):
    assert demo.seed(session) is True
    session.commit()
    assert session.exec(select(func.count()).select_from(Claimant)).one() == 151
    first, second = session.exec(select(Claimant).order_by(Claimant.id).limit(2)).all()
    one = summary(session=session, claimant_id=first.id)
    assert (one.contract_total, one.unjust_enrichment_total, one.total) == (1_001_698, 99_000, 1_100_698)
    assert summary(session=session, claimant_id=second.id).total == 1_200_000
    assert all(c.email and c.email.endswith(("@example.jp", "@example.com")) for c in session.exec(select(Claimant)))
    assert demo.seed(session) is False
    assert demo._claimant_fields(42) == demo._claimant_fields(42)


def test_demo_claimants_have_distinct_names_and_registration_numbers():
    fields = [demo._claimant_fields(n) for n in range(1, demo.CLAIMANT_COUNT + 1)]
    assert len({f["name"] for f in fields}) == demo.CLAIMANT_COUNT
    assert len({f["registration_no"] for f in fields}) == demo.CLAIMANT_COUNT


def test_demo_offices_could_use_the_service_again_only_after_its_restart():
    dates = [demo._claimant_fields(n)["service_usable_on"] for n in range(1, demo.CLAIMANT_COUNT + 1)]
    assert all(d is None or d >= demo.SERVICE_RESTARTED_ON for d in dates)
    assert dates[0].isoformat() == "2023-07-04"  # plaintiff 1 could not use it from 1 to 3 July (seed 000)


def test_the_demo_case_has_synthetic_counsel_and_the_draft_complaints_texts(client, session, app_state):
    assert demo.seed(session) is True
    session.commit()
    case = session.exec(select(Case).where(Case.name == demo.DEMO_CASE_NAME)).one()
    settings = client.get(f"/api/v1/cases/{case.id}/filing-settings", headers=auth(app_state, Role.viewer)).json()
    assert settings["office"] == {
        "name": "みなと総合法律事務所",
        "postal_code": "100-0013",
        "address": "東京都千代田区霞が関一丁目1番1号 霞が関ビル4階",
        "phone": "03-0000-0000",
        "fax": "03-0000-0001",
    }
    assert settings["counsel"] == [
        {"name": "甲野 太郎", "title": "弁護士"},
        {"name": "乙山 花子", "title": "弁護士"},
        {"name": "丙川 次郎", "title": "弁護士"},
    ]
    texts = settings["texts"]
    cause = texts["complaint_cause"].split("\n")
    headings = [line for line in cause if re.fullmatch(r"\d \S+", line)]
    assert headings == [
        "1 当事者",
        "2 事案の概要",
        "3 本件ランサムウェア事故の経緯",
        "4 契約上の責任",
        "5 損害",
        "6 値上げ分の不当利得返還請求",
        "7 結語",
    ]
    assert set(re.findall(r"\{(\w+)\}", texts["complaint_cause"])) == {
        "defendant_name",
        "incident_date",
        "plaintiff_count",
        "reputation_amount",
        "total",
    }
    assert "原告1人あたり{reputation_amount}を下らない" in texts["complaint_cause"]
    assert all(line.strip() == line and line for line in cause)  # one paragraph per line, no blank lines
    assert texts["related_facts"].startswith("1 民事調停申立てに至る経緯\n")
    assert "申立人を130名とする" in texts["related_facts"] and "21名" in texts["related_facts"]
    assert "{defendant_name}" in texts["mediation_dispute"]
    assert texts["mediation_resolution_items"] == [
        "個人情報等の流出等による損害についての保証",
        "免責規定の改定",
        "システムを監査・監督できる仕組みの構築",
        "一方的な値上げの撤回等と規定の改定",
        "サービスレベルの合意",
    ]
    # Nothing of the real draft's people or vendor: the team, their firm and the vendor's name are replaced.
    everything = repr(settings)
    for real in ("牧野", "牧 野", "森 悟", "エムケイ", "三宅"):
        assert real not in everything


def test_the_demos_corporations_have_representatives_and_the_lawsuit_lists_every_claimant(client, session, app_state):
    demo.seed(session)
    session.commit()
    case = session.exec(select(Case).where(Case.name == demo.DEMO_CASE_NAME)).one()
    lawsuit = session.exec(select(Proceeding).where(Proceeding.case_id == case.id, Proceeding.kind == "lawsuit")).one()
    parties = client.get(
        f"/api/v1/cases/{case.id}/parties", params={"proceeding_id": lawsuit.id}, headers=auth(app_state)
    ).json()
    plaintiffs = parties["plaintiffs"]
    assert [p["number"] for p in plaintiffs] == list(range(1, demo.CLAIMANT_COUNT + 1))
    corporations = [p for p in plaintiffs if p["kind"] == "sr_corporation"]
    assert corporations and all(p["representative"] == f"代表社員 {p['name']}" for p in corporations)
    assert all(p["representative"] is None for p in plaintiffs if p["kind"] == "sr_individual")
    assert demo._claimant_fields(9)["representative"] == f"代表社員 {demo._claimant_fields(9)['name']}"


def test_a_demo_seeded_before_filing_settings_gets_them_once(client, session):
    assert demo.seed(session) is True
    session.commit()
    case = session.exec(select(Case).where(Case.name == demo.DEMO_CASE_NAME)).one()
    for row in session.exec(select(CaseCounsel)).all():
        session.delete(row)
    for row in session.exec(select(CaseFilingSettings)).all():
        session.delete(row)
    session.commit()

    assert demo.seed(session) is False
    session.commit()
    stored = session.exec(select(CaseFilingSettings).where(CaseFilingSettings.case_id == case.id)).one()
    assert stored.complaint_cause == filings_demo.COMPLAINT_CAUSE
    names = session.exec(select(CaseCounsel.name).order_by(col(CaseCounsel.position))).all()
    assert names == ["甲野 太郎", "乙山 花子", "丙川 次郎"]
    assert demo.seed(session) is False
    session.commit()
    assert session.exec(select(func.count()).select_from(CaseFilingSettings)).one() == 1


def test_the_notify_client_may_have_docs_render_print_the_breach_notices(client, session, monkeypatch):
    monkeypatch.setenv("NOTIFY_CLAIMS_API__CLIENT_SECRET", "notify demo secret")
    demo.ensure_users_and_clients(session)
    session.commit()
    response = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "notify", "client_secret": "notify demo secret"},
    )
    assert response.status_code == 200, response.text
    assert set(response.json()["scope"].split()) == {
        "claims:read",
        "cases:read",
        "hearings:read",
        "renders:read",
        "renders:write",
    }


def test_a_local_database_seeded_before_notify_rendered_letters_gets_the_scopes(client, session):
    demo.ensure_users_and_clients(session)
    notify = session.exec(select(Client).where(Client.client_id == "notify")).one()
    notify.scopes = "cases:read claims:read hearings:read"
    session.add(notify)
    session.commit()

    demo.ensure_users_and_clients(session)
    session.commit()
    session.refresh(notify)
    assert notify.scopes == "cases:read claims:read hearings:read renders:read renders:write"
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "client.scopes")).one()
    assert entry.entity_id == "notify"
    assert entry.detail["before"] == {"scopes": "cases:read claims:read hearings:read"}
    demo.ensure_users_and_clients(session)
    session.commit()
    assert len(session.exec(select(AuditEntry).where(AuditEntry.action == "client.scopes")).all()) == 1
