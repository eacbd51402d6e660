"""Recipient lists uploaded to a campaign: stored in batches with their progress, invalid lines reported and left
out, Shift_JIS as well as UTF-8, nothing of a failed or cut-off import kept, and only staff may upload."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bengodan_common.db import utcnow
from notify.campaigns import imports
from notify.campaigns.models import Recipient, RecipientImport, RecipientImportError

from .test_router import STAFF, VIEWER, campaign_body

HEADER = "氏名,メールアドレス,郵便番号,住所,項目\r\n"
GOOD = [
    "山田 太郎,taro@example.jp,,,氏名|基礎年金番号\r\n",
    "佐藤 花子,,5300001,大阪府大阪市北区梅田1-1-1,name、salary\r\n",
]
BAD = [
    "鈴木 一郎,not-an-address,,,氏名\r\n",  # line 4: bad e-mail
    ",,,,口座番号\r\n",  # line 5: no name, no way to reach, unknown item
]


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


@pytest.fixture
def campaign(client: TestClient, as_staff: dict[str, str]) -> dict[str, Any]:
    response = client.post("/api/v1/campaigns", json=campaign_body(), headers=as_staff)
    assert response.status_code == 201
    created: dict[str, Any] = response.json()
    return created


def upload(
    client: TestClient, headers: dict[str, str], campaign_id: int, content: bytes, **form: str
) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/campaigns/{campaign_id}/imports",
        files={"file": ("recipients.csv", content, "text/csv")},
        data=form,
        headers=headers,
    )
    assert response.status_code == 202, response.text
    # TestClient runs the background read before it returns; the import is finished.
    finished = client.get(f"/api/v1/campaigns/{campaign_id}/imports/{response.json()['id']}", headers=headers)
    result: dict[str, Any] = finished.json()
    return result


def recipients_of(client: TestClient, headers: dict[str, str], campaign_id: int) -> list[dict[str, Any]]:
    page = client.get(f"/api/v1/campaigns/{campaign_id}/recipients", params={"limit": 500}, headers=headers).json()
    items: list[dict[str, Any]] = page["items"]
    assert page["total"] == len(items)
    return items


def stored(engine: Engine, model: Any) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_list_is_stored_with_each_person_s_items_and_its_bad_lines_reported(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any]
) -> None:
    content = (HEADER + "".join(GOOD + BAD)).encode()
    done = upload(client, as_staff, campaign["id"], content)
    assert done["status"] == "succeeded", done
    assert (done["rows_valid"], done["rows_invalid"]) == (2, 2)
    assert done["bytes_read"] == done["bytes_total"] == len(content)
    assert done["error"] is None and done["finished_at"] is not None

    people = recipients_of(client, as_staff, campaign["id"])
    assert [(p["line"], p["name"], p["item_keys"]) for p in people] == [
        (2, "山田 太郎", ["name", "pension_no"]),
        (3, "佐藤 花子", ["name", "salary"]),
    ]
    assert people[1]["postal_code"] == "530-0001" and people[1]["email"] is None

    report = client.get(f"/api/v1/campaigns/{campaign['id']}/imports/{done['id']}/errors.csv", headers=as_staff)
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/csv")
    assert report.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    assert rows[0] == ["行", "列", "内容"]
    assert {row[0] for row in rows[1:]} == {"4", "5"}
    assert any(row[0] == "4" and row[1] == "メールアドレス" for row in rows[1:])
    assert any(row[0] == "5" and "口座番号" in row[2] for row in rows[1:])


def test_a_shift_jis_list_reads_the_same(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any]
) -> None:
    done = upload(client, as_staff, campaign["id"], (HEADER + "".join(GOOD)).encode("cp932"))
    assert (done["status"], done["rows_valid"]) == ("succeeded", 2)
    assert [p["name"] for p in recipients_of(client, as_staff, campaign["id"])] == ["山田 太郎", "佐藤 花子"]


def test_a_file_that_cannot_be_read_fails_with_its_reason_and_keeps_nothing(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine
) -> None:
    done = upload(client, as_staff, campaign["id"], "名前,電話\r\n山田,06\r\n".encode())
    assert done["status"] == "failed" and "氏名" in done["error"]
    assert recipients_of(client, as_staff, campaign["id"]) == []
    assert stored(engine, Recipient) == stored(engine, RecipientImportError) == 0


def test_a_failure_midway_leaves_none_of_the_import_s_rows(
    client: TestClient,
    as_staff: dict[str, str],
    campaign: dict[str, Any],
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "BATCH_ROWS", 2)
    store = imports._store
    calls = []

    def store_then_fail(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        store(*args, **kwargs)

    monkeypatch.setattr(imports, "_store", store_then_fail)
    many = HEADER + "".join(f"人 {n},p{n}@example.jp,,,氏名\r\n" for n in range(10))
    done = upload(client, as_staff, campaign["id"], many.encode())
    assert done["status"] == "failed" and done["error"] == imports.FAILED
    assert len(calls) == 3  # two batches were stored before the failure, and are gone
    assert stored(engine, Recipient) == 0


def test_an_import_cut_off_by_a_stop_is_failed_and_emptied_at_the_next_start(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine
) -> None:
    done = upload(client, as_staff, campaign["id"], (HEADER + "".join(GOOD)).encode())
    with Session(engine) as session:  # as if the process had stopped in the middle of this import
        session.execute(
            update(RecipientImport)
            .where(col(RecipientImport.id) == done["id"])
            .values(status="running", updated_at=utcnow() - imports.STALLED_AFTER - timedelta(seconds=1))
        )
        session.commit()
    assert recipients_of(client, as_staff, campaign["id"]) == []  # a running import's rows do not count yet
    assert imports.fail_stalled(engine) == 1
    assert stored(engine, Recipient) == 0
    again = client.get(f"/api/v1/campaigns/{campaign['id']}/imports/{done['id']}", headers=as_staff).json()
    assert (again["status"], again["error"]) == ("failed", imports.CUT_OFF)


def test_uploads_need_notify_write_and_an_existing_campaign(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any], engine: Engine, token: Callable[..., str]
) -> None:
    viewer = {"Authorization": f"Bearer {token(VIEWER, kind='user')}"}
    files = {"file": ("r.csv", (HEADER + GOOD[0]).encode(), "text/csv")}
    refused = client.post(f"/api/v1/campaigns/{campaign['id']}/imports", files=files, headers=viewer)
    assert refused.status_code == 403
    assert client.post(f"/api/v1/campaigns/{campaign['id']}/imports", files=files).status_code == 401
    missing = client.post("/api/v1/campaigns/999/imports", files=files, headers=as_staff)
    assert missing.status_code == 404
    bad_encoding = client.post(
        f"/api/v1/campaigns/{campaign['id']}/imports", files=files, data={"encoding": "latin-1"}, headers=as_staff
    )
    assert bad_encoding.status_code == 422 and bad_encoding.json()["errors"][0]["field"] == "encoding"
    assert stored(engine, RecipientImport) == 0
    assert client.get(f"/api/v1/campaigns/{campaign['id']}/recipients", headers=viewer).status_code == 200
    assert client.get(f"/api/v1/campaigns/{campaign['id']}/imports/1", headers=viewer).status_code == 404


def test_a_file_past_the_size_limit_is_refused_and_nothing_kept(
    client: TestClient,
    as_staff: dict[str, str],
    campaign: dict[str, Any],
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 100)
    files = {"file": ("r.csv", (HEADER + "".join(GOOD * 5)).encode(), "text/csv")}
    response = client.post(f"/api/v1/campaigns/{campaign['id']}/imports", files=files, headers=as_staff)
    assert response.status_code == 422
    assert response.json()["errors"][0] == {"field": "file", "reason": "the file is larger than 0 MB"}
    assert stored(engine, RecipientImport) == 0


def test_a_person_listed_twice_is_reported_not_notified_twice(
    client: TestClient, as_staff: dict[str, str], campaign: dict[str, Any]
) -> None:
    first = upload(
        client,
        as_staff,
        campaign["id"],
        (
            HEADER
            + "山田 太郎,taro@example.jp,,,氏名\r\n"
            + "山田　太郎,TARO@example.jp,,,基礎年金番号\r\n"  # the same person: a full-width space, upper case
            + "山田 太郎,other@example.jp,,,氏名\r\n"  # a namesake with another address: someone else
            + "佐藤 花子,,5300001,大阪府大阪市北区梅田1-1-1,氏名\r\n"
            + "佐藤 花子,,5300001,大阪府大阪市北区梅田１－１－１,給与額\r\n"  # the same address, full-width digits
        ).encode(),
    )
    assert (first["rows_valid"], first["rows_invalid"]) == (3, 2)
    errors = client.get(
        f"/api/v1/campaigns/{campaign['id']}/imports/{first['id']}/errors.csv", headers=as_staff
    ).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(errors)))[1:] == [
        ["3", "", "2行目と同じ人です。項目を1行にまとめてください。"],
        ["6", "", "5行目と同じ人です。項目を1行にまとめてください。"],
    ]

    # A later list that names someone already imported: left out too, saying where they already are.
    second = upload(
        client,
        as_staff,
        campaign["id"],
        (HEADER + "鈴木 一郎,ichiro@example.jp,,,氏名\r\n" + "山田 太郎,taro@example.jp,,,給与額\r\n").encode(),
    )
    assert (second["rows_valid"], second["rows_invalid"]) == (1, 1)
    errors = client.get(
        f"/api/v1/campaigns/{campaign['id']}/imports/{second['id']}/errors.csv", headers=as_staff
    ).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(errors)))[1:] == [
        ["3", "", f"取込み{first['id']}の2行目と同じ人です。項目を1行にまとめてください。"]
    ]
    assert len(recipients_of(client, as_staff, campaign["id"])) == 4
