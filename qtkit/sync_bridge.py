"""``SyncBridge``: sync rounds and probes on the runner's ``sync`` worker, scheduled by
``sync.schedule.RoundScheduler`` through a QTimer, reported as signals."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Final, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from qtkit.tasks import TaskRunner
from qtkit.threads import require_gui_thread
from sync.report import ProgressCallback, SyncProgress, SyncReport
from sync.schedule import (
    PROBE_TIMEOUT,
    Outcome,
    Plan,
    RoundScheduler,
    Step,
    outcome_of,
    outcome_of_error,
)

logger = logging.getLogger(__name__)

# The same schedule as the CLI's sync daemon (sync/daemon.py): backoff with jitter after failures,
# probes while the platform does not answer, a round as soon as it answers again (DESIGN.md, sync
# contract). A round or a probe never touches the GUI thread (aesthetics.md §3.3); the scheduler
# lives on the GUI thread and is told each outcome there.

DEFAULT_INTERVAL_MS: Final = 30_000

ProgressHook = ProgressCallback
"""Called on the sync worker with each ``sync.report.SyncProgress``."""


class SyncRunner(Protocol):
    """One device's sync (``services.sync_round.SyncRound`` is one). Lives on the sync worker."""

    def run_once(self) -> SyncReport:
        """Push and pull once. May raise for a broken store."""
        ...

    def reachable(self, timeout: tuple[float, float]) -> bool:
        """Whether the platform answers its health check now (never raises)."""
        ...


SyncRunnerFactory = Callable[[ProgressHook], SyncRunner]
"""Builds the runner on the sync worker thread (so it may open that thread's Store), given the
progress hook to pass on as ``sync.service.SyncService``'s ``progress``."""


def report_online(report: SyncReport) -> bool:
    """Whether a round's report shows the platform answering (an error answer counts)."""
    return outcome_of(report) in (Outcome.OK, Outcome.ANSWERED)


