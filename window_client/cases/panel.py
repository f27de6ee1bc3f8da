"""``CaseDeskPanel``: find a case (number, receipt QR, ID number, name), filter the list, act on the chosen case."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.case_numbers import parse_case_number
from core.cases.model import Case, CaseStatus
from core.errors import ValidationError
from devices.qr import ScanResult
from devices.qr.payloads import PayloadKind, classify_payload
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel, BannerMessage, MessageBanner
from services.changes import Changes
from window_client.cases import queries
from window_client.cases.actions import CaseActions
from window_client.cases.detail import CaseDetailPane
from window_client.cases.filters import CaseFilterBar
from window_client.cases.models import CaseTableModel
from window_client.cases.queries import CaseDetail, CaseFilter, SearchKind, SearchOutcome, SyncState
from window_client.cases.rating_dialog import CitizenAsker
from window_client.cases.results import CaseResultsView
from window_client.context import WindowContext

logger = logging.getLogger(__name__)


class CaseDeskPanel(QWidget):
    """The case desk (办件查询): lives on the GUI thread; every store call goes through the store worker.

    ``case_opened(number)`` when a case's detail is shown; ``receipt_scanned(number)`` when a
    受理回执 QR was scanned (the main window may bring this tab forward). Scans never type into
    the search box: they arrive from the DeviceBridge or the WedgeFilter (``ctx.wedge``).
    """

    case_opened = Signal(str)
    receipt_scanned = Signal(str)
    results_shown = Signal(int)

    def __init__(
        self, ctx: WindowContext, parent: QWidget | None = None, *, citizen: CitizenAsker | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # The applicant rates a decided case (一事一评) where they rate at intake: the window's citizen
        # screen (the main window hands in the intake's); without one the desk offers no 办结评价.
        self.citizen = citizen
        self._text = ""  # what the results show: the last search text, or a scanned number
        self._search_generation = 0
        self._detail_generation = 0
        self._selected = ""  # the case shown in the detail pane
        self._loaded = False
        self._banner_retry = False
        scale = current_scale()
        self.case_actions = CaseActions(ctx, self)
        self.banner = MessageBanner(self)

        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_button = QPushButton(self)
        self.search_button.setProperty("variant", "primary")
        self.filter_bar = CaseFilterBar(self)
        self.terminate_button = QPushButton(self)

        search_row = QHBoxLayout()
        search_row.setSpacing(scale.spacing_px)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.search_button)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_bar)
        filter_row.addStretch(1)
        filter_row.addWidget(self.terminate_button)

        self.results = CaseResultsView(ctx.clock.now().date(), self)
        self.results.case_chosen.connect(self._on_case_chosen)
        self.detail_pane = CaseDetailPane(self)
        self.detail_pane.rates_results = citizen is not None
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(
            scale.spacing_px * 2, scale.spacing_px * 2, scale.spacing_px * 2, scale.spacing_px
        )
        layout.setSpacing(scale.spacing_px)
        layout.addWidget(self.banner)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.splitter, 1)

        order = [
            self.search_edit,
            self.search_button,
            *self.filter_bar.combos,
            self.terminate_button,
            self.results.table,
            self.detail_pane.reveal_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.search_edit)

        self.search_edit.returnPressed.connect(self._on_return_pressed)
        self.search_button.clicked.connect(self._on_search_clicked)
        self.filter_bar.filters_changed.connect(self._on_filters_changed)
        self.terminate_button.clicked.connect(self.case_actions.terminate_overdue)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self._on_find_shortcut_activated)
        pane = self.detail_pane
        pane.supplement_requested.connect(self._on_supplement_requested)
        pane.verify_requested.connect(self._on_verify_requested)
        pane.procedure_requested.connect(self._on_procedure_requested)
        pane.follow_up_requested.connect(self._on_follow_up_requested)
        pane.rate_result_requested.connect(self._on_rate_result_requested)
        pane.reprint_requested.connect(self._on_reprint_requested)
        pane.withdraw_requested.connect(self._on_withdraw_requested)
        pane.release_requested.connect(self._on_release_requested)
        pane.reveal_requested.connect(self._on_reveal_requested)
        self.case_actions.action_succeeded.connect(self._on_action_succeeded)
        self.case_actions.action_failed.connect(self._on_action_failed)
        self.case_actions.print_failed.connect(self._on_print_failed)
        self.case_actions.busy_changed.connect(self._on_busy_changed)
        self.banner.action_triggered.connect(self._on_banner_action_triggered)
        ctx.session.changed.connect(self._on_session_changed)
        ctx.devices.code_scanned.connect(self._on_code_scanned)
        wedge = ctx.wedge
        if wedge is not None:
            wedge.scanned.connect(self._on_wedge_scanned)
        ctx.operations.operation_did_execute.connect(self._on_operation_did_execute)
        self._retranslate()
        self._update_actions()

    # -- public --------------------------------------------------------------------------------

    @property
    def detail(self) -> CaseDetail | None:
        return self.detail_pane.detail

    @property
    def model(self) -> CaseTableModel:
        """The results' model (tests and the walk-through read it)."""
        return self.results.model

    def search(self, text: str | None = None) -> None:
        """Search for ``text`` (default: what the search box holds) with the current filters."""
        self._text = self.search_edit.text() if text is None else text
        self._run_search()

    def refresh(self) -> None:
        """Run the last search again and reload the case shown (after an operation changed cases)."""
        self._run_search(select=self._selected)

    def open_case(self, number: str) -> None:
        """Show case ``number`` (any readable form) alone in the list and in the detail pane."""
        self.search_edit.clear()
        self._text = number
        self._run_search(select=number)

    def set_status_filter(self, status: CaseStatus | None) -> None:
        self.filter_bar.set_status(status)

    def set_sync_filter(self, state: SyncState | None) -> None:
        self.filter_bar.set_sync(state)

    def set_due_within(self, days: int | None) -> None:
        self.filter_bar.set_due_within(days)

    def filters(self) -> CaseFilter:
        return self.filter_bar.filters()

    # -- searching -----------------------------------------------------------------------------

    def _run_search(self, select: str = "") -> None:
        self._search_generation += 1
        generation = self._search_generation
        services, text, filters = self.case_actions.services(), self._text, self.filters()
        self.results.show_searching()
        self._ctx.operations.run_store(
            self,
            lambda store: queries.search(store, services, text, filters),
            lambda outcome: self._on_search_done(generation, outcome, select),
            lambda error: self._on_search_failed(generation, error),
        )

    def _on_search_done(self, generation: int, outcome: SearchOutcome, select: str) -> None:
        if generation != self._search_generation:
            return  # a newer search is under way
        self.results.show_outcome(outcome, self._ctx.clock.now().date())
        wanted = _digits(select or self._selected)
        if len(outcome.rows) == 1 and outcome.kind in (SearchKind.NUMBER, SearchKind.OFFICIAL):
            wanted = outcome.rows[0].number  # a number look-up shows its case at once
        if wanted and self.results.select(wanted):
            self._load_detail(wanted)
        else:
            self._show_detail(None)
        self.results_shown.emit(len(outcome.rows))

    def _on_search_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._search_generation:
            return
        self.results.show_failure(describe(error))
        self._show_detail(None)
        self.results_shown.emit(0)

    # -- the detail ----------------------------------------------------------------------------

    def _load_detail(self, number: str) -> None:
        self._selected = number
        self._detail_generation += 1
        generation = self._detail_generation
        services = self.case_actions.services()
        self._ctx.operations.run_store(
            self,
            lambda store: queries.detail(store, services, number),
            lambda detail: self._on_detail_loaded(generation, detail),
            lambda error: self._on_detail_failed(generation, error),
        )

    def _on_detail_loaded(self, generation: int, detail: CaseDetail) -> None:
        if generation != self._detail_generation:
            return
        self._show_detail(detail)
        self.case_opened.emit(detail.case.number)

    def _on_detail_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._detail_generation:
            self._show_detail(None)
            self._show_banner(BannerLevel.ERROR, describe(error))

    def _show_detail(self, detail: CaseDetail | None) -> None:
        if detail is None:
            self._selected = ""
            self._detail_generation += 1  # a load still under way is for a case no longer shown
        self.detail_pane.set_detail(detail)
        self._update_actions()

    def _update_actions(self) -> None:
        session = self._ctx.session.session
        self.detail_pane.update_actions(session, self.case_actions.busy)
        self.terminate_button.setEnabled(session is not None and not self.case_actions.busy)

    # -- slots ---------------------------------------------------------------------------------

    def _on_return_pressed(self) -> None:
        self.search()

    def _on_search_clicked(self) -> None:
        self.search()

    def _on_filters_changed(self) -> None:
        self.search()  # what the box holds: after a scan (box empty) the filters list recent cases

    def _on_find_shortcut_activated(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_case_chosen(self, number: str) -> None:
        if number != self._selected or self.detail is None:
            self._load_detail(number)

    def _on_supplement_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.supplement(self.detail.case)

    def _on_verify_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.verify(self.detail.case)

    def _on_procedure_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.procedure(self.detail.case)

    def _on_follow_up_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.follow_up(self.detail.case)

    def _on_rate_result_requested(self) -> None:
        if self.detail is not None and self.citizen is not None:
            self.case_actions.rate_result(self.detail.case, self.citizen)

    def _on_reprint_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.reprint(self.detail)

    def _on_withdraw_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.withdraw(self.detail.case)

    def _on_release_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.release(self.detail.case.number)

    def _on_reveal_requested(self) -> None:
        if self.detail is not None:
            self.case_actions.reveal(self.detail.case.number, self._on_revealed)

    def _on_revealed(self, case: Case) -> None:
        self.detail_pane.show_revealed(case)
        self._update_actions()

    def _on_action_succeeded(self, message: str, _number: str) -> None:
        self._show_banner(BannerLevel.SUCCESS, message)  # what changed reloads through ctx.operations

    def _on_action_failed(self, message: str) -> None:
        self._show_banner(BannerLevel.ERROR, message)
        self.refresh()

    def _on_print_failed(self, message: str) -> None:
        self._show_banner(
            BannerLevel.ERROR, message, action=QCoreApplication.translate("CaseDeskPanel", "重打未完成的回执")
        )
        self._banner_retry = True
        self.refresh()

    def _on_banner_action_triggered(self) -> None:
        if self._banner_retry:
            self.banner.clear()
            self._banner_retry = False
            self.case_actions.retry_prints()

    def _on_busy_changed(self, _busy: bool) -> None:
        self._update_actions()

    def _on_session_changed(self, _session: object) -> None:
        self._update_actions()

    def _on_operation_did_execute(self, changes: Changes, _initiator: object) -> None:
        """A case changed here, at the intake or in a sync round, or what waits to upload did (the
        list shows each case's upload state): the list and the case shown are read again."""
        if self._loaded and (changes.any_case or changes.outbox):
            self.refresh()

    def _on_code_scanned(self, scan: ScanResult) -> None:
        self._scanned(scan.text, scan.format)

    def _on_wedge_scanned(self, text: str) -> None:
        self._scanned(text, "QRCODE")  # a keyboard wedge does not say the symbology; receipts are QR

    def _scanned(self, text: str, code_format: str) -> None:
        if self.case_actions.dialog is not None:
            return  # never switch cases under an open dialog
        payload = classify_payload(text, code_format)
        if payload.kind is PayloadKind.TONGBAN_RECEIPT:
            self.banner.clear()
            self.open_case(payload.value)
            self.receipt_scanned.emit(payload.value)
        elif self.isVisible():
            self._show_banner(
                BannerLevel.INFO,
                QCoreApplication.translate(
                    "CaseDeskPanel", "扫到的不是通办受理回执的二维码。请扫描回执上的二维码，或输入办件编号。"
                ),
            )

    def _show_banner(self, level: BannerLevel, text: str, action: str | None = None) -> None:
        self._banner_retry = False
        self.banner.show_message(BannerMessage(level, text, action))

    # -- Qt events -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:  # no I/O in the constructor (STYLE.md): the first list when first shown
            self._loaded = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 53 // 100, width - width * 53 // 100])
            self._run_search()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate(
                "CaseDeskPanel", "办件编号、证件号码或申请人姓名，按回车查找；也可直接扫描回执二维码"
            )
        )
        self.search_edit.setAccessibleName(QCoreApplication.translate("CaseDeskPanel", "查找办件"))
        self.search_button.setText(QCoreApplication.translate("CaseDeskPanel", "查找"))
        self.search_button.setAccessibleName(QCoreApplication.translate("CaseDeskPanel", "查找"))
        self.terminate_button.setText(QCoreApplication.translate("CaseDeskPanel", "终止逾期办件"))
        self.terminate_button.setAccessibleName(
            QCoreApplication.translate("CaseDeskPanel", "终止容缺逾期的办件")
        )
        self.setAccessibleName(QCoreApplication.translate("CaseDeskPanel", "办件查询"))


def _digits(number: str) -> str:
    try:
        return parse_case_number(number).digits
    except ValidationError:
        return number
