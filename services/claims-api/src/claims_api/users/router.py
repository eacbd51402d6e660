from __future__ import annotations

from fastapi import APIRouter, status

from claims_api.auth.deps import UsersAdmin
from claims_api.core.deps import SessionDep
from claims_api.idempotency.deps import CreateOnce
from claims_api.users import service
from claims_api.users.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", response_model=list[UserRead])
def list_users(session: SessionDep, _: UsersAdmin) -> object:
    return service.list_users(session=session)


@router.post("", response_model=UserRead, status_code=status.HTTP_201_CREATED)
def create_user(
    data: UserCreate,
    session: SessionDep,
    actor: UsersAdmin,
    once: CreateOnce,
) -> object:
    return once(
        actor=actor,
        # The password stays out of the stored hash: a fast SHA-256 of it would be a guessable copy.
        body=data.model_dump(mode="json", exclude={"password"}),
        create=lambda: service.create_user(
            session=session, email=data.email, name=data.name, role=data.role, password=data.password, actor=actor
        ),
    )


@router.patch("/{user_id}", response_model=UserRead)
def update_user(user_id: int, data: UserUpdate, session: SessionDep, actor: UsersAdmin) -> object:
    """Change a user's name, role or active flag (deactivated users cannot log in)."""
    return service.update_user(
        session=session, user_id=user_id, actor=actor, name=data.name, role=data.role, is_active=data.is_active
    )
