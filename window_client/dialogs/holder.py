"""``LicenceHolderDialog``: whose e-licence to fetch when it may not be the applicant's (e.g. the father's ID card)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.errors import ValidationError
from core.validation import parse_id_number
from qtkit.i18n import fill
from qtkit.messages import describe


class LicenceHolderDialog(QDialog):
    """Lives on the GUI thread. ``chosen(id_number)`` once a valid ID number was typed."""

    chosen = Signal(str)

    def __init__(self, material: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setWindowTitle(QCoreApplication.translate("LicenceHolderDialog", "电子证照持证人"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        text = QLabel(
            fill(QCoreApplication.translate("LicenceHolderDialog", "请输入“%1”持证人的证件号码："), material),
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.number = QLineEdit(self)
        self.number.setObjectName("holder_id_number")
        self.number.returnPressed.connect(self._on_confirm_clicked)
        layout.addWidget(self.number)
        self.problem = QLabel(self)
        self.problem.setProperty("status", "fault")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.confirm = confirm = QPushButton(
            QCoreApplication.translate("LicenceHolderDialog", "查询电子证照"), self
        )
        confirm.setObjectName("holder_confirm")
        confirm.setProperty("variant", "primary")
        confirm.clicked.connect(self._on_confirm_clicked)
        cancel = QPushButton(QCoreApplication.translate("LicenceHolderDialog", "取消"), self)
        cancel.clicked.connect(self.reject)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)

    def _on_confirm_clicked(self) -> None:
        try:
            info = parse_id_number(self.number.text(), field="holder", today=self._today)
        except ValidationError as exc:
            self.problem.setText(describe(exc))
            return
        self.chosen.emit(info.number)
        self.accept()
