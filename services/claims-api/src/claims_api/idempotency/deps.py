from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bengodan_common.idempotency import Once, once_dependency
from claims_api.idempotency.models import IdempotencyKey

CreateOnce = Annotated[Once, Depends(once_dependency(IdempotencyKey))]
