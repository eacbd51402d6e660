"""The foundation's promise, across real processes: log in, create a claimant, add damage items, upload
evidence by presigned URL, render the 損害一覧 and read its text, schedule a hearing, receive the e-mail."""

from __future__ import annotations

import email
import hashlib
import io
import subprocess
import time
import zipfile
from email import policy
from pathlib import Path

import httpx
import pytest

OVERTIME = {
    "kind": "overtime",
    "person": "従業員A",
    "date_from": "2023-06-05",
    "date_to": "2023-07-31",
    "hours": "100",
    "hourly_rate": 1_200,
    "premium_rate": "1.25",
}
ITEMS = [
    {"head": "staff_cost", "inputs": {"lines": [OVERTIME]}},  # 100 × 1,200 × 1.25 = 150,000
    {"head": "reputation"},  # the case's 1,000,000 per claimant
    {"head": "fee_increase_refund", "inputs": {"old_fee": 17_550, "new_fee": 22_050, "months": 22}},  # 99,000
]


def _wait_for(predicate, timeout: float = 60.0, interval: float = 0.3):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")


def _messages_to(maildir: Path, address: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(maildir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in str(message["To"]):
            found.append(message)
    return found


def test_claimant_to_filing_to_reminder(stack, admin_token):
    claims = httpx.Client(base_url=stack.urls["claims-api"], headers={"Authorization": f"Bearer {admin_token}"})
    render = httpx.Client(base_url=stack.urls["docs-render"], headers={"Authorization": f"Bearer {admin_token}"})
    case_id = claims.get("/api/v1/cases").json()[0]["id"]

    claimant = claims.post(
        "/api/v1/claimants",
        json={
            "case_id": case_id,
            "kind": "sr_individual",
            "name": "結合 試験子",
            "name_kana": "ケツゴウ シケンコ",
            "office_name": "結合試験社会保険労務士事務所",
            "email": "e2e-claimant@example.jp",
            "reminder_consent": True,
        },
    )
    assert claimant.status_code == 201, claimant.text
    claimant_id = claimant.json()["id"]
    for item in ITEMS:
        response = claims.post(f"/api/v1/claimants/{claimant_id}/damage-items", json={**item, "facts": "試験の事実"})
        assert response.status_code == 201, response.text
    summary = claims.get(f"/api/v1/claimants/{claimant_id}/summary").json()
    assert (summary["contract_total"], summary["unjust_enrichment_total"], summary["total"]) == (
        1_150_000,
        99_000,
        1_249_000,
    )

    evidence = "2023年6月 タイムカード（写し）".encode() * 50
    exhibit = claims.post(
        f"/api/v1/cases/{case_id}/exhibits",
        json={"claimant_id": claimant_id, "slot": 2, "title": "タイムカード", "original_or_copy": "copy"},
    )
    assert exhibit.status_code == 201, exhibit.text
    exhibit_id = exhibit.json()["id"]
    ticket = claims.post(
        f"/api/v1/exhibits/{exhibit_id}/versions/uploads",
        json={
            "filename": "timecard.pdf",
            "content_type": "application/pdf",
            "size": len(evidence),
            "sha256": hashlib.sha256(evidence).hexdigest(),
        },
    ).json()
    assert httpx.put(ticket["url"], content=evidence, headers=ticket["headers"]).status_code == 200
    recorded = claims.post(f"/api/v1/exhibits/{exhibit_id}/versions", json={"upload_id": ticket["upload_id"]})
    assert recorded.status_code == 201 and recorded.json()["sha256"] == hashlib.sha256(evidence).hexdigest()
    current = claims.get(f"/api/v1/exhibits/{exhibit_id}").json()["current_version"]
    assert current["sha256"] == hashlib.sha256(evidence).hexdigest()

    job = render.post(
        "/api/v1/renders",
        json={"document": "damage-schedule", "case_id": case_id, "claimant_id": claimant_id, "format": "pdf"},
    )
    assert job.status_code == 202, job.text
    job_id = job.json()["id"]
    done = _wait_for(
        lambda: (j := render.get(f"/api/v1/renders/{job_id}").json())["status"] in ("succeeded", "failed") and j
    )
    assert done["status"] == "succeeded", done
    download = render.get(f"/api/v1/renders/{job_id}/download")
    assert download.status_code == 307
    pdf = httpx.get(download.headers["location"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout
    text = text.decode()
    compact = "".join(text.split())  # headings are letter-spaced (損 害 一 覧)
    for expected in ("損害一覧", "結合試験子", "150,000円", "1,000,000円", "99,000円", "1,249,000円"):
        assert expected in compact, expected

    proceeding = claims.post(
        f"/api/v1/cases/{case_id}/proceedings",
        json={"kind": "lawsuit", "name": "結合試験訴訟", "court": "大阪地方裁判所"},
    ).json()
    member = claims.post(f"/api/v1/proceedings/{proceeding['id']}/members", json={"claimant_id": claimant_id})
    assert member.status_code == 201

    # The filing of that lawsuit: docs-render reads the parties, the claim table, the fee and the exhibits from
    # claims-api, checks the uploaded exhibit's SHA-256 in S3 again, and files the bundle and the mints ZIP.
    filed = {}
    for document, file_format in (("complaint-bundle", "pdf"), ("mints-package", "zip")):
        created = render.post(
            "/api/v1/renders",
            json={"document": document, "case_id": case_id, "proceeding_id": proceeding["id"], "format": file_format},
        )
        assert created.status_code == 202, created.text
        finished = _wait_for(
            lambda job_id=created.json()["id"]: (
                (j := render.get(f"/api/v1/renders/{job_id}").json())["status"] in ("succeeded", "failed") and j
            )
        )
        assert finished["status"] == "succeeded", finished
        link = render.get(f"/api/v1/renders/{finished['id']}/download-link").json()
        filed[document] = httpx.get(link["url"]).content
    bundle = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=filed["complaint-bundle"], capture_output=True, check=True
    ).stdout.decode()
    compact = "".join(bundle.split())
    assert (
        "被告は、原告1に対し、金124万9000円及びこれに対する訴状送達の日の翌日から支払済みまで年3分の割合による金員を支払え。"
        in compact
    )
    assert "結合試験子" in compact and "1,249,000円" in compact
    with zipfile.ZipFile(io.BytesIO(filed["mints-package"])) as archive:
        assert "04_証拠説明書.pdf" in archive.namelist()
        assert "結合 試験子" in archive.read("06_当事者一覧.csv").decode("cp932")
    hearing = claims.post(
        "/api/v1/hearings",
        json={
            "proceeding_id": proceeding["id"],
            "kind": "oral_argument",
            "starts_at": "2030-01-22T10:30:00+09:00",
            "place": "大阪地方裁判所 第1001号法廷",
        },
    )
    assert hearing.status_code == 201, hearing.text

    (message,) = _wait_for(lambda: _messages_to(stack.maildir, "e2e-claimant@example.jp"))
    subject, body = str(message["Subject"]), message.get_body(("plain",)).get_content()
    assert "口頭弁論期日" in subject
    assert "令和12年1月22日（火）午前10時30分" in body
    assert "結合 試験子" in body and "大阪地方裁判所 第1001号法廷" in body
    assert message.get_content_charset() == "utf-8" or message.get_body(("plain",)).get_content_charset() == "utf-8"

    notify = httpx.Client(base_url=stack.urls["notify"], headers={"Authorization": f"Bearer {admin_token}"})
    recorded_ids = {
        m["message_id"] for m in notify.get("/api/v1/messages", params={"claimant_id": claimant_id}).json()["items"]
    }
    assert message["Message-ID"] in recorded_ids
