"""Every table of notify, for Alembic and the tests."""

from notify.core.db import metadata
from notify.events.models import Event
from notify.messages.models import Message

__all__ = ["Event", "Message", "metadata"]
