"""Item models of the case desk: the results table and the detail tables, with the labels they show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from core.cases.model import CaseStatus, EventKind, MatterStatus
from qtkit.i18n import fill
from qtkit.theme import current_scale
from window_client.cases.queries import CaseRow, SyncState

Index = QModelIndex | QPersistentModelIndex

# Status words come from core in Chinese (for receipts and the CLI); the screens translate them
# through these tables so the English interface shows English.
_CASE_STATUS = {
    CaseStatus.DRAFT: QT_TRANSLATE_NOOP("CaseLabels", "草稿"),
    CaseStatus.ACCEPTED: QT_TRANSLATE_NOOP("CaseLabels", "已受理"),
    CaseStatus.ACCEPTED_DEFICIENT: QT_TRANSLATE_NOOP("CaseLabels", "容缺受理"),
    CaseStatus.DISPATCHED: QT_TRANSLATE_NOOP("CaseLabels", "办理中"),
    CaseStatus.COMPLETED: QT_TRANSLATE_NOOP("CaseLabels", "已办结"),
    CaseStatus.REJECTED: QT_TRANSLATE_NOOP("CaseLabels", "不予办理"),
    CaseStatus.WITHDRAWN: QT_TRANSLATE_NOOP("CaseLabels", "已撤回"),
    CaseStatus.TERMINATED: QT_TRANSLATE_NOOP("CaseLabels", "已终止"),
    CaseStatus.SUPPLEMENT_NOTIFIED: QT_TRANSLATE_NOOP("CaseLabels", "已告知补正"),
    CaseStatus.NOT_ACCEPTED: QT_TRANSLATE_NOOP("CaseLabels", "不予受理"),
}
_SYNC = {
    SyncState.SYNCED: QT_TRANSLATE_NOOP("CaseLabels", "已同步"),
    SyncState.PENDING: QT_TRANSLATE_NOOP("CaseLabels", "待上传"),
    SyncState.QUARANTINED: QT_TRANSLATE_NOOP("CaseLabels", "隔离"),
    SyncState.REWORK: QT_TRANSLATE_NOOP("CaseLabels", "需返工"),
}
_MATTER = {
    MatterStatus.PENDING: QT_TRANSLATE_NOOP("CaseLabels", "待分发"),
    MatterStatus.DISPATCHED: QT_TRANSLATE_NOOP("CaseLabels", "已分发"),
    MatterStatus.PROCESSING: QT_TRANSLATE_NOOP("CaseLabels", "部门办理中"),
    MatterStatus.DONE: QT_TRANSLATE_NOOP("CaseLabels", "已办结"),
    MatterStatus.REJECTED: QT_TRANSLATE_NOOP("CaseLabels", "不予办理"),
}
_EVENT = {
    EventKind.ACCEPTED: QT_TRANSLATE_NOOP("CaseLabels", "受理"),
    EventKind.SUPPLEMENTED: QT_TRANSLATE_NOOP("CaseLabels", "补齐材料"),
    EventKind.EVALUATED: QT_TRANSLATE_NOOP("CaseLabels", "好差评"),
    EventKind.WITHDRAWN: QT_TRANSLATE_NOOP("CaseLabels", "撤回"),
    EventKind.TERMINATED: QT_TRANSLATE_NOOP("CaseLabels", "终止办理"),
    EventKind.DISPATCHED: QT_TRANSLATE_NOOP("CaseLabels", "分发至各部门"),
    EventKind.MATTER_RESULT: QT_TRANSLATE_NOOP("CaseLabels", "部门办理结果"),
    EventKind.COMPLETED: QT_TRANSLATE_NOOP("CaseLabels", "办结"),
    EventKind.REJECTED: QT_TRANSLATE_NOOP("CaseLabels", "不予办理"),
    EventKind.OFFICIAL_NUMBER_BOUND: QT_TRANSLATE_NOOP("CaseLabels", "绑定统一办件编号"),
    EventKind.NOT_ACCEPTED: QT_TRANSLATE_NOOP("CaseLabels", "未予受理（补正告知或不予受理）"),
    EventKind.COMMITMENT_CHECKED: QT_TRANSLATE_NOOP("CaseLabels", "告知承诺核查"),
    EventKind.RATING_FOLLOWED_UP: QT_TRANSLATE_NOOP("CaseLabels", "差评处置（整改、回访、申诉复核）"),
    EventKind.PROCEDURE_STARTED: QT_TRANSLATE_NOOP("CaseLabels", "特别程序开始（暂停计时）"),
    EventKind.PROCEDURE_ENDED: QT_TRANSLATE_NOOP("CaseLabels", "特别程序结束（恢复计时）"),
}
_DEADLINE_KINDS = {
    "deficiency": QT_TRANSLATE_NOOP("CaseLabels", "容缺 %1"),  # 容缺补齐期限
    "check": QT_TRANSLATE_NOOP("CaseLabels", "核查 %1"),  # 告知承诺核查期限
    "rectify": QT_TRANSLATE_NOOP("CaseLabels", "整改 %1"),  # 差评整改期限
}


def _label(table: Mapping[Any, object], key: Any) -> str:
    return QCoreApplication.translate("CaseLabels", str(table.get(key, key)))


def status_label(status: CaseStatus) -> str:
    return _label(_CASE_STATUS, status)


def deadline_label(row: CaseRow) -> str:
    """The earliest open deadline of a row and what it is for (容缺补齐 or 告知承诺核查)."""
    if row.deadline is None:
        return ""
    template = QCoreApplication.translate("CaseLabels", str(_DEADLINE_KINDS[row.deadline_kind]))
    return fill(template, row.deadline.isoformat())


def sync_label(state: SyncState) -> str:
    return _label(_SYNC, state)


def matter_label(status: MatterStatus) -> str:
    return _label(_MATTER, status)


def event_label(kind: str) -> str:
    try:
        return _label(_EVENT, EventKind(kind))
    except ValueError:
        return kind


def short_time(iso: str | None) -> str:
    """``2026-11-23 09:30`` from an ISO timestamp (as recorded, in device time)."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def days_left(deadline: date, today: date) -> int:
    return (deadline - today).days


