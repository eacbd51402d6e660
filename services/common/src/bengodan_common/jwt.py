"""Every use of python-jose in the project: signing (claims-api) and verification (all services).

Only RS256 is accepted; every decode names the algorithm, the audience and the issuer.
"""

from __future__ import annotations

import functools
import hashlib
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from jose import jwk, jwt
from jose.backends.base import Key
from jose.exceptions import ExpiredSignatureError, JOSEError

ALGORITHM = "RS256"


class InvalidToken(Exception):
    """The token is missing, malformed, expired, or not for us."""


def generate_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


# Loading an RSA key from PEM checks it and takes about 45 ms: each key is loaded once per process.
@functools.lru_cache(maxsize=4)
def _private_key(private_key_pem: str) -> PrivateKeyTypes:
    return serialization.load_pem_private_key(private_key_pem.encode(), password=None)


@functools.lru_cache(maxsize=4)
def _signing_key(private_key_pem: str) -> Key:
    return jwk.construct(private_key_pem, ALGORITHM)


@functools.lru_cache(maxsize=4)
def key_id(private_key_pem: str) -> str:
    """A stable kid: the RFC 7638 thumbprint would do; a short hash of the public key is enough here."""
    public = _private_key(private_key_pem).public_key()
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()[:16]


def public_pem(private_key_pem: str) -> str:
    return (
        _private_key(private_key_pem)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def public_jwks(private_key_pem: str) -> dict[str, Any]:
    entry = jwk.construct(public_pem(private_key_pem), ALGORITHM).to_dict()
    entry.update({"kid": key_id(private_key_pem), "use": "sig", "alg": ALGORITHM})
    return {"keys": [entry]}


def issue(
    *,
    private_key_pem: str,
    issuer: str,
    audience: str,
    subject: str,
    ttl_seconds: int,
    claims: dict[str, Any],
) -> str:
    now = int(time.time())
    payload = {
        **claims,
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "iat": now,
        "nbf": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(
        payload, _signing_key(private_key_pem), algorithm=ALGORITHM, headers={"kid": key_id(private_key_pem)}
    )


def verify(token: str, jwks: dict[str, Any], *, audience: str, issuer: str) -> dict[str, Any]:
    """Return the claims of a valid token or raise InvalidToken."""
    try:
        header = jwt.get_unverified_header(token)
    except JOSEError as exc:
        raise InvalidToken("malformed token") from exc
    if header.get("alg") != ALGORITHM:
        raise InvalidToken("unsupported algorithm")
    keys = [k for k in jwks.get("keys", []) if k.get("kid") == header.get("kid")]
    if not keys:
        raise InvalidToken("unknown signing key")
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            keys[0],
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
    except ExpiredSignatureError as exc:
        raise InvalidToken("token expired") from exc
    except JOSEError as exc:
        raise InvalidToken("invalid token") from exc
    return claims


def has_kid(jwks: dict[str, Any], token: str) -> bool:
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except JOSEError:
        return True  # malformed: refetching keys would not help
    return any(k.get("kid") == kid for k in jwks.get("keys", []))
