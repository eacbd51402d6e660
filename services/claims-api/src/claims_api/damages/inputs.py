"""What the office tells us per damage head: the inputs the amount is computed from (never the amount itself).

Limits here are the ones no single office can reach (a typing error, not a claim); rules that need the case
(dates before the incident, dates in the future) are checked in `compute`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# A line or invoice of one office above this is a typing error (the largest real ones are a few million).
MAX_LINE_AMOUNT = 100_000_000
# 社労夢's plans cost tens of thousands of yen a month; a six-figure-plus fee is a misplaced digit.
MAX_MONTHLY_FEE = 5_000_000
# Wages of staff at a 社労士 office; a rate of 10 million yen an hour is a typing error.
MAX_HOURLY_RATE = 50_000
MAX_LINES = 500

YEAR_MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")


class _Inputs(BaseModel):
    model_config = ConfigDict(extra="forbid")


Text = Annotated[str, Field(max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
LineAmount = Annotated[int, Field(ge=1, le=MAX_LINE_AMOUNT, description="whole yen")]

# What staff or an outside firm did: the insurer pays for incident response, not for substituting the stopped
# system (insurer's Q&A A4). None: not recorded (every line stored before the field existed).
Task = Literal["incident_response", "substitute_work"]
TASK_DESCRIPTION = (
    "incident_response: 事故対応 (breach notices, enquiries, reports to authorities, call handling); "
    "substitute_work: 代替業務 (doing the stopped system's work by hand, e.g. payroll)"
)
OtherLossCategory = Literal[
    "breach_notice",
    "apology",
    "call_centre",
    "authority_report",
    "client_compensation",
    "system_migration",
    "cancellation",
    "other",
]


class OvertimeLine(_Inputs):
    """Overtime an employee worked because of the outage: hours × hourly rate × premium (割増率)."""

    kind: Literal["overtime"] = "overtime"
    person: Name = Field(description="employee (the owner's own time is not claimed)")
    manager: bool = Field(default=False, description="管理監督者 (no overtime allowance)")
    date_from: date
    date_to: date
    hours: Decimal = Field(gt=0, le=2000, max_digits=6, decimal_places=2)
    hourly_rate: int = Field(ge=1, le=MAX_HOURLY_RATE, description="yen per hour (the wage ledger's basis)")
    premium_rate: Decimal = Field(default=Decimal("1.25"), ge=1, le=2, max_digits=4, decimal_places=2)
    task: Task | None = Field(default=None, description=TASK_DESCRIPTION)
    note: Text = ""

    @model_validator(mode="after")
    def _range(self) -> OvertimeLine:
        if self.date_to < self.date_from:
            raise ValueError("date_to is before date_from")
        days = (self.date_to - self.date_from).days + 1
        if self.hours > 24 * days:
            raise ValueError(f"{self.hours} hours do not fit in {days} day(s)")
        return self


class OutsourcingLine(_Inputs):
    """Work given to a third party because of the outage (外注費), from its invoice."""

    kind: Literal["outsourcing"]
    vendor: Name
    description: Text = ""
    invoiced_on: date
    amount: LineAmount
    task: Task | None = Field(default=None, description=TASK_DESCRIPTION)


StaffLine = Annotated[OvertimeLine | OutsourcingLine, Field(discriminator="kind")]


class StaffCostInputs(_Inputs):
    lines: list[StaffLine] = Field(min_length=1, max_length=MAX_LINES)


class InvoiceLine(_Inputs):
    issuer: Name
    invoice_number: Annotated[str, Field(max_length=100)] = ""
    issued_on: date
    description: Text = ""
    amount: LineAmount


class OnpremCostInputs(_Inputs):
    """Invoices and receipts for the on-premises substitute (オンプレ版) the vendor supplied."""

    lines: list[InvoiceLine] = Field(min_length=1, max_length=MAX_LINES)


class FeeDifferenceInputs(_Inputs):
    """Fees paid for days the service could not really be used, prorated by day within each month."""

    monthly_fee: int = Field(ge=1, le=MAX_MONTHLY_FEE, description="monthly fee in yen as billed")
    unusable_from: date | None = Field(
        default=None, description="first unusable day: the outage (the default) or the restart"
    )
    usable_on: date | None = Field(
        default=None, description="利用可能になった日; defaults to the claimant's service_usable_on"
    )
    unbilled_months: list[str] = Field(
        max_length=24, description="months the vendor did not bill, as YYYY-MM (June 2023 in this case)"
    )

    @field_validator("unbilled_months")
    @classmethod
    def _months(cls, months: list[str]) -> list[str]:
        for month in months:
            if not YEAR_MONTH.match(month):
                raise ValueError(f"{month!r} is not a month as YYYY-MM")
        return sorted(set(months))


class ReputationInputs(_Inputs):
    """The amount is the case's fixed sum per claimant; the office supplies the facts."""

    lost_clients: int | None = Field(default=None, ge=0, le=10_000, description="clients who left")


class OtherLossLine(_Inputs):
    description: Annotated[str, Field(min_length=1, max_length=500)]
    occurred_on: date | None = None
    amount: LineAmount
    category: OtherLossCategory | None = Field(
        default=None,
        description=(
            "breach_notice: 漏えい通知; apology: お詫び状・お詫びの品; call_centre: コールセンター・問合せ対応; "
            "authority_report: 個人情報保護委員会等への報告; client_compensation: 顧問先への賠償; "
            "system_migration: 他システムへの移行; cancellation: 解約による損失; other: その他"
        ),
    )


class OtherLossInputs(_Inputs):
    lines: list[OtherLossLine] = Field(min_length=1, max_length=MAX_LINES)


class FeeIncreaseRefundInputs(_Inputs):
    """The unilateral increase (new fee − old fee) for each month paid since it took effect."""

    old_fee: int = Field(ge=1, le=MAX_MONTHLY_FEE, description="monthly fee before the increase")
    new_fee: int = Field(ge=1, le=MAX_MONTHLY_FEE, description="monthly fee after the increase")
    first_month: str = Field(default="2023-12", description="first month billed at the new fee, YYYY-MM")
    months: int = Field(ge=1, le=120, description="months paid at the new fee")

    @model_validator(mode="after")
    def _increase(self) -> FeeIncreaseRefundInputs:
        if self.new_fee <= self.old_fee:
            raise ValueError("new_fee must be higher than old_fee")
        if not YEAR_MONTH.match(self.first_month):
            raise ValueError(f"first_month {self.first_month!r} is not a month as YYYY-MM")
        return self


HeadInputs = (
    StaffCostInputs
    | OnpremCostInputs
    | FeeDifferenceInputs
    | ReputationInputs
    | OtherLossInputs
    | FeeIncreaseRefundInputs
)
