"""Every table of claims-api, imported for Alembic."""

from sqlmodel import SQLModel

from bengodan_common.db import apply_naming_convention
from claims_api.audit.models import AuditEntry
from claims_api.cases.models import Case, Proceeding, ProceedingMember
from claims_api.changes.models import ClaimChange
from claims_api.claimants.models import Claimant
from claims_api.damages.models import DamageItem, DamageItemExhibit, InsurerSettlement
from claims_api.evidence.models import Exhibit, ExhibitUpload, ExhibitVersion
from claims_api.filings.models import CaseCounsel, CaseFilingSettings
from claims_api.hearings.models import Hearing
from claims_api.idempotency.models import IdempotencyKey
from claims_api.imports.models import ClaimantImport
from claims_api.outbox.models import OutboxEvent
from claims_api.users.models import Client, User

apply_naming_convention(SQLModel.metadata)
metadata = SQLModel.metadata

__all__ = [
    "AuditEntry",
    "Case",
    "CaseCounsel",
    "CaseFilingSettings",
    "ClaimChange",
    "Claimant",
    "ClaimantImport",
    "Client",
    "DamageItem",
    "DamageItemExhibit",
    "Exhibit",
    "ExhibitUpload",
    "ExhibitVersion",
    "Hearing",
    "IdempotencyKey",
    "InsurerSettlement",
    "OutboxEvent",
    "Proceeding",
    "ProceedingMember",
    "User",
    "metadata",
]
