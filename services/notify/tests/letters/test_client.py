"""notify's docs-render client: the requests it makes, the answers it reads, and its login at claims-api."""

from __future__ import annotations

import json

import httpx
import pytest
from pydantic import SecretStr

from notify.core.config import DocsRenderSettings
from notify.letters.client import DocsRenderApi, RenderRefused, RenderState, make_docs_render_client

from .fakes import CONTACT, DATA_ITEMS, SENDER, FakeDocsRender

NOTICE = {
    "sender": SENDER,
    "title": "個人情報の漏えいのおそれに関するお知らせとお詫び",
    "overview": "概要",
    "data_items": DATA_ITEMS,
    "cause": "原因",
    "secondary_harm": "なし",
    "contact": CONTACT,
}


def test_letters_and_the_public_notice_are_asked_for_with_the_key_and_read_back(
    docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender
) -> None:
    recipients = [{"name": "架空 太郎", "postal_code": None, "address": "大阪府", "item_keys": ["name"]}]
    letters = docs_render.create_letters(case_id=3, notice={**NOTICE, "recipients": recipients}, idempotency_key="k1")
    public = docs_render.create_public_notice(case_id=3, notice=NOTICE, idempotency_key="k2")
    assert letters != public
    assert fake_docs_render.by_key("k1").body["document"] == "breach-notice-letter"
    assert fake_docs_render.by_key("k2").body == {
        "document": "public-notice",
        "format": "pdf",
        "case_id": 3,
        "notice": NOTICE,
    }
    assert docs_render.create_public_notice(case_id=3, notice=NOTICE, idempotency_key="k2") == public

    assert docs_render.render_state(letters) == RenderState("queued", None, None)
    fake_docs_render.jobs[letters].status = "succeeded"
    fake_docs_render.jobs[letters].filename = "個人情報に関するお知らせ_1名.pdf"
    assert docs_render.render_state(letters) == ("succeeded", "個人情報に関するお知らせ_1名.pdf", None)
    fake_docs_render.jobs[public].status, fake_docs_render.jobs[public].error = "failed", "壊れています"
    assert docs_render.render_state(public) == ("failed", None, "壊れています")


def test_a_refusal_is_told_apart_from_other_errors(
    docs_render: DocsRenderApi, fake_docs_render: FakeDocsRender
) -> None:
    fake_docs_render.refuse = {"title": "Invalid input", "status": 422, "detail": "notice.contact: give at least one"}
    with pytest.raises(RenderRefused) as refused:
        docs_render.create_public_notice(case_id=1, notice=NOTICE, idempotency_key="k")
    assert refused.value.detail == "notice.contact: give at least one"

    fake_docs_render.refuse, fake_docs_render.fail_with = None, 500
    with pytest.raises(httpx.HTTPStatusError):
        docs_render.create_public_notice(case_id=1, notice=NOTICE, idempotency_key="k")
    with pytest.raises(httpx.HTTPStatusError):
        docs_render.render_state(101)


def test_the_client_calls_docs_render_with_a_token_from_claims_api() -> None:
    seen: list[tuple[str, str, str | None]] = []

    def services(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.url.path, request.headers.get("authorization")))
        if request.url.host == "claims.test":
            form = dict(pair.split("=") for pair in request.content.decode().split("&"))
            assert (form["client_id"], form["client_secret"]) == ("notify", "s3cret")
            return httpx.Response(200, json={"access_token": "tok", "expires_in": 900, "token_type": "bearer"})
        return httpx.Response(202, content=json.dumps({"id": 5, "status": "queued", "error": None, "filename": None}))

    settings = DocsRenderSettings(
        base_url="http://render.test",
        token_url="http://claims.test/api/v1/auth/token",
        client_secret=SecretStr("s3cret"),
    )
    api = DocsRenderApi(make_docs_render_client(settings, transport=httpx.MockTransport(services)))
    assert api.create_public_notice(case_id=1, notice=NOTICE, idempotency_key="k") == 5
    assert seen == [("claims.test", "/api/v1/auth/token", None), ("render.test", "/api/v1/renders", "Bearer tok")]
