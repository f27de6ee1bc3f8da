"""The texts 自助申报 shows on its review, result and "please go to a window" pages (GUI thread)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication

from core.case_numbers import parse_case_number
from core.cases.model import Case, ItemState
from core.catalog.answers import describe_answer
from core.catalog.model import Bundle, FieldDef, FieldType, Material
from core.masking import mask_id_number, mask_name
from kiosk.keypad import day_text
from qtkit.i18n import fill
from qtkit.labels import item_label, provisional_label


def review_text(case: Case, bundle: Bundle, typed: Collection[str], fields: Mapping[str, FieldDef]) -> str:
    """The case as it would be accepted: what, for whom, which materials how, the form, by when.

    Values the citizen typed are shown in full (they must check them); what came from a card or
    an e-licence is masked where it is personal (names, ID numbers).
    """
    lines = [
        fill(QCoreApplication.translate("DeclareScreen", "事项：%1"), case.bundle_name),
        fill(
            QCoreApplication.translate("DeclareScreen", "申请人：%1（%2）"),
            mask_name(case.applicant.name),
            mask_id_number(case.applicant.id_number),
        ),
        QCoreApplication.translate("DeclareScreen", "同时办理："),
    ]
    lines += [
        fill(QCoreApplication.translate("DeclareScreen", "  · %1（%2）"), m.name, m.dept_name or m.dept)
        for m in case.matters
    ]
    if case.answers:
        lines.append(QCoreApplication.translate("DeclareScreen", "您的情况："))
        for question in bundle.questions:
            if question.id in case.answers:
                lines.append(
                    fill(
                        QCoreApplication.translate("DeclareScreen", "  · %1 %2"),
                        question.text,
                        describe_answer(question, case.answers[question.id]),
                    )
                )
    lines.append(QCoreApplication.translate("DeclareScreen", "申请材料："))
    for item in case.items:
        state = item_label(item.state)
        if item.state is ItemState.DEFICIENT and item.deadline is not None:
            state = fill(
                QCoreApplication.translate("DeclareScreen", "%1，请在 %2 前补交"),
                state,
                day_text(item.deadline),
            )
        lines.append(fill(QCoreApplication.translate("DeclareScreen", "  · %1：%2"), item.name, state))
    lines.append(QCoreApplication.translate("DeclareScreen", "填写的信息："))
    for field_id, value in case.form.items():
        field = fields.get(field_id)
        shown = str(value)
        if field is not None and field_id not in typed and field.type is FieldType.ID_NUMBER:
            shown = mask_id_number(shown)
        elif field is not None and field_id not in typed and field.type is FieldType.NAME:
            shown = mask_name(shown)
        elif field is not None and field_id not in typed and field.type is FieldType.ADDRESS:
            shown = shown[:6] + "****" if len(shown) > 6 else "****"  # from the card: the district is enough
        label = field.label if field is not None else field_id
        lines.append(fill(QCoreApplication.translate("DeclareScreen", "  · %1：%2"), label, shown))
    lines.append(promised_text(case.promised_date))
    return "\n".join(lines)


def result_text(case: Case, *, online: bool) -> str:
    """After the commit: the number, by when, what is still owed, and whether it is uploaded yet."""
    lines = [
        fill(
            QCoreApplication.translate("DeclareScreen", "办件编号：%1"),
            parse_case_number(case.number).display,
        ),
        promised_text(case.promised_date),
    ]
    owed = case.deficient_items
    if owed:
        lines.append(
            QCoreApplication.translate("DeclareScreen", "还需补交以下材料（已打印《容缺受理通知书》）：")
        )
        for item in owed:
            deadline = day_text(item.deadline) if item.deadline else ""
            lines.append(
                fill(
                    QCoreApplication.translate("DeclareScreen", "  · %1：%2 前到任一综合窗口补交"),
                    item.name,
                    deadline,
                )
            )
        lines.append(QCoreApplication.translate("DeclareScreen", "逾期未补齐的，本次申请将终止办理。"))
    if online:
        lines.append(
            QCoreApplication.translate("DeclareScreen", "申请正在提交政务服务平台，各部门同时办理。")
        )
    else:
        lines.append(
            QCoreApplication.translate(
                "DeclareScreen",
                "本机暂时连不上政务服务平台：申请已保存在本机，联网后自动提交，办理时限从提交时起算。",
            )
        )
    lines.append(QCoreApplication.translate("DeclareScreen", "凭回执上的二维码可随时查询办理进度。"))
    return "\n".join(lines)


def window_text(materials: Sequence[Material], *, online: bool, deferrable: Sequence[Material] = ()) -> str:
    """Why this kiosk cannot take the application, and what to do instead; ``deferrable``: those of
    ``materials`` for which 容缺 may be asked for at a window (staff 认定 it, never the kiosk)."""
    lines = [QCoreApplication.translate("DeclareScreen", "以下材料本机无法获取：")]
    lines += [fill(QCoreApplication.translate("DeclareScreen", "  · %1"), m.name) for m in materials]
    if deferrable:
        lines.append(
            fill(
                QCoreApplication.translate(
                    "DeclareScreen",
                    "其中“%1”可以到人工窗口申请容缺受理。\n"
                    "容缺由工作人员认定：先受理，您签署承诺书并在期限内补交。自助终端不能认定容缺。",
                ),
                "、".join(m.name for m in deferrable),
            )
        )
    if not online:
        lines.append(
            QCoreApplication.translate(
                "DeclareScreen", "本机暂时连不上政务服务平台，电子证照调取不到。可以稍后联网时再来办理。"
            )
        )
    lines.append(
        QCoreApplication.translate(
            "DeclareScreen", "请带上这些材料的原件到人工综合窗口办理。本次没有提交任何申请。"
        )
    )
    return "\n".join(lines)


def receipt_lines(*, online: bool) -> tuple[str, ...]:
    """Lines added to the kiosk's 受理回执 (receipts are Chinese documents)."""
    if online:
        return ("自助申报：已提交政务服务平台并联办理。",)
    return ("本机离线受理：联网后自动提交政务服务平台，", "办理时限自提交之日起计算。")


def promised_text(promised: date | None) -> str:
    if promised is None:
        return QCoreApplication.translate("DeclareScreen", "承诺办结：以部门告知为准")
    shown = fill(QCoreApplication.translate("DeclareScreen", "承诺办结：%1 前"), day_text(promised))
    return shown + provisional_label(promised)
