"""Filing settings of a case: empty until stored, replaced whole by PUT (counsel in signing order), ETag and
If-Match as on the case, validation named per field, the audit trail, and the scopes."""

from __future__ import annotations

from typing import Any

from builders import auth, make_case
from sqlmodel import Session, col, select

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.filings.models import CaseCounsel, CaseFilingSettings

BODY: dict[str, Any] = {
    "office": {
        "name": "みなと総合法律事務所",
        "postal_code": "100-0013",
        "address": "東京都千代田区霞が関一丁目1番1号 霞が関ビル4階",
        "phone": "03-0000-0000",
        "fax": "03-0000-0001",
    },
    "counsel": [{"name": "甲野 太郎", "title": "弁護士"}, {"name": "乙山 花子", "title": "弁護士"}],
    "texts": {
        "complaint_cause": "1 当事者\n原告ら（{plaintiff_count}名）は、…\n7 結語\n合計{total}を支払え。",
        "related_facts": "1 民事調停申立てに至る経緯\n原告らは民事調停を申し立てた。",
        "mediation_dispute": "申立人らは、相手方{defendant_name}に対し…",
        "mediation_resolution_items": ["免責規定の改定", "サービスレベルの合意"],
    },
}


def _lawyer(app_state, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {**auth(app_state, Role.lawyer), **extra}


def _url(case_id: int | None) -> str:
    return f"/api/v1/cases/{case_id}/filing-settings"


def _counsel(session: Session, case_id: int | None) -> list[tuple[int, str, str]]:
    session.expire_all()
    rows = session.exec(select(CaseCounsel).where(CaseCounsel.case_id == case_id).order_by(col(CaseCounsel.position)))
    return [(c.position, c.name, c.title) for c in rows]


def _audit(session: Session) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action == "case.filing_settings.update").order_by(col(AuditEntry.id))
    return list(session.exec(query))


def test_before_anything_is_stored_the_settings_are_empty_not_missing(client, session, app_state):
    case = make_case(session)
    response = client.get(_url(case.id), headers=auth(app_state, Role.viewer))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "case_id": case.id,
        "office": {"name": "", "postal_code": "", "address": "", "phone": "", "fax": ""},
        "counsel": [],
        "texts": {
            "complaint_cause": "",
            "related_facts": "",
            "mediation_dispute": "",
            "mediation_resolution_items": [],
        },
        "updated_at": None,
    }
    assert response.headers["etag"].startswith('"')
    assert client.get(_url(999999), headers=auth(app_state, Role.viewer)).status_code == 404
    assert session.exec(select(CaseFilingSettings)).first() is None


def test_put_stores_everything_verbatim_and_get_returns_it_with_the_same_etag(client, session, app_state):
    case = make_case(session)
    saved = client.put(_url(case.id), json=BODY, headers=_lawyer(app_state))
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert {k: body[k] for k in ("office", "counsel", "texts")} == BODY
    assert body["case_id"] == case.id and body["updated_at"] is not None
    read = client.get(_url(case.id), headers=auth(app_state, Role.viewer))
    assert read.json() == body
    assert read.headers["etag"] == saved.headers["etag"]
    # placeholders stay for docs-render to fill
    assert "{plaintiff_count}" in read.json()["texts"]["complaint_cause"]
    assert _counsel(session, case.id) == [(0, "甲野 太郎", "弁護士"), (1, "乙山 花子", "弁護士")]


def test_the_counsel_list_is_replaced_in_the_new_signing_order(client, session, app_state):
    case = make_case(session)
    client.put(_url(case.id), json=BODY, headers=_lawyer(app_state))
    reordered = BODY | {"counsel": [{"name": "丙川 次郎"}, {"name": "甲野 太郎", "title": "弁護士（主任）"}]}
    saved = client.put(_url(case.id), json=reordered, headers=_lawyer(app_state))
    assert saved.status_code == 200, saved.text
    assert saved.json()["counsel"] == [
        {"name": "丙川 次郎", "title": "弁護士"},  # the title defaults to 弁護士
        {"name": "甲野 太郎", "title": "弁護士（主任）"},
    ]
    assert _counsel(session, case.id) == [(0, "丙川 次郎", "弁護士"), (1, "甲野 太郎", "弁護士（主任）")]
    cleared = client.put(_url(case.id), json=BODY | {"counsel": []}, headers=_lawyer(app_state))
    assert cleared.json()["counsel"] == [] and _counsel(session, case.id) == []
    assert len(session.exec(select(CaseFilingSettings)).all()) == 1


