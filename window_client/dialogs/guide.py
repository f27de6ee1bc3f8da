"""``GuideDialog``: a matter's or bundle's 办事指南 on screen, printed on the receipt printer for a citizen who came to ask.

Opened on an entry (the 选择事项 page's 办事指南 button) or on none (the main window's F3, no
intake started): its search box finds any matter or bundle as the 选择事项 page does
(core.catalog.search.SearchIndex), so staff can answer "what do I need for …" at any moment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.catalog.guide import Guide, guide_of
from core.catalog.search import BUNDLE, Entry, SearchIndex
from core.errors import NotFoundError
from core.receipts import guide_receipt
from qtkit.guide_view import GuideView
from qtkit.i18n import fill
from qtkit.labels import limit_label
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
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # opened with open(), never kept
        self.setWindowTitle(QCoreApplication.translate("GuideDialog", "办事指南"))
        layout = QVBoxLayout(self)
        layout.setSpacing(scale.spacing_px)
        self.index = SearchIndex.cached(ctx.catalog)
        self.search = QLineEdit(self)
        self.search.setObjectName("guide_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate(
                "GuideDialog", "查找事项：名称、俗称、拼音首字母或编码（如 csdj），回车打开第一项"
            )
        )
        self.search.setAccessibleName(QCoreApplication.translate("GuideDialog", "查找事项"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        layout.addWidget(self.search)
        self.matches = QListWidget(self)
        self.matches.setObjectName("guide_matches")
        self.matches.setAccessibleName(QCoreApplication.translate("GuideDialog", "查找结果"))
        self.matches.setMaximumHeight(scale.control_px * 7)
        self.matches.itemActivated.connect(self._on_match_activated)
        self.matches.itemClicked.connect(self._on_match_activated)
        self.matches.setVisible(False)
        layout.addWidget(self.matches)
        self.view = GuideView(self, notes=True)  # staff see the catalog's notes on its sources
        self.view.setPlaceholderText(
            QCoreApplication.translate("GuideDialog", "在上面输入事项名称或拼音首字母，查看并打印办事指南。")
        )
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
        self.print_button.setAutoDefault(False)  # Enter never prints by accident
        self.close_button = QPushButton(QCoreApplication.translate("GuideDialog", "关闭"), self)
        self.close_button.setObjectName("guide_close")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.guide: Guide | None = None
        self._fit(parent)
        if entry_id:
            self.show_entry(entry_id)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # arrows and PgUp/PgDn scroll the guide
        else:
            self.print_button.setEnabled(False)
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.index is None:  # not built yet (about a second at 5,000 matters): never on the GUI thread
            catalog = ctx.catalog
            self.search.setEnabled(False)
            self.search.setPlaceholderText(QCoreApplication.translate("GuideDialog", "正在载入事项目录…"))
            ctx.runner.run(
                lambda: SearchIndex.of(catalog),
                on_done=while_alive(self, self._on_index_built),
                on_error=while_alive(self, self._on_index_failed),
            )

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

    # -- finding another entry ---------------------------------------------------------------------

    def _on_index_built(self, index: SearchIndex) -> None:
        self.index = index
        self.search.setEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate(
                "GuideDialog", "查找事项：名称、俗称、拼音首字母或编码（如 csdj），回车打开第一项"
            )
        )
        if self.guide is None:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_index_failed(self, error: BaseException) -> None:
        self.search.setPlaceholderText("")
        self._say(fill(QCoreApplication.translate("GuideDialog", "事项目录载入失败：%1"), describe(error)))

    def _on_search_text_changed(self, text: str) -> None:
        self.matches.clear()
        entries = self.index.search(text, limit=50) if self.index is not None and text.strip() else []
        for entry in entries:
            item = QListWidgetItem(_entry_text(entry), self.matches)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
        if entries:
            self.matches.setCurrentRow(0)
        self.matches.setVisible(bool(text.strip()))
        if text.strip() and not entries:
            QListWidgetItem(
                QCoreApplication.translate(
                    "GuideDialog", "没有找到，换个说法试试（俗称、拼音、首字母、编码都可以）"
                ),
                self.matches,
            ).setFlags(Qt.ItemFlag.NoItemFlags)

    def _open_current_match(self) -> None:
        item = self.matches.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self._on_match_activated(item)

    def _on_match_activated(self, item: QListWidgetItem) -> None:
        entry_id = item.data(Qt.ItemDataRole.UserRole)
        if not entry_id:
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.matches.clear()
        self.matches.setVisible(False)
        self.show_entry(str(entry_id))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ / ↑ in the search box move through the results (the box keeps the focus); Enter opens
        the one selected — and is taken here, or the dialog would press its default button (打印)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_current_match()
                return True
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(key, 0)
            if step and self.matches.count():
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _fit(self, parent: QWidget | None) -> None:
        """Large enough to read, never larger than the staff window (1366×768 included) or the screen."""
        if parent is not None:
            room = parent.window().geometry()
        else:
            room = QGuiApplication.primaryScreen().availableGeometry()
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


def _entry_text(entry: Entry) -> str:
    """One result line: name · 一件事 / 单项事项 · department · limit."""
    kind = (
        QCoreApplication.translate("GuideDialog", "“一件事”")
        if entry.kind == BUNDLE
        else QCoreApplication.translate("GuideDialog", "单项事项")
    )
    return f"{entry.name}  ·  {kind} · {entry.dept_name} · {limit_label(entry.limit_days)}"
