"""办件进度查询: the cases of a receipt QR or an ID card, one card each, from the platform or this kiosk.

The kiosk first reads its own cases (the store worker), then asks the platform, which also knows
the cases taken at other windows (the net worker, short timeouts). The platform's answer wins
where it has one; a case accepted here and not uploaded yet shows the kiosk's own record and says
so. Without the platform (not enrolled, down, slow, or the citizen cancelled the wait) the screen
shows what the kiosk has and says plainly that it may be out of date. The answer names no
applicant: only the masked identity used for the query is on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from core.cases.model import CaseStatus
from core.cases.service import CaseQuery
from core.errors import NotFoundError, ValidationError
from core.flows.kiosk import CaseProgress, merge_progress, progress_of_case
from devices.qr.payloads import PayloadKind, classify_payload
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.progress_card import CaseCard, readable_number
from qtkit.i18n import fill
from qtkit.widgets.banner import BannerLevel

if TYPE_CHECKING:
    from core.store.store import Store
    from devices.qr import ScanResult
    from kiosk.context import KioskContext
    from sync.adapter import PlatformAdapter
    from sync.contract import ProgressCase

logger = logging.getLogger(__name__)

WAIT_MS = 15_000  # the platform call times out after 3 s + 8 s (kiosk.context.ONLINE_TIMEOUT_S)


@dataclass
class _Query:
    """One look-up: the numbers of scanned receipts and/or the identified person's ID number."""

    case_numbers: tuple[str, ...]
    id_number: str | None
    local: list[CaseProgress] | None = None
    remote: list[ProgressCase] | None = None
    remote_done: bool = False
    remote_problem: str = ""  # "" | "not_enrolled" | "failed" | "timeout" | "cancel"
    shown: bool = False
    focus: str | None = None  # the case to scroll to (the receipt just scanned)
    local_numbers: set[str] = field(default_factory=set)


def local_progress(
    ctx: KioskContext, store: Store, case_numbers: Sequence[str], id_number: str | None
) -> list[CaseProgress]:
    """On the store worker: this kiosk's cases for the query; uploaded = the platform acknowledged
    the acceptance (a rating or a supplement still in the outbox does not make a case "not uploaded")."""
    service = ctx.case_service(store)
    found = {}
    for number in case_numbers:
        try:
            case = service.get(number)
        except (NotFoundError, ValidationError):
            continue
        found[case.number] = case
    if id_number:
        for case in service.find(CaseQuery(id_number=id_number)):
            found[case.number] = case
    out = []
    for case in found.values():
        if case.status is CaseStatus.DRAFT:
            continue
        events = store.events_for(case.number)
        uploaded = bool(events) and events[0].acked_at is not None
        out.append(progress_of_case(case, uploaded=uploaded))
    return out


def remote_progress(
    client: PlatformAdapter, case_numbers: Sequence[str], id_number: str | None
) -> list[ProgressCase]:
    """On the net worker: the platform's cases for the query (any device's)."""
    found: dict[str, ProgressCase] = {}
    if id_number:
        for case in client.progress(id_number=id_number)["cases"]:
            found[case["case_number"]] = case
    for number in case_numbers:
        for case in client.progress(case_number=number)["cases"]:
            found[case["case_number"]] = case
    return list(found.values())


