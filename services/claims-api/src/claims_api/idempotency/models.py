from __future__ import annotations

from bengodan_common.idempotency import IdempotencyKeyBase


class IdempotencyKey(IdempotencyKeyBase, table=True):
    """A create request under an `Idempotency-Key`, written in the same transaction as what it created."""

    __tablename__ = "idempotency_keys"
