"""The kiosk's one window: the attract screen, one citizen's session screens, waits and the countdown.

A session starts with a touch, a card or a code on the attract screen and ends with 结束办理, the
inactivity countdown running out, or another person's card. Ending it destroys every screen the
session showed and forgets the KioskSession: nothing of one citizen is left in a widget, a form or
a cached image for the next. Each screen is a new one per session: a spare the pool built while
the attract screen showed (kiosk/screens/pool.py), or built on first use when there is none.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from core.errors import ValidationError
from core.flows.kiosk import KioskSession, Phase, Service
from kiosk.countdown import CountdownOverlay
from kiosk.identity import IdentityDesk
from kiosk.screens.attract import AttractScreen
from kiosk.screens.base import KioskScreen
from kiosk.screens.pool import ScreenPool, spare_names
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.busy import BusyOverlay

if TYPE_CHECKING:
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

R = TypeVar("R")
TICK_MS: Final = 250
# What counts as the citizen still being there.
_ACTIVITY: Final = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
    }
)


class _Waiting:
    """One wait on the screen (kiosk.screens.base.Waiting). GUI thread."""

    def __init__(self, window: KioskWindow, on_give_up: Callable[[str], None] | None) -> None:
        self._window = window
        self._on_give_up = on_give_up
        self.live = True

    def guard(self, callback: Callable[[R], None]) -> Callable[[R], None]:
        def guarded(value: R) -> None:
            if not self.live:
                return
            self.finish()
            callback(value)

        return guarded

    def finish(self) -> None:
        if self.live:
            self.live = False
            self._window._wait_finished(self)

    def give_up(self, reason: str) -> None:
        if self.live:
            self.finish()
            if self._on_give_up is not None:
                self._on_give_up(reason)

    def drop(self) -> None:
        """The session ended under the wait: no callback, no message."""
        self.live = False


class KioskWindow(QWidget):
    """Frameless, full screen (in production), touch-first. Lives on the GUI thread.

    ``screens`` maps a screen name to its class; each session builds the ones it visits.
    ``set_elderly(bool)`` applies the 长辈版 theme (the app owns QApplication).
    """

    session_started = Signal()
    session_ended = Signal(str)  # why: "finished", "timeout", "new_card", "shutdown"
    screen_shown = Signal(str)

    def __init__(
        self,
        ctx: KioskContext,
        screens: Mapping[str, type[KioskScreen]],
        *,
        set_elderly: Callable[[bool], None],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._classes = dict(screens)
        self._set_elderly = set_elderly
        self._monotonic = monotonic
        self.setObjectName("kiosk-window")
        self.setWindowTitle(QCoreApplication.translate("KioskWindow", "政务服务自助终端"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack)
        self.attract = AttractScreen(ctx, self.stack)
        self.attract.start_requested.connect(self._on_attract_start_requested)
        self.stack.addWidget(self.attract)
        self.busy = BusyOverlay(self)
        self.busy.cancel_requested.connect(self._on_busy_cancel_requested)
        self.countdown = CountdownOverlay(self)
        self.countdown.continue_clicked.connect(self._on_countdown_continue_clicked)
        self.countdown.end_clicked.connect(self._on_countdown_end_clicked)
        self._session: KioskSession | None = None
        self._built: dict[str, KioskScreen] = {}
        self._waiting: _Waiting | None = None
        self._maintenance: QWidget | None = None  # kiosk.maintenance.MaintenanceScreen, when open
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self._on_wait_timer_timeout)
        self._last_input = monotonic()
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.check_idle)
        self.identity = IdentityDesk(self, self)  # cards and codes from the reader and the scanner
        self.pool = ScreenPool(spare_names(self._classes, ctx.mode), self._make_screen, self.stack, self)
        self.pool.fill()

    # -- the session ---------------------------------------------------------------------------

    @property
    def session(self) -> KioskSession:
        if self._session is None:
            raise RuntimeError("no kiosk session is running")
        return self._session

    @property
    def in_session(self) -> bool:
        return self._session is not None

    @property
    def current(self) -> QWidget:
        widget = self.stack.currentWidget()
        return widget if widget is not None else self.attract

    @property
    def current_name(self) -> str:
        widget = self.current
        if widget is self._maintenance:
            return "maintenance"
        return widget.name if isinstance(widget, KioskScreen) else "attract"

    def built_screen(self, name: str) -> KioskScreen | None:
        """The session's screen ``name`` if it has been built (tests and the driver)."""
        return self._built.get(name)

    def begin_session(self, *, elderly: bool = False) -> KioskSession:
        """A new citizen: a fresh session (ending any previous one first)."""
        if self._session is not None:
            self.end_session("new_card")
        self.pool.pause()
        forced = self.ctx.options.elderly
        self._session = KioskSession(mode=self.ctx.mode, elderly=forced or elderly)
        if self._session.elderly and not forced:
            self._set_elderly(True)
        self.touch()
        self._ticker.start()
        self.session_started.emit()
        logger.info(
            "kiosk session started (%s%s)", self.ctx.mode, ", elderly" if self._session.elderly else ""
        )
        return self._session

    def end_session(self, reason: str = "finished") -> None:
        """Forget the citizen: every session screen destroyed, the session wiped, the attract screen."""
        session, self._session = self._session, None
        self._ticker.stop()
        self.countdown.dismiss()
        if self._waiting is not None:
            self._waiting.drop()
            self._wait_finished(self._waiting)
        self.stack.setCurrentWidget(self._maintenance if self._maintenance is not None else self.attract)
        for screen in self._built.values():
            self.stack.removeWidget(screen)
            screen.hide()
            screen.deleteLater()
        self._built.clear()
        self.ctx.speaker.stop()
        if reason == "shutdown":
            self.pool.clear()
        if session is None:
            return
        elderly = session.elderly
        session.wipe()
        if elderly and not self.ctx.options.elderly:
            self._set_elderly(False)
            self.attract.rebuild_scale()
        if reason != "shutdown":
            self.pool.fill()  # the next citizen's screens, while the attract screen shows
        self.attract.show_farewell(reason)
        self.session_ended.emit(reason)
        logger.info("kiosk session ended (%s)", reason)

    # -- navigation (kiosk.screens.base.Navigator) ---------------------------------------------

    def show_screen(self, name: str) -> None:
        if self._session is None:
            return
        screen = self._built.get(name)
        if screen is None:
            screen = self.pool.take(name)
            if screen is None:
                screen = self._make_screen(name)
                self.stack.addWidget(screen)
            self._built[name] = screen
        screen.clear_message()
        screen.enter()
        self.stack.setCurrentWidget(screen)
        self.say(screen.prompt())
        self.screen_shown.emit(name)

    def _make_screen(self, name: str) -> KioskScreen:
        cls = self._classes.get(name)
        if cls is None:
            raise LookupError(f"no kiosk screen named {name!r}")
        return cls(self.ctx, self, self.stack)

    def start_service(self, service: str) -> None:
        session = self.session
        chosen = Service(service)
        if (chosen.needs_person and session.citizen is None) or (
            chosen.needs_identity and not session.identified
        ):
            session.notes["after_identify"] = chosen
            self.show_screen("identify")
            return
        try:
            session.choose(chosen)
        except ValidationError as exc:
            self.message(BannerLevel.ERROR, describe(exc))
            return
        self.show_screen(chosen.value)

    def service_done(self) -> None:
        session = self.session
        session.finish_service()
        self.show_screen("rating" if session.wants_rating else "menu")

    def wait(
        self,
        text: str,
        *,
        timeout_ms: int = 15_000,
        on_give_up: Callable[[str], None] | None = None,
        cancellable: bool = True,
    ) -> _Waiting:
        """Show a spinner with ``text``; after ``timeout_ms`` or 取消 the wait gives up and calls
        ``on_give_up("timeout" | "cancel")`` — the screen then says plainly what to do."""
        if self._waiting is not None:
            self._waiting.drop()
        waiting = _Waiting(self, on_give_up)
        self._waiting = waiting
        self.countdown.dismiss()
        self.busy.start(text, timeout_ms=None, cancellable=cancellable)
        self._wait_timer.start(timeout_ms)
        return waiting

    def say(self, text: str) -> None:
        """Speak ``text`` in 长辈版 where the machine can speak."""
        if text and self._session is not None and self._session.elderly and self.ctx.options.speech:
            self.ctx.speaker.say(text)

    def _wait_finished(self, waiting: _Waiting) -> None:
        if waiting is self._waiting:
            self._waiting = None
            self._wait_timer.stop()
            self.busy.finish()
            self.touch()  # the time spent waiting is not the citizen's idleness

    def _on_wait_timer_timeout(self) -> None:
        if self._waiting is not None:
            self._waiting.give_up("timeout")

    def _on_busy_cancel_requested(self) -> None:
        if self._waiting is not None:
            self._waiting.give_up("cancel")

    # -- inactivity ----------------------------------------------------------------------------

    def touch(self) -> None:
        """The citizen is here (any tap, key or card)."""
        self._last_input = self._monotonic()
        if self.countdown.isVisible():
            self.countdown.dismiss()

    def idle_seconds(self) -> float:
        return self._monotonic() - self._last_input

    def check_idle(self) -> None:
        """The ticker's check (also called by tests with an injected clock)."""
        if self._session is None:
            return
        if self._waiting is not None:
            self._last_input = self._monotonic()
            return
        policy = self._session.policy
        idle = self.idle_seconds()
        phase = policy.phase(idle)
        if phase is Phase.EXPIRED:
            self.end_session("timeout")
        elif phase is Phase.WARNING:
            first = not self.countdown.isVisible()
            self.countdown.show_seconds(policy.remaining_s(idle))
            if first:
                self.say(QCoreApplication.translate("KioskWindow", "您还在办理吗？请点“继续办理”。"))
        elif self.countdown.isVisible():
            self.countdown.dismiss()

    def record_activity(self, event: QEvent) -> None:
        """Called by the app's event filter for every input event."""
        # While the countdown shows, its own two buttons decide (a press elsewhere would hide it
        # before the release reached 结束办理).
        if event.type() in _ACTIVITY and self._session is not None and not self.countdown.isVisible():
            self.touch()

    def _on_countdown_continue_clicked(self) -> None:
        self.touch()

    def _on_countdown_end_clicked(self) -> None:
        self.end_session("finished")

    # -- cards and codes -----------------------------------------------------------------------

    def _on_attract_start_requested(self, elderly: bool) -> None:
        self.begin_session(elderly=elderly)
        self.show_screen(self.first_screen())

    def first_screen(self) -> str:
        services = self.session.services
        return services[0].value if len(services) == 1 else "menu"

    def ensure_session(self) -> None:
        """A session for a card or code that arrives on the attract screen."""
        if self._session is None:
            self.begin_session()
            self.show_screen(self.first_screen())

    def after_identify(self) -> None:
        """The citizen (or a receipt) is identified: on to what they wanted, else the first screen."""
        session = self.session
        pending = session.notes.pop("after_identify", None)
        if isinstance(pending, Service) and (session.citizen is not None or not pending.needs_person):
            self.start_service(pending.value)
        elif self.current_name in ("attract", "identify", "menu"):
            self.show_screen(self.first_screen())
        else:
            self.touch()

    def message(self, level: BannerLevel, text: str) -> None:
        """A message on the current screen (the attract screen's notice line when none)."""
        current = self.current
        if isinstance(current, KioskScreen):
            current.show_message(level, text)
        else:
            self.attract.show_notice(text)

    # -- lockdown hooks ------------------------------------------------------------------------

    @property
    def maintenance_open(self) -> bool:
        return self._maintenance is not None

    def open_maintenance(self, page: QWidget) -> None:
        """Show the staff maintenance page (kiosk.lockdown; the session has ended) over everything.
        Cards and codes are ignored until ``close_maintenance``."""
        self.close_maintenance()
        self._maintenance = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.screen_shown.emit("maintenance")

    def close_maintenance(self) -> None:
        """Back to the attract screen; the maintenance page is destroyed."""
        page, self._maintenance = self._maintenance, None
        if page is None:
            return
        self.stack.setCurrentWidget(self.attract)
        self.stack.removeWidget(page)
        page.hide()
        page.deleteLater()
        self.screen_shown.emit("attract")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(QCoreApplication.translate("KioskWindow", "政务服务自助终端"))
        super().changeEvent(event)


class ActivityFilter(QObject):
    """Application-wide event filter: every input event resets the window's inactivity clock."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._window.record_activity(event)
        return False


def install_activity_filter(app: QApplication, window: KioskWindow) -> ActivityFilter:
    activity = ActivityFilter(window)
    app.installEventFilter(activity)
    return activity
