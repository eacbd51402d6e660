"""Possible duplicate claimants: same registration number, same e-mail (case-insensitive), or a near-same
name AND address. Reusable for a batch (an importer passes all its rows at once); deterministic."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol

from sqlalchemy import func
from sqlmodel import Session, col, select

from claims_api.claimants.models import Claimant

REASON_REGISTRATION_NO = "registration_no"
REASON_EMAIL = "email"
REASON_NAME_ADDRESS = "name_address"
SIMILARITY = 0.9

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


class Candidate(Protocol):
    @property
    def registration_no(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def address(self) -> str | None: ...


@dataclass
class DuplicateMatch:
    claimant_id: int
    reasons: list[str] = field(default_factory=list)


def normalise(text: str | None) -> str:
    """NFKC (full/half width unified), no whitespace at all, katakana as hiragana, case-folded."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


def similar(a: str, b: str) -> bool:
    """Equal, or a difflib ratio of at least 0.9 (both already normalised and non-empty)."""
    if not a or not b:
        return False
    if a == b:
        return True
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < SIMILARITY:
        return False  # the ratio cannot reach the threshold
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= SIMILARITY
        and matcher.quick_ratio() >= SIMILARITY
        and (matcher.ratio() >= SIMILARITY)
    )


def find_duplicates(
    session: Session, case_id: int, candidates: Sequence[Candidate], *, exclude_ids: Sequence[int] = ()
) -> list[list[DuplicateMatch]]:
    """For each candidate (in order), the existing claimants of the case it may duplicate, by claimant id.

    Only claimants already stored are compared (not the candidates among themselves)."""
    registration_nos = {c.registration_no for c in candidates if c.registration_no}
    emails = {c.email.strip().lower() for c in candidates if c.email and c.email.strip()}
    by_registration: dict[str, list[int]] = {}
    by_email: dict[str, list[int]] = {}
    base = select(Claimant.id, Claimant.registration_no, Claimant.email).where(col(Claimant.case_id) == case_id)
    if registration_nos:
        for cid, reg, _ in session.exec(base.where(col(Claimant.registration_no).in_(registration_nos))).all():
            if cid is not None and reg:
                by_registration.setdefault(reg, []).append(cid)
    if emails:
        for cid, _, email in session.exec(base.where(func.lower(col(Claimant.email)).in_(emails))).all():
            if cid is not None and email:
                by_email.setdefault(email.strip().lower(), []).append(cid)

    people: list[tuple[int, str, str]] = []
    if any(c.name and c.address for c in candidates):
        rows = session.exec(
            select(Claimant.id, Claimant.name, Claimant.address).where(
                col(Claimant.case_id) == case_id, col(Claimant.address).is_not(None)
            )
        ).all()
        people = [(cid, normalise(name), normalise(address)) for cid, name, address in rows if cid is not None]

    excluded = set(exclude_ids)
    results: list[list[DuplicateMatch]] = []
    for candidate in candidates:
        found: dict[int, DuplicateMatch] = {}

        def add(claimant_id: int, reason: str, found: dict[int, DuplicateMatch] = found) -> None:
            if claimant_id in excluded:
                return
            match = found.setdefault(claimant_id, DuplicateMatch(claimant_id=claimant_id))
            if reason not in match.reasons:
                match.reasons.append(reason)

        if candidate.registration_no:
            for cid in by_registration.get(candidate.registration_no, []):
                add(cid, REASON_REGISTRATION_NO)
        if candidate.email and candidate.email.strip():
            for cid in by_email.get(candidate.email.strip().lower(), []):
                add(cid, REASON_EMAIL)
        name, address = normalise(candidate.name), normalise(candidate.address)
        if name and address:
            for cid, other_name, other_address in people:
                if similar(name, other_name) and similar(address, other_address):
                    add(cid, REASON_NAME_ADDRESS)
        results.append([found[cid] for cid in sorted(found)])
    return results
