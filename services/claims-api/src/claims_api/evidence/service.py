"""Exhibits (甲号証): numbering, metadata, renumbering and file versions.

Files go straight to S3: a presigned PUT, then completion checked against the stored object (size and
SHA-256); each completed upload becomes the next version of the exhibit, older versions stay downloadable.
"""

from __future__ import annotations

import logging
import unicodedata
import uuid
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from botocore.exceptions import ClientError
from sqlalchemy import and_, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, Conflict, FieldError, Invalid, NotFound
from bengodan_common.etag import require_match
from bengodan_common.s3 import object_sha256
from bengodan_common.settings import S3Settings
from claims_api.audit import service as audit
from claims_api.cases.models import ProceedingMember
from claims_api.cases.service import get_case
from claims_api.claim_table.service import scope
from claims_api.claimants.models import Claimant
from claims_api.claimants.service import get as get_claimant
from claims_api.evidence import numbering
from claims_api.evidence.models import Exhibit, ExhibitUpload, ExhibitVersion
from claims_api.evidence.schemas import (
    ClaimantExhibitsRenumber,
    ExhibitCreate,
    ExhibitPage,
    ExhibitRead,
    ExhibitRenumber,
    ExhibitUpdate,
    ExhibitVersionRead,
    UploadRequest,
    UploadTicket,
    VersionDownload,
)

log = logging.getLogger(__name__)

ENTITY = "exhibit"

# --- reading ---------------------------------------------------------------------------------------------


def _version_read(version: ExhibitVersion) -> ExhibitVersionRead:
    return ExhibitVersionRead(
        version=version.version,
        filename=version.filename,
        content_type=version.content_type,
        size=version.size,
        sha256=version.sha256,
        uploaded_at=version.created_at,
        uploaded_by=version.uploaded_by,
    )


def to_read(exhibit: Exhibit, current: ExhibitVersion | None) -> ExhibitRead:
    assert exhibit.id is not None, "flushed exhibits have ids"
    return ExhibitRead(
        id=exhibit.id,
        case_id=exhibit.case_id,
        claimant_id=exhibit.claimant_id,
        side=exhibit.side,
        number=exhibit.number,
        branch=exhibit.branch,
        slot=exhibit.slot,
        slot_name=numbering.SLOT_NAMES.get(exhibit.slot) if exhibit.slot is not None else None,
        label=numbering.label(exhibit),
        short_label=numbering.label(exhibit, long=False),
        title=exhibit.title,
        original_or_copy=exhibit.original_or_copy,
        made_on=exhibit.made_on,
        author=exhibit.author,
        purpose=exhibit.purpose,
        note=exhibit.note,
        created_at=exhibit.created_at,
        updated_at=exhibit.updated_at,
        current_version=_version_read(current) if current is not None else None,
    )


def current_versions(session: Session, exhibit_ids: list[int]) -> dict[int, ExhibitVersion]:
    """The newest version of each exhibit, one query for the batch."""
    if not exhibit_ids:
        return {}
    newest = (
        select(ExhibitVersion.exhibit_id, func.max(ExhibitVersion.version).label("version"))
        .where(col(ExhibitVersion.exhibit_id).in_(exhibit_ids))
        .group_by(col(ExhibitVersion.exhibit_id))
        .subquery()
    )
    rows = session.exec(
        select(ExhibitVersion).join(
            newest,
            sa.and_(
                col(ExhibitVersion.exhibit_id) == newest.c.exhibit_id,
                col(ExhibitVersion.version) == newest.c.version,
            ),
        )
    )
    return {row.exhibit_id: row for row in rows}


def _read_many(session: Session, exhibits: list[Exhibit]) -> list[ExhibitRead]:
    current = current_versions(session, [e.id for e in exhibits if e.id is not None])
    return [to_read(e, current.get(e.id or 0)) for e in exhibits]


def _read(session: Session, exhibit: Exhibit) -> ExhibitRead:
    return _read_many(session, [exhibit])[0]


