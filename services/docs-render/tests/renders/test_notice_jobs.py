"""The notices of a breach of personal data through the API, as the notify service requests them: the content in
the request (nothing read from claims-api), a letter per recipient in one PDF (chunked and merged for a big
batch), the public notice, a single letter in DOCX, and the 422s that name the field."""

from __future__ import annotations

import copy
import io
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from docs_render_builders import FakeClaimsApi, bearer, make_token
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from docs_render.claims.client import ClaimsApi
from docs_render.docx import docx_text
from docs_render.renders import plans
from docs_render.renders.models import RenderJob
from docs_render.renders.schemas import DEFAULT_NOTICE_TITLE, MAX_RECIPIENTS

from ..filings import notice_data as data
from ..filings.pdf_checks import pdf_text, write_page_images
from .test_pipeline import CASE_ID, render, wait_for

LETTER = "breach-notice-letter"
PUBLIC = "public-notice"


@pytest.fixture
def token(signing_key: str) -> str:
    return make_token(signing_key)


@pytest.fixture
def app(running_app: Any) -> Iterator[tuple[TestClient, FakeClaimsApi]]:
    fake = FakeClaimsApi()  # serves nothing: these documents must not read claims-api
    with running_app(fake) as client:
        yield client, fake


def layout_pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf, layout=True).split("\f")[:-1]


def first_pages(pdf: bytes) -> list[tuple[int, str]]:
    """(index, text) of the pages that start a letter: those numbered 「1 / n」 at the foot."""
    return [(i, page) for i, page in enumerate(layout_pages(pdf)) if re.search(r"^\s*1\s*/\s*\d+\s*$", page, re.M)]


def addressee(page: str) -> str:
    """The 「… 様」 line of a letter's first page."""
    line = next(line.strip() for line in page.splitlines() if re.match(r"^\S.*\s様$", line.strip()))
    return "".join(line.split())


# ---- rendering --------------------------------------------------------------------------------------------


