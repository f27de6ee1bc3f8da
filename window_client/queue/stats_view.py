"""排队统计 (F6): the supervisor's view of the hall's queue figures for one day.

Waiting and service times by hour, lane, matter or window, the tickets over the hall's waiting
target and the ratings joined to tickets — what ``tongban queue stats`` prints, read from the hall
server (``GET /api/v1/queue/stats``: one computation, core/queue/stats.py) — and "导出 CSV…", the
per-ticket rows (no personal data) written where a file dialog says. Only staff whose role may
``queue_stats`` (core.staff: 值班长, 管理员) see the button and the shortcut. GUI thread; the reading
and the writing run on the task runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import TongbanError
from core.queue.model import load_queue_rules
from core.queue.stats import DayReport, Group, rows_csv
from core.staff import StaffSession
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from sync.errors import SyncTransientError
from window_client.context import WindowContext
from window_client.queue.calls import stats_on

logger = logging.getLogger(__name__)

PERMISSION: Final = "queue_stats"  # core.staff.PERMISSIONS
_T = "QueueStats"


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP("QueueStats", …), in the interface language."""
    return QCoreApplication.translate(_T, text)


class QueueStatsDialog(QDialog):
    """Open with ``show()``; ``load()`` asks the hall server for the chosen day and grouping. An
    answer to an earlier question (the day changed meanwhile) is dropped."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: DayReport | None = None
        self.export_dialog: QFileDialog | None = None
        self._asked = 0  # the number of the latest question; answers to earlier ones are dropped
        s = current_scale().spacing_px
        self.setWindowTitle(QCoreApplication.translate("QueueStats", "排队统计"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        layout.setSpacing(s)
        row = QHBoxLayout()
        today = ctx.clock.now().date()
        self.day_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.by_combo = QComboBox(self)
        for by, name in (
            ("hour", QT_TRANSLATE_NOOP("QueueStats", "按小时")),
            ("lane", QT_TRANSLATE_NOOP("QueueStats", "按队列")),
            ("service", QT_TRANSLATE_NOOP("QueueStats", "按事项")),
            ("window", QT_TRANSLATE_NOOP("QueueStats", "按窗口")),
        ):
            self.by_combo.addItem(_tr(str(name)), by)
        self.refresh_button = QPushButton(QCoreApplication.translate("QueueStats", "刷新"), self)
        self.export_button = QPushButton(QCoreApplication.translate("QueueStats", "导出 CSV…"), self)
        self.export_button.setEnabled(False)
        for text, widget in (
            (QCoreApplication.translate("QueueStats", "日期"), self.day_edit),
            (QCoreApplication.translate("QueueStats", "分组"), self.by_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setProperty("role", "heading")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        headers = (
            QT_TRANSLATE_NOOP("QueueStats", "分组"),
            QT_TRANSLATE_NOOP("QueueStats", "号票"),
            QT_TRANSLATE_NOOP("QueueStats", "已办结"),
            QT_TRANSLATE_NOOP("QueueStats", "等候中位（分钟）"),
            QT_TRANSLATE_NOOP("QueueStats", "最长等候（分钟）"),
            QT_TRANSLATE_NOOP("QueueStats", "办理中位（分钟）"),
            QT_TRANSLATE_NOOP("QueueStats", "超过等候目标"),
            QT_TRANSLATE_NOOP("QueueStats", "评价数"),
            QT_TRANSLATE_NOOP("QueueStats", "平均评价"),
        )
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels([_tr(str(h)) for h in headers])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.late_label = QLabel(self)
        self.late_label.setWordWrap(True)
        layout.addWidget(self.late_label)
        self.status = QLabel(self)
        self.status.setObjectName("queue_stats_status")
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.day_edit.dateChanged.connect(self.load)
        self.by_combo.currentIndexChanged.connect(self.load)
        self.refresh_button.clicked.connect(self.load)
        self.export_button.clicked.connect(self.ask_export)
        self.resize(1100, 620)

    # -- reading --------------------------------------------------------------------------------

    @property
    def day(self) -> date:
        chosen = self.day_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    @property
    def by(self) -> str:
        return str(self.by_combo.currentData())

    def load(self) -> None:
        self._asked += 1
        asked = self._asked
        self.status.setText(QCoreApplication.translate("QueueStats", "正在读取大厅服务器的排队统计…"))
        self.ctx.runner.run_with(
            self.ctx.store_key,
            partial(stats_on, self.day, self.by, self.ctx.clock),
            on_done=partial(self._on_loaded, asked),
            on_error=partial(self._on_failed, asked),
        )

    def _on_loaded(self, asked: int, report: DayReport) -> None:
        if asked != self._asked:
            return
        self.report = report
        self.status.setText("")
        self._show(report)

    def _on_failed(self, asked: int, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.report = None
        self._show(None)
        if isinstance(exc, SyncTransientError):
            self.status.setText(
                QCoreApplication.translate(
                    "QueueStats", "大厅服务器没有应答，暂时不能读取排队统计；稍后点“刷新”再试"
                )
            )
        elif isinstance(exc, TongbanError):
            self.status.setText(
                fill(QCoreApplication.translate("QueueStats", "未能读取排队统计：%1"), describe(exc))
            )
        else:
            logger.error("queue stats failed", exc_info=exc)
            self.status.setText(describe(exc))

    def _show(self, report: DayReport | None) -> None:
        self.export_button.setEnabled(report is not None and bool(report.rows))
        self.table.setRowCount(0)
        if report is None:
            self.summary.setText("")
            self.late_label.setText("")
            return
        total = report.stats.total
        self.summary.setText(
            fill(
                QCoreApplication.translate(
                    "QueueStats", "%1：号票 %2 张，已办结 %3 张；等候目标 %4 分钟，超过 %5 张；评价 %6 条"
                ),
                report.day,
                total.tickets,
                total.served,
                report.stats.target_s // 60,
                total.over_target,
                total.rated,
            )
        )
        for group in (*report.stats.groups, total):
            self._add_row(group, report.stats.by, group is total)
        if report.over_target:
            shown = "、".join(report.over_target[:40]) + ("…" if len(report.over_target) > 40 else "")
            self.late_label.setText(
                fill(
                    QCoreApplication.translate("QueueStats", "超过等候目标的号票（等得最久的在前）：%1"),
                    shown,
                )
            )
        else:
            self.late_label.setText(QCoreApplication.translate("QueueStats", "没有超过等候目标的号票"))

    def _add_row(self, g: Group, by: str, total: bool) -> None:
        n = self.table.rowCount()
        self.table.insertRow(n)
        cells = (
            QCoreApplication.translate("QueueStats", "全部") if total else self._key_label(g.key, by),
            str(g.tickets),
            str(g.served),
            _minutes(g.waiting_median_s),
            _minutes(g.waiting_max_s),
            _minutes(g.service_median_s),
            str(g.over_target),
            str(g.rated),
            "—" if g.rating_mean is None else f"{g.rating_mean:.1f}",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if total:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(n, column, item)

    def _key_label(self, key: str, by: str) -> str:
        if by == "hour":  # "2026-12-07 09:00"
            hour = key[11:13]
            return f"{hour}:00–{int(hour) + 1:02d}:00" if hour.isdigit() else key
        if by == "lane":
            lane = load_queue_rules().lane_by_id(key)
            return f"{key} {lane.name}" if lane is not None else key
        if by == "window":
            return (
                QCoreApplication.translate("QueueStats", "未叫号")
                if key == "-"
                else fill(QCoreApplication.translate("QueueStats", "%1 号窗口"), key)
            )
        try:
            return self.ctx.catalog.bundle(key).name
        except TongbanError:  # a matter the catalog no longer has
            return key

    # -- the CSV ----------------------------------------------------------------------------------

    def ask_export(self) -> None:
        if self.report is None:
            return
        dialog = QFileDialog(
            self,
            QCoreApplication.translate("QueueStats", "导出 CSV"),
            str(Path.home() / f"queue-{self.report.day}.csv"),
            QCoreApplication.translate("QueueStats", "CSV 文件 (*.csv)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.fileSelected.connect(self.export_to)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: str) -> None:
        """Write the per-ticket CSV of the report shown (on a worker: a slow share must not freeze)."""
        report = self.report
        if report is None or not path:
            return
        target, text = Path(path), rows_csv(report.rows)
        self.status.setText(fill(QCoreApplication.translate("QueueStats", "正在写入 %1…"), target.name))
        self.ctx.runner.run(
            partial(target.write_text, text, encoding="utf-8"),
            on_done=lambda _n: self.status.setText(
                fill(
                    QCoreApplication.translate("QueueStats", "已导出 %1 张号票到 %2"),
                    len(report.rows),
                    str(target),
                )
            ),
            on_error=lambda exc: self.status.setText(
                fill(
                    QCoreApplication.translate("QueueStats", "无法写入 %1：%2"),
                    str(target),
                    getattr(exc, "strerror", None) or str(exc),
                )
            ),
        )


def _minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}"


class QueueStatsEntry(QObject):
    """The way in from the main window: a header button and F6, for supervisors only; the dialog
    closes when someone without the right logs in, and when the screen locks (``close``)."""

    def __init__(
        self,
        ctx: WindowContext,
        main: QMainWindow,
        header_row: QHBoxLayout,
        before: QWidget,
        locked: Callable[[], bool],
    ) -> None:
        super().__init__(main)
        self.ctx = ctx
        self.main = main
        self._locked = locked
        self.dialog: QueueStatsDialog | None = None
        self.button = QPushButton(QCoreApplication.translate("QueueStats", "排队统计（F6）"), main)
        self.button.setObjectName("queue_stats_button")
        self.button.clicked.connect(self.open)
        header_row.insertWidget(header_row.indexOf(before), self.button)
        self.action = QAction(QCoreApplication.translate("QueueStats", "排队统计"), main)
        self.action.setShortcut(QKeySequence("F6"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open)
        main.addAction(self.action)
        ctx.session.changed.connect(self._on_session_changed)
        self._on_session_changed(ctx.session.session)

    @property
    def allowed(self) -> bool:
        session = self.ctx.session.session
        return session is not None and session.may(PERMISSION)

    def open(self) -> None:
        """F6 or the button: the figures of today (or the day last chosen), read afresh."""
        if not self.allowed or self._locked():
            return
        if self.dialog is None:
            self.dialog = QueueStatsDialog(self.ctx, self.main)
        self.dialog.show()
        self.dialog.activateWindow()
        self.dialog.load()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()

    def _on_session_changed(self, session: StaffSession | None) -> None:
        allowed = session is not None and session.may(PERMISSION)
        self.button.setVisible(allowed)
        self.action.setEnabled(allowed)
        if not allowed:
            self.close()
