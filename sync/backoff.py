"""When to try again after a failed round: capped exponential backoff with full jitter (pure).

"Full jitter" — a uniform draw between 0 and the exponential bound — spreads a hall's devices
apart after an outage, so they do not all hit the platform in the same second when it returns
(AWS Architecture Blog, "Exponential Backoff And Jitter", 2015). DESIGN.md: back off
exponentially with jitter, capped; research/aesthetics.md §1.5 (Morango's capped 0.3·2^n).
"""

from __future__ import annotations

import random
from typing import Final

BASE_S: Final = 0.5
CAP_S: Final = 30.0


def delay(failures: int, rng: random.Random, *, base: float = BASE_S, cap: float = CAP_S) -> float:
    """Seconds to wait after ``failures`` consecutive failed rounds (0 → no wait)."""
    if failures <= 0:
        return 0.0
    bound = min(cap, base * 2.0 ** min(failures - 1, 32))  # the exponent is bounded before it overflows
    return rng.uniform(0.0, bound)


def next_attempt_at(
    now: float,
    failures: int,
    rng: random.Random,
    *,
    retry_after: float | None = None,
    base: float = BASE_S,
    cap: float = CAP_S,
) -> float:
    """The (monotonic) time of the next attempt; a platform's Retry-After is a floor, never cut short."""
    wait = delay(failures, rng, base=base, cap=cap)
    if retry_after is not None:
        wait = max(wait, retry_after)
    return now + wait
