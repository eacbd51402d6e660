"""The recipient list of a breach-notice campaign: what the paralegal's CSV turns into, line by line."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Literal

import pytest

from notify.campaigns.recipients_csv import (
    DataItem,
    RecipientRow,
    RecipientsFileError,
    RowError,
    parse_recipients,
)

CATALOGUE = (
    DataItem("name", "氏名"),
    DataItem("email", "メールアドレス"),
    DataItem("address", "住所"),
    DataItem("phone", "電話番号"),
    DataItem("birthdate", "生年月日"),
)
HEADER = "氏名,メールアドレス,郵便番号,住所,項目\r\n"
UNREACHABLE = "メールアドレスか住所のどちらかを入力してください"
Declared = Literal["auto", "utf-8", "shift_jis"]


def parse(text: str, *, saved_as: str = "utf-8", declared: Declared = "auto") -> list[RecipientRow | RowError]:
    return list(parse_recipients(io.BytesIO(text.encode(saved_as)), CATALOGUE, encoding=declared))


def parse_until_error(data: bytes, declared: Declared = "auto") -> tuple[list[RecipientRow | RowError], str]:
    """What was yielded before the file error, and the error's message."""
    results: list[RecipientRow | RowError] = []
    with pytest.raises(RecipientsFileError) as raised:
        for result in parse_recipients(io.BytesIO(data), CATALOGUE, encoding=declared):
            results.append(result)
    return results, str(raised.value)


def row(
    line: int,
    name: str = "山田 太郎",
    *,
    email: str | None = None,
    postal_code: str | None = None,
    address: str | None = None,
    item_keys: tuple[str, ...] = ("name",),
) -> RecipientRow:
    return RecipientRow(line, name, email, postal_code, address, item_keys)


JAPANESE_LIST = (
    HEADER + "髙橋 一郎,takahashi@example.jp,５３０－０００１,大阪府大阪市北区梅田1-1-1,氏名|住所\r\n"
    "渡辺 ﾊﾅｺ,,060-0001,北海道札幌市中央区北1条西2丁目,住所、氏名\r\n"
)
JAPANESE_ROWS = [
    row(
        2,
        "髙橋 一郎",
        email="takahashi@example.jp",
        postal_code="530-0001",
        address="大阪府大阪市北区梅田1-1-1",
        item_keys=("name", "address"),
    ),
    row(3, "渡辺 ﾊﾅｺ", postal_code="060-0001", address="北海道札幌市中央区北1条西2丁目", item_keys=("name", "address")),
]


@pytest.mark.parametrize(
    ("saved_as", "declared"),
    [
        ("utf-8", "auto"),
        ("utf-8-sig", "auto"),
        ("cp932", "auto"),
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("cp932", "shift_jis"),
    ],
)
def test_the_same_rows_from_utf8_utf8_with_bom_and_shift_jis(saved_as: str, declared: Declared) -> None:
    assert parse(JAPANESE_LIST, saved_as=saved_as, declared=declared) == JAPANESE_ROWS


def test_old_mac_line_ends_read_the_same() -> None:
    assert parse(JAPANESE_LIST.replace("\r\n", "\r"), saved_as="cp932") == JAPANESE_ROWS


