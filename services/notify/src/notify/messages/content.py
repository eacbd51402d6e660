"""The Japanese e-mails: templates (files under templates/), and the RFC 5322 message built from a row."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bengodan_common.japanese import TOKYO, era_datetime

if TYPE_CHECKING:
    from notify.events.schemas import HearingPayload
    from notify.messages.models import Message

KIND_LABELS = {
    "mediation_session": "調停期日",
    "oral_argument": "口頭弁論期日",
    "preparatory": "弁論準備手続期日",
    "deadline": "提出期限",
}

WHAT_TO_BRING = {
    "mediation_session": ("ご出席の際は、本人確認書類（運転免許証など）と、弁護団からお送りした資料をお持ちください。"),
    "oral_argument": "傍聴・ご出席の際は、本人確認書類（運転免許証など）をお持ちください。",
    "preparatory": "原則として代理人弁護士が出席します。ご出席いただく場合は、本人確認書類をお持ちください。",
    "deadline": "期限までに、お願いしている書類（資料・証拠の写しなど）を弁護団事務局へご提出ください。",
}

# Text templates: no autoescaping (text/plain, never rendered as HTML); a missing variable is an error.
_templates = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,  # noqa: S701 - text/plain mail, see above
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class HearingInfo:
    hearing_id: int
    proceeding_name: str
    kind: str
    starts_at: datetime
    place: str
    court: str | None
    online_url: str | None

    @classmethod
    def from_payload(cls, payload: HearingPayload) -> HearingInfo:
        return cls(
            hearing_id=payload.hearing_id,
            proceeding_name=payload.proceeding_name,
            kind=payload.kind,
            starts_at=payload.starts_at,
            place=payload.place,
            court=payload.court,
            online_url=payload.online_url,
        )


@dataclass(frozen=True)
class Team:
    name: str
    contact: str


def _single_line(text: str) -> str:
    return " ".join(text.split())


def render_text(template: str, **context: Any) -> tuple[str, str]:
    """(subject, body) of the templates `{template}.subject.j2` and `{template}.body.j2`."""
    subject = _single_line(_templates.get_template(f"{template}.subject.j2").render(context))
    body = _templates.get_template(f"{template}.body.j2").render(context)
    return subject, body


def render(
    template: str, *, hearing: HearingInfo, name: str, team: Team, unsubscribe_url: str, **extra: Any
) -> tuple[str, str]:
    """(subject, body) of one of the hearing templates: hearing_notice, hearing_reminder, hearing_cancellation."""
    return render_text(
        template,
        name=name,
        when=era_datetime(hearing.starts_at),
        kind_label=KIND_LABELS[hearing.kind],
        what_to_bring=WHAT_TO_BRING[hearing.kind],
        hearing=hearing,
        team=team,
        unsubscribe_url=unsubscribe_url,
        **extra,
    )


def reminder_lead(days_before: int) -> str:
    return {0: "本日", 1: "明日"}.get(days_before, f"{days_before}日後")


def new_message_id(domain: str) -> str:
    return f"<{uuid.uuid4().hex}@{domain}>"


@dataclass(frozen=True)
class RawEmail:
    """An e-mail as it goes over the wire (RFC 5322, CRLF line ends) and the one address it goes to."""

    to: str
    data: bytes


def _header(field: str, value: str) -> str:
    """A header value in US-ASCII: non-ASCII text as RFC 2047 encoded words (UTF-8), folded with CRLF to lines of
    at most 78 characters counting the field's name."""
    if value.isascii():
        return value
    return Header(value, "utf-8", header_name=field).encode(linesep="\r\n")


def _address(field: str, name: str, address: str) -> str:
    if name.isascii():
        return formataddr((name, address))  # quotes a name with specials
    name_part = _header(field, name)
    last_line = name_part.rsplit("\r\n", 1)[-1]
    first = len(field) + 2 if "\r\n" not in name_part else 0
    fold = "\r\n " if first + len(last_line) + len(address) + 3 > 78 else " "  # the address on a line of its own
    return f"{name_part}{fold}<{address}>"


def build_email(
    message: Message,
    *,
    subject: str,
    body: str,
    mail_from: str,
    now: datetime,
    reply_to: str | None = None,
    unsubscribe: str | None = None,
) -> RawEmail:
    """The e-mail of a message row: UTF-8 text/plain, base64 (safe through any relay, with or without 8BITMIME),
    non-ASCII headers as encoded words, the Message-ID recorded when the row was made, and for reminders the
    unsubscribe link as a one-click List-Unsubscribe (RFC 8058).

    Written out directly rather than through `email.message.EmailMessage`: its header registry and folding cost
    about 5 ms of CPU per message, more than the SMTP exchange itself (tests parse the result with the standard
    parser)."""
    assert message.to_address is not None
    from_name, from_address = parseaddr(mail_from)
    headers = [
        ("From", _address("From", from_name, from_address) if from_name else from_address),
        ("To", _address("To", message.to_name, message.to_address)),
        ("Reply-To", reply_to),
        ("Subject", _header("Subject", subject)),
        ("Date", format_datetime(now.astimezone(TOKYO))),
        ("Message-ID", message.message_id),
        ("Auto-Submitted", "auto-generated"),
        ("List-Unsubscribe", f"<{unsubscribe}>" if unsubscribe else None),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click" if unsubscribe else None),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="utf-8"'),
        ("Content-Transfer-Encoding", "base64"),
    ]
    head = "".join(f"{name}: {value}\r\n" for name, value in headers if value)
    text = "\r\n".join(body.splitlines()) + "\r\n"
    encoded = base64.encodebytes(text.encode("utf-8")).replace(b"\n", b"\r\n")
    return RawEmail(to=message.to_address, data=head.encode("ascii") + b"\r\n" + encoded)


def sender_address(mail_from: str) -> str:
    """The addr-spec of a From header value (`名前 <a@b>` → `a@b`): the key of the rate limit."""
    return parseaddr(mail_from)[1].lower()


def valid_address(name: str, address: str) -> bool:
    """An address we can put in a To header (no header injection, a parseable addr-spec)."""
    if any(ord(ch) < 32 for ch in name + address):
        return False
    try:
        parsed = Address(display_name=name, addr_spec=address)
    except (ValueError, IndexError, TypeError):
        return False
    return bool(parsed.username and parsed.domain)
