"""Argument checks shared by the legal computations: yen are ints, dates are dates, rates are Decimals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


def require_yen(name: str, value: object) -> int:
    """A non-negative int of yen (bool and float refused: money is never a float)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int of yen, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def require_date(name: str, value: object) -> date:
    """A calendar date (a datetime is refused: the legal computations count Tokyo calendar days)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")
    return value


def require_rate(name: str, value: object) -> Decimal:
    """A non-negative Decimal annual rate (0.03 = 年3%)."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, got {type(value).__name__}")
    if not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a finite, non-negative rate, got {value}")
    return value
