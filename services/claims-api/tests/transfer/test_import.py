from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from builders import auth, make_case, make_claimant
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlmodel import col, func, select
from transfer.files import FULL_ROW, FULL_ROW_AMOUNTS, HEADERS, NEW_CHOICE_HEADERS, csv_bytes, row, xlsx_bytes

from claims_api.audit.models import AuditEntry
from claims_api.auth.roles import Role
from claims_api.claimants.models import Claimant, ClaimantDuplicateFlag, ClaimantStageChange
from claims_api.damages.models import DamageItem

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def post(client, app_state, case_id, content, *, name="原告一覧.csv", role=Role.staff, headers=None, **params):
    return client.post(
        f"/api/v1/cases/{case_id}/claimant-imports",
        params=params,
        files={"file": (name, content, XLSX if name.endswith(".xlsx") else CSV)},
        headers=auth(app_state, role) | (headers or {}),
    )


def count(session, model, *where) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def items_of(session, claimant_id: int) -> dict[str, DamageItem]:
    session.expire_all()
    return {i.head: i for i in session.exec(select(DamageItem).where(DamageItem.claimant_id == claimant_id)).all()}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_a_csv_as_excel_saves_it_imports_the_claimant_and_every_head(client, session, app_state, encoding):
    case = make_case(session)
    response = post(client, app_state, case.id, csv_bytes([FULL_ROW], encoding))
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["encoding"] == encoding and report["format"] == "csv"
    assert (report["rows_read"], report["rows_imported"], report["items_imported"]) == (1, 1, 6)
    assert report["errors"] == [] and report["imported"][0]["row"] == 2
    claimant = session.get(Claimant, report["imported"][0]["claimant_id"])
    assert claimant is not None
    assert (claimant.name, claimant.office_name, claimant.address) == (
        "髙橋 花子",
        "髙橋社会保険労務士事務所",
        "大阪府大阪市北区梅田一丁目１番１号",
    )
    assert (claimant.kind, claimant.contract_type, claimant.insurance_plan) == (
        "sr_individual",
        "netde_shaloom",
        "full",
    )
    assert claimant.service_usable_on == date(2023, 7, 4) and claimant.insured and claimant.reminder_consent
    items = items_of(session, claimant.id)
    assert {head: item.amount for head, item in items.items()} == FULL_ROW_AMOUNTS
    staff = items["staff_cost"]
    assert staff.declared_amount == 130_000 and staff.facts == "給与計算を手作業で行った。\n深夜まで残業した。"
    assert "従業員A: 40.5時間 × 時給1,500円 × 割増率1.25 = 75,937円" in staff.formula
    assert items["onprem_cost"].inputs["lines"][0]["issuer"] == "株式会社テストクラウド"  # the defendant
    assert items["fee_difference"].inputs["unbilled_months"] == ["2023-06"]
    assert [line["task"] for line in staff.inputs["lines"]] == ["incident_response", "incident_response"]
    assert items["other_loss"].inputs["lines"][0]["category"] == "apology"


def test_the_same_amounts_as_the_damage_api_computes(client, session, app_state):
    case = make_case(session)
    imported = post(client, app_state, case.id, csv_bytes([FULL_ROW])).json()["imported"][0]["claimant_id"]
    other = make_claimant(session, case, service_usable_on=date(2023, 7, 4))
    created = client.post(
        f"/api/v1/claimants/{other.id}/damage-items",
        json={
            "head": "staff_cost",
            "inputs": {
                "lines": [
                    {
                        "kind": "overtime",
                        "person": "従業員A",
                        "date_from": "2023-06-05",
                        "date_to": "2023-07-31",
                        "hours": "40.5",
                        "hourly_rate": 1500,
                    },
                    {"kind": "outsourcing", "vendor": "株式会社代行", "invoiced_on": "2023-07-31", "amount": 50000},
                ]
            },
        },
        headers=auth(app_state, Role.staff),
    )
    assert created.status_code == 201, created.text
    by_import = items_of(session, imported)["staff_cost"]
    assert (by_import.amount, by_import.formula) == (created.json()["amount"], created.json()["formula"])


