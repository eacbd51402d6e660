"""Postal breach notices and the public notice.

The worker (`advance_letters`) gathers the queued postal notices of launched campaigns into batches of up to
5,000 letters, has docs-render render each batch as one PDF and follows the job until the PDF is ready; the team
prints and posts it and records the day (`record_posted`): only then are the letters `sent`. Every step commits
on its own and can be repeated after a crash: a batch is made in the same transaction that claims its messages, and
a batch whose job was asked for but not stored asks again with the same Idempotency-Key, which gets the same job.

The public notice (the alternative measure, 法26条2項ただし書) reaches the recipients that neither an e-mail nor a
letter can: docs-render renders the 公表文 (`render_public_notice`), the team publishes it and records where and
when (`record_public_notice`), which marks their `public_notice` messages `sent`.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from bengodan_common.auth import Principal
from bengodan_common.db import for_writes, utcnow
from bengodan_common.errors import AppError, Conflict, FieldError, Invalid, NotFound
from bengodan_common.japanese import TOKYO
from notify.campaigns.models import Campaign, Recipient
from notify.core.config import Settings
from notify.letters.client import DocsRenderApi, RenderRefused
from notify.letters.models import LetterBatch
from notify.letters.schemas import PublicNoticeRead, PublicNoticeRecord
from notify.messages.models import Message

log = logging.getLogger(__name__)

MAX_LETTERS = 5_000  # docs-render's limit of recipients in one request
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def letter_idempotency_key(batch_id: int) -> str:
    return f"notify-letter-batch-{batch_id}"


def public_notice_idempotency_key(campaign: Campaign) -> str:
    """One job per campaign and version of its content: asking again for an unchanged campaign gets the same PDF."""
    micros = (campaign.updated_at - _EPOCH) // timedelta(microseconds=1)
    return f"notify-public-notice-{campaign.id}-{micros}"


def campaign_notice(campaign: Campaign) -> dict[str, Any]:
    """What every notice of the campaign says (docs-render's `notice` without `recipients` and `made_on`: the
    printed date is the day docs-render takes the job)."""
    notice: dict[str, Any] = {
        "sender": campaign.sender,
        "title": campaign.title,
        "overview": campaign.overview,
        "data_items": campaign.data_items,
        "cause": campaign.cause,
        "secondary_harm": campaign.secondary_harm,
        "contact": campaign.contact,
    }
    if campaign.measures:
        notice["measures"] = campaign.measures
    if campaign.other:
        notice["other"] = campaign.other
    return notice


# --- the worker's steps -------------------------------------------------------------------------------------


def _unbatched_letters() -> Any:
    """Queued postal notices not yet in a batch, of a launched campaign (correlated to `Campaign`)."""
    return exists().where(
        col(Message.campaign_id) == col(Campaign.id),
        col(Message.channel) == "postal",
        col(Message.status) == "queued",
        col(Message.letter_batch_id).is_(None),
    )


def advance_letters(
    *, engine: Engine, docs_render: DocsRenderApi, settings: Settings, now: datetime | None = None
) -> None:
    """One round of the postal notices: (a) batch the queued letters, (b) ask docs-render to render the batches
    not yet asked for, (c) follow the jobs under way, each at most every `docs_render.poll_seconds`. With
    nothing to do it costs one query."""
    at = now or utcnow()
    with Session(engine) as session:
        letters_waiting, rendering = session.execute(
            select(
                exists().where(col(Campaign.status) == "sending", _unbatched_letters()),
                exists().where(col(LetterBatch.status) == "rendering"),
            )
        ).one()
    if not (letters_waiting or rendering):
        return
    if letters_waiting:
        make_batches(engine=engine, now=at)
    poll = timedelta(seconds=settings.docs_render.poll_seconds)
    request_renders(engine=engine, docs_render=docs_render, now=at, retry_after=poll)
    poll_renders(engine=engine, docs_render=docs_render, now=at, every=poll)


def make_batches(*, engine: Engine, now: datetime) -> int:
    """(a) Each launched campaign's queued postal notices, oldest first, in batches of up to 5,000: the batch and
    its messages (`sending`, one more attempt) in one transaction. Returns the batches made."""
    with Session(engine) as session:
        campaign_ids = [
            int(campaign_id or 0)
            for campaign_id in session.scalars(
                select(col(Campaign.id))
                .where(col(Campaign.status) == "sending", _unbatched_letters())
                .order_by(col(Campaign.id))
            ).all()
        ]
    made = 0
    for campaign_id in campaign_ids:
        while True:
            with Session(for_writes(engine), expire_on_commit=False) as session:
                claimed = _claim_letters(session, campaign_id)
                if not claimed:
                    break
                batch = LetterBatch(campaign_id=campaign_id, letters=len(claimed), created_at=now, updated_at=now)
                session.add(batch)
                session.flush()
                session.execute(
                    update(Message)
                    .where(col(Message.id).in_(claimed))
                    .values(
                        letter_batch_id=batch.id,
                        status="sending",
                        claimed_at=now,
                        attempts=col(Message.attempts) + 1,
                        updated_at=now,
                    )
                )
                session.commit()
            made += 1
            log.info("campaign %d: letter batch %s made with %d letters", campaign_id, batch.id, len(claimed))
            if len(claimed) < MAX_LETTERS:
                break
    return made


def _claim_letters(session: Session, campaign_id: int) -> list[int]:
    statement = (
        select(col(Message.id))
        .where(
            col(Message.campaign_id) == campaign_id,
            col(Message.channel) == "postal",
            col(Message.status) == "queued",
            col(Message.letter_batch_id).is_(None),
        )
        .order_by(col(Message.id))
        .limit(MAX_LETTERS)
    )
    if session.get_bind().dialect.name == "postgresql":  # two workers never claim the same letter
        statement = statement.with_for_update(skip_locked=True)
    return [int(message_id or 0) for message_id in session.scalars(statement).all()]


def _letters_notice(session: Session, batch: LetterBatch, campaign: Campaign) -> dict[str, Any]:
    rows = session.execute(
        select(col(Recipient.name), col(Recipient.postal_code), col(Recipient.address), col(Recipient.item_keys))
        .join(Message, col(Message.recipient_id) == col(Recipient.id))
        .where(col(Message.letter_batch_id) == batch.id)
        .order_by(col(Message.id))
    ).all()
    recipients = [
        {"name": name, "postal_code": postal_code, "address": address, "item_keys": list(item_keys)}
        for name, postal_code, address, item_keys in rows
    ]
    return {**campaign_notice(campaign), "recipients": recipients}


def request_renders(*, engine: Engine, docs_render: DocsRenderApi, now: datetime, retry_after: timedelta) -> int:
    """(b) Ask docs-render for the PDF of each batch that has no job yet: at once for a new batch (also one left
    by a crash), `retry_after` after a failed try. Returns the jobs stored."""
    with Session(engine) as session:
        batch_ids = [
            int(batch_id or 0)
            for batch_id in session.scalars(
                select(col(LetterBatch.id))
                .where(
                    col(LetterBatch.status) == "rendering",
                    col(LetterBatch.render_id).is_(None),
                    # never tried (a failed try leaves its error), or tried long enough ago
                    col(LetterBatch.error).is_(None) | (col(LetterBatch.updated_at) <= now - retry_after),
                )
                .order_by(col(LetterBatch.id))
            ).all()
        ]
    stored = 0
    for batch_id in batch_ids:
        with Session(engine) as session:
            batch = session.get(LetterBatch, batch_id)
            campaign = session.get(Campaign, batch.campaign_id) if batch else None
            if batch is None or campaign is None or batch.status != "rendering" or batch.render_id is not None:
                continue
            if campaign.case_id is None:
                notice, case_id = None, None
            else:
                notice, case_id = _letters_notice(session, batch, campaign), campaign.case_id
        if notice is None or case_id is None:
            _fail(engine, batch_id, "the campaign names no case of claims-api, which docs-render renders under", now)
            continue
        try:
            render_id = docs_render.create_letters(
                case_id=case_id, notice=notice, idempotency_key=letter_idempotency_key(batch_id)
            )
        except RenderRefused as exc:
            log.warning("letter batch %d: docs-render refused the letters (422); the batch failed", batch_id)
            _fail(engine, batch_id, f"docs-render refused the letters: {exc.detail}", now)
            continue
        except httpx.HTTPError as exc:
            log.warning("letter batch %d: asking docs-render failed (%s); tried again later", batch_id, _why(exc))
            _touch(engine, batch_id, now, error=f"docs-render could not be asked ({_why(exc)}); notify tries again")
            continue
        with Session(for_writes(engine)) as session:
            session.execute(
                update(LetterBatch)
                .where(
                    col(LetterBatch.id) == batch_id,
                    col(LetterBatch.status) == "rendering",
                    col(LetterBatch.render_id).is_(None),
                )
                .values(render_id=render_id, error=None, updated_at=now)
            )
            session.commit()
        stored += 1
        log.info("letter batch %d: docs-render job %d", batch_id, render_id)
    return stored


def poll_renders(*, engine: Engine, docs_render: DocsRenderApi, now: datetime, every: timedelta) -> int:
    """(c) Read the jobs of the batches being rendered, each at most once per `every`: succeeded → `ready` with
    the file's name, failed → the batch and its letters `failed`. Returns the batches that changed."""
    with Session(engine) as session:
        due = session.execute(
            select(col(LetterBatch.id), col(LetterBatch.render_id))
            .where(
                col(LetterBatch.status) == "rendering",
                col(LetterBatch.render_id).is_not(None),
                col(LetterBatch.updated_at) <= now - every,
            )
            .order_by(col(LetterBatch.id))
        ).all()
    changed = 0
    for batch_id, render_id in due:
        try:
            status, file_name, error = docs_render.render_state(render_id)
        except httpx.HTTPError as exc:
            log.warning("letter batch %d: reading job %d failed (%s)", batch_id, render_id, _why(exc))
            _touch(engine, batch_id, now, error=f"docs-render could not be read ({_why(exc)}); notify tries again")
            continue
        if status == "succeeded":
            with Session(for_writes(engine)) as session:
                session.execute(
                    update(LetterBatch)
                    .where(col(LetterBatch.id) == batch_id, col(LetterBatch.status) == "rendering")
                    .values(status="ready", file_name=(file_name or "")[:255] or None, error=None, updated_at=now)
                )
                session.commit()
            log.info("letter batch %d: the PDF is ready to print", batch_id)
            changed += 1
        elif status == "failed":
            log.warning("letter batch %d: docs-render job %d failed", batch_id, render_id)
            _fail(engine, batch_id, f"docs-render could not render the letters: {error or 'no reason given'}", now)
            changed += 1
        else:
            _touch(engine, batch_id, now, error=None)
    return changed


