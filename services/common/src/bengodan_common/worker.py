"""A thread that works a queue kept in the database: it takes one step after another while there is work, then
waits for the next poll, or for a wake-up from a request of its own process that has just queued something."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class QueueWorker:
    def __init__(self, run_once: Callable[[], bool], *, name: str, poll_seconds: float) -> None:
        """`run_once` takes one job and works it; False when nothing waits."""
        self.name = name
        self.poll_seconds = poll_seconds
        self._run_once = run_once
        self._stop = threading.Event()
        self._work = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """A job was queued here: take it now rather than at the next poll (the poll still finds jobs queued by
        another process of the service)."""
        self._work.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the loop and wait for the job in hand (a job cut off is taken up again at the next start)."""
        self._stop.set()
        self._work.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        log.info("%s started", self.name)
        while not self._stop.is_set():
            try:
                worked = self._run_once()
            except Exception:
                log.exception("%s could not take a job", self.name)
                worked = False
            if not worked:
                self._work.wait(self.poll_seconds)
                self._work.clear()
        log.info("%s stopped", self.name)