def test_an_xlsx_with_real_dates_numbers_and_headers_in_any_order(client, session, app_state):
    case = make_case(session)
    headers = [
        "氏名・名称",
        "種別",
        "社労士登録番号",
        "利用可能になった日",
        "利用料差額（月額利用料）",
        "人件費（時間数）",
    ]
    headers += ["人件費（時給）", "人件費（期間開始日）", "人件費（期間終了日）", "電話番号"]
    data = {
        "氏名・名称": "北海 道子",
        "種別": "社労士法人",
        "社労士登録番号": 1234567,  # Excel dropped the leading zero of 01234567
        "利用可能になった日": datetime(2023, 8, 1),
        "利用料差額（月額利用料）": 31000,
        "人件費（時間数）": 10.5,
        "人件費（時給）": 2000,
        "人件費（期間開始日）": date(2023, 6, 5),
        "人件費（期間終了日）": date(2023, 6, 30),
        "電話番号": "011-123-4567",
    }
    response = post(client, app_state, case.id, xlsx_bytes([data], headers), name="原告.xlsx")
    assert response.status_code == 201, response.text
    assert response.json()["format"] == "xlsx" and response.json()["encoding"] is None
    claimant = session.get(Claimant, response.json()["imported"][0]["claimant_id"])
    assert claimant is not None
    assert (claimant.kind, claimant.registration_no, claimant.service_usable_on) == (
        "sr_corporation",
        "01234567",
        date(2023, 8, 1),
    )
    items = items_of(session, claimant.id)
    assert items["staff_cost"].amount == 26_250  # 10.5 × 2,000 × 1.25
    assert items["fee_difference"].amount == 31_000  # July in full; June not billed


def test_bad_rows_are_reported_by_row_column_and_reason_and_nothing_is_stored(client, session, app_state):
    case = make_case(session)
    rows = [
        row(1),
        row(2, 種別="社労士さん"),
        row(3, 利用可能になった日="2023/13/40"),
        row(4, **{"人件費（時間数）": "10", "人件費（時給）": "10000000", "人件費（期間開始日）": "2023/6/5"})
        | {"人件費（期間終了日）": "2023/6/10"},
        row(5, **{"オンプレ版費用（金額）": "5000", "オンプレ版費用（請求日）": "2023/5/1"}),
        row(6, **{"その他実損（申告額）": "30000"}),  # an office figure without anything to compute it from
    ]
    response = post(client, app_state, case.id, csv_bytes(rows))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "import-invalid"
    errors = {(e["row"], e["column"]): e["reason"] for e in problem["report"]["errors"]}
    assert set(errors) == {
        (3, "種別"),
        (4, "利用可能になった日"),
        (5, "人件費（時給）"),
        (6, "オンプレ版費用（請求日）"),
        (7, "その他実損（申告額）"),
    }
    assert "社労士（個人）" in errors[(3, "種別")] and "社労士法人" in errors[(3, "種別")]
    assert "not a real date" in errors[(4, "利用可能になった日")]
    assert "50000" in errors[(5, "人件費（時給）")]
    assert "before the incident" in errors[(6, "オンプレ版費用（請求日）")]
    assert "その他実損（金額）" in errors[(7, "その他実損（申告額）")]
    assert {e["field"] for e in problem["errors"]} == {
        "row 3: 種別",
        "row 4: 利用可能になった日",
        "row 5: 人件費（時給）",
        "row 6: オンプレ版費用（請求日）",
        "row 7: その他実損（申告額）",
    }
    assert problem["report"]["rows_valid"] == 1 and problem["report"]["rows_imported"] == 0
    assert count(session, Claimant) == 0 and count(session, DamageItem) == 0
    assert count(session, AuditEntry, AuditEntry.action == "claimant.import") == 0


