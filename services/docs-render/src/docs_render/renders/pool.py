"""Render processes: WeasyPrint's layout is CPU-bound Python, so the parts of a job render in parallel in
worker processes (one per core by default), started once and warmed, not per job."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any

from docs_render.filings.builders import render_part
from docs_render.pdf import RenderError
from docs_render.renders.plans import Part

log = logging.getLogger(__name__)


# The render processes are replaced after about this many parts each: WeasyPrint's native layer (pango,
# harfbuzz, cairo) keeps about 0.25 MiB per 損害一覧 laid out and never gives it back (measured in
# tests/bench/docs_render_bundle.py: 254 → 667 MiB per process over a 3,000-plaintiff bundle; gc and
# malloc_trim do not reclaim it). 12 parts of 25 schedules cap the growth near 75 MiB for about a second of
# warm-up per 300 schedules. Not `max_tasks_per_child`: on Python 3.11 the pool hung when a process retired
# with parts still queued (seen in the bench); the pool is renewed between waves of parts instead.
TASKS_PER_PROCESS = 12


class RenderProcessDied(RuntimeError):
    """A render process stopped mid-job (killed, or out of memory)."""


def _render_in_child(builder: str, calls: list[dict[str, Any]], made_on: date, file_format: str) -> bytes:
    """`render_part` in a render process. What it raises crosses back to the service by pickling, and an
    exception with its own constructor (PlaceholderError…) cannot be unpickled: the pool would call that a
    process that died. So failures come back as plain RenderError (the document's fault: its message is the
    job's reason) or RuntimeError (a bug: its traceback is logged here, in the service's log)."""
    try:
        return render_part(builder, calls, made_on, file_format)
    except RenderError as exc:
        raise RenderError(str(exc)) from None
    except Exception as exc:
        log.exception("render process failed on %s", builder)
        raise RuntimeError(f"{type(exc).__name__}: {exc}") from None


def _started() -> None:
    """Nothing: submitted to start a new pool's processes (they warm up in the initializer)."""


def _warm() -> None:
    """Load WeasyPrint, fontconfig and the Mincho font before the first job needs them (about a second)."""
    from docs_render.pdf import render_pdf

    render_pdf('<html lang="ja"><body><p>準備</p></body></html>')


class RenderPool:
    def __init__(self, processes: int) -> None:
        """`processes=0` renders in the calling thread (tests, and machines where processes cannot start)."""
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._submitted = 0  # parts given to the current processes

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the service has threads (uvicorn, the worker) that a fork would copy mid-state
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_warm)
            self._submitted = 0
        return self._executor

    def render(
        self, parts: list[Part], *, made_on: date, file_format: str, on_done: Callable[[Part], None]
    ) -> list[bytes]:
        """Every part rendered, in the order given; `on_done` is called as each finishes (in any order)."""
        if self.processes == 0:
            results = []
            for part in parts:
                results.append(render_part(part.builder, part.calls, made_on, file_format))
                on_done(part)
            return results
        out: list[bytes | None] = [None] * len(parts)
        wave = TASKS_PER_PROCESS * self.processes
        for start in range(0, len(parts), wave):
            if self._submitted >= wave:
                self.close()  # fresh processes: the old ones have grown (see TASKS_PER_PROCESS)
            self._render_wave(parts, range(start, min(start + wave, len(parts))), out, made_on, file_format, on_done)
        if self._submitted >= wave:
            self._renew()  # now, so that the next job does not wait for the new processes to warm up
        return [result for result in out if result is not None]

    def _renew(self) -> None:
        self.close()
        pool = self._pool()
        for _ in range(self.processes):
            pool.submit(_started)

    def _render_wave(
        self,
        parts: list[Part],
        indexes: range,
        out: list[bytes | None],
        made_on: date,
        file_format: str,
        on_done: Callable[[Part], None],
    ) -> None:
        pool = self._pool()
        futures: dict[Future[bytes], int] = {
            pool.submit(_render_in_child, parts[i].builder, parts[i].calls, made_on, file_format): i for i in indexes
        }
        self._submitted += len(futures)
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    index = futures[future]
                    out[index] = future.result()
                    on_done(parts[index])
        except BrokenProcessPool as exc:
            self.close()  # the next job starts new processes
            raise RenderProcessDied("a render process stopped in the middle of the job") from exc
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
