"""Local SMTP sink: accepts every message on 127.0.0.1:1025 and keeps each one as its own .eml file.

    python infra/local/smtp_sink.py [--host 127.0.0.1] [--port 1025] [--maildir var/mail]

Files are named `<UTC timestamp>-<short uuid>.eml`, written to a temporary name and renamed, so a reader
never sees half a message. One log line per message (file name, recipient count, size; no addresses).
Runs until SIGINT or SIGTERM. Tests import `start_sink(host, port, maildir)` and stop the returned
Controller themselves (pick a free port first: `Controller(port=0)` does not work).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

log = logging.getLogger("smtp_sink")


class MaildirHandler:
    """aiosmtpd handler writing each message (the bytes as received) to `maildir`."""

    def __init__(self, maildir: Path) -> None:
        self.maildir = Path(maildir)
        self.maildir.mkdir(parents=True, exist_ok=True)

    def store(self, content: bytes) -> Path:
        name = f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}-{uuid.uuid4().hex[:8]}.eml"
        final = self.maildir / name
        tmp = self.maildir / f".{name}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, final)
        return final

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        path = self.store(content)
        log.info("stored %s (%d recipients, %d bytes)", path.name, len(envelope.rcpt_tos), len(content))
        return "250 Message accepted for delivery"


def start_sink(host: str, port: int, maildir: Path | str, *, handler: Any = None) -> Controller:
    """Start a sink in a background thread and return its Controller (call `.stop()` to end it).

    `handler` replaces the maildir handler (tests use it to simulate a failing server)."""
    controller = Controller(
        handler or MaildirHandler(Path(maildir)),
        hostname=host,
        port=port,
        enable_SMTPUTF8=True,
        decode_data=False,
    )
    controller.start()
    return controller


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Local SMTP sink: every message becomes an .eml file.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--maildir", default="var/mail")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s smtp-sink: %(message)s")
    # aiosmtpd logs every envelope address at INFO; addresses are personal data.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    controller = start_sink(args.host, args.port, Path(args.maildir))
    log.info("listening on %s:%d, writing to %s", args.host, args.port, Path(args.maildir).resolve())
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    log.info("stopped")


if __name__ == "__main__":
    main()
