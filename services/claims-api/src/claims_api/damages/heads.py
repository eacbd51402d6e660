"""The six damage heads, their legal basis and their exhibit slot in the damage schedule (seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LegalBasis(StrEnum):
    contract = "contract"  # 契約に定める損害賠償請求権
    unjust_enrichment = "unjust_enrichment"  # 不当利得返還請求権


class DamageHead(StrEnum):
    staff_cost = "staff_cost"
    onprem_cost = "onprem_cost"
    fee_difference = "fee_difference"
    reputation = "reputation"
    other_loss = "other_loss"
    fee_increase_refund = "fee_increase_refund"


@dataclass(frozen=True)
class HeadInfo:
    label: str
    legal_basis: LegalBasis
    exhibit_slot: int


HEADS: dict[DamageHead, HeadInfo] = {
    DamageHead.staff_cost: HeadInfo("人件費", LegalBasis.contract, 2),
    DamageHead.onprem_cost: HeadInfo("オンプレ版費用", LegalBasis.contract, 3),
    DamageHead.fee_difference: HeadInfo("利用料差額", LegalBasis.contract, 4),
    DamageHead.reputation: HeadInfo("信用毀損", LegalBasis.contract, 5),
    DamageHead.other_loss: HeadInfo("その他実損", LegalBasis.contract, 6),
    DamageHead.fee_increase_refund: HeadInfo("値上げ分の不当利得", LegalBasis.unjust_enrichment, 6),
}
