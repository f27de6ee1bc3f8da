"""One case of the progress screen as a card: bundle, number, status, promised date, one row per department, and the note.

Built from a core.flows.kiosk.CaseProgress; the citizen sees no applicant data here (the
platform's answer holds none). Lives on the GUI thread.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus, MatterStatus
from core.errors import ValidationError
from core.flows.kiosk import CaseProgress
from qtkit.i18n import fill
from qtkit.scales import ThemeScale
from qtkit.widgets.big_button import BigButton


def case_status_label(status: CaseStatus) -> str:
    labels = {
        CaseStatus.DRAFT: QCoreApplication.translate("CaseStatus", "草稿"),
        CaseStatus.ACCEPTED: QCoreApplication.translate("CaseStatus", "已受理"),
        CaseStatus.ACCEPTED_DEFICIENT: QCoreApplication.translate("CaseStatus", "容缺受理（有材料待补齐）"),
        CaseStatus.DISPATCHED: QCoreApplication.translate("CaseStatus", "办理中"),
        CaseStatus.COMPLETED: QCoreApplication.translate("CaseStatus", "已办结"),
        CaseStatus.REJECTED: QCoreApplication.translate("CaseStatus", "不予办理"),
        CaseStatus.WITHDRAWN: QCoreApplication.translate("CaseStatus", "已撤回"),
        CaseStatus.TERMINATED: QCoreApplication.translate("CaseStatus", "已终止"),
        CaseStatus.SUPPLEMENT_NOTIFIED: QCoreApplication.translate(
            "CaseStatus", "未受理：材料需补正（已一次性告知）"
        ),
        CaseStatus.NOT_ACCEPTED: QCoreApplication.translate("CaseStatus", "不予受理"),
    }
    return labels[status]


def matter_status_label(status: MatterStatus) -> str:
    labels = {
        MatterStatus.PENDING: QCoreApplication.translate("MatterStatus", "待分发"),
        MatterStatus.DISPATCHED: QCoreApplication.translate("MatterStatus", "已分发，待部门受理"),
        MatterStatus.PROCESSING: QCoreApplication.translate("MatterStatus", "部门办理中"),
        MatterStatus.DONE: QCoreApplication.translate("MatterStatus", "已办结"),
        MatterStatus.REJECTED: QCoreApplication.translate("MatterStatus", "不予办理"),
    }
    return labels[status]


def readable_number(number: str) -> str:
    try:
        return parse_case_number(number).display
    except ValidationError:
        return number


def readable_date(value: date) -> str:
    return fill(QCoreApplication.translate("CaseCard", "%1年%2月%3日"), value.year, value.month, value.day)


def readable_time(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    return f"{readable_date(moment.date())} {moment:%H:%M}"


class CaseCard(QFrame):
    """A case as a framed card in the kiosk's colours and type sizes (GUI thread). A decided case has
    a 评价办理结果 button: ``rate_requested(number)`` (一事一评, GB/T 39734 §7.1)."""

    rate_requested = Signal(str)

    def __init__(
        self, item: CaseProgress, scale: ThemeScale, *, reached: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.scale = scale
        self.rate_button: BigButton | None = None
        self._build(item, reached)

    def _build(self, item: CaseProgress, reached: bool) -> None:
        colors = self.scale.colors
        self.setObjectName("progress-card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#progress-card {{ background: {colors.surface}; border: {self.scale.border_px}px solid "
            f"{colors.border}; border-radius: {self.scale.radius_px}px; }}"
        )
        layout = QVBoxLayout(self)
        pad = self.scale.spacing_px * 2
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(self.scale.spacing_px)
        layout.addWidget(self._label(self, item.bundle_name, self.scale.heading_pt, bold=True))
        layout.addWidget(
            self._label(
                self,
                fill(QCoreApplication.translate("CaseCard", "办件编号：%1"), readable_number(item.number)),
            )
        )
        if item.official_number:  # the platform's 办件编号, once bound (what the province's systems know)
            official = self._label(
                self, fill(QCoreApplication.translate("CaseCard", "统一办件编号：%1"), item.official_number)
            )
            official.setProperty("role", "official-number")
            layout.addWidget(official)
        status = fill(QCoreApplication.translate("CaseCard", "办理状态：%1"), case_status_label(item.status))
        status_label = self._label(self, status, self.scale.heading_pt, bold=True)
        status_label.setProperty("role", "case-status")
        layout.addWidget(status_label)
        if item.promised_date is not None:
            layout.addWidget(
                self._label(
                    self,
                    fill(
                        QCoreApplication.translate("CaseCard", "承诺办结：%1前"),
                        readable_date(item.promised_date),
                    ),
                )
            )
        changed = readable_time(item.status_changed_at)
        if changed:
            layout.addWidget(
                self._label(
                    self,
                    fill(QCoreApplication.translate("CaseCard", "状态更新：%1"), changed),
                    muted=True,
                )
            )
        if item.matters:
            grid = QGridLayout()
            grid.setHorizontalSpacing(self.scale.spacing_px * 2)
            grid.setVerticalSpacing(self.scale.spacing_px)
            headers = (
                QCoreApplication.translate("CaseCard", "事项与部门"),
                QCoreApplication.translate("CaseCard", "进度"),
                QCoreApplication.translate("CaseCard", "办理结果"),
            )
            for column, header in enumerate(headers):
                grid.addWidget(self._label(self, header, bold=True, muted=True), 0, column)
            for row, matter in enumerate(item.matters, start=1):
                # The matter first (a department may handle several), its department under it.
                text = f"{matter.name}\n{matter.dept_name}" if matter.dept_name else matter.name
                dept = self._label(self, text)
                grid.addWidget(dept, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(
                    self._label(self, matter_status_label(matter.status), bold=True),
                    row,
                    1,
                    Qt.AlignmentFlag.AlignTop,
                )
                result = matter.result or QCoreApplication.translate("CaseCard", "—")
                grid.addWidget(self._label(self, result), row, 2, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            grid.setColumnStretch(2, 4)
            layout.addLayout(grid)
        note = self._note(item, reached)
        if note:
            note_label = self._label(self, note)
            note_label.setProperty("role", "case-note")
            note_label.setStyleSheet(
                f"background: {colors.warning_bg}; color: {colors.warning_text}; padding: {self.scale.spacing_px}px;"
            )
            layout.addWidget(note_label)
        if item.status in (CaseStatus.COMPLETED, CaseStatus.REJECTED):
            self.rate_button = BigButton(QCoreApplication.translate("CaseCard", "评价办理结果"), self)
            self.rate_button.clicked.connect(lambda: self.rate_requested.emit(item.number))
            layout.addWidget(self.rate_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setAccessibleName(
            fill(QCoreApplication.translate("CaseCard", "办件：%1，%2"), item.bundle_name, status)
        )

    def _note(self, item: CaseProgress, reached: bool) -> str:
        """The honest sentence under a case (core.flows.kiosk.CaseProgress.note, translated)."""
        if not item.uploaded:
            return QCoreApplication.translate(
                "CaseCard",
                "本机已受理，尚未上传到政务服务平台；联网后自动上传，部门办理进度届时更新。",
            )
        if item.source == "local" and reached:
            return QCoreApplication.translate(
                "CaseCard", "政务服务平台暂未返回这个办件的进度，以下是本机最近一次同步时的进度。"
            )
        if item.source == "local":
            return QCoreApplication.translate(
                "CaseCard", "暂时连不上政务服务平台，以下是本机最近一次同步时的进度。"
            )
        return ""

    def _label(
        self,
        parent: QWidget,
        text: str,
        size: float | None = None,
        *,
        bold: bool = False,
        muted: bool = False,
    ) -> QLabel:
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setPointSizeF(size or self.scale.body_pt)
        font.setBold(bold)
        label.setFont(font)
        if muted:
            label.setStyleSheet(f"color: {self.scale.colors.text_muted};")
        return label
