from __future__ import annotations

import pytest
from builders import auth

from claims_api.auth.roles import Role


@pytest.mark.parametrize(
    ("day", "rate"),
    [("2020-03-31", "0.05"), ("2020-04-01", "0.03"), ("2023-04-01", "0.03"), ("2026-04-01", "0.03")],
)
def test_legal_rate_by_date(client, app_state, day, rate):  # legal-rules.md vector 10
    response = client.get("/api/v1/calculators/legal-rate", params={"date": day}, headers=auth(app_state, Role.viewer))
    assert response.json() == {"date": day, "rate": rate}


def test_an_unpublished_rate_is_a_clear_422(client, app_state):
    response = client.get("/api/v1/calculators/legal-rate", params={"date": "2029-04-01"}, headers=auth(app_state))
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "date"


def test_delay_damages_with_the_formula_of_each_part(client, app_state):  # vector 12 (bengoshi-mie)
    response = client.get(
        "/api/v1/calculators/delay-damages",
        params={"principal": 1_000_000, "start": "2010-06-03", "end": "2012-03-02", "rate": "0.05"},
        headers=auth(app_state),
    ).json()
    assert response["amount"] == 87_510
    assert [(p["unit"], p["count"], p["divisor"], p["amount"]) for p in response["parts"]] == [
        ("years", 1, 1, 50_000),
        ("days", 212, 365, 29_041),
        ("days", 62, 366, 8_469),
    ]
    assert response["parts"][2]["formula"] == "1,000,000円 × 年5% × 62日/366日 = 8,469円"
    floor_total = client.get(
        "/api/v1/calculators/delay-damages",
        params={
            "principal": 1_000_000,
            "start": "2010-06-03",
            "end": "2012-03-02",
            "rate": "0.05",
            "rounding": "floor_total",
        },
        headers=auth(app_state),
    ).json()
    assert floor_total["amount"] == 87_511


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"principal": -1, "start": "2020-01-01", "end": "2020-02-01", "rate": "0.03"}, "principal"),
        ({"principal": 1, "start": "2020-02-01", "end": "2020-01-01", "rate": "0.03"}, "end"),
        ({"principal": 1, "start": "2020-01-01", "end": "2020-02-01", "rate": "3"}, "rate"),
        ({"principal": 1, "start": "yesterday", "end": "2020-02-01", "rate": "0.03"}, "start"),
    ],
)
def test_bad_calculator_inputs_name_the_field(client, app_state, params, field):
    response = client.get("/api/v1/calculators/delay-damages", params=params, headers=auth(app_state))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("amount", "kind", "fee"),
    [(1_100_698, "suit", 11_000), (786_543_000, "suit", 2_381_000), (1_100_698, "mediation", 5_500), (0, "suit", 0)],
)
def test_filing_fee_quote(client, app_state, amount, kind, fee):
    response = client.get(
        "/api/v1/calculators/filing-fee", params={"amount": amount, "kind": kind}, headers=auth(app_state)
    )
    assert response.json() == {"amount": amount, "kind": kind, "fee": fee}


def test_calculators_need_a_token(client):
    assert client.get("/api/v1/calculators/filing-fee", params={"amount": 1}).status_code == 401
