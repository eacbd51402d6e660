"""Bucket creation by several services of one stack at once."""

from __future__ import annotations

import uuid

from bengodan_common.s3 import ensure_bucket, make_s3_client
from bengodan_common.settings import S3Settings
from bengodan_common.testing import s3_server


def test_a_bucket_created_meanwhile_by_another_service_is_fine() -> None:
    with s3_server() as endpoint:
        settings = S3Settings(endpoint_url=endpoint, bucket=f"race-{uuid.uuid4().hex[:8]}")
        client = make_s3_client(settings)
        ensure_bucket(client, settings)  # another service of the stack, after this one listed the buckets
        client.list_buckets = lambda: {"Buckets": []}  # type: ignore[method-assign]
        ensure_bucket(client, settings)
        status = client.get_bucket_versioning(Bucket=settings.bucket)["Status"]
        assert status == "Enabled"