class ProgressScreen(KioskScreen):
    """The cases of this visit as a scrollable list of cards. Lives on the GUI thread, for one session."""

    name = "progress"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("ProgressScreen", "办件进度查询"))
        self.who = self.big_label(role="who")
        self.body.addWidget(self.who)
        self.empty = self.big_label(role="empty", size=self.scale.heading_pt)
        self.empty.setVisible(False)
        self.body.addWidget(self.empty)
        self.case_list = QScrollArea(self)
        self.case_list.setObjectName("progress-cases")
        self.case_list.setAccessibleName(QCoreApplication.translate("ProgressScreen", "办件列表"))
        self.case_list.setWidgetResizable(True)
        self.case_list.setFrameShape(QFrame.Shape.NoFrame)
        self.case_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No QScroller kinetic drag: each grabGesture registers a gesture type with Qt for good (one
        # per session at a kiosk), and a tap is all a citizen needs — the ▲/▼ buttons page the list.
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(self.scale.spacing_px * 2)
        self.list_layout.addStretch(1)
        self.case_list.setWidget(self.list_widget)
        self.body.addWidget(self.case_list, 1)
        row = QHBoxLayout()
        row.setSpacing(self.scale.spacing_px * 2)
        self.up_button = self.big_button(
            QCoreApplication.translate("ProgressScreen", "▲ 上一页"), self._on_up_clicked
        )
        self.down_button = self.big_button(
            QCoreApplication.translate("ProgressScreen", "▼ 下一页"), self._on_down_clicked
        )
        self.done_button = self.big_button(
            QCoreApplication.translate("ProgressScreen", "完成"), self._on_done_clicked, primary=True
        )
        self.done_button.setAccessibleName(QCoreApplication.translate("ProgressScreen", "完成查询，去评价"))
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        self.body.addLayout(row)
        bar = self.case_list.verticalScrollBar()
        bar.rangeChanged.connect(self._on_scroll_changed)
        bar.valueChanged.connect(self._on_scroll_changed)
        self.cards: dict[str, CaseCard] = {}
        self.shown: list[CaseProgress] = []
        self._scanned: list[str] = []
        self._query: _Query | None = None
        self._update_scroll_buttons()

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        session = self.nav.session
        if session.case_ref is not None and session.case_ref not in self._scanned:
            self._scanned.append(session.case_ref)
        self._start(focus=session.case_ref)

    def prompt(self) -> str:
        return QCoreApplication.translate("ProgressScreen", "正在查询办件进度，请稍候。")

    def on_scan(self, scan: ScanResult) -> bool:
        payload = classify_payload(scan.text, scan.format)
        if payload.kind is not PayloadKind.TONGBAN_RECEIPT:
            return False
        if payload.value not in self._scanned:
            self._scanned.append(payload.value)
        self.clear_message()
        self._start(focus=payload.value)
        return True

    # -- the look-up ---------------------------------------------------------------------------

    def _start(self, *, focus: str | None) -> None:
        citizen = self.nav.session.citizen
        query = _Query(tuple(self._scanned), citizen.id_number if citizen is not None else None, focus=focus)
        self._query = query
        self._show_who()
        if not query.case_numbers and query.id_number is None:
            self._render(query)
            return
        waiting = self.nav.wait(
            QCoreApplication.translate("ProgressScreen", "正在查询办件进度…"),
            timeout_ms=WAIT_MS,
            on_give_up=lambda reason: self._on_given_up(query, reason),
        )
        ctx = self.ctx
        numbers, id_number = query.case_numbers, query.id_number

        def on_local(found: list[CaseProgress]) -> None:
            if self._query is not query or not isValid(self) or not self.isVisible():
                return  # another look-up replaced this one, or the session ended
            query.local = found
            query.local_numbers = {item.number for item in found}
            if not waiting.live and not query.remote_done:  # another wait took the spinner
                query.remote_done, query.remote_problem = True, "cancel"
            if query.remote_done:  # the citizen gave up on the platform meanwhile
                self._render(query)
            elif ctx.sync is None:
                query.remote_done, query.remote_problem = True, "not_enrolled"
                waiting.finish()
                self._render(query)
            elif waiting.live:
                ctx.online_call(
                    lambda client, _store: remote_progress(client, numbers, id_number),
                    on_done=waiting.guard(lambda remote: self._on_remote(query, remote)),
                    on_error=waiting.guard(lambda exc: self._on_remote_failed(query, exc)),
                )

        def on_local_failed(exc: BaseException) -> None:
            logger.error("local progress look-up failed: %s", getattr(exc, "detail", exc))
            on_local([])

        ctx.operations.run_store(
            self, lambda store: local_progress(ctx, store, numbers, id_number), on_local, on_local_failed
        )

    def _on_remote(self, query: _Query, remote: list[ProgressCase]) -> None:
        if self._query is not query:
            return
        query.remote, query.remote_done = remote, True
        self._render(query)

    def _on_remote_failed(self, query: _Query, exc: BaseException) -> None:
        if self._query is not query:
            return
        logger.warning("platform progress look-up failed: %s", getattr(exc, "detail", exc))
        query.remote_done, query.remote_problem = True, "failed"
        self._render(query)

    def _on_given_up(self, query: _Query, reason: str) -> None:
        if self._query is not query:
            return
        query.remote_done, query.remote_problem = True, reason
        if query.local is not None:
            self._render(query)

    # -- showing -------------------------------------------------------------------------------

    def _show_who(self) -> None:
        session = self.nav.session
        parts = []
        if session.citizen is not None:
            parts.append(
                fill(
                    QCoreApplication.translate("ProgressScreen", "查询人：%1（证件号 %2）"),
                    session.citizen.masked_name,
                    session.citizen.masked_id,
                )
            )
        if self._scanned:
            parts.append(
                fill(
                    QCoreApplication.translate("ProgressScreen", "受理回执：%1"),
                    "、".join(readable_number(n) for n in self._scanned),
                )
            )
        if not parts:
            parts.append(
                QCoreApplication.translate(
                    "ProgressScreen", "请扫描受理回执上的二维码，或把身份证放在读卡区。"
                )
            )
        text = "\n".join(parts)
        self.who.setText(text)
        self.who.setAccessibleName(text)

    def _render(self, query: _Query) -> None:
        if query.shown:
            return
        query.shown = True
        reached = query.remote is not None
        merged = merge_progress(query.local or [], query.remote if reached else None)
        for number in [item.number for item in merged if item.number in query.local_numbers]:
            self.nav.session.served_case(number)  # a rating goes to the cases this kiosk holds
        self._fill_cards(merged, reached)
        self._show_summary(query, merged, reached)
        if query.focus is not None and query.focus in self.cards:
            # After the new cards are laid out (next turn of the event loop).
            QTimer.singleShot(0, self, partial(self._scroll_to, query.focus))

    def _scroll_to(self, number: str) -> None:
        card = self.cards.get(number)
        if card is not None:
            self.case_list.ensureWidgetVisible(card)

    def _fill_cards(self, merged: list[CaseProgress], reached: bool) -> None:
        for card in self.cards.values():
            self.list_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards.clear()
        self.shown = merged
        for index, item in enumerate(merged):
            card = CaseCard(item, self.scale, reached=reached, parent=self.list_widget)
            card.rate_requested.connect(self._on_rate_requested)
            self.cards[item.number] = card
            self.list_layout.insertWidget(index, card)
            card.show()  # now, not from the event loop: the list is complete when this returns
        self.case_list.setVisible(True)  # empty, it still holds the space: the sentence stays on top
        self.case_list.verticalScrollBar().setValue(0)

    def _show_summary(self, query: _Query, merged: list[CaseProgress], reached: bool) -> None:
        problem = query.remote_problem
        if not merged:
            if query.case_numbers and query.id_number is None:
                text = QCoreApplication.translate(
                    "ProgressScreen", "没有查到这个办件。请核对受理回执是否为本中心出具，或到人工窗口查询。"
                )
            elif query.case_numbers or query.id_number is not None:
                text = QCoreApplication.translate(
                    "ProgressScreen",
                    "没有查到您的办件。如果您刚刚在其他地方提交了申请，请稍后再查，或到人工窗口查询。",
                )
            else:
                text = QCoreApplication.translate(
                    "ProgressScreen", "还没有要查询的办件。请扫描受理回执上的二维码，或放身份证。"
                )
            if problem:
                text += QCoreApplication.translate(
                    "ProgressScreen", "\n本机现在连不上政务服务平台，只能查到在本机受理的办件。"
                )
            self.empty.setText(text)
            self.empty.setAccessibleName(text)
            self.empty.setVisible(True)
            self.nav.say(text)
        else:
            self.empty.clear()
            self.empty.setVisible(False)
            self.nav.say(
                fill(QCoreApplication.translate("ProgressScreen", "查到%1件办件，请看屏幕。"), len(merged))
            )
        if problem == "not_enrolled":
            self.show_message(
                BannerLevel.INFO,
                QCoreApplication.translate(
                    "ProgressScreen",
                    "本机没有连接政务服务平台，显示的是本机受理的办件。其他窗口受理的办件请到人工窗口查询。",
                ),
                speak=False,
            )
        elif problem in ("timeout", "cancel"):
            self.show_message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "ProgressScreen",
                    "政务服务平台没有及时回应，下面是本机保存的进度，可能不是最新。请稍后再查，或到人工窗口查询。",
                ),
            )
        elif problem:
            self.show_message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "ProgressScreen",
                    "暂时连不上政务服务平台，下面是本机保存的进度，可能不是最新。请稍后再查，或到人工窗口查询。",
                ),
            )
        elif reached:
            self.clear_message()

    # -- buttons -------------------------------------------------------------------------------

    def _on_up_clicked(self) -> None:
        bar = self.case_list.verticalScrollBar()
        bar.setValue(bar.value() - bar.pageStep())

    def _on_down_clicked(self) -> None:
        bar = self.case_list.verticalScrollBar()
        bar.setValue(bar.value() + bar.pageStep())

    def _on_scroll_changed(self, *_args: Any) -> None:
        self._update_scroll_buttons()

    def _update_scroll_buttons(self) -> None:
        bar = self.case_list.verticalScrollBar()
        scrollable = bar.maximum() > 0
        self.up_button.setVisible(scrollable)
        self.down_button.setVisible(scrollable)
        self.up_button.setEnabled(bar.value() > bar.minimum())
        self.down_button.setEnabled(bar.value() < bar.maximum())

    def _on_done_clicked(self) -> None:
        self.nav.service_done()

    def _on_rate_requested(self, number: str) -> None:
        """评价办理结果 on a decided case: the rating after this service goes to that case."""
        self.nav.session.rate_result(number)
        self.nav.service_done()
