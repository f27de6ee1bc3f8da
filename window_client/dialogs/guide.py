"""``GuideDialog``: a matter's or bundle's 办事指南 on screen, printed on the receipt printer for a citizen who came to ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from core.catalog.guide import Guide, guide_of
from core.errors import NotFoundError
from core.receipts import guide_receipt
from qtkit.guide_view import GuideView
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.theme import current_scale

if TYPE_CHECKING:
    from devices.printer import PrintResult
    from window_client.context import WindowContext


class GuideDialog(QDialog):
    """The guide of ``entry_id`` (a matter id, a 实施编码 or a bundle id). Lives on the GUI thread.

    打印 sends the guide to the receipt printer through the device manager (the printer's one door;
    its health follows the print). The guide names no one, so nothing is recorded: print it as
    often as asked. Open with ``open()`` (window-modal, does not block).
    """

    def __init__(self, ctx: WindowContext, entry_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        scale = current_scale()
        self.setObjectName("guide_dialog")
        self.setWindowTitle(QCoreApplication.translate("GuideDialog", "办事指南"))
        layout = QVBoxLayout(self)
        layout.setSpacing(scale.spacing_px)
        self.view = GuideView(self, notes=True)  # staff see the catalog's notes on its sources
        layout.addWidget(self.view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("guide_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setProperty("role", "muted")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(QCoreApplication.translate("GuideDialog", "打印（小票）"), self)
        self.print_button.setObjectName("guide_print")
        self.print_button.setProperty("variant", "primary")
        self.print_button.setAccessibleDescription(
            QCoreApplication.translate("GuideDialog", "在小票打印机上打印办事指南，交给办事群众")
        )
        self.print_button.clicked.connect(self._on_print_clicked)
        self.close_button = QPushButton(QCoreApplication.translate("GuideDialog", "关闭"), self)
        self.close_button.setObjectName("guide_close")
        self.close_button.clicked.connect(self.reject)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.guide: Guide | None = None
        self.show_entry(entry_id)
        self._fit(parent)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows and PgUp/PgDn scroll the guide

    def show_entry(self, entry_id: str) -> None:
        """Show the guide of ``entry_id``; an id the catalog does not know is said, not raised."""
        try:
            self.guide = guide_of(self.ctx.catalog, entry_id)
        except NotFoundError as exc:
            self.guide = None
            self._say(describe(exc))
        else:
            self._say("")
            self.setWindowTitle(
                fill(QCoreApplication.translate("GuideDialog", "办事指南 · %1"), self.guide.name)
            )
        self.view.show_guide(self.guide)
        self.print_button.setEnabled(self.guide is not None)

    def _fit(self, parent: QWidget | None) -> None:
        """Large enough to read, never larger than the screen (1366×768 included)."""
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        self.resize(min(1000, room.width() - 60), min(720, room.height() - 40))

    # -- printing ---------------------------------------------------------------------------------

    def _on_print_clicked(self) -> None:
        if self.guide is None:
            return
        self.print_button.setEnabled(False)
        self._say(QCoreApplication.translate("GuideDialog", "正在打印…"))
        self.ctx.devices.print_receipt(
            guide_receipt(self.guide, self.ctx.config),
            on_done=while_alive(self, self._on_printed),
            on_error=while_alive(self, self._on_print_failed),
        )

    def _on_printed(self, _result: PrintResult) -> None:
        self.print_button.setEnabled(True)
        self._say(QCoreApplication.translate("GuideDialog", "办事指南已打印，请交给办事群众。"))

    def _on_print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._say(fill(QCoreApplication.translate("GuideDialog", "没有打印出来：%1"), describe(error)))

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setAccessibleDescription(text)
