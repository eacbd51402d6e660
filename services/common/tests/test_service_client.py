import httpx
from pydantic import SecretStr

from bengodan_common.logging import REQUEST_ID_HEADER, set_request_id
from bengodan_common.service_client import make_service_client
from bengodan_common.settings import ServiceClientSettings


def test_token_is_fetched_once_reused_and_renewed_after_a_401():
    issued: list[str] = []
    seen: list[tuple[str, str | None]] = []
    reject_next = {"value": False}

    def claims_api(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/auth/token":
            form = dict(x.split("=") for x in request.read().decode().split("&"))
            assert form["grant_type"] == "client_credentials" and form["client_id"] == "docs-render"
            issued.append(f"t{len(issued) + 1}")
            return httpx.Response(200, json={"access_token": issued[-1], "expires_in": 900, "token_type": "bearer"})
        seen.append((request.headers["authorization"], request.headers.get(REQUEST_ID_HEADER)))
        if reject_next["value"]:
            reject_next["value"] = False
            return httpx.Response(401)
        return httpx.Response(200, json={})

    settings = ServiceClientSettings(base_url="http://claims", client_id="docs-render", client_secret=SecretStr("s"))
    client = make_service_client(settings, transport=httpx.MockTransport(claims_api))
    set_request_id("req-42")
    client.get("/api/v1/claimants/1")
    client.get("/api/v1/claimants/2")
    assert issued == ["t1"]
    reject_next["value"] = True
    assert client.get("/api/v1/claimants/3").status_code == 200
    assert issued == ["t1", "t2"]
    assert seen[-1] == ("Bearer t2", "req-42")
    set_request_id(None)


def test_a_client_of_another_service_gets_its_token_from_the_token_url():
    """notify calls docs-render with a token that claims-api issues: the token goes to `token_url`, the call to
    `base_url`, and the token is the one sent."""
    requests: list[tuple[str, str, str | None]] = []

    def services(request: httpx.Request) -> httpx.Response:
        requests.append((request.url.host, request.url.path, request.headers.get("authorization")))
        if request.url.host == "claims" and request.url.path == "/api/v1/auth/token":
            return httpx.Response(200, json={"access_token": "from-claims", "expires_in": 900, "token_type": "bearer"})
        if request.url.host == "render":
            return httpx.Response(200, json={"id": 7})
        return httpx.Response(404)

    settings = ServiceClientSettings(
        base_url="http://render/",
        token_url="http://claims/api/v1/auth/token",
        client_id="notify",
        client_secret=SecretStr("s"),
    )
    client = make_service_client(settings, transport=httpx.MockTransport(services))
    assert client.get("/api/v1/renders/7").json() == {"id": 7}
    assert requests == [
        ("claims", "/api/v1/auth/token", None),
        ("render", "/api/v1/renders/7", "Bearer from-claims"),
    ]


def test_without_a_token_url_the_token_comes_from_the_base_url():
    hosts: list[tuple[str, str]] = []

    def claims_api(request: httpx.Request) -> httpx.Response:
        hosts.append((request.url.host, request.url.path))
        if request.url.path == "/api/v1/auth/token":
            return httpx.Response(200, json={"access_token": "t", "expires_in": 900, "token_type": "bearer"})
        return httpx.Response(200, json={})

    settings = ServiceClientSettings(base_url="http://claims", client_id="notify", client_secret=SecretStr("s"))
    assert settings.token_url is None
    make_service_client(settings, transport=httpx.MockTransport(claims_api)).get("/api/v1/cases/1")
    assert hosts == [("claims", "/api/v1/auth/token"), ("claims", "/api/v1/cases/1")]
