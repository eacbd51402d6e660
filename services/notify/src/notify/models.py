"""Every table of notify, for Alembic and the tests."""

from notify.campaigns.models import Campaign
from notify.core.db import metadata
from notify.events.models import Event
from notify.messages.models import Message

__all__ = ["Campaign", "Event", "Message", "metadata"]
