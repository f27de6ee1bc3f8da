"""What the citizen sees and touches: the signature panel and the 好差评 panel, on a second screen or in a dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.cases.model import EVALUATION_LEVELS
from core.cases.ratings import bad_reason_categories
from qtkit.labels import evaluation_label
from qtkit.theme import current_scale
from qtkit.widgets import BigButton, SignaturePad


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class SignaturePanel(QWidget):
    """The applicant reads what is applied for and signs. GUI thread; ``signed(png)``."""

    signed = Signal(bytes)

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        s = current_scale().spacing_px
        layout = QVBoxLayout(self)
        layout.setSpacing(s)
        layout.addWidget(_title(QCoreApplication.translate("CitizenScreen", "请核对后签名确认"), self))
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.pad = SignaturePad(self)
        self.pad.setObjectName("applicant_pad")
        self.pad.signature_changed.connect(self._on_signature_changed)
        layout.addWidget(self.pad, 1)
        row = QHBoxLayout()
        self.clear = BigButton(QCoreApplication.translate("CitizenScreen", "清除重签"), self)
        self.clear.clicked.connect(self.pad.clear)
        self.confirm = BigButton(QCoreApplication.translate("CitizenScreen", "确认签名"), self, primary=True)
        self.confirm.setObjectName("signature_confirm")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self._on_confirm_clicked)
        row.addWidget(self.clear)
        row.addStretch(1)
        row.addWidget(self.confirm)
        layout.addLayout(row)

    def _on_signature_changed(self) -> None:
        self.confirm.setEnabled(not self.pad.is_empty())

    def _on_confirm_clicked(self) -> None:
        if not self.pad.is_empty():
            self.signed.emit(self.pad.to_png())


ONE_ROW_PX = 640  # what five level buttons may take side by side on a 768-px citizen screen


class EvaluationPanel(QWidget):
    """好差评: five levels; 不满意 and 非常不满意 ask why (they are followed up): the GB/T 39734 附录A
    categories shipped (core.cases.ratings.bad_reason_categories; none while unconfirmed) and free
    text. GUI thread; ``rated(level, reason, categories)``. ``title``: what is rated (the visit, or
    the result after 办结)."""

    rated = Signal(int, str, object)  # categories: tuple[str, ...]

    def __init__(self, parent: QWidget | None = None, *, title: str = "") -> None:
        super().__init__(parent)
        s = current_scale().spacing_px
        layout = QVBoxLayout(self)
        layout.setSpacing(2 * s)
        heading = title or QCoreApplication.translate("CitizenScreen", "请您对本次服务作出评价")
        layout.addWidget(_title(heading, self))
        grid = QGridLayout()
        grid.setSpacing(s)
        labels = {level: evaluation_label(level) for level in EVALUATION_LEVELS}
        self.buttons: dict[int, BigButton] = {}
        for level in sorted(labels, reverse=True):
            button = BigButton(labels[level], self, primary=level >= 4)
            button.setObjectName(f"evaluate_{level}")
            button.clicked.connect(lambda _checked=False, lv=level: self._on_level_clicked(lv))
            self.buttons[level] = button
        # Five short Chinese labels read best in one row; longer ones (English) would be cut on a
        # small citizen screen, so they take rows of three.
        widths = [b.fontMetrics().horizontalAdvance(b.text()) + 6 * s for b in self.buttons.values()]
        columns = len(widths) if sum(widths) <= ONE_ROW_PX else 3
        for index, button in enumerate(self.buttons.values()):
            grid.addWidget(button, index // columns, index % columns)
        layout.addLayout(grid)
        self.why = QWidget(self)
        why_layout = QVBoxLayout(self.why)
        why_layout.setContentsMargins(0, 0, 0, 0)
        why_layout.addWidget(
            QLabel(
                QCoreApplication.translate("CitizenScreen", "请告诉我们哪里做得不好，我们会回访整改："),
                self.why,
            )
        )
        self.category_buttons: dict[str, QPushButton] = {}
        categories = QGridLayout()
        categories.setSpacing(s)
        for index, name in enumerate(bad_reason_categories()):
            toggle = QPushButton(name, self.why)  # the standard's wording: not translated
            toggle.setCheckable(True)
            toggle.setMinimumHeight(current_scale().touch_px)
            toggle.toggled.connect(lambda _on: self._on_reason_changed())
            self.category_buttons[name] = toggle
            categories.addWidget(toggle, index // 2, index % 2)
        why_layout.addLayout(categories)
        self.reason = QPlainTextEdit(self.why)
        self.reason.setObjectName("evaluation_reason")
        self.reason.setPlaceholderText(QCoreApplication.translate("CitizenScreen", "请写下具体情况"))
        self.reason.setMaximumHeight(current_scale().touch_px * 2)
        self.reason.textChanged.connect(self._on_reason_changed)
        why_layout.addWidget(self.reason)
        self.submit = BigButton(
            QCoreApplication.translate("CitizenScreen", "提交评价"), self.why, primary=True
        )
        self.submit.setObjectName("evaluation_submit")
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self._on_submit_clicked)
        why_layout.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)
        self.why.setVisible(False)
        layout.addWidget(self.why)
        self.thanks = QLabel(self)
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setProperty("role", "heading")
        layout.addWidget(self.thanks)
        layout.addStretch(1)
        self._level = 0

    def chosen_categories(self) -> tuple[str, ...]:
        return tuple(name for name, button in self.category_buttons.items() if button.isChecked())

    def _on_level_clicked(self, level: int) -> None:
        self._level = level
        if level <= 2:
            self.why.setVisible(True)
            self.reason.setFocus()
            return
        self.why.setVisible(False)
        self.rated.emit(level, "", ())

    def _on_reason_changed(self) -> None:
        self.submit.setEnabled(bool(self.reason.toPlainText().strip() or self.chosen_categories()))

    def _on_submit_clicked(self) -> None:
        reason, categories = self.reason.toPlainText().strip(), self.chosen_categories()
        if self._level and (reason or categories):
            self.rated.emit(self._level, reason, categories)

    def show_thanks(self) -> None:
        for button in self.buttons.values():
            button.setEnabled(False)
        self.why.setVisible(False)
        self.thanks.setText(QCoreApplication.translate("CitizenScreen", "感谢您的评价！"))


class CitizenDialog(QDialog):
    """A citizen panel in a dialog on the staff screen (when there is no second screen). GUI thread."""

    def __init__(self, title: str, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.addWidget(panel)
        side = current_scale().touch_px
        self.resize(side * 16, side * 10)


class CitizenWindow(QWidget):
    """The citizen-facing second screen: frameless, full screen on ``screen``. GUI thread.

    Idle it greets; ``show_panel`` puts a signature or evaluation panel up; ``idle`` takes it down.
    """

    def __init__(self, hall_name: str, screen: QScreen | None = None) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
        self.setWindowTitle(QCoreApplication.translate("CitizenScreen", "办事群众评价屏"))
        self.setAutoFillBackground(True)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        s = current_scale().spacing_px
        layout.setContentsMargins(4 * s, 4 * s, 4 * s, 4 * s)
        layout.addWidget(self.stack)
        self.welcome = _title(
            hall_name + "\n" + QCoreApplication.translate("CitizenScreen", "欢迎您！"), self
        )
        self.stack.addWidget(self.welcome)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())

    def show_panel(self, panel: QWidget) -> None:
        panel.setParent(self.stack)
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        self.showFullScreen()

    def idle(self) -> None:
        current = self.stack.currentWidget()
        self.stack.setCurrentWidget(self.welcome)
        if current is not None and current is not self.welcome:
            self.stack.removeWidget(current)
            current.deleteLater()
