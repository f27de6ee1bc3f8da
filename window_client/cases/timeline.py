"""The lines of a case's detail tables: departments and their results, materials, and the event timeline."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from core.cases.model import Case, CaseStatus, CheckOutcome, EventKind, ItemState, MatterStatus
from qtkit.i18n import fill
from qtkit.labels import item_label
from window_client.cases.models import Line, event_label, matter_label, short_time, status_label
from window_client.cases.queries import CaseDetail, EventLine


def matter_headers() -> list[str]:
    return [
        QCoreApplication.translate("CaseDetail", "部门"),
        QCoreApplication.translate("CaseDetail", "事项"),
        QCoreApplication.translate("CaseDetail", "状态"),
        QCoreApplication.translate("CaseDetail", "办理结果"),
    ]


def item_headers() -> list[str]:
    return [
        QCoreApplication.translate("CaseDetail", "材料"),
        QCoreApplication.translate("CaseDetail", "状态"),
        QCoreApplication.translate("CaseDetail", "期限"),
        QCoreApplication.translate("CaseDetail", "说明"),
    ]


def event_headers() -> list[str]:
    return [
        QCoreApplication.translate("CaseDetail", "时间（本机）"),
        QCoreApplication.translate("CaseDetail", "记录"),
        QCoreApplication.translate("CaseDetail", "内容"),
        QCoreApplication.translate("CaseDetail", "上传"),
    ]


def matter_lines(case: Case) -> list[Line]:
    lines = []
    for matter in case.matters:
        cells = (matter.dept_name or matter.dept, matter.name, matter_label(matter.status), matter.result)
        when = short_time(matter.updated_at)
        tooltip = "\n".join(
            part
            for part in (
                matter.name,
                matter.result,
                fill(QCoreApplication.translate("CaseDetail", "更新于 %1"), when) if when else "",
            )
            if part
        )
        lines.append(Line(cells, tooltip, alert=matter.status is MatterStatus.REJECTED))
    return lines


class TimelinePlurals(QObject):
    """The timeline's counted words. Plurals go through ``tr`` because the PySide6 6.11 lupdate
    marks ``%n`` forms only there (not in ``QCoreApplication.translate``); the context is this class."""

    def pages(self, n: int) -> str:
        return self.tr("%n 页扫描件", "", n)


def item_lines(case: Case) -> list[Line]:
    lines = []
    for item in case.items:
        notes = []
        if item.attachments:
            notes.append(TimelinePlurals().pages(len(item.attachments)))
        if item.supplemented_at:
            notes.append(
                fill(QCoreApplication.translate("CaseDetail", "%1 补齐"), short_time(item.supplemented_at))
            )
        if item.note:
            notes.append(item.note)
        deadline = item.deadline.isoformat() if item.deadline and item.state is ItemState.DEFICIENT else ""
        open_check = item in case.open_checks
        if item.check is not None:  # 告知承诺: what is checked, and the outcome once recorded
            check = item.check
            if check.outcome is not None:
                notes.append(
                    fill(
                        QCoreApplication.translate("CaseDetail", "核查%1：%2"),
                        check_label(check.outcome),
                        check.note or short_time(check.checked_at),
                    )
                )
            elif open_check:
                deadline = fill(
                    QCoreApplication.translate("CaseDetail", "核查 %1"),
                    check.deadline.isoformat()
                    if check.deadline
                    else QCoreApplication.translate("CaseDetail", "以部门告知为准"),
                )
        cells = (item.name, item_label(item.state), deadline, "；".join(notes))
        lines.append(Line(cells, alert=item.state is ItemState.DEFICIENT or open_check))
    return lines


def check_label(outcome: CheckOutcome) -> str:
    return (
        QCoreApplication.translate("CaseDetail", "属实")
        if outcome is CheckOutcome.TRUE
        else QCoreApplication.translate("CaseDetail", "不实")
    )


def event_lines(detail: CaseDetail) -> list[Line]:
    lines = []
    for event in detail.events:
        lines.append(
            Line(
                (
                    short_time(event.device_time)[5:],
                    event_label(event.kind),
                    summary(event, detail.case),
                    upload_text(event),
                ),
                tooltip=upload_tooltip(event),
                alert=event.held,
            )
        )
    return lines


def upload_text(event: EventLine) -> str:
    if event.acked_at:
        return QCoreApplication.translate("CaseDetail", "已上传")
    if event.held:
        return QCoreApplication.translate("CaseDetail", "隔离中，暂停上传")
    return QCoreApplication.translate("CaseDetail", "待上传")


def upload_tooltip(event: EventLine) -> str:
    if event.acked_at:
        return fill(
            QCoreApplication.translate("CaseDetail", "平台于 %1 确认收到"), short_time(event.acked_at)
        )
    return QCoreApplication.translate("CaseDetail", "保存在本机，联网后自动上传")


def summary(event: EventLine, case: Case) -> str:
    """One line saying what the event changed, in the interface language."""
    body: Mapping[str, Any] = event.payload
    kind = _kind(event.kind)
    if kind is EventKind.ACCEPTED:
        return _status_text(body.get("status"))
    if kind is EventKind.SUPPLEMENTED:
        names = "、".join(str(i.get("name", "")) for i in body.get("items", []))
        return fill(QCoreApplication.translate("CaseDetail", "补交：%1"), names)
    if kind is EventKind.EVALUATED:
        reason = str(body.get("reason") or "")
        label = str(body.get("label", ""))
        return fill(QCoreApplication.translate("CaseDetail", "%1：%2"), label, reason) if reason else label
    if kind in (EventKind.WITHDRAWN, EventKind.TERMINATED):
        return str(body.get("reason") or "")
    if kind is EventKind.DISPATCHED:
        return QCoreApplication.translate("CaseDetail", "并联分发至各部门办理")
    if kind in (EventKind.MATTER_RESULT, EventKind.COMPLETED, EventKind.REJECTED):
        matter_id = str(body.get("matter", ""))
        name = next((m.name for m in case.matters if m.matter_id == matter_id), matter_id)
        try:
            state = matter_label(MatterStatus(str(body.get("matter_status"))))
        except ValueError:
            state = str(body.get("matter_status", ""))
        result = str(body.get("result") or "")
        text = fill(QCoreApplication.translate("CaseDetail", "%1：%2"), name, state)
        return fill(QCoreApplication.translate("CaseDetail", "%1（%2）"), text, result) if result else text
    if kind is EventKind.OFFICIAL_NUMBER_BOUND:
        return str(body.get("official_number", ""))
    if kind is EventKind.NOT_ACCEPTED:
        refusal = case.refusal
        status = _status_text(body.get("status"))
        if refusal is None or not refusal.reason:
            return status
        return fill(QCoreApplication.translate("CaseDetail", "%1：%2"), status, refusal.reason)
    if kind is EventKind.COMMITMENT_CHECKED:
        names = "、".join(str(i.get("name", "")) for i in body.get("items", []))
        try:
            outcome = check_label(CheckOutcome(str(body.get("outcome"))))
        except ValueError:
            outcome = str(body.get("outcome", ""))
        return fill(QCoreApplication.translate("CaseDetail", "%1：%2"), names, outcome)
    return ""


def history_text(case: Case) -> str:
    """The reasons recorded on the case (withdrawn, terminated, rejected, sent back), one per line."""
    return "\n".join(case.history)


def _kind(value: str) -> EventKind | None:
    try:
        return EventKind(value)
    except ValueError:
        return None


def _status_text(value: object) -> str:
    try:
        return status_label(CaseStatus(str(value)))
    except ValueError:
        return ""
