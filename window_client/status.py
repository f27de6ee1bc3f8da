"""``StatusBarPanel``: the window's bottom bar — platform link, outbox, sync progress and errors, devices."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from core.store.store import Store
from core.store.sync_state import SyncStatusRecord
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import DeviceStatusModel, DeviceStatusWidget, SyncStatusModel, SyncStatusWidget
from qtkit.widgets.icons import StatusKind, status_pixmap
from services.changes import Changes
from window_client.context import WindowContext
from window_client.dialogs.device_test import DeviceTestDialog

logger = logging.getLogger(__name__)

REFRESH_MS = 15_000  # how often the outbox is counted between sync rounds (a cheap COUNT on the store worker)


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """What waits on this device, counted on the store worker. Immutable: any thread."""

    pending: int  # events not acknowledged by the platform
    quarantined: int  # cases the platform refused for good (their later events wait)
    rework: int  # cases sent back (退回重办)
    open_prints: int  # receipts a failed print left for a retry
    status: SyncStatusRecord  # the last rounds as persisted by the sync worker
    queue_pending: int = 0  # queue steps (叫号) the hall server has not acknowledged (queue outbox)


def count_outbox(store: Store) -> OutboxCounts:
    """Runs on the store worker."""
    return OutboxCounts(
        pending=store.pending_count(),
        quarantined=len(store.sync.quarantined_numbers()),
        rework=len(store.sync.rework()),
        open_prints=len(store.print_jobs.open_jobs()),
        status=store.sync.status(),
        queue_pending=store.queue_outbox.pending_count(),
    )


class StatusBarPanel(QWidget):
    """Lives on the GUI thread and never waits: counts come from the store worker, refreshed on a
    QTimer while shown and after every operation or sync round that changed what they count
    (ctx.operations). Clicking a device opens its DeviceTestDialog.

    ``counts_refreshed(OutboxCounts)`` after each count.
    """

    counts_refreshed = Signal(object)

    def __init__(
        self, ctx: WindowContext, parent: QWidget | None = None, *, refresh_ms: int = REFRESH_MS
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._counting = False
        self._counts: OutboxCounts | None = None
        self._dialogs: dict[str, DeviceTestDialog] = {}
        scale = current_scale()
        self.sync_model = SyncStatusModel(ctx.clock, self)
        self.sync_widget = SyncStatusWidget(self.sync_model, self)
        self.sync_widget.sync_requested.connect(self._on_sync_requested)
        self._offline_icon = QLabel(self)
        self.enrolment_label = QLabel(self)
        self.outbox_label = QLabel(self)
        self.attention_label = QLabel(self)
        self.attention_label.setProperty("status", "fault")
        self.attention_label.setVisible(False)
        self.device_model = DeviceStatusModel(parent=self)
        self.device_model.bind(ctx.devices)
        # Two devices a row: four long states ("身份证阅读器：就绪，请放置证件") and the sync line do not
        # fit one row of a 1366 px window. Buttons fill their column, so the grid reads as one block.
        self.device_widget = DeviceStatusWidget(self.device_model, self, columns=2)
        for role in self.device_model.roles:
            self.device_widget.button(role).setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
            )
        self.device_widget.test_panel_requested.connect(self._on_test_panel_requested)
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(
            scale.spacing_px * 2, scale.spacing_px // 2, scale.spacing_px * 2, scale.spacing_px // 2
        )
        layout.setSpacing(scale.spacing_px * 2)
        enrolled = ctx.sync is not None
        for widget in (self._offline_icon, self.enrolment_label, self.outbox_label):
            widget.setVisible(not enrolled)
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        self.sync_widget.setVisible(enrolled)
        layout.addWidget(self.sync_widget, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.attention_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)
        divider = QFrame(self)
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Plain)
        layout.addWidget(divider)
        layout.addWidget(self.device_widget, 0, Qt.AlignmentFlag.AlignVCenter)
        if ctx.sync is not None:
            self.sync_model.bind(ctx.sync)  # the round's progress itself
        ctx.operations.operation_did_execute.connect(self._on_operation_did_execute)
        self._retranslate()

    @property
    def counts(self) -> OutboxCounts | None:
        return self._counts

    def dialog(self, role: str) -> DeviceTestDialog | None:
        """The test panel open for ``role``, if any."""
        return self._dialogs.get(role)

    def refresh(self) -> None:
        """Count the outbox again (on the store worker); a count under way is not repeated."""
        if self._counting:
            return
        started = self._ctx.operations.run_store(self, count_outbox, self._on_counted, self._on_count_failed)
        self._counting = started is not None

    def stop(self) -> None:
        """No more counting (the window closes)."""
        self._timer.stop()

    # -- slots ---------------------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        self.refresh()

    def _on_sync_requested(self) -> None:
        if self._ctx.sync is not None:
            self._ctx.sync.sync_now()

    def _on_operation_did_execute(self, changes: Changes, _initiator: object) -> None:
        if changes.outbox or changes.sync_status or changes.prints or changes.any_case:
            self.refresh()  # pending, quarantined, rework (a department's answer), open prints, last round

    def _on_counted(self, counts: OutboxCounts) -> None:
        self._counting = False
        self._counts = counts
        changes: dict[str, object] = {"pending": counts.pending}
        status = counts.status
        if status.last_attempt_at is not None:  # the sync worker's persisted word beats what we saw
            if status.last_success_at:
                changes["last_sync"] = datetime.fromisoformat(status.last_success_at)
            failed_last = status.last_error_at is not None and (
                status.last_success_at is None or status.last_error_at > status.last_success_at
            )
            changes["last_error"] = status.last_error_message if failed_last else None
        self.sync_model.update(**changes)
        self._show_counts()
        self.counts_refreshed.emit(counts)

    def _on_count_failed(self, error: BaseException) -> None:
        self._counting = False
        logger.warning("counting the outbox failed: %s", getattr(error, "detail", error))
        self.attention_label.setText(
            fill(
                QCoreApplication.translate("StatusBarPanel", "本机数据读取失败：%1"),
                describe(error),
            )
        )
        self.attention_label.setVisible(True)

    def _on_test_panel_requested(self, role: str) -> None:
        dialog = self._dialogs.get(role)
        if dialog is None:
            dialog = DeviceTestDialog(self._ctx, role, self)
            dialog.finished.connect(lambda _result, r=role: self._on_dialog_finished(r))
            self._dialogs[role] = dialog
        dialog.open()
        dialog.activateWindow()

    def _on_dialog_finished(self, role: str) -> None:
        dialog = self._dialogs.pop(role, None)
        if dialog is not None:
            dialog.deleteLater()

    # -- showing -------------------------------------------------------------------------------

    def _show_counts(self) -> None:
        counts = self._counts
        pending = counts.pending if counts else 0
        self.outbox_label.setText(self.tr("待上传 %n 条（登记平台后才会上传）", "", pending))
        self.outbox_label.setAccessibleName(self.outbox_label.text())
        parts = []
        if counts is not None:
            if counts.quarantined:
                parts.append(self.tr("隔离 %n 件", "", counts.quarantined))
            if counts.rework:
                parts.append(self.tr("需返工 %n 件", "", counts.rework))
            if counts.open_prints:
                parts.append(self.tr("待重打回执 %n 份", "", counts.open_prints))
            if counts.queue_pending:
                parts.append(self.tr("叫号记录待上传 %n 条", "", counts.queue_pending))
            skew = counts.status.clock_skew_s
            if skew is not None and abs(skew) >= 60:
                parts.append(self.tr("本机时间与平台相差约 %n 分钟，请校准", "", round(abs(skew) / 60)))
        text = QCoreApplication.translate("StatusBarPanel", "，").join(parts)
        self.attention_label.setText(text)
        self.attention_label.setAccessibleName(text)
        self.attention_label.setVisible(bool(parts))

    def _retranslate(self) -> None:
        self._offline_icon.setPixmap(status_pixmap(StatusKind.UNKNOWN, current_scale().icon_px))
        text = QCoreApplication.translate("StatusBarPanel", "未登记平台（办件保存在本机）")
        self._offline_icon.setAccessibleName(text)
        self.enrolment_label.setText(text)
        self.enrolment_label.setAccessibleName(text)
        self.setAccessibleName(QCoreApplication.translate("StatusBarPanel", "状态栏"))
        self._show_counts()

    # -- Qt events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._timer.interval() > 0:
            self._timer.start()
        self.refresh()  # no I/O in the constructor (STYLE.md): the first count when first shown

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
