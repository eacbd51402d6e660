"""RFC 9457 problem+json: one error type for the services and the handlers that render every error."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bengodan_common.logging import current_request_id

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str
    reason: str


class Problem(BaseModel):
    """RFC 9457 problem details; extension members (e.g. OAuth2's `error`) are allowed."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class AppError(Exception):
    """An expected failure that the client should see as problem+json."""

    def __init__(
        self,
        status: int,
        type_: str,
        title: str,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or title)
        self.extensions = extensions or {}
        self.status = status
        self.type = type_
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers

    def problem(self, *, instance: str | None = None, request_id: str | None = None) -> Problem:
        """The problem+json body of this error, as the handler answers it (and as a worker keeps it)."""
        return Problem(
            type=self.type,
            title=self.title,
            status=self.status,
            detail=self.detail,
            instance=instance,
            request_id=request_id,
            errors=self.errors,
            **self.extensions,
        )


class NotFound(AppError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(404, "not-found", "Not found", f"{what} {ident} does not exist")


class Conflict(AppError):
    def __init__(self, detail: str) -> None:
        super().__init__(409, "conflict", "Conflict", detail)


class Invalid(AppError):
    """422 for a rule the schema cannot express; names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(
            422,
            "validation-error",
            "Invalid input",
            f"{field}: {reason}",
            errors=[FieldError(field=field, reason=reason)],
        )


# Declared on routers so the OpenAPI document (and the SPA's generated types) know the error shape.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {PROBLEM_MEDIA_TYPE: {}}, "description": text}
    for code, text in {
        401: "Missing or invalid token",
        403: "Not allowed for this role or scope",
        404: "Not found",
        409: "Conflict",
        412: "The record changed since it was read (stale If-Match)",
        422: "Invalid input",
    }.items()
}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


_SOURCES = ("body", "query", "path", "header", "form", "cookie")


def _field_name(error: dict[str, Any], body: Any) -> str:
    """Dotted path of the field as the client sent it: `inputs.lines.0.hourly_rate`.

    Pydantic puts the tag of a discriminated union into `loc` (`staff_cost`, `overtime`), which is no field of
    the request; walking the request body tells the two apart. A wrong or missing tag names the discriminator.
    """
    loc = tuple(error.get("loc", ()))
    parts: list[str] = []
    node = body if loc[:1] == ("body",) else None
    for index, part in enumerate(loc):
        if part in _SOURCES and not parts:
            continue
        if node is not None:
            in_dict = isinstance(node, dict) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
            if in_dict or in_list:
                node = node[part]
            elif isinstance(node, dict) and (index < len(loc) - 1 or error.get("type") != "missing"):
                continue  # a union tag, not a key of the body (only a missing field is absent from it)
        parts.append(str(part))
    if error.get("type") in ("union_tag_invalid", "union_tag_not_found"):
        parts.append(str(error.get("ctx", {}).get("discriminator", "")).strip("'"))
    return ".".join(p for p in parts if p) or ".".join(str(p) for p in loc)


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return problem_response(exc.problem(instance=request.url.path, request_id=current_request_id()), exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [FieldError(field=_field_name(e, exc.body), reason=e.get("msg", "invalid")) for e in exc.errors()]
    detail = "; ".join(f"{e.field}: {e.reason}" for e in errors)
    return problem_response(
        Problem(
            type="validation-error",
            title="Invalid input",
            status=422,
            detail=detail,
            instance=request.url.path,
            request_id=current_request_id(),
            errors=errors,
        )
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return problem_response(
        Problem(
            title=str(exc.detail) if exc.detail else "Error",
            status=exc.status_code,
            detail=str(exc.detail) if exc.detail else None,
            instance=request.url.path,
            request_id=current_request_id(),
        ),
        dict(exc.headers) if exc.headers else None,
    )


async def _database_busy(request: Request, exc: Exception) -> JSONResponse:
    """SQLite (the local run) refuses a write that races another transaction ("database is locked"): the
    transaction was rolled back whole, so the client may simply retry. Other database errors stay 500."""
    assert isinstance(exc, OperationalError)
    if "database is locked" not in str(exc.orig):
        return await _unexpected_error(request, exc)
    log.warning("database busy on %s %s", request.method, request.url.path)
    return problem_response(
        Problem(
            type="database-busy",
            title="Service busy",
            status=503,
            detail="Another change was being saved at the same moment; nothing was changed. Try again.",
            instance=request.url.path,
            request_id=current_request_id(),
        ),
        {"Retry-After": "1"},
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        Problem(
            type="internal-error",
            title="Internal server error",
            status=500,
            detail="The server failed to handle the request; it has been logged.",
            request_id=current_request_id(),
        )
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_busy)
    app.add_exception_handler(Exception, _unexpected_error)
