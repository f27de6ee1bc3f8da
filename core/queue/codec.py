"""Tickets and queue events to and from JSON-ready dicts, strict on the way in (a message from a
device or the hall server that breaks the shape is refused naming its field)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.errors import ValidationError
from core.queue.model import Applicant, EventKind, Priority, Ticket, TicketEvent


def _bad(field: str, zh: str, en: str) -> ValidationError:
    return ValidationError(
        field, f"排队数据 {field} {zh}", f"queue data {field}: {en}", code="queue.bad_data"
    )


def _text(
    d: Mapping[str, Any], key: str, where: str, *, optional: bool = False, limit: int = 200
) -> str | None:
    value = d.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise _bad(f"{where}.{key}", "缺失或格式有误", "missing, empty or too long")
    return value


def ticket_to_dict(t: Ticket) -> dict[str, Any]:
    return {
        "id": t.id,
        "number": t.number,
        "lane": t.lane,
        "service": t.service,
        "service_name": t.service_name,
        "priority": t.priority.value,
        "taken_at": t.taken_at,
        "issued_by": t.issued_by,
        "applicant": None
        if t.applicant is None
        else {
            "name": t.applicant.name,
            "id_number": t.applicant.id_number,
            "birth_date": t.applicant.birth_date,
            "sex": t.applicant.sex,
        },
        "appointment": t.appointment,
        "slot": t.slot,
    }


def ticket_from_dict(d: object, where: str = "ticket") -> Ticket:
    if not isinstance(d, Mapping):
        raise _bad(where, "应为对象", "not an object")
    try:
        priority = Priority(str(d.get("priority")))
    except ValueError:
        raise _bad(f"{where}.priority", "不是已知的优先类别", "unknown priority") from None
    raw = d.get("applicant")
    applicant = None
    if raw is not None:
        if not isinstance(raw, Mapping):
            raise _bad(f"{where}.applicant", "应为对象", "not an object")
        applicant = Applicant(
            str(_text(raw, "name", f"{where}.applicant")),
            str(_text(raw, "id_number", f"{where}.applicant", limit=40)),
            str(raw.get("birth_date") or ""),
            str(raw.get("sex") or ""),
        )
    return Ticket(
        id=str(_text(d, "id", where, limit=64)),
        number=str(_text(d, "number", where, limit=8)),
        lane=str(_text(d, "lane", where, limit=1)),
        service=str(_text(d, "service", where)),
        service_name=str(_text(d, "service_name", where)),
        priority=priority,
        taken_at=str(_text(d, "taken_at", where, limit=40)),
        issued_by=str(_text(d, "issued_by", where, limit=64)),
        applicant=applicant,
        appointment=_text(d, "appointment", where, optional=True, limit=64),
        slot=_text(d, "slot", where, optional=True, limit=40),
    )


def event_to_dict(e: TicketEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "ticket_id": e.ticket_id,
        "kind": e.kind.value,
        "at": e.at,
        "device": e.device,
        "window": e.window,
        "data": dict(e.data),
    }


def event_from_dict(d: object, where: str = "event") -> TicketEvent:
    if not isinstance(d, Mapping):
        raise _bad(where, "应为对象", "not an object")
    try:
        kind = EventKind(str(d.get("kind")))
    except ValueError:
        raise _bad(f"{where}.kind", "不是已知的排队事件", "unknown kind") from None
    window = d.get("window")
    if window is not None and (
        not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 999
    ):
        raise _bad(f"{where}.window", "应为 1–999 的窗口号", "not a window number 1-999")
    data = d.get("data", {})
    if not isinstance(data, Mapping):
        raise _bad(f"{where}.data", "应为对象", "not an object")
    if kind is EventKind.ISSUED:
        ticket = ticket_from_dict(data.get("ticket"), f"{where}.data.ticket")
        if ticket.id != d.get("ticket_id"):
            raise _bad(f"{where}.ticket_id", "与号票不一致", "differs from the ticket's id")
    elif (
        kind
        in (
            EventKind.CALLED,
            EventKind.RECALLED,
            EventKind.SKIPPED,
            EventKind.TRANSFERRED,
            EventKind.SERVING,
            EventKind.DONE,
        )
        and window is None
    ):
        raise _bad(f"{where}.window", "缺少窗口号", "needs the window")
    return TicketEvent(
        id=str(_text(d, "id", where, limit=64)),
        ticket_id=str(_text(d, "ticket_id", where, limit=64)),
        kind=kind,
        at=str(_text(d, "at", where, limit=40)),
        device=str(_text(d, "device", where, limit=64)),
        window=window,
        data=dict(data),
    )
