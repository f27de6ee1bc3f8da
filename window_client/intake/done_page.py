"""Step "完成": the case number LARGE, the receipts' printing, the rating, and the departments' results as they come."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from core.cases.model import Case, CaseStatus, RefusalKind
from core.cases.refusal import missing_items
from core.flows.intake import Step
from qtkit.i18n import fill
from qtkit.labels import evaluation_label, promised_label
from qtkit.theme import current_scale
from window_client.cases.models import matter_label, status_label
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.review_page import fill_grid
from window_client.intake.summary import case_number_text
from window_client.intake.widgets import card, heading, hint, repolish


class DonePage(IntakePage):
    """Lives on the GUI thread; shows ``case`` (the screen feeds it: accepted, reloaded after sync).

    ``retry_print_requested`` and ``new_intake_requested`` go to the screen.
    """

    step = Step.DONE
    retry_print_requested = Signal()
    new_intake_requested = Signal()

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        self.set_titles(QCoreApplication.translate("DonePage", "受理完成"))
        scale = current_scale()
        top, top_layout = card(self)
        top_layout.addWidget(
            hint(QCoreApplication.translate("DonePage", "办件编号（请告知申请人，凭回执查询进度）"), top)
        )
        self.number = QLabel(top)
        self.number.setObjectName("case_number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.number.font()
        font.setPointSizeF(scale.title_pt * 2)
        font.setBold(True)
        self.number.setFont(font)
        top_layout.addWidget(self.number)
        self.status = QLabel(top)
        self.status.setProperty("role", "heading")
        self.status.setWordWrap(True)
        top_layout.addWidget(self.status)
        self.upload = hint("", top)
        top_layout.addWidget(self.upload)
        self.body.addWidget(top)

        hand, hand_layout = card(self)
        hand_layout.addWidget(heading(QCoreApplication.translate("DonePage", "交给申请人"), hand))
        row = QHBoxLayout()
        self.printing = QLabel(hand)
        self.printing.setObjectName("print_state")
        self.printing.setWordWrap(True)
        row.addWidget(self.printing, 1)
        self.retry = QPushButton(QCoreApplication.translate("DonePage", "重新打印"), hand)
        self.retry.setObjectName("print_retry")
        self.retry.clicked.connect(self.retry_print_requested)
        self.retry.setVisible(False)
        row.addWidget(self.retry)
        hand_layout.addLayout(row)
        self.rating = QLabel(hand)
        self.rating.setObjectName("rating_state")
        hand_layout.addWidget(self.rating)
        lower = QHBoxLayout()
        lower.setSpacing(2 * scale.spacing_px)
        lower.addWidget(hand, 2, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(lower)

        results, results_layout = card(self)
        self.results_heading = heading(QCoreApplication.translate("DonePage", "各部门办理进度"), results)
        results_layout.addWidget(self.results_heading)
        self.results_frame = results
        self.results = QGridLayout()
        self.results.setHorizontalSpacing(3 * scale.spacing_px)
        results_layout.addLayout(self.results)
        lower.addWidget(results, 3, Qt.AlignmentFlag.AlignTop)

        self.new = QPushButton(QCoreApplication.translate("DonePage", "开始新的受理（Ctrl+N）"), hand)
        self.new.setObjectName("new_intake")
        self.new.setProperty("variant", "primary")
        self.new.clicked.connect(self.new_intake_requested)
        hand_layout.addWidget(self.new, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)
        self.case: Case | None = None

    def show_case(self, case: Case) -> None:
        self.case = case
        self.number.setText(case_number_text(case))
        self.number.setAccessibleName(
            fill(QCoreApplication.translate("DonePage", "办件编号 %1"), self.number.text())
        )
        if case.refusal is not None:
            self._show_refusal(case)
            return
        self.set_titles(QCoreApplication.translate("DonePage", "受理完成"))
        self.results_heading.setText(QCoreApplication.translate("DonePage", "各部门办理进度"))
        text = fill(
            QCoreApplication.translate("DonePage", "%1 · %2 · 承诺办结：%3"),
            status_label(case.status),
            case.bundle_name,
            promised_label(case.promised_date, self.ctx.config.calendar),
        )
        if case.status is CaseStatus.ACCEPTED_DEFICIENT and case.deficiency_deadline is not None:
            text += fill(
                QCoreApplication.translate("DonePage", "；容缺材料须于 %1 前补齐"),
                case.deficiency_deadline.isoformat(),
            )
        self.status.setText(text)
        if case.official_number:
            self.upload.setText(
                fill(
                    QCoreApplication.translate("DonePage", "已上传省级平台，统一办件编号 %1"),
                    case.official_number,
                )
            )
        elif self.ctx.sync is None:
            self.upload.setText(
                QCoreApplication.translate("DonePage", "本机未接入省级平台：办件保存在本机。")
            )
        else:
            self.upload.setText(
                QCoreApplication.translate(
                    "DonePage", "已保存在本机；联网时自动上传省级平台（离线受理同样有效）。"
                )
            )
        rows = [[m.dept_name or m.dept, m.name, matter_label(m.status)] for m in case.matters]
        fill_grid(self.results, rows, self.results_frame)
        if case.evaluation is not None:
            self.show_rating(
                fill(
                    QCoreApplication.translate("DonePage", "评价：%1"),
                    evaluation_label(case.evaluation.level),
                )
                + (
                    QCoreApplication.translate("DonePage", "（差评，已转回访整改）")
                    if case.evaluation.follow_up
                    else ""
                )
            )

    def _show_refusal(self, case: Case) -> None:
        """An application not accepted (行政许可法 §32): what to correct, or the reason; no department."""
        refusal = case.refusal
        assert refusal is not None
        self.set_titles(QCoreApplication.translate("DonePage", "未予受理"))
        self.status.setText(
            fill(
                QCoreApplication.translate("DonePage", "%1 · %2"), status_label(case.status), case.bundle_name
            )
        )
        self.upload.setText(
            QCoreApplication.translate("DonePage", "记录已保存在本机，联网时上传省级平台；不分发到部门。")
        )
        if refusal.kind is RefusalKind.SUPPLEMENT:
            self.results_heading.setText(QCoreApplication.translate("DonePage", "须补正的材料（一次性告知）"))
            rows = [
                [i.name, i.note or QCoreApplication.translate("DonePage", "缺少此项材料")]
                for i in missing_items(case)
            ]
            if refusal.reason:
                rows.append([QCoreApplication.translate("DonePage", "说明"), refusal.reason])
        else:
            self.results_heading.setText(QCoreApplication.translate("DonePage", "不予受理的理由"))
            rows = [
                [QCoreApplication.translate("DonePage", "理由"), refusal.reason],
                [
                    QCoreApplication.translate("DonePage", "救济途径"),
                    QCoreApplication.translate(
                        "DonePage", "60 日内可申请行政复议，6 个月内可提起行政诉讼（已印在通知书上）"
                    ),
                ],
            ]
        fill_grid(self.results, rows, self.results_frame)
        self.rating.setText("")

    def show_printing(self, text: str, status: str, *, retry: bool = False) -> None:
        self.printing.setText(text)
        self.printing.setProperty("status", status)
        repolish(self.printing)
        self.retry.setVisible(retry)

    def show_rating(self, text: str) -> None:
        self.rating.setText(text)

    def first_focus(self) -> QWidget | None:
        return self.new
