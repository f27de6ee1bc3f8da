"""``LoginWindow`` (offline staff login) and ``LockOverlay`` (the screen lock after inactivity): views only."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from qtkit.i18n import fill
from qtkit.theme import current_scale


def _fault_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setProperty("status", "fault")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class LoginWindow(QWidget):
    """The first window staff see. Lives on the GUI thread; the app checks the password on the store
    worker (core.staff.StaffDirectory.login, offline against the synced hashes) and calls
    ``show_error`` or closes this. ``login_requested(staff_id, password)``."""

    login_requested = Signal(str, str)

    def __init__(self, hall_name: str, device_line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("LoginWindow", "通办 · 综合受理窗口 · 登录"))
        scale = current_scale()
        s = scale.spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6 * s, 6 * s, 6 * s, 6 * s)
        outer.addStretch(1)
        box = QFrame(self)
        box.setProperty("role", "card")
        box.setMaximumWidth(scale.touch_px * 10)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4 * s, 4 * s, 4 * s, 4 * s)
        layout.setSpacing(s)
        # A device not yet set up has no hall name (core/config.py): a plain name, never an empty title.
        self.title = QLabel(hall_name or QCoreApplication.translate("LoginWindow", "通办 综合受理窗口"), box)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        subtitle = QLabel(QCoreApplication.translate("LoginWindow", "通办 · 无差别综合受理窗口"), box)
        subtitle.setProperty("role", "heading")
        layout.addWidget(subtitle)
        device = QLabel(device_line, box)
        device.setProperty("role", "muted")
        device.setWordWrap(True)
        layout.addWidget(device)
        layout.addSpacing(s)
        self.staff_id = QLineEdit(box)
        self.staff_id.setObjectName("login_staff_id")
        self.staff_id.setPlaceholderText(QCoreApplication.translate("LoginWindow", "工号"))
        self.staff_id.setAccessibleName(QCoreApplication.translate("LoginWindow", "工号"))
        self.password = QLineEdit(box)
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(QCoreApplication.translate("LoginWindow", "密码"))
        self.password.setAccessibleName(QCoreApplication.translate("LoginWindow", "密码"))
        self.staff_id.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._on_login_clicked)
        self.button = QPushButton(QCoreApplication.translate("LoginWindow", "登录"), box)
        self.button.setObjectName("login_button")
        self.button.setProperty("variant", "primary")
        self.button.clicked.connect(self._on_login_clicked)
        self.error = _fault_label(box)
        self.note = QLabel(
            QCoreApplication.translate(
                "LoginWindow", "断网也能登录：账号由省级平台同步到本机，密码在本机核验。"
            ),
            box,
        )
        self.note.setProperty("role", "muted")
        self.note.setWordWrap(True)
        for widget in (self.staff_id, self.password, self.button, self.error, self.note):
            layout.addWidget(widget)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setAutoFillBackground(True)
        self.resize(scale.touch_px * 16, scale.touch_px * 11)

    def _on_login_clicked(self) -> None:
        staff_id = self.staff_id.text().strip()
        if not staff_id:
            self.show_error(QCoreApplication.translate("LoginWindow", "请输入工号"))
            self.staff_id.setFocus()
            return
        self.set_busy(True)
        self.login_requested.emit(staff_id, self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.button.setText(
            QCoreApplication.translate("LoginWindow", "正在核验…")
            if busy
            else QCoreApplication.translate("LoginWindow", "登录")
        )

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    def reset(self) -> None:
        self.set_busy(False)
        self.password.clear()
        self.error.clear()
        (self.password if self.staff_id.text() else self.staff_id).setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self.password if self.staff_id.text() else self.staff_id).setFocus()


class LockOverlay(QWidget):
    """Covers the main window while it is locked: nothing behind it shows or takes input. GUI thread.

    ``unlock_requested(password)``; ``switch_user_requested`` logs out (the intake in progress is kept
    only for the same staff member).
    """

    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        scale = current_scale()
        s = scale.spacing_px
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QFrame(self)
        box.setProperty("role", "card")
        box.setFixedWidth(scale.touch_px * 9)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4 * s, 4 * s, 4 * s, 4 * s)
        layout.setSpacing(s)
        self.title = QLabel(box)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.password = QLineEdit(box)
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(QCoreApplication.translate("LockOverlay", "输入密码解锁"))
        self.password.setAccessibleName(QCoreApplication.translate("LockOverlay", "密码"))
        self.password.returnPressed.connect(self._on_unlock_clicked)
        layout.addWidget(self.password)
        self.unlock = QPushButton(QCoreApplication.translate("LockOverlay", "解锁"), box)
        self.unlock.setObjectName("unlock_button")
        self.unlock.setProperty("variant", "primary")
        self.unlock.clicked.connect(self._on_unlock_clicked)
        layout.addWidget(self.unlock)
        self.error = _fault_label(box)
        layout.addWidget(self.error)
        switch = QPushButton(QCoreApplication.translate("LockOverlay", "切换用户"), box)
        switch.setProperty("variant", "link")
        switch.clicked.connect(self.switch_user_requested)
        layout.addWidget(switch)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setVisible(False)

    def lock(self, who: str) -> None:
        self.title.setText(fill(QCoreApplication.translate("LockOverlay", "已锁屏\n操作员：%1"), who))
        self.error.clear()
        self.password.clear()
        self.unlock.setEnabled(True)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.setVisible(True)
        self.raise_()
        self.password.setFocus()

    def _on_unlock_clicked(self) -> None:
        self.unlock.setEnabled(False)
        self.unlock_requested.emit(self.password.text())

    def show_error(self, message: str) -> None:
        self.unlock.setEnabled(True)
        self.error.setText(message)
        self.password.selectAll()
        self.password.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(current_scale().colors.window))  # opaque: hides the case behind
        painter.end()
