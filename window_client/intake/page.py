"""``IntakePage``: what every intake step's screen has in common (a title, a scrollable body, problems)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from core.flows.intake import IntakeFlow, Problem, Step
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel, BannerMessage
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.widgets import heading, hint


class IntakePage(QWidget):
    """One step's screen. Lives on the GUI thread; a VIEW of ``model.flow``.

    ``enter`` runs every time the step is shown (rebuild from the flow); ``show_problems`` marks
    the fields the flow named; ``message`` carries a banner for the screen. Subclasses fill ``self.body`` (inside a scroll area, so 1366×768
    never cuts anything off).
    """

    step: Step = Step.APPLICANT
    message = Signal(object)  # BannerMessage for the screen's banner

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        s = current_scale().spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(s)
        self.title = heading("", self, role="title")
        self.subtitle = hint("", self)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self.scroll_area)
        inner.setObjectName("pageBody")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(0, 0, s, s)
        self.body.setSpacing(2 * s)
        self.scroll_area.setWidget(inner)
        outer.addWidget(self.scroll_area, 1)

    @property
    def flow(self) -> IntakeFlow:
        """The flow of the intake in progress (the model replaces it on restart: never keep it)."""
        return self.model.flow

    def set_titles(self, title: str, subtitle: str = "") -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))

    def enter(self) -> None:
        """The step is shown: refresh from the flow."""

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Mark what the flow says blocks this step (default: nothing beyond the screen's banner)."""

    def say(self, level: BannerLevel, text: str) -> None:
        """Tell staff something in the screen's banner."""
        self.message.emit(BannerMessage(level, text))

    def first_focus(self) -> QWidget | None:
        """The widget that takes the keyboard when the step is shown."""
        return None
