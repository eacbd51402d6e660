"""Every figure of the dashboard against what the claim table, the filing-fee endpoint and the claimant list give
for the same case: the dashboard computes them its own way (grouped queries), so they are checked here on a case
with a bit of everything, not only on the hand-counted one of test_router."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from builders import auth, make_case, make_claimant, make_proceeding
from fastapi.testclient import TestClient
from sqlmodel import Session

from bengodan_common.db import utcnow
from bengodan_common.japanese import TOKYO
from claims_api.auth.roles import Role
from claims_api.cases.models import ProceedingMember
from claims_api.claimants.models import ClaimantChecklistEntry, ClaimantDeficiency, ClaimantDuplicateFlag
from claims_api.claimants.stages import STAGE_ORDER, applicable_items
from claims_api.damages.heads import HEADS, LegalBasis
from claims_api.damages.models import DamageItem

CLAIMANTS = 48


def _seed(session: Session) -> dict[str, Any]:
    """48 claimants in every stage, with up to six items of varied amounts (some claimed from the insurer, some
    claimants with none or only insured ones); two mediations, a lawsuit, a proceeding whose members claim
    nothing from the vendor and an empty one; checklists from empty to complete (with entries recorded as not
    received); deficiency notes open, overdue, due today and resolved; duplicate flags raised on either side,
    dismissed, and with a claimant of another case. The other case has data of its own that must not count."""
    today = utcnow().astimezone(TOKYO).date()
    case = make_case(session)
    other_case = make_case(session)
    mediation_1 = make_proceeding(session, case, kind="mediation", name="第1次調停", court="大阪簡易裁判所")
    mediation_2 = make_proceeding(session, case, kind="mediation", name="第2次調停", court="大阪簡易裁判所")
    lawsuit = make_proceeding(session, case, name="本訴訟")
    insured_only = make_proceeding(session, case, name="保険請求分のみ")
    empty = make_proceeding(session, case, kind="mediation", name="未申立て")
    elsewhere = make_proceeding(session, other_case, name="別事件")
    claimants = [
        make_claimant(session, case, stage=STAGE_ORDER[n % len(STAGE_ORDER)].value, insured=n % 4 == 0)
        for n in range(CLAIMANTS)
    ]
    strangers = [make_claimant(session, other_case, stage="filed", insured=n == 0) for n in range(3)]
    heads = list(HEADS)
    rows: list[Any] = []
    for n, claimant in enumerate(claimants):
        if n % 11 == 5:
            continue  # no items at all
        for k, head in enumerate(heads[: 1 + n % len(heads)]):
            amount = 1_000_000 if head.value == "reputation" else (n * 7_919 + k * 104_729) % 900_000 + 1
            insurer = (claimant.insured and (n + k) % 3 == 0) or n % 11 == 7
            rows.append(
                DamageItem(
                    claimant_id=claimant.id,
                    head=head.value,
                    amount=amount,
                    claimed_from="insurer" if insurer else "vendor",
                )
            )
    rows += [DamageItem(claimant_id=s.id, head="reputation", amount=9_000_000) for s in strangers]
    for proceeding, members in [
        (mediation_1, claimants[:20]),
        (mediation_2, claimants[20:40]),
        (lawsuit, claimants[:40:3] + claimants[1:40:3]),
        (insured_only, [c for n, c in enumerate(claimants) if n % 11 in (5, 7)]),
        (elsewhere, strangers),
    ]:
        rows += [
            ProceedingMember(proceeding_id=proceeding.id, claimant_id=c.id, number=number)
            for number, c in enumerate(members, start=1)
        ]
    for n, claimant in enumerate([*claimants, *strangers]):
        items = applicable_items(insured=claimant.insured)
        for k, item in enumerate(items[: n % (len(items) + 1)]):
            received = None if (n + k) % 7 == 3 else today - timedelta(days=k)
            rows.append(
                ClaimantChecklistEntry(claimant_id=claimant.id, item=item.value, received_on=received, recorded_by="u")
            )
    for n, claimant in enumerate(claimants):
        if n % 5 == 0:
            rows.append(_note(claimant.id, today + timedelta(days=n % 3 - 1), resolved=n % 15 == 0))
        if n % 10 == 3:
            rows += [_note(claimant.id, today - timedelta(days=30)), _note(claimant.id, today + timedelta(days=30))]
    rows.append(_note(strangers[0].id, today - timedelta(days=1)))
    rows += [
        _flag(claimants[1].id, claimants[2].id),
        _flag(claimants[3].id, claimants[1].id),
        _flag(claimants[4].id, claimants[5].id, dismissed=True),
        _flag(claimants[9].id, claimants[8].id),
        _flag(claimants[12].id, strangers[1].id),
        _flag(strangers[2].id, claimants[13].id),
        _flag(strangers[0].id, strangers[1].id),
    ]
    session.add_all(rows)
    session.commit()
    return {
        "case": case,
        "proceedings": [mediation_1, mediation_2, lawsuit, insured_only, empty],
        "items": [r for r in rows if isinstance(r, DamageItem) and r.claimant_id in {c.id for c in claimants}],
        "today": today,
    }


def _note(claimant_id: int | None, cure_by: date, *, resolved: bool = False) -> ClaimantDeficiency:
    return ClaimantDeficiency(
        claimant_id=claimant_id,
        reason="不備",
        cure_by=cure_by,
        created_by="u",
        resolved_at=utcnow() if resolved else None,
        resolved_by="u" if resolved else None,
    )


def _flag(claimant_id: int | None, other_id: int | None, *, dismissed: bool = False) -> ClaimantDuplicateFlag:
    return ClaimantDuplicateFlag(
        claimant_id=claimant_id,
        other_id=other_id,
        reasons="email",
        dismissed_at=utcnow() if dismissed else None,
        dismissed_by="u" if dismissed else None,
    )


def _listed(client: TestClient, headers: dict[str, str], **params: Any) -> list[dict[str, Any]]:
    page = client.get("/api/v1/claimants", params={**params, "limit": 500}, headers=headers).json()
    assert page["total"] == len(page["items"])
    return page["items"]


def _stage_counts(by_stage: dict[str, Any]) -> dict[str, int]:
    assert [s["stage"] for s in by_stage["stages"]] == [s.value for s in STAGE_ORDER]
    counts = {s["stage"]: s["count"] for s in by_stage["stages"] if s["count"]}
    assert sum(counts.values()) == by_stage["total"]
    return counts


def test_every_dashboard_figure_is_what_the_claim_table_fee_and_claimant_list_say(client, session, app_state):
    seed = _seed(session)
    case_id = seed["case"].id
    headers = auth(app_state, Role.viewer)
    board = client.get(f"/api/v1/cases/{case_id}/dashboard", headers=headers).json()
    everyone = _listed(client, headers, case_id=case_id)
    assert len(everyone) == CLAIMANTS

    # claimants by stage: the whole case, and those in no proceeding
    assert _stage_counts(board["claimants"]) == Counter(c["stage"] for c in everyone)
    outside = _listed(client, headers, case_id=case_id, in_proceeding=False)
    assert outside and _stage_counts(board["not_in_proceeding"]) == Counter(c["stage"] for c in outside)

    # per proceeding: members by stage, the claim table's sums, the filing-fee endpoint's 訴額, kind and fee
    assert [p["proceeding_id"] for p in board["proceedings"]] == [p.id for p in seed["proceedings"]]
    fees = []
    for figures, proceeding in zip(board["proceedings"], seed["proceedings"], strict=True):
        params = {"proceeding_id": proceeding.id}
        table = client.get(f"/api/v1/cases/{case_id}/claim-table", params=params, headers=headers).json()["totals"]
        fee = client.get(f"/api/v1/cases/{case_id}/filing-fee", params=params, headers=headers).json()
        members = _listed(client, headers, case_id=case_id, proceeding_id=proceeding.id)
        assert (figures["name"], figures["kind"]) == (proceeding.name, proceeding.kind)
        assert _stage_counts(figures["claimants"]) == Counter(c["stage"] for c in members)
        assert figures["claimants"]["total"] == table["plaintiffs"] == len(fee["shares"])
        assert (figures["contract_damages"], figures["unjust_enrichment"]) == (
            table["contract_damages"],
            table["unjust_enrichment"],
        )
        assert figures["claim_value"] == table["total"] == fee["claim_value"]
        assert (figures["fee_kind"], figures["filing_fee"]) == (fee["kind"], fee["fee"])
        fees.append((figures["fee_kind"], figures["claim_value"] > 0, figures["filing_fee"] > 0))
    # the case exercises both fee scales, a proceeding claiming nothing from the vendor and an empty one
    assert fees == [
        ("mediation", True, True),
        ("mediation", True, True),
        ("suit", True, True),
        ("suit", False, False),
        ("mediation", False, False),
    ]
    assert board["proceedings"][3]["claimants"]["total"] > 0 and board["proceedings"][4]["claimants"]["total"] == 0

    # damages: the whole case's claim table by legal basis, the list's totals, and each head from the items stored
    damages = board["damages"]
    whole = client.get(f"/api/v1/cases/{case_id}/claim-table", headers=headers).json()["totals"]
    assert [(b["legal_basis"], b["amount"]) for b in damages["legal_bases"]] == [
        ("contract", whole["contract_damages"]),
        ("unjust_enrichment", whole["unjust_enrichment"]),
    ]
    assert damages["vendor_total"] == whole["total"] == sum(c["total"] for c in everyone)
    expected: dict[tuple[str, str], list[int]] = {}
    for item in seed["items"]:
        expected.setdefault((item.head, item.claimed_from), []).append(item.amount)
    for head in damages["heads"]:
        vendor, insurer = expected.get((head["head"], "vendor"), []), expected.get((head["head"], "insurer"), [])
        assert (head["vendor_amount"], head["vendor_items"]) == (sum(vendor), len(vendor)), head
        assert (head["insurer_amount"], head["insurer_items"]) == (sum(insurer), len(insurer)), head
    assert damages["insurer_total"] == sum(sum(v) for (_, source), v in expected.items() if source == "insurer") > 0
    basis_of = {h.value: info.legal_basis for h, info in HEADS.items()}
    assert (
        sum(h["vendor_amount"] for h in damages["heads"] if basis_of[h["head"]] is LegalBasis.contract)
        == (whole["contract_damages"])
    )

    # claimants needing work: the list's filters and the open deficiency notes it shows
    attention = board["attention"]
    assert attention["missing_items"] == len(_listed(client, headers, case_id=case_id, missing=True))
    assert attention["missing_items"] == sum(1 for c in everyone if c["missing_items"])
    assert attention["duplicate_flags"] == len(_listed(client, headers, case_id=case_id, flagged=True))
    assert attention["duplicate_flags"] == sum(1 for c in everyone if c["duplicates"])
    assert attention["open_deficiencies"] == sum(1 for c in everyone if c["deficiencies"])
    today = seed["today"].isoformat()
    overdue = sum(1 for c in everyone if any(d["cure_by"] < today for d in c["deficiencies"]))
    assert attention["overdue_deficiencies"] == overdue
    # none of them is trivially zero or everyone
    for count in attention.values():
        assert 0 < count < CLAIMANTS, attention
