"""What mints (the courts' e-filing system) takes besides the PDFs: file names of at most 50 characters, and
the parties of a filing with many parties as a CSV file.

The courts' CSV template for many parties is not public; this CSV carries the columns of the 当事者目録
(kind of party, number, name, representative, postal code, address), one party per line, in Shift_JIS as
Japanese court and office software expects, with a header line. Check it against the template the court
hands out before the first filing.
"""

from __future__ import annotations

import csv
import io

from docs_render.claims.schemas import FilingSettings, Parties
from docs_render.filings.base import PARTY_TITLES

MAX_FILENAME_CHARS = 50  # mints counts full- and half-width characters alike, extension included

CSV_HEADER = ["当事者の区分", "番号", "氏名又は名称", "代表者", "郵便番号", "住所", "送達場所"]


class FilenameTooLong(ValueError):
    pass


def checked_filename(name: str) -> str:
    if len(name) > MAX_FILENAME_CHARS:
        raise FilenameTooLong(f"{name}: {len(name)} characters; mints takes at most {MAX_FILENAME_CHARS}")
    return name


def party_list_csv(parties: Parties, settings: FilingSettings) -> bytes:
    ours, theirs = PARTY_TITLES[parties.proceeding.kind]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in parties.plaintiffs:
        writer.writerow([ours, p.number, p.name, p.representative or "", p.postal_code or "", p.address or "", ""])
    office = settings.office
    for counsel in settings.counsel:
        writer.writerow(
            [
                f"{ours}ら代理人",
                "",
                f"{counsel.title}　{counsel.name}",
                "",
                office.postal_code,
                office.address,
                office.name + "（送達場所）" if office.name else "送達場所",
            ]
        )
    case = parties.case
    writer.writerow(
        [
            theirs,
            "",
            case.defendant_name or "",
            case.defendant_representative or "",
            "",
            case.defendant_address or "",
            "",
        ]
    )
    return out.getvalue().encode("cp932", errors="strict")
