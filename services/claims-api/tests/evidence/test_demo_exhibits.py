"""The demo case carries the common exhibits the draft complaint cites and a few claimants' own exhibits."""

from __future__ import annotations

from sqlmodel import col, select

from claims_api import demo
from claims_api.cases.models import Case
from claims_api.claimants.models import Claimant
from claims_api.evidence import service


def test_the_demo_exhibits_are_numbered_as_the_draft_complaint_cites_them(client, session):
    assert demo.seed(session) is True
    session.commit()
    case = session.exec(select(Case).where(Case.name == demo.DEMO_CASE_NAME)).one()

    common = service.list_case(session=session, case_id=case.id, common=True).items
    by_label = {e.short_label: e for e in common}
    assert [e.short_label for e in common] == ["甲1の1", "甲1の2"] + [f"甲{n}" for n in range(2, 13)]
    assert by_label["甲1の1"].title == "ネットde社労夢契約書"
    assert by_label["甲1の2"].title == "社労夢ハウス利用契約書"
    assert by_label["甲8"].author == "個人情報保護委員会" and by_label["甲8"].made_on.isoformat() == "2024-03-25"
    assert by_label["甲1の1"].author == case.defendant_name

    first, second, third = session.exec(
        select(Claimant).where(Claimant.case_id == case.id).order_by(col(Claimant.id)).limit(3)
    ).all()
    own = {
        c.id: [e.label for e in service.list_claimant(session=session, claimant_id=c.id)]
        for c in (first, second, third)
    }
    assert own == {
        first.id: ["甲第13号証の1", "甲第13号証の4", "甲第13号証の5"],
        second.id: ["甲第14号証の1", "甲第14号証の2"],
        third.id: ["甲第15号証の3", "甲第15号証の6"],
    }
    contract = service.list_claimant(session=session, claimant_id=first.id)[0]
    assert contract.author == f"{first.office_name}及び{case.defendant_name}"
    assert demo.seed(session) is False
    assert service.list_case(session=session, case_id=case.id).total == 13 + 7