def test_a_stale_if_match_is_412_and_changes_nothing(client, session, app_state):
    case = make_case(session)
    empty_etag = client.get(_url(case.id), headers=_lawyer(app_state)).headers["etag"]
    first = client.put(_url(case.id), json=BODY, headers=_lawyer(app_state, **{"If-Match": empty_etag}))
    assert first.status_code == 200, first.text
    assert first.headers["etag"] != empty_etag

    changed = BODY | {"counsel": [{"name": "丁村 四郎"}]}
    stale = client.put(_url(case.id), json=changed, headers=_lawyer(app_state, **{"If-Match": empty_etag}))
    assert stale.status_code == 412
    assert stale.headers["content-type"].startswith("application/problem+json")
    assert stale.json()["current_etag"] == first.headers["etag"]
    assert _counsel(session, case.id) == [(0, "甲野 太郎", "弁護士"), (1, "乙山 花子", "弁護士")]
    assert len(_audit(session)) == 1

    again = client.put(_url(case.id), json=changed, headers=_lawyer(app_state, **{"If-Match": first.headers["etag"]}))
    assert again.status_code == 200 and again.json()["counsel"] == [{"name": "丁村 四郎", "title": "弁護士"}]


def test_every_write_is_audited_with_the_fields_that_changed(client, session, app_state):
    case = make_case(session)
    client.put(_url(case.id), json=BODY, headers=_lawyer(app_state))
    office = BODY["office"] | {"phone": "03-1111-2222"}
    texts = BODY["texts"] | {"mediation_resolution_items": ["サービスレベルの合意"]}
    client.put(_url(case.id), json=BODY | {"office": office, "texts": texts}, headers=_lawyer(app_state))
    first, second = _audit(session)
    assert first.entity == "case" and first.entity_id == str(case.id)
    assert "counsel" in first.detail["fields"] and "texts.complaint_cause" in first.detail["fields"]
    assert second.detail == {"fields": ["office.phone", "texts.mediation_resolution_items"]}


def test_bad_input_is_422_naming_the_field_and_changes_nothing(client, session, app_state):
    case = make_case(session)
    office, texts = BODY["office"], BODY["texts"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"office": office | {"postal_code": "100-001"}}, "office.postal_code"),
        ({"office": office | {"phone": "03-0000-000a"}}, "office.phone"),
        ({"office": office | {"fax": "12345"}}, "office.fax"),
        ({"counsel": [{"name": ""}]}, "counsel.0.name"),
        ({"counsel": [{"name": "甲" * 101}]}, "counsel.0.name"),
        ({"counsel": [{"name": f"弁護士{i}"} for i in range(21)]}, "counsel"),
        ({"texts": texts | {"related_facts": "あ" * 20_001}}, "texts.related_facts"),
        ({"texts": texts | {"mediation_resolution_items": ["x"] * 21}}, "texts.mediation_resolution_items"),
        ({"texts": texts | {"mediation_resolution_items": ["あ" * 501]}}, "texts.mediation_resolution_items.0"),
    ]
    for change, field in cases:
        response = client.put(_url(case.id), json=BODY | change, headers=_lawyer(app_state))
        assert response.status_code == 422, (field, response.text)
        assert field in {e["field"] for e in response.json()["errors"]}, (field, response.json()["errors"])
    for missing in ("office", "counsel", "texts"):
        body = {k: v for k, v in BODY.items() if k != missing}
        response = client.put(_url(case.id), json=body, headers=_lawyer(app_state))
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == missing
    assert session.exec(select(CaseFilingSettings)).first() is None
    assert _counsel(session, case.id) == []
    # empty contact fields and the limits themselves are accepted
    edge = BODY | {
        "office": {"name": "", "postal_code": "", "address": "", "phone": "", "fax": ""},
        "counsel": [{"name": f"弁護士{i}"} for i in range(20)],
        "texts": texts | {"complaint_cause": "あ" * 20_000, "mediation_resolution_items": ["あ" * 500] * 20},
    }
    assert client.put(_url(case.id), json=edge, headers=_lawyer(app_state)).status_code == 200
    assert client.put(_url(999999), json=BODY, headers=_lawyer(app_state)).status_code == 404


def test_reading_needs_cases_read_and_writing_cases_write(client, session, app_state):
    case = make_case(session)
    url = _url(case.id)
    assert client.get(url).status_code == 401
    assert client.get(url, headers=auth(app_state, scopes="claims:read")).status_code == 403
    assert client.get(url, headers=auth(app_state, scopes="cases:read")).status_code == 200
    assert client.put(url, json=BODY).status_code == 401
    for role in (Role.viewer, Role.staff):  # staff may change claims, not the case
        assert client.put(url, json=BODY, headers=auth(app_state, role)).status_code == 403
    assert client.put(url, json=BODY, headers=auth(app_state, scopes="cases:read claims:write")).status_code == 403
    assert session.exec(select(CaseFilingSettings)).first() is None
    assert client.put(url, json=BODY, headers=auth(app_state, scopes="cases:write")).status_code == 200
