"""Render jobs of the filings end to end through the API: claims-api's reads (faked over HTTP), the plan, the
render (in the worker thread, and once in real render processes), the exhibit check against S3, the file in
S3 and its download."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest
from docs_render_builders import FakeClaimsApi, bearer, make_claimant, make_token
from fastapi.testclient import TestClient
from pypdf import PdfReader

from docs_render.claims.schemas import ExhibitVersion
from docs_render.docx import docx_text
from docs_render.filings.mints import MAX_FILENAME_CHARS

from ..filings import claimant_data, proceeding_data
from ..filings.pdf_checks import pdf_text

CASE_ID, LAWSUIT = 1, proceeding_data.LAWSUIT_ID
PLAINTIFF_1_LINE = (
    "被告は、原告1に対し、金110万698円及びこれに対する訴状送達の日の翌日から支払済みまで年3分の割合による金員を支払え。"
)
BUCKET = "docs-render-test"


def _json(model: Any) -> Any:
    return model.model_dump(mode="json")


def filing_reads(
    fake: FakeClaimsApi, *, plaintiffs: int = 3, exhibits: list[Any] | None = None, kind: Any = "lawsuit"
) -> None:
    """claims-api's answers for case 1 and its lawsuit (or mediation): parties, settings, claim table, fee,
    exhibits and every member's 損害一覧 data."""
    parties = proceeding_data.parties(plaintiffs, kind)
    base = f"/api/v1/cases/{CASE_ID}"
    fake.cases[CASE_ID] = _json(parties.case)
    fake.reads[f"{base}/parties"] = _json(parties)
    fake.reads[f"{base}/filing-settings"] = _json(proceeding_data.settings())
    fake.reads[f"{base}/claim-table"] = _json(proceeding_data.claim_table(plaintiffs, kind))
    fake.reads[f"{base}/filing-fee"] = {
        "case_id": CASE_ID,
        "proceeding_id": parties.proceeding.id,
        **_json(proceeding_data.filing_fee(plaintiffs, kind)),
    }
    listed = exhibits if exhibits is not None else proceeding_data.exhibits()
    fake.reads[f"{base}/exhibits"] = {
        "items": [_json(e) for e in listed],
        "total": len(listed),
        "limit": 500,
        "offset": 0,
    }
    entries = []
    for p in parties.plaintiffs:
        claimant = {"id": p.claimant_id, "case_id": CASE_ID, "name": p.name, "representative": p.representative}
        entries.append(
            {
                "number": p.number,
                "claimant": claimant,
                "items": [_json(i) for i in claimant_data.items(p.claimant_id)],
                "summary": _json(claimant_data.summary(p.claimant_id)),
            }
        )
    fake.reads[f"{base}/damage-schedules"] = {"items": entries, "total": len(entries), "limit": 100, "offset": 0}


