"""Status icons drawn with QPainter (a tick, an exclamation mark, a dash): crisp at any DPI, no icon files."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from qtkit.theme import ThemeColors, current_scale


class StatusKind(StrEnum):
    OK = "ok"
    FAULT = "fault"
    UNKNOWN = "unknown"


def status_color(kind: StatusKind, colors: ThemeColors) -> str:
    return {StatusKind.OK: colors.success_text, StatusKind.FAULT: colors.error_text}.get(
        kind, colors.text_muted
    )


def status_pixmap(kind: StatusKind, side: int, device_pixel_ratio: float = 2.0) -> QPixmap:
    """A filled circle in the status colour with a white mark whose SHAPE also tells the status."""
    colors = current_scale().colors
    pixmap = QPixmap(round(side * device_pixel_ratio), round(side * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(status_color(kind, colors)))
    painter.drawEllipse(QRectF(0.5, 0.5, side - 1, side - 1))
    pen = QPen(QColor(colors.on_accent), max(1.5, side / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = float(side)
    if kind is StatusKind.OK:
        path = QPainterPath(QPointF(s * 0.28, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.68))
        path.lineTo(QPointF(s * 0.72, s * 0.36))
        painter.drawPath(path)
    elif kind is StatusKind.FAULT:
        painter.drawLine(QPointF(s / 2, s * 0.26), QPointF(s / 2, s * 0.56))
        painter.drawPoint(QPointF(s / 2, s * 0.74))
    else:
        painter.drawLine(QPointF(s * 0.3, s / 2), QPointF(s * 0.7, s / 2))
    painter.end()
    return pixmap


def status_icon(kind: StatusKind, side: int) -> QIcon:
    return QIcon(status_pixmap(kind, side))