def test_valid_only_imports_the_good_rows_and_reports_the_bad(client, session, app_state):
    case = make_case(session)
    rows = [row(1), row(2, メールアドレス="not-an-address"), row(3, **{"人件費（時給）": "1500"}), row(4)]
    response = post(client, app_state, case.id, csv_bytes(rows), mode="valid_only")
    assert response.status_code == 201, response.text
    report = response.json()
    assert [r["row"] for r in report["imported"]] == [2, 5]
    names = [session.get(Claimant, r["claimant_id"]).name for r in report["imported"]]
    assert names == ["試験 太郎1", "試験 太郎4"]  # each id is its own row's claimant
    assert {(e["row"], e["column"]) for e in report["errors"]} == {
        (3, "メールアドレス"),
        (4, "人件費（時間数）"),
        (4, "人件費（期間開始日）"),
        (4, "人件費（期間終了日）"),
    }
    assert count(session, Claimant, Claimant.case_id == case.id) == 2
    assert count(session, DamageItem) == 2  # reputation of each imported row


def test_a_dry_run_reports_and_stores_nothing(client, session, app_state):
    case = make_case(session)
    response = post(client, app_state, case.id, csv_bytes([row(1), row(2, 種別="")]), dry_run="true")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["dry_run"] and report["rows_valid"] == 1 and report["imported"] == []
    assert report["errors"] == [{"row": 3, "column": "種別", "reason": "required"}]
    assert count(session, Claimant) == 0