def wait_for(client: TestClient, token: str, job_id: int, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/v1/renders/{job_id}", headers=bearer(token)).json()
        if job["status"] in ("succeeded", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"render job {job_id} did not finish")


def render(client: TestClient, token: str, **body: Any) -> tuple[dict[str, Any], bytes | None]:
    created = client.post("/api/v1/renders", json={"case_id": CASE_ID, **body}, headers=bearer(token))
    assert created.status_code == 202, created.text
    job = wait_for(client, token, created.json()["id"])
    if job["status"] != "succeeded":
        return job, None
    link = client.get(f"/api/v1/renders/{job['id']}/download-link", headers=bearer(token)).json()
    assert link["filename"] == job["filename"]
    content = httpx.get(link["url"]).content
    assert hashlib.sha256(content).hexdigest() == job["sha256"]
    return job, content


@pytest.fixture
def token(signing_key: str) -> str:
    return make_token(signing_key)


@pytest.fixture
def s3(s3_endpoint: str) -> Any:
    return boto3.client(
        "s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )


@pytest.fixture
def filing(running_app: Any) -> Iterator[tuple[TestClient, FakeClaimsApi]]:
    fake = FakeClaimsApi()
    filing_reads(fake)
    with running_app(fake) as client:
        yield client, fake


def test_the_complaint_bundle_is_one_pdf_of_the_complaint_its_annexes_and_every_schedule(
    filing: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, _ = filing
    job, pdf = render(client, token, document="complaint-bundle", proceeding_id=LAWSUIT, format="pdf")
    assert job["status"] == "succeeded", job["error"]
    assert (job["progress_done"], job["progress_total"]) == (6, 6)  # complaint, table, party list, 3 schedules
    assert job["filename"] == "訴状一式.pdf"
    assert pdf is not None
    flat = "".join(pdf_text(pdf, layout=True).split())
    assert PLAINTIFF_1_LINE in flat
    # The title near the top of each document's first page, in the order of the bundle.
    titles = []
    for page in pdf_text(pdf, layout=True).split("\f")[:-1]:
        head = "".join(page.split())[:40].replace("訴　　状", "訴状")
        title = next((t for t in ("訴状", "請求一覧", "当事者目録", "損害一覧") if t in head), None)
        if title and (not titles or titles[-1] != title or (title == "損害一覧" and "1/" in head)):
            titles.append(title)
    assert titles[:3] == ["訴状", "請求一覧", "当事者目録"] and titles.count("損害一覧") >= 1
    for n in (1, 2, 3):
        assert f"原告{n}" in flat


def test_single_documents_in_pdf_and_docx(filing: tuple[TestClient, FakeClaimsApi], token: str) -> None:
    client, _ = filing
    job, pdf = render(client, token, document="complaint", proceeding_id=LAWSUIT, format="pdf")
    assert job["filename"] == "訴状.pdf" and pdf is not None and pdf.startswith(b"%PDF-")
    job, docx = render(client, token, document="complaint", proceeding_id=LAWSUIT, format="docx")
    assert job["filename"] == "訴状.docx" and docx is not None
    assert PLAINTIFF_1_LINE in "".join(docx_text(docx).split())
    job, pdf = render(client, token, document="party-list", proceeding_id=LAWSUIT, format="pdf")
    assert pdf is not None and "当事者目録" in "".join(pdf_text(pdf).split())


def test_a_member_s_damage_schedule_carries_its_member_number(
    filing: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, fake = filing
    second = proceeding_data.parties(3).plaintiffs[1]
    fake.claimants[second.claimant_id] = make_claimant(id=second.claimant_id, name=second.name)
    fake.items[second.claimant_id] = [_json(i) for i in claimant_data.items(second.claimant_id)]
    fake.summaries[second.claimant_id] = _json(claimant_data.summary(second.claimant_id))
    body = {"document": "damage-schedule", "proceeding_id": LAWSUIT, "format": "pdf"}

    job, pdf = render(client, token, **body, claimant_id=second.claimant_id)
    assert job["status"] == "succeeded", job["error"]
    assert job["filename"] == "損害一覧_原告2.pdf" and pdf is not None
    assert "原告2" + "".join(second.name.split()) in "".join(pdf_text(pdf).split())

    fake.claimants[999] = make_claimant(id=999, name="非 会員")
    job, _ = render(client, token, **body, claimant_id=999)
    assert job["status"] == "failed"
    assert job["error"] == f"claimant 999 is not a member of proceeding {LAWSUIT}"


def test_the_mints_package_holds_named_pdfs_the_party_csv_and_the_evidence_list(
    filing: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, _ = filing
    job, content = render(client, token, document="mints-package", proceeding_id=LAWSUIT, format="zip")
    assert job["status"] == "succeeded", job["error"]
    assert content is not None
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert names == [
        "01_訴状.pdf",
        "02_別紙請求一覧.pdf",
        "03_別紙当事者目録.pdf",
        "04_証拠説明書.pdf",
        "05_別紙損害一覧.pdf",
        "06_当事者一覧.csv",
    ]
    assert all(len(name) <= MAX_FILENAME_CHARS for name in names)
    for name in names[:-1]:
        assert len(PdfReader(io.BytesIO(archive.read(name))).pages) >= 1
    rows = archive.read("06_当事者一覧.csv").decode("cp932").splitlines()
    assert rows[0].startswith("当事者の区分,番号,氏名又は名称")
    plaintiffs = [row for row in rows if row.startswith("原告,")]
    assert [row.split(",")[2] for row in plaintiffs] == [p.name for p in proceeding_data.parties(3).plaintiffs]
    assert rows[-1].startswith("被告,,株式会社デモクラウドシステム")
    assert "証拠説明書" in "".join(pdf_text(archive.read("04_証拠説明書.pdf")).split())


def test_an_exhibit_whose_stored_file_changed_fails_the_filing_with_its_label(
    running_app: Any, token: str, s3: Any
) -> None:
    good, bad = b"%PDF-1.7 contract", b"%PDF-1.7 report"
    s3.put_object(Bucket=BUCKET, Key="evidence/1", Body=good)
    s3.put_object(Bucket=BUCKET, Key="evidence/3", Body=b"%PDF-1.7 report, edited after upload")
    exhibits = proceeding_data.exhibits()
    versions = {1: good, 3: bad}
    listed = []
    for exhibit in exhibits:
        if exhibit.id in versions:
            digest = hashlib.sha256(versions[exhibit.id]).hexdigest()
            version = ExhibitVersion(version=1, filename=f"{exhibit.id}.pdf", size=10, sha256=digest)
            exhibit = exhibit.model_copy(update={"current_version": version})
        listed.append(exhibit)
    fake = FakeClaimsApi()
    filing_reads(fake, exhibits=listed)
    for exhibit_id in versions:
        url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": f"evidence/{exhibit_id}"})
        fake.reads[f"/api/v1/exhibits/{exhibit_id}/versions/1/download"] = {"version": 1, "url": url}
    with running_app(fake) as client:
        job, _ = render(client, token, document="evidence-list", proceeding_id=LAWSUIT, format="pdf")
        assert job["status"] == "failed"
        assert "甲第2号証" in job["error"] and "does not match" in job["error"]
        # The exhibit put right (its file uploaded again as recorded): the same filing now succeeds.
        s3.put_object(Bucket=BUCKET, Key="evidence/3", Body=bad)
        job, pdf = render(client, token, document="evidence-list", proceeding_id=LAWSUIT, format="pdf")
        assert job["status"] == "succeeded", job["error"]
        assert pdf is not None and "甲2" in pdf_text(pdf)


def test_documents_of_the_wrong_kind_of_proceeding_or_without_their_target_are_refused(
    filing: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, _ = filing
    refused = client.post(
        "/api/v1/renders", json={"case_id": CASE_ID, "document": "complaint", "format": "pdf"}, headers=bearer(token)
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "proceeding_id"
    job, _ = render(client, token, document="mediation-petition", proceeding_id=LAWSUIT, format="pdf")
    assert job["status"] == "failed" and "mediation" in job["error"]


def test_the_bundle_renders_in_real_render_processes(running_app: Any, token: str) -> None:
    fake = FakeClaimsApi()
    filing_reads(fake, plaintiffs=3)
    with running_app(fake, render_processes=2) as client:
        job, pdf = render(client, token, document="complaint-bundle", proceeding_id=LAWSUIT, format="pdf")
    assert job["status"] == "succeeded", job["error"]
    assert pdf is not None and PLAINTIFF_1_LINE in "".join(pdf_text(pdf, layout=True).split())


def test_a_document_error_in_a_render_process_fails_the_job_with_its_reason(running_app: Any, token: str) -> None:
    """The failure crosses back from the render process intact: a placeholder the case has no figure for."""
    fake = FakeClaimsApi()
    filing_reads(fake)
    settings = proceeding_data.settings(complaint_cause="原告らの損害は{no_such_figure}である。")
    fake.reads[f"/api/v1/cases/{CASE_ID}/filing-settings"] = _json(settings)
    with running_app(fake, render_processes=1) as client:
        job, _ = render(client, token, document="complaint", proceeding_id=LAWSUIT, format="pdf")
        assert job["status"] == "failed"
        assert "{no_such_figure}" in job["error"] and "process" not in job["error"]
        job, _ = render(client, token, document="claim-table", proceeding_id=LAWSUIT, format="pdf")
        assert job["status"] == "succeeded", job["error"]  # the pool lives on


def test_the_complaint_switches_to_the_table_form_on_request(
    filing: tuple[TestClient, FakeClaimsApi], token: str
) -> None:
    client, _ = filing
    job, pdf = render(client, token, document="complaint", proceeding_id=LAWSUIT, format="pdf", complaint_form="table")
    assert job["status"] == "succeeded" and job["complaint_form"] == "table"
    assert pdf is not None
    flat = "".join(pdf_text(pdf, layout=True).split())
    assert "別紙請求一覧の原告欄記載の各原告に対し" in flat and PLAINTIFF_1_LINE not in flat
    refused = client.post(
        "/api/v1/renders",
        json={"case_id": CASE_ID, "document": "claim-table", "proceeding_id": LAWSUIT, "complaint_form": "table"},
        headers=bearer(token),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "complaint_form"


def test_a_mediation_s_bundle_is_the_petition_with_the_same_annexes(running_app: Any, token: str) -> None:
    fake = FakeClaimsApi()
    filing_reads(fake, kind="mediation")
    with running_app(fake) as client:
        job, pdf = render(
            client, token, document="complaint-bundle", proceeding_id=proceeding_data.MEDIATION_ID, format="pdf"
        )
    assert job["status"] == "succeeded", job["error"]
    assert job["filename"] == "調停申立書一式.pdf" and pdf is not None
    flat = "".join(pdf_text(pdf, layout=True).split())
    assert "調停申立書" in flat and "申立人1" in flat and "請求一覧" in flat
    assert "原告" not in flat
