"""What every kiosk screen shares: a big title, one body, a message line, and the two ways out.

A screen is built for one citizen's session and destroyed when the session ends (kiosk/window.py),
so nothing of one citizen can survive into the next one's screens. Screens reach the services
through ``ctx`` (kiosk/context.py) and the rest of the kiosk through ``nav`` (the window).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.flows.intake import CardData
from core.flows.kiosk import KioskSession
from qtkit.theme import current_scale
from qtkit.widgets.banner import BannerLevel, BannerMessage, MessageBanner
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from devices.qr import ScanResult
    from kiosk.context import KioskContext

R = TypeVar("R")


class Waiting(Protocol):
    """One wait the citizen sees (spinner, cancel button, timeout). ``guard`` wraps a callback so
    it runs only while the wait is still live (not cancelled, timed out or the session ended)."""

    @property
    def live(self) -> bool: ...

    def guard(self, callback: Callable[[R], None]) -> Callable[[R], None]: ...

    def finish(self) -> None: ...


class Navigator(Protocol):
    """What a screen may ask of the kiosk window (GUI thread)."""

    @property
    def session(self) -> KioskSession: ...

    def show_screen(self, name: str) -> None: ...

    def built_screen(self, name: str) -> KioskScreen | None: ...

    def start_service(self, service: str) -> None: ...

    def service_done(self) -> None: ...

    def end_session(self) -> None: ...

    def wait(
        self,
        text: str,
        *,
        timeout_ms: int = 15_000,
        on_give_up: Callable[[str], None] | None = None,
        cancellable: bool = True,
    ) -> Waiting: ...

    def say(self, text: str) -> None: ...


class KioskScreen(QWidget):
    """A full-screen page of the kiosk. Lives on the GUI thread, for one session.

    Subclasses set ``name``, build their widgets into ``self.body`` (a QVBoxLayout) in
    ``__init__``, and fill them from the session in ``enter``. ``prompt`` is what the kiosk
    says aloud on entering (长辈版). ``on_card``/``on_scan`` get the first chance at a card or a
    code read while the screen is showing; return True when the screen used it.
    """

    name: ClassVar[str] = ""
    show_back: ClassVar[bool] = True  # "返回" to the menu
    show_end: ClassVar[bool] = True  # "结束办理" (ends the session, wipes everything)

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = nav
        self.scale = current_scale()
        self.setObjectName(f"screen-{self.name}")
        spacing = self.scale.spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(spacing * 3, spacing * 3, spacing * 3, spacing * 3)
        outer.setSpacing(spacing * 2)
        self.title_label = QLabel(self)
        self.title_label.setProperty("role", "title")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(self.scale.title_pt)
        font.setBold(True)
        self.title_label.setFont(font)
        outer.addWidget(self.title_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(spacing * 2)
        outer.addLayout(self.body, 1)
        self.banner = MessageBanner(self, closable=False)
        outer.addWidget(self.banner)
        bar = QHBoxLayout()
        bar.setSpacing(spacing * 2)
        self.back_button = BigButton(QCoreApplication.translate("KioskScreen", "返回"), self)
        self.back_button.clicked.connect(self._on_back_clicked)
        self.back_button.setVisible(self.show_back)
        self.end_button = BigButton(QCoreApplication.translate("KioskScreen", "结束办理"), self)
        self.end_button.setAccessibleName(QCoreApplication.translate("KioskScreen", "结束办理并清除本次信息"))
        self.end_button.clicked.connect(self._on_end_clicked)
        self.end_button.setVisible(self.show_end)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.end_button)
        outer.addLayout(bar)

    # -- what subclasses fill in -----------------------------------------------------------

    def enter(self) -> None:
        """The screen is about to show for ``nav.session``."""

    def prompt(self) -> str:
        """What to say aloud on entering (elderly mode); the title by default."""
        return self.title_label.text()

    def on_card(self, card: CardData) -> bool:
        return False

    def on_scan(self, scan: ScanResult) -> bool:
        return False

    def go_back(self) -> None:
        """The "返回" button: to the service menu unless the screen knows better."""
        self.nav.show_screen("menu")

    # -- helpers ---------------------------------------------------------------------------

    def set_title(self, text: str) -> None:
        self.title_label.setText(text)
        self.title_label.setAccessibleName(text)

    def big_label(self, text: str = "", *, role: str = "", size: float | None = None) -> QLabel:
        """A wrapping plain-text label at body size (or ``size`` pt) in ``self.body``'s style."""
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        if size is not None:
            font = label.font()
            font.setPointSizeF(size)
            label.setFont(font)
        return label

    def big_button(self, text: str, slot: Callable[[], Any], *, primary: bool = False) -> BigButton:
        button = BigButton(text, self, primary=primary)
        button.clicked.connect(slot)
        return button

    def show_message(self, level: BannerLevel, text: str, *, speak: bool = True) -> None:
        """A message under the body; errors and warnings are also said aloud in 长辈版."""
        self.banner.show_message(BannerMessage(level, text))
        if speak and level in (BannerLevel.ERROR, BannerLevel.WARNING):
            self.nav.say(text)

    def clear_message(self) -> None:
        self.banner.clear()

    def _on_back_clicked(self) -> None:
        self.go_back()

    def _on_end_clicked(self) -> None:
        self.nav.end_session()