def test_english_headers_in_any_case_and_extra_columns_ignored() -> None:
    text = " Name ,EMAIL,Postal_Code,address, Items ,memo\nSato Hanako,sato@example.jp,1000001,,email,call first\n"
    assert parse(text) == [row(2, "Sato Hanako", email="sato@example.jp", postal_code="100-0001", item_keys=("email",))]
    # An error names the column as the file writes it.
    assert parse(text.replace("sato@example.jp", "sato.example.jp")) == [
        RowError(2, "EMAIL", "メールアドレスの形式が正しくありません")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("山田 太郎,yamada@example,,,氏名", [("メールアドレス", "メールアドレスの形式が正しくありません")]),
        ("山田 太郎,yamada @example.jp,,,氏名", [("メールアドレス", "メールアドレスの形式が正しくありません")]),
        (
            f"山田 太郎,{'a' * 244}@example.jp,,,氏名",
            [("メールアドレス", "メールアドレスは254文字以内で入力してください")],
        ),
        (",yamada@example.jp,,,氏名", [("氏名", "氏名を入力してください")]),
        ("　,yamada@example.jp,,,氏名", [("氏名", "氏名を入力してください")]),
        (
            f"{'山' * 101},yamada@example.jp,,,氏名",
            [("氏名", "氏名は100文字以内で入力してください（101文字あります）")],
        ),
        ('"山田\n太郎",yamada@example.jp,,,氏名', [("氏名", "氏名に改行が含まれています")]),
        ("山田 太郎,,530-0001,,氏名", [(None, UNREACHABLE)]),
        (
            "山田 太郎,yamada@example.jp,,,氏名|口座番号",
            [("項目", "項目「口座番号」はこのキャンペーンの項目にありません")],
        ),
        (
            "山田 太郎,yamada@example.jp,,,口座番号、マイナンバー、口座番号",
            [("項目", "項目「口座番号」「マイナンバー」はこのキャンペーンの項目にありません")],
        ),
        ("山田 太郎,yamada@example.jp,,,", [("項目", "項目を1つ以上入力してください")]),
        ("山田 太郎,yamada@example.jp,,,| 、", [("項目", "項目を1つ以上入力してください")]),
        (
            "山田 太郎,,53-0001,大阪市北区,氏名",
            [("郵便番号", "郵便番号は7桁の数字で入力してください（例: 123-4567）")],
        ),
        (
            "山田 太郎,,〒5300-001,大阪市北区,氏名",
            [("郵便番号", "郵便番号は7桁の数字で入力してください（例: 123-4567）")],
        ),
        (
            "山田 太郎,,600001,札幌市中央区,氏名",
            [("郵便番号", "郵便番号は7桁で入力してください（先頭の0が消えていないか確認してください）")],
        ),
        (f"山田 太郎,,,{'大' * 201},氏名", [("住所", "住所は200文字以内で入力してください（201文字あります）")]),
    ],
)
def test_each_problem_of_a_line_names_its_line_and_column(line: str, expected: list[tuple[str | None, str]]) -> None:
    assert parse(HEADER + "鈴木 花子,suzuki@example.jp,,,氏名\r\n" + line + "\r\n") == [
        row(2, "鈴木 花子", email="suzuki@example.jp"),
        *(RowError(3, column, reason) for column, reason in expected),
    ]


def test_the_longest_accepted_values() -> None:
    email = f"{'a' * 243}@example.jp"
    assert len(email) == 254
    assert parse(HEADER + f"{'山' * 100},{email},,{'大' * 200},氏名\r\n") == [
        row(2, "山" * 100, email=email, address="大" * 200)
    ]


def test_a_line_with_several_problems_gives_one_error_for_each() -> None:
    assert parse(HEADER + ",not-an-email,12345,,口座番号\r\n" + ",,,,電話番号\r\n") == [
        RowError(2, "氏名", "氏名を入力してください"),
        RowError(2, "メールアドレス", "メールアドレスの形式が正しくありません"),
        RowError(2, "郵便番号", "郵便番号は7桁の数字で入力してください（例: 123-4567）"),
        RowError(2, "項目", "項目「口座番号」はこのキャンペーンの項目にありません"),
        RowError(3, "氏名", "氏名を入力してください"),
        RowError(3, None, UNREACHABLE),
    ]


@pytest.mark.parametrize(
    "postal_code", ["5300001", "530-0001", "５３００００１", "５３０－０００１", "530‐0001", "530ー0001", "〒530-0001"]
)
def test_postal_codes_are_normalised(postal_code: str) -> None:
    assert parse(HEADER + f"山田 太郎,,{postal_code},大阪市北区,氏名\r\n") == [
        row(2, postal_code="530-0001", address="大阪市北区")
    ]


def test_items_by_key_or_label_each_once_in_catalogue_order() -> None:
    cell = '"生年月日、name; 氏名 ,phone，住所|email；メールアドレス\n電話番号"'
    assert parse(HEADER + f"山田 太郎,yamada@example.jp,,,{cell}\r\n") == [
        row(2, email="yamada@example.jp", item_keys=("name", "email", "address", "phone", "birthdate"))
    ]


