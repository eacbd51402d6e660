"""Duplicates among the rows of a file and against the case's claimants, for thousands of rows at once.

The keys and the similarity are those of `claims_api.claimants.duplicates` (same registration number, same
e-mail, near-same name AND address, after `normalise`). `find_duplicates` there compares every candidate
with every stored claimant, which is quadratic: 3,000 rows against 3,000 claimants are 9 million name
comparisons. Here the name comparisons are limited to pairs that can pass `similar` at all (prefix filtering
on the characters of the name and of the address, exact: it never drops a pair that `similar` would accept).

What a paralegal expects (and the report says): the same 社労士登録番号 as a claimant already in the case, or
as an earlier row of the file, is an error of the row — a registration number belongs to one 社労士, and a
re-imported file must not create the office twice. The same e-mail or a near-same name and address is only
flagged (an office and its corporation may share both), as the API's create does.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from claims_api.claimants.duplicates import (
    REASON_EMAIL,
    REASON_NAME_ADDRESS,
    REASON_REGISTRATION_NO,
    SIMILARITY,
    normalise,
    similar,
)

# A placeholder e-mail or address repeated on every row would otherwise flag every pair of rows.
MAX_MATCHES_PER_ROW = 20
_REASON_ORDER = (REASON_REGISTRATION_NO, REASON_EMAIL, REASON_NAME_ADDRESS)


@dataclass(frozen=True)
class Existing:
    claimant_id: int
    registration_no: str | None
    email: str | None
    name: str | None
    address: str | None


@dataclass(frozen=True)
class Incoming:
    row: int
    registration_no: str | None
    email: str | None
    name: str | None
    address: str | None


@dataclass
class Match:
    row: int
    other_row: int | None  # an earlier row of the file
    other_claimant_id: int | None  # a claimant already stored
    reasons: list[str]


@dataclass
class RegistrationClash:
    row: int
    registration_no: str
    other_row: int | None
    other_claimant_ids: list[int]


@dataclass
class Found:
    matches: list[Match] = field(default_factory=list)
    clashes: list[RegistrationClash] = field(default_factory=list)


def _email(value: str | None) -> str:
    return value.strip().lower() if value and value.strip() else ""


Token = tuple[str, int]


def _tokens(text: str) -> list[Token]:
    """The characters of `text` as a set: the k-th occurrence of a character is its own token."""
    seen: Counter[str] = Counter()
    tokens = []
    for ch in text:
        tokens.append((ch, seen[ch]))
        seen[ch] += 1
    return tokens


def _prefix_length(length: int) -> int:
    """How many of a text's rarest tokens must be indexed so that any text `similar` to it shares one.

    `similar` needs difflib's ratio ≥ t, so its quick_ratio (2·common characters / total length) ≥ t, and the
    length filter puts the other length at ≥ length·t/(2−t); together at least α = length·t/(2−t) common
    characters. Two token sets with α in common share a token within their first (size − α + 1) tokens in any
    one fixed order (the prefix-filtering lemma of set-similarity joins)."""
    alpha = math.ceil(SIMILARITY * length / (2 - SIMILARITY) - 1e-9)
    return max(1, length - max(alpha, 1) + 1)


@dataclass(frozen=True)
class _Person:
    name: str
    address: str
    claimant_id: int | None
    row: int | None


class _Index:
    """People by the rarest characters of their name and of their address (one fixed order per field).

    A pair can only be near-same if their name prefixes share a token (or, for short names, a name one deletion
    away) AND their address prefixes do, and if difflib's quick_ratio bound holds for both (computed on token
    sets: set operations run in C). Only then is `similar` itself asked."""

    def __init__(self, people: Sequence[tuple[str, str, int | None, int | None]]) -> None:
        tokens = [(_tokens(name), _tokens(address)) for name, address, _, _ in people]
        names: Counter[Token] = Counter()
        addresses: Counter[Token] = Counter()
        for name_tokens, address_tokens in tokens:
            names.update(name_tokens)
            addresses.update(address_tokens)
        # Tokens become their rank (rarest first): small ints hash fast, and the prefix is the lowest ranks.
        name_rank, address_rank = _ranks(names), _ranks(addresses)
        self.people = [_Person(*person) for person in people]
        self._name_tokens = [frozenset(map(name_rank.__getitem__, n)) for n, _ in tokens]
        self._address_tokens = [frozenset(map(address_rank.__getitem__, a)) for _, a in tokens]
        self._name_prefix = [_prefix(t) for t in self._name_tokens]
        self._address_prefix = [_prefix(t) for t in self._address_tokens]
        self._by_name: dict[int, list[int]] = {}
        self._by_address: dict[int, list[int]] = {}
        self._by_short_name: dict[str, list[int]] = {}

    def add(self, ident: int) -> None:
        for token in self._name_prefix[ident]:
            self._by_name.setdefault(token, []).append(ident)
        for token in self._address_prefix[ident]:
            self._by_address.setdefault(token, []).append(ident)
        name = self.people[ident].name
        if len(name) <= SHORT_NAME + 1:
            for key in _with_one_deleted(name):
                self._by_short_name.setdefault(key, []).append(ident)

    def similar_to(self, ident: int) -> list[_Person]:
        """The people added so far whose name and address are both `similar` to this one's."""
        me = self.people[ident]
        via_name = [self._by_name.get(token, []) for token in self._name_prefix[ident]]
        via_address = [self._by_address.get(token, []) for token in self._address_prefix[ident]]
        if len(me.name) <= SHORT_NAME:
            via_name = [self._by_short_name.get(key, []) for key in _with_one_deleted(me.name)]
        # Both conditions are necessary; the unions and their intersection run in C.
        candidates: set[int] = set().union(*via_name)
        if candidates:
            candidates &= set().union(*via_address)
        name_tokens, address_tokens = self._name_tokens, self._address_tokens
        my_name, my_address = name_tokens[ident], address_tokens[ident]
        name_length, address_length = len(my_name), len(my_address)
        found = []
        for other in candidates:
            their_name = name_tokens[other]
            total = name_length + len(their_name)
            if 2 * min(name_length, len(their_name)) < SIMILARITY * total:
                continue
            if 2 * len(my_name & their_name) < SIMILARITY * total:
                continue
            their_address = address_tokens[other]
            total = address_length + len(their_address)
            if 2 * min(address_length, len(their_address)) < SIMILARITY * total:
                continue
            if 2 * len(my_address & their_address) < SIMILARITY * total:
                continue
            them = self.people[other]
            if similar(me.name, them.name) and similar(me.address, them.address):
                found.append(them)
        return found


