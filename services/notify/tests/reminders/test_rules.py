"""Reminder rules per kind of hearing: the defaults, staff's own days and hour (used for hearings set afterwards),
the way back to the default, what is refused, and who may change them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from bengodan_common.japanese import TOKYO

from ..builders import all_messages, days_ahead, hearing_event
from ..support import Driver

STAFF = "notify:read notify:write"


@pytest.fixture
def as_staff(token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(STAFF, kind='user')}"}


def rules_by_kind(client: TestClient, headers: dict[str, str]) -> dict[str, dict]:
    return {rule["hearing_kind"]: rule for rule in client.get("/api/v1/reminder-rules", headers=headers).json()}


def test_the_defaults_then_staff_s_own_rule_for_new_hearings(
    client: TestClient, as_staff: dict[str, str], auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    rules = rules_by_kind(client, as_staff)
    assert rules["mediation_session"]["days_before"] == [14, 7, 1] and rules["mediation_session"]["is_default"]
    assert (rules["deadline"]["days_before"], rules["deadline"]["hour_jst"]) == ([7, 3, 1], 9)
    assert rules["preparatory"]["label"] == "弁論準備手続期日"

    changed = client.put(
        "/api/v1/reminder-rules/mediation_session", json={"days_before": [1, 10], "hour_jst": 10}, headers=as_staff
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["days_before"] == [10, 1] and not changed.json()["is_default"]
    assert changed.json()["updated_by"] == "client:claims-api"

    starts = days_ahead(20)
    assert client.post("/api/v1/events", json=hearing_event(starts_at=starts), headers=auth).status_code == 202
    driver.process()
    reminders = [m for m in all_messages(engine) if m.kind == "hearing_reminder"]
    hearing_day = starts.astimezone(TOKYO).date()
    assert {(hearing_day - m.due_at.astimezone(TOKYO).date()).days for m in reminders} == {10, 1}
    assert {m.due_at.astimezone(TOKYO).hour for m in reminders} == {10}

    assert client.delete("/api/v1/reminder-rules/mediation_session", headers=as_staff).status_code == 204
    assert rules_by_kind(client, as_staff)["mediation_session"]["days_before"] == [14, 7, 1]
    # The reminders already made keep the rule they were made with.
    assert len([m for m in all_messages(engine) if m.kind == "hearing_reminder"]) == len(reminders)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"days_before": [7, 7], "hour_jst": 9}, "days_before"),
        ({"days_before": [91], "hour_jst": 9}, "days_before.0"),
        ({"days_before": list(range(11)), "hour_jst": 9}, "days_before"),
        ({"days_before": [7], "hour_jst": 24}, "hour_jst"),
        ({"days_before": [7], "hour_jst": 22}, "hour_jst"),  # in the quiet hours: it would go at 08:00 instead
        ({"days_before": [7]}, "hour_jst"),
    ],
)
@pytest.mark.usefixtures("quiet_hours")
def test_a_rule_that_cannot_hold_is_refused_naming_the_field(
    client: TestClient, as_staff: dict[str, str], body: dict, field: str
) -> None:
    response = client.put("/api/v1/reminder-rules/deadline", json=body, headers=as_staff)
    assert response.status_code == 422, response.text
    assert field in [error["field"] for error in response.json()["errors"]]
    assert rules_by_kind(client, as_staff)["deadline"]["is_default"]


def test_an_unknown_kind_is_refused(client: TestClient, as_staff: dict[str, str]) -> None:
    response = client.put("/api/v1/reminder-rules/party", json={"days_before": [1], "hour_jst": 9}, headers=as_staff)
    assert response.status_code == 422


def test_reading_needs_notify_read_and_changing_notify_write(client: TestClient, token: Callable[..., str]) -> None:
    body = {"days_before": [3], "hour_jst": 9}
    assert client.get("/api/v1/reminder-rules").status_code == 401
    assert client.put("/api/v1/reminder-rules/deadline", json=body).status_code == 401
    viewer = {"Authorization": f"Bearer {token('notify:read', kind='user')}"}
    assert client.get("/api/v1/reminder-rules", headers=viewer).status_code == 200
    assert client.put("/api/v1/reminder-rules/deadline", json=body, headers=viewer).status_code == 403
    assert client.delete("/api/v1/reminder-rules/deadline", headers=viewer).status_code == 403
    nobody = {"Authorization": f"Bearer {token('claims:read', kind='user')}"}
    assert client.get("/api/v1/reminder-rules", headers=nobody).status_code == 403


def test_days_before_zero_is_the_hearing_day_itself(
    client: TestClient, as_staff: dict[str, str], auth: dict[str, str], driver: Driver, engine: Engine
) -> None:
    client.put("/api/v1/reminder-rules/mediation_session", json={"days_before": [0], "hour_jst": 8}, headers=as_staff)
    starts = days_ahead(5, hour=14)
    client.post("/api/v1/events", json=hearing_event(starts_at=starts), headers=auth)
    driver.process()
    [reminder, *_] = [m for m in all_messages(engine) if m.kind == "hearing_reminder"]
    assert reminder.due_at.astimezone(TOKYO).date() == starts.astimezone(TOKYO).date()
    assert starts - reminder.due_at < timedelta(hours=7)
