"""Bridges from worker threads into Qt: device callbacks and sync rounds become GUI-thread signals."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from devices.camera import CapturedPage
from devices.errors import DeviceUriError
from devices.manager import DeviceHealth, DeviceManager
from devices.printer import PrintableReceipt, PrintResult
from devices.simulator_rack import SimulatorRack
from qtkit.sync_bridge import SyncBridge, SyncRunner, SyncRunnerFactory, report_online
from qtkit.tasks import OnDone, OnError, TaskRunner
from qtkit.threads import require_gui_thread
from services.card_checks import card_check

__all__ = [
    "DeviceBridge",
    "DevicePort",
    "SyncBridge",
    "SyncRunner",
    "SyncRunnerFactory",
    "report_online",
]

logger = logging.getLogger(__name__)

# research/aesthetics.md §3.3 rule 3 (Electrum's QtEventListener): one QObject per client, built on
# the GUI thread. Worker callbacks only post a value through a private queued signal; the public
# signals are always emitted on the GUI thread, so whatever is connected to them runs there. Only
# frozen dataclasses (IdCard, ScanResult, DeviceHealth, PrintResult, CapturedPage, the sync
# report) cross threads. SyncBridge lives in qtkit.sync_bridge and is re-exported here.


class DevicePort(Protocol):
    """What the bridge uses of ``devices.manager.DeviceManager`` (tests may pass a fake factory)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def health(self) -> list[DeviceHealth]: ...

    def uri(self, role: str) -> str | None: ...

    def check(self, role: str) -> Future[DeviceHealth]: ...

    def print_receipt(self, receipt: PrintableReceipt) -> Future[PrintResult]: ...

    def capture_page(self, timeout: float) -> Future[CapturedPage]: ...


DeviceFactory = Callable[..., DevicePort]
"""``factory(table, on_card=…, on_scan=…, on_health=…, timeout=…, validate_card=…)``: DeviceManager's signature."""


