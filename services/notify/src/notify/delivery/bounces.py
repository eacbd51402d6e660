"""Delivery reports read into one shape: RFC 3464 DSNs sent back by mail servers, and Amazon SES
bounce/delivery/complaint notifications taken from an SQS queue. Pure parsing: no database, no network."""

from __future__ import annotations

import base64
import email
import email.errors
import email.policy
import json
import quopri
import re
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from typing import Any, Literal

Outcome = Literal["delivered", "bounced", "delayed", "complaint"]

DETAIL_MAX = 500

_REPORT_TYPES = {"delivery-status", "global-delivery-status"}  # the global ones: RFC 6533 (SMTPUTF8)
_STATUS_PARTS = {"message/delivery-status", "message/global-delivery-status"}
_ORIGINAL_PARTS = {"message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"}
_DSN_ACTIONS: dict[str, Outcome] = {
    "failed": "bounced",
    "delayed": "delayed",
    "delivered": "delivered",
    "relayed": "delivered",
    "expanded": "delivered",
}
_TYPE_PREFIX = re.compile(r"^\s*[A-Za-z][A-Za-z0-9.+-]*\s*;\s*")  # "rfc822;", "smtp;", "X-Postfix;"
_STATUS_CODE = re.compile(r"\b[245]\.\d{1,3}\.\d{1,3}\b")
_ANGLE_ID = re.compile(r"<[^<>\s]+>")
# The email package (policy.default parses headers lazily) can raise assorted errors on malformed input;
# for a caller they all mean the same thing: not a report we can read.
_PARSE_ERRORS = (ValueError, TypeError, LookupError, AttributeError, UnicodeError, email.errors.MessageError)


@dataclass(frozen=True)
class DeliveryReport:
    message_id: str | None  # our Message-ID header as sent, with angle brackets
    provider_message_id: str | None  # Amazon SES's own message id (SES only)
    recipient: str | None  # address the report is about, domain lower-cased
    outcome: Outcome
    permanent: bool  # a hard bounce: 5.x.x status, or SES bounceType "Permanent"
    status: str | None  # enhanced status code such as "5.1.1"
    detail: str  # one line, at most DETAIL_MAX characters, "" if none


class NotADeliveryReport(ValueError):
    """The input is not a delivery report we can read (the reason in the message)."""


# --- RFC 3464 delivery status notifications ---


def parse_dsn(raw: bytes) -> list[DeliveryReport]:
    """One report per recipient block of a `multipart/report; report-type=delivery-status` message.

    The recipient is the Original-Recipient when the MTA gives it (the address we sent to, before any
    forwarding), else the Final-Recipient. `message_id` comes only from the returned original message or
    headers part; None when that part or its Message-ID is missing."""
    if not isinstance(raw, bytes | bytearray):
        raise NotADeliveryReport(f"expected bytes, got {type(raw).__name__}")
    try:
        return _parse_dsn(bytes(raw))
    except NotADeliveryReport:
        raise
    except _PARSE_ERRORS as exc:
        raise NotADeliveryReport(f"unreadable message ({type(exc).__name__}: {exc})") from exc


def _parse_dsn(raw: bytes) -> list[DeliveryReport]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    content_type = msg.get_content_type()
    if content_type != "multipart/report":
        raise NotADeliveryReport(f"not a multipart/report message ({content_type})")
    report_type = str(msg.get_param("report-type", "") or "").strip().lower()
    if report_type not in _REPORT_TYPES:
        raise NotADeliveryReport(f"report-type {report_type!r} is not delivery-status")
    parts = _submessages(msg.get_payload())
    status_part = next((p for p in parts if p.get_content_type() in _STATUS_PARTS), None)
    if status_part is None:
        raise NotADeliveryReport("no message/delivery-status part")
    original_part = next((p for p in parts if p.get_content_type() in _ORIGINAL_PARTS), None)
    message_id = _original_message_id(original_part) if original_part is not None else None

    reports = []
    for block in _status_blocks(status_part):
        action = block.get("action", "").split(maxsplit=1)
        outcome = _DSN_ACTIONS.get(action[0].lower()) if action else None
        if outcome is None:
            continue  # the per-message block, or an action RFC 3464 does not define
        status = _status_code(block.get("status"))
        reports.append(
            DeliveryReport(
                message_id=message_id,
                provider_message_id=None,
                recipient=_address(block.get("original-recipient") or block.get("final-recipient")),
                outcome=outcome,
                permanent=outcome == "bounced" and status is not None and status.startswith("5"),
                status=status,
                detail=_detail(block.get("diagnostic-code")),
            )
        )
    if not reports:
        raise NotADeliveryReport("delivery-status part without per-recipient fields")
    return reports


