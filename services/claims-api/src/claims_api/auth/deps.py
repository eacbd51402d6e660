"""Typed principals for endpoints: each alias demands one scope."""

from typing import Annotated

from fastapi import Security

from bengodan_common.auth import Principal, authenticate, require_scopes

Authenticated = Annotated[Principal, Security(authenticate)]
ClaimsRead = Annotated[Principal, Security(require_scopes, scopes=["claims:read"])]
ClaimsWrite = Annotated[Principal, Security(require_scopes, scopes=["claims:write"])]
CasesRead = Annotated[Principal, Security(require_scopes, scopes=["cases:read"])]
CasesWrite = Annotated[Principal, Security(require_scopes, scopes=["cases:write"])]
HearingsRead = Annotated[Principal, Security(require_scopes, scopes=["hearings:read"])]
HearingsWrite = Annotated[Principal, Security(require_scopes, scopes=["hearings:write"])]
UsersAdmin = Annotated[Principal, Security(require_scopes, scopes=["users:admin"])]
ClientsAdmin = Annotated[Principal, Security(require_scopes, scopes=["clients:admin"])]
AuditRead = Annotated[Principal, Security(require_scopes, scopes=["audit:read"])]
