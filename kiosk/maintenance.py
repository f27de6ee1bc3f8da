"""Staff maintenance (维护) of the kiosk: a PIN on an on-screen keypad, then the service panel.

Opened only by the lockdown's hidden corner gesture (kiosk/lockdown.py), after the citizen's
session ended; shown as a page of the window's stack (KioskWindow.open_maintenance). Every action
is audited (actor ``kiosk-maintenance``); two minutes without a tap and it leaves by itself.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import partial
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, QMargins, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from core.store.records import AuditEntry
from kiosk.context import KioskContext
from kiosk.maintenance_panel import ServicePanel, make_button, make_label
from qtkit.i18n import fill
from qtkit.theme import current_scale
from qtkit.widgets.banner import BannerLevel, BannerMessage, MessageBanner
from qtkit.widgets.big_button import BigButton

logger = logging.getLogger(__name__)

ACTOR: Final = "kiosk-maintenance"
MAX_TRIES: Final = 5
LOCK_S: Final = 300.0
MAX_PIN_DIGITS: Final = 12
EXIT_GRACE_MS: Final = 3000  # 退出程序 waits this long at most for its audit entry


class PinVerdict(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    LOCKED = "locked"


class PinGate:
    """The maintenance PIN and its lock-out: five wrong tries lock it for five minutes. Qt-free; it
    outlives each maintenance screen (the Lockdown owns it), so leaving the screen resets nothing."""

    def __init__(self, pin: str, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._pin = pin.encode()
        self._monotonic = monotonic
        self._failures = 0
        self._locked_until: float | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._pin)

    @property
    def tries_left(self) -> int:
        return MAX_TRIES - self._failures

    def locked_for(self) -> float:
        """Seconds until the PIN may be tried again (0 when it may)."""
        if self._locked_until is None:
            return 0.0
        return max(0.0, self._locked_until - self._monotonic())

    def check(self, entry: str) -> PinVerdict:
        if not self.enabled or self.locked_for() > 0:
            return PinVerdict.LOCKED
        if hmac.compare_digest(entry.encode(), self._pin):
            self._failures = 0
            return PinVerdict.ACCEPTED
        self._failures += 1
        if self._failures >= MAX_TRIES:
            self._failures = 0
            self._locked_until = self._monotonic() + LOCK_S
            return PinVerdict.LOCKED
        return PinVerdict.REFUSED


def _minutes(seconds: float) -> int:
    return max(1, int(-(-seconds // 60)))


class MaintenanceScreen(QWidget):
    """The window's maintenance page (GUI thread): ``pin_page`` first, ``panel`` after the PIN.

    ``on_leave()`` goes back to service (the window removes this page), ``on_exit()`` ends the
    program. ``touch()`` (every tap on it, from the lockdown filter) restarts the ``idle_ms``
    timer; when that runs out the screen leaves by itself.
    """

    def __init__(
        self,
        ctx: KioskContext,
        gate: PinGate,
        *,
        on_leave: Callable[[], None],
        on_exit: Callable[[], None],
        idle_ms: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.gate = gate
        self._on_leave = on_leave
        self._on_exit = on_exit
        self._done = False
        self._entry = ""
        self.scale = scale = current_scale()
        self.setObjectName("kiosk-maintenance")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName(QCoreApplication.translate("MaintenanceScreen", "维护"))
        spacing = scale.spacing_px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(spacing * 3, spacing * 3, spacing * 3, spacing * 3)
        outer.setSpacing(spacing * 2)
        self.title = make_label(self, scale, size=scale.title_pt, bold=True)
        outer.addWidget(self.title)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.banner = MessageBanner(self, closable=False)
        self._reserve_banner_space()
        outer.addWidget(self.banner)
        self.pin_page = QWidget(self.pages)
        self._build_pin_page()
        self.panel = ServicePanel(ctx, self, scale, self.pages)
        self.pages.addWidget(self.pin_page)
        self.pages.addWidget(self.panel)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._on_idle_timeout)
        self._idle.start()
        self.title.setText(QCoreApplication.translate("MaintenanceScreen", "维护登录"))
        self._show_entry()

    def _reserve_banner_space(self) -> None:
        """The banner's place is kept while it is hidden, tall enough for three lines: a refused
        PIN must not push the keypad and 确定 up under the finger that taps next (it did, by ~80 px)."""
        policy = self.banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.banner.setSizePolicy(policy)
        margins = self.banner.contentsMargins()
        banner_layout = self.banner.layout()  # MessageBanner always has one; the stub says it may not
        inner = banner_layout.contentsMargins() if banner_layout is not None else QMargins()
        text_lines = 3 * QFontMetrics(self.banner.font()).lineSpacing()
        frame = 2 * self.scale.border_px
        self.banner.setMinimumHeight(
            text_lines + margins.top() + margins.bottom() + inner.top() + inner.bottom() + frame
        )

    def _build_pin_page(self) -> None:
        scale = self.scale
        layout = QVBoxLayout(self.pin_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(scale.spacing_px * 2)
        hint = QCoreApplication.translate(
            "MaintenanceScreen", "仅限工作人员。请用下面的数字键输入维护 PIN，再点“确定”。"
        )
        layout.addWidget(make_label(self.pin_page, scale, hint, size=scale.heading_pt))
        self.pin_dots = make_label(self.pin_page, scale, size=scale.title_pt, bold=True)
        self.pin_dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_dots.setMinimumHeight(scale.touch_px)
        layout.addWidget(self.pin_dots)
        grid = QGridLayout()
        grid.setSpacing(scale.spacing_px * 2)
        self.keys: dict[str, BigButton] = {}
        for digit in "1234567890":
            self.keys[digit] = make_button(self.pin_page, digit, partial(self._on_digit, digit))
        self.clear_key = make_button(
            self.pin_page, QCoreApplication.translate("MaintenanceScreen", "清除"), self._on_clear
        )
        self.delete_key = make_button(
            self.pin_page, QCoreApplication.translate("MaintenanceScreen", "删除"), self._on_delete
        )
        self.delete_key.setAccessibleName(QCoreApplication.translate("MaintenanceScreen", "删除一位"))
        order = [*(self.keys[d] for d in "123456789"), self.clear_key, self.keys["0"], self.delete_key]
        for index, button in enumerate(order):
            button.setMinimumHeight(scale.touch_px * 2)
            grid.addWidget(button, index // 3, index % 3)
        layout.addLayout(grid)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(scale.spacing_px * 2)
        self.cancel_button = make_button(
            self.pin_page, QCoreApplication.translate("MaintenanceScreen", "返回服务"), self.back_to_service
        )
        self.ok_button = make_button(
            self.pin_page, QCoreApplication.translate("MaintenanceScreen", "确定"), self._on_ok, primary=True
        )
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        layout.addLayout(row)

    # -- idleness and the ways out -------------------------------------------------------------

    @property
    def idle_ms(self) -> int:
        return self._idle.interval()

    @property
    def unlocked(self) -> bool:
        return self.pages.currentWidget() is self.panel

    def touch(self) -> None:
        """Staff are here (any tap on this screen)."""
        if not self._done:
            self._idle.start()

    def _on_idle_timeout(self) -> None:
        logger.info("the maintenance screen was left untouched for %d ms: back to service", self.idle_ms)
        self.audit("kiosk.maintenance.timeout")
        self._leave()

    def back_to_service(self) -> None:
        """返回服务: the attract screen again."""
        if not self._done:
            self.audit("kiosk.maintenance.close")
            self._leave()

    def _leave(self) -> None:
        if self._done:
            return
        self._done = True
        self._idle.stop()
        self._on_leave()

    def exit_program(self) -> None:
        """退出程序: the audit entry is written first (or the program ends after EXIT_GRACE_MS)."""
        if self._done:
            return
        self._done = True
        self._idle.stop()
        self.panel.exit_button.setEnabled(False)
        self.message(BannerLevel.INFO, QCoreApplication.translate("MaintenanceScreen", "正在退出程序…"))
        exited = False

        def leave(_outcome: object = None) -> None:
            nonlocal exited
            if not exited:
                exited = True
                self._on_exit()

        self.audit("kiosk.maintenance.exit", then=leave)
        QTimer.singleShot(EXIT_GRACE_MS, leave)

    # -- the PIN -------------------------------------------------------------------------------

    def _show_entry(self) -> None:
        self.pin_dots.setText("●" * len(self._entry) or "—")
        self.pin_dots.setAccessibleName(
            fill(QCoreApplication.translate("MaintenanceScreen", "已输入 %1 位"), len(self._entry))
        )

    def _on_digit(self, digit: str) -> None:
        if len(self._entry) < MAX_PIN_DIGITS:
            self._entry += digit
        self._show_entry()

    def _on_clear(self) -> None:
        self._entry = ""
        self._show_entry()

    def _on_delete(self) -> None:
        self._entry = self._entry[:-1]
        self._show_entry()

    def _on_ok(self) -> None:
        entry, self._entry = self._entry, ""
        self._show_entry()
        if not entry:
            self.message(
                BannerLevel.INFO, QCoreApplication.translate("MaintenanceScreen", "请先用数字键输入 PIN。")
            )
            return
        verdict = self.gate.check(entry)
        if verdict is PinVerdict.ACCEPTED:
            logger.info("maintenance PIN accepted")
            self.audit("kiosk.maintenance.open")
            self.banner.clear()
            self.title.setText(QCoreApplication.translate("MaintenanceScreen", "维护面板"))
            self.pages.setCurrentWidget(self.panel)
            self.panel.enter()
        elif verdict is PinVerdict.REFUSED:
            logger.warning("maintenance PIN refused (%d tries left)", self.gate.tries_left)
            self.audit("kiosk.maintenance.pin_refused", {"tries_left": self.gate.tries_left})
            self.message(
                BannerLevel.ERROR,
                fill(
                    QCoreApplication.translate(
                        "MaintenanceScreen", "PIN 不正确。请重新输入（还可以试 %1 次）。"
                    ),
                    self.gate.tries_left,
                ),
            )
        else:
            minutes = _minutes(self.gate.locked_for())
            logger.warning("maintenance PIN locked for %d more minute(s)", minutes)
            self.audit("kiosk.maintenance.pin_locked", {"minutes": minutes})
            self.message(
                BannerLevel.ERROR,
                fill(
                    QCoreApplication.translate(
                        "MaintenanceScreen",
                        "PIN 输错次数过多，维护登录已锁定。请 %1 分钟后再试，或点“返回服务”。",
                    ),
                    minutes,
                ),
            )

    # -- for the panel (kiosk.maintenance_panel.PanelHost) -------------------------------------

    def message(self, level: BannerLevel, text: str) -> None:
        self.banner.show_message(BannerMessage(level, text))

    def audit(
        self,
        action: str,
        detail: Mapping[str, Any] | None = None,
        *,
        then: Callable[[object], None] | None = None,
    ) -> None:
        """Append an audit entry on the store worker; ``then(outcome)`` after it (written or not)."""
        entry = AuditEntry(actor=ACTOR, action=action, at=self.ctx.clock.now().isoformat(), detail=detail)

        def failed(error: BaseException) -> None:
            logger.error(
                "maintenance audit entry %s not written: %s", action, getattr(error, "detail", error)
            )
            if then is not None:
                then(error)

        if self.ctx.operations.run_store(self, lambda store: store.append_audit(entry), then, failed) is None:
            failed(RuntimeError("the task runner is shut down"))
