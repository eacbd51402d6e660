"""Optimistic concurrency: an ETag is the hash of a record's representation; a write that names a stale one
in `If-Match` is refused with 412 and changes nothing."""

from __future__ import annotations

import hashlib

from pydantic import BaseModel

from bengodan_common.errors import AppError


def etag_of(representation: BaseModel) -> str:
    digest = hashlib.sha256(representation.model_dump_json().encode()).hexdigest()
    return f'"{digest[:32]}"'


def _tags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def require_match(if_match: str | None, current: BaseModel) -> None:
    """No `If-Match`: the write goes ahead (clients opt in). `*` matches any existing record."""
    if if_match is None:
        return
    tags = _tags(if_match)
    if "*" in tags or etag_of(current) in tags:
        return
    raise AppError(
        412,
        "precondition-failed",
        "Precondition failed",
        "The record was changed by someone else since you read it; reload it and apply your change again.",
        extensions={"current_etag": etag_of(current)},
    )
