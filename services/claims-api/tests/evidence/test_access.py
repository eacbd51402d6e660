"""Who may do what with exhibits: every role reads, staff and above write, the viewer cannot, nobody anonymous."""

from __future__ import annotations

import pytest
from builders import auth, make_case, make_claimant, make_exhibit
from sqlmodel import select

from claims_api.auth.roles import Role
from claims_api.evidence.models import Exhibit, ExhibitUpload

SHA = "a" * 64


def _writes(case_id: int, claimant_id: int, exhibit_id: int) -> list[tuple[str, str, dict[str, object]]]:
    return [
        ("POST", f"/api/v1/cases/{case_id}/exhibits", {"title": "通知書"}),
        ("PATCH", f"/api/v1/exhibits/{exhibit_id}", {"note": "備考"}),
        ("POST", f"/api/v1/exhibits/{exhibit_id}/renumber", {"number": 30, "branch": None}),
        ("POST", f"/api/v1/claimants/{claimant_id}/exhibits/renumber", {"number": 40}),
        ("POST", f"/api/v1/exhibits/{exhibit_id}/versions/uploads", {"filename": "a.pdf", "size": 3, "sha256": SHA}),
        ("POST", f"/api/v1/exhibits/{exhibit_id}/versions", {"upload_id": "0" * 32}),
    ]


def _reads(case_id: int, claimant_id: int, exhibit_id: int) -> list[str]:
    return [
        f"/api/v1/cases/{case_id}/exhibits",
        f"/api/v1/claimants/{claimant_id}/exhibits",
        f"/api/v1/exhibits/{exhibit_id}",
        f"/api/v1/exhibits/{exhibit_id}/versions",
    ]


@pytest.fixture
def records(session):  # type: ignore[no-untyped-def]
    case = make_case(session)
    claimant = make_claimant(session, case)
    exhibit = make_exhibit(session, case, number=2)
    make_exhibit(session, case, claimant, number=3, branch=1, slot=1)
    return case.id, claimant.id, exhibit.id


def test_the_viewer_reads_but_cannot_write(client, session, app_state, records):
    viewer = auth(app_state, Role.viewer)
    for url in _reads(*records):
        assert client.get(url, headers=viewer).status_code == 200, url
    for method, url, body in _writes(*records):
        response = client.request(method, url, json=body, headers=viewer)
        assert response.status_code == 403, (method, url, response.text)
    assert len(session.exec(select(Exhibit)).all()) == 2
    assert session.exec(select(ExhibitUpload)).first() is None


@pytest.mark.parametrize("role", [Role.staff, Role.lawyer, Role.admin])
def test_staff_lawyers_and_admins_write(client, session, app_state, records, role):
    headers = auth(app_state, role)
    expected = [201, 200, 200, 200, 201, 404]  # the last completes an upload that was never requested
    for (method, url, body), status in zip(_writes(*records), expected, strict=True):
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == status, (method, url, response.text)


def test_without_a_token_everything_is_401(client, records):
    for url in _reads(*records):
        response = client.get(url)
        assert response.status_code == 401 and "WWW-Authenticate" in response.headers, url
    for method, url, body in _writes(*records):
        assert client.request(method, url, json=body).status_code == 401, url


def test_a_token_without_the_write_scope_is_refused(client, app_state, records):
    case_id, _, _ = records
    headers = auth(app_state, scopes="claims:read")
    response = client.post(f"/api/v1/cases/{case_id}/exhibits", json={"title": "x"}, headers=headers)
    assert response.status_code == 403
