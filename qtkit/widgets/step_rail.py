"""``StepRail``: every step of a flow in one row, done / current / upcoming, built from a ``StepRailModel``."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QSizePolicy, QToolButton, QWidget

from qtkit.i18n import fill
from qtkit.theme import current_scale


class StepState(StrEnum):
    DONE = "done"
    CURRENT = "current"
    UPCOMING = "upcoming"


class StepRailModel(QObject):
    """The steps of a flow and where the person is. Lives on the GUI thread.

    The Qt-free step machine (core.flows) decides; this only mirrors it for the rail.
    """

    changed = Signal()

    def __init__(self, steps: Sequence[str] = (), current: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = tuple(steps)
        self._current = self._clamp(current)
        self._done: frozenset[int] = frozenset()

    @property
    def steps(self) -> tuple[str, ...]:
        return self._steps

    @property
    def current(self) -> int:
        return self._current

    @property
    def done(self) -> frozenset[int]:
        return self._done

    def state(self, index: int) -> StepState:
        if index == self._current:
            return StepState.CURRENT
        return StepState.DONE if index in self._done else StepState.UPCOMING

    def set_steps(self, steps: Sequence[str], current: int = 0) -> None:
        """A new flow: nothing done yet."""
        self._steps = tuple(steps)
        self._done = frozenset()
        self._current = self._clamp(current)
        self.changed.emit()

    def set_current(self, index: int) -> None:
        index = self._clamp(index)
        if index != self._current:
            self._current = index
            self.changed.emit()

    def set_done(self, indexes: Sequence[int] | frozenset[int]) -> None:
        done = frozenset(i for i in indexes if 0 <= i < len(self._steps))
        if done != self._done:
            self._done = done
            self.changed.emit()

    def advance(self) -> None:
        """The current step is done; the next one becomes current (the last one stays current)."""
        self._done = self._done | {self._current}
        self._current = self._clamp(self._current + 1)
        self.changed.emit()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self._steps) - 1)) if self._steps else 0


class StepRail(QWidget):
    """The progress rail of a flow. Lives on the GUI thread.

    Done steps are buttons (``step_chosen(index)`` asks to go back to one); the current and the
    upcoming steps are shown but not actionable. Colour is never the only cue: done steps carry
    a tick, the current one is bold, and each button's accessible name says its state.
    """

    step_chosen = Signal(int)

    def __init__(self, model: StepRailModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._buttons: list[QToolButton] = []
        self._compact = False  # only the current step's title shows: for narrow screens
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(current_scale().spacing_px // 2)
        # The rail's own size hints (full and compact) decide; the layout must not force the full width.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        model.changed.connect(self._on_changed)
        self._on_changed()

    @property
    def model(self) -> StepRailModel:
        return self._model

    def button(self, index: int) -> QToolButton:
        """The button of step ``index`` (for tests and walk-throughs)."""
        return self._buttons[index]

    @property
    def compact(self) -> bool:
        """True when the rail is too narrow for every title: other steps show only their mark."""
        return self._compact

    def sizeHint(self) -> QSize:
        return QSize(self._width_for(compact=False), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width_for(compact=True), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        compact = self._width_for(compact=False) > self.width()
        if compact != self._compact:
            self._compact = compact
            self._on_changed()
            self._layout.activate()  # lay the new texts out now, not at the next LayoutRequest

    def _width_for(self, *, compact: bool) -> int:
        """The rail's width with every title (or compact), from the buttons' own size hints."""
        total = 0
        for index, (button, title) in enumerate(zip(self._buttons, self._model.steps, strict=True)):
            metrics = button.fontMetrics()
            chrome = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
            total += chrome + metrics.horizontalAdvance(self._label(index, title, compact))
        gaps = max(len(self._buttons) - 1, 0) * (current_scale().spacing_px + 2 * self._layout.spacing())
        return total + gaps

    def _label(self, index: int, title: str, compact: bool) -> str:
        state = self._model.state(index)
        mark = "✓" if state is StepState.DONE else str(index + 1)
        return mark if compact and state is not StepState.CURRENT else f"{mark}  {title}"

    def _on_changed(self) -> None:
        steps = self._model.steps
        if len(steps) != len(self._buttons):
            self._rebuild(len(steps))
        for index, title in enumerate(steps):
            self._update_button(index, title)
        self._retranslate()
        self.updateGeometry()
        if self.isVisible():
            self._fit()

    def _rebuild(self, count: int) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._buttons = []
        for index in range(count):
            if index:
                line = QFrame(self)
                line.setFrameShape(QFrame.Shape.HLine)
                line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                line.setMinimumWidth(current_scale().spacing_px)
                self._layout.addWidget(line, 1)
            button = QToolButton(self)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.clicked.connect(lambda _checked=False, i=index: self._on_button_clicked(i))
            self._buttons.append(button)
            self._layout.addWidget(button)

    def _update_button(self, index: int, title: str) -> None:
        button = self._buttons[index]
        state = self._model.state(index)
        button.setText(self._label(index, title, self._compact))
        button.setToolTip(title if self._compact else "")
        button.setEnabled(state is StepState.DONE)
        button.setCursor(
            Qt.CursorShape.PointingHandCursor if state is StepState.DONE else Qt.CursorShape.ArrowCursor
        )
        if button.property("step") != state.value:
            button.setProperty("step", state.value)
            button.style().unpolish(button)
            button.style().polish(button)

    def _retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("StepRail", "办理进度"))
        total = len(self._model.steps)
        for index, title in enumerate(self._model.steps):
            state = self._model.state(index)
            if state is StepState.DONE:
                what = QCoreApplication.translate("StepRail", "已完成，可返回修改")
            elif state is StepState.CURRENT:
                what = QCoreApplication.translate("StepRail", "当前步骤")
            else:
                what = QCoreApplication.translate("StepRail", "尚未开始")
            name = QCoreApplication.translate("StepRail", "第 %1 步，共 %2 步：%3（%4）")
            self._buttons[index].setAccessibleName(fill(name, index + 1, total, title, what))

    def _on_button_clicked(self, index: int) -> None:
        if self._model.state(index) is StepState.DONE:
            self.step_chosen.emit(index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
