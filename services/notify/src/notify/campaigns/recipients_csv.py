"""The recipient list of a breach-notice campaign (個人情報保護法26条2項: each person is told the data items that
concern them), read from an uploaded CSV as a stream: constant memory, one validated row or the problems of one
line at a time, worded in Japanese for the paralegal who fixes the file.

Reading: the bytes are cut at line ends (a line end byte never occurs inside a UTF-8 or Shift_JIS character), each
piece decoded strictly, its lines fed to `csv.reader`. Cutting ourselves rather than going through
`io.TextIOWrapper` is what lets a decode error name its line. With `encoding="auto"` the choice between UTF-8 and
Shift_JIS (cp932) waits for the first piece holding a non-ASCII byte: both read ASCII alike, so a list whose first
lines are all ASCII is still judged by its Japanese text, and the stream never has to be read twice.
"""

from __future__ import annotations

import csv
import io
import operator
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO, Literal


@dataclass(frozen=True, slots=True)
class DataItem:
    """One kind of personal data in the campaign's catalogue, e.g. DataItem("name", "氏名")."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class RecipientRow:
    line: int  # 1-based; the header is line 1; for a row spanning lines, the line it starts on
    name: str
    email: str | None
    postal_code: str | None  # "123-4567"
    address: str | None
    item_keys: tuple[str, ...]  # catalogue order, each once


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str | None  # the header as written in the file (without surrounding spaces); None: the whole row
    reason: str


class RecipientsFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing header columns, not CSV); message in Japanese."""


_PIECE_BYTES = 1 << 16
_MAX_LINE_BYTES = 1 << 20  # far beyond any real row; stops a file without line ends from filling memory
_MAX_NAME = 100
_MAX_EMAIL = 254
_MAX_ADDRESS = 200

_UTF8_BOM = b"\xef\xbb\xbf"
_NOT_CSV = {
    b"\xff\xfe": "UTF-16 のファイルは読み取れません。「CSV UTF-8（コンマ区切り）」で保存し直してください",
    b"\xfe\xff": "UTF-16 のファイルは読み取れません。「CSV UTF-8（コンマ区切り）」で保存し直してください",
    b"PK\x03\x04": "Excel ブック（.xlsx）のままです。「CSV UTF-8（コンマ区切り）」で保存し直してください",
    b"\xd0\xcf\x11\xe0": "Excel ブック（.xls）のままです。「CSV UTF-8（コンマ区切り）」で保存し直してください",
}
_UNREADABLE = "{line}行目: 文字コードを読み取れません（UTF-8 か Shift_JIS で保存してください）"

# Header names, English ones compared in lower case.
_FIELD_BY_HEADER = {
    "氏名": "name",
    "name": "name",
    "メールアドレス": "email",
    "email": "email",
    "郵便番号": "postal_code",
    "postal_code": "postal_code",
    "住所": "address",
    "address": "address",
    "項目": "items",
    "items": "items",
}
_FIELD_LABELS = {
    "name": "氏名（name）",
    "email": "メールアドレス（email）",
    "postal_code": "郵便番号（postal_code）",
    "address": "住所（address）",
    "items": "項目（items）",
}

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL_CODE = re.compile(r"(?:〒\s*)?([0-9]{3})-?([0-9]{4})")
# NFKC already turns － into "-"; these dashes and the long-vowel mark survive it.
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−ー", "-"))
# Line breaks separate items too: Excel users put one item per line inside a cell.
_ITEM_SEPARATORS = "|、;；,，\r\n"
_ITEM_CACHE_SIZE = 4096
_ITEM_CACHE_CELL_LENGTH = 200


def parse_recipients(
    stream: BinaryIO,
    catalogue: Sequence[DataItem],
    *,
    encoding: Literal["auto", "utf-8", "shift_jis"] = "auto",
) -> Iterator[RecipientRow | RowError]:
    """Yield, in file order, a RecipientRow for each valid line and one RowError per problem of each invalid line;
    lines with every cell empty are skipped. Raises RecipientsFileError (while iterating) when the file as a whole
    cannot be read; the rows before the unreadable line have been yielded by then. Raises ValueError for a catalogue
    that is empty or lists a key twice."""
    items = _ItemMatcher(catalogue)
    records = _numbered_records(_decoded_lines(stream, encoding))
    first = next(records, None)
    if first is None:
        raise RecipientsFileError("ファイルが空です（1行目に見出し行が必要です）")
    _, header = first
    check = _RowChecker(_read_header(header), items).check
    for line, cells in records:
        if not "".join(cells).strip():
            continue
        result = check(cells, line)
        if isinstance(result, list):
            yield from result
        else:
            yield result


