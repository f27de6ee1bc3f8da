"""What the GUI benchmarks share: waiting on the Qt event loop without sleeping, the GUI thread's
heartbeat, and a tracer that says what ran while the heartbeat was late."""

from __future__ import annotations

import functools
import gc
import os
import sys
import threading
import time
import types
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Final

from PySide6.QtCore import QEventLoop, Qt, QTimer

ROOT: Final = Path(__file__).resolve().parent.parent

# What the bench waits for now (wait_for's ``what``): the stall tracer files each stall under it.
waiting_for = ["(start)"]


# A person taps no sooner than the screen has been drawn. Qt draws a change on the window's next
# update request, QT_QPA_UPDATE_IDLE_TIME after it (5 ms by default, QPlatformWindow::requestUpdate);
# a tap before that makes the tapped button's synchronous repaint (QAbstractButton::mousePressEvent)
# draw the whole new screen too: one long turn of the GUI thread that no citizen could cause.
SETTLE_MS: Final = 10


def wait_for(
    predicate: Callable[[], bool],
    timeout_s: float,
    what: str,
    describe: Callable[[], str] | None = None,
    *,
    settle_ms: float = SETTLE_MS,
) -> None:
    """Run the event loop until ``predicate`` has held for ``settle_ms`` (a 2 ms QTimer checks it;
    nothing sleeps); on a timeout, exit naming ``what`` and what ``describe`` says the GUI shows.

    The loop turns on while the predicate holds, as it does between two taps of a person: the GUI
    paints and lays out what the last action changed before the next one (see SETTLE_MS)."""
    waiting_for[0] = what
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    held_since: list[float] = []

    def check() -> None:
        now = time.monotonic()
        if not predicate():
            held_since.clear()
            if now > deadline:
                loop.quit()
            return
        if not held_since:
            held_since.append(now)
        if (now - held_since[0]) * 1000 >= settle_ms:
            loop.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if not predicate():
        shown = f" (showing: {describe()})" if describe is not None else ""
        raise SystemExit(f"timed out waiting for {what}{shown}")


