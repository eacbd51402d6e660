"""Cell values as offices type them in Excel, turned into API values; pure functions.

Each parser takes what a reader gives for a cell (str from CSV; str, int, float, bool or datetime from XLSX)
and returns the value or raises `BadValue` with a reason a paralegal can act on. Blank cells never reach them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from bengodan_common.japanese import era_date

Cell = str | int | float | bool | datetime | date | None


class BadValue(ValueError):
    """The cell cannot be read as the column's kind; the message is the reason."""


# (era name, first day, abbreviation); 元年 is year 1.
_ERAS = {"令和": date(2019, 5, 1), "平成": date(1989, 1, 8), "昭和": date(1926, 12, 25)}
_ERA_ABBREVIATIONS = {"R": "令和", "H": "平成", "S": "昭和"}
_ERA = r"(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})"
_SEP = r"\s*[-/.年]\s*"
_WESTERN_DATE = re.compile(
    rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ERA_DATE = re.compile(rf"^{_ERA}\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?$")
_WESTERN_MONTH = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?(?:分)?$")
_ERA_MONTH = re.compile(rf"^{_ERA}\s*[-/.年]\s*(\d{{1,2}})\s*月?(?:分)?$")
_MONTH_SPLIT = re.compile(r"[,、;；\s]+")
_INTEGER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)$")
# Control characters other than tab and line breaks: invisible, and refused by XLSX.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

DATE_FORMATS = "2023-07-04, 2023/7/4, 2023年7月4日, 令和5年7月4日 or R5.7.4"
MONTH_FORMATS = "2023-06, 2023/6, 2023年6月 or 令和5年6月"


def nfkc(value: str) -> str:
    """Full-width digits, letters and signs as half-width; trimmed (also of ideographic spaces)."""
    return unicodedata.normalize("NFKC", value).strip()


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Cell, *, multiline: bool = False) -> str:
    """The cell as text, trimmed; numbers from XLSX without a trailing `.0`."""
    if isinstance(value, bool):
        raise BadValue("expected text, not TRUE/FALSE")
    if isinstance(value, float) and value.is_integer():
        result = str(int(value))
    elif isinstance(value, datetime):
        result = value.date().isoformat()
    elif isinstance(value, date):
        result = value.isoformat()
    else:
        result = str(value).strip()  # also ideographic spaces
    if _CONTROL.search(result) or (not multiline and ("\n" in result or "\r" in result)):
        raise BadValue(
            "contains a line break or control character" if not multiline else "contains a control character"
        )
    return result


