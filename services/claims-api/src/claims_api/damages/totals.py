"""Principal totals per claimant, split by legal basis: one GROUP BY for lists and the claim table."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Subquery, func
from sqlalchemy import case as sql_case
from sqlmodel import col, select

from claims_api.damages.heads import HEADS, LegalBasis
from claims_api.damages.models import DamageItem

_UNJUST_HEADS = [h.value for h, info in HEADS.items() if info.legal_basis is LegalBasis.unjust_enrichment]


def totals_by_claimant(claimant_ids: Sequence[int] | None = None) -> Subquery:
    """Columns: `claimant_id`, `contract` (契約上の損害賠償), `unjust` (不当利得); claimants without items
    have no row (outer-join and coalesce to 0). Items the office claims from its insurer are left out: they are
    not claimed from the vendor. Pass `claimant_ids` when only a page of claimants is needed:
    aggregating every item and then paging is slow on PostgreSQL."""
    is_unjust = col(DamageItem.head).in_(_UNJUST_HEADS)
    query = select(
        DamageItem.claimant_id,
        func.sum(sql_case((is_unjust, 0), else_=DamageItem.amount)).label("contract"),
        func.sum(sql_case((is_unjust, DamageItem.amount), else_=0)).label("unjust"),
    )
    query = query.where(DamageItem.claimed_from == "vendor")
    if claimant_ids is not None:
        query = query.where(col(DamageItem.claimant_id).in_(claimant_ids))
    return query.group_by(col(DamageItem.claimant_id)).subquery()
