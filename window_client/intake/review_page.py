"""Step "核对受理": the case as it will be accepted (IntakeFlow.preview), for a last look before committing it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from core.cases.model import Case, CaseStatus, ItemState
from core.catalog.model import FieldType
from core.errors import ValidationError
from core.flows.intake import Step
from core.masking import mask_id_number, mask_name
from qtkit.i18n import fill
from qtkit.labels import document_prefix, item_label, limit_label, promised_label
from qtkit.messages import describe
from qtkit.theme import current_scale
from qtkit.widgets import BannerLevel
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, heading


def fill_grid(grid: QGridLayout, rows: Sequence[Sequence[str]], parent: QWidget) -> None:
    """Replace the grid's labels with ``rows`` (plain text)."""
    while grid.count():
        item = grid.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            label = QLabel(text, parent)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            if c == 0:
                label.setProperty("role", "muted")
            grid.addWidget(label, r, c)
    grid.setColumnStretch(len(rows[0]) - 1 if rows else 0, 1)


class ReviewPage(IntakePage):
    """Lives on the GUI thread. The 确认受理 button is the screen's (Ctrl+Enter)."""

    step = Step.REVIEW

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        self.set_titles(
            QCoreApplication.translate("ReviewPage", "核对受理"),
            QCoreApplication.translate(
                "ReviewPage", "请核对以下内容。确认受理后办件即保存在本机，联网时自动上传省级平台。"
            ),
        )
        s = current_scale().spacing_px
        self.grids: dict[str, QGridLayout] = {}
        self.frames: dict[str, QWidget] = {}
        rows = (
            QHBoxLayout(),
            QHBoxLayout(),
        )  # two cards a row: the whole case fits 1366×768 with little scrolling
        for index, (key, title) in enumerate(
            (
                ("case", QCoreApplication.translate("ReviewPage", "办件")),
                ("matters", QCoreApplication.translate("ReviewPage", "并联办理事项")),
                ("items", QCoreApplication.translate("ReviewPage", "申请材料")),
                ("form", QCoreApplication.translate("ReviewPage", "申请表")),
            )
        ):
            frame, layout = card(self)
            frame.setSizePolicy(
                QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred
            )  # a row's cards align
            layout.addWidget(heading(title, frame))
            grid = QGridLayout()
            grid.setHorizontalSpacing(3 * s)
            grid.setVerticalSpacing(s // 2)
            layout.addLayout(grid)
            layout.addStretch(1)
            rows[index // 2].addWidget(frame, 1)
            self.grids[key], self.frames[key] = grid, frame
        for row in rows:
            row.setSpacing(2 * s)
            self.body.addLayout(row)
        self.body.addStretch(1)
        self.preview: Case | None = None

    def enter(self) -> None:
        try:
            case = self.flow.preview()
        except ValidationError as exc:
            self.preview = None
            self.say(BannerLevel.ERROR, describe(exc))
            return
        self.preview = case
        status = (
            QCoreApplication.translate("ReviewPage", "容缺受理（有材料待补齐）")
            if case.status is CaseStatus.ACCEPTED_DEFICIENT
            else QCoreApplication.translate("ReviewPage", "受理")
        )
        rows = [
            [QCoreApplication.translate("ReviewPage", "事项"), case.bundle_name],
            [
                QCoreApplication.translate("ReviewPage", "申请人"),
                f"{mask_name(case.applicant.name)}　{document_prefix(case.applicant.id_kind)}"
                f"{mask_id_number(case.applicant.id_number)}",
            ],
            [QCoreApplication.translate("ReviewPage", "受理方式"), status],
            [
                QCoreApplication.translate("ReviewPage", "承诺办结"),
                promised_label(case.promised_date, self.ctx.config.calendar),
            ],
        ]
        if case.proxy is not None:
            rows.append(
                [
                    QCoreApplication.translate("ReviewPage", "帮办代办"),
                    fill(
                        QCoreApplication.translate("ReviewPage", "%1 代办，委托有效期至 %2"),
                        case.proxy.helper_name,
                        case.proxy.valid_until.isoformat(),
                    ),
                ]
            )
        fill_grid(self.grids["case"], rows, self.frames["case"])
        fill_grid(
            self.grids["matters"],
            [
                [
                    m.dept_name or m.dept,
                    m.name,
                    limit_label(m.promise_days),
                ]
                for m in case.matters
            ],
            self.frames["matters"],
        )
        items = []
        for item in case.items:
            state = item_label(item.state)
            if item.state is ItemState.DEFICIENT and item.deadline is not None:
                state = fill(
                    QCoreApplication.translate("ReviewPage", "容缺，%1 前补齐"), item.deadline.isoformat()
                )
            elif item.attachments and item.state is ItemState.SCANNED:
                state = fill(QCoreApplication.translate("ReviewPage", "已扫描 %1 页"), len(item.attachments))
            items.append([item.name, state])
        fill_grid(self.grids["items"], items, self.frames["items"])
        fields = {f.id: f for f in self.flow.fields()}
        form_rows = []
        for field_id, value in case.form.items():
            field = fields.get(field_id)
            if field is None:
                continue
            shown = mask_id_number(str(value)) if field.type is FieldType.ID_NUMBER else str(value)
            form_rows.append([field.label, shown])
        fill_grid(self.grids["form"], form_rows, self.frames["form"])
