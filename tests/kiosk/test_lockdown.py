"""The kiosk's lockdown on the real window: shortcuts swallowed, typing kept, no close, back in
front after losing focus, the five-tap corner gesture, and systemd's READY/WATCHDOG pings."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.driver import KioskDriver
from kiosk.lockdown import CORNER_PX, Lockdown, SystemdNotifier, blocked_key
from kiosk.window import KioskWindow
from tests.kiosk.conftest import KioskFactory

PIN = "2468"
# The offscreen platform cannot raise a window; the lockdown raises the kiosk when it comes back.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", extend=True)
K = Qt.Key
M = Qt.KeyboardModifier
HARMLESS = (K.Key_Alt, K.Key_Control, K.Key_Shift)
LEAVING = [
    (K.Key_Tab, M.AltModifier),
    (K.Key_F4, M.AltModifier),
    (K.Key_Escape, M.AltModifier),
    (K.Key_Escape, M.ControlModifier),
    (K.Key_Delete, M.ControlModifier | M.AltModifier),
    (K.Key_Backspace, M.ControlModifier | M.AltModifier),
    (K.Key_Meta, M.NoModifier),
    (K.Key_Super_L, M.NoModifier),
    (K.Key_D, M.MetaModifier),
    (K.Key_W, M.ControlModifier),
    (K.Key_Q, M.ControlModifier),
    (K.Key_F11, M.NoModifier),
    (K.Key_F1, M.ControlModifier | M.AltModifier),
    (K.Key_F12, M.ControlModifier | M.AltModifier),
    (K.Key_Print, M.NoModifier),
    (K.Key_Escape, M.NoModifier),
]


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class KeyRecorder(QObject):
    """What reaches a widget after the application's filters (modifiers held alone are harmless)."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, int]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() not in HARMLESS:  # type: ignore[attr-defined]
            self.keys.append((event.key(), event.modifiers().value))  # type: ignore[attr-defined]
        return False


@pytest.fixture
def locked(make_kiosk: KioskFactory) -> KioskDriver:
    return make_kiosk(lockdown=True, maintenance_pin=PIN)


def lockdown_of(driver: KioskDriver) -> Lockdown:
    assert driver.app.lockdown is not None, "the lockdown is not installed"
    return driver.app.lockdown


@pytest.fixture
def probe(locked: KioskDriver, qtbot: QtBot) -> Iterator[tuple[QLineEdit, KeyRecorder]]:
    """A text field on the attract screen with the focus, the window active."""
    window = locked.window
    edit = QLineEdit(window.attract)
    edit.setObjectName("probe")
    edit.show()
    recorder = KeyRecorder()
    edit.installEventFilter(recorder)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    yield edit, recorder
    edit.removeEventFilter(recorder)
    edit.deleteLater()


def tap(window: KioskWindow, point: QPoint) -> None:
    """A tap where a finger would land: on the child widget under ``point``."""
    target = window.childAt(point) or window
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))


