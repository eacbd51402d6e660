"""The token signing key: from settings, from its file, or (local run and tests only) made once."""

from __future__ import annotations

import logging
import os

from bengodan_common import jwt
from claims_api.core.config import Settings

log = logging.getLogger(__name__)


def load_signing_key(settings: Settings) -> str:
    if settings.auth.private_key_pem is not None:
        return settings.auth.private_key_pem.get_secret_value()
    path = settings.auth.private_key_file
    if path.exists():
        return path.read_text()
    if settings.env == "production":
        raise RuntimeError(f"signing key file {path} is missing")
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = jwt.generate_private_key_pem()
    tmp = path.with_suffix(".tmp")
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        handle.write(pem)
    tmp.replace(path)
    log.info("generated a local signing key at %s", path)
    return pem
