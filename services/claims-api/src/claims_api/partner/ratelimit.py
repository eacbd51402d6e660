"""A token bucket per partner client: `rate_per_minute` steady, `burst` at once; 429 with Retry-After beyond."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bengodan_common.errors import AppError


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """In process memory: with several API processes each allows the rate (the limit guards the service and
    the partner's own runaway loops, not a billing quota)."""

    def __init__(self, *, rate_per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._now = clock

    def take(self, key: str) -> None:
        with self._lock:
            now = self._now()
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(tokens=self.burst, updated=now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait = math.ceil((1.0 - bucket.tokens) / self.rate) if self.rate > 0 else 60
        raise AppError(
            429,
            "rate-limited",
            "Too many requests",
            f"This client may make {round(self.rate * 60)} requests a minute; retry after {wait} s.",
            headers={"Retry-After": str(wait)},
        )