def _numbered_records(lines: Iterator[str]) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (`line_num` counts the lines read so far: where it ends)."""
    # strict: a quote left open would otherwise swallow every following row into one cell without a word.
    reader = csv.reader(lines, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise RecipientsFileError(
                f'{start}行目: CSV の形式が正しくありません（引用符 " が閉じられているか確認してください）'
            ) from error
        yield start, cells
        start = reader.line_num + 1


def _decoded_lines(stream: BinaryIO, encoding: str) -> Iterator[str]:
    """The text lines of the stream, line ends kept (\\n, \\r\\n or \\r), for csv.reader."""
    head = stream.read(_PIECE_BYTES)
    for magic, message in _NOT_CSV.items():
        if head.startswith(magic):
            raise RecipientsFileError(message)
    chosen: str | None = None if encoding == "auto" else "cp932" if encoding == "shift_jis" else "utf-8"
    if head.startswith(_UTF8_BOM):
        if chosen == "cp932":
            raise RecipientsFileError("UTF-8（BOM付き）で保存されたファイルです。文字コードの指定を確認してください")
        chosen, head = "utf-8", head[len(_UTF8_BOM) :]
    lines_before = 0
    pending = head
    while True:
        block = stream.read(_PIECE_BYTES)
        data = pending + block
        if block:
            cut = _end_of_last_line(data)
            if cut == 0:
                if len(data) > _MAX_LINE_BYTES:
                    raise RecipientsFileError(
                        f"{lines_before + 1}行目: 1行が長すぎます（CSV ファイルか確認してください）"
                    )
                pending = data
                continue
            piece, pending = data[:cut], data[cut:]
        else:
            piece, pending = data, b""
        if chosen is None and not piece.isascii():
            chosen = _guess_encoding(piece)
        lines, readable = _lines_of(piece, chosen or "ascii")
        yield from lines
        lines_before += len(lines)
        if not readable:
            raise RecipientsFileError(_UNREADABLE.format(line=lines_before + 1))
        if not block:
            return


def _end_of_last_line(data: bytes) -> int:
    cut = data.rfind(b"\n") + 1
    if cut == 0:
        # Only \r line ends (old Mac CSV); never cut between the \r and \n of a \r\n split across reads.
        cut = data.rfind(b"\r", 0, len(data) - 1) + 1
    return cut


def _lines_of(piece: bytes, encoding: str) -> tuple[list[str], bool]:
    """The piece's lines; if it cannot be decoded, the lines before the faulty one, and False."""
    try:
        return io.StringIO(piece.decode(encoding), newline="").readlines(), True
    except UnicodeDecodeError as error:
        lines = io.StringIO(piece[: error.start].decode(encoding), newline="").readlines()
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines.pop()  # the start of the faulty line
        return lines, False


def _guess_encoding(piece: bytes) -> str:
    """UTF-8 if the piece decodes as UTF-8, else Shift_JIS (cp932, as Excel writes it). A UTF-8 file with one
    damaged byte must not be read as Shift_JIS (that would misspell every name without an error), so UTF-8 is kept
    when many multi-byte characters decode before the damage, or when Shift_JIS fails even sooner."""
    try:
        piece.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as utf8_error:
        good = piece[: utf8_error.start]
        if len(good) - len(good.decode("utf-8")) >= 16:
            return "utf-8"
        try:
            piece.decode("cp932")
            return "cp932"
        except UnicodeDecodeError as cp932_error:
            return "utf-8" if utf8_error.start >= cp932_error.start else "cp932"


@dataclass(frozen=True)
class _Columns:
    """Position and header as written of each known column the file has."""

    positions: dict[str, int]
    headers: dict[str, str]


def _read_header(cells: list[str]) -> _Columns:
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    duplicated: list[str] = []
    for position, cell in enumerate(cells):
        written = cell.strip()
        field = _FIELD_BY_HEADER.get(written.lower())
        if field is None:
            continue  # columns of the office's own, ignored
        if field in positions:
            duplicated.append(f"「{headers[field]}」と「{written}」")
            continue
        positions[field] = position
        headers[field] = written
    problems = [f"同じ列が2つあります: {pair}" for pair in duplicated]
    missing = [_FIELD_LABELS[field] for field in ("name", "items") if field not in positions]
    if missing:
        problems.append("必要な列がありません: " + "、".join(missing))
    if "email" not in positions and "address" not in positions:
        problems.append(f"{_FIELD_LABELS['email']}か{_FIELD_LABELS['address']}の列が必要です")
    if problems:
        raise RecipientsFileError("見出し行（1行目）: " + "。".join(problems))
    return _Columns(positions, headers)


