"""Time as an injected dependency: wall-clock time for records, a monotonic counter for order."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Source of time. Inject it; never call ``datetime.now()`` where a clock can be passed."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def monotonic_ns(self) -> int:
        """A counter that never goes backwards while the process lives."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()
