"""``KioskDriver``: works the kiosk's real widgets the way a citizen does — for the walk-through,
the tests and the soak benchmark.

Every method is one citizen action (a tap, a card placed on the simulated reader, a code held to
the simulated scanner) and returns at once; wait for the GUI with ``qtbot.waitUntil`` or a QTimer
poll on the predicates (nothing here sleeps or pumps events).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeVar

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from devices.id_reader import IdCard
from devices.simulator_rack import SimulatorRack
from kiosk.screens.base import KioskScreen

if TYPE_CHECKING:
    from kiosk.app import KioskApp
    from kiosk.window import KioskWindow

W = TypeVar("W", bound=QWidget)


# The translation contexts of the kiosk's buttons (qtkit.i18n: one context per screen class).
_CONTEXTS: Final = (
    "KioskScreen",
    "MenuScreen",
    "Service",
    "CertificateScreen",
    "DeclareScreen",
    "GuideScreen",
    "NewbornScreen",
    "Keypad",
    "DatePicker",
    "RatingScreen",
    "ProgressScreen",
    "IdentifyScreen",
    "CountdownOverlay",
    "AttractScreen",
    "MaintenanceScreen",
    "ServicePanel",
    "TicketScreen",
)


class KioskDriver:
    """Lives on the GUI thread, beside the KioskApp it drives."""

    def __init__(self, app: KioskApp) -> None:
        self.app = app

    # -- where things are ---------------------------------------------------------------------

    @property
    def window(self) -> KioskWindow:
        assert self.app.window is not None, "the kiosk is not up"
        return self.app.window

    @property
    def ready(self) -> bool:
        """The window is up and every device is open (a code scanned before that is lost)."""
        return self.app.window is not None and self.app.window.isVisible() and self.app.devices_ready

    @property
    def screen_name(self) -> str:
        return self.window.current_name

    def screen(self, name: str | None = None) -> KioskScreen:
        """The screen ``name`` (default: the one showing)."""
        widget = self.window.built_screen(name) if name is not None else self.window.current
        assert isinstance(widget, KioskScreen), f"no kiosk screen {name or 'showing'}"
        return widget

    def on(self, name: str) -> bool:
        """The screen ``name`` is showing and no wait is on screen."""
        return self.ready and self.screen_name == name and not self.window.busy.active

    @property
    def waiting(self) -> bool:
        return self.window.busy.active

    def texts(self, root: QWidget | None = None) -> list[str]:
        """Every visible text under ``root`` (default: the window): labels, buttons, fields."""
        out: list[str] = []
        for widget in (root or self.window).findChildren(QWidget):
            if not widget.isVisibleTo(self.window):
                continue
            if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
                out.append(widget.text())
        return out

    def banner_text(self) -> str:
        current = self.window.current
        if isinstance(current, KioskScreen) and current.banner.message is not None:
            return current.banner.message.text
        return self.window.attract.notice.text()

    # -- citizen actions ----------------------------------------------------------------------

    def click(self, target: QAbstractButton | str, root: QWidget | None = None) -> None:
        """Tap a button (or the visible button whose text starts with ``target``)."""
        button = target if isinstance(target, QAbstractButton) else self.button(target, root)
        assert button.isEnabled(), f"button {button.text()!r} is disabled"
        QTest.mouseClick(
            button, Qt.MouseButton.LeftButton, pos=QPoint(button.width() // 2, button.height() // 2)
        )

    def button(self, text: str, root: QWidget | None = None) -> QAbstractButton:
        """The visible button whose text starts with ``text`` — the Chinese source or, in another
        interface language, its translation (scripts are written once, in Chinese)."""
        wanted = {text} | {QCoreApplication.translate(context, text) for context in _CONTEXTS}
        visible = [
            w for w in (root or self.window).findChildren(QAbstractButton) if w.isVisibleTo(self.window)
        ]
        for exact in (True, False):  # "Next" is the whole of one button and the start of "Next day ›"
            for widget in visible:
                label = widget.text()
                if any(label == w if exact else label.startswith(w) for w in wanted):
                    return widget
        raise LookupError(f"no visible button {text!r} on {self.screen_name}")

    def has_button(self, text: str) -> bool:
        try:
            self.button(text)
        except LookupError:
            return False
        return True

    def type_into(self, edit: QLineEdit, text: str) -> None:
        edit.setFocus()
        edit.selectAll()
        QTest.keyClicks(edit, text) if text.isascii() else edit.insert(text)

    def tap_attract(self, *, elderly: bool = False) -> None:
        attract = self.window.attract
        self.click(attract.elderly_button if elderly else attract.start_button)

    def place_card(self, card: int | IdCard = 0) -> None:
        reader = self._simulators().id_reader
        assert reader is not None, "the ID reader is not simulated"
        reader.place_card(card)

    def remove_card(self) -> None:
        reader = self._simulators().id_reader
        if reader is not None:
            reader.remove_card()

    def reader_empty(self) -> bool:
        """The reader has seen that no card lies on it (it reads a new card only after that)."""
        devices = self.app.devices
        return devices is not None and any(
            h.role == "id_reader" and "请放置" in h.message for h in devices.health()
        )

    def scan(self, text: str, *, symbology: str = "QRCODE") -> None:
        scanner = self._simulators().scanner
        assert scanner is not None, "the scanner is not simulated"
        scanner.scan(text, symbology=symbology)

    def printed(self) -> bytes:
        """Every byte the simulated receipt printer has received so far (ESC/POS)."""
        printer = self._simulators().printer
        return bytes(printer.received) if printer is not None else b""

    def _simulators(self) -> SimulatorRack:
        devices = self.app.devices
        assert devices is not None, "the devices are not started"
        rack = devices.simulators
        assert rack is not None, "the devices are not a DeviceManager"
        return rack

    def find(self, cls: type[W], name: str | None = None) -> W:
        """The visible widget of ``cls`` (with objectName ``name``) on the current screen."""
        for widget in self.window.current.findChildren(cls):
            if widget.isVisibleTo(self.window) and (name is None or widget.objectName() == name):
                return widget
        raise LookupError(f"no visible {cls.__name__} {name or ''} on {self.screen_name}")
