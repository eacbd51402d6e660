"""notify's table of idempotency keys (the logic is bengodan_common.idempotency, shared with claims-api)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bengodan_common.idempotency import IdempotencyKeyBase, Once, once_dependency
from notify.core.db import NotifyModel


class IdempotencyKey(IdempotencyKeyBase, NotifyModel, table=True):
    __tablename__ = "idempotency_keys"


CreateOnce = Annotated[Once, Depends(once_dependency(IdempotencyKey))]
