"""Delivery reports as mail servers and Amazon SES send them, read into DeliveryReport."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from typing import Any

import pytest

from notify.delivery.bounces import DeliveryReport, NotADeliveryReport, parse_dsn, parse_ses_notification

# The Message-ID of the e-mail we sent; every DSN below also has a Message-ID of its own, which must not win.
OURS = "<0f3c2a9e8b7d4c1a9e2f6b5d4c3a2b1e@bengodan.local>"
SES_ID = "0106019a1b2c3d4e-5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c-000000"


def wire(text: str) -> bytes:
    """A message as it travels: CRLF line ends, UTF-8 where 8-bit is allowed."""
    return text.replace("\n", "\r\n").encode("utf-8")


ORIGINAL_HEADERS = f"""\
Return-Path: <noreply@bengodan.local>
Received: from notify.bengodan.local (notify.bengodan.local [10.0.0.12])
        by mx1.bengodan.local (Postfix) with ESMTP id 4F2A11C0A3F
        for <yamada@example.com>; Tue,  1 Jul 2025 10:15:01 +0900 (JST)
From: =?utf-8?b?5byB6K2355Oj5LqL5YuZ5bGA?= <noreply@bengodan.local>
To: =?utf-8?b?5bGx55SwIOWkqumDjg==?= <yamada@example.com>
Subject: =?utf-8?b?44CQ5pyf5pel44Gu44GK55+l44KJ44Gb44CR?=
Date: Tue, 01 Jul 2025 10:15:00 +0900
Message-ID: {OURS}
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64
"""

POSTFIX_HARD_BOUNCE = wire(f"""\
Return-Path: <>
Received: by mx1.bengodan.local (Postfix)
        id 7C3D21C0B40; Tue,  1 Jul 2025 10:15:02 +0900 (JST)