def corner(window: KioskWindow) -> QPoint:
    return QPoint(window.width() - CORNER_PX // 2, CORNER_PX // 2)


def test_shortcuts_that_leave_are_swallowed_and_typing_still_works(
    qtbot: QtBot, locked: KioskDriver, probe: tuple[QLineEdit, KeyRecorder]
) -> None:
    edit, recorder = probe
    window = locked.window
    fired: list[str] = []
    for sequence in ("Ctrl+W", "Ctrl+Q", "F11", "Alt+F4"):
        shortcut = QShortcut(QKeySequence(sequence), window)
        shortcut.activated.connect(lambda s=sequence: fired.append(s))
    control = QShortcut(QKeySequence("Ctrl+K"), window)  # not a leaving key: shortcuts do work here
    control.activated.connect(lambda: fired.append("Ctrl+K"))
    lockdown = lockdown_of(locked)
    before = lockdown.swallowed

    for key, modifiers in LEAVING:
        QTest.keyClick(edit, key, modifiers)
    assert recorder.keys == []
    assert fired == []
    assert lockdown.swallowed >= before + len(LEAVING)
    assert window.isVisible() and not window.isMinimized()

    QTest.keyClick(edit, K.Key_K, M.ControlModifier)
    assert fired == ["Ctrl+K"]
    returned: list[str] = []
    edit.returnPressed.connect(lambda: returned.append(edit.text()))
    QTest.keyClicks(edit, "ab12x")
    QTest.keyClick(edit, K.Key_Backspace)
    QTest.keyClick(edit, K.Key_Return)
    assert edit.text() == "ab12"
    assert returned == ["ab12"]
    assert (K.Key_A.value, 0) in recorder.keys


@pytest.mark.parametrize(("key", "modifiers"), LEAVING)
def test_every_leaving_key_is_recognised(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    if key == K.Key_Escape and modifiers == M.NoModifier:
        assert not blocked_key(key, modifiers)  # plain Escape only at window level
    else:
        assert blocked_key(key, modifiers)


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (K.Key_A, M.NoModifier),
        (K.Key_5, M.NoModifier),
        (K.Key_Backspace, M.NoModifier),
        (K.Key_Return, M.NoModifier),
        (K.Key_Tab, M.NoModifier),
        (K.Key_A, M.ShiftModifier),
        (K.Key_Delete, M.NoModifier),
        (K.Key_V, M.ControlModifier),
    ],
)
def test_ordinary_keys_pass(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    assert not blocked_key(key, modifiers)


def test_the_kiosk_window_does_not_close(qtbot: QtBot, locked: KioskDriver) -> None:
    window = locked.window
    assert window.close() is False
    assert window.isVisible()
    assert lockdown_of(locked).swallowed >= 1


def test_escape_is_left_to_the_kiosks_own_dialogs(qtbot: QtBot, locked: KioskDriver) -> None:
    dialog = QDialog(locked.window)
    QVBoxLayout(dialog).addWidget(QLineEdit(dialog))
    dialog.show()
    qtbot.waitExposed(dialog)
    QTest.keyClick(dialog, K.Key_Escape)
    assert not dialog.isVisible()  # rejected by Escape
    assert locked.window.isVisible()


def test_a_minimised_kiosk_comes_back(qtbot: QtBot, locked: KioskDriver) -> None:
    window = locked.window
    window.showMinimized()
    assert window.isMinimized()
    qtbot.waitUntil(lambda: not window.isMinimized() and window.isVisible(), timeout=5_000)


def test_losing_the_application_focus_brings_the_kiosk_back(qtbot: QtBot, locked: KioskDriver) -> None:
    window = locked.window
    window.setWindowState(Qt.WindowState.WindowMinimized)  # as another application's window would
    lockdown = lockdown_of(locked)
    lockdown._restore_timer.stop()
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)  # type: ignore[union-attr]
    assert lockdown._restore_timer.isActive()  # one deferred restore, not a loop
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=5_000)