def _ordered(query: Any) -> Any:
    # 甲 before 乙, then by number and branch (a number is either branchless or branched, never both).
    return query.order_by(
        sa.case((col(Exhibit.side) == "甲", 0), else_=1), col(Exhibit.number), col(Exhibit.branch), col(Exhibit.id)
    )


def _get(session: Session, exhibit_id: int) -> Exhibit:
    exhibit = session.get(Exhibit, exhibit_id)
    if exhibit is None:
        raise NotFound("exhibit", exhibit_id)
    return exhibit


def get(*, session: Session, exhibit_id: int) -> ExhibitRead:
    return _read(session, _get(session, exhibit_id))


def list_case(
    *,
    session: Session,
    case_id: int,
    claimant_id: int | None = None,
    common: bool | None = None,
    proceeding_id: int | None = None,
    limit: int = 500,
    offset: int = 0,
) -> ExhibitPage:
    """A case's exhibits in label order; `claimant_id` narrows to one claimant's, `common` to the common ones
    (true) or the per-claimant ones (false), `proceeding_id` to the common ones and those of the proceeding's
    members (404 for a proceeding of another case)."""
    scope(session, case_id, proceeding_id)
    conditions: list[Any] = [Exhibit.case_id == case_id]
    if proceeding_id is not None:
        members = select(ProceedingMember.claimant_id).where(ProceedingMember.proceeding_id == proceeding_id)
        conditions.append(or_(col(Exhibit.claimant_id).is_(None), col(Exhibit.claimant_id).in_(members)))
    if claimant_id is not None:
        conditions.append(Exhibit.claimant_id == claimant_id)
    if common is True:
        conditions.append(col(Exhibit.claimant_id).is_(None))
    elif common is False:
        conditions.append(col(Exhibit.claimant_id).is_not(None))
    total = session.exec(select(func.count()).select_from(Exhibit).where(*conditions)).one()
    exhibits = list(session.exec(_ordered(select(Exhibit).where(*conditions)).limit(limit).offset(offset)))
    return ExhibitPage(items=_read_many(session, exhibits), total=total, limit=limit, offset=offset)


def list_claimant(*, session: Session, claimant_id: int, include_common: bool = False) -> list[ExhibitRead]:
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    own: Any = col(Exhibit.claimant_id) == claimant_id
    if include_common:
        own = or_(own, and_(col(Exhibit.case_id) == claimant.case_id, col(Exhibit.claimant_id).is_(None)))
    exhibits = list(session.exec(_ordered(select(Exhibit).where(own))))
    return _read_many(session, exhibits)


# --- changing --------------------------------------------------------------------------------------------


def _snapshot(read: ExhibitRead) -> dict[str, object]:
    return read.model_dump(
        mode="json",
        include={"label", "slot", "title", "original_or_copy", "made_on", "author", "purpose", "note"},
    )


