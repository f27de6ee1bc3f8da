"""``RoundScheduler``: when the next sync round starts, and whether to probe the platform meanwhile (pure).

One policy for every driver: the CLI's ``sync.daemon.SyncDaemon`` (``threading.Event.wait``) and
both GUIs' ``qtkit.sync_bridge.SyncBridge`` (a QTimer). DESIGN.md (sync contract): transient
failures back off exponentially with jitter, capped, and retry at once when connectivity returns;
sync that does not restart after reconnecting is a named failure of comparable systems (ODK
Collect #6120, DHIS2 ANDROAPP-6611: research/anchors-mission.md §3.3).

The scheduler does no I/O and reads no clock: each call is given the (monotonic) time now and an
outcome, and returns the ``Plan`` — the next step (a round or a probe) and when. It also keeps the
device's view of the platform (``online``): any answer means online, however slow; only a round
or a probe that got no answer (connection refused or reset, a timeout) means offline.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from sync import backoff
from sync.errors import SyncError
from sync.report import SyncReport

INTERVAL_S: Final = 30.0  # between rounds while all is well; "sync now" starts one sooner
PROBE_INTERVAL_S: Final = 1.0  # between health probes while the platform does not answer
# A probe's (connect, read) timeouts. Generous on purpose: a busy platform that answers its health
# check in a few seconds is online, not offline (issue #10, bug 7: a kiosk stranded itself offline
# under load). Probes run only while the platform is unreachable, so a long wait costs nothing.
PROBE_TIMEOUT: Final[tuple[float, float]] = (3.05, 5.0)

# sync.transport's codes for "no answer came": probe until one does.
UNREACHABLE_CODES: Final = frozenset({"unreachable", "timeout", "network"})
# Codes for a link that cannot work as configured (TLS, certificate pin, URL, enrolment): offline,
# and probing would not help; a person has to fix it, the backoff keeps trying meanwhile.
NO_LINK_CODES: Final = frozenset({"tls", "pin_mismatch", "bad_url", "bad_ca", "bad_pin", "not_enrolled"})


class Outcome(StrEnum):
    """How a round, a probe or any other request to the platform ended."""

    OK = "ok"
    ANSWERED = "answered"  # the platform answered with an error (4xx, 5xx, 429, a broken reply)
    UNREACHABLE = "unreachable"  # no answer: refused, reset or timed out
    NO_LINK = "no_link"  # the link cannot work as configured
    LOCAL = "local"  # failed on this device (a store error): says nothing of the platform


class Step(StrEnum):
    ROUND = "round"
    PROBE = "probe"  # a health check (``PlatformAdapter.reachable``)


@dataclass(frozen=True, slots=True)
class Plan:
    """The next step and its monotonic time; ``at`` None: nothing until someone asks for a round."""

    step: Step
    at: float | None

    def wait_s(self, now: float) -> float | None:
        """Seconds until the step is due (0 when it is), None when nothing is scheduled."""
        return None if self.at is None else max(0.0, self.at - now)


def outcome_of_code(code: str | None) -> Outcome:
    """A failure's ``SyncError.code`` (or a report's ``error_code``) as an outcome."""
    if code in UNREACHABLE_CODES:
        return Outcome.UNREACHABLE
    if code in NO_LINK_CODES:
        return Outcome.NO_LINK
    return Outcome.ANSWERED


def outcome_of(report: SyncReport) -> Outcome:
    return Outcome.OK if report.ok else outcome_of_code(report.error_code)


def outcome_of_error(error: BaseException) -> Outcome:
    """A request or round that raised: a SyncError by its code, anything else is local."""
    return outcome_of_code(error.code) if isinstance(error, SyncError) else Outcome.LOCAL


class RoundScheduler:
    """The sync schedule of one device. Not thread-safe: its driver calls it from one thread (the
    daemon's worker, or the GUI thread). Before the first call the platform's state is unknown
    (``online`` None) and nothing is planned; the driver starts with ``wake`` or ``idle``."""

    def __init__(
        self,
        *,
        interval: float | None = INTERVAL_S,
        probe_interval: float = PROBE_INTERVAL_S,
        rng: random.Random | None = None,
        base: float = backoff.BASE_S,
        cap: float = backoff.CAP_S,
    ) -> None:
        """``interval``: seconds between rounds while all is well (None: only when woken; failed
        rounds are still retried, with backoff, until one succeeds)."""
        self._interval = interval if interval is None else max(0.0, interval)
        self._probe_interval = probe_interval
        self._rng = rng or random.Random()
        self._base = base
        self._cap = cap
        self._failures = 0
        self._online: bool | None = None
        self._due: float | None = None
        self._probe_at: float | None = None  # set while the platform does not answer

    @property
    def online(self) -> bool | None:
        """Whether the platform answers (None until a round, probe or request tells)."""
        return self._online

    @property
    def failures(self) -> int:
        """Failed rounds in a row."""
        return self._failures

    @property
    def due(self) -> float | None:
        """When the next round is due, whatever probes come first."""
        return self._due

    @property
    def plan(self) -> Plan:
        if self._probe_at is not None and (self._due is None or self._probe_at < self._due):
            return Plan(Step.PROBE, self._probe_at)
        return Plan(Step.ROUND, self._due)

    def wake(self, now: float) -> Plan:
        """A round now: a person asked, or there is new work (a case accepted). Explicit requests
        are not held back by a backoff or by Retry-After; the automatic schedule is."""
        self._probe_at = None
        self._due = now
        return self.plan

    def idle(self, now: float) -> Plan:
        """Nothing to do now: the next round after one interval."""
        self._probe_at = None
        self._due = None if self._interval is None else now + self._interval
        return self.plan

    def round_ended(self, outcome: Outcome, now: float, *, retry_after: float | None = None) -> Plan:
        """After a round: the next one an interval later when it succeeded; otherwise after a
        backoff, which the platform's Retry-After only lengthens; probing meanwhile when the
        platform did not answer (the round then starts as soon as a probe is answered)."""
        if outcome is Outcome.OK:
            self._failures = 0
            self._online = True
            return self.idle(now)
        self._failures += 1
        self._note_online(outcome)
        self._due = backoff.next_attempt_at(
            now, self._failures, self._rng, retry_after=retry_after, base=self._base, cap=self._cap
        )
        self._probe_at = None
        if outcome is Outcome.UNREACHABLE and retry_after is None:
            # While unreachable the backoff may reach the cap, but probes keep the wait short.
            self._due = max(self._due, now + self._probe_interval)
            self._probe_at = now + self._probe_interval
        return self.plan

    def probe_ended(self, answered: bool, now: float) -> Plan:
        """After a probe: answered → a round now; not answered → the next probe."""
        if self._probe_at is None:  # a probe overtaken by a round or a request: nothing to change
            return self.plan
        if answered:
            self._online = True
            return self.wake(now)
        self._online = False
        self._probe_at = now + self._probe_interval
        return self.plan

    def request_ended(self, outcome: Outcome, now: float) -> Plan:
        """After any other request to the platform (a kiosk's look-up, a certificate): an answer
        means online, and ends a wait for the platform to come back. A failure is left to the
        rounds and probes, which count it."""
        if outcome not in (Outcome.OK, Outcome.ANSWERED):
            return self.plan
        self._online = True
        if self._probe_at is not None:
            return self.wake(now)
        return self.plan

    def _note_online(self, outcome: Outcome) -> None:
        if outcome is Outcome.ANSWERED:
            self._online = True
        elif outcome in (Outcome.UNREACHABLE, Outcome.NO_LINK):
            self._online = False
