"""``RefusalDialog``: instead of accepting, 一次性告知补正 or 不予受理 (行政许可法 §32), with what to correct
or the reason; the flow checks it (IntakeFlow.refusal_preview) before the screen commits it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.cases.model import Case, ItemState, RefusalKind
from core.catalog.model import MaterialSource
from core.errors import ValidationError
from core.flows.intake import IntakeFlow
from qtkit.labels import item_label
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel, BannerMessage, MessageBanner

NOTE_COLUMN = 2


class RefusalDialog(QDialog):
    """Lives on the GUI thread; open with ``open()``. ``confirmed(kind, reason, defects)`` once the
    flow found the refusal sound (the screen then commits it); problems are said inside the dialog."""

    confirmed = Signal(object, str, object)  # RefusalKind, reason, {material id: what to correct}

    def __init__(self, flow: IntakeFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flow = flow
        scale = current_scale()
        self.setWindowTitle(QCoreApplication.translate("RefusalDialog", "不予受理"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(scale.spacing_px)
        intro = QLabel(
            QCoreApplication.translate(
                "RefusalDialog",
                "材料不齐全或不符合法定形式的，当场一次性告知需要补正的全部内容；"
                "申请事项不属于受理范围等，出具不予受理通知书并写明理由。申请不受理，材料退还申请人。",
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.supplement = QRadioButton(
            QCoreApplication.translate("RefusalDialog", "一次性告知补正（材料不齐全或不符合法定形式）"), self
        )
        self.supplement.setObjectName("refuse_supplement")
        self.reject_choice = QRadioButton(
            QCoreApplication.translate("RefusalDialog", "不予受理（须写明理由）"), self
        )
        self.reject_choice.setObjectName("refuse_reject")
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.supplement)
        self.kinds.addButton(self.reject_choice)
        self.supplement.setChecked(True)
        layout.addWidget(self.supplement)
        layout.addWidget(self.reject_choice)
        self.banner = MessageBanner(self, closable=False)
        layout.addWidget(self.banner)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("refusal_materials")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("RefusalDialog", "材料"),
                QCoreApplication.translate("RefusalDialog", "现状"),
                QCoreApplication.translate("RefusalDialog", "需补正的内容"),
            ]
        )
        header_item = self.table.horizontalHeaderItem(NOTE_COLUMN)
        if header_item is not None:
            header_item.setToolTip(
                QCoreApplication.translate(
                    "RefusalDialog", "已收材料不合格时，写明需补正的问题；缺少的材料可不填"
                )
            )
        self.table.setAccessibleName(QCoreApplication.translate("RefusalDialog", "需补正的材料"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.reason_label = QLabel(self)
        layout.addWidget(self.reason_label)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("refusal_reason")
        self.reason.setMaximumHeight(scale.touch_px * 2)
        self.reason_label.setBuddy(self.reason)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(self)
        cancel = QPushButton(QCoreApplication.translate("RefusalDialog", "取消"), self)
        cancel.clicked.connect(self.reject)
        self.confirm = QPushButton(self)
        self.confirm.setObjectName("refusal_confirm")
        self.confirm.setProperty("variant", "primary")
        self.confirm.clicked.connect(self._on_confirm_clicked)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        self._fill_materials()
        self.kinds.buttonToggled.connect(lambda _button, _on: self._on_kind_changed())
        self._on_kind_changed()
        self.resize(scale.touch_px * 18, scale.touch_px * 12)

    @property
    def kind(self) -> RefusalKind:
        return RefusalKind.SUPPLEMENT if self.supplement.isChecked() else RefusalKind.REJECT

    def defects(self) -> dict[str, str]:
        """What staff typed against a material: what must be corrected (or, missing, what to bring)."""
        out = {}
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            note = self.table.item(row, NOTE_COLUMN)
            if name is not None and note is not None and note.text().strip():
                out[str(name.data(Qt.ItemDataRole.UserRole))] = note.text().strip()
        return out

    def set_note(self, material_id: str, text: str) -> None:
        """Type ``text`` against a material (for tests and the walk-through)."""
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            note = self.table.item(row, NOTE_COLUMN)
            if name is not None and note is not None and name.data(Qt.ItemDataRole.UserRole) == material_id:
                note.setText(text)

    def _fill_materials(self) -> None:
        items = [i for i in self._flow.items() if i.material.source is not MaterialSource.GENERATED]
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            given = self._flow.materials.get(item.material.id)
            received = given is not None and given.state not in (ItemState.PENDING, ItemState.DEFICIENT)
            name = QTableWidgetItem(item.material.name)
            name.setData(Qt.ItemDataRole.UserRole, item.material.id)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            state = QTableWidgetItem(
                item_label(given.state)
                if received and given is not None
                else QCoreApplication.translate("RefusalDialog", "缺少")
            )
            state.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if not received:
                state.setForeground(QColor(current_scale().colors.warning_text))
            note = QTableWidgetItem("")
            note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, state)
            self.table.setItem(row, NOTE_COLUMN, note)

    def _on_kind_changed(self) -> None:
        supplement = self.kind is RefusalKind.SUPPLEMENT
        self.table.setEnabled(supplement)
        self.reason_label.setText(
            QCoreApplication.translate("RefusalDialog", "补充说明（可不填）")
            if supplement
            else QCoreApplication.translate("RefusalDialog", "不予受理的理由（必填，印在通知书上）")
        )
        self.confirm.setText(
            QCoreApplication.translate("RefusalDialog", "出具一次性补正告知书")
            if supplement
            else QCoreApplication.translate("RefusalDialog", "出具不予受理通知书")
        )
        self.banner.clear()

    def preview(self) -> Case:
        """The record the flow would make of what the dialog says; ValidationError otherwise."""
        defects = self.defects() if self.kind is RefusalKind.SUPPLEMENT else {}
        return self._flow.refusal_preview(self.kind, self.reason.toPlainText(), defects)

    def _on_confirm_clicked(self) -> None:
        try:
            self.preview()
        except ValidationError as exc:
            self.banner.show_message(BannerMessage(BannerLevel.ERROR, describe(exc)))
            return
        defects = self.defects() if self.kind is RefusalKind.SUPPLEMENT else {}
        self.confirmed.emit(self.kind, self.reason.toPlainText(), defects)
        self.accept()
