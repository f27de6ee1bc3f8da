"""DeviceBridge over a REAL DeviceManager with every role on ``sim``: device-thread callbacks become GUI-thread signals."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devices.camera import CapturedPage
from devices.camera.frames import Frame
from devices.camera.opencv_camera import OpenCvDocumentCamera
from devices.errors import DeviceUriError
from devices.manager import DeviceHealth, DeviceManager
from devices.printer import PrintResult
from devices.printer.testpage import Block, SimpleReceipt
from qtkit.bridge import DeviceBridge
from qtkit.tasks import TaskRunner

RECEIPT = SimpleReceipt(
    "test", "测试回执", (Block("text", "测试回执", "center", "title"), Block("qr", "TB1:TEST"))
)
ALL_SIM = {"id_reader": "sim", "printer": "sim", "scanner": "sim", "camera": "sim"}


def on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


@pytest.fixture
def all_sim(qtbot: QtBot, runner: TaskRunner) -> Iterator[DeviceBridge]:
    bridge = DeviceBridge(ALL_SIM, runner)
    yield bridge
    bridge.stop()
    bridge.stop()  # twice is harmless


def test_simulated_devices_reach_the_gui_thread_as_signals(qtbot: QtBot, all_sim: DeviceBridge) -> None:
    bridge = all_sim
    seen: dict[str, list[tuple[object, bool]]] = {"card": [], "scan": [], "health": []}
    bridge.card_read.connect(lambda card: seen["card"].append((card, on_gui_thread())))
    bridge.code_scanned.connect(lambda scan: seen["scan"].append((scan, on_gui_thread())))
    bridge.device_health_changed.connect(lambda health: seen["health"].append((health, on_gui_thread())))

    with qtbot.waitSignal(bridge.card_read, timeout=20_000):
        bridge.start()
    card, on_gui = seen["card"][0]
    assert on_gui and getattr(card, "card_type", None) == "resident"
    assert all(on_gui for _, on_gui in seen["health"])
    assert {h.role for h, _ in seen["health"] if isinstance(h, DeviceHealth)} >= {"id_reader", "scanner"}

    rack = bridge.simulators  # the real DeviceManager's, behind the sim URIs
    assert rack is not None
    with qtbot.waitSignal(bridge.code_scanned, timeout=10_000):
        rack.scanner.scan("出生医学证明 Q320123456", encoding="gbk")
    scan, on_gui = seen["scan"][0]
    assert on_gui and getattr(scan, "text", None) == "出生医学证明 Q320123456"

    printed: list[tuple[PrintResult, bool]] = []
    with qtbot.waitSignal(bridge.receipt_printed, timeout=15_000):
        bridge.print_receipt(RECEIPT, on_done=lambda result: printed.append((result, on_gui_thread())))
    qtbot.waitUntil(lambda: bool(printed), timeout=5000)
    result, on_gui = printed[0]
    assert on_gui and result.bytes_sent > 0
    assert "测试回执".encode("gb18030") in rack.printer.received

    with qtbot.waitSignal(bridge.page_captured, timeout=30_000) as captured:
        bridge.capture_page()
    page = captured.args[0]
    assert isinstance(page, CapturedPage) and page.jpeg.startswith(b"\xff\xd8") and page.width > 0


def test_devices_started_follows_start(qtbot: QtBot, runner: TaskRunner) -> None:
    bridge = DeviceBridge({}, runner)
    try:
        health: list[object] = []
        bridge.device_health_changed.connect(health.append)
        with qtbot.waitSignal(bridge.devices_started, timeout=10_000):
            bridge.start()
        qtbot.waitUntil(lambda: len(health) == 4, timeout=5000)
        assert all(isinstance(h, DeviceHealth) and h.ok is None for h in health)
        with pytest.raises(RuntimeError, match="already started"):
            bridge.start()
    finally:
        bridge.stop()


def test_printing_without_a_printer_fails_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    bridge = DeviceBridge({}, runner)
    try:
        errors: list[tuple[BaseException, bool]] = []
        with qtbot.waitSignal(bridge.print_failed, timeout=5000) as failed:
            bridge.print_receipt(RECEIPT, on_error=lambda exc: errors.append((exc, on_gui_thread())))
        assert isinstance(failed.args[0], DeviceUriError)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        assert errors[0][1]
        with qtbot.waitSignal(bridge.capture_failed, timeout=5000) as capture:
            bridge.capture_page()
        assert isinstance(capture.args[0], DeviceUriError)
    finally:
        bridge.stop()


def test_no_signal_after_stop(qtbot: QtBot, runner: TaskRunner) -> None:
    bridge = DeviceBridge({"printer": "sim"}, runner)
    with qtbot.waitSignal(bridge.devices_started, timeout=10_000):
        bridge.start()
    bridge.stop()
    late: list[object] = []
    bridge.print_failed.connect(late.append)
    bridge.receipt_printed.connect(late.append)
    future = bridge.print_receipt(RECEIPT)
    with pytest.raises(RuntimeError):
        future.result(timeout=5)  # the printer's executor is shut down
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert late == []


class WatchedCamera(OpenCvDocumentCamera):
    """The real camera driver, noting on which thread it was made and used."""

    def __init__(self, uri: str, seen: list[tuple[str, str]]) -> None:
        super().__init__(uri)
        self._seen = seen
        seen.append(("made", threading.current_thread().name))

    def capture_frame(self, timeout: float) -> Frame:  # capture_page and the health check both use it
        self._seen.append(("frame", threading.current_thread().name))
        return super().capture_frame(timeout)


def test_the_camera_has_one_owner_thread_for_checks_and_captures(qtbot: QtBot, runner: TaskRunner) -> None:
    """Bug 4: page captures go through the manager's camera owner, like its health checks."""
    seen: list[tuple[str, str]] = []
    factory = partial(DeviceManager, open_camera=lambda uri: WatchedCamera(uri, seen))
    bridge = DeviceBridge({"camera": "sim"}, runner, factory=factory)
    try:
        with qtbot.waitSignal(bridge.devices_started, timeout=10_000):
            bridge.start()
        for _ in range(2):
            with qtbot.waitSignal(bridge.page_captured, timeout=30_000):
                bridge.capture_page()
        check = bridge.check("camera")
        qtbot.waitUntil(check.done, timeout=30_000)
        assert check.result().ok, check.result()
        frames = [thread for what, thread in seen if what == "frame"]
        assert len(frames) == 4, seen  # the start-up check, two pages, the check
        threads = {thread for _, thread in seen}
        assert len(threads) == 1 and threads.pop().startswith("camera"), seen
    finally:
        bridge.stop()
