from __future__ import annotations

from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.errors import Conflict
from claims_api.audit import service as audit
from claims_api.auth.passwords import hash_secret
from claims_api.auth.roles import Role
from claims_api.users.models import User


def list_users(*, session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.id))))


def create_user(*, session: Session, email: str, name: str, role: Role, password: str, actor: Principal | str) -> User:
    email = email.strip().lower()
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise Conflict(f"a user with e-mail {email} exists")
    user = User(email=email, name=name, role=role.value, password_hash=hash_secret(password))
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="user.create",
        entity="user",
        entity_id=user.id,
        detail={"role": role.value},
    )
    return user
