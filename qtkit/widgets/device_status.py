"""``DeviceStatusWidget``: one icon and label per device role, fed by the DeviceBridge's health signal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QToolButton, QWidget

from devices.manager import ROLES, DeviceHealth
from qtkit.bridge import DeviceBridge
from qtkit.i18n import fill
from qtkit.messages import describe, role_label
from qtkit.theme import ELDERLY, current_scale
from qtkit.widgets.icons import StatusKind, status_icon

__all__ = ["DeviceStatusModel", "DeviceStatusWidget", "health_kind", "role_label"]


def health_kind(health: DeviceHealth) -> StatusKind:
    if health.ok is None:
        return StatusKind.UNKNOWN
    return StatusKind.OK if health.ok else StatusKind.FAULT


class DeviceStatusModel(QObject):
    """The last health of every device role. Lives on the GUI thread; ``changed(role)``."""

    changed = Signal(str)

    def __init__(self, roles: Sequence[str] = ROLES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roles = tuple(roles)
        self._health = {role: DeviceHealth(role, "", None, "") for role in self._roles}

    @property
    def roles(self) -> tuple[str, ...]:
        return self._roles

    def health(self, role: str) -> DeviceHealth:
        return self._health[role]

    def update(self, health: object) -> None:
        """Take a DeviceHealth (the bridge's ``device_health_changed`` value); other roles are ignored."""
        if not isinstance(health, DeviceHealth) or health.role not in self._health:
            return
        if self._health[health.role] != health:
            self._health[health.role] = health
            self.changed.emit(health.role)

    def bind(self, bridge: DeviceBridge) -> None:
        """Follow a DeviceBridge from now on, starting from its last known health."""
        for health in bridge.health():
            self.update(health)
        bridge.device_health_changed.connect(self.update)


class DeviceStatusWidget(QWidget):
    """A button per device: status icon (colour AND shape) + "name：state". Lives on the GUI thread.

    Clicking one emits ``test_panel_requested(role)``; the GUI opens that device's test panel.
    """

    test_panel_requested = Signal(str)

    def __init__(
        self, model: DeviceStatusModel, parent: QWidget | None = None, *, columns: int | None = None
    ) -> None:
        """``columns``: buttons per row (default: all in one row; one per row in the elderly scale,
        where two device messages side by side no longer fit a 1080 px portrait kiosk)."""
        super().__init__(parent)
        self._model = model
        self._buttons: dict[str, QToolButton] = {}
        scale = current_scale()
        per_row = columns or (1 if scale.touch_px >= ELDERLY.touch_px else len(model.roles))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(scale.spacing_px)
        layout.setVerticalSpacing(scale.spacing_px)
        previous: QWidget | None = None
        for index, role in enumerate(model.roles):
            button = QToolButton(self)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(scale.icon_px, scale.icon_px))
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, r=role: self.test_panel_requested.emit(r))
            layout.addWidget(button, index // per_row, index % per_row)
            if previous is not None:
                QWidget.setTabOrder(previous, button)
            previous = button
            self._buttons[role] = button
        layout.setColumnStretch(per_row, 1)
        model.changed.connect(self._on_changed)
        self._retranslate()

    @property
    def model(self) -> DeviceStatusModel:
        return self._model

    def button(self, role: str) -> QToolButton:
        return self._buttons[role]

    def _on_changed(self, role: str) -> None:
        self._update(role)

    def _update(self, role: str) -> None:
        health = self._model.health(role)
        kind = health_kind(health)
        button = self._buttons[role]
        if kind is StatusKind.OK:
            state = QCoreApplication.translate("DeviceStatusWidget", "正常")
        elif kind is StatusKind.FAULT:
            state = QCoreApplication.translate("DeviceStatusWidget", "故障")
        elif health.message:
            state = QCoreApplication.translate("DeviceStatusWidget", "未配置")
        else:  # nothing reported yet
            state = QCoreApplication.translate("DeviceStatusWidget", "等待检测")
        detail = describe(health) if health.message else state
        button.setIcon(status_icon(kind, current_scale().icon_px))
        # An en space keeps the text off the icon (QToolButton leaves almost no gap).
        button.setText(
            "\u2002"
            + fill(QCoreApplication.translate("DeviceStatusWidget", "%1：%2"), role_label(role), detail)
        )
        button.setProperty("status", kind.value)
        button.setAccessibleName(
            fill(QCoreApplication.translate("DeviceStatusWidget", "%1，%2"), role_label(role), state)
        )
        button.setAccessibleDescription(
            fill(QCoreApplication.translate("DeviceStatusWidget", "%1。按下打开测试面板"), detail)
        )
        button.setToolTip(describe(health) if health.message else "")

    def _retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("DeviceStatusWidget", "外设状态"))
        for role in self._buttons:
            self._update(role)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
