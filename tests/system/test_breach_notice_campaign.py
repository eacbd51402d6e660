"""A breach-notice campaign across real processes: notify imports the list and launches, its worker e-mails the
recipient with an address through the SMTP sink and asks docs-render (with its own client-credentials token from
claims-api) for the letter of the recipient without one; the letter's PDF says only that person's items; the
proof lists both once the letters are recorded as posted."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import datetime

import httpx

from bengodan_common.japanese import TOKYO

from .test_end_to_end import _messages_to, _wait_for

CSV = (
    "氏名,メールアドレス,郵便番号,住所,項目\r\n"
    "通知 一郎,campaign-e2e@example.jp,,,氏名|基礎年金番号\r\n"
    "郵送 花子,,5300001,大阪府大阪市北区梅田1-1-1,氏名|給与額\r\n"
    "不備 行,,,,氏名\r\n"  # no way to reach: reported, left out
)


def test_campaign_e_mail_letter_and_proof(stack, admin_token):
    auth = {"Authorization": f"Bearer {admin_token}"}
    claims = httpx.Client(base_url=stack.urls["claims-api"], headers=auth)
    notify = httpx.Client(base_url=stack.urls["notify"], headers=auth, timeout=30)
    render = httpx.Client(base_url=stack.urls["docs-render"], headers=auth)
    case_id = claims.get("/api/v1/cases").json()[0]["id"]

    created = notify.post(
        "/api/v1/campaigns",
        json={
            "case_id": case_id,
            "sender": {"name": "結合試験社会保険労務士事務所", "address": "大阪府大阪市北区結合町1-1"},
            "data_items": [
                {"key": "name", "label": "氏名"},
                {"key": "pension_no", "label": "基礎年金番号"},
                {"key": "salary", "label": "給与額"},
            ],
            "overview": "給与計算クラウドサービスがランサムウェアにより停止しました。",
            "cause": "委託先サーバへの不正アクセス",
            "secondary_harm": "現時点で確認されていません。",
            "contact": {"desk": "結合試験事務所 個人情報窓口", "phone": "06-0000-0000"},
            "became_known_on": "2023-06-05",
            "unlawful_purpose": True,
        },
        headers={"Idempotency-Key": "e2e-campaign"},
    )
    assert created.status_code == 201, created.text
    campaign_id = created.json()["id"]
    assert created.json()["deadlines"]["final_days"] == 60

    started = notify.post(
        f"/api/v1/campaigns/{campaign_id}/imports", files={"file": ("list.csv", CSV.encode(), "text/csv")}
    )
    assert started.status_code == 202, started.text
    done = _wait_for(
        lambda: (
            (i := notify.get(f"/api/v1/campaigns/{campaign_id}/imports/{started.json()['id']}").json())["status"]
            != "running"
            and i
        )
    )
    assert (done["status"], done["rows_valid"], done["rows_invalid"]) == ("succeeded", 2, 1)

    launched = notify.post(f"/api/v1/campaigns/{campaign_id}/launch")
    assert launched.status_code == 200, launched.text
    assert (launched.json()["queued_email"], launched.json()["queued_postal"]) == (1, 1)

    (mail,) = _wait_for(lambda: _messages_to(stack.maildir, "campaign-e2e@example.jp"))
    body = mail.get_content()
    assert "通知 一郎 様" in body and "氏名、基礎年金番号" in body and "給与額" not in body

    batch = _wait_for(
        lambda: [
            b
            for b in notify.get(f"/api/v1/campaigns/{campaign_id}/letter-batches").json()
            if b["status"] != "rendering"
        ],
        timeout=120,
    )[0]
    assert batch["status"] == "ready", batch
    download = render.get(f"/api/v1/renders/{batch['render_id']}/download")
    assert download.status_code == 307
    pdf = httpx.get(download.headers["location"]).content
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    compact = "".join(text.decode().split())
    assert "郵送花子様" in compact and "氏名、給与額" in compact
    assert "基礎年金番号" not in compact and "通知一郎" not in compact

    today = datetime.now(TOKYO).date().isoformat()
    posted = notify.post(
        f"/api/v1/campaigns/{campaign_id}/letter-batches/{batch['id']}/posted", json={"posted_on": today}
    )
    assert posted.status_code == 200, posted.text
    counts = notify.get(f"/api/v1/campaigns/{campaign_id}/delivery").json()
    assert (counts["notified"], counts["outstanding"]) == (2, 0), counts
    proof = notify.get(f"/api/v1/campaigns/{campaign_id}/proof.csv")
    rows = list(csv.reader(io.StringIO(proof.content.decode("utf-8-sig"))))
    assert sorted((row[1], row[2], row[4]) for row in rows[1:]) == [
        ("通知 一郎", "電子メール", "送信済み"),
        ("郵送 花子", "郵送", "送信済み"),
    ]
