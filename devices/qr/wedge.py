"""Telling a keyboard-wedge scanner's keystroke burst from human typing (research/devices.md §4.2); pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    """Thresholds; §4.2: scanners send keys ≤ 30–50 ms apart, people type ≥ 80–150 ms apart."""

    max_gap_ms: float = 50.0  # a larger gap between two keys ends a burst
    min_length: int = 4  # shorter bursts are fast human key pairs, not codes
    terminators: str = "\r\n"  # Key_Return / Key_Enter arrive as "\r"; the usual scanner suffix
    require_terminator: bool = True  # False for scanners set to send no suffix (burst + gap = scan)
    prefix: str = ""  # one programmed prefix character (e.g. STX "\x02", §4.2): a scan regardless of timing
    prefix_timeout_ms: float = 1000.0  # a prefixed scan without its terminator is given up after this
    max_length: int = 4096

    def __post_init__(self) -> None:
        if self.max_gap_ms <= 0 or self.min_length < 1 or not self.terminators or len(self.prefix) > 1:
            raise ValueError(f"invalid wedge configuration: {self}")


@dataclass(frozen=True, slots=True)
class WedgeOutput:
    """What to do after one key, in order: ("keys", text) to pass through, ("scan", code) to report."""

    events: tuple[tuple[Literal["keys", "scan"], str], ...] = ()

    @property
    def passthrough(self) -> str:
        """All human keystrokes of this output, in order."""
        return "".join(text for kind, text in self.events if kind == "keys")

    @property
    def scans(self) -> tuple[str, ...]:
        """All completed scans of this output (terminator and prefix removed), in order."""
        return tuple(text for kind, text in self.events if kind == "scan")


class WedgeClassifier:
    """The classifier's state: the keys held back while they may still be a scan.

    The Qt event filter (qtkit) feeds every printable key and Return/Enter here with a monotonic
    timestamp (not ``QKeyEvent.timestamp()``, which is 0 for synthesised events, §4.2), holds the
    keys back, delivers ``passthrough`` to the focused widget and ``scans`` to whoever wants codes,
    and calls ``poll`` from a QTimer at ``next_deadline_ms()`` so a human's last key is not held
    forever. Not thread-safe; lives on the GUI thread with that filter.
    """

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config or WedgeConfig()
        self._held: list[str] = []
        self._last_ms = 0.0
        self._prefixed = False
        self._events: list[tuple[Literal["keys", "scan"], str]] = []

    @property
    def pending(self) -> str:
        """Keys currently held back (not yet passed through, not yet a scan)."""
        return "".join(self._held)

    def next_deadline_ms(self) -> float | None:
        """When ``poll`` must be called to release held keys, or None when nothing is held."""
        if self._prefixed:
            return self._last_ms + self.config.prefix_timeout_ms
        return self._last_ms + self.config.max_gap_ms if self._held else None

    def feed(self, timestamp_ms: float, char: str) -> WedgeOutput:
        """One key: a single character (Return/Enter as "\\r")."""
        if len(char) != 1:
            raise ValueError(f"feed one character at a time, got {char!r}")
        config = self.config
        self._release(timestamp_ms)
        self._last_ms = timestamp_ms
        if self._prefixed:
            if char in config.terminators:
                self._emit("scan", self._take())
                self._prefixed = False
            else:
                self._held.append(char)
        elif config.prefix and char == config.prefix:
            self._end_burst()
            self._prefixed = True
        elif char in config.terminators:
            if len(self._held) >= config.min_length:
                self._emit("scan", self._take())
            else:
                self._emit("keys", self._take() + char)  # a person pressed Enter
        else:
            self._held.append(char)
            if len(self._held) > config.max_length:
                self._emit("keys", self._take())
        return self._output()

    def poll(self, now_ms: float) -> WedgeOutput:
        """Release held keys whose burst has ended (call at ``next_deadline_ms``; harmless any time)."""
        self._release(now_ms)
        return self._output()

    def _release(self, now_ms: float) -> None:
        gap = now_ms - self._last_ms
        if self._prefixed:
            if gap > self.config.prefix_timeout_ms:
                self._prefixed = False
                self._emit("keys", self._take())  # the prefix itself is never typed into a widget
        elif self._held and gap > self.config.max_gap_ms:
            self._end_burst()

    def _end_burst(self) -> None:
        """A burst ended without a terminator: a scan only if so configured, else typing."""
        if not self.config.require_terminator and len(self._held) >= self.config.min_length:
            self._emit("scan", self._take())
        else:
            self._emit("keys", self._take())

    def _emit(self, kind: Literal["keys", "scan"], text: str) -> None:
        if not text:
            return
        if kind == "keys" and self._events and self._events[-1][0] == "keys":
            self._events[-1] = ("keys", self._events[-1][1] + text)
        else:
            self._events.append((kind, text))

    def _output(self) -> WedgeOutput:
        events, self._events = tuple(self._events), []
        return WedgeOutput(events)

    def _take(self) -> str:
        text = "".join(self._held)
        self._held.clear()
        return text
