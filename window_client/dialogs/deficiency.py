"""``DeficiencyDialog``: 容缺 — the date by which the applicant supplies a material, within the flow's limit."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qtkit.i18n import fill
from qtkit.theme import current_scale


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class DeficiencyDialog(QDialog):
    """Lives on the GUI thread. The picker only offers tomorrow … ``limit`` (IntakeFlow.deficiency_limit).

    ``decided(deadline, note)`` when staff confirm.
    """

    decided = Signal(object, str)  # date, note

    def __init__(self, material: str, today: date, limit: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("DeficiencyDialog", "容缺受理"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(current_scale().spacing_px)
        title = QLabel(fill(QCoreApplication.translate("DeficiencyDialog", "容缺：%1"), material), self)
        title.setProperty("role", "heading")
        title.setWordWrap(True)
        layout.addWidget(title)
        explain = QLabel(
            fill(
                QCoreApplication.translate(
                    "DeficiencyDialog",
                    "申请人须在期限内补齐此材料，最晚 %1（不超过相关事项的承诺办结时限）。受理后打印《容缺受理通知书》交申请人。",
                ),
                limit.isoformat(),
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("deficiency_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline.setDateRange(qdate(today + timedelta(days=1)), qdate(limit))
        self.deadline.setDate(qdate(limit))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(QCoreApplication.translate("DeficiencyDialog", "如：银行卡正在补办"))
        form.addRow(QCoreApplication.translate("DeficiencyDialog", "补齐期限"), self.deadline)
        form.addRow(QCoreApplication.translate("DeficiencyDialog", "说明（选填）"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.confirm = QPushButton(QCoreApplication.translate("DeficiencyDialog", "确认容缺"), self)
        self.confirm.setProperty("variant", "primary")
        self.confirm.setObjectName("deficiency_confirm")
        self.confirm.clicked.connect(self._on_confirm_clicked)
        cancel = QPushButton(QCoreApplication.translate("DeficiencyDialog", "取消"), self)
        cancel.clicked.connect(self.reject)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)

    def _on_confirm_clicked(self) -> None:
        self.decided.emit(pydate(self.deadline.date()), self.note.text().strip())
        self.accept()
