"""``EntryTableModel``: search or browse results (matters and "一件事") as table rows for the 选择事项 step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from core.catalog.search import BUNDLE, Entry
from qtkit.guide_view import not_stated, type_label
from qtkit.labels import limit_label

ENTRY_ID_ROLE: Final = Qt.ItemDataRole.UserRole  # the entry's id: Catalog.bundle(id) opens it
Index = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("EntryTableModel", "名称"),
        QCoreApplication.translate("EntryTableModel", "类别"),
        QCoreApplication.translate("EntryTableModel", "部门"),
        QCoreApplication.translate("EntryTableModel", "事项类型"),
        QCoreApplication.translate("EntryTableModel", "时限"),
    )


def kind_label(kind: str) -> str:
    """一件事 (a bundle of several matters) or 单项事项 (a single matter), for an Entry's kind."""
    if kind == BUNDLE:
        return QCoreApplication.translate("EntryTableModel", "一件事")
    return QCoreApplication.translate("EntryTableModel", "单项事项")


def _cell(entry: Entry, column: int) -> str:
    if column == 0:
        return entry.name
    if column == 1:
        return kind_label(entry.kind)
    if column == 2:
        return entry.dept_name
    if column == 3:
        if entry.kind == BUNDLE:
            return "—"  # the 类别 column already says 一件事; its matters have their own types
        return type_label(entry.type) if entry.type else not_stated()
    return limit_label(entry.limit_days)


class EntryTableModel(QAbstractTableModel):
    """Rows of entries, replaced whole on every keystroke (a view paints only the rows it shows,
    so thousands cost nothing). Lives on the GUI thread."""

    COLUMNS: Final = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []

    def set_entries(self, entries: Sequence[Entry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [entry.name, entry.category]
            if entry.code:
                lines.append(QCoreApplication.translate("EntryTableModel", "实施编码：") + entry.code)
            return "\n".join(lines)
        if role == ENTRY_ID_ROLE:
            return entry.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        text_role = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
        if orientation is Qt.Orientation.Horizontal and text_role and 0 <= section < self.COLUMNS:
            return _headers()[section]
        return None
