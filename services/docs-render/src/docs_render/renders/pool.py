"""Render processes: WeasyPrint's layout is CPU-bound Python, so the parts of a job render in parallel in
worker processes (one per core by default), started once and warmed, not per job. They live as long as the
service: with one font configuration per process (see `docs_render.pdf.render`) their memory stays flat over
thousands of documents, so they are not replaced (Python 3.11's `max_tasks_per_child` hung the pool when a
process retired with parts still queued)."""

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


def _warm() -> None:
    """Load WeasyPrint, fontconfig and the Mincho font before the first job needs them (about a second)."""
    from docs_render.pdf import render_pdf

    render_pdf('<html lang="ja"><body><p>準備</p></body></html>')


class RenderPool:
    def __init__(self, processes: int) -> None:
        """`processes=0` renders in the calling thread (tests, and machines where processes cannot start)."""
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the service has threads (uvicorn, the worker) that a fork would copy mid-state
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_warm)
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
        pool = self._pool()
        futures: dict[Future[bytes], int] = {
            pool.submit(_render_in_child, part.builder, part.calls, made_on, file_format): index
            for index, part in enumerate(parts)
        }
        out: list[bytes] = [b""] * len(parts)
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
        return out

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
