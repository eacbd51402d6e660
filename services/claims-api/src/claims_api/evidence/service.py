"""Evidence upload straight to S3: a presigned PUT, then completion checked against the stored object."""

from __future__ import annotations

import logging
import unicodedata
import uuid
from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError
from sqlmodel import Session, col, select

from bengodan_common.auth import Principal
from bengodan_common.db import utcnow
from bengodan_common.errors import AppError, FieldError, Invalid, NotFound
from bengodan_common.s3 import object_sha256
from bengodan_common.settings import S3Settings
from claims_api.audit import service as audit
from claims_api.claimants.service import get as get_claimant
from claims_api.evidence.models import Evidence, EvidenceUpload
from claims_api.evidence.schemas import EvidenceDownload, UploadRequest, UploadTicket

log = logging.getLogger(__name__)


def _safe_filename(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_").strip() or "file"
    return "".join(ch for ch in name if ch.isprintable())[:200]


def request_upload(
    *,
    session: Session,
    s3_public: Any,
    s3_settings: S3Settings,
    max_bytes: int,
    claimant_id: int,
    data: UploadRequest,
    actor: Principal,
) -> UploadTicket:
    get_claimant(session=session, claimant_id=claimant_id)
    if data.size > max_bytes:
        raise Invalid("size", f"the file is larger than the limit of {max_bytes} bytes")
    upload_id = uuid.uuid4().hex
    key = f"evidence/claimant-{claimant_id}/{upload_id}/{_safe_filename(data.filename)}"
    expires_at = utcnow() + timedelta(seconds=s3_settings.presign_ttl_seconds)
    url = s3_public.generate_presigned_url(
        "put_object",
        Params={"Bucket": s3_settings.bucket, "Key": key, "ContentType": data.content_type},
        ExpiresIn=s3_settings.presign_ttl_seconds,
    )
    session.add(
        EvidenceUpload(
            id=upload_id,
            claimant_id=claimant_id,
            s3_key=key,
            filename=_safe_filename(data.filename),
            content_type=data.content_type,
            size=data.size,
            sha256=data.sha256,
            title=data.title,
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
    *, session: Session, s3: Any, s3_settings: S3Settings, claimant_id: int, upload_id: str, actor: Principal
) -> Evidence:
    upload = session.get(EvidenceUpload, upload_id)
    if upload is None or upload.claimant_id != claimant_id:
        raise NotFound("upload", upload_id)
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
        # Nothing is recorded; the object is removed so the bucket holds only recorded evidence.
        _discard_object(s3, bucket, upload.s3_key)
        raise AppError(
            422,
            "upload-mismatch",
            "Upload rejected",
            "; ".join(f"{field}: {reason}" for field, reason in mismatches),
            errors=[FieldError(field=field, reason=reason) for field, reason in mismatches],
        )
    evidence = Evidence(
        claimant_id=claimant_id,
        title=upload.title,
        filename=upload.filename,
        content_type=upload.content_type,
        s3_key=upload.s3_key,
        s3_version_id=head.get("VersionId"),
        size=size,
        sha256=sha256,
        uploaded_by=actor.sub,
    )
    session.add(evidence)
    session.delete(upload)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="evidence.upload",
        entity="claimant",
        entity_id=claimant_id,
        detail={"evidence_id": evidence.id, "sha256": sha256, "size": size},
    )
    return evidence


def list_evidence(*, session: Session, claimant_id: int) -> list[Evidence]:
    get_claimant(session=session, claimant_id=claimant_id)
    return list(session.exec(select(Evidence).where(Evidence.claimant_id == claimant_id).order_by(col(Evidence.id))))


def download_url(
    *, session: Session, s3_public: Any, s3_settings: S3Settings, claimant_id: int, evidence_id: int
) -> EvidenceDownload:
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.claimant_id != claimant_id:
        raise NotFound("evidence", evidence_id)
    params: dict[str, Any] = {"Bucket": s3_settings.bucket, "Key": evidence.s3_key}
    if evidence.s3_version_id:
        params["VersionId"] = evidence.s3_version_id
    url = s3_public.generate_presigned_url("get_object", Params=params, ExpiresIn=s3_settings.presign_ttl_seconds)
    return EvidenceDownload(url=url, expires_at=utcnow() + timedelta(seconds=s3_settings.presign_ttl_seconds))
