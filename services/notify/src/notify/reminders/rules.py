"""When the reminders of each kind of hearing go out: the defaults below, unless staff have set their own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bengodan_common.db import utcnow
from notify.reminders.models import ReminderRule

HEARING_KINDS = ("mediation_session", "oral_argument", "preparatory", "deadline")


@dataclass(frozen=True)
class Rule:
    days_before: tuple[int, ...]  # latest first: 14, 7, 1
    hour_jst: int


DEFAULT_RULES: dict[str, Rule] = {
    "mediation_session": Rule((14, 7, 1), 9),
    "oral_argument": Rule((14, 7, 1), 9),
    "preparatory": Rule((7, 1), 9),
    "deadline": Rule((7, 3, 1), 9),
}


def rule_for(session: Session, hearing_kind: str) -> Rule:
    stored = session.get(ReminderRule, hearing_kind)
    if stored is None:
        return DEFAULT_RULES[hearing_kind]
    return Rule(tuple(stored.days_before), stored.hour_jst)


def rules(session: Session) -> list[tuple[str, Rule, ReminderRule | None]]:
    """Every hearing kind with the rule in force and the stored override (None: the default applies)."""
    result = []
    for kind in HEARING_KINDS:
        stored = session.get(ReminderRule, kind)
        result.append((kind, rule_for(session, kind), stored))
    return result


def set_rule(session: Session, *, hearing_kind: str, rule: Rule, actor: str) -> ReminderRule:
    stored = session.get(ReminderRule, hearing_kind) or ReminderRule(
        hearing_kind=hearing_kind, days_before=[], hour_jst=rule.hour_jst, updated_by=actor
    )
    stored.days_before = sorted(set(rule.days_before), reverse=True)
    stored.hour_jst = rule.hour_jst
    stored.updated_by = actor
    stored.updated_at = utcnow()
    session.add(stored)
    session.flush()
    return stored


def reset_rule(session: Session, *, hearing_kind: str) -> None:
    stored = session.get(ReminderRule, hearing_kind)
    if stored is not None:
        session.delete(stored)
        session.flush()
