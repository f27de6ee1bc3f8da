"""Who goes in which lane, and a new ticket with its ISSUED event (取号).

Priority is decided by rules, not by staff mood (issue #14): age from the ID card's birth date at or
over ``rules.elderly_age``; a stated claim staff can see proof of (残疾人证, 孕妇, 军人证件: the rules
file lists them); an appointment (预约) at its slot. The numbers come from the caller's counter:
the hall server's per lane and day, or a kiosk's own offline slot (core/queue/model.py).
"""

from __future__ import annotations

import uuid
from datetime import date

from core.errors import ValidationError
from core.queue.codec import ticket_to_dict
from core.queue.model import (
    Applicant,
    EventKind,
    LaneKind,
    Priority,
    QueueRules,
    Ticket,
    TicketEvent,
    ticket_number,
)


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day`` (a birthday on 29 February counts from 1 March in other years)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def priority_for(
    rules: QueueRules,
    *,
    today: date,
    birth_date: date | None = None,
    claim: str | None = None,
    appointment: bool = False,
) -> Priority:
    """The ticket's priority: an appointment first, then a stated claim, then age."""
    if appointment:
        return Priority.APPOINTMENT
    if claim:
        if rules.claim(claim) is None:
            known = "、".join(c.name for c in rules.claims)
            raise ValidationError(
                "claim",
                f"“{claim}”不是可优先办理的情形（可选：{known}）",
                f"unknown priority claim {claim!r}",
            )
        return Priority(claim)
    if birth_date is not None and age_on(birth_date, today) >= rules.elderly_age:
        return Priority.ELDERLY
    return Priority.NONE


def lane_for(rules: QueueRules, priority: Priority) -> str:
    if priority is Priority.APPOINTMENT:
        return rules.lane(LaneKind.APPOINTMENT).id
    if priority is Priority.NONE:
        return rules.lane(LaneKind.NORMAL).id
    return rules.lane(LaneKind.PRIORITY).id


def new_ticket(
    rules: QueueRules,
    *,
    seq: int,
    service: str,
    service_name: str,
    priority: Priority,
    taken_at: str,
    issued_by: str,
    slot: int | None = None,
    applicant: Applicant | None = None,
    appointment: str | None = None,
    appointment_slot: str | None = None,
    ticket_id: str | None = None,
    event_id: str | None = None,
) -> tuple[Ticket, TicketEvent]:
    """A ticket numbered ``seq`` in its lane (from kiosk ``slot`` when issued offline) and its ISSUED event."""
    low, high = rules.online_range
    if slot is None and not low <= seq <= high:
        raise ValidationError(
            "seq", "今天本队列的号已取完，请到人工窗口", f"online sequence {seq} outside {low}-{high}"
        )
    if slot is not None and not 1 <= slot <= rules.offline_slots:
        raise ValueError(f"offline slot {slot} outside 1-{rules.offline_slots}")
    lane = lane_for(rules, priority)
    ticket = Ticket(
        id=ticket_id or uuid.uuid4().hex,
        number=ticket_number(lane, seq, slot),
        lane=lane,
        service=service,
        service_name=service_name,
        priority=priority,
        taken_at=taken_at,
        issued_by=issued_by,
        applicant=applicant,
        appointment=appointment,
        slot=appointment_slot,
    )
    event = TicketEvent(
        id=event_id or uuid.uuid4().hex,
        ticket_id=ticket.id,
        kind=EventKind.ISSUED,
        at=taken_at,
        device=issued_by,
        data={"ticket": ticket_to_dict(ticket)},
    )
    return ticket, event


def queue_event(
    ticket_id: str, kind: EventKind, at: str, device: str, window: int | None = None, **data: object
) -> TicketEvent:
    """Any later event of a ticket, with a fresh id (the merge key)."""
    return TicketEvent(uuid.uuid4().hex, ticket_id, kind, at, device, window, dict(data))
