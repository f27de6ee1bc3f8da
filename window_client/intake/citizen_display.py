"""``CitizenDisplay``: asks the applicant to sign or to rate, on the second screen when there is one, else in a dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from window_client.dialogs.citizen import CitizenDialog, CitizenWindow, EvaluationPanel, SignaturePanel


class CitizenDisplay(QObject):
    """Lives on the GUI thread. ``second_screen`` None: decide by QGuiApplication.screens() > 1.

    Only one request is up at a time; a new one replaces it. ``current`` is the panel on show
    (tests and the walk-through reach the SignaturePad through it).
    """

    def __init__(self, hall_name: str, staff_window: QWidget, *, second_screen: bool | None = None) -> None:
        super().__init__(staff_window)
        self._hall = hall_name
        self._staff = staff_window
        self._forced = second_screen
        self._window: CitizenWindow | None = None
        self._dialog: CitizenDialog | None = None
        self.current: SignaturePanel | EvaluationPanel | None = None

    @property
    def uses_second_screen(self) -> bool:
        if self._forced is not None:
            return self._forced
        return len(QGuiApplication.screens()) > 1

    def ask_signature(self, summary: str, on_signed: Callable[[bytes], None]) -> SignaturePanel:
        panel = SignaturePanel(summary)

        def _on_signed(png: bytes) -> None:
            self.close()
            on_signed(png)

        panel.signed.connect(_on_signed)
        self._show(panel, QCoreApplication.translate("CitizenScreen", "申请人签名"))
        return panel

    def ask_evaluation(
        self, on_rated: Callable[[int, str, tuple[str, ...]], None], *, title: str = ""
    ) -> EvaluationPanel:
        """``on_rated(level, reason, categories)``; ``title`` says what is rated (default: this visit)."""
        panel = EvaluationPanel(title=title)
        panel.rated.connect(on_rated)
        self._show(panel, QCoreApplication.translate("CitizenScreen", "服务评价"))
        return panel

    def _show(self, panel: SignaturePanel | EvaluationPanel, title: str) -> None:
        self.close()
        self.current = panel
        if self.uses_second_screen:
            screens = QGuiApplication.screens()
            primary = QGuiApplication.primaryScreen()
            other = next((s for s in screens if s is not primary), primary)
            if self._window is None:
                self._window = CitizenWindow(self._hall, other)
            self._window.show_panel(panel)
            return
        self._dialog = CitizenDialog(title, panel, self._staff)
        self._dialog.open()

    def close(self) -> None:
        """Take the request down (the second screen goes back to its welcome)."""
        self.current = None
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        if self._window is not None:
            self._window.idle()

    def shutdown(self) -> None:
        self.close()
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None
