"""Recipient lists uploaded in bulk (up to a million rows): read as a stream, stored in batches, each committed
with the import's progress, so that memory stays flat and a progress bar can follow. The rows of an import count
only once it has succeeded; one that fails, or that a crash cut off, is emptied."""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, Any, Literal

from sqlalchemy import JSON, Table, delete, insert, or_, update
from sqlalchemy import select as sa_select  # sqlmodel's select takes at most four columns
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import Invalid, NotFound
from notify.campaigns.models import Campaign, Recipient, RecipientImport, RecipientImportError
from notify.campaigns.recipients_csv import DataItem, RecipientRow, RecipientsFileError, RowError, parse_recipients

log = logging.getLogger(__name__)

Encoding = Literal["auto", "utf-8", "shift_jis"]
BATCH_ROWS = 5_000
COPY_CHUNK = 1 << 20
# A million recipients take about 80 MB; far larger is not a recipient list.
MAX_UPLOAD_BYTES = 400 * 1024 * 1024
# An import whose progress has not moved for this long was cut off (its process stopped).
STALLED_AFTER = timedelta(minutes=10)
CUT_OFF = "取込みが中断されました（サーバの停止）。もう一度アップロードしてください。"
FAILED = "取込み中にエラーが発生しました。もう一度アップロードしてください。"


