"""``MaterialRow``: one checklist material with a button for each state the catalog allows, and its pages."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from core.cases.intake import MaterialInput
from core.cases.model import ItemState
from core.catalog.checklist import ChecklistItem
from qtkit.i18n import fill
from qtkit.theme import current_scale
from window_client.intake.widgets import hint, repolish

STATE_BUTTONS = {
    ItemState.PAPER: QT_TRANSLATE_NOOP("MaterialRow", "纸质已收"),
    ItemState.SCANNED: QT_TRANSLATE_NOOP("MaterialRow", "高拍仪扫描"),
    ItemState.E_LICENCE: QT_TRANSLATE_NOOP("MaterialRow", "电子证照"),
    ItemState.COMMITMENT: QT_TRANSLATE_NOOP("MaterialRow", "告知承诺"),
    ItemState.DEFICIENT: QT_TRANSLATE_NOOP("MaterialRow", "容缺"),
}


def thumbnail(jpeg: bytes, height: int) -> QImage:
    """A page's thumbnail; runs on a worker (QImage, unlike QPixmap, may be made off the GUI thread)."""
    image = QImage.fromData(jpeg)
    return (
        image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        if not image.isNull()
        else image
    )


class MaterialRow(QFrame):
    """Lives on the GUI thread. ``state_requested(material_id, state)`` when a state button is pressed,
    ``clear_requested(material_id)`` for 撤销. The page decides (dialogs, devices, the platform)."""

    state_requested = Signal(str, str)
    clear_requested = Signal(str)

    def __init__(
        self, item: ChecklistItem, matters: str, states: tuple[ItemState, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item = item
        m = item.material
        self.material_id = m.id
        self.setProperty("role", "card")
        s = current_scale().spacing_px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2 * s, s, 2 * s, s)
        layout.setSpacing(2 * s)
        left = QVBoxLayout()
        left.setSpacing(2)
        self.name = QLabel(m.name, self)
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        left.addWidget(self.name)
        marks = []
        if m.core:
            marks.append(QCoreApplication.translate("MaterialRow", "核心材料"))
        if m.licence:
            marks.append(QCoreApplication.translate("MaterialRow", "可用电子证照"))
        if m.commitment_ok:
            marks.append(QCoreApplication.translate("MaterialRow", "可告知承诺"))
        if m.deferrable and not m.core:
            marks.append(QCoreApplication.translate("MaterialRow", "可容缺"))
        if m.form:
            marks.append(m.form)
        line = " · ".join(marks)
        if matters:
            line = (line + "　" if line else "") + fill(
                QCoreApplication.translate("MaterialRow", "用于：%1"), matters
            )
        left.addWidget(hint(line, self))
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setObjectName(f"{m.id}_state")
        left.addWidget(self.state)
        self.pages = QHBoxLayout()
        self.pages.setSpacing(s // 2)
        self.pages.addStretch(1)
        left.addLayout(self.pages)
        layout.addLayout(left, 1)
        # One column per state in a fixed order and width, so the same state lines up in every row.
        right = QGridLayout()
        right.setHorizontalSpacing(s // 2)
        self.buttons: dict[ItemState, QPushButton] = {}
        for column, state in enumerate(STATE_BUTTONS):
            slot = self._slot_width(state)
            right.setColumnMinimumWidth(column, slot)
            if state not in states:
                gap = QWidget(self)  # holds the column (the grid drops spacing around empty ones)
                gap.setFixedWidth(slot)
                right.addWidget(gap, 0, column)
                continue
            button = QPushButton(QCoreApplication.translate("MaterialRow", str(STATE_BUTTONS[state])), self)
            button.setObjectName(f"{m.id}_{state.value}")
            button.setFixedWidth(slot)
            button.setAccessibleDescription(m.name)
            button.clicked.connect(lambda _checked=False, st=state: self._on_state_clicked(st))
            self.buttons[state] = button
            right.addWidget(button, 0, column)
        self.undo = QPushButton(QCoreApplication.translate("MaterialRow", "撤销"), self)
        self.undo.setProperty("variant", "link")
        self.undo.setObjectName(f"{m.id}_clear")
        self.undo.clicked.connect(lambda: self.clear_requested.emit(self.material_id))
        right.addWidget(self.undo, 0, len(STATE_BUTTONS))
        right.setColumnMinimumWidth(len(STATE_BUTTONS), self.undo.sizeHint().width())
        layout.addLayout(right)
        self._thumbs: list[QLabel] = []

    def _slot_width(self, state: ItemState) -> int:
        """A column's width: the widest label of that state (the e-licence one may say it needs the network)."""
        metrics = self.fontMetrics()
        texts = [QCoreApplication.translate("MaterialRow", str(t)) for t in STATE_BUTTONS.values()]
        if state is ItemState.E_LICENCE:
            why = QCoreApplication.translate("ChecklistPage", "需联网")
            texts = [fill(QCoreApplication.translate("MaterialRow", "电子证照（%1）"), why)]
        padding = 4 * current_scale().spacing_px + 2 * current_scale().border_px
        return max(metrics.horizontalAdvance(t) for t in texts) + padding

    def _on_state_clicked(self, state: ItemState) -> None:
        self.state_requested.emit(self.material_id, state.value)

    def show_input(self, given: MaterialInput | None, generated: bool) -> None:
        """Show how the material stands (buttons reflect the recorded state)."""
        state = given.state if given else (ItemState.GENERATED if generated else None)
        for st, button in self.buttons.items():
            chosen = st is state
            if bool(button.property("variant")) != chosen:
                button.setProperty("variant", "primary" if chosen else "")
                repolish(button)
            button.setAccessibleName(button.text() + ("（已选）" if chosen else ""))
        scan = self.buttons.get(ItemState.SCANNED)
        if scan is not None:
            scan.setText(
                QCoreApplication.translate("MaterialRow", "再扫一页")
                if state is ItemState.SCANNED
                else QCoreApplication.translate("MaterialRow", str(STATE_BUTTONS[ItemState.SCANNED]))
            )
        self.undo.setVisible(given is not None)
        if state is None:
            text, status = QCoreApplication.translate("MaterialRow", "待收取"), "fault"
        elif state is ItemState.GENERATED:
            text, status = QCoreApplication.translate("MaterialRow", "✓ 系统生成，无需提交"), "ok"
        elif state is ItemState.SCANNED and given is not None:
            text = fill(QCoreApplication.translate("MaterialRow", "✓ 已扫描 %1 页"), len(given.pages))
            status = "ok"
        elif state is ItemState.E_LICENCE:
            text = QCoreApplication.translate("MaterialRow", "✓ 电子证照，免提交")
            if given is not None and given.note:
                text += f"（{given.note}）"
            status = "ok"
        elif state is ItemState.COMMITMENT:
            text, status = QCoreApplication.translate("MaterialRow", "✓ 已签署告知承诺"), "ok"
        elif state is ItemState.DEFICIENT and given is not None and given.deadline is not None:
            text = fill(
                QCoreApplication.translate("MaterialRow", "容缺待补，补齐期限 %1"), given.deadline.isoformat()
            )
            status = "unknown"
        else:
            text, status = QCoreApplication.translate("MaterialRow", "✓ 纸质材料已收"), "ok"
        self.state.setText(text)
        self.state.setProperty("status", status)
        repolish(self.state)
        if state is not ItemState.SCANNED:
            self.set_thumbnails([])

    def set_busy(self, text: str | None) -> None:
        """An operation runs for this material (capture, look-up): say so and hold the buttons."""
        for button in (*self.buttons.values(), self.undo):
            button.setEnabled(text is None)
        if text is not None:
            self.state.setText(text)
            self.state.setProperty("status", "unknown")
            repolish(self.state)

    def set_licence_available(self, available: bool, why: str) -> None:
        button = self.buttons.get(ItemState.E_LICENCE)
        if button is not None:
            base = QCoreApplication.translate("MaterialRow", str(STATE_BUTTONS[ItemState.E_LICENCE]))
            button.setEnabled(available)
            button.setText(
                base if available else fill(QCoreApplication.translate("MaterialRow", "电子证照（%1）"), why)
            )
            button.setToolTip("" if available else why)

    def set_thumbnails(self, images: list[QImage]) -> None:
        for label in self._thumbs:
            label.deleteLater()
        self._thumbs = []
        for index, image in enumerate(images):
            label = QLabel(self)
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(fill(QCoreApplication.translate("MaterialRow", "第 %1 页"), index + 1))
            self.pages.insertWidget(index, label)
            self._thumbs.append(label)