class Heartbeat:
    """A 1 ms precise QTimer on the GUI thread; the longest gap between beats is the longest stall.

    Gaps go into a fixed histogram (0.1 ms buckets), not a list: thousands of sessions are millions
    of beats, and a growing list would be the soak's own memory growth. ``last`` is the time of the
    latest beat (``time.perf_counter``), which the StallTracer's watchdog reads from its thread.

    Each gap also has the GUI thread's own CPU time (``time.thread_time``): what the thread did
    between two beats, without the time it waited for a CPU or the GIL. On a busy machine the wall
    gap grows and this does not, so ``cpu_longest_ms`` is about the stall a quiet machine would
    see; ``cpu_steps`` keeps the longest per step of the bench (``waiting_for``)."""

    BUCKETS = 20_000  # 0.1 ms each: up to 2 s, longer gaps count in the last one (max is exact)

    def __init__(self) -> None:
        self.beats = 0
        self.longest_ms = 0.0
        self.last = 0.0
        self.cpu_longest_ms = 0.0
        self.cpu_steps: dict[str, float] = {}
        self._last_cpu = 0.0
        self._histogram = [0] * self.BUCKETS
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._on_timer_timeout)

    def _on_timer_timeout(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self.last:
            gap = (now - self.last) * 1000
            self.longest_ms = max(self.longest_ms, gap)
            self._histogram[min(int(gap * 10), self.BUCKETS - 1)] += 1
            work = (cpu - self._last_cpu) * 1000
            if work > self.cpu_longest_ms:
                self.cpu_longest_ms = work
            step = waiting_for[0]
            if work > self.cpu_steps.get(step, 0.0):
                self.cpu_steps[step] = work
        self.last, self._last_cpu = now, cpu
        self.beats += 1

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.beats, self.longest_ms, self.last = 0, 0.0, 0.0
        self.cpu_longest_ms, self.cpu_steps = 0.0, {}
        self._histogram = [0] * self.BUCKETS
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.last = 0.0

    def percentile_ms(self, share: float) -> float:
        wanted, seen = share * sum(self._histogram), 0
        for bucket, count in enumerate(self._histogram):
            seen += count
            if seen >= wanted:
                return bucket / 10
        return self.longest_ms

    def cpu_report(self, over_ms: float = 15.0) -> list[str]:
        """The steps in which the GUI thread once worked over ``over_ms`` between two beats."""
        lines = [f"gui-cpu: the most the GUI thread worked between two beats: {self.cpu_longest_ms:.1f} ms"]
        steps = sorted(((ms, step) for step, ms in self.cpu_steps.items() if ms > over_ms), reverse=True)
        lines.extend(f"gui-cpu: {ms:6.1f} ms  while waiting for {step}" for ms, step in steps)
        return lines


class GuiWork:
    """The GUI thread's own CPU time (``time.thread_time``) in named methods, per call: which
    handler is long, whatever else the machine runs. ``time(cls, name)`` replaces ``cls.name``
    with a timing wrapper (before the objects connect their slots), ``restore()`` puts every
    original back. Calls on other threads are not counted. Pieces nest: a screen's ``__init__``
    is inside ``show_screen``; the report lists each with its own figures."""

    def __init__(self) -> None:
        self.pieces: dict[str, list[float]] = {}  # label → [calls, total ms, longest ms]
        self._patched: list[tuple[type, str, object]] = []
        self._gui = threading.main_thread().ident

    def time(self, cls: type, name: str) -> None:
        original = cls.__dict__[name]
        label = f"{cls.__name__}.{name}"
        pieces, gui = self.pieces, self._gui

        @functools.wraps(original)
        def timed(*args: object, **kwargs: object) -> object:
            if threading.get_ident() != gui:
                return original(*args, **kwargs)
            began = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                took = (time.thread_time() - began) * 1000
                piece = pieces.setdefault(label, [0, 0.0, 0.0])
                piece[0] += 1
                piece[1] += took
                piece[2] = max(piece[2], took)

        self._patched.append((cls, name, original))
        setattr(cls, name, timed)

    def time_class(self, cls: type) -> None:
        """Every function ``cls`` itself defines (``__init__`` and the handlers), not inherited ones."""
        for name, value in list(vars(cls).items()):
            if isinstance(value, types.FunctionType) and (name == "__init__" or not name.startswith("__")):
                self.time(cls, name)

    def restore(self) -> None:
        for cls, name, original in reversed(self._patched):
            setattr(cls, name, original)
        self._patched.clear()

    def report(self, over_ms: float = 15.0) -> list[str]:
        """The pieces that once took over ``over_ms``, longest first (calls, mean, longest)."""
        lines = [
            f"gui-work: methods whose GUI-thread CPU time once passed {over_ms:.0f} ms (calls, mean, longest):"
        ]
        rows = sorted(self.pieces.items(), key=lambda item: -item[1][2])
        lines.extend(
            f"gui-work: {int(calls):6d}  {total / calls:6.1f} ms  {longest:6.1f} ms  {label}"
            for label, (calls, total, longest) in rows
            if longest > over_ms
        )
        return lines


# -- the stall tracer -------------------------------------------------------------------------------

IDLE_FUNCTIONS: Final = frozenset(
    {
        "wait",
        "get",
        "select",
        "poll",
        "accept",
        "recv",
        "recv_into",
        "readinto",
        "sleep",
        "_wait_for_tstate_lock",
    }
)


class _Schedstat:
    """Each thread of this process: (ns on a CPU, ns runnable but waiting for one), from
    /proc/self/task/*/schedstat. Files stay open and are read with ``os.pread``, so one look at
    every thread costs a few microseconds (the task list is read again when its link count, one
    per thread, changes)."""

    def __init__(self) -> None:
        self._fds: dict[int, int] = {}
        self._links = 0

    def read(self) -> dict[int, tuple[int, int]]:
        links = os.stat("/proc/self/task").st_nlink
        if links != self._links:
            self._links = links
            for name in os.listdir("/proc/self/task"):
                native = int(name)
                if native not in self._fds:
                    try:
                        self._fds[native] = os.open(f"/proc/self/task/{name}/schedstat", os.O_RDONLY)
                    except OSError:
                        continue  # a thread that just ended
        found: dict[int, tuple[int, int]] = {}
        for native, fd in list(self._fds.items()):
            try:
                run, wait, _slices = os.pread(fd, 100, 0).split()
            except (OSError, ValueError):
                os.close(fd)  # the thread ended
                del self._fds[native]
                continue
            found[native] = (int(run), int(wait))
        return found

    def close(self) -> None:
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()


def _comm(native_id: int) -> str:
    try:
        return Path(f"/proc/self/task/{native_id}/comm").read_text().strip()
    except OSError:
        return str(native_id)


@functools.cache
def _file(filename: str) -> tuple[str, bool]:
    """How a code file is shown, and whether it is this project's (not the venv's, not the
    standard library's). Cached: the watchdog samples while the GUI thread is already late."""
    path = Path(filename)
    try:
        shown = str(path.resolve().relative_to(ROOT))
    except ValueError:
        return "/".join(path.parts[-2:]), False
    return shown, ".venv" not in path.parts


def _site(frame: FrameType) -> str:
    code = frame.f_code
    return f"{_file(code.co_filename)[0]}:{frame.f_lineno} {code.co_name}"


def _ours(frame: FrameType | None) -> FrameType | None:
    """The innermost frame in this project's code."""
    while frame is not None and not _file(frame.f_code.co_filename)[1]:
        frame = frame.f_back
    return frame


def _describe(frame: FrameType) -> str:
    """The innermost site, and the innermost site of ours when that is another frame."""
    mine = _ours(frame)
    if mine is None or mine is frame:
        return _site(frame)
    return f"{_site(frame)}  <- {_site(mine)}"


@dataclass
class _Stall:
    beat: float  # the last beat before the gap
    since: float  # the watchdog's last look before the gap's last beat: the CPU figures start here
    sched: dict[int, tuple[int, int]]
    latest: dict[int, tuple[int, int]] = field(default_factory=dict)  # a thread that ends keeps its last
    names: dict[int, str] = field(default_factory=dict)  # native id → thread name, as sampled
    step: str = ""  # what the bench waited for when the stall was seen
    gui: list[str] = field(default_factory=list)
    others: dict[int, list[str]] = field(default_factory=dict)  # native id → sampled sites
    last_sample: float = 0.0


@dataclass(frozen=True)
class StallRecord:
    gap_ms: float
    watched_ms: float  # the span the CPU figures cover: the gap and up to a poll on either side
    gui_cpu_ms: float
    gui_runqueue_ms: float
    busy: tuple[tuple[str, float], ...]  # other threads on a CPU meanwhile: (name, ms), busiest first
    gui_sites: tuple[str, ...]

    @property
    def kind(self) -> str:
        """What the GUI thread mostly did: ``ran`` (its own work), ``queued`` (waited for a CPU:
        the machine is loaded) or ``waited`` (for the GIL, a lock or I/O)."""
        other = self.watched_ms - self.gui_cpu_ms - self.gui_runqueue_ms
        shares = {"ran": self.gui_cpu_ms, "queued": self.gui_runqueue_ms, "waited": other}
        return max(shares, key=lambda k: shares[k])


@dataclass
class _Collections:
    """Cyclic collections of one generation on one thread, summed (a soak makes thousands)."""

    count: int = 0
    wall_ms: float = 0.0
    longest_ms: float = 0.0
    longest_cpu_ms: float = 0.0  # the collecting thread's own CPU time then: less when descheduled
    longest_freed: int = 0


KINDS: Final = ("ran", "queued", "waited")


class StallTracer:
    """A watchdog thread that, while the GUI heartbeat is late by more than ``threshold_ms``,
    samples ``sys._current_frames()`` of the GUI thread and of the other threads, and reads each
    thread's CPU time and run-queue wait from /proc (schedstat, nanoseconds).

    So each stall says whether the GUI thread itself ran (its own work: building a screen, a
    collection), waited for a CPU (the machine is loaded: nothing to fix in this process), or
    waited otherwise (for the GIL or a lock: the threads that were on a CPU meanwhile name the
    holder). It also times every cyclic garbage collection (``gc.callbacks``) and its thread.
    Everything is summed as it comes (counters, the five longest stalls), so a long soak's
    memory does not grow with it.

    The watchdog needs the GIL to sample, so a thread that holds it through one long C call is
    seen at the line that made that call — which is the line to look at. The kernel adds run and
    wait times up when a thread is scheduled, so a stall's figures are close, not exact.
    """

    def __init__(self, heartbeat: Heartbeat, *, threshold_ms: float = 30.0, poll_s: float = 0.005) -> None:
        self._heartbeat = heartbeat
        self._threshold_s = threshold_ms / 1000
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._gui_ident = threading.main_thread().ident
        self._current: _Stall | None = None
        self.count: Counter[str] = Counter()  # stalls by kind
        self.ms: Counter[str] = Counter()  # watched, ran, queued (ms, all stalls)
        self.longest: list[StallRecord] = []  # the five longest, longest first
        self.gui_sites: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.other_sites: Counter[str] = Counter()
        self.collections: dict[tuple[str, int], _Collections] = {}
        # The most CPU the GUI thread spent in one stall: about the longest stall a quiet machine
        # would see, whatever the load now (the part it waited for a CPU or the GIL left out).
        self.most_work_ms = 0.0
        self.steps: dict[str, list[float]] = {}  # bench step → [stalls, longest ms, most GUI CPU ms]
        self.most_work_sites: tuple[str, ...] = ()
        self._gc_started: dict[int, tuple[float, float]] = {}

    # -- running ---------------------------------------------------------------------------------

    def start(self) -> None:
        self._stop.clear()
        gc.callbacks.append(self._on_gc)
        self._thread = threading.Thread(target=self._watch, name="stall-tracer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = (time.perf_counter(), time.thread_time())
            return
        began = self._gc_started.pop(ident, None)
        if began is None:
            return
        took = (time.perf_counter() - began[0]) * 1000
        name = "GUI" if ident == self._gui_ident else threading.current_thread().name
        totals = self.collections.setdefault((name, info.get("generation", -1)), _Collections())
        totals.count += 1
        totals.wall_ms += took
        if took > totals.longest_ms:
            totals.longest_ms = took
            totals.longest_cpu_ms = (time.thread_time() - began[1]) * 1000
            totals.longest_freed = info.get("collected", 0)

    def _watch(self) -> None:
        sched = _Schedstat()
        try:
            self._look(sched)
        finally:
            sched.close()

    def _look(self, sched: _Schedstat) -> None:
        # Every thread's figures at each recent look, so a stall's figures start at the last look
        # before its last beat and cover all of it (and up to a poll either side).
        recent: deque[tuple[float, dict[int, tuple[int, int]]]] = deque(
            maxlen=int(self._threshold_s / self._poll_s) + 4
        )
        recent.append((time.perf_counter(), sched.read()))
        while not self._stop.wait(self._poll_s):
            beat = self._heartbeat.last
            current = self._current
            if current is not None and beat != current.beat:
                self._finish(current, beat, current.latest | sched.read())
                self._current = current = None
            now = time.perf_counter()
            if not beat or now - beat <= self._threshold_s:
                recent.append((now, sched.read()))
                continue
            if current is None:
                since, before = next(((t, f) for t, f in reversed(recent) if t <= beat), recent[0])
                current = self._current = _Stall(beat, since, before, step=waiting_for[0])
            current.latest.update(sched.read())
            if now - current.last_sample >= 0.010:
                current.last_sample = now
                self._sample(current)

    def _sample(self, stall: _Stall) -> None:
        frames = sys._current_frames()
        natives = {t.ident: t.native_id for t in threading.enumerate()}
        stall.names.update((t.native_id, t.name) for t in threading.enumerate() if t.native_id is not None)
        me = threading.get_ident()
        for ident, frame in frames.items():
            if ident == me:
                continue
            if ident == self._gui_ident:
                stall.gui.append(_describe(frame))
            elif frame.f_code.co_name not in IDLE_FUNCTIONS:
                native = natives.get(ident)
                if native is not None:
                    stall.others.setdefault(native, []).append(_describe(frame))

    def _finish(self, stall: _Stall, beat: float, after: dict[int, tuple[int, int]]) -> None:
        if beat < stall.beat:  # the heartbeat was stopped and started again: not a gap
            return
        watched_ns = max(1, int((time.perf_counter() - stall.since) * 1e9))
        names = stall.names | {t.native_id: t.name for t in threading.enumerate() if t.native_id is not None}
        gui_native = threading.main_thread().native_id
        deltas: dict[int, tuple[float, float]] = {}
        for native, (run, wait) in after.items():
            run0, wait0 = stall.sched.get(native, (run, wait))
            deltas[native] = ((run - run0) / 1e6, (wait - wait0) / 1e6)
        gui_cpu, gui_wait = deltas.pop(gui_native, (0.0, 0.0))
        me = threading.get_native_id()
        busy = sorted(
            (
                (names.get(native) or _comm(native), cpu)
                for native, (cpu, _wait) in deltas.items()
                if native != me and cpu >= 1.0
            ),
            key=lambda item: -item[1],
        )
        record = StallRecord(
            gap_ms=(beat - stall.beat) * 1000,
            watched_ms=watched_ns / 1e6,
            gui_cpu_ms=gui_cpu,
            gui_runqueue_ms=gui_wait,
            busy=tuple(busy),
            gui_sites=tuple(dict.fromkeys(stall.gui)),
        )
        kind = record.kind
        self.count[kind] += 1
        step = self.steps.setdefault(stall.step, [0, 0.0, 0.0])
        step[0] += 1
        step[1] = max(step[1], record.gap_ms)
        step[2] = max(step[2], gui_cpu)
        self.ms.update(watched=record.watched_ms, ran=gui_cpu, queued=gui_wait)
        if gui_cpu > self.most_work_ms:
            self.most_work_ms = gui_cpu
            self.most_work_sites = record.gui_sites[:2]
        self.gui_sites[kind].update(stall.gui)
        if kind == "waited":
            # A worker's sites count when it was on a CPU for a fifth of the stall or more.
            for native, sites in stall.others.items():
                if deltas.get(native, (0.0, 0.0))[0] * 1e6 >= watched_ns / 5:
                    name = names.get(native) or _comm(native)
                    self.other_sites.update(f"[{name}] {site}" for site in sites)
        self.longest = sorted([*self.longest, record], key=lambda s: -s.gap_ms)[:5]

    # -- the report ------------------------------------------------------------------------------

    def report(self, top: int = 8) -> list[str]:
        """Lines for the bench's output: stalls, where the GUI thread was, who else ran, collections."""
        total = sum(self.count.values())
        longest = self.longest[0].gap_ms if self.longest else 0.0
        lines = [
            f"trace: {total} stalls > {self._threshold_s * 1000:.0f} ms (longest {longest:.1f} ms): "
            + ", ".join(f"{kind} {self.count[kind]}" for kind in KINDS)
            + " (ran: the GUI thread's own work; queued: it waited for a CPU; waited: for the GIL, a lock, I/O)"
        ]
        if total:
            watched, cpu, queued = self.ms["watched"], self.ms["ran"], self.ms["queued"]
            lines.append(
                f"trace: in all {watched:.0f} ms watched, the GUI thread ran {cpu * 100 / watched:.0f}%, "
                f"waited for a CPU {queued * 100 / watched:.0f}%, "
                f"waited otherwise {max(0.0, watched - cpu - queued) * 100 / watched:.0f}%"
            )
            lines.append(
                f"trace: the most the GUI thread ran in one stall: {self.most_work_ms:.1f} ms "
                f"(at {'; '.join(self.most_work_sites) or '?'})"
            )
        for stall in self.longest:
            others = ", ".join(f"{name} {ms:.0f}" for name, ms in stall.busy[:4]) or "none"
            lines.append(
                f"trace:   {stall.gap_ms:.1f} ms ({stall.kind}): GUI ran {stall.gui_cpu_ms:.0f}, queued "
                f"{stall.gui_runqueue_ms:.0f} of {stall.watched_ms:.0f} ms watched; others on a CPU (ms): {others}"
            )
            lines.extend(f"trace:     GUI at {site}" for site in stall.gui_sites[:2])
        if self.steps:
            lines.append("trace: stalls by what the bench waited for (count, longest, most GUI CPU):")
            lines.extend(
                f"trace: {int(count):5d}  {longest:6.1f} ms  {cpu:6.1f} ms  {step}"
                for step, (count, longest, cpu) in sorted(self.steps.items(), key=lambda item: -item[1][1])[
                    :top
                ]
            )
        for kind in ("ran", "waited"):
            if self.gui_sites[kind]:
                lines.append(f"trace: GUI thread sites in stalls where it {kind} (samples):")
                lines.extend(
                    f"trace: {count:5d}  {site}" for site, count in self.gui_sites[kind].most_common(top)
                )
        if self.other_sites:
            lines.append("trace: other threads on a CPU in stalls where the GUI thread waited (samples):")
            lines.extend(f"trace: {count:5d}  {site}" for site, count in self.other_sites.most_common(top))
        for (thread, generation), found in sorted(self.collections.items()):
            lines.append(
                f"trace: cyclic collections on {thread}, generation {generation}: {found.count}, "
                f"{found.wall_ms:.0f} ms in all, longest {found.longest_ms:.1f} ms "
                f"({found.longest_cpu_ms:.1f} ms CPU, {found.longest_freed} freed)"
            )
        return lines


def full_collection() -> str:
    """What one full cyclic collection costs now, on this thread: a collection of the oldest
    generation scans every tracked object that ``gc.freeze`` has not set aside."""
    tracked = len(gc.get_objects())
    started = time.perf_counter()
    gc.collect()
    took = (time.perf_counter() - started) * 1000
    return f"gc: a full collection took {took:.1f} ms over {tracked} tracked objects ({gc.get_freeze_count()} frozen)"
