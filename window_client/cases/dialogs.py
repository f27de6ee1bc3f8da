"""The case desk's small dialogs: confirm an action (reason, supervisor's id and password), supplement materials."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.cases.model import Case, CheckOutcome
from qtkit.bridge import DeviceBridge
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel, BannerMessage, MessageBanner

# Both dialogs are opened with open() (window-modal, no nested event loop) and answer through a
# signal; the desk runs the work on the store worker and then calls accept() or show_error(), so
# a wrong password or a refused change is said inside the dialog and nothing is typed twice.

MATERIAL_ROLE = Qt.ItemDataRole.UserRole + 1


class ActionDialog(QDialog):
    """Message, an error banner, the body, then 取消 and the confirm button. Lives on the GUI thread."""

    def __init__(self, title: str, message: str, confirm_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        spacing = current_scale().spacing_px
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(current_scale().touch_px * 11)
        self._layout = QVBoxLayout(self)
        self._layout.setSpacing(spacing * 2)
        self._message = QLabel(message, self)
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setAccessibleName(message)
        self._banner = MessageBanner(self, closable=False)
        self._layout.addWidget(self._message)
        self._layout.addWidget(self._banner)
        self._body = QVBoxLayout()
        self._body.setSpacing(spacing)
        self._layout.addLayout(self._body, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(QCoreApplication.translate("CaseDialogs", "取消"), self)
        self.cancel_button.setAccessibleName(QCoreApplication.translate("CaseDialogs", "取消"))
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton(confirm_text, self)
        self.confirm_button.setAccessibleName(confirm_text)
        self.confirm_button.setProperty("variant", "primary")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        self._layout.addLayout(buttons)
        self._confirm_text = confirm_text
        self._busy = False

    @property
    def error_text(self) -> str:
        message = self._banner.message
        return message.text if message and self._banner.isVisible() else ""

    def set_busy(self, busy: bool) -> None:
        """While the desk works on the answer: inputs locked, the confirm button says so."""
        self._busy = busy
        self.confirm_button.setText(
            QCoreApplication.translate("CaseDialogs", "正在处理…") if busy else self._confirm_text
        )
        for widget in self._inputs():
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self._update_confirm()

    def show_error(self, text: str) -> None:
        self._banner.show_message(BannerMessage(BannerLevel.ERROR, text))
        self.set_busy(False)

    def reject(self) -> None:
        if not self._busy:  # Esc while the store works would orphan the answer
            super().reject()

    def _inputs(self) -> list[QWidget]:
        return []

    def _ready(self) -> bool:
        return True

    def _update_confirm(self) -> None:
        self.confirm_button.setEnabled(not self._busy and self._ready())

    def _on_confirm_clicked(self) -> None:
        if self._ready() and not self._busy:
            self._banner.clear()
            self.set_busy(True)
            self._emit_confirmed()

    def _emit_confirmed(self) -> None:
        raise NotImplementedError


class ConfirmActionDialog(ActionDialog):
    """Confirms a change: a reason when the change needs one, the supervisor's id and password when
    the logged-in role may not make it (core.staff.PERMISSIONS). GUI thread.

    ``confirmed(reason, staff_id, password)``; staff_id and password are "" without a supervisor.
    """

    confirmed = Signal(str, str, str)

    def __init__(
        self,
        title: str,
        message: str,
        *,
        confirm_text: str,
        need_reason: bool = False,
        need_supervisor: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, message, confirm_text, parent)
        self.need_reason = need_reason
        self.need_supervisor = need_supervisor
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName(QCoreApplication.translate("CaseDialogs", "原因"))
        self.reason_edit.setPlaceholderText(QCoreApplication.translate("CaseDialogs", "请写明原因（必填）"))
        self.reason_edit.setFixedHeight(current_scale().control_px * 2)
        self.reason_edit.textChanged.connect(self._update_confirm)
        self.staff_edit = QLineEdit(self)
        self.staff_edit.setAccessibleName(QCoreApplication.translate("CaseDialogs", "值班长工号"))
        self.staff_edit.textChanged.connect(self._update_confirm)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(QCoreApplication.translate("CaseDialogs", "值班长密码"))
        self.password_edit.textChanged.connect(self._update_confirm)
        form = QFormLayout()
        if need_reason:
            form.addRow(QCoreApplication.translate("CaseDialogs", "原因"), self.reason_edit)
        else:
            self.reason_edit.hide()
        if need_supervisor:
            note = QLabel(
                QCoreApplication.translate("CaseDialogs", "此操作需要值班长确认：请值班长输入工号和密码。"),
                self,
            )
            note.setWordWrap(True)
            note.setProperty("role", "muted")
            form.addRow(note)
            form.addRow(QCoreApplication.translate("CaseDialogs", "值班长工号"), self.staff_edit)
            form.addRow(QCoreApplication.translate("CaseDialogs", "密码"), self.password_edit)
        else:
            self.staff_edit.hide()
            self.password_edit.hide()
        self._body.addLayout(form)
        first = (
            self.reason_edit if need_reason else self.staff_edit if need_supervisor else self.confirm_button
        )
        QWidget.setTabOrder(self.reason_edit, self.staff_edit)
        QWidget.setTabOrder(self.staff_edit, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.confirm_button)
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_confirm()

    def show_error(self, text: str) -> None:
        super().show_error(text)
        if self.need_supervisor:
            self.password_edit.clear()
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _inputs(self) -> list[QWidget]:
        return [self.reason_edit, self.staff_edit, self.password_edit]

    def _ready(self) -> bool:
        if self.need_reason and not self.reason_edit.toPlainText().strip():
            return False
        return not self.need_supervisor or bool(self.staff_edit.text().strip() and self.password_edit.text())

    def _emit_confirmed(self) -> None:
        self.confirmed.emit(
            self.reason_edit.toPlainText().strip(), self.staff_edit.text().strip(), self.password_edit.text()
        )


class SupplementDialog(ActionDialog):
    """Ticks the deficient (容缺) materials the applicant brought; a page of each may be photographed
    with the document camera (optional). GUI thread. ``confirmed(material_ids, pages)``."""

    confirmed = Signal(object, object)  # list[str], dict[str, list[bytes]]

    def __init__(self, case: Case, devices: DeviceBridge, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("CaseDialogs", "补齐容缺材料"),
            QCoreApplication.translate(
                "CaseDialogs", "勾选申请人本次补交的材料。需要留档的，可选中材料后用高拍仪拍摄。"
            ),
            QCoreApplication.translate("CaseDialogs", "确认补齐"),
            parent,
        )
        self._devices = devices
        self._pages: dict[str, list[bytes]] = {}
        self._names: dict[str, str] = {}
        self.materials = QListWidget(self)
        self.materials.setAccessibleName(QCoreApplication.translate("CaseDialogs", "容缺待补材料"))
        for item in case.deficient_items:
            deadline = item.deadline.isoformat() if item.deadline else ""
            self._names[item.material_id] = (
                fill(QCoreApplication.translate("CaseDialogs", "%1（补齐期限 %2）"), item.name, deadline)
                if deadline
                else item.name
            )
            entry = QListWidgetItem(self.materials)
            entry.setData(MATERIAL_ROLE, item.material_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self._describe(entry, item.material_id)
        self.materials.setCurrentRow(0)
        self.materials.itemChanged.connect(self._on_item_changed)
        self.capture_button = QPushButton(QCoreApplication.translate("CaseDialogs", "拍摄选中材料"), self)
        self.capture_button.setAccessibleName(
            QCoreApplication.translate("CaseDialogs", "用高拍仪拍摄选中的材料")
        )
        self.capture_button.clicked.connect(self._on_capture_clicked)
        self.capture_status = QLabel(self)
        self.capture_status.setProperty("role", "muted")
        self.capture_status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.capture_button)
        row.addWidget(self.capture_status, 1)
        self._body.addWidget(self.materials, 1)
        self._body.addLayout(row)
        QWidget.setTabOrder(self.materials, self.capture_button)
        QWidget.setTabOrder(self.capture_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.confirm_button)
        self.materials.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_confirm()

    @property
    def pages(self) -> Mapping[str, list[bytes]]:
        return self._pages

    def check(self, material_id: str, checked: bool = True) -> None:
        for row in range(self.materials.count()):
            entry = self.materials.item(row)
            if entry.data(MATERIAL_ROLE) == material_id:
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[str]:
        return [
            str(self.materials.item(row).data(MATERIAL_ROLE))
            for row in range(self.materials.count())
            if self.materials.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _describe(self, entry: QListWidgetItem, material_id: str) -> None:
        count = len(self._pages.get(material_id, ()))
        name = self._names[material_id]
        text = (
            name
            if not count
            else fill(QCoreApplication.translate("CaseDialogs", "%1，已拍 %2 页"), name, count)
        )
        entry.setText(text)
        entry.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def _inputs(self) -> list[QWidget]:
        return [self.materials, self.capture_button]

    def _ready(self) -> bool:
        return bool(self.chosen())

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_confirm()

    def _on_capture_clicked(self) -> None:
        if self.materials.currentRow() < 0:
            return
        entry = self.materials.currentItem()
        material_id = str(entry.data(MATERIAL_ROLE))
        self.capture_button.setEnabled(False)
        self.capture_status.setText(QCoreApplication.translate("CaseDialogs", "正在拍摄…"))
        self._devices.capture_page(
            on_done=while_alive(self, lambda page: self._on_page_captured(material_id, page)),
            on_error=while_alive(self, self._on_capture_failed),
        )

    def _on_page_captured(self, material_id: str, page: object) -> None:
        self._pages.setdefault(material_id, []).append(bytes(getattr(page, "jpeg", b"")))
        self.check(material_id)
        for row in range(self.materials.count()):
            entry = self.materials.item(row)
            if entry.data(MATERIAL_ROLE) == material_id:
                self._describe(entry, material_id)
        self.capture_button.setEnabled(not self._busy)
        self.capture_status.setText(QCoreApplication.translate("CaseDialogs", "已拍摄一页"))

    def _on_capture_failed(self, error: BaseException) -> None:
        self.capture_button.setEnabled(not self._busy)
        self.capture_status.setText(
            fill(
                QCoreApplication.translate("CaseDialogs", "拍摄没有成功：%1"),
                describe(error),
            )
        )

    def _emit_confirmed(self) -> None:
        chosen = self.chosen()
        self.confirmed.emit(chosen, {m: list(p) for m, p in self._pages.items() if m in chosen})


class VerifyDialog(ActionDialog):
    """Records the 核查 of a 告知承诺 (国办发〔2020〕42号 事中事后核查): which commitment, 属实 or 不实,
    and what was found (needed when 不实). GUI thread. ``confirmed(material_id, outcome, note)``."""

    confirmed = Signal(str, object, str)  # material id, CheckOutcome, note

    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("CaseDialogs", "记录告知承诺核查结果"),
            QCoreApplication.translate(
                "CaseDialogs", "选择已核查的承诺，记录核查结果。承诺不实的，请写明核查发现的情况。"
            ),
            QCoreApplication.translate("CaseDialogs", "记录核查结果"),
            parent,
        )
        self.materials = QListWidget(self)
        self.materials.setAccessibleName(QCoreApplication.translate("CaseDialogs", "待核查的承诺"))
        for item in case.open_checks:
            assert item.check is not None
            due = item.check.deadline.isoformat() if item.check.deadline else ""
            entry = QListWidgetItem(
                fill(QCoreApplication.translate("CaseDialogs", "%1（核查期限 %2）"), item.name, due)
                if due
                else item.name,
                self.materials,
            )
            entry.setData(MATERIAL_ROLE, item.material_id)
            entry.setToolTip(item.check.what)
        self.materials.setCurrentRow(0)
        self.held = QRadioButton(QCoreApplication.translate("CaseDialogs", "承诺属实"), self)
        self.false = QRadioButton(QCoreApplication.translate("CaseDialogs", "承诺不实"), self)
        self.held.setChecked(True)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(QCoreApplication.translate("CaseDialogs", "核查情况"))
        self.note_edit.setAccessibleName(QCoreApplication.translate("CaseDialogs", "核查情况"))
        self.note_edit.setMaximumHeight(current_scale().touch_px * 2)
        for widget in (self.materials, self.held, self.false, self.note_edit):
            self._body.addWidget(widget)
        self.materials.currentRowChanged.connect(lambda _row: self._update_confirm())
        self._update_confirm()

    def _inputs(self) -> list[QWidget]:
        return [self.materials, self.held, self.false, self.note_edit]

    def _ready(self) -> bool:
        return self.materials.currentItem() is not None

    def _emit_confirmed(self) -> None:
        current = self.materials.currentItem()
        assert current is not None
        outcome = CheckOutcome.TRUE if self.held.isChecked() else CheckOutcome.FALSE
        self.confirmed.emit(str(current.data(MATERIAL_ROLE)), outcome, self.note_edit.toPlainText())
