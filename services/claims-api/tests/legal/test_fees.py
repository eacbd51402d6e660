"""訴額, filing fees and their apportionment (legal-rules.md §1, §2, §10 vectors 1–9 and 15)."""

from __future__ import annotations

import random

import pytest

from bengodan_common.japanese import yen_ja
from claims_api.legal import (
    MEDIATION_FEE_SCALE,
    SUIT_FEE_SCALE,
    UNCOMPUTABLE_VALUE,
    claim_value,
    fee_shares,
    filing_fee,
    suit_fee_after_mediation_credit,
)

MAN = 10_000
OKU = 100_000_000


@pytest.mark.parametrize(
    ("amount", "kind", "expected"),
    [
        (1_100_698, "suit", 11_000),  # 1
        (5_000_000, "suit", 30_000),  # 2
        (6_300_000, "suit", 36_000),  # 3: the last 30万 counts as one 50万 unit
        (786_543_000, "suit", 2_381_000),  # 4: 777 units in bracket 4, not 770
        (150_000_000, "suit", 470_000),  # 5
        (1_600_000, "suit", 13_000),  # 6
        (100_000_000, "suit", 320_000),  # 6
        (300_000, "mediation", 1_500),  # 7
        (1_000_000, "mediation", 5_000),  # 7
        (10_000_000, "mediation", 25_000),  # 7
        (1_100_698, "mediation", 5_500),  # 8
        (5_000_000, "mediation", 15_000),  # 8
        (150_000_000, "mediation", 193_000),  # 8
        (1_000_000_000, "suit", 3_020_000),  # §2.3, Wikipedia diff
        (500_000, "mediation", 2_500),  # §2.2 民事調停協会
        (2_000_000, "mediation", 7_500),  # §2.2 kininaru12
    ],
)
def test_vectors_1_to_8(amount: int, kind: str, expected: int) -> None:
    assert filing_fee(amount, kind) == expected  # type: ignore[arg-type]


def test_vector_9_joint_suit_adds_up_the_plaintiffs_claims() -> None:
    value = claim_value([1_100_698, 1_200_000])
    assert value == 2_300_698
    assert filing_fee(value, "suit") == 17_000
    assert filing_fee(1_100_698, "suit") + filing_fee(1_200_000, "suit") == 22_000


def test_one_plaintiffs_two_legal_bases_are_added_too() -> None:
    assert claim_value([1_001_698, 99_000]) == 1_100_698


def test_vector_15_pleading_style_yen() -> None:
    assert yen_ja(1_100_698) == "110万698円"
    assert yen_ja(35_000) == "3万5000円"


def test_wikipedia_figure_for_50_oku_is_wrong() -> None:
    # §2 disagreement: 3,020,000 + 800 × 10,000 = 11,020,000, not 9,020,000;
    # and 100億 → 16,020,000, not 14,020,000.
    assert filing_fee(50 * OKU, "suit") == 11_020_000
    assert filing_fee(100 * OKU, "suit") == 16_020_000


def test_derived_kinds() -> None:
    assert filing_fee(1_100_698, "appeal") == 16_500  # 別表第一 2項: 1.5倍
    assert filing_fee(1_100_698, "jokoku") == 22_000  # 3項: 2倍
    assert filing_fee(1_100_698, "shiharai_tokusoku") == 5_500  # 10項: 2分の1
    assert filing_fee(UNCOMPUTABLE_VALUE, "suit") == 13_000


def test_edges_and_refusals() -> None:
    assert filing_fee(0, "suit") == 0
    assert filing_fee(0, "mediation") == 0
    assert filing_fee(1, "suit") == 1_000
    assert filing_fee(1, "mediation") == 500
    with pytest.raises(ValueError):
        filing_fee(-1, "suit")
    with pytest.raises(TypeError):
        filing_fee(1_000.0, "suit")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        filing_fee(1_000, "small_claims")  # type: ignore[arg-type]


