"""``CaseResultsView``: the found cases as a table, with a line saying how many or why none."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from window_client.cases.models import CaseTableModel, Column
from window_client.cases.queries import SearchKind, SearchOutcome


class CaseResultsView(QWidget):
    """Lives on the GUI thread. ``case_chosen(number)`` when the person selects a row (not when the
    desk selects one itself with ``select``)."""

    case_chosen = Signal(str)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(today, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the detail; arrows move between cases
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.BUNDLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.label = QLabel(self)
        self.label.setProperty("role", "muted")
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.label)
        self.setFocusProxy(self.table)
        self._retranslate()

    def show_searching(self) -> None:
        self.label.setText(QCoreApplication.translate("CaseResultsView", "正在查找…"))

    def show_outcome(self, outcome: SearchOutcome, today: date) -> None:
        self.model.set_rows(outcome.rows, today)
        self.label.setText(self._summary(outcome))
        self.label.setAccessibleName(self.label.text())

    def show_failure(self, text: str) -> None:
        self.model.set_rows([])
        self.label.setText(text)
        self.label.setAccessibleName(text)

    def select(self, number: str) -> bool:
        """Select the row of case ``number`` without emitting ``case_chosen``; False if not listed."""
        row = self.model.row_of(number)
        if row < 0:
            return False
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.selectRow(row)
        selection.blockSignals(False)
        self.table.viewport().update()
        return True

    def _summary(self, outcome: SearchOutcome) -> str:
        count = len(outcome.rows)
        if count == 0:
            if outcome.kind in (SearchKind.NUMBER, SearchKind.OFFICIAL):
                return QCoreApplication.translate(
                    "CaseResultsView",
                    "本机没有这个编号的办件。本机只能查到在本机受理、或已从平台同步到本机的办件。",
                )
            if outcome.kind is SearchKind.RECENT:
                return QCoreApplication.translate("CaseResultsView", "没有符合筛选条件的办件。")
            return QCoreApplication.translate(
                "CaseResultsView", "没有找到办件。姓名须完整输入；也可输入办件编号或证件号码。"
            )
        text = self.tr("共 %n 件", "", count)
        if outcome.truncated:
            text += QCoreApplication.translate("CaseResultsView", "（只列出最新的部分，请缩小查找范围）")
        return text

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.case_chosen.emit(self.model.rows[rows[0].row()].number)

    def _retranslate(self) -> None:
        self.table.setAccessibleName(QCoreApplication.translate("CaseResultsView", "办件列表"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.model.set_rows(self.model.rows)  # headers and status words are translated when read
        super().changeEvent(event)
