"""Handing e-mails to the mail system: an SMTP relay (one connection kept open for a batch), or Amazon SES through
boto3. The worker opens a session per batch and sends each message in it."""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from bengodan_common.settings import SMTPSettings
from notify.messages.content import RawEmail

log = logging.getLogger(__name__)


@dataclass
class SendError(Exception):
    """A failed send: `permanent` when trying again cannot help (a 5xx reply about this message)."""

    reason: str
    permanent: bool

    def __str__(self) -> str:
        return self.reason


class MailSession(Protocol):
    def send(self, message: RawEmail, *, envelope_from: str) -> str | None:
        """Hand one message over; the provider's own id (SES) or None. Raises SendError."""
        ...


class Mailer(Protocol):
    def session(self) -> Any:
        """A context manager yielding a MailSession."""
        ...


class _SmtpSession:
    """One SMTP connection, opened on the first message and re-opened after the server dropped it."""

    def __init__(self, settings: SMTPSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.use_tls:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout_seconds, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
        if s.username:
            smtp.login(s.username, s.password.get_secret_value() if s.password else "")
        return smtp

    def send(self, message: RawEmail, *, envelope_from: str) -> str | None:
        try:
            if self.smtp is None:
                self.smtp = self._connect()
            self.smtp.sendmail(envelope_from, [message.to], message.data)
            return None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            permanent = bool(codes) and all(code >= 500 for code in codes)
            raise SendError(f"recipient refused ({', '.join(str(c) for c in codes)})", permanent) from exc
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            # Our configuration, not the message: keep it for a retry.
            raise SendError(f"SMTP authentication failed ({exc.smtp_code})", permanent=False) from exc
        except smtplib.SMTPResponseException as exc:
            reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            if exc.smtp_code in (421, -1):
                self.close()
            raise SendError(f"{exc.smtp_code} {reply}".strip(), permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise SendError(f"not supported by the SMTP server: {exc}", permanent=True) from exc
        except (OSError, smtplib.SMTPException) as exc:
            # Connection refused, timeouts, disconnects: temporary; the next message opens a new connection.
            self.close()
            raise SendError(f"{type(exc).__name__}: {exc}", permanent=False) from exc

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


class SmtpMailer:
    def __init__(self, settings: SMTPSettings) -> None:
        self.settings = settings

    @contextmanager
    def session(self) -> Iterator[_SmtpSession]:
        smtp = _SmtpSession(self.settings)
        try:
            yield smtp
        finally:
            smtp.close()


# SES errors about the message itself; the rest (throttling, network, service) are worth another try.
_SES_PERMANENT = {"MessageRejected", "InvalidParameterValue", "AccountSendingPausedException"}


class _SesSession:
    def __init__(self, client: Any, configuration_set: str | None) -> None:
        self.client = client
        self.configuration_set = configuration_set

    def send(self, message: RawEmail, *, envelope_from: str) -> str | None:
        from botocore.exceptions import BotoCoreError, ClientError

        request: dict[str, Any] = {
            "Source": envelope_from,
            "Destinations": [message.to],
            "RawMessage": {"Data": message.data},
        }
        if self.configuration_set:
            request["ConfigurationSetName"] = self.configuration_set
        try:
            response = self.client.send_raw_email(**request)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            detail = exc.response.get("Error", {}).get("Message", "")
            raise SendError(f"SES {code}: {detail}".strip(), permanent=code in _SES_PERMANENT) from exc
        except BotoCoreError as exc:
            raise SendError(f"SES unreachable: {type(exc).__name__}", permanent=False) from exc
        return str(response["MessageId"])


class SesMailer:
    """Amazon SES (`send_raw_email`: our own headers and Message-ID go out as built)."""

    def __init__(self, client: Any, configuration_set: str | None = None) -> None:
        self.client = client
        self.configuration_set = configuration_set

    @contextmanager
    def session(self) -> Iterator[_SesSession]:
        yield _SesSession(self.client, self.configuration_set)