def _status_blocks(part: Message) -> list[dict[str, str]]:
    """The field blocks of a delivery-status part, field names lower-cased."""
    payload = part.get_payload()
    if not isinstance(payload, list):
        return _blocks_from_text(_decoded_text(part))
    subs = _submessages(payload)
    cte = str(part.get("content-transfer-encoding", "")).strip().lower()
    if cte in ("base64", "quoted-printable"):
        # The parser split the still-encoded body into field blocks: put the text back together, then decode it.
        encoded = "\n".join(_source(sub) for sub in subs).encode("utf-8", "surrogateescape")
        decoded = base64.b64decode(encoded) if cte == "base64" else quopri.decodestring(encoded)
        return _blocks_from_text(decoded.decode("utf-8", "replace"))
    blocks = []
    for sub in subs:
        blocks.append(_fields(sub.items()))
        # message/global-delivery-status is parsed as one message: its first block as headers, the rest as body.
        blocks.extend(_blocks_from_text(_decoded_text(sub)))
    return blocks


def _decoded_text(part: Message) -> str:
    data = part.get_payload(decode=True)
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else ""


def _source(sub: Message) -> str:
    """A field block as it was written: lines that are not fields follow the fields directly (as the parser
    found them, without a blank line between)."""
    fields = "".join(f"{name}: {value}\n" for name, value in sub.raw_items())
    body = sub.get_payload()
    return fields + (body if isinstance(body, str) else "")


def _submessages(payload: object) -> list[Message]:
    return [item for item in payload if isinstance(item, Message)] if isinstance(payload, list) else []