class Column(IntEnum):
    NUMBER = 0
    BUNDLE = 1
    STATUS = 2
    APPLICANT = 3
    CREATED = 4
    DEADLINE = 5
    SYNC = 6


_HEADERS = {
    Column.NUMBER: QT_TRANSLATE_NOOP("CaseTableModel", "办件编号"),
    Column.BUNDLE: QT_TRANSLATE_NOOP("CaseTableModel", "事项"),
    Column.STATUS: QT_TRANSLATE_NOOP("CaseTableModel", "状态"),
    Column.APPLICANT: QT_TRANSLATE_NOOP("CaseTableModel", "申请人"),
    Column.CREATED: QT_TRANSLATE_NOOP("CaseTableModel", "受理时间"),
    Column.DEADLINE: QT_TRANSLATE_NOOP("CaseTableModel", "期限"),
    Column.SYNC: QT_TRANSLATE_NOOP("CaseTableModel", "同步"),
}
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1  # the 20-digit case number of a row


class CaseTableModel(QAbstractTableModel):
    """The search results, one CaseRow per line. Lives on the GUI thread; replaced whole by ``set_rows``."""

    def __init__(self, today: date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CaseRow, ...] = ()
        self._today = today or date.today()

    @property
    def rows(self) -> tuple[CaseRow, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[CaseRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        if today is not None:
            self._today = today
        self.endResetModel()

    def row_of(self, number: str) -> int:
        """The row showing case ``number``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text_role = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(Column) and text_role:
            return QCoreApplication.translate("CaseTableModel", str(_HEADERS[Column(section)]))
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == NUMBER_ROLE:
            return row.number
        return None

    def _text(self, row: CaseRow, column: Column) -> str:
        if column is Column.NUMBER:
            return row.display
        if column is Column.BUNDLE:
            return row.bundle_name
        if column is Column.STATUS:
            if row.paused:  # the clock is paused by a 特别程序
                return fill(
                    QCoreApplication.translate("CaseLabels", "%1 · 特别程序中"), status_label(row.status)
                )
            return status_label(row.status)
        if column is Column.APPLICANT:
            return row.applicant
        if column is Column.CREATED:
            return short_time(row.created_at)[5:]  # MM-DD HH:MM: the year is rarely in doubt at a window
        if column is Column.DEADLINE:
            return deadline_label(row)
        return sync_label(row.sync)

    def _tooltip(self, row: CaseRow, column: Column) -> str | None:
        if column is Column.BUNDLE:
            return row.bundle_name
        if column is Column.APPLICANT:
            return row.id_masked
        if column is Column.CREATED:
            return short_time(row.created_at)
        if column is Column.DEADLINE and row.deadline is not None:
            left = days_left(row.deadline, self._today)
            if left < 0:
                return self.tr("已逾期 %n 天", "", -left)
            return self.tr("还剩 %n 天", "", left)
        return None

    def _foreground(self, row: CaseRow, column: Column) -> QColor | None:
        colors = current_scale().colors
        if column is Column.SYNC and row.sync in (SyncState.QUARANTINED, SyncState.REWORK):
            return QColor(colors.error_text)
        if column is Column.DEADLINE and row.deadline is not None:
            if days_left(row.deadline, self._today) < 0:
                return QColor(colors.error_text)
            if days_left(row.deadline, self._today) <= 3:
                return QColor(colors.warning_text)
        return None


@dataclass(frozen=True, slots=True)
class Line:
    """One row of a RowsModel: cell texts, an optional tooltip, and whether it needs attention."""

    cells: tuple[str, ...]
    tooltip: str = ""
    alert: bool = False


class RowsModel(QAbstractTableModel):
    """A read-only table of text lines (the detail's departments, materials and timeline). GUI thread."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._lines: tuple[Line, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return self._lines

    def set_headers(self, headers: Sequence[str]) -> None:
        self._headers = tuple(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def set_lines(self, lines: Sequence[Line]) -> None:
        width = len(self._headers)
        self.beginResetModel()
        self._lines = tuple(
            Line(tuple(line.cells[:width]) + ("",) * (width - len(line.cells)), line.tooltip, line.alert)
            for line in lines
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text_role = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(self._headers) and text_role:
            return self._headers[section]
        if orientation is Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._lines)):
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return line.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.tooltip or line.cells[index.column()] or None
        if role == Qt.ItemDataRole.ForegroundRole and line.alert:
            return QColor(current_scale().colors.error_text)
        return None