def keep_upload(upload: IO[bytes]) -> tuple[Path, int]:
    """The uploaded file copied to a temporary file of our own (the request's copy is gone when the import runs
    after the response), and its size; Invalid (nothing kept) past MAX_UPLOAD_BYTES."""
    with tempfile.NamedTemporaryFile(prefix="bengodan-recipients-", suffix=".csv", delete=False) as kept:
        path = Path(kept.name)
        while chunk := upload.read(COPY_CHUNK):
            kept.write(chunk)
            if kept.tell() > MAX_UPLOAD_BYTES:
                kept.close()
                path.unlink()
                raise Invalid("file", f"the file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
        return path, kept.tell()


def start(
    *, session: Session, campaign_id: int, filename: str, encoding: Encoding, size: int, actor: Principal
) -> RecipientImport:
    if session.get(Campaign, campaign_id) is None:
        raise NotFound("campaign", campaign_id)
    started = RecipientImport(
        campaign_id=campaign_id,
        filename=filename[:255],
        encoding=encoding,
        bytes_total=size,
        created_by=actor.sub,
    )
    session.add(started)
    session.flush()
    return started


def catalogue_of(campaign: Campaign) -> list[DataItem]:
    return [DataItem(item["key"], item["label"]) for item in campaign.data_items]


@dataclass
class _Batch:
    recipients: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    rows_valid: int = 0
    rows_invalid: int = 0
    last_invalid_line: int = 0

    def add(self, item: RecipientRow | RowError, *, campaign_id: int, import_id: int) -> None:
        if isinstance(item, RowError):
            self.errors.append(
                {"import_id": import_id, "line": item.line, "column": item.column, "reason": item.reason}
            )
            if item.line != self.last_invalid_line:  # several errors of one line: one invalid row
                self.rows_invalid += 1
                self.last_invalid_line = item.line
            return
        self.rows_valid += 1
        self.recipients.append(
            {
                "campaign_id": campaign_id,
                "import_id": import_id,
                "line": item.line,
                "name": item.name,
                "email": item.email,
                "postal_code": item.postal_code,
                "address": item.address,
                "item_keys": list(item.item_keys),
            }
        )

    @property
    def full(self) -> bool:
        return len(self.recipients) + len(self.errors) >= BATCH_ROWS


def person_key(name: str, email: str | None, address: str | None) -> int:
    """The same person as far as a list can tell: the name (NFKC, without spaces) with the e-mail address, or with
    the postal address when there is no e-mail. 8 bytes of a hash, so a million of them stay small."""
    reach = email.lower() if email else "".join(unicodedata.normalize("NFKC", address or "").split())
    identity = "".join(unicodedata.normalize("NFKC", name).split()) + "\x1f" + reach
    return int.from_bytes(hashlib.blake2b(identity.encode(), digest_size=8).digest(), "big")


class _SeenInFile:
    """Who this file has listed so far: a person listed twice would get two notices, each with part of the items."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}

    def check(self, row: RecipientRow) -> RecipientRow | RowError:
        key = person_key(row.name, row.email, row.address)
        earlier = self.lines.setdefault(key, row.line)
        if earlier == row.line:
            return row
        return RowError(row.line, None, f"{earlier}行目と同じ人です。項目を1行にまとめてください。")


def run(*, engine: Engine, import_id: int, path: Path) -> None:
    """Read the kept file into the import's rows (in the background, after the response); the file is removed."""
    try:
        with Session(engine) as session:
            started = session.get(RecipientImport, import_id)
            campaign = session.get(Campaign, started.campaign_id) if started is not None else None
            if started is None or campaign is None:
                return
            campaign_id, encoding, catalogue = campaign.id or 0, started.encoding, catalogue_of(campaign)
        with path.open("rb") as stream:
            batch, seen = _Batch(), _SeenInFile()
            for item in parse_recipients(stream, catalogue, encoding=encoding):  # type: ignore[arg-type]
                if isinstance(item, RecipientRow):
                    item = seen.check(item)
                batch.add(item, campaign_id=campaign_id, import_id=import_id)
                if batch.full:
                    _store(engine, import_id, batch, bytes_read=stream.tell())
        _store(engine, import_id, batch, bytes_read=path.stat().st_size, finished=True)
    except RecipientsFileError as exc:
        _fail(engine, import_id, str(exc))
    except Exception:
        log.exception("recipient import %s failed", import_id)
        _fail(engine, import_id, FAILED)
    finally:
        path.unlink(missing_ok=True)


def _store(engine: Engine, import_id: int, batch: _Batch, *, bytes_read: int, finished: bool = False) -> None:
    """The batch's rows and the import's progress in one transaction; the batch is emptied."""
    with Session(engine) as session:
        _leave_out_known(session, import_id, batch)
        _insert_rows(session, _table(Recipient), batch.recipients)
        _insert_rows(session, _table(RecipientImportError), batch.errors)
        values: dict[str, Any] = {
            "bytes_read": bytes_read,
            "rows_valid": batch.rows_valid,
            "rows_invalid": batch.rows_invalid,
            "updated_at": utcnow(),
        }
        if finished:
            values |= {"status": "succeeded", "finished_at": utcnow()}
        session.execute(update(RecipientImport).where(col(RecipientImport.id) == import_id).values(**values))
        session.commit()
    batch.recipients.clear()
    batch.errors.clear()


def _leave_out_known(session: Session, import_id: int, batch: _Batch) -> None:
    """Rows of people an earlier import of the campaign already lists become errors of this one."""
    if not batch.recipients:
        return
    campaign_id = batch.recipients[0]["campaign_id"]
    emails = {row["email"] for row in batch.recipients if row["email"]}
    addresses = {row["address"] for row in batch.recipients if not row["email"] and row["address"]}
    known = session.execute(
        sa_select(
            col(Recipient.name),
            col(Recipient.email),
            col(Recipient.address),
            col(Recipient.import_id),
            col(Recipient.line),
        ).where(
            col(Recipient.campaign_id) == campaign_id,
            col(Recipient.import_id).in_(
                select(col(RecipientImport.id)).where(
                    col(RecipientImport.campaign_id) == campaign_id, col(RecipientImport.status) == "succeeded"
                )
            ),
            or_(col(Recipient.email).in_(emails), col(Recipient.address).in_(addresses)),
        )
    ).all()
    if not known:
        return
    listed = {person_key(name, email, address): (other, line) for name, email, address, other, line in known}
    kept = []
    for row in batch.recipients:
        earlier = listed.get(person_key(row["name"], row["email"], row["address"]))
        if earlier is None:
            kept.append(row)
            continue
        reason = f"取込み{earlier[0]}の{earlier[1]}行目と同じ人です。項目を1行にまとめてください。"
        batch.errors.append({"import_id": import_id, "line": row["line"], "column": None, "reason": reason})
        batch.rows_valid -= 1
        batch.rows_invalid += 1
    batch.recipients[:] = kept


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Many rows into a table in the session's transaction: COPY on PostgreSQL (an executemany sends each row as
    a statement of its own: 4,000 rows/s), else one executemany of Core's insert (the ORM's bulk insert ran one
    INSERT per row on SQLite)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    json_columns = {name for name in names if isinstance(table.c[name].type, JSON)}
    quote = connection.dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
    driver = connection.connection.driver_connection  # psycopg's connection, in the session's transaction
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [json.dumps(row[name], ensure_ascii=False) if name in json_columns else row[name] for name in names]
            )


