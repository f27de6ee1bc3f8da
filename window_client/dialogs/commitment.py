"""``CommitmentDialog``: the catalog's 告知承诺 text, read to the applicant and signed on a SignaturePad."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.cases.model import CommitmentCheck
from qtkit.i18n import fill
from qtkit.theme import current_scale
from qtkit.widgets import SignaturePad

# The consequence of a false commitment, as core prints it (core.cases.commitments.FALSE_COMMITMENT; a
# test keeps the two equal): a literal here so that the English interface translates it.
FALSE_COMMITMENT = QT_TRANSLATE_NOOP(
    "CommitmentDialog",
    "申请人作出不实承诺的，行政机关将依法终止办理、责令限期整改、撤销行政决定或者予以行政处罚，"
    "并将不实承诺信息纳入信用记录。",
)
DEFAULT_CHECK = QT_TRANSLATE_NOOP(  # core.cases.commitments.DEFAULT_CHECK, likewise
    "CommitmentDialog", "受理部门将通过数据共享、部门核验、网络核验或现场核查等方式核实承诺内容。"
)


def told(check: CommitmentCheck) -> str:
    """告知承诺's 告知 (国办发〔2020〕42号): what is checked, by when, and the consequence of a false commitment."""
    what = check.what
    if what == DEFAULT_CHECK:
        what = QCoreApplication.translate("CommitmentDialog", str(DEFAULT_CHECK))
    due = (
        fill(QCoreApplication.translate("CommitmentDialog", "%1 前"), check.deadline.isoformat())
        if check.deadline is not None
        else QCoreApplication.translate("CommitmentDialog", "以部门告知为准")
    )
    return "\n\n" + "\n".join(
        (
            fill(QCoreApplication.translate("CommitmentDialog", "核查：%1"), what),
            fill(QCoreApplication.translate("CommitmentDialog", "核查期限：%1"), due),
            QCoreApplication.translate("CommitmentDialog", str(FALSE_COMMITMENT)),
        )
    )


class CommitmentDialog(QDialog):
    """Lives on the GUI thread. Open with ``open()``; ``signed(png)`` when the applicant signed."""

    signed = Signal(bytes)

    def __init__(
        self, material: str, text: str, parent: QWidget | None = None, *, check: CommitmentCheck | None = None
    ) -> None:
        super().__init__(parent)
        s = current_scale().spacing_px
        self.setWindowTitle(QCoreApplication.translate("CommitmentDialog", "告知承诺"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(s)
        title = QLabel(
            fill(QCoreApplication.translate("CommitmentDialog", "以告知承诺代替：%1"), material), self
        )
        title.setProperty("role", "heading")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.text = QTextBrowser(self)
        self.text.setPlainText(text + (told(check) if check is not None else ""))
        self.text.setAccessibleName(QCoreApplication.translate("CommitmentDialog", "承诺书内容"))
        self.text.setMinimumHeight(current_scale().touch_px * 3)
        layout.addWidget(self.text)
        note = QLabel(
            QCoreApplication.translate(
                "CommitmentDialog",
                "请向申请人宣读承诺内容。申请人同意后在下方签名；承诺不实的，将依法承担责任。",
            ),
            self,
        )
        note.setProperty("role", "muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("commitment_pad")
        self.pad.signature_changed.connect(self._on_signature_changed)
        layout.addWidget(self.pad, 1)
        buttons = QDialogButtonBox(self)
        self.clear = QPushButton(QCoreApplication.translate("CommitmentDialog", "清除重签"), self)
        self.clear.clicked.connect(self.pad.clear)
        self.confirm = QPushButton(QCoreApplication.translate("CommitmentDialog", "确认承诺"), self)
        self.confirm.setProperty("variant", "primary")
        self.confirm.setObjectName("commitment_confirm")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self._on_confirm_clicked)
        cancel = QPushButton(QCoreApplication.translate("CommitmentDialog", "取消"), self)
        cancel.clicked.connect(self.reject)
        buttons.addButton(self.clear, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        layout.addWidget(buttons)
        self.resize(current_scale().touch_px * 14, current_scale().touch_px * 11)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_signature_changed(self) -> None:
        self.confirm.setEnabled(not self.pad.is_empty())

    def _on_confirm_clicked(self) -> None:
        if self.pad.is_empty():
            return
        self.signed.emit(self.pad.to_png())
        self.accept()
