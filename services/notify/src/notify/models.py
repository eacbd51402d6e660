"""Every table of notify, for Alembic and the tests."""

from notify.campaigns.models import Campaign, Recipient, RecipientImport, RecipientImportError
from notify.core.db import metadata
from notify.core.idempotency import IdempotencyKey
from notify.events.models import Event
from notify.letters.models import LetterBatch
from notify.messages.models import Message
from notify.reminders.models import IntakeReminder, OptOut, ReminderRule

__all__ = [
    "Campaign",
    "Event",
    "IdempotencyKey",
    "IntakeReminder",
    "LetterBatch",
    "Message",
    "OptOut",
    "Recipient",
    "RecipientImport",
    "RecipientImportError",
    "ReminderRule",
    "metadata",
]
