"""The unsubscribe page behind the link of every reminder (public: the signed token is the authorisation), and
the staff's view of a claimant's opt-out."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, status
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlmodel import Session

from bengodan_common.db import utcnow
from bengodan_common.errors import PROBLEM_RESPONSES
from notify.core.config import Settings
from notify.core.deps import NotifyReader, NotifyWriter, SessionDep
from notify.reminders import optouts

# --- schemas ---------------------------------------------------------------------------------------------------


class OptOutRead(BaseModel):
    claimant_id: int
    opted_out: bool
    source: str | None  # link (the claimant, by the link in a reminder) | staff | complaint (marked as spam)
    recorded_by: str | None
    created_at: datetime | None


# --- the public page -------------------------------------------------------------------------------------------

public_router = APIRouter(prefix="/api/v1/unsubscribe", tags=["unsubscribe"])

_HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The page"},
    400: {"content": {"text/html": {}}, "description": "The link is invalid (a page saying so, with the contact)"},
}

# The page is the whole of it: no scripts, no external resources, forms only back to itself; the token in its
# URL goes to no one else (no referrer) and no search engine or cache keeps it.
_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}

_CSS = (
    "body{margin:0;background:#f5f5f2;color:#222;font-family:system-ui,-apple-system,'Hiragino Sans',"
    "'Noto Sans JP',Meiryo,sans-serif;font-size:17px;line-height:1.8}"
    "main{max-width:34rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;background:#fff;min-height:100vh;"
    "box-sizing:border-box}"
    "h1{font-size:1.35rem;line-height:1.5;margin:.5rem 0 1rem}"
    "ul{padding-left:1.4rem}"
    "button{display:block;width:100%;margin:1.5rem 0;padding:.9rem 1rem;font:inherit;font-weight:bold;"
    "color:#fff;background:#b3261e;border:0;border-radius:.5rem;cursor:pointer}"
    ".contact{margin-top:2rem;padding:1rem;background:#f5f5f2;border-radius:.5rem;font-size:.95rem;"
    "overflow-wrap:anywhere}"
)

_STOPPED_KINDS = "<ul><li>期日のご案内・リマインド</li><li>書類のご提出のお願い</li></ul>"
_LEGAL_NOTICES = (
    "<p>個人情報に関するお知らせは、法律に基づいてお送りする必要があるため、配信を停止した後もお送りします。</p>"
)


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _page(settings: Settings, *, title: str, body: str, status_code: int = 200) -> HTMLResponse:
    """A whole page; `body` is HTML already escaped by the caller."""
    team = escape(settings.team_name)
    html = (
        '<!doctype html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{escape(title)}｜{team}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n"
        f'<div class="contact"><strong>お問い合わせ</strong><br>{escape(settings.team_contact)}</div>\n'
        "</main>\n</body>\n</html>\n"
    )
    return HTMLResponse(html, status_code=status_code, headers=_HEADERS)


def _invalid(settings: Settings) -> HTMLResponse:
    body = "<p>このリンクは無効です。配信の停止をご希望の場合は、お手数ですが、次の連絡先までご連絡ください。</p>"
    return _page(settings, title="リンクが無効です", body=body, status_code=status.HTTP_400_BAD_REQUEST)


def _claimant(settings: Settings, token: str | None) -> int | None:
    if token is None:
        return None
    return optouts.claimant_of(token, settings.unsubscribe_secret.get_secret_value())


# `t` is read by hand, not declared with constraints: a missing or damaged link gets the Japanese page, not a 422.
@public_router.get(
    "",
    response_class=HTMLResponse,
    responses=_HTML_RESPONSES,
    summary="The unsubscribe page of a reminder's link: a button to stop reminders (opening it stops nothing)",
)
def unsubscribe_page(request: Request, t: str | None = None) -> HTMLResponse:
    settings = _settings(request)
    if _claimant(settings, t) is None:
        return _invalid(settings)
    body = (
        f"<p>{escape(settings.team_name)}からの次のメールの配信を停止できます。</p>\n{_STOPPED_KINDS}\n{_LEGAL_NOTICES}\n"
        f'<form method="post" action="?t={escape(t or "", quote=True)}">'
        '<button type="submit">配信を停止する</button></form>'
    )
    return _page(settings, title="メール配信の停止", body=body)


@public_router.post(
    "",
    response_class=HTMLResponse,
    responses=_HTML_RESPONSES,
    summary="Stop the reminders of the link's claimant (the page's button, and RFC 8058 one-click)",
)
def unsubscribe(request: Request, session: SessionDep, t: str | None = None) -> HTMLResponse:
    settings = _settings(request)
    claimant_id = _claimant(settings, t)
    if claimant_id is None:
        return _invalid(settings)
    optouts.opt_out(session, claimant_id=claimant_id, source="link", actor=None, now=utcnow())
    body = (
        "<p>次のメールは、今後お送りしません。</p>\n"
        f"{_STOPPED_KINDS}\n{_LEGAL_NOTICES}\n"
        "<p>配信を再開したい場合や、このお手続きに心当たりがない場合は、次の連絡先までご連絡ください。</p>"
    )
    return _page(settings, title="配信を停止しました", body=body)


# --- staff ----------------------------------------------------------------------------------------------------

router = APIRouter(prefix="/api/v1/claimants/{claimant_id}/opt-out", tags=["reminders"], responses=PROBLEM_RESPONSES)

ClaimantId = Annotated[int, Path(ge=1)]


def _read(session: Session, claimant_id: int) -> OptOutRead:
    stored = optouts.get(session, claimant_id)
    return OptOutRead(
        claimant_id=claimant_id,
        opted_out=stored is not None,
        source=stored.source if stored else None,
        recorded_by=stored.recorded_by if stored else None,
        created_at=stored.created_at if stored else None,
    )


@router.get("", response_model=OptOutRead, summary="Whether the claimant opted out of reminders, how and when")
def get_opt_out(claimant_id: ClaimantId, session: SessionDep, _: NotifyReader) -> OptOutRead:
    return _read(session, claimant_id)


@router.put(
    "",
    response_model=OptOutRead,
    summary="Stop the claimant's reminders on their behalf (their queued reminders are cancelled)",
)
def put_opt_out(claimant_id: ClaimantId, session: SessionDep, actor: NotifyWriter) -> OptOutRead:
    optouts.opt_out(session, claimant_id=claimant_id, source="staff", actor=actor.sub, now=utcnow())
    return _read(session, claimant_id)


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Send the claimant reminders again (from those queued from now on)",
)
def delete_opt_out(claimant_id: ClaimantId, session: SessionDep, _: NotifyWriter) -> None:
    optouts.clear_opt_out(session, claimant_id=claimant_id)
