from __future__ import annotations

import io
from datetime import date, datetime
from urllib.parse import unquote

from builders import add_member, auth, make_case, make_claimant, make_item, make_proceeding
from openpyxl import load_workbook
from transfer.files import FULL_ROW, FULL_ROW_AMOUNTS, csv_bytes, read_csv, read_xlsx

from claims_api.auth.roles import Role

PROFILE = [
    "番号",
    "種別",
    "氏名・名称",
    "フリガナ",
    "事務所名",
    "社労士登録番号",
    "郵便番号",
    "住所",
    "メールアドレス",
    "電話番号",
    "契約種別",
    "契約状況",
    "利用可能になった日",
    "サイバー保険加入",
    "保険プラン",
    "保険会社",
    "保険会社への情報提供同意",
    "期日案内メール同意",
]
CLAIMANT_HEADERS = [
    *PROFILE,
    "手続段階",
    "人件費",
    "オンプレ版費用",
    "利用料差額",
    "信用毀損",
    "その他実損",
    "値上げ分の不当利得",
    "契約上の損害賠償 計",
    "不当利得 計",
    "合計",
    "重複の疑い",
    "原告ID",
]
CLAIM_TABLE_HEADERS = [
    "番号",
    "原告",
    "契約に定める損害賠償請求権に基づく請求額",
    "附帯請求（損害賠償）",
    "不当利得返還請求権に基づく請求額",
    "附帯請求（不当利得）",
    "合計",
]


def _proceeding_with_three(session):
    case = make_case(session, served_on=date(2025, 8, 1))
    proceeding = make_proceeding(session, case)
    first = make_claimant(session, case, name="原告 一郎")
    make_item(session, first, "reputation", 1_000_000)
    make_item(session, first, "staff_cost", 1_698)
    make_item(session, first, "fee_increase_refund", 99_000)
    second = make_claimant(session, case, name="原告 二郎")
    make_item(session, second, "other_loss", 12_345)
    third = make_claimant(session, case, name="原告 三郎")  # no items
    for number, claimant in ((1, first), (3, second), (2, third)):
        add_member(session, proceeding, claimant, number)
    make_claimant(session, case, name="未加入 四郎")  # in the case, not in the proceeding
    return case, proceeding


def test_claim_table_export_matches_the_claim_table_endpoint(client, session, app_state):
    case, proceeding = _proceeding_with_three(session)
    params = {"proceeding_id": proceeding.id}
    table = client.get(f"/api/v1/cases/{case.id}/claim-table", params=params, headers=auth(app_state, Role.viewer))
    table = table.json()
    url = f"/api/v1/cases/{case.id}/claim-table/export"
    xlsx = client.get(url, params=params | {"format": "xlsx"}, headers=auth(app_state, Role.viewer))
    csv = client.get(url, params=params | {"format": "csv"}, headers=auth(app_state, Role.viewer))
    assert xlsx.status_code == csv.status_code == 200, xlsx.text
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert csv.content.startswith(b"\xef\xbb\xbf")
    terms = table["interest"]["text"]
    expected = [
        [r["number"], r["name"], r["contract_damages"], r["unjust_enrichment"], r["total"]] for r in table["rows"]
    ]
    totals = table["totals"]
    expected_total = ["合計", "原告3名", totals["contract_damages"], totals["unjust_enrichment"], totals["total"]]
    assert [e[0] for e in expected] == [1, 2, 3]
    assert expected_total[2:] == [1_014_043, 99_000, 1_113_043]

    sheet = read_xlsx(xlsx.content)
    assert sheet[0] == CLAIM_TABLE_HEADERS
    assert [[r[0], r[1], r[2], r[4], r[6]] for r in sheet[1:-1]] == expected
    assert [sheet[-1][0], sheet[-1][1], sheet[-1][2], sheet[-1][4], sheet[-1][6]] == expected_total
    assert sheet[1][3] == terms == "訴状送達の日の翌日から支払済みまで年3分の割合" and sheet[2][5] is None
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.worksheets[0]["C2"].number_format == "#,##0"

    lines = read_csv(csv.content)
    assert lines[0] == CLAIM_TABLE_HEADERS
    assert [[int(r[0]), r[1], int(r[2]), int(r[4]), int(r[6])] for r in lines[1:-1]] == expected
    assert lines[-1][:3] == ["合計", "原告3名", "1014043"]


