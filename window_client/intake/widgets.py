"""Small building blocks of the intake pages: headings, hint lines, a card frame, a field with its problem."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from qtkit.theme import current_scale


def heading(text: str, parent: QWidget | None = None, *, role: str = "heading") -> QLabel:
    label = QLabel(text, parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A muted line that explains; plain text, wraps."""
    label = QLabel(text, parent)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def problem_label(parent: QWidget | None = None) -> QLabel:
    """Where a field's problem shows, right under it (inline validation); hidden when empty."""
    label = QLabel(parent)
    label.setProperty("status", "fault")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label


def show_problem(label: QLabel, message: str | None) -> None:
    label.setText(message or "")
    label.setVisible(bool(message))
    label.setAccessibleName(message or "")


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A white card on the window background, with its layout."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    layout = QVBoxLayout(frame)
    s = current_scale().spacing_px
    layout.setContentsMargins(2 * s, 2 * s, 2 * s, 2 * s)
    layout.setSpacing(s)
    return frame, layout


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
