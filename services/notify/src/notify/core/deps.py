"""Typed dependencies: the session and the principals with the scopes notify checks."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Security
from sqlmodel import Session

from bengodan_common.auth import Principal, require_scopes
from bengodan_common.db import get_session

SessionDep = Annotated[Session, Depends(get_session, scope="function")]
EventsWriter = Annotated[Principal, Security(require_scopes, scopes=["notify:events.write"])]
NotifyReader = Annotated[Principal, Security(require_scopes, scopes=["notify:read"])]
NotifyWriter = Annotated[Principal, Security(require_scopes, scopes=["notify:write"])]
