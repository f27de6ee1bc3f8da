"""``MainWindow``: header, the 受理 and 办件 tabs, the status bar; shortcuts for every action; the screen lock."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.staff import StaffDirectory, StaffSession
from qtkit.i18n import fill
from qtkit.messages import describe, staff_role_label
from qtkit.theme import current_scale
from window_client.cases import CaseDeskPanel
from window_client.context import WindowContext
from window_client.dialogs.guide import GuideDialog
from window_client.dialogs.login import LockOverlay
from window_client.intake.screen import IntakeScreen
from window_client.queue.desk import QueueDesk
from window_client.queue.panel import QueuePanel
from window_client.queue.stats_view import QueueStatsEntry
from window_client.status import StatusBarPanel

COMPACT_HEIGHT_PX: Final = 800  # a window at most this tall (a 1366×768 screen) gets the compact chrome
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class InactivityWatch(QObject):
    """Restarts a single-shot QTimer on any key, click, wheel or touch in the application; ``idle``
    when it runs out. Lives on the GUI thread (an application event filter)."""

    idle = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(seconds, 0) * 1000)
        self._timer.timeout.connect(self.idle)
        self.enabled = seconds > 0

    def start(self) -> None:
        if self.enabled:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class MainWindow(QMainWindow):
    """The staff window. Lives on the GUI thread; built once after the first login, hidden on logout.

    ``logout_requested`` goes to the app (it shows the login window); ``closed`` makes it quit. Nothing here blocks: the
    unlock check runs on the store worker like every other store call.
    """

    logout_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: WindowContext, *, second_screen: bool | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        scale = current_scale()
        s = scale.spacing_px
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "通办 · 综合受理窗口"))
        self.setMinimumSize(1024, 640)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._layout = layout
        self.header = self._header(central)
        layout.addWidget(self.header)
        self.tabs = QTabWidget(central)
        self.tabs.setDocumentMode(True)
        self.intake = IntakeScreen(ctx, self.tabs, second_screen=second_screen)
        self.desk = CaseDeskPanel(ctx, self.tabs, citizen=self.intake.citizen)
        self.tabs.addTab(self.intake, QCoreApplication.translate("MainWindow", "受理（Ctrl+N）"))
        self.tabs.addTab(self.desk, QCoreApplication.translate("MainWindow", "办件查询（F2）"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.queue: QueuePanel | None = None  # the 叫号 bar, on a window with a number (window_no)
        if ctx.config.window_no:
            self.queue = QueuePanel(ctx, central)
            self.queue_desk = QueueDesk(self.queue, self.intake)
            self.queue.called.connect(lambda _ticket: self.show_intake())
            layout.addWidget(self.queue)
        layout.addWidget(self.tabs, 1)
        line = QFrame(central)
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        self.status_panel = StatusBarPanel(ctx, central)
        status_box = QHBoxLayout()
        status_box.setContentsMargins(2 * s, s // 2, 2 * s, s // 2)
        status_box.addWidget(self.status_panel)
        layout.addLayout(status_box)
        self._status_box = status_box
        self.compact = False  # set_compact: the chrome of a short screen
        self.setCentralWidget(central)
        self.lock_overlay = LockOverlay(central)
        self.lock_overlay.unlock_requested.connect(self._on_unlock_requested)
        self.lock_overlay.switch_user_requested.connect(self._on_logout_clicked)
        self.watch = InactivityWatch(ctx.lock_after_s, self)
        self.watch.idle.connect(self.lock)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.watch)
        self.close_question: QMessageBox | None = None  # shown while staff decide about an unsaved intake
        self._close_confirmed = False
        self._actions()
        self.queue_stats = QueueStatsEntry(ctx, self, self._header_row, self.operator, lambda: self.locked)
        desk_scanned = getattr(self.desk, "receipt_scanned", None)
        if desk_scanned is not None:
            desk_scanned.connect(lambda _number: self.show_desk())
        ctx.session.changed.connect(self._on_session_changed)
        self._on_session_changed(ctx.session.session)
        self._on_tab_changed(0)

    def _header(self, parent: QWidget) -> QWidget:
        s = current_scale().spacing_px
        header = QFrame(parent)
        header.setProperty("role", "card")
        row = QHBoxLayout(header)
        self._header_row = row
        row.setContentsMargins(2 * s, s, 2 * s, s)
        hall = QLabel(self.ctx.config.hall_name, header)
        hall.setProperty("role", "heading")
        row.addWidget(hall)
        profile = (
            QCoreApplication.translate("MainWindow", "帮办代办（外出）")
            if self.ctx.outreach
            else QCoreApplication.translate("MainWindow", "无差别综合受理窗口")
        )
        self.profile_label = QLabel(profile, header)
        self.profile_label.setProperty("role", "muted")
        row.addWidget(self.profile_label)
        row.addStretch(1)
        self.operator = QLabel(header)
        self.operator.setObjectName("operator")
        row.addWidget(self.operator)
        self.lock_button = QPushButton(QCoreApplication.translate("MainWindow", "锁屏（Ctrl+L）"), header)
        self.lock_button.setObjectName("lock_button")
        self.lock_button.clicked.connect(self.lock)
        self.logout_button = QPushButton(QCoreApplication.translate("MainWindow", "退出登录"), header)
        self.logout_button.setObjectName("logout_button")
        self.logout_button.clicked.connect(self._on_logout_clicked)
        row.addWidget(self.lock_button)
        row.addWidget(self.logout_button)
        return header

    def _action(
        self, name: str, keys: list[QKeySequence | QKeySequence.StandardKey | str], slot: object
    ) -> QAction:
        action = QAction(name, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _actions(self) -> None:
        self.new_action = self._action(
            QCoreApplication.translate("MainWindow", "新的受理"), ["Ctrl+N"], self.new_intake
        )
        self.desk_action = self._action(
            QCoreApplication.translate("MainWindow", "办件查询"), ["F2"], self.show_desk
        )
        self.intake_action = self._action(
            QCoreApplication.translate("MainWindow", "受理"), ["F1"], self.show_intake
        )
        self.guide_action = self._action(
            QCoreApplication.translate("MainWindow", "办事指南"), ["F3"], self.show_guide
        )
        self.lock_action = self._action(
            QCoreApplication.translate("MainWindow", "锁屏"), ["Ctrl+L"], self.lock
        )
        self.back_action = self._action(
            QCoreApplication.translate("MainWindow", "上一步"), ["Alt+Left", "PgUp"], self.intake.go_back
        )
        self.next_action = self._action(
            QCoreApplication.translate("MainWindow", "下一步"), ["Alt+Right", "PgDown"], self.intake.go_next
        )
        if self.queue is not None:
            self.call_action = self._action(
                QCoreApplication.translate("MainWindow", "叫号"), ["F5"], self.call_next
            )
        self.accept_action = self._action(
            QCoreApplication.translate("MainWindow", "确认受理"),
            ["Ctrl+Return", "Ctrl+Enter"],
            self.intake.accept,
        )

    # -- tabs ---------------------------------------------------------------------------------

    def new_intake(self) -> None:
        if self.locked:
            return
        self.tabs.setCurrentWidget(self.intake)
        self.intake.new_intake()

    def call_next(self) -> None:
        if self.queue is not None and not self.locked:
            self.queue.call_next()

    def show_desk(self) -> None:
        if not self.locked:
            self.tabs.setCurrentWidget(self.desk)

    def show_intake(self) -> None:
        if not self.locked:
            self.tabs.setCurrentWidget(self.intake)

    def show_guide(self) -> None:
        """F3: any matter's 办事指南, found and printed without starting an intake."""
        if not self.locked:
            GuideDialog(self.ctx, "", self).open()

    def _on_tab_changed(self, _index: int) -> None:
        on_intake = self.tabs.currentWidget() is self.intake and not self.locked
        for action in (self.back_action, self.next_action, self.accept_action):
            action.setEnabled(on_intake)  # PgUp/PgDn stay with the case desk's table there

    # -- session, lock, logout ----------------------------------------------------------------

    def _on_session_changed(self, session: StaffSession | None) -> None:
        if session is None:
            self.operator.setText("")
            self.watch.stop()
            return
        self.operator.setText(
            fill(
                QCoreApplication.translate("MainWindow", "操作员：%1（%2）"),
                session.name,
                staff_role_label(session.role.value),
            )
        )
        if not self.locked:
            self.watch.start()

    @property
    def locked(self) -> bool:
        return self.lock_overlay.isVisible()

    def lock(self) -> None:
        """Ctrl+L or inactivity: cover everything until the same staff member's password is given."""
        session = self.ctx.session.session
        if session is None or self.locked:
            return
        self.watch.stop()
        if self.close_question is not None:
            self.close_question.reject()  # not answerable from behind the lock
        self.queue_stats.close()
        self.lock_overlay.lock(session.name)
        self._on_tab_changed(0)
        if self.ctx.wedge is not None:
            self.ctx.wedge.set_enabled(False)  # a typed password is never a scan

    def _on_unlock_requested(self, password: str) -> None:
        session = self.ctx.session.session
        if session is None or self.ctx.staff_key is None:
            self.lock_overlay.show_error(QCoreApplication.translate("MainWindow", "请重新登录"))
            return
        staff_id, key = session.staff_id, self.ctx.staff_key

        def check(directory: StaffDirectory) -> StaffSession:
            return directory.login(staff_id, password)  # audited, with the lock-out after failures

        def failed(exc: BaseException) -> None:
            message = describe(exc)
            self.lock_overlay.show_error(message)

        self.ctx.runner.run_with(key, check, on_done=self._on_unlocked, on_error=failed)

    def _on_unlocked(self, session: StaffSession) -> None:
        self.lock_overlay.setVisible(False)
        if self.ctx.wedge is not None:
            self.ctx.wedge.set_enabled(True)
        self.ctx.session.set(session)
        self._on_tab_changed(0)

    def _on_logout_clicked(self) -> None:
        self.lock_overlay.setVisible(False)
        if self.ctx.wedge is not None:
            self.ctx.wedge.set_enabled(True)
        self.intake.model.restart()
        self.watch.stop()
        self.logout_requested.emit()

    # -- window events ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.locked and self.tabs.currentWidget() is self.intake:
            QTimer.singleShot(0, self.intake.focus_current)  # not the header's first button

    def set_compact(self, compact: bool) -> None:
        """On a short screen (1366×768: the window at most COMPACT_HEIGHT_PX tall) the header moves
        into the tab row and the status bar loses its padding, so the intake's steps get the room
        instead of the chrome (the step area at 1366×768 grows by about a tenth)."""
        if compact == self.compact:
            return
        self.compact = compact
        s = current_scale().spacing_px
        if compact:
            self._layout.removeWidget(self.header)
            self._header_row.setContentsMargins(s, 0, s // 2, 0)
            self.tabs.setCornerWidget(self.header, Qt.Corner.TopRightCorner)
            # A corner widget is cut to the tab bar's height (less its base line): the tabs grow
            # to the header's height.
            self.tabs.tabBar().setStyleSheet(
                f"QTabBar::tab {{ min-height: {self.header.sizeHint().height() + s // 4}px; }}"
            )
            self._status_box.setContentsMargins(2 * s, 0, 2 * s, 0)
        else:
            self.tabs.setCornerWidget(None, Qt.Corner.TopRightCorner)  # type: ignore[arg-type]  # Qt takes nullptr
            self.tabs.tabBar().setStyleSheet("")
            self._header_row.setContentsMargins(2 * s, s, 2 * s, s)
            self._layout.insertWidget(0, self.header)
            self._status_box.setContentsMargins(2 * s, s // 2, 2 * s, s // 2)
        self.header.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.set_compact(self.height() <= COMPACT_HEIGHT_PX)
        if self.locked and (central := self.centralWidget()) is not None:
            self.lock_overlay.setGeometry(central.rect())

    def shutdown(self) -> None:
        """Before the application quits: the citizen screen goes, the activity filter too."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watch)
        self.watch.stop()
        self.intake.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)
        self.closed.emit()  # the app quits (and stops everything it started)

    def _may_close(self) -> bool:
        """An intake not yet accepted is only dropped when staff say so: never while the screen is
        locked (whoever stands at a locked desk may not be the one who entered it), and after a
        question otherwise. The question is window-modal and does not block: its answer closes."""
        if self._close_confirmed or not self.intake.model.in_progress:
            return True
        if self.locked:
            self.lock_overlay.show_error(
                QCoreApplication.translate(
                    "MainWindow", "屏幕已锁定，当前受理尚未完成：请先解锁，再关闭窗口。"
                )
            )
            return False
        if self.close_question is None:
            question = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("MainWindow", "关闭窗口"),
                QCoreApplication.translate("MainWindow", "当前受理尚未完成，关闭窗口将放弃已录入的内容。"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                self,
            )
            question.button(QMessageBox.StandardButton.Discard).setText(
                QCoreApplication.translate("MainWindow", "放弃并关闭")
            )
            question.button(QMessageBox.StandardButton.Cancel).setText(
                QCoreApplication.translate("MainWindow", "继续受理")
            )
            question.setDefaultButton(QMessageBox.StandardButton.Cancel)
            question.finished.connect(self._on_close_question_finished)
            self.close_question = question
            question.open()
        return False

    def _on_close_question_finished(self, _result: int) -> None:
        question, self.close_question = self.close_question, None
        if question is None:
            return
        discard = question.clickedButton() is question.button(QMessageBox.StandardButton.Discard)
        question.deleteLater()
        if discard:
            self._close_confirmed = True
            self.close()