class DeviceBridge(QObject):
    """Owns the DeviceManager of one window or kiosk and turns its callbacks into signals.

    Lives on the GUI thread. The manager is started on the runner's ``devices`` worker (starting
    simulators and opening ports must not freeze the GUI); card reads, scans and health changes
    arrive from the devices' owner threads and are re-emitted here. Printing and page capture run
    on the manager's printer and camera owner threads (the only door to each device, so health
    follows every print and capture); results come back as signals and, if given, as GUI-thread
    callbacks.
    """

    card_read = Signal(object)  # devices.id_reader.IdCard
    code_scanned = Signal(object)  # devices.qr.ScanResult
    device_health_changed = Signal(object)  # devices.manager.DeviceHealth
    devices_started = Signal()
    receipt_printed = Signal(object)  # devices.printer.PrintResult
    print_failed = Signal(object)  # the error (a DeviceError, normally)
    page_captured = Signal(object)  # devices.camera.CapturedPage
    capture_failed = Signal(object)

    _event_posted = Signal(str, object)  # (public signal name, value), from any thread

    def __init__(
        self,
        table: Mapping[str, str],
        runner: TaskRunner,
        *,
        factory: DeviceFactory = DeviceManager,
        timeout: float = 5.0,
        capture_timeout: float = 15.0,
        parent: QObject | None = None,
    ) -> None:
        require_gui_thread("DeviceBridge")
        super().__init__(parent)
        self._runner = runner
        self._capture_timeout = capture_timeout
        self._stopped = False
        self._start_future: Future[None] | None = None
        self._event_posted.connect(self._on_event_posted, Qt.ConnectionType.QueuedConnection)
        self._manager: DevicePort = factory(
            table,
            on_card=lambda card: self._event_posted.emit("card_read", card),
            on_scan=lambda scan: self._event_posted.emit("code_scanned", scan),
            on_health=lambda health: self._event_posted.emit("device_health_changed", health),
            timeout=timeout,
            validate_card=card_check(),  # the reader hands on only cards core's rules accept
        )

    @property
    def manager(self) -> DevicePort:
        return self._manager

    @property
    def simulators(self) -> SimulatorRack | None:
        """The simulators started for ``sim`` URIs (the walk-throughs and tests place cards and read
        what was printed through it); None when the manager is not a DeviceManager (a test's fake)."""
        return self._manager.simulators if isinstance(self._manager, DeviceManager) else None

    def start(self) -> Future[None]:
        """Start the devices on the ``devices`` worker; ``devices_started`` follows."""
        if self._start_future is not None:
            raise RuntimeError("DeviceBridge already started")
        self._start_future = self._runner.run(
            self._manager.start,
            on_done=lambda _: self._emit_unless_stopped(self.devices_started),
            on_error=lambda exc: logger.error("starting the devices failed: %s", exc),
            executor="devices",
        )
        return self._start_future

    def health(self) -> list[DeviceHealth]:
        """The last known state of every role (safe on the GUI thread: no I/O)."""
        return self._manager.health()

    def check(self, role: str) -> Future[DeviceHealth]:
        """Probe one device again (the test panel's button); the outcome arrives as
        ``device_health_changed``."""
        return self._guarded(lambda: self._manager.check(role), None, None)

    def print_receipt(
        self,
        receipt: PrintableReceipt,
        *,
        on_done: OnDone[PrintResult] | None = None,
        on_error: OnError | None = None,
    ) -> Future[PrintResult]:
        """Print on the printer's owner thread; ``receipt_printed`` or ``print_failed`` follows."""

        def done(result: PrintResult) -> None:
            self._emit_unless_stopped(self.receipt_printed, result)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._emit_unless_stopped(self.print_failed, exc)
            if on_error is not None:
                on_error(exc)

        return self._guarded(lambda: self._manager.print_receipt(receipt), done, failed)

    def capture_page(
        self, *, on_done: OnDone[CapturedPage] | None = None, on_error: OnError | None = None
    ) -> Future[CapturedPage]:
        """Photograph the page under the document camera on its owner thread (the manager keeps it
        open there until ``stop``); ``page_captured`` or ``capture_failed`` follows."""

        def done(page: CapturedPage) -> None:
            self._emit_unless_stopped(self.page_captured, page)
            if on_done is not None:
                on_done(page)

        def failed(exc: BaseException) -> None:
            self._emit_unless_stopped(self.capture_failed, exc)
            if on_error is not None:
                on_error(exc)

        if self._manager.uri("camera") is None:
            return self._guarded(_not_configured, done, failed)
        timeout = self._capture_timeout
        return self._guarded(lambda: self._manager.capture_page(timeout), done, failed)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop every device thread and simulator (waits for them); safe to call twice."""
        require_gui_thread("DeviceBridge.stop")
        if self._stopped:
            return
        self._stopped = True
        if self._start_future is not None:
            try:
                self._start_future.result(timeout)
            except FutureTimeout:
                logger.error("devices did not finish starting within %.1fs", timeout)
            except Exception:  # already logged by the runner; stopping must go on
                pass
        self._manager.stop()

    # -- internals -----------------------------------------------------------------------------

    def _guarded(
        self,
        start: Callable[[], Future[Any]],
        on_done: OnDone[Any] | None,
        on_error: OnError | None,
    ) -> Future[Any]:
        """``start()`` a device Future and follow it; an error raised at once (not configured)
        is delivered the same way, later, on the GUI thread."""
        try:
            future = start()
        except Exception as exc:
            future = Future()
            future.set_exception(exc)
        return self._runner.follow(future, on_done=on_done, on_error=on_error)

    def _emit_unless_stopped(self, signal: Any, *args: object) -> None:
        if not self._stopped:
            signal.emit(*args)

    @Slot(str, object)
    def _on_event_posted(self, name: str, value: object) -> None:
        if self._stopped:
            return
        if name == "device_health_changed" and isinstance(value, DeviceHealth):
            logger.debug("device %s: ok=%s %s", value.role, value.ok, value.detail)
        getattr(self, name).emit(value)


def _not_configured() -> Any:
    # The staff's interface language (the manager's own message is fixed Chinese).
    raise DeviceUriError(QCoreApplication.translate("DeviceBridge", "高拍仪未配置"), "camera not configured")
