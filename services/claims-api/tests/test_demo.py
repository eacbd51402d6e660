from __future__ import annotations

from sqlmodel import func, select

from claims_api import demo
from claims_api.claimants.models import Claimant
from claims_api.damages.service import summary


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
