"""`make run`: start the whole system on the embedded defaults, print where to go, stop on Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, Stack


def main() -> int:
    started = time.monotonic()
    stack = Stack(var=ROOT / "var", echo=print)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        stack.start()
    except Exception as exc:
        print(f"\nstart failed: {exc}", file=sys.stderr)
        stack.stop()
        return 1
    password = os.environ.get("BENGODAN_DEMO_PASSWORD", "demo-admin-pass")
    print(
        f"""
  bengodan is running (ready in {time.monotonic() - started:.1f} s)

    SPA        {stack.urls["spa"]}
    login      admin@example.com / {password}
               (also lawyer@, staff@, viewer@example.com with the same password)
    APIs       {stack.urls["claims-api"]}/docs  {stack.urls["docs-render"]}/docs  {stack.urls["notify"]}/docs
    mail sink  var/mail/  (every message the system sends, as .eml)
    logs       var/log/

  Ctrl-C stops everything.
""",
        flush=True,
    )
    while not stop.is_set():
        for name, proc in stack.procs.items():
            if proc.poll() is not None:
                print(f"{name} exited with code {proc.returncode}; stopping", file=sys.stderr)
                stop.set()
        stop.wait(1)
    print("stopping…", flush=True)
    stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
