"""Roles of people and the scopes they expand to when a token is issued."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    lawyer = "lawyer"
    staff = "staff"
    viewer = "viewer"


_VIEWER = ("claims:read", "cases:read", "hearings:read", "renders:read", "notify:read")
_STAFF = (*_VIEWER, "claims:write", "hearings:write", "renders:write", "notify:write")
_LAWYER = (*_STAFF, "cases:write")
_ADMIN = (*_LAWYER, "users:admin", "clients:admin", "audit:read")

ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.viewer: frozenset(_VIEWER),
    Role.staff: frozenset(_STAFF),
    Role.lawyer: frozenset(_LAWYER),
    Role.admin: frozenset(_ADMIN),
}

# Scopes a machine client may be granted (notify renders the breach-notice letters at docs-render).
SERVICE_SCOPES = frozenset(
    {"claims:read", "cases:read", "hearings:read", "notify:events.write", "renders:read", "renders:write"}
)
PARTNER_SCOPES = frozenset({"partner:claims.read", "partner:settlements.write"})
