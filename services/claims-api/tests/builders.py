"""Builders for claims-api tests: rows with sensible defaults, overridable per test."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from bengodan_common import jwt
from claims_api.auth.passwords import hash_secret
from claims_api.auth.roles import ROLE_SCOPES, Role
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.claimants.models import Claimant
from claims_api.damages.models import DamageItem
from claims_api.users.models import Client, User

_seq = itertools.count(1)


def make_case(session: Session, **overrides: Any) -> Case:
    fields: dict[str, Any] = {
        "name": f"テスト事件{next(_seq)}",
        "title": "損害賠償等請求事件",
        "defendant_name": "株式会社テストクラウド",
        "court": "大阪地方裁判所",
        "incident_date": date(2023, 6, 5),
    }
    case = Case(**(fields | overrides))
    session.add(case)
    session.commit()
    return case


def make_proceeding(session: Session, case: Case, **overrides: Any) -> Proceeding:
    fields: dict[str, Any] = {
        "case_id": case.id,
        "kind": "lawsuit",
        "name": "本訴訟",
        "court": "大阪地方裁判所",
    }
    proceeding = Proceeding(**(fields | overrides))
    session.add(proceeding)
    session.commit()
    return proceeding


def make_claimant(session: Session, case: Case, **overrides: Any) -> Claimant:
    n = next(_seq)
    fields: dict[str, Any] = {
        "case_id": case.id,
        "kind": "sr_individual",
        "name": f"試験 太郎{n}",
        "office_name": f"試験社会保険労務士事務所{n}",
        "email": f"office{n}@example.jp",
        "reminder_consent": True,
    }
    claimant = Claimant(**(fields | overrides))
    session.add(claimant)
    session.commit()
    return claimant


def add_member(session: Session, proceeding: Proceeding, claimant: Claimant, number: int) -> None:
    session.add(ProceedingMember(proceeding_id=proceeding.id, claimant_id=claimant.id, number=number))
    session.commit()


def make_item(session: Session, claimant: Claimant, head: str, amount: int) -> DamageItem:
    item = DamageItem(claimant_id=claimant.id, head=head, amount=amount)
    session.add(item)
    session.commit()
    return item


def make_user(
    session: Session, role: Role = Role.staff, password: str = "correct horse battery", **overrides: Any
) -> User:
    fields: dict[str, Any] = {
        "email": f"user{next(_seq)}@example.com",
        "name": "テスト利用者",
        "role": role.value,
        "password_hash": hash_secret(password),
    }
    user = User(**(fields | overrides))
    session.add(user)
    session.commit()
    return user


def make_client(session: Session, client_id: str, scopes: str, secret: str, kind: str = "service") -> Client:
    client = Client(client_id=client_id, name=client_id, kind=kind, scopes=scopes, secret_hash=hash_secret(secret))
    session.add(client)
    session.commit()
    return client


def token_for(
    state: Any,
    role: Role | None = None,
    *,
    scopes: str | None = None,
    audience: str | None = None,
    ttl: int = 300,
    kind: str = "user",
    subject: str = "user:999",
) -> str:
    """A token signed with the app's key, as claims-api would issue it."""
    settings = state.settings
    granted = scopes if scopes is not None else " ".join(sorted(ROLE_SCOPES[role or Role.staff]))
    return jwt.issue(
        private_key_pem=state.signing_key,
        issuer=settings.auth.issuer,
        audience=audience or settings.auth.audience,
        subject=subject,
        ttl_seconds=ttl,
        claims={"kind": kind, "roles": [role.value] if role else [], "scope": granted, "name": "テスト"},
    )


def auth(state: Any, role: Role | None = None, **kwargs: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(state, role, **kwargs)}"}


def make_exhibit(session: Session, case: Case, claimant: Claimant | None = None, **overrides: Any) -> Any:
    """An exhibit row: a common exhibit with the next free number, or with `claimant` the claimant's slot 6."""
    from claims_api.evidence.models import Exhibit
    from claims_api.evidence.numbering import next_free_number

    fields: dict[str, Any] = {
        "case_id": case.id,
        "side": "甲",
        "title": f"書証{next(_seq)}",
        "original_or_copy": "copy",
    }
    if claimant is not None:
        fields |= {"claimant_id": claimant.id, "slot": 6, "branch": 6}
    fields |= overrides
    if "number" not in fields:
        fields["number"] = next_free_number(session, case_id=case.id or 0, side=fields["side"])
    exhibit = Exhibit(**fields)
    session.add(exhibit)
    session.commit()
    return exhibit


# ---- the partner insurer ---------------------------------------------------------------------------------

INSURER = "試験損害保険株式会社"
OTHER_INSURER = "別保険株式会社"
SECRET = "partner-secret-for-tests"


def make_partner(session: Session, client_id: str = "insurer-a", insurer: str = INSURER, **overrides: Any) -> Client:
    fields: dict[str, Any] = {
        "client_id": client_id,
        "name": "試験損保",
        "kind": "partner",
        "insurer": insurer,
        "scopes": "partner:claims.read partner:settlements.write",
        "secret_hash": hash_secret(SECRET),
    }
    client = Client(**(fields | overrides))
    session.add(client)
    session.commit()
    return client


def partner_headers(client: TestClient, client_id: str = "insurer-a", scope: str | None = None) -> dict[str, str]:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": SECRET}
    if scope:
        form["scope"] = scope
    response = client.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def shared_claimant(session: Session, case: Case, **overrides: Any) -> Claimant:
    fields = {"insured": True, "insurer": INSURER, "insurer_sharing_consent": True, "insurance_plan": "full"}
    return make_claimant(session, case, **(fields | overrides))
