"""Spare session screens, built while the attract screen shows, so a citizen's tap only shows one.

Building a session screen — its widgets, their style sheet polish, the first layout of a
1080×1920 page — took 5-45 ms of GUI-thread CPU each (``bench/kiosk_soak.py --work``), and it
happened when the citizen tapped: the longest stalls of a session. The pool builds each screen
class once ahead, one per turn of the event loop and only while no session runs; the window
(kiosk/window.py) takes a spare the first time a session shows that screen and destroys it when
the session ends, and the pool builds its successor.

A spare has never been shown nor entered: it is exactly what a screen built at the tap would be,
so nothing of one citizen reaches the next. A spare built at another theme scale (a 长辈版
session) is discarded, not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget

from core.flows.kiosk import SERVICES_BY_MODE, KioskMode, Service
from kiosk.screens.base import KioskScreen
from qtkit.theme import current_scale

logger = logging.getLogger(__name__)

# Between two builds the event loop paints, reads the devices and takes a tap. A 0 ms timer let
# Qt run two builds in one pass of its timers (one 30 ms stall); a real interval does not.
BUILD_GAP_MS: Final = 5


def spare_names(names: Iterable[str], mode: KioskMode) -> list[str]:
    """The screens worth a spare at a kiosk in ``mode``: every one that is no service (menu,
    identify, rating, the guide …) and the services it offers. Another mode's service screen
    (出生即参保 at a hall kiosk: ~34 MB when first built) is built only if a session reaches it."""
    services = {service.value for service in Service}
    offered = {service.value for service in SERVICES_BY_MODE[mode]}
    return [name for name in names if name not in services or name in offered]


class ScreenPool(QObject):
    """One spare of each screen ``names`` lists. Lives on the GUI thread, a child of the window.

    ``make(name)`` builds a screen (the window's constructor call) as a hidden child of ``stack``;
    the pool lays it out at the stack's size and keeps it until ``take`` adds it to the stack.
    Until then it is in no layout: a spare's minimum size must not grow the window's (ten screens'
    minimum heights stacked would keep the kiosk from being full screen). ``fill`` starts building
    what is missing; ``pause`` stops (a session began); ``full`` when every spare is there.
    """

    def __init__(
        self,
        names: Iterable[str],
        make: Callable[[str], KioskScreen],
        stack: QStackedWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._names = tuple(names)
        self._make = make
        self._stack = stack
        self._spares: dict[str, KioskScreen] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BUILD_GAP_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def full(self) -> bool:
        return all(name in self._spares for name in self._names)

    def spares(self) -> dict[str, KioskScreen]:
        """The spares built so far, by name (tests)."""
        return dict(self._spares)

    def fill(self) -> None:
        """Build the missing spares, one per turn of the event loop, until ``pause``."""
        if not self.full:
            self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def take(self, name: str) -> KioskScreen | None:
        """The spare ``name``, now in the stack and the caller's; None when there is none at the
        theme scale now applied."""
        spare = self._spares.pop(name, None)
        if spare is not None and spare.scale != current_scale():
            self._discard(spare)
            return None
        if spare is not None:
            self._stack.addWidget(spare)
        return spare

    def clear(self) -> None:
        """Destroy every spare (the window is closing)."""
        self._timer.stop()
        for spare in self._spares.values():
            self._discard(spare)
        self._spares.clear()

    def _discard(self, spare: KioskScreen) -> None:
        spare.hide()
        spare.deleteLater()

    def _on_timer_timeout(self) -> None:
        scale = current_scale()
        for name in self._names:
            spare = self._spares.get(name)
            if spare is not None and spare.scale != scale:  # built for a 长辈版 session's theme
                del self._spares[name]
                self._discard(spare)
            if name not in self._spares:
                self._build(name)
                break
        self.fill()

    def _build(self, name: str) -> None:
        screen = self._make(name)
        screen.hide()  # a child of the stack, not in its layout until taken
        # Polish and lay the page out now, at the size it will show at: not at the tap.
        screen.ensurePolished()
        screen.resize(self._stack.size())
        layout = screen.layout()
        if layout is not None:
            layout.activate()
        self._spares[name] = screen
        logger.debug("spare kiosk screen %s built", name)
