"""Cross-service and browser tests: the real services, S3 server and SMTP sink, on free ports."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra" / "local"))

from stack import Ports, Stack  # noqa: E402

from bengodan_common.testing import free_port  # noqa: E402

DEMO_PASSWORD = os.environ.get("BENGODAN_DEMO_PASSWORD", "demo-admin-pass")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    built = (ROOT / "frontend" / "dist" / "index.html").exists()
    ports = Ports(*(free_port() for _ in range(6)))
    # The tests run at any hour: no quiet hours here (notify's own suite tests them with a clock of its own).
    quiet_hours_off = {"NOTIFY_QUIET_HOURS_START": "0", "NOTIFY_QUIET_HOURS_END": "0"}
    system = Stack(
        var=tmp_path_factory.mktemp("var"),
        ports=ports,
        spa="preview" if built else None,
        demo=True,
        extra_env=quiet_hours_off,
    )
    try:
        system.start()
        yield system
    finally:
        system.stop()


@pytest.fixture(scope="session")
def admin_token(stack: Stack) -> str:
    response = httpx.post(
        f"{stack.urls['claims-api']}/api/v1/auth/token",
        data={"grant_type": "password", "username": "admin@example.com", "password": DEMO_PASSWORD},
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


@pytest.fixture(scope="session")
def demo_password() -> str:
    return DEMO_PASSWORD


@pytest.fixture(scope="session")
def chromium() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
