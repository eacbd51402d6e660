from __future__ import annotations

import re
import smtplib
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from bengodan_common.testing import free_port

from ..support import smtp_sink


def test_each_message_becomes_its_own_eml_file(tmp_path: Path) -> None:
    port = free_port()
    controller = smtp_sink.start_sink("127.0.0.1", port, tmp_path / "mail")
    try:
        for n in range(2):
            message = EmailMessage(policy=policy.SMTP)
            message["From"] = "弁護団事務局 <noreply@bengodan.example.jp>"
            message["To"] = "yamada@example.com"
            message["Subject"] = f"【テスト】髙﨑 {n}"
            message.set_content("本文①", charset="utf-8")
            with smtplib.SMTP("127.0.0.1", port, timeout=5) as smtp:
                smtp.send_message(message)
    finally:
        controller.stop()
    files = sorted((tmp_path / "mail").iterdir())
    assert len(files) == 2
    assert all(re.fullmatch(r"\d{8}T\d{12}Z-[0-9a-f]{8}\.eml", f.name) for f in files)  # no temp files left
    subjects = [BytesParser(policy=policy.default).parse(f.open("rb"))["Subject"] for f in files]
    assert sorted(subjects) == ["【テスト】髙﨑 0", "【テスト】髙﨑 1"]
