"""``CaseFilterBar``: the desk's filter row — status, sync state, a 容缺 or 核查 deadline within N days."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from core.cases.model import CaseStatus
from qtkit.i18n import fill
from qtkit.theme import current_scale
from window_client.cases.models import status_label, sync_label
from window_client.cases.queries import CaseFilter, SyncState

DUE_CHOICES = (3, 7, 15, 30)  # 容缺 or 核查 deadlines due within N days (overdue included)


class CaseFilterBar(QWidget):
    """Three labelled combo boxes. Lives on the GUI thread; ``filters_changed`` after any change."""

    filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spacing = current_scale().spacing_px
        self.status_combo = QComboBox(self)
        self.status_combo.addItem("", None)
        for status in CaseStatus:
            if status is not CaseStatus.DRAFT:  # drafts are never stored on this desk
                self.status_combo.addItem(status_label(status), status)
        self.sync_combo = QComboBox(self)
        self.sync_combo.addItem("", None)
        for state in SyncState:
            self.sync_combo.addItem(sync_label(state), state)
        self.due_combo = QComboBox(self)
        self.due_combo.addItem("", None)
        for days in DUE_CHOICES:
            self.due_combo.addItem("", days)
        self._captions = [QLabel(self) for _ in self.combos]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        for caption, combo in zip(self._captions, self.combos, strict=True):
            caption.setBuddy(combo)
            layout.addWidget(caption)
            layout.addWidget(combo)
            layout.addSpacing(spacing)
            combo.currentIndexChanged.connect(self._on_combo_changed)
        QWidget.setTabOrder(self.status_combo, self.sync_combo)
        QWidget.setTabOrder(self.sync_combo, self.due_combo)
        self._retranslate()

    @property
    def combos(self) -> tuple[QComboBox, QComboBox, QComboBox]:
        return self.status_combo, self.sync_combo, self.due_combo

    def filters(self) -> CaseFilter:
        # QComboBox keeps a StrEnum as a plain str: turn it back into the enum.
        status, sync, due = (combo.currentData() for combo in self.combos)
        return CaseFilter(
            status=CaseStatus(status) if status else None,
            sync=SyncState(sync) if sync else None,
            due_within_days=int(due) if due is not None else None,
        )

    def set_status(self, status: CaseStatus | None) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))

    def set_sync(self, state: SyncState | None) -> None:
        self.sync_combo.setCurrentIndex(max(0, self.sync_combo.findData(state)))

    def set_due_within(self, days: int | None) -> None:
        self.due_combo.setCurrentIndex(max(0, self.due_combo.findData(days)))

    def _on_combo_changed(self, _index: int) -> None:
        self.filters_changed.emit()

    def _retranslate(self) -> None:
        captions = (
            QCoreApplication.translate("CaseFilterBar", "状态"),
            QCoreApplication.translate("CaseFilterBar", "同步"),
            QCoreApplication.translate("CaseFilterBar", "期限"),
        )
        for caption, combo, text in zip(self._captions, self.combos, captions, strict=True):
            caption.setText(text)
            combo.setAccessibleName(fill(QCoreApplication.translate("CaseFilterBar", "按%1筛选"), text))
        self.status_combo.setItemText(0, QCoreApplication.translate("CaseFilterBar", "全部状态"))
        for index in range(1, self.status_combo.count()):
            self.status_combo.setItemText(index, status_label(CaseStatus(self.status_combo.itemData(index))))
        self.sync_combo.setItemText(0, QCoreApplication.translate("CaseFilterBar", "全部"))
        for index in range(1, self.sync_combo.count()):
            self.sync_combo.setItemText(index, sync_label(SyncState(self.sync_combo.itemData(index))))
        self.due_combo.setItemText(0, QCoreApplication.translate("CaseFilterBar", "不限"))
        for index in range(1, self.due_combo.count()):
            days = int(self.due_combo.itemData(index))
            self.due_combo.setItemText(index, self.tr("%n 天内到期", "", days))
        self.setAccessibleName(QCoreApplication.translate("CaseFilterBar", "筛选办件"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
