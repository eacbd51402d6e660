"""Claimants who want no more reminders: the signed unsubscribe link of every reminder, and the opt-outs.

An opt-out stops the messages about the claimant's own case (`REMINDER_KINDS`); a breach notice is a legal duty
and is sent whatever the claimant opted out of. The link carries the claimant's id and an HMAC of it, and never
expires: a link in a mail of last year must still work. Nothing here commits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from notify.core.config import Settings
from notify.messages.models import REMINDER_KINDS, Message
from notify.reminders.models import OptOut

log = logging.getLogger(__name__)

# link: the claimant, by the link in a reminder; staff: on the claimant's behalf; complaint: the claimant marked a
# reminder as spam (the provider's feedback report).
Source = Literal["link", "staff", "complaint"]

_MAC_BYTES = 16
_MAX_TOKEN_LENGTH = 64  # an id of 19 digits, a dot and 22 characters of MAC, with room to spare
_CHUNK = 1000  # ids per IN list


def _mac(claimant_id: int, secret: str) -> str:
    digest = hmac.new(secret.encode(), b"unsubscribe:" + str(claimant_id).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:_MAC_BYTES]).rstrip(b"=").decode("ascii")


def unsubscribe_token(claimant_id: int, secret: str) -> str:
    """`<id>.<mac>`: the claimant's id and an HMAC-SHA256 of it (16 bytes, URL-safe base64 without padding)."""
    if claimant_id < 1:
        raise ValueError("claimant ids start at 1")
    return f"{claimant_id}.{_mac(claimant_id, secret)}"


def claimant_of(token: str, secret: str) -> int | None:
    """The claimant a token was made for; None for anything malformed or not signed with `secret`."""
    if not isinstance(token, str) or len(token) > _MAX_TOKEN_LENGTH:
        return None
    id_part, dot, mac_part = token.partition(".")
    # Only the canonical form of the id (ASCII digits, no sign, no leading zero): one token per claimant.
    if not dot or not id_part.isascii() or not id_part.isdigit() or id_part.startswith("0"):
        return None
    claimant_id = int(id_part)
    if not hmac.compare_digest(mac_part.encode(), _mac(claimant_id, secret).encode()):
        return None
    return claimant_id


def unsubscribe_url(settings: Settings, claimant_id: int) -> str:
    """The link in the claimant's reminders (also the target of the one-click `List-Unsubscribe-Post`)."""
    token = unsubscribe_token(claimant_id, settings.unsubscribe_secret.get_secret_value())
    return f"{settings.public_base_url.rstrip('/')}/api/v1/unsubscribe?t={token}"


def get(session: Session, claimant_id: int) -> OptOut | None:
    return session.get(OptOut, claimant_id)


def opt_out(session: Session, *, claimant_id: int, source: Source, actor: str | None, now: datetime) -> bool:
    """Record that the claimant wants no more reminders and cancel their queued ones (breach notices and
    messages already handed over stay as they are). True when newly recorded; recording twice changes nothing
    but cancels what was queued since."""
    recorded = False
    if get(session, claimant_id) is None:
        try:
            # A savepoint: two requests for the same claimant at once (a mail scanner's one-click POST and the
            # claimant's own) end with one row, not with an error.
            with session.begin_nested():
                session.add(OptOut(claimant_id=claimant_id, source=source, recorded_by=actor, created_at=now))
            recorded = True
        except IntegrityError:
            recorded = False
    result = session.execute(
        update(Message)
        .where(
            col(Message.claimant_id) == claimant_id,
            col(Message.status) == "queued",
            col(Message.kind).in_(REMINDER_KINDS),
        )
        .values(status="cancelled", updated_at=now)
        .execution_options(synchronize_session="fetch")
    )
    cancelled = getattr(result, "rowcount", 0) or 0
    log.info(
        "reminder opt-out by %s (%s); %d queued reminders cancelled", source, "new" if recorded else "again", cancelled
    )
    return recorded


def clear_opt_out(session: Session, *, claimant_id: int) -> bool:
    """Let reminders go to the claimant again (those cancelled by the opt-out stay cancelled). True when there
    was an opt-out to clear."""
    existing = get(session, claimant_id)
    if existing is None:
        return False
    session.delete(existing)
    session.flush()
    return True


def opted_out(session: Session, claimant_ids: Iterable[int]) -> set[int]:
    """Which of these claimants opted out (one query per 1,000 ids)."""
    wanted = sorted(set(claimant_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        found.update(session.exec(select(OptOut.claimant_id).where(col(OptOut.claimant_id).in_(chunk))).all())
    return found
