"""``CaseDetailPane``: one case — its facts, sync state, actions, and tabs for departments, materials, timeline."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.case_numbers import parse_case_number
from core.cases.model import Case, CaseStatus
from core.cases.ratings import RatingStage, default_stage, open_follow_ups
from core.cases.special_procedures import PAUSABLE
from core.masking import mask_name
from core.staff import StaffSession
from qtkit.i18n import fill
from qtkit.labels import document_prefix
from qtkit.theme import current_scale
from qtkit.widgets import MaskedIdLabel
from qtkit.widgets.icons import StatusKind, status_pixmap
from sync.contract import ErrorCode
from window_client.cases.models import RowsModel, short_time, status_label, sync_label
from window_client.cases.procedure_dialog import due_text, moved_text, paused_text, procedure_line
from window_client.cases.queries import CaseDetail, SyncState
from window_client.cases.rating_dialog import rating_line
from window_client.cases.timeline import (
    event_headers,
    event_lines,
    history_text,
    item_headers,
    item_lines,
    matter_headers,
    matter_lines,
)

_SYNC_KIND = {
    SyncState.SYNCED: StatusKind.OK,
    SyncState.PENDING: StatusKind.UNKNOWN,
    SyncState.QUARANTINED: StatusKind.FAULT,
    SyncState.REWORK: StatusKind.FAULT,
}


def no_retry_text() -> str:
    """Why 解除隔离 is refused for a case the platform will never take, and what staff can do."""
    return QCoreApplication.translate(
        "CaseDetail",
        "重新上传不会成功，所以不能解除隔离。请为申请人重新受理（将得到新的办件编号和回执），再撤回本件。",
    )


def _table(model: RowsModel, stretch: tuple[int, ...], parent: QWidget) -> QTableView:
    """A read-only table; the ``stretch`` columns share the width (long texts elide, with a tooltip),
    the others fit their contents, so nothing scrolls sideways in the pane."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)  # a department's result is read whole, not guessed from an ellipsis
    view.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users), arrows move inside
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return view


