"""Sending one e-mail over SMTP (synchronous smtplib; the worker runs in its own thread)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from bengodan_common.settings import SMTPSettings


@dataclass
class SendError(Exception):
    """A failed send: `permanent` when trying again cannot help (a 5xx reply about this message)."""

    reason: str
    permanent: bool

    def __str__(self) -> str:
        return self.reason


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    def __init__(self, settings: SMTPSettings) -> None:
        self.settings = settings

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.use_tls:
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_seconds, context=ssl.create_default_context())
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
        if s.starttls:
            smtp.starttls(context=ssl.create_default_context())
        return smtp

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as smtp:
                if self.settings.username:
                    password = self.settings.password.get_secret_value() if self.settings.password else ""
                    smtp.login(self.settings.username, password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            permanent = bool(codes) and all(code >= 500 for code in codes)
            raise SendError(f"recipient refused ({', '.join(str(c) for c in codes)})", permanent) from exc
        except smtplib.SMTPAuthenticationError as exc:
            # Our configuration, not the message: keep it for a retry.
            raise SendError(f"SMTP authentication failed ({exc.smtp_code})", permanent=False) from exc
        except smtplib.SMTPResponseException as exc:
            reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
            raise SendError(f"{exc.smtp_code} {reply}".strip(), permanent=exc.smtp_code >= 500) from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise SendError(f"not supported by the SMTP server: {exc}", permanent=True) from exc
        except (OSError, smtplib.SMTPException) as exc:
            # Connection refused, timeouts, disconnects: temporary.
            raise SendError(f"{type(exc).__name__}: {exc}", permanent=False) from exc