def test_a_batch_of_250_is_one_pdf_of_250_letters_each_with_its_own_pages(
    app: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, fake = app
    people = [data.recipient(n, ["name", "birth_date"] if n % 2 else ["name", "pension_no"]) for n in range(1, 251)]
    job, pdf = render(client, token, document=LETTER, format="pdf", notice=data.notice_body(recipients=people))
    assert job["status"] == "succeeded", job["error"]
    assert (job["progress_done"], job["progress_total"]) == (250, 250)  # letters
    assert job["filename"] == "個人情報に関するお知らせ_250名.pdf"
    assert fake.requests == []
    assert pdf is not None

    starts = first_pages(pdf)
    assert len(starts) == 250
    assert [addressee(page) for _, page in starts] == [f"架空太郎{n}様" for n in range(1, 251)]
    # Each letter runs from its first page to the next letter's: only its recipient, only their items.
    pages = layout_pages(pdf)
    bounds = [index for index, _ in starts] + [len(pages)]
    for n, (start, end) in enumerate(itertools.pairwise(bounds), start=1):
        letter = "".join("".join(pages[start:end]).split())
        assert re.findall(r"架空太郎\d+", letter) == [f"架空太郎{n}"] * 3  # addressee, opening, apology
        assert re.search(rf"^\s*{end - start}\s*/\s*{end - start}\s*$", pages[end - 1], re.M)
        items = "氏名、生年月日" if n % 2 else "氏名、基礎年金番号"
        assert f"個人データの項目{items}3原因" in letter
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(pages)
    write_page_images(pdf, "notice-batch", first=len(pages) - 1, last=len(pages))


def test_the_letters_of_a_batch_render_in_real_render_processes(
    running_app: Any, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plans, "LETTERS_PER_CHUNK", 2)  # the plan is made here: 3 parts of 2, 2 and 1 letters
    people = [data.recipient(n) for n in range(1, 6)]
    with running_app(FakeClaimsApi(), render_processes=2) as client:
        job, pdf = render(client, token, document=LETTER, notice=data.notice_body(recipients=people))
    assert job["status"] == "succeeded", job["error"]
    assert pdf is not None
    assert [addressee(page) for _, page in first_pages(pdf)] == [f"架空太郎{n}様" for n in range(1, 6)]


def test_one_letter_in_docx(app: tuple[TestClient, FakeClaimsApi], token: str) -> None:
    client, _ = app
    job, docx = render(client, token, document=LETTER, format="docx", notice=data.notice_body(recipients=[data.TARO]))
    assert job["status"] == "succeeded", job["error"]
    assert job["filename"] == "個人情報に関するお知らせ_1名.docx"
    assert docx is not None
    lines = docx_text(docx).splitlines()
    assert "架空 太郎　様" in lines and DEFAULT_NOTICE_TITLE in lines
    assert "　氏名、住所、基礎年金番号" in lines
    assert "電話番号\t0120-000-000" in lines


def test_the_public_notice(app: tuple[TestClient, FakeClaimsApi], token: str) -> None:
    client, fake = app
    title = "当事務所使用システムへの不正アクセスに関するお知らせ"
    job, pdf = render(client, token, document=PUBLIC, notice=data.notice_body(title=title, made_on="2026-12-20"))
    assert job["status"] == "succeeded", job["error"]
    assert job["filename"] == "公表文.pdf" and (job["progress_done"], job["progress_total"]) == (1, 1)
    assert fake.requests == []
    assert pdf is not None
    flat = "".join(pdf_text(pdf, layout=True).split())
    assert title in flat and "令和8年12月20日" in flat
    assert "個人データの項目氏名、住所、生年月日、基礎年金番号、給与及び賞与の額、扶養家族の氏名3原因" in flat
    assert "ご自身の個人データが対象となっているかどうかのご確認を含め" in flat
    assert "電子メールprivacy@example.jp" in flat
    job, docx = render(client, token, document=PUBLIC, format="docx", notice=data.notice_body())
    assert job["filename"] == "公表文.docx" and docx is not None
    assert "お問い合わせ窓口" in docx_text(docx).splitlines()


def test_the_plan_chunks_the_letters_and_carries_no_other_recipient() -> None:
    claims = ClaimsApi(FakeClaimsApi().client())
    people = [data.recipient(n) for n in range(1, 121)]
    job = RenderJob(document=LETTER, format="pdf", case_id=CASE_ID, requested_by="user:1")
    job.notice = data.notice(recipients=people).model_dump(mode="json")
    plan = plans.plan_breach_notice_letter(job, claims)
    assert (plan.container, plan.download_name, plan.documents) == ("merged", "個人情報に関するお知らせ_120名.pdf", 120)
    assert [part.documents for part in plan.parts] == [50, 50, 20]
    assert [part.stem for part in plan.parts][-1] == "breach-notice-letters-101-120"
    first = plan.parts[0].calls[0]
    assert first["recipient"].name == "架空 太郎1" and first["notice"].recipients is None

    job.notice = data.notice(recipients=[data.TARO]).model_dump(mode="json")
    job.format = "docx"
    plan = plans.plan_breach_notice_letter(job, claims)
    assert (plan.container, plan.download_name, len(plan.parts)) == ("single", "個人情報に関するお知らせ_1名.docx", 1)


# ---- the job ----------------------------------------------------------------------------------------------


def test_the_job_keeps_the_notice_but_does_not_show_it(running_app: Any, token: str, engine: Engine) -> None:
    body = {"case_id": CASE_ID, "document": LETTER, "notice": data.notice_body(recipients=[data.TARO, data.HANAKO])}
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        created = client.post("/api/v1/renders", json=body, headers=bearer(token))
        assert created.status_code == 202, created.text
        assert "notice" not in created.json()
        listed = client.get(f"/api/v1/renders?case_id={CASE_ID}", headers=bearer(token)).json()
        assert [job["document"] for job in listed["items"]] == [LETTER]
        assert (
            "架空" not in str(listed)
            and "架空" not in client.get(created.headers["location"], headers=bearer(token)).text
        )
    with Session(engine) as session:
        stored = session.exec(select(RenderJob)).one()
    assert stored.notice is not None
    assert [r["name"] for r in stored.notice["recipients"]] == ["架空 太郎", "見本 花子"]
    assert stored.notice["title"] == DEFAULT_NOTICE_TITLE and stored.notice["made_on"] is None


def test_a_repeated_idempotency_key_compares_the_notice(running_app: Any, token: str) -> None:
    headers = {**bearer(token), "Idempotency-Key": "notice-batch-1"}
    body = {"case_id": CASE_ID, "document": LETTER, "notice": data.notice_body(recipients=[data.TARO, data.HANAKO])}
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        first = client.post("/api/v1/renders", json=body, headers=headers)
        # The same content with the default title spelled out is the same request.
        spelled = copy.deepcopy(body)
        spelled["notice"]["title"] = DEFAULT_NOTICE_TITLE
        again = client.post("/api/v1/renders", json=spelled, headers=headers)
        assert first.status_code == again.status_code == 202
        assert again.json()["id"] == first.json()["id"]
        moved = copy.deepcopy(body)
        moved["notice"]["recipients"][1]["address"] = "大阪府大阪市北区見本町9-9"
        other = client.post("/api/v1/renders", json=moved, headers=headers)
        assert other.status_code == 422
        assert other.json()["errors"] == [
            {"field": "Idempotency-Key", "reason": "already used for a different render request"}
        ]


def test_the_names_and_addresses_are_dropped_when_the_job_ends_and_a_replay_still_compares(
    running_app: Any, token: str, engine: Engine
) -> None:
    headers = {**bearer(token), "Idempotency-Key": "notice-batch-2"}
    body = {"case_id": CASE_ID, "document": LETTER, "notice": data.notice_body(recipients=[data.TARO])}
    with running_app(FakeClaimsApi()) as client:
        created = client.post("/api/v1/renders", json=body, headers=headers)
        job = wait_for(client, token, created.json()["id"])
        assert job["status"] == "succeeded", job["error"]  # the PDF in the store is the record
        with Session(engine) as session:
            stored = session.exec(select(RenderJob)).one()
        assert stored.notice is None and stored.notice_sha256 is not None
        again = client.post("/api/v1/renders", json=body, headers=headers)
        assert (again.status_code, again.json()["id"]) == (202, job["id"])
        moved = copy.deepcopy(body)
        moved["notice"]["recipients"][0]["address"] = "大阪府大阪市北区見本町9-9"
        assert client.post("/api/v1/renders", json=moved, headers=headers).status_code == 422


# ---- refusals ---------------------------------------------------------------------------------------------


def _refusal(client: TestClient, token: str, body: dict[str, Any]) -> list[dict[str, str]]:
    response = client.post("/api/v1/renders", json={"case_id": CASE_ID, **body}, headers=bearer(token))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors: list[dict[str, str]] = response.json()["errors"]
    return errors


def test_notices_that_cannot_be_made_are_refused_naming_the_field(running_app: Any, token: str, engine: Engine) -> None:
    people = [data.recipient(n) for n in range(1, 5)]
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        unknown = copy.deepcopy(people)
        unknown[3]["item_keys"] = ["name", "residence_card"]
        errors = _refusal(client, token, {"document": LETTER, "notice": data.notice_body(recipients=unknown)})
        assert errors == [
            {"field": "notice.recipients.3.item_keys", "reason": "not a key of data_items: 'residence_card'"}
        ]

        errors = _refusal(client, token, {"document": PUBLIC, "notice": data.notice_body(recipients=people)})
        assert errors == [
            {"field": "notice.recipients", "reason": "not for public-notice: the public notice names no one"}
        ]

        errors = _refusal(client, token, {"document": LETTER})
        assert errors == [{"field": "notice", "reason": "required for breach-notice-letter"}]

        errors = _refusal(client, token, {"document": LETTER, "notice": data.notice_body()})
        assert errors == [{"field": "notice.recipients", "reason": "required for breach-notice-letter"}]

        complaint = {"document": "complaint", "proceeding_id": 3, "notice": data.notice_body()}
        errors = _refusal(client, token, complaint)
        assert errors == [{"field": "notice", "reason": "only for breach-notice-letter and public-notice"}]

        errors = _refusal(
            client, token, {"document": LETTER, "format": "docx", "notice": data.notice_body(recipients=people)}
        )
        assert errors == [
            {
                "field": "notice.recipients",
                "reason": "a DOCX holds one letter: give one recipient, or ask for pdf to get 4 letters",
            }
        ]

        errors = _refusal(
            client, token, {"document": LETTER, "format": "zip", "notice": data.notice_body(recipients=people)}
        )
        assert errors == [{"field": "format", "reason": "not available yet"}]

        for target in ("claimant_id", "proceeding_id"):
            body = {"document": PUBLIC, target: 7, "notice": data.notice_body()}
            assert _refusal(client, token, body) == [{"field": target, "reason": "not for public-notice"}]

    with Session(engine) as session:
        assert session.exec(select(RenderJob)).all() == []


def test_the_notice_s_own_fields_are_checked(running_app: Any, token: str) -> None:
    def fields(**notice: Any) -> list[str]:
        errors = _refusal(client, token, {"document": LETTER, "notice": notice})
        return [error["field"] for error in errors]

    person = data.TARO
    with running_app(FakeClaimsApi(), run_worker=False) as client:
        twice = [*data.DATA_ITEMS, {"key": "name", "label": "氏名（旧姓）"}]
        assert fields(**data.notice_body(recipients=[person], data_items=twice)) == ["notice.data_items.6.key"]
        assert fields(**data.notice_body(recipients=[{**person, "item_keys": []}])) == ["notice.recipients.0.item_keys"]
        assert fields(**data.notice_body(recipients=[{**person, "postal_code": "100-00011"}])) == [
            "notice.recipients.0.postal_code"
        ]
        assert fields(**data.notice_body(recipients=[{**person, "name": "　"}])) == ["notice.recipients.0.name"]
        assert fields(**data.notice_body(recipients=[person], overview="あ" * 4001)) == ["notice.overview"]
        assert fields(**data.notice_body(recipients=[person], contact={"desk": "窓口"})) == ["notice.contact"]
        bad_mail = {**data.CONTACT, "email": "privacy at example.jp"}
        assert fields(**data.notice_body(recipients=[person], contact=bad_mail)) == ["notice.contact.email"]
        assert fields(**data.notice_body(recipients=[person], cause=None)) == ["notice.cause"]
        assert fields(**data.notice_body(recipients=[person], secret="x")) == ["notice.secret"]
        assert fields(**data.notice_body(recipients=[])) == ["notice.recipients"]
        many = [data.recipient(1)] * (MAX_RECIPIENTS + 1)
        assert fields(**data.notice_body(recipients=many)) == ["notice.recipients"]


def test_a_postal_code_without_its_hyphen_is_printed_with_it(app: tuple[TestClient, FakeClaimsApi], token: str) -> None:
    client, _ = app
    person = {**data.TARO, "postal_code": "1000001"}
    job, pdf = render(client, token, document=LETTER, notice=data.notice_body(recipients=[person]))
    assert job["status"] == "succeeded", job["error"]
    assert pdf is not None and "〒100-0001" in pdf_text(pdf)