class CaseDetailPane(QWidget):
    """Shows a CaseDetail (or a hint when none is chosen). Lives on the GUI thread.

    The buttons only ask: ``supplement_requested``, ``verify_requested`` (告知承诺的核查),
    ``reprint_requested``, ``withdraw_requested``,
    ``release_requested``, ``reveal_requested``; the desk does the work.
    """

    supplement_requested = Signal()
    verify_requested = Signal()
    procedure_requested = Signal()  # 特别程序: start one, or end the one running
    follow_up_requested = Signal()  # 差评处置: 整改结果, 回访, 申诉复核
    rate_result_requested = Signal()  # 一事一评: the applicant rates the decided case
    reprint_requested = Signal()
    withdraw_requested = Signal()
    release_requested = Signal()
    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scale = current_scale()
        self._detail: CaseDetail | None = None
        self._stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setProperty("role", "muted")
        self._stack.addWidget(self.placeholder)
        page = QWidget(self)
        self._stack.addWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(scale.spacing_px, 0, 0, 0)
        layout.setSpacing(scale.spacing_px)

        header = QHBoxLayout()
        self.number_label = QLabel(page)
        self.number_label.setProperty("role", "heading")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(page)
        bold = self.status_label.font()
        bold.setBold(True)
        self.status_label.setFont(bold)
        self._sync_icon = QLabel(page)
        self.sync_label = QLabel(page)
        header.addWidget(self.number_label)
        header.addSpacing(scale.spacing_px * 2)
        header.addWidget(self.status_label)
        header.addStretch(1)
        header.addWidget(self._sync_icon)
        header.addWidget(self.sync_label)
        layout.addLayout(header)

        grid = QGridLayout()
        grid.setHorizontalSpacing(scale.spacing_px * 2)
        grid.setVerticalSpacing(scale.spacing_px // 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.bundle_value = self._value(page)
        self.promised_value = self._value(page)
        self.created_value = self._value(page)
        self.official_value = self._value(page)
        self.evaluation_value = self._value(page)
        self.evaluation_value.setWordWrap(True)  # two ratings, each with its 整改 and 回访
        self.prints_value = self._value(page)
        self.name_value = self._value(page)
        self.id_label = MaskedIdLabel("", page)
        self.reveal_button = QPushButton(page)
        self.reveal_button.setProperty("variant", "link")
        self.reveal_button.clicked.connect(self.reveal_requested)
        applicant = QHBoxLayout()
        applicant.setSpacing(scale.spacing_px)
        applicant.addWidget(self.name_value)
        applicant.addWidget(self.id_label)
        applicant.addWidget(self.reveal_button)
        applicant.addStretch(1)
        cells: list[tuple[int, int, QWidget | QHBoxLayout]] = [
            (0, 0, self.bundle_value),
            (0, 2, self.promised_value),
            (1, 0, applicant),
            (1, 2, self.created_value),
            (2, 0, self.official_value),
            (2, 2, self.evaluation_value),
            (3, 0, self.prints_value),
        ]
        self._captions: list[QLabel] = []
        for row, column, value in cells:
            label = QLabel(page)
            label.setProperty("role", "muted")
            self._captions.append(label)
            grid.addWidget(label, row, column)
            if isinstance(value, QWidget):
                grid.addWidget(value, row, column + 1)
            else:
                grid.addLayout(value, row, column + 1)
        layout.addLayout(grid)

        self.sync_note = QLabel(page)
        self.sync_note.setWordWrap(True)
        self.sync_note.setProperty("status", "fault")
        layout.addWidget(self.sync_note)

        actions = QHBoxLayout()
        actions.setSpacing(scale.spacing_px)
        self.supplement_button = QPushButton(page)
        self.verify_button = QPushButton(page)
        self.follow_up_button = QPushButton(page)
        self.procedure_button = QPushButton(page)
        self.rate_result_button = QPushButton(page)
        self.rates_results = False  # a citizen screen to rate on (the case desk sets it)
        self.reprint_button = QPushButton(page)
        self.withdraw_button = QPushButton(page)
        self.release_button = QPushButton(page)
        for button, signal in (
            (self.supplement_button, self.supplement_requested),
            (self.verify_button, self.verify_requested),
            (self.follow_up_button, self.follow_up_requested),
            (self.procedure_button, self.procedure_requested),
            (self.rate_result_button, self.rate_result_requested),
            (self.reprint_button, self.reprint_requested),
            (self.withdraw_button, self.withdraw_requested),
            (self.release_button, self.release_requested),
        ):
            button.clicked.connect(signal)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.tabs = QTabWidget(page)
        self.matters_model = RowsModel(matter_headers(), self)
        self.items_model = RowsModel(item_headers(), self)
        self.events_model = RowsModel(event_headers(), self)
        self.matters_view = _table(self.matters_model, (1, 3), self.tabs)  # 事项, 办理结果
        self.items_view = _table(self.items_model, (0, 3), self.tabs)  # 材料, 说明
        timeline = QWidget(self.tabs)
        timeline_layout = QVBoxLayout(timeline)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.events_view = _table(self.events_model, (2,), timeline)  # 内容
        self.history_label = QLabel(timeline)
        self.history_label.setWordWrap(True)
        self.history_label.setTextFormat(Qt.TextFormat.PlainText)
        timeline_layout.addWidget(self.events_view, 1)
        timeline_layout.addWidget(self.history_label)
        self.tabs.addTab(self.matters_view, "")
        self.tabs.addTab(self.items_view, "")
        self.tabs.addTab(timeline, "")
        layout.addWidget(self.tabs, 1)

        order = [
            self.reveal_button,
            self.supplement_button,
            self.verify_button,
            self.follow_up_button,
            self.procedure_button,
            self.rate_result_button,
            self.reprint_button,
            self.withdraw_button,
            self.release_button,
            self.tabs,
            self.matters_view,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._retranslate()
        self.set_detail(None)

    @property
    def detail(self) -> CaseDetail | None:
        return self._detail

    def set_detail(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        if detail is None:
            self._stack.setCurrentIndex(0)
            self.matters_model.set_lines([])
            self.items_model.set_lines([])
            self.events_model.set_lines([])
            return
        case = detail.case
        self._stack.setCurrentIndex(1)
        self.number_label.setText(parse_case_number(case.number).display)
        self.number_label.setAccessibleName(
            fill(QCoreApplication.translate("CaseDetail", "办件编号 %1"), self.number_label.text())
        )
        paused = paused_text(case)  # 特别程序中: the clock is paused (行政许可法 §45)
        self.status_label.setText(
            fill(QCoreApplication.translate("CaseDetail", "%1 · %2"), status_label(case.status), paused)
            if paused
            else status_label(case.status)
        )
        self.status_label.setAccessibleName(self.status_label.text())
        self._sync_icon.setPixmap(status_pixmap(_SYNC_KIND[detail.sync], current_scale().icon_px))
        self.sync_label.setText(sync_label(detail.sync))
        self.sync_label.setAccessibleName(
            fill(QCoreApplication.translate("CaseDetail", "同步状态：%1"), sync_label(detail.sync))
        )
        self.bundle_value.setText(case.bundle_name)
        self.promised_value.setText(due_text(case))
        self.promised_value.setToolTip(moved_text(case))
        self.created_value.setText(short_time(case.created_at))
        self.official_value.setText(
            case.official_number
            or QCoreApplication.translate("CaseDetail", "尚未绑定（联网同步后由平台下发）")
        )
        self.evaluation_value.setText(self._evaluation(case))
        self.prints_value.setText(self._prints(detail))
        self.name_value.setText(mask_name(case.applicant.name) + _document_note(case))
        self.id_label.set_id_number(case.applicant.id_number)
        self.reveal_button.setEnabled(True)
        self.sync_note.setText(self._sync_note(detail))
        self.sync_note.setVisible(bool(self.sync_note.text()))
        self.release_button.setVisible(detail.sync is SyncState.QUARANTINED)
        self.verify_button.setVisible(any(i.check is not None for i in case.items))
        self.follow_up_button.setVisible(any(r.rectification is not None for r in case.evaluations))
        self.procedure_button.setVisible(case.refusal is None)
        self.procedure_button.setText(
            QCoreApplication.translate("CaseDetail", "结束特别程序")
            if case.open_procedures
            else QCoreApplication.translate("CaseDetail", "特别程序")
        )
        self.procedure_button.setAccessibleName(self.procedure_button.text())
        self.rate_result_button.setVisible(  # decided: 一事一评
            self.rates_results and default_stage(case) is RatingStage.RESULT
        )
        if case.refusal is not None:  # an application not accepted has its notice, no receipt
            self.reprint_button.setText(
                QCoreApplication.translate("CaseDetail", "补打通知书")
                if detail.receipt_printed
                else QCoreApplication.translate("CaseDetail", "打印通知书")
            )
        else:
            self.reprint_button.setText(
                QCoreApplication.translate("CaseDetail", "补打回执")
                if detail.receipt_printed
                else QCoreApplication.translate("CaseDetail", "打印回执")
            )
        self.reprint_button.setAccessibleName(self.reprint_button.text())
        self.matters_model.set_lines(matter_lines(case))
        self.items_model.set_lines(item_lines(case))
        self.events_model.set_lines(event_lines(detail))
        history = "\n".join(
            [*(procedure_line(case, p) for p in case.special_procedures), *filter(None, [history_text(case)])]
        )
        self.history_label.setText(
            fill(QCoreApplication.translate("CaseDetail", "备注：\n%1"), history) if history else ""
        )
        self.history_label.setVisible(bool(history))

    def show_revealed(self, case: Case) -> None:
        """After an audited look: the full name and ID number of the applicant."""
        if self._detail is None or self._detail.case.number != case.number:
            return
        self.name_value.setText(case.applicant.name + _document_note(case))
        self.id_label.set_id_number(case.applicant.id_number)
        self.id_label.reveal()
        self.reveal_button.setEnabled(False)

    def update_actions(self, session: StaffSession | None, busy: bool) -> None:
        """Enable what this case allows, for whoever is logged in, unless a change is running."""
        detail = self._detail
        case = detail.case if detail else None
        usable = case is not None and session is not None and not busy
        final = case is not None and case.status.final
        self.supplement_button.setEnabled(usable and bool(case and case.deficient_items) and not final)
        self.verify_button.setEnabled(usable and bool(case and case.open_checks))
        self.follow_up_button.setEnabled(usable and case is not None and bool(open_follow_ups(case)))
        self.procedure_button.setEnabled(
            usable and case is not None and (bool(case.open_procedures) or case.status in PAUSABLE)
        )
        self.rate_result_button.setEnabled(
            usable
            and case is not None
            and default_stage(case) is RatingStage.RESULT
            and case.rating(RatingStage.RESULT) is None  # once per stage
        )
        self.reprint_button.setEnabled(usable and case is not None and case.status is not CaseStatus.DRAFT)
        self.withdraw_button.setEnabled(usable and not final)
        held = detail.quarantine if detail is not None else None
        final_refusal = held is not None and not held.retry_helps  # no retry can help (sync/push.py)
        self.release_button.setEnabled(usable and not final_refusal)
        self.release_button.setToolTip(no_retry_text() if final_refusal else "")
        self.release_button.setAccessibleDescription(self.release_button.toolTip())
        self.reveal_button.setEnabled(
            session is not None and case is not None and not self.id_label.is_revealed
        )
        needs_supervisor = QCoreApplication.translate("CaseDetail", "需要值班长确认")
        for button, action in ((self.withdraw_button, "withdraw"), (self.reprint_button, "reprint")):
            reprint_free = button is self.reprint_button and detail is not None and not detail.receipt_printed
            may = session is not None and (session.may(action) or reprint_free)
            button.setToolTip("" if may else needs_supervisor)

    def _value(self, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _evaluation(self, case: Case) -> str:
        if not case.evaluations:
            return QCoreApplication.translate("CaseDetail", "尚未评价")
        return "\n".join(rating_line(r, short=True) for r in case.evaluations)

    def _prints(self, detail: CaseDetail) -> str:
        prints = detail.prints
        if prints.open:
            return fill(
                QCoreApplication.translate("CaseDetail", "有 %1 份没有打印成功：%2"),
                prints.open,
                prints.last_error or "",
            )
        if prints.printed:
            return self.tr("已打印 %n 次", "", prints.printed)
        return QCoreApplication.translate("CaseDetail", "本机未打印过")

    def _sync_note(self, detail: CaseDetail) -> str:
        held = detail.quarantine
        if held is not None and not held.retry_helps:
            reason = (
                QCoreApplication.translate(
                    "CaseDetail", "本办件的编号已由另一台设备提交，两台设备用过同一个设备编号"
                )
                if held.code == ErrorCode.NUMBER_TAKEN
                else held.message
            )
            return fill(
                QCoreApplication.translate("CaseDetail", "平台拒收了本办件，以后也不会接收（%1）。%2"),
                reason,
                no_retry_text(),
            )
        if held is not None:
            return fill(
                QCoreApplication.translate(
                    "CaseDetail",
                    "平台拒收了本办件的记录（%1）。之后的记录暂停上传；按原因处理后，点“解除隔离”重新上传。",
                ),
                held.message,
            )
        if detail.rework is not None:
            return fill(
                QCoreApplication.translate("CaseDetail", "平台退回重办：%1（须按目录 %2 重新核验）"),
                detail.rework.message,
                detail.rework.catalog_version,
            )
        return ""

    def _retranslate(self) -> None:
        self.placeholder.setText(
            QCoreApplication.translate("CaseDetail", "在左侧选择一个办件，或扫描受理回执上的二维码。")
        )
        captions = [
            QCoreApplication.translate("CaseDetail", "事项"),
            QCoreApplication.translate("CaseDetail", "承诺办结"),
            QCoreApplication.translate("CaseDetail", "申请人"),
            QCoreApplication.translate("CaseDetail", "受理时间"),
            QCoreApplication.translate("CaseDetail", "统一办件编号"),
            QCoreApplication.translate("CaseDetail", "评价"),
            QCoreApplication.translate("CaseDetail", "回执"),
        ]
        for label, caption in zip(self._captions, captions, strict=True):
            label.setText(caption)
        buttons = [
            (self.reveal_button, QCoreApplication.translate("CaseDetail", "核验完整号码")),
            (self.supplement_button, QCoreApplication.translate("CaseDetail", "补齐材料")),
            (self.verify_button, QCoreApplication.translate("CaseDetail", "记录核查")),
            (self.follow_up_button, QCoreApplication.translate("CaseDetail", "差评处置")),
            (self.procedure_button, QCoreApplication.translate("CaseDetail", "特别程序")),
            (self.rate_result_button, QCoreApplication.translate("CaseDetail", "办结评价")),
            (self.reprint_button, QCoreApplication.translate("CaseDetail", "补打回执")),
            (self.withdraw_button, QCoreApplication.translate("CaseDetail", "撤回")),
            (self.release_button, QCoreApplication.translate("CaseDetail", "解除隔离")),
        ]
        for button, text in buttons:
            button.setText(text)
            button.setAccessibleName(text)
        self.tabs.setTabText(0, QCoreApplication.translate("CaseDetail", "办理进度"))
        self.tabs.setTabText(1, QCoreApplication.translate("CaseDetail", "申请材料"))
        self.tabs.setTabText(2, QCoreApplication.translate("CaseDetail", "办理记录"))
        self.tabs.setAccessibleName(QCoreApplication.translate("CaseDetail", "办件详情"))
        self.tabs.tabBar().setAccessibleName(QCoreApplication.translate("CaseDetail", "详情分页"))
        self.matters_view.setAccessibleName(QCoreApplication.translate("CaseDetail", "各部门办理进度"))
        self.items_view.setAccessibleName(QCoreApplication.translate("CaseDetail", "申请材料"))
        self.events_view.setAccessibleName(QCoreApplication.translate("CaseDetail", "办理记录"))
        self.setAccessibleName(QCoreApplication.translate("CaseDetail", "办件详情"))
        self.matters_model.set_headers(matter_headers())
        self.items_model.set_headers(item_headers())
        self.events_model.set_headers(event_headers())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.set_detail(self._detail)
        super().changeEvent(event)


def _document_note(case: Case) -> str:
    """After the name: the document used, when it is not the resident ID card (e.g. （外国护照 DEU）)."""
    prefix = document_prefix(case.applicant.id_kind).strip()
    if not prefix:
        return ""
    nationality = f" {case.applicant.nationality}" if case.applicant.nationality else ""
    return f"（{prefix}{nationality}）"