def test_a_label_holding_a_separator_is_still_one_item() -> None:
    catalogue = [DataItem("name", "氏名"), DataItem("contact", "住所、電話番号"), DataItem("address", "住所")]
    data = (HEADER + "山田 太郎,yamada@example.jp,,,住所、電話番号|氏名\r\n" + "鈴木 花子,,,大阪市,住所\r\n").encode()
    assert list(parse_recipients(io.BytesIO(data), catalogue)) == [
        row(2, email="yamada@example.jp", item_keys=("name", "contact")),
        row(3, "鈴木 花子", address="大阪市", item_keys=("address",)),
    ]


def test_blank_lines_are_skipped_and_line_numbers_stay_right() -> None:
    text = HEADER + "\r\n" + "山田 太郎,yamada@example.jp,,,氏名\r\n" + ",,,,\r\n" + " , ,　,\r\n" + ",bad,,,\r\n\r\n"
    assert parse(text) == [
        row(3, email="yamada@example.jp"),
        RowError(6, "氏名", "氏名を入力してください"),
        RowError(6, "メールアドレス", "メールアドレスの形式が正しくありません"),
        RowError(6, "項目", "項目を1つ以上入力してください"),
    ]


def test_quoted_cells_with_commas_and_line_breaks_report_the_line_a_row_starts_on() -> None:
    text = (
        HEADER
        + '"山田, 太郎",yamada@example.jp,,"大阪府大阪市北区\r\n西天満1-1-1 ""梅田ハイツ"" 101号室","氏名,住所"\r\n'
        + '鈴木 花子,suzuki@example,,"札幌市\n中央区\n北1条",氏名\r\n'
        + "佐藤 次郎,sato@example.jp,,,氏名\r\n"
    )
    assert parse(text) == [
        row(
            2,
            "山田, 太郎",
            email="yamada@example.jp",
            address='大阪府大阪市北区\r\n西天満1-1-1 "梅田ハイツ" 101号室',
            item_keys=("name", "address"),
        ),
        RowError(4, "メールアドレス", "メールアドレスの形式が正しくありません"),
        row(7, "佐藤 次郎", email="sato@example.jp"),
    ]


def test_short_rows_read_as_empty_cells_and_extra_cells_are_ignored() -> None:
    text = "氏名,項目,メールアドレス\r\n山田 太郎,氏名,yamada@example.jp,extra,more\r\n鈴木 花子,氏名\r\n佐藤 次郎\r\n"
    assert parse(text) == [
        row(2, email="yamada@example.jp"),
        RowError(3, None, UNREACHABLE),
        RowError(4, None, UNREACHABLE),
        RowError(4, "項目", "項目を1つ以上入力してください"),
    ]


def test_unnamed_trailing_columns_as_excel_writes_them_are_ignored() -> None:
    assert parse("氏名,メールアドレス,項目,,\r\n山田 太郎,yamada@example.jp,氏名,,\r\n") == [
        row(2, email="yamada@example.jp")
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("メールアドレス,住所,項目", "見出し行（1行目）: 必要な列がありません: 氏名（name）"),
        ("メールアドレス,住所", "見出し行（1行目）: 必要な列がありません: 氏名（name）、項目（items）"),
        ("氏名,郵便番号,項目", "見出し行（1行目）: メールアドレス（email）か住所（address）の列が必要です"),
        ("氏名,name,email,項目", "見出し行（1行目）: 同じ列が2つあります: 「氏名」と「name」"),
        (  # no header at all: the first person read as one
            "山田 太郎,yamada@example.jp,大阪市北区,電話番号",
            "見出し行（1行目）: 必要な列がありません: 氏名（name）、項目（items）。"
            "メールアドレス（email）か住所（address）の列が必要です",
        ),
    ],
)
def test_a_header_without_the_needed_columns_rejects_the_file(header: str, message: str) -> None:
    assert parse_until_error(f"{header}\r\n山田 太郎,yamada@example.jp,,,氏名\r\n".encode()) == ([], message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ファイルが空です（1行目に見出し行が必要です）"),
        (
            HEADER.encode("utf-16"),
            "UTF-16 のファイルは読み取れません。「CSV UTF-8（コンマ区切り）」で保存し直してください",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "Excel ブック（.xlsx）のままです。「CSV UTF-8（コンマ区切り）」で保存し直してください",
        ),
    ],
)
def test_files_that_are_not_a_csv_list(data: bytes, message: str) -> None:
    assert parse_until_error(data) == ([], message)


