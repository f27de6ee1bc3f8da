"""``SyncStatusWidget``: online or offline, records waiting to upload, progress while syncing, last sync time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from core.clock import Clock, SystemClock
from qtkit.i18n import fill
from qtkit.sync_bridge import SyncBridge
from qtkit.theme import ELDERLY, current_scale
from qtkit.widgets.icons import StatusKind, status_pixmap
from sync.report import SyncReport


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the sync status shows; replaced whole on every change. Immutable: any thread."""

    online: bool | None = None  # None: not known yet
    pending: int = 0  # events waiting in the outbox
    syncing: bool = False
    events_done: int = 0
    events_total: int = 0
    last_sync: datetime | None = None  # the last round that succeeded
    last_error: str | None = None  # Chinese, from the last failed round


class SyncStatusModel(QObject):
    """Lives on the GUI thread; ``changed(SyncStatus)``. ``bind`` follows a SyncBridge."""

    changed = Signal(object)

    def __init__(self, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock: Clock = clock or SystemClock()
        self._status = SyncStatus()

    @property
    def status(self) -> SyncStatus:
        return self._status

    def now(self) -> datetime:
        return self._clock.now()

    def set_status(self, status: SyncStatus) -> None:
        if status != self._status:
            self._status = status
            self.changed.emit(status)

    def update(self, **changes: object) -> None:
        self.set_status(replace(self._status, **changes))  # type: ignore[arg-type]

    def bind(self, bridge: SyncBridge) -> None:
        bridge.sync_started.connect(self._on_sync_started)
        bridge.sync_progress.connect(self._on_sync_progress)
        bridge.sync_finished.connect(self._on_sync_finished)
        bridge.sync_failed.connect(self._on_sync_failed)
        bridge.online_changed.connect(self._on_online_changed)
        if bridge.online is not None:  # a round may have finished before this model was bound
            self._on_online_changed(bridge.online)

    def _on_sync_started(self) -> None:
        self.update(syncing=True, events_done=0, events_total=0)

    def _on_sync_progress(self, done: int, total: int, _bytes_done: int, _bytes_total: int) -> None:
        self.update(events_done=done, events_total=total)

    def _on_sync_finished(self, report: SyncReport) -> None:
        self.update(
            syncing=False,
            pending=report.pending,
            last_sync=self._clock.now() if report.ok else self._status.last_sync,
            last_error=None if report.ok else report.error or "",
        )

    def _on_sync_failed(self, error: object) -> None:
        self.update(syncing=False, last_error=str(getattr(error, "message", None) or error))

    def _on_online_changed(self, online: bool) -> None:
        self.update(online=online)


class SyncStatusWidget(QWidget):
    """One line: status icon + 在线/离线, 待上传 N 条, a progress bar while syncing, 上次同步 HH:MM,
    and a 立即同步 button (``sync_requested``). Lives on the GUI thread."""

    sync_requested = Signal()

    def __init__(self, model: SyncStatusModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        scale = current_scale()
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(scale.spacing_px * 2)
        layout.setVerticalSpacing(scale.spacing_px)
        self._icon = QLabel(self)
        self._online = QLabel(self)
        self._pending = QLabel(self)
        self._progress = QProgressBar(self)
        self._progress.setMinimumWidth(scale.touch_px * 2)
        self._progress.setTextVisible(False)  # text over the accent chunk would lose its contrast
        self._count = QLabel(self)
        self._last = QLabel(self)
        self._last.setProperty("role", "muted")
        self._button = QPushButton(self)
        self._button.clicked.connect(self.sync_requested)
        # One line in the standard scale; two in the elderly one, which would not fit 1080 px.
        first = (self._icon, self._online, self._pending)
        second = (self._progress, self._count, self._last)
        two_rows = scale.touch_px >= ELDERLY.touch_px
        row = [*first] if two_rows else [*first, *second]
        for column, widget in enumerate(row):
            layout.addWidget(widget, 0, column, Qt.AlignmentFlag.AlignVCenter)
        layout.setColumnStretch(len(row), 1)
        layout.addWidget(self._button, 0, len(row) + 1)
        if two_rows:
            line = QHBoxLayout()
            line.setSpacing(scale.spacing_px * 2)
            for widget in second:
                line.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addStretch(1)
            layout.addLayout(line, 1, 0, 1, len(row) + 2)
        model.changed.connect(self._on_changed)
        self._retranslate()

    @property
    def model(self) -> SyncStatusModel:
        return self._model

    @property
    def progress_bar(self) -> QProgressBar:
        return self._progress

    @property
    def sync_button(self) -> QPushButton:
        return self._button

    def online_text(self) -> str:
        return self._online.text()

    def pending_text(self) -> str:
        return self._pending.text()

    def progress_text(self) -> str:
        return self._count.text()

    def last_sync_text(self) -> str:
        return self._last.text()

    def _on_changed(self, _status: object) -> None:
        self._refresh()

    def _refresh(self) -> None:
        status = self._model.status
        if status.online is None:
            kind, online = StatusKind.UNKNOWN, QCoreApplication.translate("SyncStatusWidget", "连接状态未知")
        elif status.online:
            kind, online = StatusKind.OK, QCoreApplication.translate("SyncStatusWidget", "在线")
        else:
            kind, online = (
                StatusKind.FAULT,
                QCoreApplication.translate("SyncStatusWidget", "离线（数据已保存在本机）"),
            )
        self._icon.setPixmap(status_pixmap(kind, current_scale().icon_px))
        self._online.setText(online)
        self._online.setProperty("status", kind.value)
        self._pending.setText(self.tr("待上传 %n 条", "", status.pending))
        self._progress.setVisible(status.syncing)
        self._progress.setRange(0, status.events_total)  # 0..0: a busy bar until the total is known
        self._progress.setValue(status.events_done)
        self._count.setVisible(status.syncing)
        if status.events_total:
            count = fill(
                QCoreApplication.translate("SyncStatusWidget", "正在同步 %1/%2"),
                status.events_done,
                status.events_total,
            )
        else:
            count = QCoreApplication.translate("SyncStatusWidget", "正在同步…")
        self._count.setText(count)
        self._count.setAccessibleName(count)
        if status.last_error:
            last = fill(
                QCoreApplication.translate("SyncStatusWidget", "上次同步未成功：%1"), status.last_error
            )
        elif status.last_sync is not None:
            last = fill(
                QCoreApplication.translate("SyncStatusWidget", "上次同步：%1"),
                _when(status.last_sync, self._model.now()),
            )
        else:
            last = QCoreApplication.translate("SyncStatusWidget", "尚未同步")
        self._last.setText(last)
        self._button.setEnabled(not status.syncing)
        self._icon.setAccessibleName(online)
        self._online.setAccessibleName(online)
        self._pending.setAccessibleName(self._pending.text())
        self._progress.setAccessibleName(QCoreApplication.translate("SyncStatusWidget", "同步进度"))
        self._last.setAccessibleName(last)
        self.setAccessibleName(QCoreApplication.translate("SyncStatusWidget", "数据同步状态"))
        for widget in (self._online,):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _retranslate(self) -> None:
        self._button.setText(QCoreApplication.translate("SyncStatusWidget", "立即同步"))
        self._button.setAccessibleName(QCoreApplication.translate("SyncStatusWidget", "立即同步"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _when(moment: datetime, now: datetime) -> str:
    """``09:30`` on the day of ``now``, else ``11-22 09:30`` (in ``now``'s time zone)."""
    local = moment.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%m-%d %H:%M")