def _flush(session: Session) -> None:
    """Flush; a label taken by a concurrent request since it was checked is a 409, not a 500."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict("the exhibit number was taken at the same moment by another change; reload and retry") from exc


def _claimant_in_case(session: Session, claimant_id: int, case_id: int) -> Claimant:
    claimant = session.get(Claimant, claimant_id)
    if claimant is None or claimant.case_id != case_id:
        raise Invalid("claimant_id", f"claimant {claimant_id} is not a claimant of case {case_id}")
    return claimant


def create(*, session: Session, case_id: int, data: ExhibitCreate, actor: Principal | str) -> ExhibitRead:
    get_case(session=session, case_id=case_id)
    numbering.lock_case(session, case_id)
    if data.claimant_id is None:
        if data.slot is not None:
            raise Invalid("slot", "only a claimant's own exhibits have a damage schedule slot")
        number = data.number or numbering.next_free_number(session, case_id=case_id, side=data.side)
        branch = data.branch
    else:
        claimant = _claimant_in_case(session, data.claimant_id, case_id)
        if data.slot is None:
            raise Invalid("slot", "a claimant's exhibit needs its damage schedule slot (1 contract … 6 other)")
        if data.side != "甲":
            raise Invalid("side", "a claimant's own exhibits are 甲号証")
        own = numbering.claimant_number(session, claimant_id=data.claimant_id)
        if data.number is not None and own is not None and data.number != own:
            raise Conflict(
                f"the exhibits of claimant {claimant.id} are numbered 甲第{own}号証; "
                "move them together with the claimant's renumber"
            )
        number = data.number or own or numbering.next_free_number(session, case_id=case_id, side="甲")
        branch = data.branch or numbering.claimant_branch(session, case_id=case_id, number=number, slot=data.slot)
    numbering.require_free(
        session, case_id=case_id, side=data.side, number=number, branch=branch, claimant_id=data.claimant_id
    )
    exhibit = Exhibit(
        case_id=case_id,
        claimant_id=data.claimant_id,
        side=data.side,
        number=number,
        branch=branch,
        slot=data.slot,
        title=data.title,
        original_or_copy=data.original_or_copy,
        made_on=data.made_on,
        author=data.author,
        purpose=data.purpose,
        note=data.note,
    )
    session.add(exhibit)
    _flush(session)
    read = to_read(exhibit, None)
    audit.record(
        session=session,
        actor=actor,
        action="exhibit.create",
        entity=ENTITY,
        entity_id=exhibit.id,
        detail={"case_id": case_id, "claimant_id": exhibit.claimant_id},
        after=_snapshot(read),
    )
    return read


def update(
    *, session: Session, exhibit_id: int, data: ExhibitUpdate, actor: Principal, if_match: str | None = None
) -> ExhibitRead:
    exhibit = _get(session, exhibit_id)
    before = _read(session, exhibit)
    require_match(if_match, before)
    changes = data.model_dump(exclude_unset=True)
    for name in ("title", "original_or_copy", "author", "purpose", "note"):
        if name in changes and changes[name] is None:
            raise Invalid(name, "cannot be null")
    if "slot" in changes:
        if exhibit.claimant_id is None and changes["slot"] is not None:
            raise Invalid("slot", "only a claimant's own exhibits have a damage schedule slot")
        if exhibit.claimant_id is not None and changes["slot"] is None:
            raise Invalid("slot", "a claimant's exhibit keeps a damage schedule slot")
    for name, value in changes.items():
        setattr(exhibit, name, value)
    exhibit.updated_at = utcnow()
    session.add(exhibit)
    session.flush()
    after = _read(session, exhibit)
    audit.record(
        session=session,
        actor=actor,
        action="exhibit.update",
        entity=ENTITY,
        entity_id=exhibit.id,
        detail={"case_id": exhibit.case_id, "claimant_id": exhibit.claimant_id},
        before=_snapshot(before),
        after=_snapshot(after),
    )
    return after


def _record_renumber(
    session: Session, exhibit: Exhibit, before_label: str, actor: Principal, *, claimant_block: bool
) -> None:
    audit.record(
        session=session,
        actor=actor,
        action="exhibit.renumber",
        entity=ENTITY,
        entity_id=exhibit.id,
        detail={"case_id": exhibit.case_id, "claimant_id": exhibit.claimant_id, "claimant_block": claimant_block},
        before={"label": before_label},
        after={"label": numbering.label(exhibit)},
    )


def renumber(
    *, session: Session, exhibit_id: int, data: ExhibitRenumber, actor: Principal, if_match: str | None = None
) -> ExhibitRead:
    """Give one exhibit another number or branch; 409 when the label is taken or breaks a numbering rule."""
    exhibit = _get(session, exhibit_id)
    require_match(if_match, _read(session, exhibit))
    numbering.lock_case(session, exhibit.case_id)
    if (data.number, data.branch) == (exhibit.number, exhibit.branch):
        return _read(session, exhibit)
    if exhibit.claimant_id is not None:
        if data.branch is None:
            raise Invalid("branch", "a claimant's exhibits always have a branch")
        own = numbering.claimant_number(session, claimant_id=exhibit.claimant_id, exclude_id=exhibit.id)
        if own is not None and data.number != own:
            raise Conflict(
                f"the other exhibits of claimant {exhibit.claimant_id} are numbered 甲第{own}号証; "
                "move them together with the claimant's renumber"
            )
    numbering.require_free(
        session,
        case_id=exhibit.case_id,
        side=exhibit.side,
        number=data.number,
        branch=data.branch,
        claimant_id=exhibit.claimant_id,
        exclude_id=exhibit.id,
    )
    before_label = numbering.label(exhibit)
    exhibit.number, exhibit.branch = data.number, data.branch
    exhibit.updated_at = utcnow()
    session.add(exhibit)
    _flush(session)
    _record_renumber(session, exhibit, before_label, actor, claimant_block=False)
    return _read(session, exhibit)


def renumber_claimant(
    *, session: Session, claimant_id: int, data: ClaimantExhibitsRenumber, actor: Principal
) -> list[ExhibitRead]:
    """Move all of a claimant's exhibits to number N (branches kept); N must not be used by any other exhibit."""
    claimant = get_claimant(session=session, claimant_id=claimant_id)
    numbering.lock_case(session, claimant.case_id)
    exhibits = list(session.exec(_ordered(select(Exhibit).where(Exhibit.claimant_id == claimant_id))))
    if not exhibits:
        raise Conflict(f"claimant {claimant_id} has no exhibits to renumber")
    taken = [
        e
        for e in numbering.holders(session, case_id=claimant.case_id, side="甲", number=data.number)
        if e.claimant_id != claimant_id
    ]
    if taken:
        raise Conflict(f"甲第{data.number}号証 is already used by {numbering.label(taken[0])} ({taken[0].title})")
    moved = [(e, numbering.label(e)) for e in exhibits if e.number != data.number]
    for exhibit, _ in moved:
        exhibit.number = data.number
        exhibit.updated_at = utcnow()
        session.add(exhibit)
    _flush(session)
    for exhibit, before_label in moved:
        _record_renumber(session, exhibit, before_label, actor, claimant_block=True)
    return _read_many(session, exhibits)


