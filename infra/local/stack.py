"""The whole system as local processes: S3 server, SMTP sink, the three services and the SPA.

Used by `make run` (fixed ports, data under var/) and by the cross-service and browser tests (free ports,
a temporary directory). The processes stay in the caller's process group: Ctrl-C (or a signal to the group)
reaches every one of them at once, so none outlives a runner that is killed; `stop()` also stops them one by
one for callers that end on their own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


@dataclass
class Ports:
    claims_api: int = 8001
    docs_render: int = 8002
    notify: int = 8003
    spa: int = 5173
    s3: int = 9000
    smtp: int = 1025


@dataclass
class Stack:
    var: Path
    ports: Ports = field(default_factory=Ports)
    spa: str | None = "dev"  # "dev" (vite dev server), "preview" (built files), or None
    demo: bool = True
    echo: Callable[[str], None] | None = None  # where process output goes besides the log files
    extra_env: dict[str, str] = field(default_factory=dict)  # set last, over the defaults below
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def urls(self) -> dict[str, str]:
        p = self.ports
        return {
            "claims-api": f"http://127.0.0.1:{p.claims_api}",
            "docs-render": f"http://127.0.0.1:{p.docs_render}",
            "notify": f"http://127.0.0.1:{p.notify}",
            "spa": f"http://127.0.0.1:{p.spa}",
            "s3": f"http://127.0.0.1:{p.s3}",
        }

    @property
    def maildir(self) -> Path:
        return self.var / "mail"

    def env(self) -> dict[str, str]:
        urls, var = self.urls, self.var
        jwks = f"{urls['claims-api']}/.well-known/jwks.json"
        return {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "CLAIMS_API_ENV": "local",
            "CLAIMS_API_DATABASE_URL": f"sqlite:///{var}/claims-api/claims-api.sqlite3",
            "CLAIMS_API_AUTH__PRIVATE_KEY_FILE": str(var / "claims-api" / "jwt-signing-key.pem"),
            "CLAIMS_API_S3__ENDPOINT_URL": urls["s3"],
            "CLAIMS_API_S3_CORS_ORIGINS": f'["{urls["spa"]}"]',
            "CLAIMS_API_NOTIFY_URL": urls["notify"],
            "DOCS_RENDER_ENV": "local",
            "DOCS_RENDER_DATABASE_URL": f"sqlite:///{var}/docs-render/docs-render.sqlite3",
            "DOCS_RENDER_S3__ENDPOINT_URL": urls["s3"],
            "DOCS_RENDER_AUTH__JWKS_URL": jwks,
            "DOCS_RENDER_CLAIMS_API__BASE_URL": urls["claims-api"],
            "NOTIFY_ENV": "local",
            "NOTIFY_DATABASE_URL": f"sqlite:///{var}/notify/notify.sqlite3",
            "NOTIFY_AUTH__JWKS_URL": jwks,
            "NOTIFY_CLAIMS_API__BASE_URL": urls["claims-api"],
            "NOTIFY_DOCS_RENDER__BASE_URL": urls["docs-render"],
            "NOTIFY_DOCS_RENDER__TOKEN_URL": f"{urls['claims-api']}/api/v1/auth/token",
            "NOTIFY_PUBLIC_BASE_URL": f"{urls['spa']}/notify",
            "NOTIFY_SMTP__HOST": "127.0.0.1",
            "NOTIFY_SMTP__PORT": str(self.ports.smtp),
            "CLAIMS_API_URL": urls["claims-api"],
            "DOCS_RENDER_URL": urls["docs-render"],
            "NOTIFY_URL": urls["notify"],
            "SPA_PORT": str(self.ports.spa),
            **self.extra_env,
        }

    # -- processes --------------------------------------------------------------------------------

    def _spawn(self, name: str, args: list[str], cwd: Path = ROOT) -> None:
        logs = self.var / "log"
        logs.mkdir(parents=True, exist_ok=True)
        proc = subprocess.Popen(  # noqa: S603 - our own commands
            args,
            cwd=cwd,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.procs[name] = proc
        assert proc.stdout is not None
        threading.Thread(target=self._pump, args=(name, proc.stdout, logs / f"{name}.log"), daemon=True).start()

    def _pump(self, name: str, stream: IO[bytes], log_path: Path) -> None:
        with open(log_path, "ab") as log:
            for line in iter(stream.readline, b""):
                log.write(line)
                log.flush()
                if self.echo:
                    self.echo(f"{name:>11} | {line.decode('utf-8', 'replace').rstrip()}")

    def check_ports_free(self) -> None:
        for name, port in vars(self.ports).items():
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    raise RuntimeError(f"port {port} ({name}) is already in use: is another `make run` running?")

    def start(self, timeout: float = 120.0) -> None:
        """Start everything; independent steps run side by side (each Python process spends seconds on
        imports, so doing them one after another would triple the wait)."""
        for sub in ("claims-api", "docs-render", "notify", "mail", "s3"):
            (self.var / sub).mkdir(parents=True, exist_ok=True)
        self.check_ports_free()
        p = self.ports
        self._spawn(
            "s3",
            [PYTHON, "infra/local/s3_server.py", "--port", str(p.s3), "--data-dir", str(self.var / "s3")],
        )
        self._spawn(
            "smtp",
            [PYTHON, "infra/local/smtp_sink.py", "--port", str(p.smtp), "--maildir", str(self.maildir)],
        )
        claims_setup = ["-m", "claims_api.cli", "bootstrap-local" if self.demo else "migrate"]
        self._run_together(
            {
                "claims-api setup": [PYTHON, *claims_setup],
                "docs-render migrate": [PYTHON, "infra/local/migrate.py", "docs-render"],
                "notify migrate": [PYTHON, "infra/local/migrate.py", "notify"],
            }
        )
        self._wait_tcp("s3", p.s3, timeout)
        self._wait_tcp("smtp", p.smtp, timeout)
        for name, module, port in (
            ("claims-api", "claims_api", p.claims_api),
            ("docs-render", "docs_render", p.docs_render),
            ("notify", "notify", p.notify),
        ):
            self._spawn(
                name,
                [PYTHON, "-m", "uvicorn", "--factory", f"{module}.main:create_app", "--host", "127.0.0.1",
                 "--port", str(port), "--no-access-log", "--log-level", "warning"],
            )  # fmt: skip
        if self.spa:
            vite = str(ROOT / "frontend" / "node_modules" / ".bin" / "vite")
            args = [vite, "--host", "127.0.0.1", "--port", str(p.spa), "--strictPort"]
            self._spawn("spa", [vite, "preview", *args[1:]] if self.spa == "preview" else args, cwd=ROOT / "frontend")
        for name in ("claims-api", "docs-render", "notify"):
            self._wait_http(name, f"{self.urls[name]}/readyz", timeout)
        if self.spa:
            self._wait_http("spa", self.urls["spa"] + "/", timeout)

    def _run_together(self, commands: dict[str, list[str]]) -> None:
        """Run one-off commands in parallel; fail with the output of the first that fails."""
        running = {
            name: subprocess.Popen(  # noqa: S603 - our own commands
                args, cwd=ROOT, env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            for name, args in commands.items()
        }
        failures = []
        for name, proc in running.items():
            output, _ = proc.communicate()
            if proc.returncode != 0:
                failures.append(f"{name} failed:\n{output}")
            elif self.echo and output.strip():
                self.echo(f"{name:>11} | {output.strip()}")
        if failures:
            raise RuntimeError("\n".join(failures))

    def _alive(self, name: str) -> None:
        proc = self.procs.get(name)
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode}; see {self.var / 'log' / (name + '.log')}")

    def _wait_tcp(self, name: str, port: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._alive(name)
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{name} did not open port {port} within {timeout} s")

    def _wait_http(self, name: str, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._alive(name)
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} not ready at {url} within {timeout} s; see {self.var / 'log' / (name + '.log')}")

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 10
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.procs.clear()
