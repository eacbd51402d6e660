from typing import Annotated

from fastapi import Header

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        max_length=200,
        description="Repeat a create safely: the same key and body return the stored response.",
    ),
]
