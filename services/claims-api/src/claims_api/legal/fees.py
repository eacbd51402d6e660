"""訴額 (訴訟の目的の価額), the court filing fee (手数料, 印紙代) and its apportionment among plaintiffs.

The fee scales are data (``SUIT_FEE_SCALE``, ``MEDIATION_FEE_SCALE``), taken from 民訴費用法 別表第一 as in
force since 2004-01-01. ``filing_fee`` returns the 別表第一 amount only: postal costs (予納郵券, folded into
the fee from 2026-05-21 in an amount not yet confirmed) are a separate line (legal-rules.md §2 Unconfirmed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from claims_api.legal._checks import require_yen

__all__ = [
    "MEDIATION_FEE_SCALE",
    "SUIT_FEE_SCALE",
    "UNCOMPUTABLE_VALUE",
    "FeeBracket",
    "FeeKind",
    "FeeScale",
    "claim_value",
    "fee_shares",
    "filing_fee",
    "suit_fee_after_mediation_credit",
]

FeeKind = Literal["suit", "mediation", "appeal", "jokoku", "shiharai_tokusoku"]

# 訴額 deemed when the value cannot be computed (民訴費用法4条2項, 7項); callers pass it to filing_fee.
UNCOMPUTABLE_VALUE = 1_600_000


@dataclass(frozen=True)
class FeeBracket:
    """The part of the value above the previous bracket's ``upper`` and up to this ``upper`` (None: no limit)
    costs ``price`` yen for every ``unit`` yen or part of a unit (「…までごとに」)."""

    upper: int | None
    unit: int
    price: int


@dataclass(frozen=True)
class FeeScale:
    source: str
    brackets: tuple[FeeBracket, ...]


SUIT_FEE_SCALE = FeeScale(
    "民訴費用法 別表第一 1項 (訴えの提起)",
    (
        FeeBracket(1_000_000, 100_000, 1_000),
        FeeBracket(5_000_000, 200_000, 1_000),
        FeeBracket(10_000_000, 500_000, 2_000),
        FeeBracket(1_000_000_000, 1_000_000, 3_000),
        FeeBracket(5_000_000_000, 5_000_000, 10_000),
        FeeBracket(None, 10_000_000, 10_000),
    ),
)

MEDIATION_FEE_SCALE = FeeScale(
    "民訴費用法 別表第一 14項 (民事調停の申立て)",
    (
        FeeBracket(1_000_000, 100_000, 500),
        FeeBracket(5_000_000, 200_000, 500),
        FeeBracket(10_000_000, 500_000, 1_000),
        FeeBracket(1_000_000_000, 1_000_000, 1_200),
        FeeBracket(5_000_000_000, 5_000_000, 4_000),
        FeeBracket(None, 10_000_000, 4_000),
    ),
)


def claim_value(principals: Iterable[int]) -> int:
    """訴額 of one complaint: the sum of the principal of every claim of every plaintiff (民訴法9条1項).

    Pass principal amounts only: interest and 遅延損害金 claimed with them are 附帯請求 and not counted
    (民訴法9条2項). Joint plaintiffs' claims are added up (最一小決令和5年10月19日). Empty → 0.
    """
    return sum(require_yen("principal", p) for p in principals)


def _scale_fee(amount: int, scale: FeeScale) -> int:
    fee = 0
    lower = 0
    for bracket in scale.brackets:
        top = amount if bracket.upper is None else min(amount, bracket.upper)
        if top <= lower:
            break
        fee += -(-(top - lower) // bracket.unit) * bracket.price  # each started unit counts in full
        if bracket.upper is None:
            break
        lower = bracket.upper
    return fee


def filing_fee(amount: int, kind: FeeKind) -> int:
    """Filing fee in yen for a claim of value ``amount`` (民訴費用法3条1項, 別表第一).

    - "suit": 訴えの提起, 別表第一 1項;
    - "mediation": 民事調停の申立て, 別表第一 14項 (exactly half the suit fee up to 1,000万円, less above);
    - "appeal": 控訴の提起, 1項の額の1.5倍 (2項); "jokoku": 上告の提起, 2倍 (3項);
    - "shiharai_tokusoku": 支払督促の申立て, 2分の1 (10項).
    The suit fee is a multiple of 1,000 yen, so the multiples leave no fraction. A value that cannot be
    computed is passed as ``UNCOMPUTABLE_VALUE`` (160万円) by the caller.
    """
    require_yen("amount", amount)
    if kind == "mediation":
        return _scale_fee(amount, MEDIATION_FEE_SCALE)
    suit = _scale_fee(amount, SUIT_FEE_SCALE)
    if kind == "suit":
        return suit
    if kind == "appeal":
        return suit * 3 // 2
    if kind == "jokoku":
        return suit * 2
    if kind == "shiharai_tokusoku":
        return suit // 2
    raise ValueError(f"unknown fee kind {kind!r}")


def fee_shares(total_fee: int, claims: list[int]) -> list[int]:
    """Split ``total_fee`` among plaintiffs in proportion to their claims, in whole yen.

    最一小決令和5年10月19日 apportions the fee on the combined 訴額 by each plaintiff's claim but fixes no
    rounding. The firm's choice: each share is first truncated, and the yen left over go one each to the
    largest fractional remainders, earlier plaintiffs first on a tie, so the shares add up to ``total_fee``
    exactly (largest remainder method). All claims zero: only a zero fee can be split.
    """
    require_yen("total_fee", total_fee)
    for claim in claims:
        require_yen("claim", claim)
    whole = sum(claims)
    if whole == 0:
        if total_fee:
            raise ValueError("cannot apportion a fee over claims that add up to 0")
        return [0] * len(claims)
    shares = [total_fee * c // whole for c in claims]
    leftover = total_fee - sum(shares)
    by_remainder = sorted(range(len(claims)), key=lambda i: (-(total_fee * claims[i] % whole), i))
    for i in by_remainder[:leftover]:
        shares[i] += 1
    return shares


def suit_fee_after_mediation_credit(suit_fee: int, mediation_fee_paid: int) -> int:
    """Suit fee still to pay when a mediation fee already paid is credited (floored at 0).

    Applies only when the suit is filed within 2 weeks of notice that the mediation failed (民事調停法19条;
    民訴費用法5条, whose text was not checked — legal-rules.md §2.2). Whether the credit applies is the
    caller's decision; this function does the arithmetic only.
    """
    require_yen("suit_fee", suit_fee)
    require_yen("mediation_fee_paid", mediation_fee_paid)
    return max(0, suit_fee - mediation_fee_paid)
