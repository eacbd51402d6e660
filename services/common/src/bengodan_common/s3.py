"""boto3 S3 clients: SigV4 and path-style addressing, which every S3-compatible store accepts."""

from __future__ import annotations

import contextlib
import hashlib
from typing import Any

import boto3
from botocore.config import Config

from bengodan_common.settings import S3Settings


def make_s3_client(settings: S3Settings, *, public: bool = False) -> Any:
    """`public=True` gives a client whose presigned URLs use the endpoint browsers reach."""
    endpoint = (settings.public_endpoint_url or settings.endpoint_url) if public else settings.endpoint_url
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=settings.region,
        aws_access_key_id=settings.access_key_id.get_secret_value(),
        aws_secret_access_key=settings.secret_access_key.get_secret_value(),
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=30,
        ),
    )


def ensure_bucket(client: Any, settings: S3Settings, *, cors_origins: list[str] | None = None) -> None:
    """Create the bucket if it does not exist (local run and tests); production buckets are provisioned."""
    existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if settings.bucket not in existing:
        kwargs: dict[str, Any] = {"Bucket": settings.bucket}
        if settings.region != "us-east-1":
            kwargs["CreateBucketConfiguration"] = {"LocationConstraint": settings.region}
        # Another service of the stack may create it between the listing and here.
        with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
            client.create_bucket(**kwargs)
        client.put_bucket_versioning(Bucket=settings.bucket, VersioningConfiguration={"Status": "Enabled"})
    if cors_origins:
        client.put_bucket_cors(
            Bucket=settings.bucket,
            CORSConfiguration={
                "CORSRules": [
                    {
                        "AllowedOrigins": cors_origins,
                        "AllowedMethods": ["GET", "PUT", "HEAD"],
                        "AllowedHeaders": ["*"],
                        "ExposeHeaders": ["ETag"],
                        "MaxAgeSeconds": 3600,
                    }
                ]
            },
        )


def object_sha256(client: Any, bucket: str, key: str, chunk_size: int = 1024 * 1024) -> tuple[str, int]:
    """Read the stored object and return (hex SHA-256, size): the check does not trust client claims."""
    body = client.get_object(Bucket=bucket, Key=key)["Body"]
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: body.read(chunk_size), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def s3_reachable(client: Any, bucket: str) -> bool:
    try:
        client.head_bucket(Bucket=bucket)
    except Exception:
        return False
    return True