class SyncBridge(QObject):
    """Schedules sync rounds and reports them. Lives on the GUI thread.

    ``sync_finished(SyncReport)`` follows every round that returned a report — a failed round too:
    ``report.ok`` says which; ``sync_failed(error)`` follows a round that raised. At most one
    round or probe runs at a time; ``sync_now`` during one asks for a round right after it.
    ``online_changed(bool)`` follows the scheduler's view: any answer is online, only a round or
    probe that got none is offline.
    """

    sync_started = Signal()
    # events done, events total, bytes done, bytes total; qlonglong: byte counts pass 2**31
    sync_progress = Signal(int, int, "qlonglong", "qlonglong")  # type: ignore[arg-type]
    sync_finished = Signal(object)
    sync_failed = Signal(object)
    online_changed = Signal(bool)

    _progress_posted = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        factory: SyncRunnerFactory,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        scheduler: RoundScheduler | None = None,
        probe_timeout: tuple[float, float] = PROBE_TIMEOUT,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        """``interval_ms``: between rounds while all is well (0: only on ``sync_now``; failed
        rounds are retried all the same); ignored when a ``scheduler`` is given (tests)."""
        require_gui_thread("SyncBridge")
        super().__init__(parent)
        self._runner = runner
        self._scheduler = scheduler or RoundScheduler(
            interval=interval_ms / 1000 if interval_ms > 0 else None
        )
        self._probe_timeout = probe_timeout
        self._monotonic = monotonic
        self._key = runner.add_resource(
            f"sync-runner-{id(self):x}", open=lambda: factory(self._report_progress)
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._plan = self._scheduler.plan
        self._future: Future[Any] | None = None
        self._step: Step | None = None  # what the future runs
        self._again = False
        self._online: bool | None = None
        self._stopped = False
        self._progress_lock = threading.Lock()
        self._latest: SyncProgress | None = None
        self._progress_posted.connect(self._on_progress_posted, Qt.ConnectionType.QueuedConnection)

    # -- control (GUI thread) ------------------------------------------------------------------

    def start(self, *, run_now: bool = True) -> None:
        """Start scheduling: a round now, or after one interval."""
        if self._stopped:
            raise RuntimeError("SyncBridge is stopped")
        now = self._monotonic()
        self._follow(self._scheduler.wake(now) if run_now else self._scheduler.idle(now))

    def sync_now(self) -> bool:
        """Start a round now; False when a round or probe is running (a round follows it) or the
        bridge is stopped."""
        if self._stopped:
            return False
        if self._future is not None:
            self._again = True
            return False
        self._follow(self._scheduler.wake(self._monotonic()))
        return True

    def request_ended(self, error: BaseException | None = None) -> None:
        """Another request to the platform ended (a kiosk's look-up): an answer, however slow,
        means online, and a round starts at once if the bridge was waiting for the platform."""
        if self._stopped:
            return
        outcome = Outcome.OK if error is None else outcome_of_error(error)
        self._follow(self._scheduler.request_ended(outcome, self._monotonic()))

    @property
    def plan(self) -> Plan:
        """The scheduler's next step and when (monotonic seconds)."""
        return self._plan

    @property
    def running(self) -> bool:
        """A round is queued or running (a probe is not a round)."""
        return self._step is Step.ROUND

    @property
    def online(self) -> bool | None:
        """Whether the platform answers (None until a round, probe or request tells)."""
        return self._online

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop scheduling and wait for a running round or probe (up to ``timeout``); safe to
        call twice. No signal is emitted afterwards. False when it did not end in time."""
        require_gui_thread("SyncBridge.stop")
        self._stopped = True
        self._timer.stop()
        future, self._future, self._step = self._future, None, None
        if future is None or future.cancel():
            return True
        try:
            future.result(timeout)
        except FutureTimeout:
            logger.error("the sync round did not end within %.1fs", timeout)
            return False
        except Exception:  # the runner logged it; stopping goes on
            pass
        return True

    # -- the schedule --------------------------------------------------------------------------

    def _follow(self, plan: Plan) -> None:
        """Take the scheduler's plan: say whether the platform answers, then start the step now
        or set the timer for it (a running round or probe decides again when it ends)."""
        self._plan = plan
        self._update_online()
        self._timer.stop()
        if self._stopped or self._future is not None:
            return
        wait = plan.wait_s(self._monotonic())
        if wait is None:
            return
        if wait > 0:
            self._timer.start(max(1, math.ceil(wait * 1000)))
        elif plan.step is Step.PROBE:
            self._probe()
        else:
            self._round()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._follow(self._plan)

    def _update_online(self) -> None:
        online = self._scheduler.online
        if online is None or online == self._online:
            return
        self._online = online
        self.online_changed.emit(online)

    def _next(self, plan: Plan) -> None:
        """After a round or probe: one more round if ``sync_now`` asked meanwhile, else the plan."""
        if self._again:
            self._again = False
            plan = self._scheduler.wake(self._monotonic())
        self._follow(plan)

    # -- rounds and probes (run on the sync worker, answered on the GUI thread) ------------------

    def _round(self) -> None:
        self._again = False
        self._step = Step.ROUND
        self.sync_started.emit()
        self._future = self._runner.run_with(
            self._key,
            lambda sync_runner: sync_runner.run_once(),
            on_done=self._on_round_done,
            on_error=self._on_round_failed,
            executor="sync",
        )

    def _on_round_done(self, report: SyncReport) -> None:
        self._future = self._step = None
        if self._stopped:
            return
        plan = self._scheduler.round_ended(
            outcome_of(report), self._monotonic(), retry_after=report.retry_after_s
        )
        self._update_online()
        self.sync_finished.emit(report)
        self._next(plan)

    def _on_round_failed(self, error: BaseException) -> None:
        self._future = self._step = None
        if self._stopped:
            return
        plan = self._scheduler.round_ended(outcome_of_error(error), self._monotonic())
        self._update_online()
        self.sync_failed.emit(error)
        self._next(plan)

    def _probe(self) -> None:
        timeout = self._probe_timeout
        self._step = Step.PROBE
        self._future = self._runner.run_with(
            self._key,
            lambda sync_runner: sync_runner.reachable(timeout),
            on_done=self._on_probe_done,
            on_error=self._on_probe_failed,
            executor="sync",
        )

    def _on_probe_done(self, answered: bool) -> None:
        self._future = self._step = None
        if self._stopped:
            return
        if answered:
            logger.info("platform answers again; syncing now")
        self._next(self._scheduler.probe_ended(answered, self._monotonic()))

    def _on_probe_failed(self, error: BaseException) -> None:
        logger.warning("sync probe failed: %s", getattr(error, "detail", error))
        self._on_probe_done(False)

    # -- progress (sync worker → GUI thread, coalesced) -------------------------------------------

    def _report_progress(self, progress: SyncProgress) -> None:
        """The progress hook: runs on the sync worker; only the latest value waits for the GUI."""
        with self._progress_lock:
            waiting = self._latest is not None
            self._latest = progress
        if not waiting:
            self._progress_posted.emit()

    @Slot()
    def _on_progress_posted(self) -> None:
        with self._progress_lock:
            progress, self._latest = self._latest, None
        if progress is not None and not self._stopped:
            self.sync_progress.emit(
                progress.events_done, progress.events_total, progress.bytes_done, progress.bytes_total
            )