def _why(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    return type(exc).__name__


def _touch(engine: Engine, batch_id: int, now: datetime, *, error: str | None) -> None:
    """Note that the batch was looked at (`updated_at`: the next look waits) and how the last look went (`error`:
    why docs-render could not be asked or read, for the team; None once it could)."""
    with Session(for_writes(engine)) as session:
        session.execute(
            update(LetterBatch)
            .where(col(LetterBatch.id) == batch_id, col(LetterBatch.status) == "rendering")
            .values(updated_at=now, error=error)
        )
        session.commit()


def _fail(engine: Engine, batch_id: int, error: str, now: datetime) -> None:
    """The batch and its letters `failed`, with the reason for the team (a letter is not retried by itself: the
    reason is in the content, which only a new campaign can change)."""
    with Session(for_writes(engine)) as session:
        result = session.execute(
            update(LetterBatch)
            .where(col(LetterBatch.id) == batch_id, col(LetterBatch.status) == "rendering")
            .values(status="failed", error=error[:1000], updated_at=now)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            session.execute(
                update(Message)
                .where(col(Message.letter_batch_id) == batch_id, col(Message.status) == "sending")
                .values(status="failed", last_error=error[:1000], updated_at=now)
            )
        session.commit()


# --- the API's services (the caller's session commits) ----------------------------------------------------------


def _campaign(session: Session, campaign_id: int, *, for_update: bool = False) -> Campaign:
    campaign = session.get(Campaign, campaign_id, with_for_update=for_update)
    if campaign is None:
        raise NotFound("campaign", campaign_id)
    return campaign


def list_batches(*, session: Session, campaign_id: int) -> list[LetterBatch]:
    _campaign(session, campaign_id)
    rows = session.scalars(
        select(LetterBatch).where(col(LetterBatch.campaign_id) == campaign_id).order_by(col(LetterBatch.id))
    ).all()
    return list(rows)


def record_posted(
    *, session: Session, campaign_id: int, batch_id: int, posted_on: date, actor: Principal, now: datetime
) -> LetterBatch:
    """The team posted the printed letters of a ready batch on `posted_on`: the batch is `posted`, its letters
    `sent` (sent_at: when this was recorded; the day of posting, the legal one, stays on the batch)."""
    _campaign(session, campaign_id)
    batch = session.get(LetterBatch, batch_id, with_for_update=True)
    if batch is None or batch.campaign_id != campaign_id:
        raise NotFound("letter batch", batch_id)
    if batch.status != "ready":
        raise Conflict(f"letter batch {batch_id} is {batch.status}: only a ready batch can be recorded as posted")
    made_on = batch.created_at.astimezone(TOKYO).date()
    if posted_on < made_on:
        raise Invalid("posted_on", f"before the letters were made ({made_on.isoformat()})")
    batch.status = "posted"
    batch.posted_on = posted_on
    batch.posted_by = actor.sub
    batch.updated_at = now
    session.add(batch)
    session.execute(
        update(Message)
        .where(col(Message.letter_batch_id) == batch_id, col(Message.status) == "sending")
        .values(status="sent", sent_at=now, last_error=None, updated_at=now)
    )
    session.flush()
    return batch


def record_public_notice(
    *, session: Session, campaign_id: int, data: PublicNoticeRecord, actor: Principal, now: datetime
) -> PublicNoticeRead:
    """The 公表文 was published: the campaign keeps where and when (recording again corrects it), and its queued
    public-notice messages are `sent` (sent_at: now; the day of publication is the campaign's)."""
    campaign = _campaign(session, campaign_id, for_update=True)
    if campaign.status != "sending":
        raise Conflict(
            f"campaign {campaign_id} is {campaign.status}: the public notice is recorded once it is launched"
        )
    if data.published_on < campaign.became_known_on:
        raise Invalid("published_on", f"before the breach became known ({campaign.became_known_on.isoformat()})")
    campaign.public_notice_published_on = data.published_on
    campaign.public_notice_where = data.where
    campaign.public_notice_recorded_by = actor.sub
    campaign.updated_at = now
    session.add(campaign)
    public_notices = and_(col(Message.campaign_id) == campaign_id, col(Message.channel) == "public_notice")
    session.execute(
        update(Message)
        .where(public_notices, col(Message.status) == "queued")
        .values(status="sent", sent_at=now, last_error=None, updated_at=now)
    )
    notified = session.scalar(
        select(func.count()).select_from(Message).where(public_notices, col(Message.status) == "sent")
    )
    session.flush()
    return PublicNoticeRead(
        campaign_id=campaign_id,
        published_on=data.published_on,
        where=data.where,
        recorded_by=actor.sub,
        notified=int(notified or 0),
    )


def render_public_notice(*, engine: Engine, campaign_id: int, docs_render: DocsRenderApi) -> int:
    """Ask docs-render for the 公表文 of the campaign as it stands; returns the job's id. The campaign is read in a
    short session of its own: no transaction waits on docs-render."""
    with Session(engine) as session:
        campaign = _campaign(session, campaign_id)
        if campaign.case_id is None:
            raise Conflict(f"campaign {campaign_id} has no case_id, which docs-render renders under")
        case_id, notice, key = campaign.case_id, campaign_notice(campaign), public_notice_idempotency_key(campaign)
    try:
        return docs_render.create_public_notice(case_id=case_id, notice=notice, idempotency_key=key)
    except RenderRefused as exc:
        errors = [
            FieldError(field=str(e.get("field", "notice")), reason=str(e.get("reason", "invalid")))
            for e in exc.problem.get("errors") or []
            if isinstance(e, dict)
        ]
        raise AppError(
            422, "render-refused", "docs-render refused the public notice", exc.detail, errors=errors or None
        ) from exc
    except httpx.HTTPStatusError as exc:
        log.warning("public notice of campaign %d: docs-render answered %d", campaign_id, exc.response.status_code)
        raise AppError(
            502, "docs-render-error", "docs-render failed", f"docs-render answered {exc.response.status_code}"
        ) from exc
    except httpx.HTTPError as exc:
        log.warning("public notice of campaign %d: docs-render unreachable (%s)", campaign_id, type(exc).__name__)
        raise AppError(
            503,
            "docs-render-unavailable",
            "docs-render unavailable",
            "docs-render could not be reached; try again shortly",
            headers={"Retry-After": "5"},
        ) from exc
