"""The worker and its mailer built from the settings: the same in the API process and in `python -m
notify.delivery` (a worker alone, as run on further hosts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.delivery.feedback import poll_ses_feedback
from notify.delivery.mailer import Mailer, SesMailer, SmtpMailer
from notify.delivery.worker import Periodic, Worker
from notify.letters.client import DocsRenderApi
from notify.letters.service import advance_letters
from notify.reminders.intake import check_intake

SES_FEEDBACK_SECONDS = 10.0


def _aws_client(service: str, settings: Settings) -> Any:
    import boto3  # only with NOTIFY_MAILER=ses: it adds most of a second to every start

    ses = settings.ses
    credentials = {}
    if ses.access_key_id and ses.secret_access_key:
        credentials = {
            "aws_access_key_id": ses.access_key_id.get_secret_value(),
            "aws_secret_access_key": ses.secret_access_key.get_secret_value(),
        }
    return boto3.client(service, region_name=ses.region, endpoint_url=ses.endpoint_url, **credentials)


def make_mailer(settings: Settings) -> Mailer:
    if settings.mailer == "ses":
        return SesMailer(_aws_client("ses", settings), settings.ses.configuration_set)
    return SmtpMailer(settings.smtp)


def make_worker(
    *, settings: Settings, engine: Engine, claims: ClaimsApi, docs_render: DocsRenderApi, mailer: Mailer
) -> Worker:
    periodic = [
        Periodic(
            "intake reminders",
            settings.intake_check_seconds,
            lambda now: check_intake(engine=engine, claims=claims, settings=settings, now=now),
        ),
        Periodic(
            "postal letters",
            settings.docs_render.poll_seconds,
            lambda now: advance_letters(engine=engine, docs_render=docs_render, settings=settings, now=now),
        ),
    ]
    queue_url = settings.ses.feedback_queue_url
    if settings.mailer == "ses" and queue_url:
        sqs = _aws_client("sqs", settings)
        periodic.append(
            Periodic(
                "SES feedback",
                SES_FEEDBACK_SECONDS,
                lambda _now: poll_ses_feedback(engine=engine, sqs=sqs, queue_url=queue_url),
            )
        )
    return Worker(engine=engine, recipients=claims, mailer=mailer, settings=settings, periodic=periodic)