def test_duplicates_are_flagged_within_the_file_and_against_existing_claimants(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(
        session,
        case,
        name="大阪 一郎",
        address="大阪府大阪市北区1-1",
        email="shared@example.jp",
        registration_no="27999999",
    )
    rows = [
        row(1, メールアドレス="SHARED@example.jp"),  # the e-mail of the existing claimant
        row(2, **{"氏名・名称": "大阪　一郎", "住所": "大阪府大阪市北区１－１", "メールアドレス": "other@example.jp"}),
        row(3, メールアドレス="same@example.jp"),
        row(4, メールアドレス="same@example.jp"),  # the e-mail of row 4 (file row numbers)
    ]
    response = post(client, app_state, case.id, csv_bytes(rows))
    assert response.status_code == 201, response.text
    report = response.json()
    ids = {r["row"]: r["claimant_id"] for r in report["imported"]}
    found = {(d["row"], d["other_row"], d["other_claimant_id"], tuple(d["reasons"])) for d in report["duplicates"]}
    assert found == {
        (2, None, existing.id, ("email",)),
        (3, None, existing.id, ("name_address",)),
        (5, 4, None, ("email",)),
    }
    assert all(d["claimant_id"] == ids[d["row"]] for d in report["duplicates"])
    flags = {(f.claimant_id, f.other_id, f.reasons) for f in session.exec(select(ClaimantDuplicateFlag)).all()}
    assert flags == {(ids[2], existing.id, "email"), (ids[3], existing.id, "name_address"), (ids[5], ids[4], "email")}
    read = client.get(f"/api/v1/claimants/{ids[5]}", headers=auth(app_state, Role.viewer)).json()
    assert read["duplicates"] == [{"claimant_id": ids[4], "reasons": ["email"]}]


def test_the_same_registration_number_is_not_imported_twice(client, session, app_state):
    case = make_case(session)
    existing = make_claimant(session, case, registration_no="27000001")
    rows = [row(1), row(2), row(3, 社労士登録番号="27000002")]  # row 2 is existing's; row 4 repeats row 3
    response = post(client, app_state, case.id, csv_bytes(rows), mode="valid_only")
    assert response.status_code == 201, response.text
    report = response.json()
    assert [r["row"] for r in report["imported"]] == [3]
    reasons = {e["row"]: e["reason"] for e in report["errors"] if e["column"] == "社労士登録番号"}
    assert f"claimant {existing.id}" in reasons[2] and "row 3" in reasons[4]
    # importing the same file again takes nothing twice
    again = post(client, app_state, case.id, csv_bytes(rows), mode="valid_only").json()
    assert again["rows_imported"] == 0 and count(session, Claimant, Claimant.case_id == case.id) == 2


def test_unknown_and_missing_columns_are_named(client, session, app_state):
    case = make_case(session)
    headers = ["氏名・名称", "ファックス", "人件費（時給）", "人件費(時給)"]
    response = post(client, app_state, case.id, csv_bytes([{"氏名・名称": "x"}], headers=headers))
    assert response.status_code == 422, response.text
    fields = {e["field"]: e["reason"] for e in response.json()["errors"]}
    assert set(fields) == {"row 1: ファックス", "row 1: 人件費（時給）", "row 1: 種別"}
    assert "unknown column" in fields["row 1: ファックス"] and "column B" in fields["row 1: ファックス"]
    assert "twice" in fields["row 1: 人件費（時給）"] and fields["row 1: 種別"] == "required column is missing"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Excel 97-2003"),
        ("種別,氏名・名称\r\n".encode("utf-16"), "UTF-16"),
        (b"\x8e\xed\x95\xca\x81\x20", "neither UTF-8 nor Shift_JIS"),
        (b"PK\x03\x04broken", "not a readable XLSX"),
        (b"", "empty"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(client, session, app_state, content, reason):
    case = make_case(session)
    response = post(client, app_state, case.id, content)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == "file" and reason in error["reason"]


def test_too_many_rows_are_refused(client, session, app_state, monkeypatch):
    from claims_api.transfer import readers

    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    case = make_case(session)
    response = post(client, app_state, case.id, csv_bytes([row(n) for n in range(1, 5)]))
    assert response.status_code == 422
    assert "more than 3 claimant rows" in response.json()["errors"][0]["reason"]


def test_the_template_imports_as_an_empty_file(client, session, app_state):
    case = make_case(session)
    for fmt in ("csv", "xlsx"):
        template = client.get(
            "/api/v1/claimant-imports/template", params={"format": fmt}, headers=auth(app_state, Role.viewer)
        )
        assert template.status_code == 200
        response = post(client, app_state, case.id, template.content, name=f"template.{fmt}")
        assert response.status_code == 201, response.text
        assert response.json()["rows_read"] == 0


def test_one_audit_event_and_a_stage_history_entry_trace_the_import(client, session, app_state):
    case = make_case(session)
    report = post(client, app_state, case.id, csv_bytes([row(1), row(2)])).json()
    ids = [r["claimant_id"] for r in report["imported"]]
    [event] = session.exec(select(AuditEntry).where(AuditEntry.action == "claimant.import")).all()
    assert event.entity == "case" and event.entity_id == str(case.id)
    assert event.detail["claimant_ids"] == ids and event.detail["file_sha256"] == report["sha256"]
    assert event.detail["items_imported"] == 2
    changes = session.exec(select(ClaimantStageChange).where(col(ClaimantStageChange.claimant_id).in_(ids))).all()
    assert len(changes) == 2 and all(report["sha256"][:12] in (c.note or "") for c in changes)


def test_a_viewer_cannot_import_and_without_a_token_it_is_401(client, session, app_state):
    case = make_case(session)
    assert post(client, app_state, case.id, csv_bytes([row(1)]), role=Role.viewer).status_code == 403
    anonymous = client.post(
        f"/api/v1/cases/{case.id}/claimant-imports", files={"file": ("a.csv", csv_bytes([row(1)]), CSV)}
    )
    assert anonymous.status_code == 401
    assert count(session, Claimant) == 0


def test_an_import_is_idempotent_with_a_key(client, session, app_state):
    case = make_case(session)
    content = csv_bytes([row(1), row(2)])
    first = post(client, app_state, case.id, content, headers={"Idempotency-Key": "import-1"})
    again = post(client, app_state, case.id, content, headers={"Idempotency-Key": "import-1"})
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert count(session, Claimant, Claimant.case_id == case.id) == 2
    other = post(client, app_state, case.id, csv_bytes([row(3)]), headers={"Idempotency-Key": "import-1"})
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_an_unknown_case_is_404(client, app_state):
    assert post(client, app_state, 999, csv_bytes([row(1)])).status_code == 404


def test_the_template_headers_are_the_import_columns(client, app_state):
    response = client.get("/api/v1/claimant-imports/template", params={"format": "csv"}, headers=auth(app_state))
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").splitlines()[0].split(",") == HEADERS
    xlsx = client.get("/api/v1/claimant-imports/template", params={"format": "xlsx"}, headers=auth(app_state))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["原告一覧", "記入要領"]
    sheet, notes = workbook["原告一覧"], workbook["記入要領"]
    assert [c.value for c in sheet[1]] == HEADERS and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 22  # 氏名・名称
    kinds = next(v for v in sheet.data_validations.dataValidation if "B2" in str(v.sqref))
    assert "社労士法人" in kinds.formula1
    described = {line[0].value: line[2].value for line in notes.iter_rows(min_row=2) if line[0].value}
    assert set(HEADERS) <= set(described) and "社労士（個人）" in described["種別"]
    assert xlsx.headers["content-disposition"].endswith(".xlsx")
    assert "%E5%8E%9F%E5%91%8A" in xlsx.headers["content-disposition"]  # 原告 in filename*


def test_claimant_rules_and_head_rules_name_their_columns(client, session, app_state):
    case = make_case(session)
    rows = [
        row(1, サイバー保険加入="加入"),  # no plan
        row(2, 利用可能になった日="令和5年5月1日"),  # before the incident
        row(3, **{"利用料差額（月額利用料）": "22000"}),  # no 利用可能になった日 to compute from
        row(4, **{"信用毀損（請求する）": "いいえ", "信用毀損（事実）": "顧問先から苦情"}),
        row(5, **{"信用毀損（請求する）": "いいえ"}),  # no reputation item, no error
    ]
    report = post(client, app_state, case.id, csv_bytes(rows), dry_run="true").json()
    errors = {(e["row"], e["column"]): e["reason"] for e in report["errors"]}
    assert set(errors) == {
        (2, "保険プラン"),
        (3, "利用可能になった日"),
        (4, "利用可能になった日"),
        (5, "信用毀損（請求する）"),
    }
    assert "insured" in errors[(2, "保険プラン")] and "incident" in errors[(3, "利用可能になった日")]
    assert "usable" in errors[(4, "利用可能になった日")]
    assert report["rows_valid"] == 1


def _staff_and_other(**cells: str) -> dict[str, str]:
    """人件費 with an overtime and an outsourcing line, and one その他実損 line."""
    return {
        "人件費（時間数）": "10",
        "人件費（時給）": "1500",
        "人件費（期間開始日）": "2023/6/5",
        "人件費（期間終了日）": "2023/6/30",
        "人件費（外注先）": "株式会社代行",
        "人件費（外注費）": "50000",
        "人件費（外注請求日）": "2023/7/31",
        "その他実損（内容）": "顧問先への漏えい通知の郵送費",
        "その他実損（金額）": "8400",
    } | cells


def test_the_work_and_the_loss_category_are_read_from_their_labels(client, session, app_state):
    case = make_case(session)
    rows = [
        row(1, **_staff_and_other(**{"人件費（業務内容）": "代替業務"})) | {"その他実損(区分)": "他システムへの移行"},
        # the SPA's longer label, 漏洩 for 漏えい, half-width parentheses in the header
        row(2, **_staff_and_other(**{"人件費（業務内容）": "代替業務（手作業の給与計算など）"}))
        | {"その他実損(区分)": "漏洩通知"},
        row(3, **_staff_and_other()),  # blank: not given
    ]
    headers = [*HEADERS, "その他実損(区分)"]
    headers.remove("その他実損（区分）")
    response = post(client, app_state, case.id, xlsx_bytes(rows, headers), name="原告.xlsx")
    assert response.status_code == 201, response.text
    ids = [r["claimant_id"] for r in response.json()["imported"]]
    found = []
    for claimant_id in ids:
        items = items_of(session, claimant_id)
        tasks = [line["task"] for line in items["staff_cost"].inputs["lines"]]
        found.append((tasks, items["other_loss"].inputs["lines"][0]["category"]))
    assert found == [
        (["substitute_work", "substitute_work"], "system_migration"),
        (["substitute_work", "substitute_work"], "breach_notice"),
        ([None, None], None),
    ]
    assert items_of(session, ids[0])["staff_cost"].amount == 18_750 + 50_000  # the amount does not depend on it


def test_an_unknown_work_or_category_label_is_an_error_of_its_column(client, session, app_state):
    case = make_case(session)
    rows = [
        row(1, **_staff_and_other(**{"人件費（業務内容）": "事故", "その他実損（区分）": "お詫び状の郵送"})),
        row(2, **{"人件費（業務内容）": "事故対応", "その他実損（区分）": "お詫び状"}),  # nothing to attach them to
        row(3, **_staff_and_other(**{"人件費（業務内容）": "事故対応", "その他実損（区分）": "お詫び状"})),
    ]
    response = post(client, app_state, case.id, csv_bytes(rows))
    assert response.status_code == 422, response.text
    errors = {(e["row"], e["column"]): e["reason"] for e in response.json()["report"]["errors"]}
    assert set(errors) == {
        (2, "人件費（業務内容）"),
        (2, "その他実損（区分）"),
        (3, "人件費（業務内容）"),
        (3, "その他実損（区分）"),
    }
    assert errors[(2, "人件費（業務内容）")] == "unknown value '事故'; allowed: 事故対応, 代替業務"
    assert errors[(2, "その他実損（区分）")] == (
        "unknown value 'お詫び状の郵送'; allowed: 漏えい通知, お詫び状, コールセンター, 当局への報告, "
        "顧問先への賠償, 他システムへの移行, 解約損害, その他"
    )
    assert "人件費 has no inputs" in errors[(3, "人件費（業務内容）")]
    assert "その他実損（金額）" in errors[(3, "その他実損（区分）")]
    assert {e["field"] for e in response.json()["errors"]} >= {"row 2: 人件費（業務内容）", "row 2: その他実損（区分）"}
    assert response.json()["report"]["rows_valid"] == 1 and count(session, Claimant) == 0


def test_a_file_without_the_work_and_category_columns_imports_as_before(client, session, app_state):
    case = make_case(session)
    headers = [h for h in HEADERS if h not in NEW_CHOICE_HEADERS]
    assert len(headers) == len(HEADERS) - 2
    for encoding in ("utf-8-sig", "cp932"):
        data = {k: v for k, v in FULL_ROW.items() if k not in NEW_CHOICE_HEADERS}
        data["社労士登録番号"] = "27000001" if encoding == "cp932" else FULL_ROW["社労士登録番号"]
        response = post(client, app_state, case.id, csv_bytes([data], encoding, headers))
        assert response.status_code == 201, response.text
        items = items_of(session, response.json()["imported"][0]["claimant_id"])
        assert {head: item.amount for head, item in items.items()} == FULL_ROW_AMOUNTS
        assert [line["task"] for line in items["staff_cost"].inputs["lines"]] == [None, None]
        assert items["other_loss"].inputs["lines"][0]["category"] is None


def test_the_template_offers_the_work_and_category_labels(client, app_state):
    xlsx = client.get("/api/v1/claimant-imports/template", params={"format": "xlsx"}, headers=auth(app_state))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    sheet, notes = workbook["原告一覧"], workbook["記入要領"]
    described = {line[0].value: (line[2].value, line[3].value) for line in notes.iter_rows(min_row=2) if line[0].value}
    assert described["人件費（業務内容）"][1] == "事故対応" and "代替業務" in described["人件費（業務内容）"][0]
    assert (
        described["その他実損（区分）"][1] == "お詫び状" and "他システムへの移行" in described["その他実損（区分）"][0]
    )
    # next to their head's columns
    assert HEADERS.index("人件費（業務内容）") == HEADERS.index("人件費（外注請求日）") + 1
    assert HEADERS.index("その他実損（区分）") == HEADERS.index("その他実損（金額）") + 1
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    task = get_column_letter(HEADERS.index("人件費（業務内容）") + 1)
    category = get_column_letter(HEADERS.index("その他実損（区分）") + 1)
    assert lists[f"{task}2"] == '"事故対応,代替業務"'
    assert (
        lists[f"{category}2"]
        == '"漏えい通知,お詫び状,コールセンター,当局への報告,顧問先への賠償,他システムへの移行,解約損害,その他"'
    )
