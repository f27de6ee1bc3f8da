"""Printing a case's receipts through the printer's one door, without holding up the store worker (no Qt here).

Each job takes three steps (core.printing.PrintService): the jobs are prepared on the store
worker, the printer's owner prints each receipt, and the outcome is settled on the store worker;
the next receipt goes out only after the last one printed, so paper-out stops the run and the
rest stay open for a retry. Both GUIs chain the steps with ``print_prepared`` (the store worker of
their TaskRunner, the printer thread of their DeviceManager); the ``cases print`` CLI runs the
same chain on its one thread with ``on_this_thread`` and ``DirectPrinter``.

A receipt that belongs to no case — a 办事指南 (core.receipts.guide_receipt), a certificate on
receipt paper, a test page — names no one and owes nothing, so it has no job to record or retry:
it goes straight through the same door (``ReceiptPrinter.print_receipt``; in a GUI
``DeviceBridge.print_receipt``), which updates the printer's health like every other print.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Protocol, TypeVar

from core.printing import Prepared, PrintFailed, PrintService
from core.store.print_jobs import PrintJob
from core.store.store import Store
from devices.access import print_on
from devices.errors import DeviceError
from devices.printer import PrintableReceipt, PrintResult
from devices.uri import parse_device_uri

logger = logging.getLogger(__name__)

R = TypeVar("R")
T = TypeVar("T")


class ReceiptPrinter(Protocol):
    """The printer's door: ``DeviceManager`` (its owner thread) or ``DirectPrinter`` (the caller's)."""

    def print_receipt(self, receipt: PrintableReceipt) -> Future[PrintResult]: ...


class StoreWorker(Protocol):
    """Runs ``fn`` with the store worker's Store, e.g. ``lambda fn: runner.run_with(store_key, fn)``."""

    def __call__(self, fn: Callable[[Store], R], /) -> Future[R]: ...


class DirectPrinter:
    """The printer at ``uri``, printed on from the caller's thread: for the CLI, which has one thread
    and no DeviceManager. Raises DeviceUriError at once for a URI that is not a device address."""

    def __init__(self, uri: str, timeout: float) -> None:
        parse_device_uri(uri)
        self._uri = uri
        self._timeout = timeout

    def print_receipt(self, receipt: PrintableReceipt) -> Future[PrintResult]:
        return _now(lambda: print_on(self._uri, receipt, self._timeout))


def on_this_thread(store: Store) -> StoreWorker:
    """A StoreWorker that runs each step at once on the caller's thread with ``store`` (the CLI)."""

    def run(fn: Callable[[Store], R], /) -> Future[R]:
        return _now(lambda: fn(store))

    return run


def as_print_failed(error: BaseException) -> PrintFailed:
    """Why a receipt did not print, as core's PrintFailed (the message staff and citizens read)."""
    if isinstance(error, PrintFailed):
        return error
    if isinstance(error, DeviceError):
        failure = PrintFailed(error.message, error.detail, code=error.code, params=error.params)
    else:  # not the printer's fault; logged where it was raised
        failure = PrintFailed(
            "打印出错（已记入日志）", f"{type(error).__name__}: {error}", code="print.unexpected"
        )
    failure.__cause__ = error
    return failure


def print_prepared(
    on_store: StoreWorker,
    printer: ReceiptPrinter,
    service: Callable[[Store], PrintService],
    prepare: Callable[[Store], Sequence[Prepared]],
) -> Future[list[PrintJob]]:
    """``prepare`` the jobs on the store worker (with ``service``'s ``prepare…``), print each through
    ``printer`` and settle it on the store worker with ``service``, one after the other. The Future holds the printed jobs, or the first PrintFailed (that
    job is kept open, like the ones after it) or whatever error stopped the store steps.

    Every step runs on its own thread (store worker, printer owner); the Future resolves on the
    last one, so a GUI follows it (``TaskRunner.follow``) to get its answer on the GUI thread.
    """
    return _PrintRun(on_store, printer, service).start(prepare)


class _PrintRun:
    """One run of ``print_prepared``. Only one of its steps is ever under way, so its state needs no
    lock; steps that finish at once (the CLI) are looped over by ``_Trampoline``, not recursed into."""

    def __init__(
        self, on_store: StoreWorker, printer: ReceiptPrinter, service: Callable[[Store], PrintService]
    ) -> None:
        self._on_store = on_store
        self._printer = printer
        self._service = service
        self._outcome: Future[list[PrintJob]] = Future()
        self._printed: list[PrintJob] = []
        self._queue: deque[Prepared] = deque()
        self._steps = _Trampoline()

    def start(self, prepare: Callable[[Store], Sequence[Prepared]]) -> Future[list[PrintJob]]:
        self._then(lambda: self._on_store(lambda store: list(prepare(store))), self._prepared)
        return self._outcome

    def _prepared(self, prepared: Future[list[Prepared]]) -> None:
        self._queue.extend(prepared.result())
        self._send()

    def _send(self) -> None:
        if not self._queue:
            self._outcome.set_result(self._printed)
            return
        job, receipt = self._queue.popleft()
        self._then(lambda: self._printer.print_receipt(receipt), lambda sent: self._settle(job, sent))

    def _settle(self, job: PrintJob, sent: Future[PrintResult]) -> None:
        error = sent.exception()
        failure = None if error is None else as_print_failed(error)
        service = self._service
        self._then(
            lambda: self._on_store(lambda store: service(store).settle(job, failure)),
            lambda settled: self._settled(settled, failure),
        )

    def _settled(self, settled: Future[PrintJob], failure: PrintFailed | None) -> None:
        job = settled.result()
        if failure is not None:
            self._outcome.set_exception(failure)
            return
        self._printed.append(job)
        self._send()

    def _then(self, start: Callable[[], Future[T]], then: Callable[[Future[T]], None]) -> None:
        """``start()`` a step; hand it, once done, to ``then`` (on the thread that finished it). An
        error in either ends the run with that error."""

        def step() -> None:
            try:
                then(future)
            except BaseException as exc:
                self._fail(exc)

        try:
            future = start()
        except BaseException as exc:  # refused at once: a printer not configured, a runner shut down
            future = Future()
            future.set_exception(exc)
        future.add_done_callback(lambda _done: self._steps.run(step))

    def _fail(self, exc: BaseException) -> None:
        if not self._outcome.done():
            self._outcome.set_exception(exc)
        else:
            logger.error("a receipt print run failed after it ended", exc_info=exc)


class _Trampoline:
    """Runs steps one at a time: a step that finishes inside another (a Future already done) is
    queued and run when that one returns, so a long run on one thread does not grow the stack."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._steps: deque[Callable[[], None]] = deque()
        self._running = False

    def run(self, step: Callable[[], None]) -> None:
        with self._lock:
            self._steps.append(step)
            if self._running:
                return
            self._running = True
        while True:
            with self._lock:
                if not self._steps:
                    self._running = False
                    return
                step = self._steps.popleft()
            step()


def _now(call: Callable[[], T]) -> Future[T]:
    """A Future already resolved with ``call()``'s result or error."""
    future: Future[T] = Future()
    try:
        future.set_result(call())
    except BaseException as exc:
        future.set_exception(exc)
    return future
