"""Shared test set-up: Qt offscreen before any Qt import, an injectable clock, hygiene checks."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# restore_app and platform (the embedded reference platform) for the GUI test packages; the sync
# tests' own ``platform`` fixtures override it where they are.
pytest_plugins = ["tests.gui_fixtures"]

CHINA = timezone(timedelta(hours=8))


class FakeClock:
    """A clock tests move by hand; monotonic_ns always grows."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 23, 9, 30, tzinfo=CHINA)  # a Monday
        self._counter = 1_000_000

    def now(self) -> datetime:
        return self._now

    def monotonic_ns(self) -> int:
        self._counter += 1
        return self._counter

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(CHINA) if when.tzinfo else when.replace(tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    """Every thread a test starts must be stopped by the end of the test (STYLE.md: everything started is stopped)."""
    before = set(threading.enumerate())
    yield
    deadline = datetime.now() + timedelta(seconds=5)
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    while leaked and datetime.now() < deadline:
        for t in leaked:
            t.join(timeout=0.1)
        leaked = [t for t in leaked if t.is_alive()]
    assert not leaked, f"threads left running: {[t.name for t in leaked]}"
