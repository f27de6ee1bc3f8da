"""Plain-text summaries of the intake in progress, for the applicant's signature screen and the review."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.case_numbers import parse_case_number
from core.cases.model import Case, ItemState
from core.errors import ValidationError
from core.flows.intake import PLACEHOLDER_NUMBER, IntakeFlow
from core.masking import mask_id_number, mask_name
from qtkit.i18n import fill
from qtkit.labels import document_prefix, promised_label
from qtkit.messages import describe


def citizen_summary(flow: IntakeFlow) -> str:
    """What the applicant signs for: the bundle, who, the matters, what is still owed and by when."""
    try:
        case = flow.preview()
    except ValidationError as exc:
        return describe(exc)
    lines = [
        fill(QCoreApplication.translate("Summary", "事项：%1"), case.bundle_name),
        fill(
            QCoreApplication.translate("Summary", "申请人：%1（%2）"),
            mask_name(case.applicant.name),
            document_prefix(case.applicant.id_kind) + mask_id_number(case.applicant.id_number),
        ),
        fill(
            QCoreApplication.translate("Summary", "同时办理：%1"),
            "、".join(m.name for m in case.matters),
        ),
        fill(QCoreApplication.translate("Summary", "承诺办结：%1"), promised_label(case.promised_date)),
    ]
    for item in case.deficient_items:
        lines.append(
            fill(
                QCoreApplication.translate("Summary", "待补材料：%1，请于 %2 前补齐"),
                item.name,
                item.deadline.isoformat() if item.deadline else "",
            )
        )
    for item in case.items:
        if item.state is ItemState.COMMITMENT:
            lines.append(fill(QCoreApplication.translate("Summary", "告知承诺：%1"), item.name))
    return "\n".join(lines)


def case_number_text(case: Case) -> str:
    """The number grouped for reading aloud, or a dash before one is spent."""
    if case.number == PLACEHOLDER_NUMBER:
        return "—"
    return parse_case_number(case.number).display