class _ItemMatcher:
    """Reads an items cell against the catalogue: entries by key, else by label; catalogue order; each once."""

    def __init__(self, catalogue: Sequence[DataItem]) -> None:
        if not catalogue:
            raise ValueError("the catalogue has no data items")
        self._keys = tuple(item.key for item in catalogue)
        if len(set(self._keys)) != len(self._keys):
            raise ValueError("the catalogue lists a key twice")
        self._position_by_entry: dict[str, int] = {}
        for position, item in enumerate(catalogue):
            self._position_by_entry.setdefault(item.label.strip(), position)
        for position, item in enumerate(catalogue):
            self._position_by_entry[item.key] = position  # a key wins over another item's label
        # A label such as 「氏名、住所」 holds a separator: it is tried as a whole before the cell is split.
        separators = re.escape(_ITEM_SEPARATORS)
        whole = sorted((entry for entry in self._position_by_entry if re.search(f"[{separators}]", entry)), key=len)
        alternatives = [rf"\s*{re.escape(entry)}\s*(?=[{separators}]|\Z)" for entry in reversed(whole)]
        self._entries = re.compile("|".join([*alternatives, f"[^{separators}]+"]))
        self._cache: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def match(self, cell: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The keys found, and the entries that are not in the catalogue."""
        known = self._cache.get(cell)
        if known is not None:
            return known
        positions: set[int] = set()
        unknown: dict[str, None] = {}
        for raw in self._entries.findall(cell):
            entry = raw.strip()
            if not entry:
                continue
            position = self._position_by_entry.get(entry)
            if position is None:
                unknown[entry] = None
            else:
                positions.add(position)
        result = tuple(self._keys[position] for position in sorted(positions)), tuple(unknown)
        if len(cell) <= _ITEM_CACHE_CELL_LENGTH and len(self._cache) < _ITEM_CACHE_SIZE:
            self._cache[cell] = result
        return result


class _RowChecker:
    def __init__(self, columns: _Columns, items: _ItemMatcher) -> None:
        self._items = items
        self._headers = columns.headers
        self._width = max(columns.positions.values()) + 1
        # A column the file lacks reads the empty cell `check` appends to every row (position -1).
        self._pick = operator.itemgetter(
            *(columns.positions.get(field, -1) for field in ("name", "email", "postal_code", "address", "items"))
        )

    def check(self, cells: list[str], line: int) -> RecipientRow | list[RowError]:
        if len(cells) < self._width:
            cells.extend([""] * (self._width - len(cells)))  # a row cut short: the rest is empty
        cells.append("")
        name, email, postal_code, address, item_list = (cell.strip() for cell in self._pick(cells))
        item_keys, unknown_items = self._items.match(item_list)

        problems: list[tuple[str | None, str]] = []
        if not name:
            problems.append(("name", "氏名を入力してください"))
        elif len(name) > _MAX_NAME:
            problems.append(("name", f"氏名は{_MAX_NAME}文字以内で入力してください（{len(name)}文字あります）"))
        elif "\n" in name or "\r" in name:
            problems.append(("name", "氏名に改行が含まれています"))
        if email:
            if len(email) > _MAX_EMAIL:
                problems.append(("email", f"メールアドレスは{_MAX_EMAIL}文字以内で入力してください"))
            elif not _EMAIL.fullmatch(email):
                problems.append(("email", "メールアドレスの形式が正しくありません"))
        if postal_code:
            normalised = _normalise_postal_code(postal_code)
            if normalised is None:
                problems.append(("postal_code", _postal_code_reason(postal_code)))
            postal_code = normalised or ""
        if len(address) > _MAX_ADDRESS:
            problems.append(
                ("address", f"住所は{_MAX_ADDRESS}文字以内で入力してください（{len(address)}文字あります）")
            )
        if not email and not address:
            problems.append((None, "メールアドレスか住所のどちらかを入力してください"))
        if unknown_items:
            named = "".join(f"「{_shorten(entry)}」" for entry in unknown_items)
            problems.append(("items", f"項目{named}はこのキャンペーンの項目にありません"))
        elif not item_keys:
            problems.append(("items", "項目を1つ以上入力してください"))

        if problems:
            return [
                RowError(line, None if field is None else self._headers[field], reason) for field, reason in problems
            ]
        return RecipientRow(line, name, email or None, postal_code or None, address or None, item_keys)


def _normalise_postal_code(value: str) -> str | None:
    match = _POSTAL_CODE.fullmatch(value) or _POSTAL_CODE.fullmatch(
        unicodedata.normalize("NFKC", value).translate(_DASHES).strip()
    )
    return f"{match[1]}-{match[2]}" if match else None


def _postal_code_reason(value: str) -> str:
    digits = unicodedata.normalize("NFKC", value).strip()
    if len(digits) == 6 and digits.isascii() and digits.isdigit():
        # Excel drops the leading 0 of codes such as 060-0001 when it reads them as numbers.
        return "郵便番号は7桁で入力してください（先頭の0が消えていないか確認してください）"
    return "郵便番号は7桁の数字で入力してください（例: 123-4567）"


def _shorten(entry: str, limit: int = 30) -> str:
    return entry if len(entry) <= limit else entry[:limit] + "…"
