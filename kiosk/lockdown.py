"""The kiosk's lockdown: shortcuts that would leave the kiosk are swallowed, the window cannot be
closed or lost, and a hidden five-tap gesture in the top-right corner opens staff maintenance.

An application can only see what the window system lets through: VT switching, Ctrl+Alt+Backspace
and Ctrl+Alt+Del are the X server's, the compositor's or the OS's (installer/kiosk/README.md sets
``DontVTSwitch``/``DontZap`` and a bare session). This filter is the second line, for whatever
reaches Qt. ``SystemdNotifier`` tells systemd the kiosk is up and its GUI thread alive.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QTouchEvent, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.maintenance import MaintenanceScreen, PinGate
from kiosk.screens.base import KioskScreen
from kiosk.window import KioskWindow
from qtkit.display import show_on_all_desktops
from qtkit.widgets.banner import BannerLevel

logger = logging.getLogger(__name__)

CORNER_PX: Final = 80  # the gesture's square in the window's top-right corner (logical px)
GESTURE_TAPS: Final = 5
GESTURE_WINDOW_S: Final = 3.0
RESTORE_MS: Final = 300  # after losing focus: one deferred restore, never a loop
MAINTENANCE_IDLE_MS: Final = 120_000  # the maintenance screen leaves by itself after 2 min untouched

_KEY_EVENTS: Final = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
_TAPS: Final = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
_K = Qt.Key
_META_KEYS: Final = frozenset({_K.Key_Meta, _K.Key_Super_L, _K.Key_Super_R, _K.Key_Hyper_L, _K.Key_Hyper_R})
# Keys a kiosk never needs and a desktop acts on: screenshots, session and power keys.
_ALWAYS: Final = frozenset(
    {
        _K.Key_Print,
        _K.Key_SysReq,
        _K.Key_Close,
        _K.Key_LogOff,
        _K.Key_PowerOff,
        _K.Key_Sleep,
        _K.Key_Suspend,
        _K.Key_Hibernate,
    }
)
_WITH_ALT: Final = frozenset({_K.Key_Tab, _K.Key_Backtab, _K.Key_F4, _K.Key_Escape})  # switch/close window
_WITH_CTRL: Final = frozenset({_K.Key_Escape, _K.Key_W, _K.Key_Q})  # start menu; close tab/window, quit
_WITH_CTRL_ALT: Final = frozenset({_K.Key_Delete, _K.Key_Backspace})  # OS menu; X server kill (zap)


def blocked_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """Whether a key (with modifiers) could leave or disturb the kiosk, wherever it is typed.

    Every function key goes: F11 toggles full screen and Ctrl+Alt+F1…F12 switch virtual terminals;
    a kiosk has no use for any of them. Meta/Super (the "Windows" key) opens launchers.
    """
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    if key in _META_KEYS or modifiers & Qt.KeyboardModifier.MetaModifier:
        return True
    if _K.Key_F1.value <= key <= _K.Key_F35.value or key in _ALWAYS:
        return True
    if alt and key in _WITH_ALT:
        return True
    if ctrl and key in _WITH_CTRL:
        return True
    return ctrl and alt and key in _WITH_CTRL_ALT


class Lockdown(QObject):
    """Application event filter of the kiosk (GUI thread), installed by kiosk/app.py in production.

    ``pin`` is the maintenance PIN (empty: maintenance disabled). ``on_exit`` ends the program after
    the maintenance screen's 退出程序 (QApplication.quit; tests pass a recorder); ``monotonic`` times
    the gesture and the PIN lock-out. ``confine`` False keeps only the maintenance gesture (a
    windowed demonstration on a developer's desk).
    """

    gesture_completed = Signal()  # five taps in the corner (maintenance opens, or says it is off)
    maintenance_opened = Signal()
    maintenance_closed = Signal()
    exit_requested = Signal()

    def __init__(
        self,
        app: QApplication,
        window: KioskWindow,
        *,
        pin: str,
        on_exit: Callable[[], None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        maintenance_idle_ms: int = MAINTENANCE_IDLE_MS,
        environ: Mapping[str, str] | None = None,
        confine: bool = True,
    ) -> None:
        super().__init__(window)
        # False (a windowed demonstration): only the maintenance gesture; keys, closing and focus
        # are the desktop's as usual.
        self.confine = confine
        self._app = app
        self._window = window
        self.on_exit: Callable[[], None] = on_exit or QApplication.quit  # tests replace it
        self._monotonic = monotonic
        self.maintenance_idle_ms = maintenance_idle_ms
        self.gate = PinGate(pin, monotonic=monotonic)
        self.notifier = SystemdNotifier.from_environment(os.environ if environ is None else environ, self)
        self.swallowed = 0  # key and close events refused (tests and the log)
        self._installed = False
        self._exit_allowed = False
        self._taps: deque[float] = deque()
        self._last_press: tuple[int, QPoint] | None = None
        self._maintenance: MaintenanceScreen | None = None
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(RESTORE_MS)
        self._restore_timer.timeout.connect(self._on_restore_timer_timeout)

    @property
    def maintenance(self) -> MaintenanceScreen | None:
        return self._maintenance

    def install(self) -> None:
        if self._installed:
            return
        self._installed = True
        self._app.installEventFilter(self)
        self._app.applicationStateChanged.connect(self._on_application_state_changed)
        self.notifier.start()
        if not self.gate.enabled:
            logger.warning(
                "no maintenance PIN is set (TONGBAN_KIOSK_PIN or --maintenance-pin): maintenance is disabled"
            )

    def uninstall(self) -> None:
        if not self._installed:
            return
        self._installed = False
        self._restore_timer.stop()
        self._app.removeEventFilter(self)
        self._app.applicationStateChanged.disconnect(self._on_application_state_changed)
        self.notifier.stop()

    # -- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.confine:
            return kind in _TAPS and self._on_press(watched, event)
        if kind in _KEY_EVENTS and isinstance(event, QKeyEvent):
            if self._refuse_key(watched, event):
                event.accept()  # an accepted ShortcutOverride keeps QShortcut/QAction from firing
                self.swallowed += 1
                return True
            return False
        if kind in _TAPS:
            return self._on_press(watched, event)
        if watched is self._window:
            if kind == QEvent.Type.Close and not self._exit_allowed:
                event.ignore()
                self.swallowed += 1
                logger.info("a close of the kiosk window was refused")
                return True
            if kind == QEvent.Type.Show:
                self._show_on_all_desktops()
            # A window manager that maps it again after an unmap forgets full screen: the state
            # changes to normal (a 701×703 window, not on top) without the kiosk asking.
            if kind in (QEvent.Type.WindowDeactivate, QEvent.Type.WindowStateChange):
                self._schedule_restore()
        elif kind == QEvent.Type.Expose and watched is self._window.windowHandle():
            self._schedule_restore()  # unmapped or destroyed under us: no longer exposed
        return False

    def _refuse_key(self, watched: QObject, event: QKeyEvent) -> bool:
        if blocked_key(event.key(), event.modifiers()):
            return True
        # Escape closes or cancels: refused in the kiosk window, left to the kiosk's own dialogs.
        return event.key() == _K.Key_Escape and self._in_window(watched)

    def _in_window(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self._window
        if isinstance(watched, QWindow):
            return watched is self._window.windowHandle()
        return False

    # -- the maintenance gesture ---------------------------------------------------------------

    def _on_press(self, watched: QObject, event: QEvent) -> bool:
        if self._maintenance is not None:
            if watched is self._maintenance or (
                isinstance(watched, QWidget) and self._maintenance.isAncestorOf(watched)
            ):
                self._maintenance.touch()
            return False
        # A press unhandled by a child goes on to its parents (and passes this filter again): count
        # it once, by its time stamp. Presses on the QWindow are left to the widget delivery.
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        position = _global_position(event)
        if position is None:
            return False
        stamp = (int(event.timestamp()) if isinstance(event, (QMouseEvent, QTouchEvent)) else 0, position)
        if stamp == self._last_press:
            return False
        self._last_press = stamp
        return self.tap(self._window.mapFromGlobal(position))

    def tap(self, local: QPoint) -> bool:
        """One tap at ``local`` (window coordinates); True when it completed the gesture (the tap
        is then consumed, and maintenance opens right after this event)."""
        window = self._window
        in_corner = window.width() - CORNER_PX <= local.x() < window.width() and 0 <= local.y() < CORNER_PX
        if not in_corner:
            self._taps.clear()
            return False
        now = self._monotonic()
        self._taps.append(now)
        while self._taps and now - self._taps[0] > GESTURE_WINDOW_S:
            self._taps.popleft()
        if len(self._taps) < GESTURE_TAPS:
            return False
        self._taps.clear()
        self.gesture_completed.emit()
        QTimer.singleShot(0, self, self.open_maintenance)  # not while the press is being delivered
        return True

    def open_maintenance(self) -> None:
        """The gesture: end any citizen's session and ask for the PIN (or say maintenance is off)."""
        if self._maintenance is not None or not self._installed:
            return
        if not self.gate.enabled:
            logger.warning(
                "maintenance gesture, but no PIN is set (TONGBAN_KIOSK_PIN or --maintenance-pin): ignored"
            )
            self._tell(
                QCoreApplication.translate(
                    "Lockdown",
                    "维护功能未启用：本机没有设置维护 PIN。请管理员设置 TONGBAN_KIOSK_PIN（或启动参数 --maintenance-pin）后重启本机程序。",
                )
            )
            return
        logger.info("maintenance gesture: the PIN screen opens")
        self._window.end_session("maintenance")
        screen = MaintenanceScreen(
            self._window.ctx,
            self.gate,
            on_leave=self._on_maintenance_left,
            on_exit=self._on_maintenance_exit,
            idle_ms=self.maintenance_idle_ms,
        )
        self._maintenance = screen
        self._window.open_maintenance(screen)
        self.maintenance_opened.emit()

    def _tell(self, text: str) -> None:
        current = self._window.current
        if isinstance(current, KioskScreen):
            current.show_message(BannerLevel.WARNING, text, speak=False)
        else:
            self._window.attract.show_notice(text)

    def _on_maintenance_left(self) -> None:
        self._maintenance = None
        self._window.close_maintenance()
        self.maintenance_closed.emit()

    def _on_maintenance_exit(self) -> None:
        """退出程序: the one way the window may close (QApplication.quit closes every window first)."""
        logger.warning("the kiosk program is ended from the maintenance screen")
        self._exit_allowed = True
        self._restore_timer.stop()
        self.exit_requested.emit()
        self.on_exit()

    # -- staying in front ----------------------------------------------------------------------

    def _on_application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self._schedule_restore()

    def _schedule_restore(self) -> None:
        if self.confine and self._installed and not self._exit_allowed and not self._restore_timer.isActive():
            self._restore_timer.start()

    def _on_restore_timer_timeout(self) -> None:
        self.restore()

    def restore(self) -> None:
        """Bring the kiosk back: full screen (or normal when windowed), raised, active — unless one of
        the kiosk's own dialogs has the focus, which keeps it.

        A window that is shown but not exposed was unmapped, or its native window destroyed, by
        someone else (``xdotool windowclose``): the process would live on behind a black screen
        that the watchdog cannot see. A full-screen kiosk that is no longer full screen was
        unmapped and mapped again: the window manager dropped full screen, on top and every
        desktop (EWMH removes a withdrawn window's states). Either way it gets a new native
        window, which asks for all of them again."""
        window = self._window
        if not self._installed or self._exit_allowed or not window.isVisible():
            return
        handle = window.windowHandle()
        fullscreen = window.ctx.options.fullscreen
        if handle is None or not handle.isExposed() or (fullscreen and not window.isFullScreen()):
            logger.warning(
                "the kiosk window was unmapped, destroyed or reduced from outside: showing a new one"
            )
            window.destroy()  # the native window only; every widget and the session stay
            self._show()
            return
        if window.isMinimized():
            self._show()
        active = QApplication.activeWindow()
        if active is not None and active is not window:
            return
        target = QApplication.activeModalWidget() or window
        target.raise_()
        target.activateWindow()

    def _show(self) -> None:
        if self._window.ctx.options.fullscreen:
            self._window.showFullScreen()
        else:
            self._window.showNormal()

    def _show_on_all_desktops(self) -> None:
        """Full screen on every virtual desktop (X11): no desktop switch leads away from the kiosk."""
        if self.confine and self._window.ctx.options.fullscreen and QGuiApplication.platformName() == "xcb":
            show_on_all_desktops(int(self._window.winId()))


def _global_position(event: QEvent) -> QPoint | None:
    if isinstance(event, QMouseEvent):
        return event.globalPosition().toPoint()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].globalPosition().toPoint()
    return None