Date: Tue,  1 Jul 2025 10:15:02 +0900 (JST)
From: MAILER-DAEMON@mx1.bengodan.local (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: noreply@bengodan.local
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
        boundary="7C3D21C0B40.1751332502/mx1.bengodan.local"
Content-Transfer-Encoding: 8bit
Message-Id: <20250701011502.7C3D21C0B40@mx1.bengodan.local>

This is a MIME-encapsulated message.

--7C3D21C0B40.1751332502/mx1.bengodan.local
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.bengodan.local.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<yamada@example.com>: host mx.example.com[192.0.2.10] said: 550 5.1.1
    <yamada@example.com>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--7C3D21C0B40.1751332502/mx1.bengodan.local
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.bengodan.local
X-Postfix-Queue-ID: 4F2A11C0A3F
X-Postfix-Sender: rfc822; noreply@bengodan.local
Arrival-Date: Tue,  1 Jul 2025 10:15:01 +0900 (JST)

Final-Recipient: rfc822; yamada@example.com
Original-Recipient: rfc822;yamada@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <yamada@example.com>: Recipient address
    rejected: User unknown in virtual mailbox table

--7C3D21C0B40.1751332502/mx1.bengodan.local
Content-Description: Undelivered Message
Content-Type: message/rfc822
Content-Transfer-Encoding: 8bit

{ORIGINAL_HEADERS}
44CQ5pyf5pel44Gu44GK55+l44KJ44Gb44CR

--7C3D21C0B40.1751332502/mx1.bengodan.local--
""")

EXIM_BOUNCE = wire(f"""\
Return-path: <>
Received: from Debian-exim by mail.example.org with local (Exim 4.96)
        id 1uWXyZ-000AbC-2D
        for noreply@bengodan.local;
        Tue, 01 Jul 2025 10:20:11 +0900
X-Failed-Recipients: suzuki@example.org
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mail.example.org>
To: noreply@bengodan.local
Content-Type: multipart/report; report-type=delivery-status; boundary=1751332811-eximdsn-1804289383
MIME-Version: 1.0
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1uWXyZ-000AbC-2D@mail.example.org>
Date: Tue, 01 Jul 2025 10:20:11 +0900

--1751332811-eximdsn-1804289383
Content-type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  suzuki@example.org
    host mx.example.org [198.51.100.25]
    SMTP error from remote mail server after RCPT TO:<suzuki@example.org>:
    550 5.2.1 <suzuki@example.org>: Mailbox disabled for this recipient

--1751332811-eximdsn-1804289383
Content-type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Action: failed
Final-Recipient: rfc822;suzuki@example.org
Status: 5.0.0
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.2.1 <suzuki@example.org>: Mailbox disabled for this recipient

--1751332811-eximdsn-1804289383
Content-type: text/rfc822-headers

{ORIGINAL_HEADERS}
--1751332811-eximdsn-1804289383--
""")

POSTFIX_DELAYED = wire(f"""\
Date: Tue,  1 Jul 2025 14:15:03 +0900 (JST)
From: MAILER-DAEMON@mx1.bengodan.local (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: noreply@bengodan.local
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
        boundary="9E1F01C0C55.1751346903/mx1.bengodan.local"
Message-Id: <20250701051503.9E1F01C0C55@mx1.bengodan.local>

--9E1F01C0C55.1751346903/mx1.bengodan.local
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.bengodan.local.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

--9E1F01C0C55.1751346903/mx1.bengodan.local
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.bengodan.local
X-Postfix-Queue-ID: 9E1F01C0C55
Arrival-Date: Tue,  1 Jul 2025 10:15:01 +0900 (JST)

Final-Recipient: rfc822; sato@example.net
Original-Recipient: rfc822;sato@example.net
Action: delayed
Status: 4.4.7
Diagnostic-Code: X-Postfix; delivery temporarily suspended: connect to
    mx.example.net[198.51.100.7]:25: Connection timed out
Will-Retry-Until: Sat,  5 Jul 2025 10:15:01 +0900 (JST)

--9E1F01C0C55.1751346903/mx1.bengodan.local
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

{ORIGINAL_HEADERS}
--9E1F01C0C55.1751346903/mx1.bengodan.local--
""")

POSTFIX_SUCCESS = wire(f"""\
Date: Tue,  1 Jul 2025 10:15:03 +0900 (JST)
From: MAILER-DAEMON@mx1.bengodan.local (Mail Delivery System)
Subject: Successful Mail Delivery Report
To: noreply@bengodan.local
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
        boundary="B1A2C1C0D66.1751332503/mx1.bengodan.local"
Message-Id: <20250701011503.B1A2C1C0D66@mx1.bengodan.local>

--B1A2C1C0D66.1751332503/mx1.bengodan.local
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

Your message was successfully delivered to the destination(s)
listed below.

--B1A2C1C0D66.1751332503/mx1.bengodan.local
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.bengodan.local
X-Postfix-Queue-ID: B1A2C1C0D66
Arrival-Date: Tue,  1 Jul 2025 10:15:01 +0900 (JST)

Final-Recipient: rfc822; yamada@example.com
Original-Recipient: rfc822;yamada@example.com
Action: delivered
Status: 2.0.0
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 250 2.0.0 Ok: queued as 4bX9kq2Lw7z9sWn

--B1A2C1C0D66.1751332503/mx1.bengodan.local
Content-Description: Message Headers
Content-Type: text/rfc822-headers

{ORIGINAL_HEADERS}
--B1A2C1C0D66.1751332503/mx1.bengodan.local--
""")

# The second recipient is an alias: Original-Recipient is the address we sent to, Final-Recipient where it led;
# and Postfix gave up on it after the queue lifetime, a failure with a 4.x.x status.
POSTFIX_TWO_RECIPIENTS = wire(f"""\
From: MAILER-DAEMON@mx1.bengodan.local (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: noreply@bengodan.local
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="D4E5F1C0E77.1751678101/mx1.bengodan.local"
Message-Id: <20250705011501.D4E5F1C0E77@mx1.bengodan.local>

--D4E5F1C0E77.1751678101/mx1.bengodan.local
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--D4E5F1C0E77.1751678101/mx1.bengodan.local
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.bengodan.local
Arrival-Date: Tue,  1 Jul 2025 10:15:01 +0900 (JST)

Final-Recipient: rfc822; yamada@example.com
Original-Recipient: rfc822;yamada@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

Final-Recipient: rfc822; kobayashi@mail.Example.ORG
Original-Recipient: rfc822;info@Example.ORG
Action: failed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mail.example.org[203.0.113.40]:25:
    Connection timed out

--D4E5F1C0E77.1751678101/mx1.bengodan.local
Content-Type: message/rfc822

{ORIGINAL_HEADERS}
--D4E5F1C0E77.1751678101/mx1.bengodan.local--
""")

NO_ORIGINAL_PART = wire("""\
From: postmaster@mx.example.jp
To: noreply@bengodan.local
Subject: Returned mail: see transcript for details
Message-Id: <202507010115.5611F2aB012345@mx.example.jp>
In-Reply-To: <an-unrelated-id@example.jp>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="5611F2aB012345.1751332502/mx.example.jp"
Auto-Submitted: auto-generated (failure)

--5611F2aB012345.1751332502/mx.example.jp
Content-Type: text/plain

   ----- The following addresses had permanent fatal errors -----
<ito@example.jp>

--5611F2aB012345.1751332502/mx.example.jp
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.jp
Received-From-MTA: DNS; mx1.bengodan.local
Arrival-Date: Tue, 1 Jul 2025 10:15:02 +0900

Final-Recipient: RFC822; ito@example.jp
Action: failed
Status: 5.1.1
Remote-MTA: DNS; mailbox.example.jp
Diagnostic-Code: SMTP; 550 5.1.1 <ito@example.jp>... User unknown
Last-Attempt-Date: Tue, 1 Jul 2025 10:15:02 +0900

--5611F2aB012345.1751332502/mx.example.jp--
""")

GMAIL_FOLDED = wire(f"""\
Date: Mon, 30 Jun 2025 18:15:02 -0700 (PDT)
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: noreply@bengodan.local
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Message-ID: <6862b646.050a0220.1b2c3d.0001.GMR@mx.google.com>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3063a7f0d11"; report-type=delivery-status

--000000000000a1b2c3063a7f0d11
Content-Type: text/plain; charset="UTF-8"

Address not found

--000000000000a1b2c3063a7f0d11
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Arrival-Date: Mon, 30 Jun 2025 18:15:01 -0700 (PDT)
X-Original-Message-ID: {OURS}

Final-Recipient: rfc822; nakamura@example.co.jp
Action: failed
Status: 5.1.1
Remote-MTA: dns; aspmx.l.google.com. (2607:f8b0:4004:c1b::1b, the server for
 the domain example.co.jp.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
 not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
\t550-5.1.1 unnecessary spaces. For more information, go to
 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2e1a72fcca58-7490b1c5f2asi1234567b3a.401 - gsmtp
Last-Attempt-Date: Mon, 30 Jun 2025 18:15:02 -0700 (PDT)

--000000000000a1b2c3063a7f0d11
Content-Type: message/rfc822

{ORIGINAL_HEADERS}
--000000000000a1b2c3063a7f0d11--
""")


HARD_BOUNCE = DeliveryReport(
    message_id=OURS,
    provider_message_id=None,
    recipient="yamada@example.com",
    outcome="bounced",
    permanent=True,
    status="5.1.1",
    detail="",
)


def report(**changes: Any) -> DeliveryReport:
    """The expected report: a hard bounce of our e-mail to yamada@example.com, with these fields changed."""
    return replace(HARD_BOUNCE, **changes)


# --- DSN ---


def test_postfix_hard_bounce_gives_the_original_message_id() -> None:
    assert parse_dsn(POSTFIX_HARD_BOUNCE) == [
        report(
            detail="550 5.1.1 <yamada@example.com>: Recipient address rejected: User unknown in virtual mailbox table"
        )
    ]


def test_exim_bounce_with_rfc822_headers_part() -> None:
    assert parse_dsn(EXIM_BOUNCE) == [
        report(
            recipient="suzuki@example.org",
            status="5.0.0",
            detail="550 5.2.1 <suzuki@example.org>: Mailbox disabled for this recipient",
        )
    ]


def test_delayed_dsn_is_not_permanent() -> None:
    assert parse_dsn(POSTFIX_DELAYED) == [
        report(
            recipient="sato@example.net",
            outcome="delayed",
            permanent=False,
            status="4.4.7",
            detail="delivery temporarily suspended: connect to mx.example.net[198.51.100.7]:25: Connection timed out",
        )
    ]


def test_success_dsn_is_delivered() -> None:
    assert parse_dsn(POSTFIX_SUCCESS) == [
        report(outcome="delivered", permanent=False, status="2.0.0", detail="250 2.0.0 Ok: queued as 4bX9kq2Lw7z9sWn")
    ]


def test_one_report_per_recipient_block() -> None:
    assert parse_dsn(POSTFIX_TWO_RECIPIENTS) == [
        report(detail="550 5.1.1 User unknown"),
        report(
            recipient="info@example.org",
            permanent=False,
            status="4.4.1",
            detail="connect to mail.example.org[203.0.113.40]:25: Connection timed out",
        ),
    ]


def test_without_the_original_part_the_message_id_is_unknown() -> None:
    assert parse_dsn(NO_ORIGINAL_PART) == [
        report(message_id=None, recipient="ito@example.jp", detail="550 5.1.1 <ito@example.jp>... User unknown")
    ]


def test_folded_diagnostic_code_becomes_one_line() -> None:
    [bounce] = parse_dsn(GMAIL_FOLDED)
    assert bounce.recipient == "nakamura@example.co.jp"
    assert bounce.message_id == OURS
    assert bounce.detail == (
        "550-5.1.1 The email account that you tried to reach does not exist. Please try "
        "550-5.1.1 double-checking the recipient's email address for typos or "
        "550-5.1.1 unnecessary spaces. For more information, go to "
        "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser d2e1a72fcca58-7490b1c5f2asi1234567b3a.401 - gsmtp"
    )


def test_long_diagnostic_is_cut_to_500_characters() -> None:
    long_reply = "550 5.7.1 " + "rejected by policy " * 40
    raw = POSTFIX_TWO_RECIPIENTS.replace(b"550 5.1.1 User unknown", long_reply.encode())
    detail = parse_dsn(raw)[0].detail
    assert len(detail) == 500
    assert detail.startswith("550 5.7.1 rejected by policy rejected by policy")
    assert detail.endswith("...")


def test_base64_encoded_delivery_status_part() -> None:
    fields = wire("""\
Reporting-MTA: dns; ex01.contoso.example

Original-Recipient: rfc822;Tanaka@Contoso.Example
Final-Recipient: rfc822;Tanaka@Contoso.Example
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
""")
    encoded = base64.encodebytes(fields).decode()
    raw = wire(f"""\
From: postmaster@contoso.example
To: noreply@bengodan.local
Subject: Undeliverable: hearing notice
Message-ID: <a1b2c3d4e5f6@ex01.contoso.example>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b64"

--b64
Content-Type: message/delivery-status
Content-Transfer-Encoding: base64

{encoded}
--b64
Content-Type: text/rfc822-headers

{ORIGINAL_HEADERS}
--b64--
""")
    assert parse_dsn(raw) == [
        report(
            recipient="Tanaka@contoso.example",
            status="5.1.10",
            detail="550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        )
    ]


def test_global_delivery_status_in_utf8() -> None:
    raw = (
        POSTFIX_HARD_BOUNCE.replace(b"report-type=delivery-status", b"report-type=global-delivery-status")
        .replace(b"Content-Type: message/delivery-status", b"Content-Type: message/global-delivery-status")
        .replace(b"Content-Type: message/rfc822", b"Content-Type: message/global")
        .replace(b"Final-Recipient: rfc822; yamada@example.com", "Final-Recipient: utf-8; 山田@例え.jp".encode())
        .replace(b"Original-Recipient: rfc822;yamada@example.com\r\n", b"")
        .replace(
            b"Diagnostic-Code: smtp; 550 5.1.1 <yamada@example.com>: Recipient address\r\n"
            b"    rejected: User unknown in virtual mailbox table",
            "Diagnostic-Code: smtp; 550 5.1.1 宛先のメールボックスは存在しません".encode(),
        )
    )
    assert parse_dsn(raw) == [report(recipient="山田@例え.jp", detail="550 5.1.1 宛先のメールボックスは存在しません")]


PLAIN_MAIL = wire("""\
From: Yamada Taro <yamada@example.com>
To: noreply@bengodan.local
Subject: Re: hearing notice
Message-ID: <reply-1@example.com>
In-Reply-To: <0f3c2a9e8b7d4c1a9e2f6b5d4c3a2b1e@bengodan.local>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Action: failed
Status: 5.1.1
""")

READ_RECEIPT = wire("""\
From: yamada@example.com
To: noreply@bengodan.local
Subject: Read: hearing notice
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"

--mdn
Content-Type: text/plain

Your message was displayed.

--mdn
Content-Type: message/disposition-notification

Final-Recipient: rfc822; yamada@example.com
Original-Message-ID: <0f3c2a9e8b7d4c1a9e2f6b5d4c3a2b1e@bengodan.local>
Disposition: manual-action/MDN-sent-manually; displayed

--mdn--
""")

ONLY_PER_MESSAGE_FIELDS = wire("""\
From: MAILER-DAEMON@mx1.bengodan.local
To: noreply@bengodan.local
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="x"

--x
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.bengodan.local
Arrival-Date: Tue,  1 Jul 2025 10:15:01 +0900 (JST)

--x--
""")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (PLAIN_MAIL, "not a multipart/report message"),
        (READ_RECEIPT, "report-type 'disposition-notification'"),
        (ONLY_PER_MESSAGE_FIELDS, "without per-recipient fields"),
        (POSTFIX_HARD_BOUNCE.replace(b"message/delivery-status", b"text/plain"), "no message/delivery-status part"),
    ],
    ids=["plain-mail", "read-receipt", "no-recipient-block", "no-status-part"],
)
def test_not_a_dsn(raw: bytes, reason: str) -> None:
    with pytest.raises(NotADeliveryReport, match=reason):
        parse_dsn(raw)


@pytest.mark.parametrize(
    "raw",
    [b"", bytes(range(256)), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "Content-Type: multipart/report"],
    ids=["empty", "all-bytes", "png", "str-not-bytes"],
)
def test_garbage_raises(raw: bytes) -> None:
    with pytest.raises(NotADeliveryReport):
        parse_dsn(raw)


# --- Amazon SES ---


SNS = "https://sns.ap-northeast-1.amazonaws.com"
TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:bengodan-ses-feedback"
SIGNATURE = (
    "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10=="
)


def sns(message: str, type_: str = "Notification") -> str:
    """The SNS envelope that SQS holds when raw message delivery is off."""
    return json.dumps(
        {
            "Type": type_,
            "MessageId": "5f9b2c1e-8d7a-5b6c-9e0f-1a2b3c4d5e6f",
            "TopicArn": TOPIC,
            "Message": message,
            "Timestamp": "2025-07-01T01:15:03.012Z",
            "SignatureVersion": "1",
            "Signature": SIGNATURE,
            "SigningCertURL": f"{SNS}/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
            "UnsubscribeURL": f"{SNS}/?Action=Unsubscribe&SubscriptionArn={TOPIC}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55",
        }
    )


MAIL = f"""{{
    "timestamp": "2025-07-01T01:15:01.000Z",
    "source": "noreply@bengodan.local",
    "sourceArn": "arn:aws:ses:ap-northeast-1:123456789012:identity/bengodan.local",
    "sourceIp": "203.0.113.5",
    "callerIdentity": "bengodan-notify",
    "sendingAccountId": "123456789012",
    "messageId": "{SES_ID}",
    "destination": ["yamada@example.com"],
    "headersTruncated": false,
    "headers": [
      {{"name": "From", "value": "=?utf-8?b?5byB6K2355Oj5LqL5YuZ5bGA?= <noreply@bengodan.local>"}},
      {{"name": "To", "value": "=?utf-8?b?5bGx55SwIOWkqumDjg==?= <yamada@example.com>"}},
      {{"name": "Subject", "value": "=?utf-8?b?44CQ5pyf5pel44Gu44GK55+l44KJ44Gb44CR?="}},
      {{"name": "Message-ID", "value": "{OURS}"}},
      {{"name": "MIME-Version", "value": "1.0"}}
    ],
    "commonHeaders": {{
      "from": ["弁護団事務局 <noreply@bengodan.local>"],
      "to": ["山田 太郎 <yamada@example.com>"],
      "messageId": "{OURS}",
      "subject": "【期日のお知らせ】"
    }}
  }}"""

SES_PERMANENT_BOUNCE = f"""{{
  "notificationType": "Bounce",
  "bounce": {{
    "feedbackId": "0106019a1b2c3d55-7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b-000000",
    "bounceType": "Permanent",
    "bounceSubType": "General",
    "bouncedRecipients": [
      {{"emailAddress": "yamada@example.com", "action": "failed", "status": "5.1.1",
        "diagnosticCode": "smtp; 550 5.1.1 user unknown"}}
    ],
    "timestamp": "2025-07-01T01:15:02.500Z",
    "remoteMtaIp": "192.0.2.10",
    "reportingMTA": "dsn; e226-55.smtp-out.ap-northeast-1.amazonses.com"
  }},
  "mail": {MAIL}
}}"""

SES_TRANSIENT_BOUNCE = f"""{{
  "notificationType": "Bounce",
  "bounce": {{
    "feedbackId": "0106019a1b2c3d66-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d-000000",
    "bounceType": "Transient",
    "bounceSubType": "MailboxFull",
    "bouncedRecipients": [
      {{"emailAddress": "sato@Example.NET", "action": "failed", "status": "4.2.2",
        "diagnosticCode": "smtp; 452 4.2.2 The email account that you tried to reach is over quota."}},
      {{"emailAddress": "kato@example.net"}}
    ],
    "timestamp": "2025-07-01T01:16:10.000Z"
  }},
  "mail": {MAIL}
}}"""

SES_DELIVERY = f"""{{
  "notificationType": "Delivery",
  "delivery": {{
    "timestamp": "2025-07-01T01:15:02.100Z",
    "processingTimeMillis": 1100,
    "recipients": ["yamada@example.com"],
    "smtpResponse": "250 2.0.0 OK  1751332502 d2e1a72fcca58-7490b1c5f2asi1234567b3a.401 - gsmtp",
    "remoteMtaIp": "192.0.2.10",
    "reportingMTA": "e226-55.smtp-out.ap-northeast-1.amazonses.com"
  }},
  "mail": {MAIL}
}}"""

SES_COMPLAINT = f"""{{
  "notificationType": "Complaint",
  "complaint": {{
    "feedbackId": "0106019a1b2c3d77-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e-000000",
    "complaintSubType": null,
    "complainedRecipients": [{{"emailAddress": "yamada@example.com"}}],
    "timestamp": "2025-07-02T09:00:00.000Z",
    "userAgent": "Yahoo!-Mail-Feedback/2.0",
    "complaintFeedbackType": "abuse",
    "arrivalDate": "2025-07-01T01:15:02.000Z"
  }},
  "mail": {MAIL}
}}"""


def test_ses_permanent_bounce_in_sns_envelope() -> None:
    assert parse_ses_notification(sns(SES_PERMANENT_BOUNCE)) == [
        report(provider_message_id=SES_ID, detail="550 5.1.1 user unknown")
    ]


@pytest.mark.parametrize("bounce_type", ["Transient", "Undetermined"])
def test_ses_transient_bounce_raw(bounce_type: str) -> None:
    body = SES_TRANSIENT_BOUNCE.replace('"Transient"', f'"{bounce_type}"').encode()
    assert parse_ses_notification(body) == [
        report(
            provider_message_id=SES_ID,
            recipient="sato@example.net",
            permanent=False,
            status="4.2.2",
            detail="452 4.2.2 The email account that you tried to reach is over quota.",
        ),
        report(
            provider_message_id=SES_ID,
            recipient="kato@example.net",
            permanent=False,
            status=None,
            detail=f"{bounce_type} bounce (MailboxFull)",
        ),
    ]


def test_ses_delivery() -> None:
    assert parse_ses_notification(sns(SES_DELIVERY)) == [
        report(
            provider_message_id=SES_ID,
            outcome="delivered",
            permanent=False,
            status="2.0.0",
            detail="250 2.0.0 OK 1751332502 d2e1a72fcca58-7490b1c5f2asi1234567b3a.401 - gsmtp",
        )
    ]


def test_ses_complaint() -> None:
    assert parse_ses_notification(SES_COMPLAINT) == [
        report(provider_message_id=SES_ID, outcome="complaint", permanent=False, status=None, detail="abuse")
    ]


def test_ses_event_publishing_form() -> None:
    bounce = SES_PERMANENT_BOUNCE.replace('"notificationType"', '"eventType"')
    assert parse_ses_notification(bounce) == [report(provider_message_id=SES_ID, detail="550 5.1.1 user unknown")]

    # A delay event of a message SES gave its own Message-ID: that id is SES's, not one of ours.
    delay = json.loads(SES_DELIVERY)
    del delay["delivery"], delay["notificationType"]
    delay["eventType"] = "DeliveryDelay"
    delay["deliveryDelay"] = {
        "timestamp": "2025-07-01T02:15:02.000Z",
        "delayType": "TransientCommunicationFailure",
        "expirationTime": "2025-07-01T15:15:01.000Z",
        "delayedRecipients": [
            {
                "emailAddress": "sato@example.net",
                "status": "4.4.1",
                "diagnosticCode": "smtp; 421 4.4.1 Unable to connect to remote host",
            }
        ],
    }
    delay["mail"]["headers"] = [h for h in delay["mail"]["headers"] if h["name"] != "Message-ID"]
    delay["mail"]["commonHeaders"]["messageId"] = SES_ID
    assert parse_ses_notification(sns(json.dumps(delay))) == [
        report(
            message_id=None,
            provider_message_id=SES_ID,
            recipient="sato@example.net",
            outcome="delayed",
            permanent=False,
            status="4.4.1",
            detail="421 4.4.1 Unable to connect to remote host",
        )
    ]


def test_ses_message_id_from_the_headers_list_alone() -> None:
    notification = json.loads(SES_PERMANENT_BOUNCE)
    del notification["mail"]["commonHeaders"]
    notification["mail"]["headers"] = [
        {"name": "Message-Id", "value": OURS} if h["name"] == "Message-ID" else h
        for h in notification["mail"]["headers"]
    ]
    assert parse_ses_notification(json.dumps(notification))[0].message_id == OURS

    del notification["mail"]["headers"]
    assert parse_ses_notification(json.dumps(notification))[0].message_id is None


TOKEN = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09"
SUBSCRIPTION_CONFIRMATION = json.dumps(
    {
        "Type": "SubscriptionConfirmation",
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
        "Token": TOKEN,
        "TopicArn": TOPIC,
        "Message": f"You have chosen to subscribe to the topic {TOPIC}.\n"
        "To confirm the subscription, visit the SubscribeURL included in this message.",
        "SubscribeURL": f"{SNS}/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token={TOKEN}",
        "Timestamp": "2025-07-01T00:00:00.000Z",
        "SignatureVersion": "1",
        "Signature": SIGNATURE,
        "SigningCertURL": f"{SNS}/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
    }
)


def test_sns_subscription_confirmation_raises() -> None:
    with pytest.raises(NotADeliveryReport, match="SNS SubscriptionConfirmation message"):
        parse_ses_notification(SUBSCRIPTION_CONFIRMATION)
    unsubscribe = SUBSCRIPTION_CONFIRMATION.replace("SubscriptionConfirmation", "UnsubscribeConfirmation")
    with pytest.raises(NotADeliveryReport, match="SNS UnsubscribeConfirmation message"):
        parse_ses_notification(unsubscribe)


@pytest.mark.parametrize("event", ["Send", "Reject", "Open", "Rendering Failure"])
def test_ses_events_that_are_not_delivery_reports_raise(event: str) -> None:
    body = SES_PERMANENT_BOUNCE.replace('"notificationType": "Bounce"', f'"eventType": "{event}"')
    with pytest.raises(NotADeliveryReport, match=f"SES {event} event is not a delivery report"):
        parse_ses_notification(sns(body))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"notificationType": "Bounce", "bounce": {', "message body is not valid JSON"),
        (b"\xff\xfe{}", "message body is not valid JSON"),
        ("[1, 2]", "message body is not a JSON object"),
        (sns("Hello, this is not JSON"), "SNS Message is not valid JSON"),
        ('{"Records": []}', "neither an SNS envelope nor an SES notification"),
        (
            SES_PERMANENT_BOUNCE.replace('"bouncedRecipients": [', '"bouncedRecipients": [], "x": ['),
            "without recipients",
        ),
    ],
    ids=["truncated", "not-utf8", "array", "sns-message-not-json", "other-json", "no-recipients"],
)
def test_invalid_json_raises(body: str | bytes, reason: str) -> None:
    with pytest.raises(NotADeliveryReport, match=reason):
        parse_ses_notification(body)