def _fail(engine: Engine, import_id: int, reason: str) -> None:
    """The import failed: none of its rows stay, the reason does."""
    with Session(engine) as session:
        session.execute(delete(Recipient).where(col(Recipient.import_id) == import_id))
        session.execute(delete(RecipientImportError).where(col(RecipientImportError.import_id) == import_id))
        session.execute(
            update(RecipientImport)
            .where(col(RecipientImport.id) == import_id)
            .values(status="failed", error=reason[:1000], finished_at=utcnow(), updated_at=utcnow())
        )
        session.commit()


def fail_stalled(engine: Engine) -> int:
    """Imports cut off by a stopped process (no progress for STALLED_AFTER) are failed and emptied."""
    with Session(engine) as session:
        stalled = session.exec(
            select(RecipientImport.id).where(
                col(RecipientImport.status) == "running", col(RecipientImport.updated_at) < utcnow() - STALLED_AFTER
            )
        ).all()
    for import_id in stalled:
        _fail(engine, import_id or 0, CUT_OFF)
    return len(stalled)


def list_imports(
    *, session: Session, campaign_id: int, limit: int, offset: int
) -> tuple[Sequence[RecipientImport], int]:
    """The campaign's uploads, newest first."""
    where = col(RecipientImport.campaign_id) == campaign_id
    rows = session.exec(
        select(RecipientImport).where(where).order_by(col(RecipientImport.id).desc()).limit(limit).offset(offset)
    ).all()
    return rows, session.exec(select(func.count()).select_from(RecipientImport).where(where)).one()


def get(*, session: Session, campaign_id: int, import_id: int) -> RecipientImport:
    found = session.get(RecipientImport, import_id)
    if found is None or found.campaign_id != campaign_id:
        raise NotFound("import", import_id)
    return found


ERRORS_HEADER = ("行", "列", "内容")


def error_rows(*, engine: Engine, import_id: int) -> Iterator[tuple[int, str, str]]:
    """The import's problems (line, column, reason), read in pages of BATCH_ROWS in a session of their own: a
    download streams after the request's session has closed."""
    after = 0
    with Session(engine) as session:
        while True:
            page = session.exec(
                select(RecipientImportError)
                .where(col(RecipientImportError.import_id) == import_id, col(RecipientImportError.id) > after)
                .order_by(col(RecipientImportError.id))
                .limit(BATCH_ROWS)
            ).all()
            if not page:
                return
            for error in page:
                yield error.line, error.column or "", error.reason
            after = page[-1].id or 0


def recipients(*, session: Session, campaign_id: int, limit: int, offset: int) -> tuple[Sequence[Recipient], int]:
    """The campaign's recipients from the imports that succeeded, in upload order."""
    done = select(RecipientImport.id).where(
        col(RecipientImport.campaign_id) == campaign_id, col(RecipientImport.status) == "succeeded"
    )
    where = (col(Recipient.campaign_id) == campaign_id, col(Recipient.import_id).in_(done))
    rows = session.exec(select(Recipient).where(*where).order_by(col(Recipient.id)).limit(limit).offset(offset)).all()
    total = session.exec(select(func.count()).select_from(Recipient).where(*where)).one()
    return rows, total