class SystemdNotifier(QObject):
    """sd_notify(3) without libsystemd (GUI thread): ``READY=1`` once the kiosk shows, then
    ``WATCHDOG=1`` every half ``WATCHDOG_USEC`` from a QTimer — a frozen GUI thread stops the pings,
    and systemd restarts the kiosk (installer/kiosk/tongban-kiosk.service: Type=notify, WatchdogSec).
    Does nothing outside systemd (no ``NOTIFY_SOCKET``)."""

    def __init__(self, address: str | None, watchdog_usec: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # An abstract socket's name starts with "@" in the environment and with NUL on the wire.
        self._address = "\0" + address[1:] if address and address.startswith("@") else address
        self._timer = QTimer(self)
        self._timer.setInterval(max(watchdog_usec // 2000, 1))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._watchdog = watchdog_usec > 0
        self._warned = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], parent: QObject | None = None) -> SystemdNotifier:
        address = environ.get("NOTIFY_SOCKET") or None
        usec = environ.get("WATCHDOG_USEC", "")
        pid = environ.get("WATCHDOG_PID", "")
        mine = not pid or pid == str(os.getpid())  # sd_watchdog_enabled(3)
        return cls(address, int(usec) if usec.isdigit() and mine else 0, parent)

    @property
    def active(self) -> bool:
        return self._address is not None and hasattr(socket, "AF_UNIX")

    def start(self) -> None:
        if not self.active:
            return
        self.notify("READY=1\nSTATUS=kiosk window shown")
        if self._watchdog:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self.active:
            self.notify("STOPPING=1")

    def notify(self, message: str) -> None:
        assert self._address is not None
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
                sock.setblocking(False)  # the GUI thread never waits for a full socket queue
                sock.sendto(message.encode(), self._address)
        except OSError as exc:
            if not self._warned:  # once: a watchdog that cannot ping gets the kiosk restarted anyway
                self._warned = True
                logger.error("cannot notify systemd at %r: %s", self._address, exc)

    def _on_timer_timeout(self) -> None:
        self.notify("WATCHDOG=1")
