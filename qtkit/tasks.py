"""Background work for the GUIs: an op runs on a named worker pool, its on_done/on_error on the GUI thread."""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final, Generic, TypeVar, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot

from core.clock import Clock
from core.errors import TongbanError
from core.store.store import Store
from devices.errors import DeviceError
from qtkit.collector import GuiThreadCollector
from qtkit.threads import is_gui_thread, require_gui_thread

logger = logging.getLogger(__name__)

# Anki's QueryOp/CollectionOp and TaskManager.run_on_main without the global (research/aesthetics.md
# §1.2, §3.3 rule 4): each GUI's composition root passes the runner in. Named pools: "store" (one
# worker, so every database write is serialized), "sync" (one worker, push order kept), "devices"
# (one worker) and a small "general" pool. Callbacks reach the GUI thread through ONE queued
# signal. Each worker thread opens its OWN per-thread resources (a core Store: one SQLite
# connection per thread, WAL) lazily and closes them on that same thread at shutdown. While the
# runner lives, cyclic garbage is collected on the GUI thread only (qtkit.collector: a worker
# must never be the thread that destroys a QObject).

T = TypeVar("T")
R = TypeVar("R")

EXPECTED_ERRORS: Final = (TongbanError, DeviceError)  # typed: a message for people, no traceback needed
DEFAULT_EXECUTORS: Final[Mapping[str, int]] = {"store": 1, "sync": 1, "devices": 1, "general": 4}

OnDone = Callable[[R], None]
OnError = Callable[[BaseException], None]


@dataclass(frozen=True, slots=True)
class ResourceKey(Generic[T]):
    """Names a per-worker-thread resource (e.g. that thread's Store); returned by ``add_resource``.
    Immutable: any thread."""

    name: str


@dataclass(frozen=True, slots=True)
class _ResourceSpec:
    open: Callable[[], Any]
    close: Callable[[Any], None]


def _close_if_closable(resource: object) -> None:
    close = getattr(resource, "close", None)
    if callable(close):
        close()


def store_opener(data_dir: Path, *, clock: Clock, key_file: Path | None = None) -> Callable[[], Store]:
    """The factory of the ``store`` resource: each worker thread that asks opens its own Store."""

    def open_store() -> Store:
        return Store.open(data_dir, clock=clock, key_file=key_file)

    return open_store


class _WorkerPool:
    """A fixed number of threads fed by one queue; lives on those threads (submit from any thread).

    Unlike ``ThreadPoolExecutor`` each thread ends by closing its own resources, which a Store
    needs (sqlite3's same-thread check). Threads start on the first submit, never in __init__.
    """

    def __init__(self, name: str, size: int, runner: TaskRunner) -> None:
        if size < 1:
            raise ValueError(f"executor {name!r} needs at least one worker, not {size}")
        self.name = name
        self._size = size
        self._runner = runner
        self._queue: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, job: Callable[[], None]) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError(f"TaskRunner executor {self.name!r} is shut down")
            if not self._threads:
                for index in range(self._size):
                    thread = threading.Thread(
                        target=self._work, name=f"tongban-{self.name}-{index}", daemon=True
                    )
                    self._threads.append(thread)
                    thread.start()
            self._queue.put(job)

    def close(self) -> None:
        """No more jobs; every thread finishes the queued ones (drains), then ends."""
        with self._lock:
            self._closed = True
            for _ in self._threads:
                self._queue.put(None)

    def join(self, deadline: float) -> list[str]:
        """Wait for the threads until ``deadline`` (time.monotonic); the names still alive."""
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return [t.name for t in self._threads if t.is_alive()]

    def _work(self) -> None:
        opened = self._runner._enter_worker()
        try:
            while (job := self._queue.get()) is not None:
                job()
        finally:
            self._runner._leave_worker(opened)


