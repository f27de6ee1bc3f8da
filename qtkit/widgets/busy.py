"""``BusyOverlay``: covers a screen while work runs elsewhere: spinner, cancel button, timeout → a plain message."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from qtkit.theme import current_scale

DEFAULT_TIMEOUT_MS: Final = 30_000
# Work that ends sooner shows no overlay at all: a spinner that flashes for a few frames reads as a
# flicker, and showing and hiding a cover over the whole screen costs two full repaints of it (the
# kiosk's 1080x1920 window: most of the GUI thread's longest stall while a certificate printed,
# bench/kiosk_soak.py). The tapped button has already shown its press, and input waits meanwhile.
REVEAL_AFTER_MS: Final = 200
_INPUT: Final = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)
_FRAME_MS: Final = 50  # 20 frames a second is enough for a spinner and cheap on a kiosk


def fit_overlay(overlay: QWidget, card: QWidget, share: float, max_width: int) -> None:
    """Cover the overlay's parent and centre ``card`` at ``share`` of the width (at most ``max_width``)."""
    parent = overlay.parentWidget()
    if parent is not None:
        overlay.setGeometry(parent.rect())
    width = min(max(int(overlay.width() * share), 1), max_width)
    # The labels wrap: the card's height depends on its width (adjustSize would not ask).
    height = card.heightForWidth(width)
    card.setFixedSize(width, height if height > 0 else card.sizeHint().height())
    card.move((overlay.width() - card.width()) // 2, (overlay.height() - card.height()) // 2)


class Spinner(QWidget):
    """A turning arc drawn from a QTimer (never a blocking loop). Lives on the GUI thread."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(_FRAME_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        side = current_scale().icon_px * 2
        self.setFixedSize(side, side)
        self.setAccessibleName(QCoreApplication.translate("BusyOverlay", "正在处理"))

    @property
    def spinning(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = current_scale().colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(3.0, self.width() / 10)
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(QColor(colors.surface_alt), width))
        painter.drawEllipse(rect)
        pen = QPen(QColor(colors.accent), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(rect, -self._angle * 16, 100 * 16)
        painter.end()


class BusyOverlay(QWidget):
    """Lives on the GUI thread, as a child covering its parent (it follows the parent's size).

    ``start(text)`` shows it, after ``reveal_after_ms`` (until then it is not painted, but input to
    the parent and its children already waits: nothing can be tapped twice); ``finish()`` hides it.
    ``active`` is true from ``start`` to ``finish``. The cancel button emits ``cancel_requested``
    (the caller cancels its Future). After ``timeout_ms`` the spinner stops and a plain message
    says what happened, with a button to close the overlay; ``timed_out`` is emitted. Nothing
    here waits: the work itself runs on a TaskRunner worker.
    """

    cancel_requested = Signal()
    timed_out = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget, *, reveal_after_ms: int = REVEAL_AFTER_MS) -> None:
        super().__init__(parent)
        self.setProperty("role", "overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        scale = current_scale()
        self._card = QFrame(self)
        self._card.setProperty("role", "overlay-card")
        card_layout = QVBoxLayout(self._card)
        card_layout.setContentsMargins(*(scale.spacing_px * 3,) * 4)
        card_layout.setSpacing(scale.spacing_px * 2)
        self._spinner = Spinner(self._card)
        self._label = QLabel(self._card)
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._cancel = QPushButton(self._card)
        self._cancel.clicked.connect(self._on_cancel_clicked)
        self._close = QPushButton(self._card)
        self._close.setProperty("variant", "primary")
        self._close.clicked.connect(self._on_close_clicked)
        card_layout.addWidget(self._spinner, 0, Qt.AlignmentFlag.AlignHCenter)
        card_layout.addWidget(self._label)
        card_layout.addWidget(self._cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        card_layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignHCenter)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._on_timeout_timeout)
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.setInterval(reveal_after_ms)
        self._reveal.timeout.connect(self._on_reveal_timeout)
        self._text = ""
        self._timed_out = False
        self._active = False
        self._holding_input = False
        parent.installEventFilter(self)
        self.setVisible(False)
        self._retranslate()

    @property
    def busy(self) -> bool:
        return self._active and not self._timed_out

    @property
    def active(self) -> bool:
        """Started and not finished: shown, or about to be (input waits either way)."""
        return self._active

    @property
    def has_timed_out(self) -> bool:
        return self._timed_out

    @property
    def message(self) -> str:
        return self._label.text()

    @property
    def spinner(self) -> Spinner:
        return self._spinner

    @property
    def cancel_button(self) -> QPushButton:
        return self._cancel

    @property
    def close_button(self) -> QPushButton:
        return self._close

    def start(
        self, text: str = "", *, timeout_ms: int | None = DEFAULT_TIMEOUT_MS, cancellable: bool = True
    ) -> None:
        """Show the overlay with ``text`` (default: 正在处理，请稍候…); ``timeout_ms`` None: no timeout."""
        self._text = text
        self._timed_out = False
        self._active = True
        self._cancel.setVisible(cancellable)
        self._close.setVisible(False)
        self._spinner.setVisible(True)
        self._retranslate()
        self._timeout.stop()
        if timeout_ms is not None:
            self._timeout.start(timeout_ms)
        if self.isVisible() or self._reveal.interval() <= 0:
            self._show()
        else:
            self._hold_input(True)
            self._reveal.start()

    def finish(self) -> None:
        """The work ended: hide the overlay (or never show it)."""
        self._active = False
        self._reveal.stop()
        self._hold_input(False)
        self._timeout.stop()
        self._spinner.stop()
        self.setVisible(False)

    def _show(self) -> None:
        self._reveal.stop()
        self._hold_input(False)  # the overlay itself covers the parent now
        self._spinner.start()
        self._fit()
        self.setVisible(True)
        self.raise_()
        (self._cancel if self._cancel.isVisibleTo(self) else self).setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_reveal_timeout(self) -> None:
        if self._active:
            self._show()

    def _hold_input(self, hold: bool) -> None:
        """Swallow input to the parent and its children (an application event filter, only while
        the overlay is started and not yet shown: every filtered event costs the GUI thread)."""
        app = QCoreApplication.instance()
        if hold == self._holding_input or app is None:
            return
        self._holding_input = hold
        if hold:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def _on_cancel_clicked(self) -> None:
        self.cancel_requested.emit()

    def _on_close_clicked(self) -> None:
        self.finish()
        self.closed.emit()

    def _on_timeout_timeout(self) -> None:
        if not self.isVisible():
            self._show()
        self._timed_out = True
        self._spinner.stop()
        self._spinner.setVisible(False)
        self._cancel.setVisible(False)
        self._close.setVisible(True)
        self._retranslate()
        self._fit()
        self._close.setFocus(Qt.FocusReason.OtherFocusReason)
        self.timed_out.emit()

    def _retranslate(self) -> None:
        if self._timed_out:
            text = QCoreApplication.translate(
                "BusyOverlay", "操作超时，没有完成。请稍后再试；如果一直不成功，请联系工作人员。"
            )
        else:
            text = self._text or QCoreApplication.translate("BusyOverlay", "正在处理，请稍候…")
        self._label.setText(text)
        self._cancel.setText(QCoreApplication.translate("BusyOverlay", "取消"))
        self._cancel.setAccessibleName(QCoreApplication.translate("BusyOverlay", "取消操作"))
        self._close.setText(QCoreApplication.translate("BusyOverlay", "知道了"))
        self._close.setAccessibleName(QCoreApplication.translate("BusyOverlay", "关闭提示"))
        self._spinner.setAccessibleName(QCoreApplication.translate("BusyOverlay", "正在处理"))
        self.setAccessibleName(text)

    def _fit(self) -> None:
        fit_overlay(self, self._card, 2 / 3, current_scale().touch_px * 8)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and event.type() == QEvent.Type.Resize:
            self._fit()
        elif self._holding_input and event.type() in _INPUT and isinstance(watched, QWidget):
            return watched is parent or (parent is not None and parent.isAncestorOf(watched))
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(15, 20, 25, 110))  # dims the screen behind the card
        painter.end()
