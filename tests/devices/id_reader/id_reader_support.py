"""Helpers for the ID-card reader tests: a callback recorder, waits with timeouts, text-block builders."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from devices.errors import DeviceError
from devices.id_reader import IdCard

WAIT = 5.0  # generous upper bound for anything the reader does; tests normally finish far sooner


def wait_until(predicate: Callable[[], bool], timeout: float = WAIT, what: str = "condition") -> None:
    """Poll a cheap predicate (e.g. simulator counters) every 5 ms until true; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


class Recorder:
    """Collects what a reader reports from its own thread; tests wait on it with timeouts."""

    def __init__(self, raise_in: str = "") -> None:
        self._cond = threading.Condition()
        self.cards: list[IdCard] = []
        self.errors: list[DeviceError] = []
        self.states: list[str] = []
        self.threads: set[str] = set()
        self._raise_in = raise_in  # make one callback kind raise, to prove the thread survives

    def on_card(self, card: IdCard) -> None:
        self._record(self.cards, card, "card")

    def on_error(self, error: DeviceError) -> None:
        self._record(self.errors, error, "error")

    def on_state(self, state: str) -> None:
        self._record(self.states, state, "state")

    def _record(self, into: list[Any], value: object, kind: str) -> None:
        with self._cond:
            into.append(value)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()
        if kind == self._raise_in:
            raise RuntimeError(f"consumer bug in on_{kind}")

    def wait(self, predicate: Callable[[Recorder], bool], timeout: float = WAIT, what: str = "event") -> None:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self), timeout):
                raise AssertionError(
                    f"timed out waiting for {what}; states={self.states} errors={[e.detail for e in self.errors]}"
                )

    def wait_cards(self, count: int, timeout: float = WAIT) -> IdCard:
        self.wait(lambda r: len(r.cards) >= count, timeout, f"{count} card(s)")
        return self.cards[count - 1]

    def wait_errors(self, count: int, timeout: float = WAIT) -> DeviceError:
        self.wait(lambda r: len(r.errors) >= count, timeout, f"{count} error(s)")
        return self.errors[count - 1]

    def wait_state(self, state: str, *, after: int = 0, timeout: float = WAIT) -> int:
        """Wait for ``state`` reported at index ≥ ``after``; return its index."""
        self.wait(lambda r: state in r.states[after:], timeout, f"state {state}")
        with self._cond:
            return self.states.index(state, after)


def ucs2_block(fields: list[tuple[int, int, str]]) -> bytes:
    """A 256-byte text block built straight from (offset, size, text) rows of the research tables."""
    block = bytearray(" ".encode("utf-16-le") * 128)
    for offset, size, text in fields:
        encoded = text.encode("utf-16-le")
        assert len(encoded) <= size
        block[offset : offset + len(encoded)] = encoded
    return bytes(block)
