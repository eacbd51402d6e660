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