def _closed_form_suit(amount: int) -> int:
    """実務の友's closed forms, x = 訴額 rounded up to the top bracket's unit, in 万円 (§2.1): an independent
    formula to check the bracket data against."""

    def x(unit: int) -> int:
        return -(-amount // unit) * unit // MAN

    if amount <= 100 * MAN:
        return 100 * x(10 * MAN)
    if amount <= 500 * MAN:
        return 50 * x(20 * MAN) + 5_000
    if amount <= 1_000 * MAN:
        return 40 * x(50 * MAN) + 10_000
    if amount <= 10 * OKU:
        return 30 * x(100 * MAN) + 20_000
    if amount <= 50 * OKU:
        return 20 * x(500 * MAN) + 1_020_000
    return 10 * x(1_000 * MAN) + 6_020_000


def _sample_amounts(rng: random.Random, upper: int, count: int) -> list[int]:
    """Every unit boundary ±1 of every bracket below ``upper``, plus ``count`` random amounts."""
    amounts = {0, 1, upper}
    lower = 0
    for bracket in SUIT_FEE_SCALE.brackets:
        top = upper if bracket.upper is None else min(bracket.upper, upper)
        for edge in range(lower, top + 1, bracket.unit):
            amounts.update({edge - 1, edge, edge + 1})
        if bracket.upper is None or bracket.upper >= upper:
            break
        lower = bracket.upper
    amounts.update(rng.randrange(upper + 1) for _ in range(count))
    return sorted(a for a in amounts if 0 <= a <= upper)


def test_mediation_is_exactly_half_up_to_10_million_and_less_above() -> None:
    rng = random.Random(14)
    below = _sample_amounts(rng, 1_000 * MAN, 3_000)
    assert len(below) > 3_000
    for amount in below:
        assert filing_fee(amount, "mediation") * 2 == filing_fee(amount, "suit"), amount
    above = [1_000 * MAN + 1, 10 * OKU, 10 * OKU + 1, 50 * OKU, 50 * OKU + 1, 200 * OKU]
    above += [rng.randrange(1_000 * MAN + 1, 500 * OKU) for _ in range(1_000)]
    for amount in above:
        assert filing_fee(amount, "mediation") * 2 < filing_fee(amount, "suit"), amount


def test_suit_fee_matches_the_closed_forms_and_never_decreases() -> None:
    rng = random.Random(1)
    amounts = _sample_amounts(rng, 60 * OKU, 3_000)
    # Bracket 5 and 6 boundaries too (the sampler walks units only up to 60億).
    amounts = sorted({*amounts, *(rng.randrange(60 * OKU, 1_000 * OKU) for _ in range(500))})
    for kind in ("suit", "mediation", "appeal", "jokoku", "shiharai_tokusoku"):
        fees = [filing_fee(a, kind) for a in amounts]
        assert fees == sorted(fees), kind
    for amount in amounts:
        if amount > 0:
            assert filing_fee(amount, "suit") == _closed_form_suit(amount), amount


def test_scales_have_matching_bracket_boundaries() -> None:
    suit = [(b.upper, b.unit) for b in SUIT_FEE_SCALE.brackets]
    mediation = [(b.upper, b.unit) for b in MEDIATION_FEE_SCALE.brackets]
    assert suit == mediation
    for bracket in SUIT_FEE_SCALE.brackets:
        if bracket.upper is not None:
            assert bracket.upper % bracket.unit == 0


def test_claim_value_refuses_negatives_and_counts_nothing_as_zero() -> None:
    assert claim_value([]) == 0
    assert claim_value(iter([0, 0])) == 0
    with pytest.raises(ValueError):
        claim_value([1_000, -1])
    with pytest.raises(TypeError):
        claim_value([1_000.5])  # type: ignore[list-item]


def test_17000_apportioned_between_the_two_plaintiffs() -> None:
    # §1: 17,000 × 1,100,698/2,300,698 = 8,133.2…, 17,000 × 1,200,000/2,300,698 = 8,866.7…;
    # the leftover yen goes to the larger remainder.
    assert fee_shares(17_000, [1_100_698, 1_200_000]) == [8_133, 8_867]


def test_fee_shares_ties_go_to_the_earlier_plaintiff() -> None:
    assert fee_shares(1_000, [1, 1, 1]) == [334, 333, 333]
    assert fee_shares(2, [5, 5, 5]) == [1, 1, 0]
    assert fee_shares(0, [3, 4]) == [0, 0]
    assert fee_shares(0, [0, 0]) == [0, 0]
    assert fee_shares(0, []) == []
    with pytest.raises(ValueError):
        fee_shares(1_000, [0, 0])
    with pytest.raises(ValueError):
        fee_shares(1_000, [5, -1])
    with pytest.raises(ValueError):
        fee_shares(-1, [5])


def test_fee_shares_always_add_up_and_stay_within_one_yen_of_pro_rata() -> None:
    rng = random.Random(20231019)
    for _ in range(2_000):
        claims = [
            rng.choice([0, rng.randrange(1, 5 * MAN), rng.randrange(1, 50_000_000)])
            for _ in range(rng.randrange(1, 40))
        ]
        if not any(claims):
            claims[0] = 1
        total = filing_fee(claim_value(claims), "suit") if rng.random() < 0.7 else rng.randrange(0, 10**7)
        shares = fee_shares(total, claims)
        assert sum(shares) == total
        whole = sum(claims)
        for share, claim in zip(shares, claims, strict=True):
            assert total * claim // whole <= share <= total * claim // whole + 1
            if claim == 0:
                assert share == 0


def test_mediation_credit() -> None:
    assert suit_fee_after_mediation_credit(17_000, 8_500) == 8_500
    assert suit_fee_after_mediation_credit(17_000, 0) == 17_000
    assert suit_fee_after_mediation_credit(5_000, 8_500) == 0
    with pytest.raises(ValueError):
        suit_fee_after_mediation_credit(17_000, -1)
