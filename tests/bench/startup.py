"""How long the whole system takes to be ready: first start (migrations, demo seed) and second start
(data kept). Prints a table; asserts nothing. Environment set-up time (uv, npm, apt) is measured
separately, see the README's closing notes."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "infra" / "local"))

from stack import Ports, Stack  # noqa: E402

from bengodan_common.testing import free_port  # noqa: E402


def timed_start(var: Path, ports: Ports) -> float:
    stack = Stack(var=var, ports=ports, spa="dev" if (ROOT / "frontend/node_modules/.bin/vite").exists() else None)
    started = time.monotonic()
    try:
        stack.start()
        return time.monotonic() - started
    finally:
        stack.stop()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ports = Ports(*(free_port() for _ in range(6)))
        first = timed_start(Path(tmp), ports)
        second = timed_start(Path(tmp), ports)
    print("\nstart-up of the whole system (S3, SMTP sink, 3 services, SPA dev server); ready = every /readyz 200")
    print(f"| {'run':<40} | {'seconds':>8} |")
    print(f"|{'-' * 42}|{'-' * 10}|")
    print(f"| {'first start: migrate + demo seed':<40} | {first:8.1f} |")
    print(f"| {'second start: data kept':<40} | {second:8.1f} |")


if __name__ == "__main__":
    main()
