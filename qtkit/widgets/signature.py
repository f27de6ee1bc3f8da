"""``SignaturePad``: a signature drawn with a finger, pen or mouse, given back as PNG bytes."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QPointF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from qtkit.theme import current_scale

INK: Final = "#0F1419"  # near-black: the signature must print and scan well on the receipt
_MIN_STEP_PX: Final = 0.5  # closer pointer samples add nothing but size


class SignaturePad(QWidget):
    """Lives on the GUI thread. Strokes are kept in logical pixels.

    Mouse and pen arrive as mouse or tablet events; touch is turned into mouse events by Qt
    (``AA_SynthesizeMouseForUnhandledTouchEvents``, on by default). Delete or Backspace clears,
    so the pad is usable from the keyboard too. ``signature_changed`` follows every finished
    stroke and every clear.
    """

    signature_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, pen_width_px: float = 3.0) -> None:
        super().__init__(parent)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self._pen_width = pen_width_px
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._retranslate()

    def sizeHint(self) -> QSize:
        side = current_scale().touch_px
        return QSize(side * 8, side * 3)

    def minimumSizeHint(self) -> QSize:
        side = current_scale().touch_px
        return QSize(side * 4, side * 2)

    # -- the signature -------------------------------------------------------------------------

    @property
    def stroke_count(self) -> int:
        return len(self._strokes)

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        if not self._strokes:
            return
        self._strokes = []
        self._drawing = False
        self.update()
        self.signature_changed.emit()

    def to_image(self, size: QSize | None = None) -> QImage:
        """The signature on white, at ``size`` (default: the pad's size), scaled to fit."""
        target = size or self.size()
        image = QImage(target, QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if target != self.size() and self.width() > 0 and self.height() > 0:
            factor = min(target.width() / self.width(), target.height() / self.height())
            painter.scale(factor, factor)
        self._draw_strokes(painter)
        painter.end()
        return image

    def to_png(self, size: QSize | None = None) -> bytes:
        """The signature as PNG bytes (ValueError when nothing was signed)."""
        if self.is_empty():
            raise ValueError("the signature pad is empty")
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide 6.12's stubs ask for bytes here, but only str is accepted at run time.
        if not self.to_image(size).save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError("could not encode the signature as PNG")
        buffer.close()
        return bytes(data.data())

    # -- input ---------------------------------------------------------------------------------

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if not self._drawing or not self._strokes:
            return
        last = self._strokes[-1][-1]
        if abs(point.x() - last.x()) + abs(point.y() - last.y()) >= _MIN_STEP_PX:
            self._strokes[-1].append(point)
            self.update()

    def _end(self, point: QPointF) -> None:
        if not self._drawing:
            return
        self._extend(point)
        self._drawing = False
        self.signature_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)

    # -- drawing -------------------------------------------------------------------------------

    def _draw_strokes(self, painter: QPainter) -> None:
        pen = QPen(QColor(INK), self._pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        scale = current_scale()
        colors = scale.colors
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(colors.surface))
        border = QColor(colors.focus if self.hasFocus() else colors.border)
        painter.setPen(QPen(border, scale.focus_px if self.hasFocus() else scale.border_px))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() * 3 // 4
        margin = scale.spacing_px * 3
        painter.setPen(QPen(QColor(colors.border), 1, Qt.PenStyle.DashLine))
        painter.drawLine(margin, baseline, self.width() - margin, baseline)
        if self.is_empty():
            painter.setPen(QColor(colors.text_muted))
            painter.drawText(
                self.rect().adjusted(margin, 0, -margin, -self.height() // 4),
                Qt.AlignmentFlag.AlignCenter,
                QCoreApplication.translate("SignaturePad", "请在此处签名"),
            )
        self._draw_strokes(painter)
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def _retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("SignaturePad", "签名区"))
        self.setAccessibleDescription(
            QCoreApplication.translate("SignaturePad", "用手指、触控笔或鼠标在此签名；按删除键清除")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.update()
        super().changeEvent(event)