# For names this short (most personal names), `similar` (ratio ≥ 0.9) holds only for the same name or one with
# a single character more: two names of one length L ≤ 9 need all L characters matched, lengths L and L+1
# (L ≤ 8) need the shorter one whole, and lengths further apart fail the length filter. So a name and the
# names one deletion away from it find every partner exactly (the test compares with all pairs).
SHORT_NAME = 8


def _with_one_deleted(name: str) -> set[str]:
    return {name} | {name[:i] + name[i + 1 :] for i in range(len(name))}


def _ranks(frequency: Counter[Token]) -> dict[Token, int]:
    return {token: n for n, (token, _) in enumerate(sorted(frequency.items(), key=lambda t: (t[1], t[0])))}


def _prefix(ranks: frozenset[int]) -> frozenset[int]:
    return frozenset(sorted(ranks)[: _prefix_length(len(ranks))])


_Reasons = dict[tuple[int | None, int | None], list[str]]  # (stored claimant id, earlier row) -> reasons


def _note(reasons: _Reasons, other: tuple[int | None, int | None], reason: str) -> None:
    listed = reasons.setdefault(other, [])
    if reason not in listed:
        listed.append(reason)


def find(existing: Sequence[Existing], incoming: Sequence[Incoming]) -> Found:
    """Each incoming row (in file order) against the stored claimants and the rows before it."""
    found = Found()
    reg_existing: dict[str, list[int]] = {}
    email_existing: dict[str, list[int]] = {}
    for claimant in existing:
        if claimant.registration_no:
            reg_existing.setdefault(claimant.registration_no, []).append(claimant.claimant_id)
        if email := _email(claimant.email):
            email_existing.setdefault(email, []).append(claimant.claimant_id)

    # People with both a name and an address (an ident is a position in the index), stored ones first.
    people: list[tuple[str, str, int | None, int | None]] = []  # (name, address, claimant id, row)
    for claimant in existing:
        name, address = normalise(claimant.name), normalise(claimant.address)
        if name and address:
            people.append((name, address, claimant.claimant_id, None))
    incoming_people: dict[int, int] = {}  # row -> ident
    for entry in incoming:
        name, address = normalise(entry.name), normalise(entry.address)
        if name and address:
            incoming_people[entry.row] = len(people)
            people.append((name, address, None, entry.row))
    index = _Index(people)
    for ident, person in enumerate(people):
        if person[3] is None:
            index.add(ident)

    first_reg_row: dict[str, int] = {}
    first_email_row: dict[str, int] = {}
    for entry in incoming:
        reasons: _Reasons = {}

        if reg := entry.registration_no:
            if reg in reg_existing:
                found.clashes.append(RegistrationClash(entry.row, reg, None, sorted(reg_existing[reg])))
            elif reg in first_reg_row:
                found.clashes.append(RegistrationClash(entry.row, reg, first_reg_row[reg], []))
            else:
                first_reg_row[reg] = entry.row
        if email := _email(entry.email):
            for stored_id in email_existing.get(email, [])[:MAX_MATCHES_PER_ROW]:
                _note(reasons, (stored_id, None), REASON_EMAIL)
            if email in first_email_row:
                _note(reasons, (None, first_email_row[email]), REASON_EMAIL)
            else:
                first_email_row[email] = entry.row
        position = incoming_people.get(entry.row)
        if position is not None:
            for other in index.similar_to(position):
                _note(reasons, (other.claimant_id, other.row), REASON_NAME_ADDRESS)
            index.add(position)
        ordered = sorted(reasons.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1] or 0))
        for (other_id, other_row), why in ordered[:MAX_MATCHES_PER_ROW]:
            why.sort(key=_REASON_ORDER.index)
            found.matches.append(Match(entry.row, other_row, other_id, why))
    return found