def _fields(items: Iterable[tuple[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, value in items:
        fields.setdefault(name.strip().lower(), str(value))
    return fields


def _blocks_from_text(text: str) -> list[dict[str, str]]:
    """Blank-line separated blocks of `Name: value` lines, continuation lines unfolded."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        if not line.strip():
            if current:
                blocks.append(current)
            current, last = {}, None
        elif line[0] in " \t":
            if last is not None:
                current[last] += " " + line.strip()
        else:
            name, sep, value = line.partition(":")
            key = name.strip().lower()
            if not sep or key in current:
                last = None
                continue
            current[key] = value.strip()
            last = key
    if current:
        blocks.append(current)
    return blocks


def _original_message_id(part: Message) -> str | None:
    payload = part.get_payload()
    if isinstance(payload, list):
        subs = _submessages(payload)
        headers = subs[0] if subs else None
    else:
        data = part.get_payload(decode=True)
        headers = BytesHeaderParser(policy=email.policy.default).parsebytes(data) if isinstance(data, bytes) else None
    if headers is None:
        return None
    return _message_id(headers.get("message-id"))


# --- Amazon SES notifications ---


def parse_ses_notification(body: str | bytes) -> list[DeliveryReport]:
    """Reports from an SES notification as read from SQS: the SNS envelope or the raw SES JSON (raw message
    delivery), with `notificationType` (identity notifications) or `eventType` (configuration set events).

    The SNS signature is not checked here: that is for whoever reads the queue, if it is needed at all."""
    data = _json_object(body, "message body")
    if "notificationType" not in data and "eventType" not in data:
        if "Type" not in data:
            raise NotADeliveryReport("neither an SNS envelope nor an SES notification")
        if data["Type"] != "Notification":
            raise NotADeliveryReport(f"SNS {data['Type']} message, not a notification")
        message = data.get("Message")
        if not isinstance(message, str):
            raise NotADeliveryReport("SNS notification without a Message string")
        data = _json_object(message, "SNS Message")

    kind = data.get("notificationType") or data.get("eventType")
    if not kind:
        raise NotADeliveryReport("SNS message is not an SES notification (no notificationType or eventType)")
    mail = data.get("mail")
    if not isinstance(mail, dict):
        raise NotADeliveryReport(f"SES {kind} notification without a mail object")
    provider_id = mail.get("messageId") if isinstance(mail.get("messageId"), str) else None
    message_id = _ses_message_id(mail, provider_id)

    reports = [
        DeliveryReport(
            message_id=message_id,
            provider_message_id=provider_id,
            recipient=_address(recipient),
            outcome=outcome,
            permanent=permanent,
            status=_status_code(status),
            detail=_detail(detail),
        )
        for recipient, outcome, permanent, status, detail in _ses_recipients(data, kind)
    ]
    if not reports:
        raise NotADeliveryReport(f"SES {kind} notification without recipients")
    return reports


_SesRecipient = tuple[str | None, Outcome, bool, str | None, str | None]


def _ses_recipients(data: dict[str, Any], kind: str) -> list[_SesRecipient]:
    """(recipient, outcome, permanent, status, detail) for each recipient of the notification."""
    if kind == "Bounce":
        bounce = _section(data, "bounce", kind)
        permanent = bounce.get("bounceType") == "Permanent"  # "Transient" and "Undetermined" are not
        # Without a DSN from the receiving server there is no diagnosticCode; SES's classification is all there is.
        bounce_type, sub_type = _text(bounce.get("bounceType")), _text(bounce.get("bounceSubType"))
        fallback = f"{bounce_type} bounce" + (f" ({sub_type})" if sub_type else "") if bounce_type else None
        return _with_diagnostics(bounce.get("bouncedRecipients"), "bounced", permanent=permanent, fallback=fallback)
    if kind == "DeliveryDelay":
        delay = _section(data, "deliveryDelay", kind)
        return _with_diagnostics(delay.get("delayedRecipients"), "delayed", fallback=_text(delay.get("delayType")))
    if kind == "Delivery":
        delivery = _section(data, "delivery", kind)
        response = _text(delivery.get("smtpResponse"))
        recipients = delivery.get("recipients")
        return [
            (address, "delivered", False, response, response)
            for address in (recipients if isinstance(recipients, list) else [])
            if isinstance(address, str)
        ]
    if kind == "Complaint":
        complaint = _section(data, "complaint", kind)
        feedback = _text(complaint.get("complaintFeedbackType")) or _text(complaint.get("complaintSubType"))
        return [
            (_text(r.get("emailAddress")), "complaint", False, None, feedback)
            for r in _objects(complaint.get("complainedRecipients"))
        ]
    raise NotADeliveryReport(f"SES {kind} event is not a delivery report")


def _with_diagnostics(
    recipients: object, outcome: Outcome, *, permanent: bool = False, fallback: str | None
) -> list[_SesRecipient]:
    """SES's bounced and delayed recipients: each with its own status and diagnosticCode (the receiving server's
    words), `fallback` as the detail where it has no diagnosticCode."""
    return [
        (
            _text(r.get("emailAddress")),
            outcome,
            permanent,
            _text(r.get("status")),
            _text(r.get("diagnosticCode")) or fallback,
        )
        for r in _objects(recipients)
    ]


def _json_object(text: str | bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text.decode("utf-8") if isinstance(text, bytes | bytearray) else text)
    except (UnicodeDecodeError, ValueError) as exc:
        raise NotADeliveryReport(f"{what} is not valid JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise NotADeliveryReport(f"{what} is not a JSON object")
    return value


def _section(data: dict[str, Any], key: str, kind: str) -> dict[str, Any]:
    section = data.get(key)
    if not isinstance(section, dict):
        raise NotADeliveryReport(f"SES {kind} notification without a {key} object")
    return section


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _objects(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _ses_message_id(mail: dict[str, Any], provider_id: str | None) -> str | None:
    """Our Message-ID from the original headers (`headers`, then `commonHeaders`), if the message had one."""
    found = [h.get("value") for h in _objects(mail.get("headers")) if str(h.get("name", "")).lower() == "message-id"]
    common = mail.get("commonHeaders")
    value = found[0] if found else common.get("messageId") if isinstance(common, dict) else None
    # When the message had no Message-ID, SES made one from its own id, and that is not ours.
    if not isinstance(value, str) or value.strip("<> ") == provider_id:
        return None
    return _message_id(value)


# --- shared clean-up ---


def _message_id(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    found = _ANGLE_ID.search(text)
    if found:
        return found.group(0)
    return f"<{text}>" if text and not any(c.isspace() for c in text) else None


def _address(value: str | None) -> str | None:
    if not value:
        return None
    _, address = parseaddr(_TYPE_PREFIX.sub("", value, count=1))
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address.strip() or None
    return f"{local}@{domain.lower()}"


def _status_code(value: str | None) -> str | None:
    found = _STATUS_CODE.search(value) if value else None
    return found.group(0) if found else None


def _detail(value: str | None) -> str:
    if not value:
        return ""
    text = " ".join(_TYPE_PREFIX.sub("", value, count=1).split())
    return text if len(text) <= DETAIL_MAX else text[: DETAIL_MAX - 3] + "..."