def test_claimant_export_has_the_law_office_column_order_and_amounts(client, session, app_state):
    case, proceeding = _proceeding_with_three(session)
    url = f"/api/v1/cases/{case.id}/claimants/export"
    whole = client.get(url, params={"format": "xlsx"}, headers=auth(app_state, Role.viewer))
    assert whole.status_code == 200, whole.text
    sheet = read_xlsx(whole.content)
    assert sheet[0] == CLAIMANT_HEADERS
    assert [r[2] for r in sheet[1:]] == ["原告 一郎", "原告 二郎", "原告 三郎", "未加入 四郎"]  # the case, by id
    first = dict(zip(CLAIMANT_HEADERS, sheet[1], strict=True))
    assert (first["人件費"], first["信用毀損"], first["値上げ分の不当利得"], first["オンプレ版費用"]) == (
        1_698,
        1_000_000,
        99_000,
        None,
    )
    assert (first["契約上の損害賠償 計"], first["不当利得 計"], first["合計"]) == (1_001_698, 99_000, 1_100_698)
    assert (first["種別"], first["手続段階"], first["期日案内メール同意"]) == ("社労士（個人）", "受付", "はい")

    members = client.get(
        url, params={"format": "csv", "proceeding_id": proceeding.id}, headers=auth(app_state, Role.viewer)
    )
    lines = read_csv(members.content)
    assert [(r[0], r[2]) for r in lines[1:]] == [("1", "原告 一郎"), ("2", "原告 三郎"), ("3", "原告 二郎")]


def test_an_imported_file_round_trips_through_the_export(client, session, app_state):
    case = make_case(session)
    response = client.post(
        f"/api/v1/cases/{case.id}/claimant-imports",
        files={"file": ("a.csv", csv_bytes([FULL_ROW], "cp932"), "text/csv")},
        headers=auth(app_state, Role.staff),
    )
    assert response.status_code == 201, response.text
    exported = client.get(
        f"/api/v1/cases/{case.id}/claimants/export", params={"format": "xlsx"}, headers=auth(app_state, Role.viewer)
    )
    line = dict(zip(CLAIMANT_HEADERS, read_xlsx(exported.content)[1], strict=True))
    for header in PROFILE[1:]:
        if header not in ("利用可能になった日", "メールアドレス"):
            assert line[header] == FULL_ROW[header], header
    assert line["利用可能になった日"] == datetime(2023, 7, 4)
    workbook = load_workbook(io.BytesIO(exported.content))
    assert workbook.worksheets[0]["M2"].number_format == "yyyy/mm/dd"
    assert line["合計"] == sum(FULL_ROW_AMOUNTS.values())


def test_a_cp932_export_refuses_characters_it_cannot_hold(client, session, app_state):
    case = make_case(session)
    make_claimant(session, case, name="𠮷田 一郎")
    make_claimant(session, case, name="森 鷗外")  # 鷗 is JIS X 0213, not CP932
    url = f"/api/v1/cases/{case.id}/claimants/export"
    refused = client.get(url, params={"format": "csv", "encoding": "shift_jis"}, headers=auth(app_state, Role.viewer))
    assert refused.status_code == 422, refused.text
    errors = refused.json()["errors"]
    assert [e["field"] for e in errors] == ["row 2: 氏名・名称", "row 3: 氏名・名称"]
    assert "U+20BB7" in errors[0]["reason"] and "U+9DD7" in errors[1]["reason"]
    utf8 = client.get(url, params={"format": "csv"}, headers=auth(app_state, Role.viewer))
    assert read_csv(utf8.content)[1][2] == "𠮷田 一郎"


def test_a_cp932_export_of_jis_text_is_shift_jis(client, session, app_state):
    case = make_case(session)
    make_claimant(session, case, name="髙橋 花子")  # 髙 is in CP932 (an IBM extension)
    response = client.get(
        f"/api/v1/cases/{case.id}/claim-table/export",
        params={"format": "csv", "encoding": "shift_jis"},
        headers=auth(app_state, Role.viewer),
    )
    assert response.status_code == 200, response.text
    assert read_csv(response.content, "cp932")[1][1] == "髙橋 花子"


def test_file_names_are_japanese_with_an_ascii_fallback(client, session, app_state):
    case = make_case(session, name="社労夢事件")
    response = client.get(f"/api/v1/cases/{case.id}/claim-table/export", headers=auth(app_state, Role.viewer))
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="claim-table-case')
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded).startswith("請求一覧_社労夢事件_") and encoded.endswith(".xlsx")


def test_text_that_looks_like_a_formula_stays_text(client, session, app_state):
    case = make_case(session)
    make_claimant(session, case, name='=HYPERLINK("http://example.com","x")', phone="+81-6-1234-5678")
    url = f"/api/v1/cases/{case.id}/claimants/export"
    csv = read_csv(client.get(url, params={"format": "csv"}, headers=auth(app_state, Role.viewer)).content)
    assert csv[1][2].startswith("'=HYPERLINK") and csv[1][9] == "+81-6-1234-5678"
    xlsx = client.get(url, params={"format": "xlsx"}, headers=auth(app_state, Role.viewer))
    cell = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_exports_need_a_token_and_the_proceeding_of_the_case(client, session, app_state):
    case = make_case(session)
    other = make_proceeding(session, make_case(session))
    url = f"/api/v1/cases/{case.id}/claim-table/export"
    assert client.get(url).status_code == 401
    missing = client.get(url, params={"proceeding_id": other.id}, headers=auth(app_state, Role.viewer))
    assert missing.status_code == 404
    assert client.get("/api/v1/cases/999/claimants/export", headers=auth(app_state, Role.viewer)).status_code == 404
