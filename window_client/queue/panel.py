"""``QueuePanel``: the window's 叫号 bar above the intake — the ticket at this window and its steps.

叫号 (F5) asks the hall server for the next ticket of this window's services; 重呼, 过号 and 转窗口
record their events; 暂停 stops calling (local state only). The scan field takes a ticket's TQ1 QR
(``core.queue.paper.parse_ticket_qr``) and calls that ticket directly — the way a window calls when
the hall server is down: its steps then wait in the store's queue outbox for the next sync round.
It takes a typed number too (``a023``, ``Ａ０２３``): the hall server finds today's ticket with it and
the window calls it as a scanned one; without the hall server a typed number cannot be resolved.
``called(Current)`` tells the main window a ticket is at the window (it pre-fills the intake).
Lives on the GUI thread; all network and store work runs on the runner (window_client/queue/calls.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPushButton, QWidget

from core.errors import TongbanError, ValidationError
from core.queue.ledger import instant
from core.queue.model import EventKind, LaneKind, TicketStatus, load_queue_rules, typed_ticket_number
from core.queue.paper import parse_ticket_qr
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.theme import current_scale
from sync.errors import SyncError, SyncTransientError
from window_client.context import WindowContext
from window_client.queue.calls import Current, Step, call_next_on, lookup_on, number_on, record_on

_REFRESH_MS: Final = 30_000


class QueuePanel(QFrame):
    called = Signal(object)  # Current

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window_no = ctx.config.window_no
        self.services = ctx.config.queue_services
        self.current: Current | None = None
        self.paused = False
        self.busy = False
        self.offline_steps = 0  # steps kept for the next sync round (the hall server did not answer)
        self.setProperty("role", "card")
        self.setObjectName("queue_panel")
        s = current_scale().spacing_px
        row = QHBoxLayout(self)
        row.setContentsMargins(2 * s, s // 2, 2 * s, s // 2)
        row.setSpacing(s)
        title = QLabel(fill(QCoreApplication.translate("QueuePanel", "%1 号窗口"), self.window_no), self)
        title.setProperty("role", "heading")
        row.addWidget(title)
        self.ticket_label = QLabel(self)
        self.ticket_label.setObjectName("queue_ticket")
        row.addWidget(self.ticket_label, 1)
        self.call_button = self._button(
            row, QCoreApplication.translate("QueuePanel", "叫号（F5）"), self.call_next
        )
        self.recall_button = self._button(row, QCoreApplication.translate("QueuePanel", "重呼"), self.recall)
        self.skip_button = self._button(row, QCoreApplication.translate("QueuePanel", "过号"), self.skip)
        self.transfer_button = self._button(
            row, QCoreApplication.translate("QueuePanel", "转窗口"), self.ask_transfer
        )
        self.pause_button = self._button(
            row, QCoreApplication.translate("QueuePanel", "暂停"), self.toggle_pause
        )
        self.scan = QLineEdit(self)
        self.scan.setObjectName("queue_scan")
        self.scan.setPlaceholderText(QCoreApplication.translate("QueuePanel", "扫码或输入排队号"))
        self.scan.setMinimumWidth(18 * s)
        self.scan.returnPressed.connect(self.call_scanned)
        row.addWidget(self.scan)
        self.status = QLabel(self)
        self.status.setObjectName("queue_status")
        self.status.setProperty("role", "muted")
        self.status.setMaximumWidth(30 * s)
        row.addWidget(self.status)
        self.transfer_dialog: QInputDialog | None = None
        self._minute = QTimer(self)  # the minutes waited go on while the citizen walks up
        self._minute.setInterval(_REFRESH_MS)
        self._minute.timeout.connect(self._refresh)
        self._minute.start()
        self._refresh()

    def _button(self, row: QHBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- what is shown --------------------------------------------------------------------------

    def _refresh(self) -> None:
        c = self.current
        if c is None:
            self.ticket_label.setText(QCoreApplication.translate("QueuePanel", "当前无叫号"))
        else:
            parts = [c.number, c.service_name]
            lane = load_queue_rules().lane_by_id(c.lane) if c.lane else None
            if lane is not None and lane.kind is not LaneKind.NORMAL:
                parts.append(lane.name)
            if c.taken_at:
                waited = (self.ctx.clock.now() - instant(c.taken_at)).total_seconds() // 60
                parts.append(
                    fill(QCoreApplication.translate("QueuePanel", "已等 %1 分钟"), max(int(waited), 0))
                )
            self.ticket_label.setText("  ".join(p for p in parts if p))
        has = c is not None and not self.busy
        self.call_button.setEnabled(not self.paused and not self.busy)
        for button in (self.recall_button, self.skip_button, self.transfer_button):
            button.setEnabled(has)
        self.pause_button.setText(
            QCoreApplication.translate("QueuePanel", "继续")
            if self.paused
            else QCoreApplication.translate("QueuePanel", "暂停")
        )

    def say(self, text: str) -> None:
        """A line beside the buttons, cut to its room (the whole of it in the tooltip): the bar
        must not widen the window past a 1366 px screen."""
        width = self.status.maximumWidth()
        self.status.setText(self.status.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.status.setToolTip(text)

    # -- calling ----------------------------------------------------------------------------------

    def call_next(self) -> None:
        """F5: the next ticket for this window's services from the hall server."""
        if self.paused or self.busy:
            return
        self.busy = True
        self._refresh()
        self.say(QCoreApplication.translate("QueuePanel", "正在叫号…"))
        self.ctx.runner.run_with(
            self.ctx.store_key,
            partial(call_next_on, self.window_no, self.services, self.ctx.clock),
            on_done=self._on_called,
            on_error=self._on_call_failed,
        )

    def _on_called(self, current: Current | None) -> None:
        self.busy = False
        if current is None:
            self.say(QCoreApplication.translate("QueuePanel", "暂无等候的群众"))
            self._refresh()
            return
        self.say("")
        self._take(current)

    def _on_call_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._refresh()
        reason = (
            describe(exc)
            if isinstance(exc, TongbanError)
            else QCoreApplication.translate("QueuePanel", "叫号系统没有应答")
        )
        self.say(
            fill(
                QCoreApplication.translate("QueuePanel", "叫号系统连不上（%1）：请扫描群众的排队凭条"),
                reason[:40],
            )
        )

    def call_scanned(self) -> None:
        """The scan field: a TQ1 QR calls that ticket (online or not); a typed number is looked up
        on the hall server (today's ticket with it) and then called the same way."""
        text = self.scan.text().strip()
        if not text or self.busy:
            return
        try:
            ticket_id, number = parse_ticket_qr(text)
            work = partial(lookup_on, ticket_id, number, self.window_no, self.ctx.clock)
        except ValidationError:
            try:
                number = typed_ticket_number(text)
            except ValidationError as bad:
                self.say(describe(bad))
                return
            work = partial(number_on, number, self.window_no, self.ctx.clock)
        self.scan.clear()
        self.busy = True
        self._refresh()
        self.ctx.runner.run_with(
            self.ctx.store_key, work, on_done=self._on_scanned, on_error=self._on_scan_failed
        )

    def _on_scan_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._refresh()
        if isinstance(exc, ValidationError):
            self.say(describe(exc))  # none today, done, or at another window
        elif isinstance(exc, SyncTransientError):  # a typed number: only the hall server knows it
            self.say(QCoreApplication.translate("QueuePanel", "叫号系统离线，请扫描号票上的二维码"))
        elif isinstance(exc, SyncError):  # the hall server refused the look-up
            self._on_call_failed(exc)
        else:
            self._on_record_failed(exc)

    def _on_scanned(self, answer: tuple[Current, TicketStatus | None]) -> None:
        """Called here: a skipped ticket (过号) comes back first (the rules allow it once)."""
        self.busy = False
        current, status = answer
        returned: list[Step] = [(EventKind.RETURNED, {})] if status is TicketStatus.NO_SHOW else []
        self._take(current)
        self.record([*returned, (EventKind.CALLED, {})])

    def _take(self, current: Current) -> None:
        self.current = current
        self._refresh()
        self.called.emit(current)

    # -- the ticket's steps ---------------------------------------------------------------------

    def record(self, steps: Sequence[Step], current: Current | None = None) -> None:
        """Record ``steps`` of the ticket at this window (or ``current``): kept, then sent."""
        ticket = current or self.current
        if ticket is None:
            return
        self.ctx.runner.run_with(
            self.ctx.store_key,
            partial(record_on, ticket, self.window_no, steps, self.ctx.clock),
            on_done=self._on_recorded,
            on_error=self._on_record_failed,
        )

    def _on_record_failed(self, exc: BaseException) -> None:
        """Not even kept in the store (a store fault): staff must know the step is not recorded."""
        reason = describe(exc) if isinstance(exc, TongbanError) else type(exc).__name__
        self.say(fill(QCoreApplication.translate("QueuePanel", "叫号记录未能保存：%1"), reason))

    def _on_recorded(self, sent: bool) -> None:
        if not sent:
            self.offline_steps += 1
            self.say(QCoreApplication.translate("QueuePanel", "叫号系统离线：已保存在本机，联网后自动上传"))

    def recall(self) -> None:
        if self.current is not None:
            self.record([(EventKind.RECALLED, {})])
            self.say(fill(QCoreApplication.translate("QueuePanel", "已重呼 %1"), self.current.number))

    def skip(self) -> None:
        if self.current is not None:
            self.record([(EventKind.SKIPPED, {})])
            self.say(fill(QCoreApplication.translate("QueuePanel", "%1 已过号"), self.current.number))
            self.current = None
            self._refresh()

    def ask_transfer(self) -> None:
        if self.current is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(QCoreApplication.translate("QueuePanel", "转窗口"))
        dialog.setLabelText(QCoreApplication.translate("QueuePanel", "转到几号窗口："))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, 999)
        dialog.intValueSelected.connect(self.transfer)
        self.transfer_dialog = dialog
        dialog.open()

    def transfer(self, window: int) -> None:
        if self.current is None or window == self.window_no:
            return
        self.record([(EventKind.TRANSFERRED, {"to_window": window})])
        self.say(
            fill(QCoreApplication.translate("QueuePanel", "%1 已转到 %2 号窗口"), self.current.number, window)
        )
        self.current = None
        self._refresh()

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._refresh()

    # -- from the intake ------------------------------------------------------------------------

    def serving(self) -> None:
        self.record([(EventKind.SERVING, {})])

    def done(self, case_number: str) -> Current | None:
        """The case of the ticket at this window is accepted: DONE with its number; the window is free."""
        current = self.current
        if current is None:
            return None
        self.record([(EventKind.DONE, {"case_number": case_number})])
        self.current = None
        self._refresh()
        return current
