"""Browser tests: playwright-core driving Debian's chromium against the SPA served by the stack."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"


def test_spa_browser_flows(stack, chromium, demo_password):
    if chromium is None or stack.spa is None:
        reason = "chromium is not installed" if chromium is None else "the SPA is not built (npm run build)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    env = {
        **os.environ,
        "SPA_URL": stack.urls["spa"],
        "E2E_USER": "admin@example.com",
        "E2E_PASSWORD": demo_password,
        "CHROMIUM_PATH": chromium,
    }
    result = subprocess.run(
        ["node", "--test", "e2e/"], cwd=FRONTEND, env=env, capture_output=True, text=True, timeout=300
    )
    print(result.stdout[-4000:], result.stderr[-4000:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
