"""訴訟委任契約書 and 委任状 of one claimant (filings/claimant.py, templates engagement_contract and power_of_attorney):
ready to sign, with the client, every counsel, the defendant, the fee terms of the team's policy, the special
powers of 民訴法55条2項, and blank date lines for the client."""

from __future__ import annotations

import re

import pytest

from docs_render.filings.claimant import (
    LAWSUIT_SPECIAL_POWERS,
    MEDIATION_SPECIAL_POWERS,
    engagement_contract_html,
    power_of_attorney_html,
)
from docs_render.pdf import render_pdf

from . import claimant_data as data
from .pdf_checks import A4_POINTS, fonts, page_count, page_size_points, page_texts, pdf_text

BLANK_DATE = re.compile(r"令和\s+年\s+月\s+日")


@pytest.fixture(scope="module")
def contract_pdf() -> bytes:
    return render_pdf(engagement_contract_html(data.INDIVIDUAL, data.CASE, data.SETTINGS, made_on=data.MADE_ON))


@pytest.fixture(scope="module")
def corporate_mediation_contract_pdf() -> bytes:
    html = engagement_contract_html(
        data.CORPORATION, data.CASE, data.SETTINGS, made_on=data.MADE_ON, proceeding=data.MEDIATION
    )
    return render_pdf(html)


@pytest.fixture(scope="module")
def attorney_pdf() -> bytes:
    return render_pdf(
        power_of_attorney_html(data.INDIVIDUAL, data.CASE, data.LAWSUIT, data.SETTINGS, made_on=data.MADE_ON)
    )


@pytest.fixture(scope="module")
def corporate_mediation_attorney_pdf() -> bytes:
    html = power_of_attorney_html(data.CORPORATION, data.CASE, data.MEDIATION, data.SETTINGS, made_on=data.MADE_ON)
    return render_pdf(html)


# ---- 訴訟委任契約書 ---------------------------------------------------------------------------------------


def test_the_contract_names_the_client_every_counsel_and_the_case(contract_pdf: bytes) -> None:
    text = data.joined(pdf_text(contract_pdf))
    assert "訴訟委任契約書" in text
    assert (
        "架空花子（以下「甲」という。）と弁護士架空一郎、弁護士見本二郎及び弁護士試験三郎（以下、総称して「乙」という。）"
        in text
    )
    rows = data.layout_rows(pdf_text(contract_pdf, layout=True))
    assert "(2)相手方株式会社デモクラウドシステム" in rows
    assert "(3)裁判所大阪地方裁判所" in rows
    assert "損害賠償請求事件（令和5年6月5日に発生した相手方のクラウドサービスの停止に関するもの）" in text


def test_the_contract_states_the_fee_policy_and_leaves_unsourced_figures_blank(contract_pdf: bytes) -> None:
    text = data.joined(pdf_text(contract_pdf))
    # 着手金: no figure in the sources, a blank; cyber insurance may pay it as 争訟費用 (seed 001 §8).
    assert "着手金は、金＿＿＿＿＿＿＿＿円とする。" in text
    assert (
        "着手金その他の手続費用が「争訟費用」に該当するときは、保険会社から乙に支払われる保険金をもってこれに充てることができる。"
        in text
    )
    assert "甲がサイバー保険に加入していないときの着手金の額及び支払方法は" in text
    # 報酬金: 1割 of the money obtained, nothing if nothing is obtained.
    assert "報酬金として、甲が得た金銭給付の額の1割（10パーセント）に相当する額を支払う。" in text
    assert "甲が金銭の給付を得られなかったときは、甲は、報酬金の支払義務を負わない。" in text
    # 実費 at cost, the court fee shared by claim.
    assert "実費（調停申立て又は訴え提起の手数料（収入印紙代）" in text
    assert "各依頼者の請求額に応じて按分した額を甲の負担とする。" in text
    assert "第8条（中途解約）" in text
    assert "本契約の成立を証するため本書2通を作成し、甲乙記名押印のうえ、各1通を保有する。" in text


def test_without_a_proceeding_the_contract_covers_mediation_and_first_instance(contract_pdf: bytes) -> None:
    text = data.joined(pdf_text(contract_pdf))
    assert "(1)本件事件についての民事調停の申立て及び調停手続の追行" in text
    assert "(2)本件事件についての訴えの提起及び第一審の訴訟の追行" in text
    assert "控訴、上告その他の上訴及び強制執行は、委任事務に含まれない。" in text


def test_the_signature_blocks_are_ready_to_sign(contract_pdf: bytes) -> None:
    pages = pdf_text(contract_pdf, layout=True).split("\f")[:-1]
    assert len(pages) == len(page_texts(contract_pdf))
    last = data.layout_rows(pages[-1])
    # The closing sentence, the date line and both blocks on the same (last) page.
    assert any(row.startswith("本契約の成立を証するため") for row in last)
    assert "令和年月日" in last and BLANK_DATE.search(pages[-1])
    assert last[last.index("甲（依頼者）") + 1 :][:4] == [
        "住所〒530-0001",
        "大阪府大阪市北区架空町1-2-3",
        "事務所架空社会保険労務士事務所",
        "氏名架空花子印",
    ]
    counsel = last[last.index("乙（受任者）") + 1 :]
    assert counsel[:4] == [
        "事務所〒100-0013",
        "東京都千代田区霞が関一丁目2番3号見本ビル5階",
        "みなと架空総合法律事務所",
        "電話03-0000-0000FAX03-0000-0001",
    ]
    assert counsel[4:7] == [f"弁護士{name}印" for name in data.COUNSEL_NAMES]