def test_the_kiosks_own_dialog_keeps_the_focus(qtbot: QtBot, locked: KioskDriver) -> None:
    dialog = QDialog(locked.window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    lockdown_of(locked).restore()
    assert QApplication.activeWindow() is dialog
    dialog.reject()


def test_five_taps_in_the_corner_open_the_pin_screen(qtbot: QtBot, locked: KioskDriver) -> None:
    window = locked.window
    lockdown = lockdown_of(locked)
    with qtbot.assertNotEmitted(lockdown.gesture_completed):
        for _ in range(4):
            tap(window, corner(window))
    assert locked.window.in_session  # the first tap started a session, like any tap on the attract screen
    with qtbot.waitSignal(lockdown.maintenance_opened, timeout=5_000):
        tap(window, corner(window))
    assert locked.screen_name == "maintenance"
    assert not window.in_session  # the citizen's session ended first
    assert lockdown.maintenance is not None and not lockdown.maintenance.unlocked
    assert "维护登录" in locked.texts()


def test_a_tap_elsewhere_or_a_slow_tap_starts_the_count_again(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    clock = FakeMonotonic()
    driver = make_kiosk(lockdown=True, maintenance_pin=PIN, monotonic=clock)
    window = driver.window
    lockdown = lockdown_of(driver)
    elsewhere = QPoint(window.width() - CORNER_PX - 20, CORNER_PX // 2)  # just left of the corner
    below = QPoint(window.width() - 10, CORNER_PX + 20)  # just under it
    with qtbot.assertNotEmitted(lockdown.gesture_completed):
        for _ in range(3):
            tap(window, corner(window))
        tap(window, elsewhere)
        for _ in range(3):
            tap(window, corner(window))
        tap(window, below)
        for _ in range(6):  # one every 0.8 s: never five within 3 s
            clock.now += 0.8
            tap(window, corner(window))
    assert lockdown.maintenance is None
    with qtbot.waitSignal(lockdown.maintenance_opened, timeout=5_000):
        for _ in range(5):
            clock.now += 0.5
            tap(window, corner(window))


def test_without_a_pin_the_gesture_says_maintenance_is_off(
    qtbot: QtBot, make_kiosk: KioskFactory, caplog: pytest.LogCaptureFixture
) -> None:
    driver = make_kiosk(lockdown=True)
    window = driver.window
    lockdown = lockdown_of(driver)
    with caplog.at_level(logging.WARNING, logger="kiosk.lockdown"):
        with qtbot.waitSignal(lockdown.gesture_completed, timeout=5_000):
            for _ in range(5):
                tap(window, corner(window))
        qtbot.waitUntil(lambda: "维护功能未启用" in driver.banner_text(), timeout=5_000)
    assert "TONGBAN_KIOSK_PIN" in driver.banner_text()
    assert lockdown.maintenance is None and driver.screen_name != "maintenance"
    assert any("no PIN is set" in record.getMessage() for record in caplog.records)


def test_systemd_hears_ready_and_watchdog_pings(
    qtbot: QtBot, make_kiosk: KioskFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", address)
    monkeypatch.setenv("WATCHDOG_USEC", "1000000")  # a ping every 0.5 s
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    heard: list[str] = []

    def hear(word: str) -> bool:
        try:
            while True:
                heard.append(listener.recv(4096).decode())
        except BlockingIOError:
            pass
        return any(word in message for message in heard)

    try:
        driver = make_kiosk(lockdown=True, maintenance_pin=PIN)
        qtbot.waitUntil(lambda: hear("READY=1"), timeout=5_000)
        qtbot.waitUntil(lambda: hear("WATCHDOG=1"), timeout=5_000)
        lockdown_of(driver).uninstall()
        qtbot.waitUntil(lambda: hear("STOPPING=1"), timeout=5_000)
    finally:
        listener.close()
    assert heard[0].startswith("READY=1")


def test_outside_systemd_nothing_is_sent(locked: KioskDriver) -> None:
    assert not lockdown_of(locked).notifier.active


def test_a_stray_window_of_the_kiosk_does_not_count_taps(qtbot: QtBot, locked: KioskDriver) -> None:
    other = QWidget()
    other.resize(400, 400)
    other.show()
    qtbot.waitExposed(other)
    lockdown = lockdown_of(locked)
    with qtbot.assertNotEmitted(lockdown.gesture_completed):
        for _ in range(6):
            QTest.mouseClick(other, Qt.MouseButton.LeftButton, pos=QPoint(390, 10))
    other.close()
    other.deleteLater()


def test_a_full_notify_socket_never_blocks_the_gui_thread(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    address = str(tmp_path / "full.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(address)  # never read: its queue fills after a few messages
        notifier = SystemdNotifier(address, 1_000_000)
        with caplog.at_level(logging.ERROR, logger="kiosk.lockdown"):
            for _ in range(200):
                notifier.notify("WATCHDOG=1")
        assert listener.recv(64) == b"WATCHDOG=1"
    assert len([r for r in caplog.records if "cannot notify systemd" in r.getMessage()]) == 1


def test_a_windowed_demo_keeps_the_desktop_but_offers_maintenance(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk(lockdown=False, maintenance_pin=PIN)  # `tongban demo --kiosk` on a desk
    window = driver.window
    lockdown = lockdown_of(driver)
    assert not lockdown.confine
    QTest.keyClick(window, K.Key_Tab, M.AltModifier)
    QTest.keyClick(window, K.Key_Escape)
    assert lockdown.swallowed == 0  # keys are the desktop's
    with qtbot.waitSignal(lockdown.maintenance_opened, timeout=5_000):
        for _ in range(5):
            tap(window, corner(window))
    assert driver.screen_name == "maintenance"


def test_without_a_pin_and_windowed_there_is_no_filter_at_all(make_kiosk: KioskFactory) -> None:
    driver = make_kiosk(lockdown=False)
    assert driver.app.lockdown is None
