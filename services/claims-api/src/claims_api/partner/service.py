"""The partner's reads and writes: which claimants an insurer may see, their claims, the change feed, settlements.

Visibility is decided in every query from the claimant's current record (policy with this insurer, consent
given), so a withdrawal hides the claimant on the very next request. Every read and write is audited: one
entry per claimant, naming the client and the parts it received.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Conflict, Invalid, NotFound
from bengodan_common.japanese import exhibit_label
from bengodan_common.settings import S3Settings
from claims_api.audit import service as audit
from claims_api.cases.service import get_case
from claims_api.changes.models import ClaimChange
from claims_api.claimants.models import Claimant
from claims_api.claimants.stages import STAGE_LABELS, Stage
from claims_api.damages.heads import HEADS, DamageHead, LegalBasis
from claims_api.damages.models import DamageItem, InsurerSettlement
from claims_api.damages.service import linked_exhibits
from claims_api.evidence import numbering
from claims_api.evidence.models import Exhibit, ExhibitVersion
from claims_api.evidence.service import current_versions, presigned_get
from claims_api.partner import coverage
from claims_api.partner.schemas import (
    CLAIM_PARTS,
    ChangeEntry,
    ChangePage,
    Coverage,
    CoverageLine,
    EvidenceCheck,
    ExhibitFile,
    PartnerClaim,
    PartnerClaimant,
    PartnerDamageItem,
    PartnerExhibit,
    PartnerPolicy,
    PartnerStage,
    PartnerTotals,
    Settlement,
    SettlementCreate,
)

# Part of every ETag: a change to what the API derives (coverage rules, field shapes) changes every ETag.
REPRESENTATION_VERSION = "1"


@dataclass(frozen=True)
class Partner:
    """The calling client, as its registration says now (not as its token said)."""

    client_id: str
    insurer: str
    scopes: frozenset[str]

    @property
    def actor(self) -> str:
        return f"client:{self.client_id}"


@dataclass(frozen=True)
class ExhibitLinks:
    s3_public: Any
    s3: S3Settings
    ttl_seconds: int


# ---- visibility ------------------------------------------------------------------------------------------


def _visible(partner: Partner) -> ColumnElement[bool]:
    return and_(
        col(Claimant.insured),
        col(Claimant.insurer_sharing_consent),
        col(Claimant.insurer) == partner.insurer,
    )


def _visible_claimant(session: Session, partner: Partner, claim_id: int) -> Claimant:
    claimant = session.exec(select(Claimant).where(Claimant.id == claim_id, _visible(partner))).first()
    if claimant is None:  # the same answer whether it does not exist or is not shared with this insurer
        raise NotFound("claim", claim_id)
    return claimant


# ---- cursors ---------------------------------------------------------------------------------------------


def encode_cursor(kind: str, position: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{position}".encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str, *, field: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, position = text.partition(":")
        if prefix != kind or not position.isdigit():
            raise ValueError(text)
        return int(position)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid(field, "not a cursor this API issued") from exc


# ---- claims ----------------------------------------------------------------------------------------------


def _last_changes(session: Session, claimant_ids: Sequence[int]) -> dict[int, tuple[int, datetime]]:
    """Per claimant: the id and time of its last change (every claimant has at least its first)."""
    if not claimant_ids:
        return {}
    last = (
        select(ClaimChange.claimant_id, func.max(ClaimChange.id).label("last_id"))
        .where(col(ClaimChange.claimant_id).in_(claimant_ids))
        .group_by(col(ClaimChange.claimant_id))
        .subquery()
    )
    rows = session.exec(
        select(ClaimChange.claimant_id, ClaimChange.id, ClaimChange.at).join(
            last, col(ClaimChange.id) == last.c.last_id
        )
    ).all()
    return {claimant_id: (change_id or 0, at) for claimant_id, change_id, at in rows}


def claim_etag(last_change_id: int, parts: Sequence[str]) -> str:
    selected = "".join(str(CLAIM_PARTS.index(p)) for p in parts)
    return f'"{REPRESENTATION_VERSION}.{last_change_id}.{selected}"'


def list_claims(
    *,
    session: Session,
    partner: Partner,
    parts: Sequence[str],
    limit: int,
    after_id: int | None,
    updated_since: datetime | None,
    links: ExhibitLinks,
) -> tuple[list[PartnerClaim], int | None]:
    """A page in claimant id order, and the id to continue after (None on the last page)."""
    query = select(Claimant).where(_visible(partner))
    if after_id is not None:
        query = query.where(col(Claimant.id) > after_id)
    if updated_since is not None:
        changed = select(ClaimChange.claimant_id).where(col(ClaimChange.at) >= updated_since)
        query = query.where(col(Claimant.id).in_(changed))
    claimants = list(session.exec(query.order_by(col(Claimant.id)).limit(limit + 1)))
    more = len(claimants) > limit
    claimants = claimants[:limit]
    claims = _claims(session, claimants, parts, links)
    _audit_reads(session, partner, [c.id for c in claims], parts, action="partner.claims.list")
    return claims, (claimants[-1].id if more and claimants else None)


def get_claim(
    *, session: Session, partner: Partner, claim_id: int, parts: Sequence[str], links: ExhibitLinks
) -> tuple[PartnerClaim, str]:
    claimant = _visible_claimant(session, partner, claim_id)
    claim = _claims(session, [claimant], parts, links)[0]
    _audit_reads(session, partner, [claim.id], parts, action="partner.claims.read")
    return claim, claim_etag(_last_changes(session, [claim.id])[claim.id][0], parts)


def current_etag(*, session: Session, partner: Partner, claim_id: int, parts: Sequence[str]) -> str:
    """The ETag without building the claim: a matching If-None-Match is answered with 304 from this alone."""
    claimant = _visible_claimant(session, partner, claim_id)
    claimant_id = claimant.id or 0
    return claim_etag(_last_changes(session, [claimant_id])[claimant_id][0], parts)


def record_not_modified(*, session: Session, partner: Partner, claim_id: int, parts: Sequence[str]) -> None:
    _audit_reads(session, partner, [claim_id], parts, action="partner.claims.not_modified")


def _audit_reads(
    session: Session, partner: Partner, claim_ids: Sequence[int], parts: Sequence[str], action: str
) -> None:
    audit.record_many(
        session=session,
        actor=partner.actor,
        action=action,
        entity="claimant",
        entity_ids=claim_ids,
        detail={"client_id": partner.client_id, "fields": ["id", "updated_at", *parts]},
    )


def _claims(
    session: Session, claimants: Sequence[Claimant], parts: Sequence[str], links: ExhibitLinks
) -> list[PartnerClaim]:
    ids = [c.id or 0 for c in claimants]
    changed = _last_changes(session, ids)
    needs_items = "damage_items" in parts or "totals" in parts
    items = _items(session, ids) if needs_items else {}
    settlements = _settlements(session, [i.id or 0 for rows in items.values() for i in rows]) if needs_items else {}
    exhibits = _exhibits(session, ids) if ("exhibits" in parts or "damage_items" in parts) else {}
    item_links = linked_exhibits(session, _ids(items)) if "damage_items" in parts else {}
    all_exhibits = [
        *(e for rows in exhibits.values() for e in rows),
        *(e for rows in item_links.values() for e in rows),
    ]
    versions = current_versions(session, list({e.id or 0 for e in all_exhibits}))
    result = []
    for claimant in claimants:
        cid = claimant.id or 0
        own_items, own_exhibits = items.get(cid, []), exhibits.get(cid, [])
        claim = PartnerClaim(id=cid, updated_at=changed[cid][1])
        if "claimant" in parts:
            claim.claimant = PartnerClaimant(
                kind=claimant.kind,
                name=claimant.name,
                name_kana=claimant.name_kana,
                office_name=claimant.office_name,
                representative=claimant.representative,
                registration_no=claimant.registration_no,
            )
        if "policy" in parts:
            plan = claimant.insurance_plan if claimant.insurance_plan in ("full", "leak_only") else None
            claim.policy = PartnerPolicy(insurer=claimant.insurer or "", plan=plan)
        if "stage" in parts:
            claim.stage = PartnerStage(code=claimant.stage, label=STAGE_LABELS[Stage(claimant.stage)])
        if "damage_items" in parts:
            claim.damage_items = [
                _item(item, settlements.get(item.id or 0), own_exhibits, versions, item_links.get(item.id or 0, []))
                for item in own_items
            ]
        if "exhibits" in parts:
            claim.exhibits = [_exhibit(e, versions.get(e.id or 0), links) for e in own_exhibits]
        if "totals" in parts:
            claim.totals = _totals(own_items, settlements)
        result.append(claim)
    return result


def _ids(items: dict[int, list[DamageItem]]) -> list[int]:
    return [i.id or 0 for rows in items.values() for i in rows]


def _items(session: Session, claimant_ids: Sequence[int]) -> dict[int, list[DamageItem]]:
    rows = session.exec(
        select(DamageItem)
        .where(col(DamageItem.claimant_id).in_(claimant_ids))
        .order_by(col(DamageItem.claimant_id), col(DamageItem.id))
    )
    result: dict[int, list[DamageItem]] = {}
    for item in rows:
        result.setdefault(item.claimant_id, []).append(item)
    return result


def _settlements(session: Session, item_ids: Sequence[int]) -> dict[int, InsurerSettlement]:
    if not item_ids:
        return {}
    rows = session.exec(select(InsurerSettlement).where(col(InsurerSettlement.damage_item_id).in_(item_ids)))
    return {row.damage_item_id: row for row in rows}


def _exhibits(session: Session, claimant_ids: Sequence[int]) -> dict[int, list[Exhibit]]:
    rows = session.exec(
        select(Exhibit)
        .where(col(Exhibit.claimant_id).in_(claimant_ids))
        .order_by(col(Exhibit.claimant_id), col(Exhibit.number), col(Exhibit.branch))
    )
    result: dict[int, list[Exhibit]] = {}
    for exhibit in rows:
        result.setdefault(exhibit.claimant_id or 0, []).append(exhibit)
    return result


def _label(exhibit: Exhibit) -> str:
    return exhibit_label(exhibit.number, exhibit.branch, side=exhibit.side)


def _period(inputs: Any) -> tuple[date | None, date | None]:
    """The earliest and latest dates the inputs name (line dates, invoice dates, usable-on…)."""
    found: list[date] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key.endswith(("_on", "_from", "_to")):
            with suppress(ValueError):
                found.append(date.fromisoformat(value))

    walk(inputs)
    return (min(found), max(found)) if found else (None, None)


def _item(
    item: DamageItem,
    settlement: InsurerSettlement | None,
    claimant_exhibits: Sequence[Exhibit],
    versions: dict[int, ExhibitVersion],
    linked: Sequence[Exhibit],
) -> PartnerDamageItem:
    head = DamageHead(item.head)
    info = HEADS[head]
    # The evidence of an item: what staff linked to it and the claimant's exhibits in the head's slot.
    candidates = {e.id: e for e in (*linked, *(e for e in claimant_exhibits if e.slot == info.exhibit_slot))}
    found = coverage.classify(
        head=item.head,
        inputs=item.inputs,
        amount=item.amount,
        exhibits=[
            coverage.ExhibitInfo(label=_label(e), title=e.title, has_file=(e.id or 0) in versions)
            for e in candidates.values()
        ],
    )
    period_from, period_to = _period(item.inputs)
    return PartnerDamageItem(
        id=item.id or 0,
        head=head,
        head_label=info.label,
        legal_basis=info.legal_basis,
        amount=item.amount,
        formula=item.formula,
        period_from=period_from,
        period_to=period_to,
        claimed_from="insurer" if item.claimed_from == "insurer" else "vendor",
        settlement=_settlement(settlement) if settlement is not None else None,
        coverage=Coverage(
            classification=found.classification,
            reason=found.reason,
            covered_amount=found.covered_amount,
            not_covered_amount=found.not_covered_amount,
            review_amount=found.review_amount,
            lines=[
                CoverageLine(
                    index=line.index, classification=line.classification, reason=line.reason, amount=line.amount
                )
                for line in found.lines
            ],
            evidence=[
                EvidenceCheck(kind=check.kind, label=check.label, present=check.present, exhibits=list(check.exhibits))
                for check in found.evidence
            ],
        ),
        exhibits=[_label(e) for e in linked],
        updated_at=item.updated_at,
    )


def _settlement(row: InsurerSettlement) -> Settlement:
    return Settlement(paid_amount=row.paid_amount, paid_on=row.paid_on, recorded_at=row.recorded_at, subrogation=True)


def _exhibit(exhibit: Exhibit, version: ExhibitVersion | None, links: ExhibitLinks) -> PartnerExhibit:
    file = None
    if version is not None:
        url, expires_at = presigned_get(links.s3_public, links.s3, version, ttl_seconds=links.ttl_seconds)
        file = ExhibitFile(
            version=version.version,
            filename=version.filename,
            content_type=version.content_type,
            size=version.size,
            sha256=version.sha256,
            uploaded_at=version.created_at,
            download_url=url,
            download_expires_at=expires_at,
        )
    return PartnerExhibit(
        id=exhibit.id or 0,
        label=numbering.label(exhibit),
        title=exhibit.title,
        original_or_copy="original" if exhibit.original_or_copy == "original" else "copy",
        made_on=exhibit.made_on,
        author=exhibit.author,
        purpose=exhibit.purpose,
        slot=exhibit.slot,
        file=file,
    )


def _totals(items: Sequence[DamageItem], settlements: dict[int, InsurerSettlement]) -> PartnerTotals:
    """The same sums as `damages.totals` (the 請求一覧): vendor items by legal basis."""
    contract = unjust = from_insurer = paid = 0
    for item in items:
        if item.claimed_from == "insurer":
            from_insurer += item.amount
            settled = settlements.get(item.id or 0)
            paid += settled.paid_amount if settled is not None else 0
        elif HEADS[DamageHead(item.head)].legal_basis is LegalBasis.contract:
            contract += item.amount
        else:
            unjust += item.amount
    return PartnerTotals(
        contract_damages=contract,
        unjust_enrichment=unjust,
        total=contract + unjust,
        claimed_from_insurer=from_insurer,
        paid_by_insurer=paid,
    )


# ---- the change feed -------------------------------------------------------------------------------------


def changes(*, session: Session, partner: Partner, after: int, limit: int) -> ChangePage:
    """Changes after position `after`, in commit order. `updated` only while the claimant is still visible; an
    access that ended is reported once, by the change that ended it."""
    visible = _visible(partner)
    rows = session.exec(
        select(ClaimChange.id, ClaimChange.claimant_id, ClaimChange.at, ClaimChange.visible_to)
        .join(Claimant, col(Claimant.id) == ClaimChange.claimant_id)
        .where(col(ClaimChange.id) > after)
        .where(
            or_(
                and_(col(ClaimChange.visible_to) == partner.insurer, visible),
                and_(
                    col(ClaimChange.was_visible_to) == partner.insurer,
                    or_(col(ClaimChange.visible_to).is_(None), col(ClaimChange.visible_to) != partner.insurer),
                ),
            )
        )
        .order_by(col(ClaimChange.id))
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    entries = [
        ChangeEntry(
            claim_id=claimant_id,
            change="updated" if visible_to == partner.insurer else "access_ended",
            changed_at=at,
            cursor=encode_cursor("c", change_id or 0),
        )
        for change_id, claimant_id, at, visible_to in page
    ]
    position = (page[-1][0] or 0) if page else after
    audit.record_many(
        session=session,
        actor=partner.actor,
        action="partner.changes.read",
        entity="claimant",
        entity_ids=sorted({e.claim_id for e in entries}),
        detail={"client_id": partner.client_id, "fields": ["claim_id", "change", "changed_at"]},
    )
    return ChangePage(items=entries, next_cursor=encode_cursor("c", position), has_more=len(rows) > limit)


# ---- settlements -----------------------------------------------------------------------------------------


def settle(
    *, session: Session, partner: Partner, claim_id: int, item_id: int, data: SettlementCreate
) -> tuple[PartnerDamageItem, bool]:
    """Record what the insurer paid on an item claimed from it. The same payment again is answered as before
    (False: nothing new); a different one for a settled item is a conflict."""
    claimant = _visible_claimant(session, partner, claim_id)
    item = session.get(DamageItem, item_id)
    if item is None or item.claimant_id != claimant.id:
        raise NotFound("damage item", item_id)
    existing = session.exec(select(InsurerSettlement).where(InsurerSettlement.damage_item_id == item_id)).first()
    if existing is not None:
        if (existing.paid_amount, existing.paid_on) != (data.paid_amount, data.paid_on):
            raise Conflict(
                f"the payment of {existing.paid_amount} yen on {existing.paid_on.isoformat()} is recorded for this "
                "item; a different one cannot replace it (ask the legal team to correct it)"
            )
        return _settled_item(session, claimant, item, existing), False
    if item.claimed_from != "insurer":
        raise AppError(
            409,
            "not-claimed-from-insurer",
            "Conflict",
            "the office claims this item from the vendor, not from you; it cannot be settled by the insurer",
        )
    case = get_case(session=session, case_id=claimant.case_id)
    if data.paid_on < case.incident_date or data.paid_on > utcnow().date():
        raise Invalid("paid_on", "must be between the incident and today")
    if data.paid_amount > item.amount:
        raise Invalid("paid_amount", f"above the item's amount of {item.amount} yen")
    row = InsurerSettlement(
        damage_item_id=item_id, paid_amount=data.paid_amount, paid_on=data.paid_on, client_id=partner.client_id
    )
    session.add(row)
    session.flush()
    audit.record(
        session=session,
        actor=partner.actor,
        action="partner.settlement.create",
        entity="claimant",
        entity_id=claim_id,
        detail={"client_id": partner.client_id, "item_id": item_id, "head": item.head},
        after={"paid_amount": data.paid_amount, "paid_on": data.paid_on.isoformat()},
    )
    return _settled_item(session, claimant, item, row), True


def _settled_item(
    session: Session, claimant: Claimant, item: DamageItem, settlement: InsurerSettlement
) -> PartnerDamageItem:
    exhibits = _exhibits(session, [claimant.id or 0]).get(claimant.id or 0, [])
    linked = linked_exhibits(session, [item.id or 0]).get(item.id or 0, [])
    versions = current_versions(session, list({e.id or 0 for e in (*exhibits, *linked)}))
    return _item(item, settlement, exhibits, versions, linked)