# --- file versions ---------------------------------------------------------------------------------------


def _safe_filename(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_").strip() or "file"
    return "".join(ch for ch in name if ch.isprintable())[:200]


def request_upload(
    *,
    session: Session,
    s3_public: Any,
    s3_settings: S3Settings,
    max_bytes: int,
    exhibit_id: int,
    data: UploadRequest,
    actor: Principal,
) -> UploadTicket:
    """A presigned PUT URL for the next file version of the exhibit."""
    _get(session, exhibit_id)
    if data.size > max_bytes:
        raise Invalid("size", f"the file is larger than the limit of {max_bytes} bytes")
    upload_id = uuid.uuid4().hex
    filename = _safe_filename(data.filename)
    key = f"evidence/exhibit-{exhibit_id}/{upload_id}/{filename}"
    expires_at = utcnow() + timedelta(seconds=s3_settings.presign_ttl_seconds)
    url = s3_public.generate_presigned_url(
        "put_object",
        Params={"Bucket": s3_settings.bucket, "Key": key, "ContentType": data.content_type},
        ExpiresIn=s3_settings.presign_ttl_seconds,
    )
    session.add(
        ExhibitUpload(
            id=upload_id,
            exhibit_id=exhibit_id,
            s3_key=key,
            filename=filename,
            content_type=data.content_type,
            size=data.size,
            sha256=data.sha256,
            requested_by=actor.sub,
            expires_at=expires_at,
        )
    )
    return UploadTicket(
        upload_id=upload_id, url=url, headers={"Content-Type": data.content_type}, expires_at=expires_at
    )


def _discard_object(s3: Any, bucket: str, key: str) -> None:
    """Remove every version of a rejected upload so nothing unrecorded stays in the bucket."""
    try:
        versions = s3.list_object_versions(Bucket=bucket, Prefix=key)
        for entry in versions.get("Versions", []) + versions.get("DeleteMarkers", []):
            if entry["Key"] == key:
                s3.delete_object(Bucket=bucket, Key=key, VersionId=entry["VersionId"])
    except ClientError:
        log.exception("could not discard rejected upload object")


def complete_upload(
    *, session: Session, s3: Any, s3_settings: S3Settings, exhibit_id: int, upload_id: str, actor: Principal
) -> ExhibitVersionRead:
    """Record the uploaded file as the exhibit's next version after checking its size and SHA-256."""
    upload = session.get(ExhibitUpload, upload_id)
    if upload is None or upload.exhibit_id != exhibit_id:
        raise NotFound("upload", upload_id)
    # Lock the exhibit: concurrent completions get consecutive version numbers.
    exhibit = session.exec(select(Exhibit).where(Exhibit.id == exhibit_id).with_for_update()).one()
    bucket = s3_settings.bucket
    try:
        head = s3.head_object(Bucket=bucket, Key=upload.s3_key)
    except ClientError as exc:
        raise AppError(
            409,
            "upload-missing",
            "Upload not found in storage",
            "The file has not been uploaded to the presigned URL",
        ) from exc
    sha256, size = object_sha256(s3, bucket, upload.s3_key)
    mismatches = []
    if size != upload.size:
        mismatches.append(("size", f"declared {upload.size} bytes, stored object has {size} bytes"))
    if sha256 != upload.sha256:
        mismatches.append(("sha256", "declared SHA-256 does not match the stored object"))
    if mismatches:
        # Nothing is recorded; the object is removed so the bucket holds only recorded files.
        _discard_object(s3, bucket, upload.s3_key)
        raise AppError(
            422,
            "upload-mismatch",
            "Upload rejected",
            "; ".join(f"{field}: {reason}" for field, reason in mismatches),
            errors=[FieldError(field=field, reason=reason) for field, reason in mismatches],
        )
    highest = session.exec(
        select(func.max(ExhibitVersion.version)).where(ExhibitVersion.exhibit_id == exhibit_id)
    ).one()
    version = ExhibitVersion(
        exhibit_id=exhibit_id,
        version=(highest or 0) + 1,
        filename=upload.filename,
        content_type=upload.content_type,
        s3_key=upload.s3_key,
        s3_version_id=head.get("VersionId"),
        size=size,
        sha256=sha256,
        uploaded_by=actor.sub,
    )
    session.add(version)
    session.delete(upload)
    exhibit.updated_at = utcnow()
    session.add(exhibit)
    _flush(session)
    audit.record(
        session=session,
        actor=actor,
        action="exhibit.version",
        entity=ENTITY,
        entity_id=exhibit_id,
        detail={
            "label": numbering.label(exhibit),
            "version": version.version,
            "filename": version.filename,
            "sha256": sha256,
            "size": size,
        },
    )
    return _version_read(version)


def list_versions(*, session: Session, exhibit_id: int) -> list[ExhibitVersionRead]:
    _get(session, exhibit_id)
    rows = session.exec(
        select(ExhibitVersion).where(ExhibitVersion.exhibit_id == exhibit_id).order_by(col(ExhibitVersion.version))
    )
    return [_version_read(row) for row in rows]


def download_url(
    *, session: Session, s3_public: Any, s3_settings: S3Settings, exhibit_id: int, version: int
) -> VersionDownload:
    """A presigned GET of one file version (current or older)."""
    _get(session, exhibit_id)
    row = session.exec(
        select(ExhibitVersion).where(ExhibitVersion.exhibit_id == exhibit_id, ExhibitVersion.version == version)
    ).first()
    if row is None:
        raise NotFound("version", f"{version} of exhibit {exhibit_id}")
    url, expires_at = presigned_get(s3_public, s3_settings, row)
    return VersionDownload(version=row.version, filename=row.filename, url=url, expires_at=expires_at)


def presigned_get(
    s3_public: Any, s3_settings: S3Settings, version: ExhibitVersion, *, ttl_seconds: int | None = None
) -> tuple[str, datetime]:
    """A GET URL of exactly this stored object (its S3 version when the bucket keeps versions), and its expiry."""
    params: dict[str, Any] = {"Bucket": s3_settings.bucket, "Key": version.s3_key}
    if version.s3_version_id:
        params["VersionId"] = version.s3_version_id
    ttl = ttl_seconds or s3_settings.presign_ttl_seconds
    url = s3_public.generate_presigned_url("get_object", Params=params, ExpiresIn=ttl)
    return url, utcnow() + timedelta(seconds=ttl)
