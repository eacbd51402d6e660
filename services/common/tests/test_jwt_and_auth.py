import httpx
import pytest

from bengodan_common import jwt
from bengodan_common.auth import JwksVerifier, Principal
from bengodan_common.errors import AppError

KEY = jwt.generate_private_key_pem()


def _token(key: str = KEY, **overrides: object) -> str:
    args: dict = {
        "private_key_pem": key,
        "issuer": "iss",
        "audience": "aud",
        "subject": "user:1",
        "ttl_seconds": 60,
        "claims": {"kind": "user", "scope": "claims:read", "roles": ["viewer"]},
    } | overrides
    return jwt.issue(**args)


def test_round_trip_gives_the_principal():
    claims = jwt.verify(_token(), jwt.public_jwks(KEY), audience="aud", issuer="iss")
    principal = Principal.from_claims(claims)
    assert principal.sub == "user:1" and principal.has("claims:read") and not principal.has("claims:write")


@pytest.mark.parametrize(
    "token_args",
    [
        {"audience": "other"},
        {"issuer": "other"},
        {"ttl_seconds": -1},
        {"key": jwt.generate_private_key_pem()},
    ],
)
def test_wrong_audience_issuer_expiry_or_key_is_refused(token_args):
    with pytest.raises(jwt.InvalidToken):
        jwt.verify(_token(**token_args), jwt.public_jwks(KEY), audience="aud", issuer="iss")


def test_jwks_verifier_caches_and_refetches_for_a_new_key():
    rotated = jwt.generate_private_key_pem()
    served = {"jwks": jwt.public_jwks(KEY)}
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url)
        return httpx.Response(200, json=served["jwks"])

    verifier = JwksVerifier(
        "http://claims/.well-known/jwks.json",
        audience="aud",
        issuer="iss",
        cache_seconds=600,
        client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    verifier.verify(_token())
    verifier.verify(_token())
    assert len(calls) == 1
    served["jwks"] = jwt.public_jwks(rotated)
    verifier._fetched_at -= JwksVerifier.MIN_REFRESH_SECONDS + 1
    assert verifier.verify(_token(key=rotated)).sub == "user:1"
    assert len(calls) == 2


def test_jwks_unreachable_is_503_not_500():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down")

    verifier = JwksVerifier(
        "http://claims/jwks",
        audience="aud",
        issuer="iss",
        cache_seconds=1,
        client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    with pytest.raises(AppError) as error:
        verifier.verify(_token())
    assert error.value.status == 503


def test_hmac_with_the_public_key_is_refused():
    import base64
    import hashlib
    import hmac
    import json

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    public = json.dumps(jwt.public_jwks(KEY)["keys"][0]).encode()
    head = b64(b'{"alg":"HS256","kid":"' + jwt.key_id(KEY).encode() + b'"}')
    body = b64(json.dumps({"sub": "x", "aud": "aud", "iss": "iss", "exp": 4102444800, "iat": 1}).encode())
    sig = b64(hmac.new(public, f"{head}.{body}".encode(), hashlib.sha256).digest())
    with pytest.raises(jwt.InvalidToken):
        jwt.verify(f"{head}.{body}.{sig}", jwt.public_jwks(KEY), audience="aud", issuer="iss")