class TaskRunner(QObject):
    """Runs ops off the GUI thread and their callbacks on it. Lives on the GUI thread.

    ``run``/``run_with``/``follow`` may be called from any thread (an op may chain another);
    ``shutdown`` only from the GUI thread. Callbacks of an op never run inside ``run`` itself,
    always later from the event loop (or from ``shutdown``). From construction until ``shutdown``
    automatic cyclic collection is off and done from the GUI thread's event loop instead
    (qtkit.collector), so no worker ever destroys a QObject.
    """

    _closures_posted = Signal()  # the one queued hop from any worker to the GUI thread

    def __init__(
        self, parent: QObject | None = None, *, executors: Mapping[str, int] = DEFAULT_EXECUTORS
    ) -> None:
        require_gui_thread("TaskRunner")
        super().__init__(parent)
        self._lock = threading.Lock()
        self._closures: deque[Callable[[], None]] = deque()
        self._pending = 0
        self._closed = False
        self._resources: dict[str, _ResourceSpec] = {}
        self._local = threading.local()
        self._pools = {name: _WorkerPool(name, size, self) for name, size in executors.items()}
        self._closures_posted.connect(self._on_closures_posted, Qt.ConnectionType.QueuedConnection)
        self._collector = GuiThreadCollector(self)
        self._collector.start()

    # -- resources -----------------------------------------------------------------------------

    def add_resource(
        self, name: str, open: Callable[[], T], close: Callable[[T], None] = _close_if_closable
    ) -> ResourceKey[T]:
        """Declare a per-worker-thread resource: ``open`` runs on a worker the first time that
        worker asks for it, ``close`` on the same worker when the runner shuts down."""
        with self._lock:
            if name in self._resources:
                raise ValueError(f"resource {name!r} is already declared")
            self._resources[name] = _ResourceSpec(open, cast(Callable[[Any], None], close))
        return ResourceKey(name)

    def resource(self, key: ResourceKey[T] | str) -> T:
        """This worker thread's instance of ``key``, opened on first use. Only on a runner worker."""
        name = key.name if isinstance(key, ResourceKey) else key
        held: dict[str, Any] | None = getattr(self._local, "resources", None)
        if held is None:
            raise RuntimeError(f"resource {name!r} is only available on a TaskRunner worker thread")
        if name not in held:
            with self._lock:
                spec = self._resources.get(name)
            if spec is None:
                raise LookupError(f"no resource named {name!r} was declared")
            held[name] = spec.open()
            logger.debug("opened resource %s on %s", name, threading.current_thread().name)
        return cast(T, held[name])

    def release(self, key: ResourceKey[T] | str) -> bool:
        """Close this worker thread's instance of ``key`` now, if it has one (only on a worker)."""
        name = key.name if isinstance(key, ResourceKey) else key
        held: dict[str, Any] | None = getattr(self._local, "resources", None)
        if held is None:
            raise RuntimeError(f"resource {name!r} can only be released on a TaskRunner worker thread")
        if name not in held:
            return False
        self._leave_worker({name: held.pop(name)})
        return True

    def _enter_worker(self) -> dict[str, Any]:
        self._local.resources = {}
        return cast(dict[str, Any], self._local.resources)

    def _leave_worker(self, opened: dict[str, Any]) -> None:
        for name, resource in reversed(list(opened.items())):
            with self._lock:
                spec = self._resources[name]
            try:
                spec.close(resource)
            except Exception:
                logger.exception("closing resource %s failed", name)
        opened.clear()

    # -- running ops ---------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], R],
        *,
        on_done: OnDone[R] | None = None,
        on_error: OnError | None = None,
        executor: str = "general",
    ) -> Future[R]:
        """Run ``fn()`` on ``executor``; then ``on_done(result)`` or ``on_error(exc)`` on the GUI thread.

        Never call a widget from ``fn`` (Anki: "that may crash Qt"). The returned Future is
        resolved on the worker, before the callback is delivered.
        """
        pool = self._pools.get(executor)
        if pool is None:
            raise LookupError(f"no executor named {executor!r} (have: {', '.join(self._pools)})")
        future: Future[R] = Future()

        def job() -> None:
            if not future.set_running_or_notify_cancel():
                self._post(lambda: None)  # cancelled while queued: no callback, but no longer pending
                return
            try:
                result = fn()
            except BaseException as exc:  # a worker must survive any op; the error goes to on_error
                _log_failure(exc, executor)
                future.set_exception(exc)
                self._post(partial(_deliver_error, exc, on_error))
            else:
                future.set_result(result)
                self._post(lambda: on_done(result) if on_done is not None else None)

        with self._lock:
            if self._closed:
                raise RuntimeError("TaskRunner is shut down")
            self._pending += 1
        try:
            pool.submit(job)
        except RuntimeError:
            with self._lock:
                self._pending -= 1
            raise
        return future

    def run_with(
        self,
        key: ResourceKey[T] | str,
        fn: Callable[[T], R],
        *,
        on_done: OnDone[R] | None = None,
        on_error: OnError | None = None,
        executor: str = "store",
    ) -> Future[R]:
        """Like ``run``, but ``fn`` receives the worker thread's own instance of the resource."""
        return self.run(lambda: fn(self.resource(key)), on_done=on_done, on_error=on_error, executor=executor)

    def follow(
        self, future: Future[R], *, on_done: OnDone[R] | None = None, on_error: OnError | None = None
    ) -> Future[R]:
        """Deliver a Future made elsewhere (a device's owner thread) to GUI-thread callbacks."""
        with self._lock:
            if self._closed:
                raise RuntimeError("TaskRunner is shut down")
            self._pending += 1

        def done(finished: Future[R]) -> None:
            if finished.cancelled():
                self._post(lambda: None)
                return
            exc = finished.exception()
            if exc is not None:
                self._post(partial(_deliver_error, exc, on_error))
            else:
                result = finished.result()
                self._post(lambda: on_done(result) if on_done is not None else None)

        future.add_done_callback(done)
        return future

    def run_on_gui(self, closure: Callable[[], None]) -> None:
        """Call ``closure`` on the GUI thread soon (from any thread); not counted as pending."""
        self._post(closure, counted=False)

    @property
    def pending(self) -> int:
        """Ops submitted whose callbacks have not been delivered yet."""
        with self._lock:
            return self._pending

    @property
    def executors(self) -> tuple[str, ...]:
        return tuple(self._pools)

    @property
    def is_shut_down(self) -> bool:
        return self._closed

    def shutdown(self, timeout: float = 10.0) -> bool:
        """Finish every queued op (drain), close each worker's resources on that worker, join the
        threads, then deliver the callbacks still owed. True when all threads ended in time."""
        require_gui_thread("TaskRunner.shutdown")
        with self._lock:
            if self._closed:
                return True
            self._closed = True
        for pool in self._pools.values():
            pool.close()
        deadline = time.monotonic() + timeout
        alive = [name for pool in self._pools.values() for name in pool.join(deadline)]
        self._on_closures_posted()
        if alive:
            # Automatic collection stays off: a thread still running must not collect Qt objects.
            logger.error("TaskRunner threads still running after %.1fs: %s", timeout, ", ".join(alive))
        else:
            self._collector.stop()
        return not alive

    # -- the hop to the GUI thread -------------------------------------------------------------

    def _post(self, closure: Callable[[], None], *, counted: bool = True) -> None:
        def delivery() -> None:
            if counted:
                with self._lock:
                    self._pending -= 1
            closure()

        with self._lock:
            was_empty = not self._closures
            self._closures.append(delivery)
        if was_empty:
            self._closures_posted.emit()

    @Slot()
    def _on_closures_posted(self) -> None:
        if not is_gui_thread():  # pragma: no cover - the queued connection guarantees it
            raise RuntimeError("TaskRunner callbacks must run on the GUI thread")
        while True:
            with self._lock:
                if not self._closures:
                    return
                closure = self._closures.popleft()
            try:
                closure()
            except Exception:  # like a raising Qt slot: report it, keep delivering the others
                sys.excepthook(*sys.exc_info())


def _log_failure(exc: BaseException, executor: str) -> None:
    if isinstance(exc, EXPECTED_ERRORS):
        logger.info("op on %s failed: %s", executor, exc.detail)
    else:
        logger.error("op on %s raised an unexpected error", executor, exc_info=exc)


def _deliver_error(exc: BaseException, on_error: OnError | None) -> None:
    if on_error is not None:
        on_error(exc)
    elif isinstance(exc, EXPECTED_ERRORS):
        logger.warning("op failed and nobody handled it: %s", exc.detail)
