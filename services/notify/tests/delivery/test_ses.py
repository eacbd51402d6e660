"""Amazon SES as the mailer, against moto's server over HTTP: the notices go out through `send_raw_email` with our
own headers, SES's id is kept, and bounce notifications read from SQS end the e-mail and queue the fallback."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from bengodan_common.testing import s3_server
from notify.core.config import SesSettings
from notify.delivery.assembly import make_mailer
from notify.delivery.feedback import poll_ses_feedback
from notify.delivery.worker import deliver_due

from ..campaigns.test_delivery import launch, messages_of
from ..campaigns.test_imports import HEADER, upload
from ..campaigns.test_router import STAFF, campaign_body

REGION = "ap-northeast-1"
ACCOUNT = "123456789012"  # moto's default account
CREDENTIALS: dict[str, Any] = {
    "region": REGION,
    "access_key_id": SecretStr("test"),
    "secret_access_key": SecretStr("test"),
}


@pytest.fixture(scope="module")
def aws() -> Iterator[str]:
    with s3_server() as endpoint:  # moto's server speaks every AWS API, SES and SQS included
        yield endpoint


def _client(service: str, endpoint: str) -> Any:
    return boto3.client(
        service, region_name=REGION, endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test"
    )


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


def _ses_sent(message_id: str) -> Any:
    from moto.ses.models import ses_backends

    sent = ses_backends[ACCOUNT][REGION].sent_messages
    return next(m for m in sent if m.id == message_id)


def _bounce(provider_id: str, address: str) -> str:
    ses = {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": "Permanent",
            "bounceSubType": "General",
            "bouncedRecipients": [
                {"emailAddress": address, "status": "5.1.1", "diagnosticCode": "smtp; 550 5.1.1 user unknown"}
            ],
            "timestamp": "2026-12-01T12:00:00.000Z",
            "feedbackId": "feedback-1",
        },
        "mail": {"messageId": provider_id, "source": "bounces@bengodan.example.jp", "destination": [address]},
    }
    return json.dumps({"Type": "Notification", "MessageId": "sns-1", "Message": json.dumps(ses)})


def test_notices_go_through_ses_and_its_bounces_come_back_through_sqs(
    aws: str, client: TestClient, as_staff: dict[str, str], engine: Engine, settings: Any
) -> None:
    _client("ses", aws).verify_domain_identity(Domain="bengodan.example.jp")
    sqs = _client("sqs", aws)
    queue_url = sqs.create_queue(QueueName="ses-feedback")["QueueUrl"]
    ses_settings = settings.model_copy(
        update={
            "mailer": "ses",
            "ses": SesSettings(**CREDENTIALS, endpoint_url=aws, feedback_queue_url=queue_url),
        }
    )
    campaign = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    rows = "山田 太郎,taro@example.jp,,,氏名\r\n田中 次郎,jiro@example.com,5300002,大阪府大阪市北区梅田2-2-2,給与額\r\n"
    upload(client, as_staff, campaign["id"], (HEADER + rows).encode())
    launch(client, as_staff, campaign["id"])

    assert deliver_due(engine=engine, mailer=make_mailer(ses_settings), settings=ses_settings) == 2
    sent = {m.to_name: m for m in messages_of(engine, campaign["id"])}
    jiro = sent["田中 次郎"]
    assert jiro.status == "sent" and jiro.provider_message_id
    raw = _ses_sent(jiro.provider_message_id)
    assert raw.source == "bounces@bengodan.example.jp"
    assert f"Message-ID: {jiro.message_id}" in raw.raw_data  # our own Message-ID, not SES's

    sqs.send_message(QueueUrl=queue_url, MessageBody=_bounce(jiro.provider_message_id, "jiro@example.com"))
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps({"Type": "SubscriptionConfirmation"}))
    assert poll_ses_feedback(engine=engine, sqs=sqs, queue_url=queue_url) == 1
    after = {(m.to_name, m.channel): m for m in messages_of(engine, campaign["id"])}
    assert after[("田中 次郎", "email")].status == "bounced"
    assert after[("田中 次郎", "postal")].status == "queued"  # he has an address: a letter follows
    assert after[("山田 太郎", "email")].status == "sent"
    # Both SQS messages were dealt with (the confirmation is not a report, dropped with a warning).
    assert sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=0).get("Messages") is None


def test_ses_refusing_a_message_fails_it_for_good(
    aws: str, client: TestClient, as_staff: dict[str, str], engine: Engine, settings: Any
) -> None:
    # No verified identity for this sender: SES answers MessageRejected, which no retry can help.
    ses_settings = settings.model_copy(
        update={
            "mailer": "ses",
            "bounce_address": "bounces@unverified.example.net",
            "ses": SesSettings(**CREDENTIALS, endpoint_url=aws),
        }
    )
    campaign = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff).json()
    upload(client, as_staff, campaign["id"], (HEADER + "山田 太郎,taro@example.jp,,,氏名\r\n").encode())
    launch(client, as_staff, campaign["id"])
    assert deliver_due(engine=engine, mailer=make_mailer(ses_settings), settings=ses_settings) == 0
    [message] = messages_of(engine, campaign["id"])
    assert message.status == "failed"
    assert (message.last_error or "").startswith("SES MessageRejected")
