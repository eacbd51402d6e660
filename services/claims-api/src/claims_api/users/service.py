from __future__ import annotations

from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.errors import Conflict, Invalid, NotFound
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


def _snapshot(user: User) -> dict[str, object]:
    return {"name": user.name, "role": user.role, "is_active": user.is_active}


def _is_self(actor: Principal, user: User) -> bool:
    return actor.sub == f"user:{user.id}"


def update_user(
    *,
    session: Session,
    user_id: int,
    actor: Principal,
    name: str | None = None,
    role: Role | None = None,
    is_active: bool | None = None,
) -> User:
    """Change a person's name, role or whether they may log in.

    An admin cannot lock themself out (422 on the field), and the team always keeps one active admin (409).
    """
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user", user_id)
    if _is_self(actor, user):
        if is_active is False:
            raise Invalid("is_active", "you cannot deactivate yourself")
        if role is not None and role != Role.admin and user.role == Role.admin.value:
            raise Invalid("role", "you cannot remove your own admin role")
    loses_admin = (
        user.role == Role.admin.value
        and user.is_active
        and ((role is not None and role != Role.admin) or is_active is False)
    )
    if loses_admin:
        others = session.exec(
            select(User).where(User.role == Role.admin.value, col(User.is_active).is_(True), User.id != user.id)
        ).first()
        if others is None:
            raise Conflict("this is the last active admin: make another user admin first")
    before = _snapshot(user)
    if name is not None:
        user.name = name
    if role is not None:
        user.role = role.value
    if is_active is not None:
        user.is_active = is_active
    after = _snapshot(user)
    if after == before:
        return user
    session.add(user)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="user.update",
        entity="user",
        entity_id=user.id,
        before=before,
        after=after,
    )
    return user