def test_a_corporation_signs_by_its_representative_in_a_mediation(corporate_mediation_contract_pdf: bytes) -> None:
    text = data.joined(pdf_text(corporate_mediation_contract_pdf))
    rows = data.layout_rows(pdf_text(corporate_mediation_contract_pdf, layout=True))
    assert "名称社会保険労務士法人見本労務管理" in rows
    assert "代表者代表社員見本太郎印" in rows
    assert "調停が成立せず、訴訟に移行する場合の委任の範囲及び弁護士報酬は、甲乙別途協議のうえ定める。" in text
    assert "訴えの提起及び第一審" not in text
    assert "実費（調停申立ての手数料（収入印紙代）" in text


# ---- 委任状 ---------------------------------------------------------------------------------------------


def test_the_power_of_attorney_names_counsel_the_matter_and_the_special_powers(attorney_pdf: bytes) -> None:
    assert page_count(attorney_pdf) == 1
    text = data.joined(pdf_text(attorney_pdf))
    rows = data.layout_rows(pdf_text(attorney_pdf, layout=True))
    assert rows[0] == "委任状"
    assert "私は、次の弁護士を訴訟代理人と定め、下記の事項を委任します。" in text
    for name in data.COUNSEL_NAMES:
        assert f"弁護士{name}" in rows
    assert "事務所〒100-0013" in rows and "電話03-0000-0000FAX03-0000-0001" in rows
    assert "記" in rows
    assert (
        "1相手方株式会社デモクラウドシステムに対する損害賠償請求事件（大阪地方裁判所令和7年(ワ)第1234号）"
        "に関する一切の件" in text
    )
    for number, power in enumerate(LAWSUIT_SPECIAL_POWERS, start=2):
        assert f"{number}{data.joined(power)}" in text
    assert "反訴の提起" in text and "請求の放棄若しくは認諾" in text and "復代理人の選任" in text
    assert "以上" in rows
    assert "令和年月日" in rows  # the date line, left blank for the client
    assert BLANK_DATE.search(pdf_text(attorney_pdf, layout=True))
    assert rows[-5:] == [
        "住所〒530-0001",
        "大阪府大阪市北区架空町1-2-3",
        "事務所架空社会保険労務士事務所",
        "氏名架空花子印",
        "1/1",
    ]


def test_a_mediation_power_of_attorney_for_a_corporation(corporate_mediation_attorney_pdf: bytes) -> None:
    text = data.joined(pdf_text(corporate_mediation_attorney_pdf))
    rows = data.layout_rows(pdf_text(corporate_mediation_attorney_pdf, layout=True))
    assert "私は、次の弁護士を代理人と定め、下記の事項を委任します。" in text
    assert (
        "1相手方株式会社デモクラウドシステムに対する損害賠償請求の民事調停事件（大阪地方裁判所）に関する一切の件"
        in text
    )
    for number, power in enumerate(MEDIATION_SPECIAL_POWERS, start=2):
        assert f"{number}{data.joined(power)}" in text
    assert "反訴" not in text
    assert rows[-3:] == ["名称社会保険労務士法人見本労務管理", "代表者代表社員見本太郎印", "1/1"]


# ---- both ---------------------------------------------------------------------------------------------


def test_a4_with_embedded_mincho(
    contract_pdf: bytes, attorney_pdf: bytes, corporate_mediation_attorney_pdf: bytes
) -> None:
    for pdf in (contract_pdf, attorney_pdf, corporate_mediation_attorney_pdf):
        width, height = page_size_points(pdf)
        assert (round(width), round(height)) == tuple(round(p) for p in A4_POINTS)
        rows = fonts(pdf)
        assert rows and all(row["emb"] == "yes" for row in rows)
        assert any(any(m in row["name"] for m in data.MINCHO_FONT_NAMES) for row in rows)


def test_the_same_input_gives_the_same_html() -> None:
    def contract() -> str:
        return engagement_contract_html(data.CORPORATION, data.CASE, data.SETTINGS, made_on=data.MADE_ON)

    def attorney() -> str:
        return power_of_attorney_html(data.CORPORATION, data.CASE, data.LAWSUIT, data.SETTINGS, made_on=data.MADE_ON)

    assert contract() == contract()
    assert attorney() == attorney()


def test_page_images_for_review(
    contract_pdf: bytes,
    corporate_mediation_contract_pdf: bytes,
    attorney_pdf: bytes,
    corporate_mediation_attorney_pdf: bytes,
) -> None:
    for pdf, name in (
        (contract_pdf, "claimant-engagement-contract-individual"),
        (corporate_mediation_contract_pdf, "claimant-engagement-contract-corporation"),
        (attorney_pdf, "claimant-power-of-attorney-individual"),
        (corporate_mediation_attorney_pdf, "claimant-power-of-attorney-corporation"),
    ):
        assert len(data.page_images(pdf, name)) == page_count(pdf)


def test_without_counsel_set_the_names_are_left_blank_to_fill() -> None:
    settings = data.SETTINGS.model_copy(update={"counsel": []})
    html = power_of_attorney_html(data.INDIVIDUAL, data.CASE, data.LAWSUIT, settings, made_on=data.MADE_ON)
    assert "<td>弁護士</td><td>＿＿＿＿＿＿＿＿</td>" in html
    contract = engagement_contract_html(data.INDIVIDUAL, data.CASE, settings, made_on=data.MADE_ON)
    assert "と弁護士＿＿＿＿＿＿＿＿（以下、総称して「乙」という。）" in contract