def digits(value: Cell, *, length: int) -> str:
    """A number made of digits (社労士登録番号): full-width digits accepted; a number that Excel stored without
    its leading zero (01234567 -> 1234567) gets it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value) if isinstance(value, int) and not isinstance(value, bool) else nfkc(text(value))
    if result.isdigit() and len(result) == length - 1:
        result = "0" + result
    if not (result.isdigit() and len(result) == length):
        raise BadValue(f"must be {length} digits, got {result!r}")
    return result


def _number_text(value: str) -> str:
    cleaned = nfkc(value)
    for noise in (",", "円", "¥", "\\", " "):
        cleaned = cleaned.replace(noise, "")
    return cleaned


def integer(value: Cell, *, what: str = "a whole number") -> int:
    """12345, "12,345", "１２３４５", "12,345円", "¥12,345"."""
    if value is None:
        raise BadValue("required")
    if isinstance(value, bool):
        raise BadValue(f"expected {what}, not TRUE/FALSE")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise BadValue(f"expected {what}, got {value}")
        return int(value)
    if isinstance(value, date):
        raise BadValue(f"expected {what}, got a date")
    cleaned = _number_text(value)
    if not _INTEGER.match(cleaned):
        raise BadValue(f"expected {what}, got {str(value).strip()!r}")
    return int(cleaned)


def decimal(value: Cell, *, percent: bool = False) -> Decimal:
    """12.5, "12.5", "１２．５"; with `percent`, "125%" is 1.25."""
    if value is None:
        raise BadValue("required")
    if isinstance(value, bool | date):
        raise BadValue("expected a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    cleaned = _number_text(value)
    scale = Decimal(1)
    if percent and cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1], Decimal("0.01")
    if not _DECIMAL.match(cleaned):
        raise BadValue(f"expected a number, got {str(value).strip()!r}")
    try:
        return Decimal(cleaned) * scale
    except InvalidOperation as exc:  # pragma: no cover - the pattern already guards
        raise BadValue(f"expected a number, got {str(value).strip()!r}") from exc


def _era_year(era: str, year_text: str) -> tuple[int, date]:
    name = _ERA_ABBREVIATIONS.get(era, era)
    start = _ERAS[name]
    year = 1 if year_text == "元" else int(year_text)
    if year < 1:
        raise BadValue(f"{name}{year_text}年 does not exist")
    return start.year + year - 1, start


def parse_date(value: Cell) -> date:
    if value is None:
        raise BadValue("required")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool | int | float):
        raise BadValue(f"expected a date ({DATE_FORMATS}), got the number {value}")
    cleaned = nfkc(value).upper()
    try:
        if match := _WESTERN_DATE.match(cleaned) or _COMPACT_DATE.match(cleaned):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _ERA_DATE.match(cleaned):
            year, start = _era_year(match.group(1), match.group(2))
            result = date(year, int(match.group(3)), int(match.group(4)))
            if result < start:
                raise BadValue(f"{value.strip()} is before the era began ({era_date(start)})")
            return result
    except ValueError as exc:
        if isinstance(exc, BadValue):
            raise
        raise BadValue(f"{value.strip()!r} is not a real date") from exc
    raise BadValue(f"expected a date ({DATE_FORMATS}), got {value.strip()!r}")


def parse_month(value: Cell) -> str:
    """A month as YYYY-MM."""
    if value is None:
        raise BadValue("required")
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, bool | int | float):
        raise BadValue(f"expected a month ({MONTH_FORMATS}), got the number {value}")
    cleaned = nfkc(value).upper()
    if match := _WESTERN_MONTH.match(cleaned):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := _ERA_MONTH.match(cleaned):
        year, _ = _era_year(match.group(1), match.group(2))
        month = int(match.group(3))
    else:
        raise BadValue(f"expected a month ({MONTH_FORMATS}), got {value.strip()!r}")
    if not 1 <= month <= 12:
        raise BadValue(f"{value.strip()!r} is not a real month")
    return f"{year:04d}-{month:02d}"


def parse_months(value: Cell) -> list[str]:
    """One or more months, separated by commas (、) or spaces; "なし" for none."""
    if isinstance(value, str):
        cleaned = nfkc(value)
        if cleaned in ("なし", "無し", "無", "-"):
            return []
        return [parse_month(part) for part in _MONTH_SPLIT.split(cleaned) if part]
    return [parse_month(value)]


def _key(label: str) -> str:
    return "".join(nfkc(label).casefold().split())


class Choices:
    """Japanese labels of an enumeration (`labels`: API value -> label) and other spellings (`synonyms`:
    spelling -> API value); the API value itself is accepted too. Compared after NFKC, case and spaces."""

    def __init__(self, labels: Mapping[str, str], synonyms: Mapping[str, str] | None = None) -> None:
        self.labels = dict(labels)
        self._lookup: dict[str, str] = {}
        for spelling, api_value in (synonyms or {}).items():
            self._lookup[_key(spelling)] = api_value
        for api_value, label in labels.items():
            self._lookup[_key(api_value)] = api_value
            self._lookup[_key(label)] = api_value

    def parse(self, value: Cell) -> str:
        typed = text(value)
        found = self._lookup.get(_key(typed))
        if found is None:
            raise BadValue(f"unknown value {typed!r}; allowed: {', '.join(self.labels.values())}")
        return found


def choice(value: Cell, labels: Mapping[str, str], synonyms: Mapping[str, str] | None = None) -> str:
    """The API value of a Japanese label; the reason of an unknown value lists the labels."""
    return Choices(labels, synonyms).parse(value)


YES, NO = "はい", "いいえ"
_YES = ("はい", "有", "あり", "○", "〇", "yes", "y", "true", "1", "同意", "同意する")
_NO = ("いいえ", "無", "なし", "×", "no", "n", "false", "0", "不同意", "同意しない")
_YES_NO: dict[tuple[str, str], Choices] = {}


def yes_no(value: Cell, *, yes: str = YES, no: str = NO) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    choices = _YES_NO.get((yes, no))
    if choices is None:
        synonyms = {s: "yes" for s in _YES} | {s: "no" for s in _NO}
        choices = _YES_NO[(yes, no)] = Choices({"yes": yes, "no": no}, synonyms)
    return choices.parse(value) == "yes"
