"""Local S3-compatible server: moto's S3 over HTTP, with its objects kept across restarts.

moto keeps everything in memory. To keep the local run's data, every request that changes the store
(PUT, POST, DELETE) is appended to a journal (moto's own recorder, limited to writes) and the journal is
replayed at start. Local use only: production uses AWS S3 or another S3-compatible store.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
from pathlib import Path

WRITE_METHODS = {"PUT", "POST", "DELETE"}


def start(host: str, port: int, data_dir: Path | None) -> object:
    """Start the server (in this process) and return it; `data_dir=None` keeps nothing."""
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        os.environ["MOTO_RECORDER_FILEPATH"] = str(data_dir / "journal.jsonl")
    from moto.moto_api import recorder
    from moto.moto_api._internal.recorder.models import Recorder
    from moto.server import ThreadedMotoServer

    record_any = Recorder._record_request

    def record_writes(self: Recorder, request: object, body: bytes | None = None) -> None:
        if getattr(request, "method", "GET") in WRITE_METHODS:
            record_any(self, request, body)

    Recorder._record_request = record_writes  # type: ignore[method-assign]
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    if data_dir is not None:
        journal = data_dir / "journal.jsonl"
        if journal.exists() and journal.stat().st_size:
            recorder.replay_recording(target_host=f"http://{host}:{port}")
        recorder.start_recording()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--data-dir", type=Path, default=Path("var/s3"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s s3-server %(message)s")
    server = start(args.host, args.port, args.data_dir)
    logging.info("S3-compatible server on http://%s:%s (data in %s)", args.host, args.port, args.data_dir)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
