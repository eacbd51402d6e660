"""How exhibits are numbered (甲第N号証のM).

Common exhibits of the case (claimant_id NULL): N is given, or the next free number of the case and side
(highest number in use + 1); M is given or none. Several common exhibits may share N as branches
(甲第1号証の1 ネットde社労夢契約書, 甲第1号証の2 社労夢ハウス利用契約書).

A claimant's own exhibits (the damage schedule of seed 001, 甲_の1 … 甲_の6) share one number N per claimant
and are always branched:
- N: the claimant's number once it has exhibits; for its first exhibit the number given, or else the next free
  number of the case at that moment (so claimants are numbered after the common exhibits, in the order their
  first exhibit is recorded; a block is moved explicitly with the claimant renumber endpoint).
- M: given, or else the slot (の1 contract … の6 other) when that branch is free, or else the next branch
  above 6 (a second document of a slot: の7, の8, …).

Rules that hold for every number N of a case and side (checked here; the label itself is unique in the database):
N belongs either to the common exhibits or to exactly one claimant; N is used either without a branch by a
single exhibit or with branches only. Allocation runs under a row lock of the case on PostgreSQL so two
requests cannot hand the same new N to two claimants.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from bengodan_common.errors import Conflict
from bengodan_common.japanese import exhibit_label
from claims_api.cases.models import Case
from claims_api.evidence.models import Exhibit

SLOT_NAMES: dict[int, str] = {
    1: "契約書・利用合意",
    2: "人件費",
    3: "オンプレ版費用",
    4: "利用料差額",
    5: "信用毀損",
    6: "その他実損",
}
LAST_SLOT = 6


def label(exhibit: Exhibit, *, long: bool = True) -> str:
    return exhibit_label(exhibit.number, exhibit.branch, side=exhibit.side, long=long)


def lock_case(session: Session, case_id: int) -> None:
    """Serialise number allocation per case (FOR UPDATE on PostgreSQL; SQLite has one writer anyway)."""
    session.exec(select(Case.id).where(Case.id == case_id).with_for_update()).first()


def holders(session: Session, *, case_id: int, side: str, number: int, exclude_id: int | None = None) -> list[Exhibit]:
    """The exhibits numbered N (any branch) in the case and side."""
    query = select(Exhibit).where(Exhibit.case_id == case_id, Exhibit.side == side, Exhibit.number == number)
    if exclude_id is not None:
        query = query.where(Exhibit.id != exclude_id)
    return list(session.exec(query.order_by(col(Exhibit.branch), col(Exhibit.id))))


def next_free_number(session: Session, *, case_id: int, side: str) -> int:
    highest = session.exec(
        select(func.max(Exhibit.number)).where(Exhibit.case_id == case_id, Exhibit.side == side)
    ).one()
    return (highest or 0) + 1


def claimant_number(session: Session, *, claimant_id: int, exclude_id: int | None = None) -> int | None:
    """The number the claimant's exhibits carry, None before its first one."""
    query = select(Exhibit.number).where(Exhibit.claimant_id == claimant_id)
    if exclude_id is not None:
        query = query.where(Exhibit.id != exclude_id)
    return session.exec(query.order_by(col(Exhibit.number)).limit(1)).first()


def claimant_branch(session: Session, *, case_id: int, number: int, slot: int) -> int:
    used = {e.branch for e in holders(session, case_id=case_id, side="甲", number=number) if e.branch is not None}
    if slot not in used:
        return slot
    return max(max(used), LAST_SLOT) + 1


def require_free(
    session: Session,
    *,
    case_id: int,
    side: str,
    number: int,
    branch: int | None,
    claimant_id: int | None,
    exclude_id: int | None = None,
) -> None:
    """409 unless (number, branch) can be given to an exhibit of `claimant_id` (None: common)."""
    others = holders(session, case_id=case_id, side=side, number=number, exclude_id=exclude_id)
    wanted = exhibit_label(number, branch, side=side)
    for other in others:
        if other.branch == branch:
            raise Conflict(f"{wanted} is already taken by exhibit {other.id} ({other.title})")
    base = exhibit_label(number, side=side)
    for other in others:
        if other.claimant_id != claimant_id:
            owner = "the common exhibits" if other.claimant_id is None else f"claimant {other.claimant_id}"
            raise Conflict(f"{base} is the number of {owner}")
    if branch is None and others:
        raise Conflict(f"{base} has branches; give this exhibit a branch too")
    if branch is not None and any(other.branch is None for other in others):
        raise Conflict(f"{base} exists without a branch; renumber it to a branch first")