def test_a_utf8_file_declared_shift_jis_is_refused() -> None:
    data = JAPANESE_LIST.encode("utf-8-sig")
    assert parse_until_error(data, "shift_jis") == (
        [],
        "UTF-8（BOM付き）で保存されたファイルです。文字コードの指定を確認してください",
    )


def test_a_quote_left_open_rejects_the_file_at_the_line_it_opens() -> None:
    data = (
        HEADER + "山田 太郎,yamada@example.jp,,,氏名\r\n" + '鈴木 花子,"suzuki@example.jp,,,氏名\r\n' + "佐藤,,,,\r\n"
    ).encode()
    assert parse_until_error(data) == (
        [row(2, email="yamada@example.jp")],
        '3行目: CSV の形式が正しくありません（引用符 " が閉じられているか確認してください）',
    )


@pytest.mark.parametrize("rows_before", [1, 5_000])  # 5,000 rows: the bad byte lies far past the first read
def test_a_byte_that_is_not_utf8_names_its_line(rows_before: int) -> None:
    good = "".join(f"山田 太郎,user{number}@example.jp,,,氏名\r\n" for number in range(rows_before))
    data = (
        (HEADER + good).encode() + "鈴木 花子,,,".encode() + "大阪市".encode("cp932") + b",\xe6\xb0\x8f\xe5\x90\x8d\r\n"
    )
    data += "佐藤 次郎,sato@example.jp,,,氏名\r\n".encode()
    results, message = parse_until_error(data, "utf-8")
    assert len(results) == rows_before
    assert results[-1] == row(rows_before + 1, email=f"user{rows_before - 1}@example.jp")
    assert message == f"{rows_before + 2}行目: 文字コードを読み取れません（UTF-8 か Shift_JIS で保存してください）"


def test_a_damaged_utf8_file_is_refused_at_the_damage_not_read_as_shift_jis() -> None:
    data = JAPANESE_LIST.encode() + "佐藤 次郎,,,".encode() + b"\xff" + "大阪市,氏名\r\n".encode()
    results, message = parse_until_error(data)
    assert results == JAPANESE_ROWS
    assert message == "4行目: 文字コードを読み取れません（UTF-8 か Shift_JIS で保存してください）"


def test_shift_jis_is_recognised_even_after_a_long_ascii_start() -> None:
    text = "name,email,items\r\n" + "".join(f"Taro Yamada,user{n}@example.jp,name\r\n" for n in range(3_000))
    text += "髙橋 一郎,takahashi@example.jp,氏名\r\n"
    data = text.encode("cp932")
    assert len(data.split("髙".encode("cp932"))[0]) > 64 * 1024
    results = list(parse_recipients(io.BytesIO(data), CATALOGUE))
    assert len(results) == 3_001
    assert results[-1] == row(3_002, "髙橋 一郎", email="takahashi@example.jp")


def test_a_catalogue_without_items_or_with_a_key_twice_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no data items"):
        next(parse_recipients(io.BytesIO(JAPANESE_LIST.encode()), []))
    with pytest.raises(ValueError, match="key twice"):
        next(parse_recipients(io.BytesIO(JAPANESE_LIST.encode()), [DataItem("a", "A"), DataItem("a", "B")]))


class CountingStream(io.BytesIO):
    """A BytesIO that counts the bytes handed out."""

    bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def generated_list(rows: int) -> Iterator[str]:
    yield HEADER
    for number in range(rows):
        items = "氏名|住所" if number % 3 else "name,email"
        yield f'利用者 {number},user{number}@example.jp,530-0001,大阪市北区,"{items}"\r\n'


def test_a_long_list_is_read_lazily() -> None:
    stream = CountingStream("".join(generated_list(200_000)).encode())
    size = len(stream.getbuffer())
    results = parse_recipients(stream, CATALOGUE)

    assert next(results) == row(
        2,
        "利用者 0",
        email="user0@example.jp",
        postal_code="530-0001",
        address="大阪市北区",
        item_keys=("name", "email"),
    )
    assert stream.bytes_read < size / 20

    count, last = 1, None
    for result in results:
        count, last = count + 1, result
    assert count == 200_000
    assert last == row(
        200_001,
        "利用者 199999",
        email="user199999@example.jp",
        postal_code="530-0001",
        address="大阪市北区",
        item_keys=("name", "address"),
    )
    assert stream.bytes_read == size
