"""预约 on the hall server: appointments taken here, and the check a kiosk's redemption goes through.

A real province books through its 一网通办 portal, which this project does not have: the reference
platform takes them from the operator (``tongban platform appointment add``, sync/server/
appointment_commands.py). A citizen redeems one at a kiosk (``POST /queue/tickets`` with
``appointment``): the hall server checks it here — it exists, is not cancelled, is for today and
not past its slot's grace (core/queue/appointment.py) — and issues the Y-lane ticket with the
appointment's own service, slot and applicant (sync/server/queue_ledger.py). Redeemed once: a
second redemption answers the same ticket. The code and its QR are core/queue/appointment.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from core.catalog.model import Catalog
from core.errors import NotFoundError, ValidationError
from core.queue.appointment import new_appointment_code
from core.queue.model import Applicant
from core.validation.idnumbers import parse_id_number

_COLUMNS = "code, service, service_name, slot, day, name, id_number, created_at, cancelled_at, redeemed_at, ticket_id"


@dataclass(frozen=True, slots=True)
class Appointment:
    code: str
    service: str  # a catalog bundle or matter id
    service_name: str
    slot: str  # ISO 8601 with offset
    day: str  # the slot's date, YYYY-MM-DD
    name: str | None
    id_number: str | None
    created_at: str
    cancelled_at: str | None = None
    redeemed_at: str | None = None
    ticket_id: str | None = None

    @property
    def status(self) -> str:
        return "cancelled" if self.cancelled_at else "redeemed" if self.redeemed_at else "booked"

    @property
    def status_label(self) -> str:
        return {"cancelled": "已取消", "redeemed": "已取号", "booked": "待取号"}[self.status]

    def applicant(self) -> Applicant | None:
        """Who the ticket names, when the appointment named someone (the window pre-fills the intake)."""
        if not (self.name and self.id_number):
            return None
        try:
            info = parse_id_number(self.id_number, today=date.fromisoformat(self.day))
        except ValidationError:
            return Applicant(self.name, self.id_number)
        return Applicant(self.name, info.number, info.birth_date.isoformat(), info.sex)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "service": self.service,
            "service_name": self.service_name,
            "slot": self.slot,
            "status": self.status,
            "name": self.name,
            "id_number": self.id_number,
            "created_at": self.created_at,
            "cancelled_at": self.cancelled_at,
            "redeemed_at": self.redeemed_at,
            "ticket_id": self.ticket_id,
        }


def service_name(catalog: Catalog, service: str) -> str:
    """The name of a bundle or matter the catalog knows; ValidationError otherwise."""
    if service in catalog.bundles:
        return catalog.bundles[service].name
    if service in catalog.matters:
        return catalog.matters[service].name
    raise ValidationError(
        "service",
        f"目录 {catalog.version} 中没有事项或“一件事”“{service}”",
        f"no bundle or matter {service!r} in catalog {catalog.version}",
        code="appointment.unknown_service",
    )


def add(
    db: sqlite_utils.Database,
    *,
    service: str,
    service_name: str,
    slot: datetime,
    now: datetime,
    name: str | None = None,
    id_number: str | None = None,
) -> Appointment:
    """A new appointment at ``slot`` (in the future, timezone-aware); call inside a write transaction."""
    if slot.tzinfo is None:
        raise ValueError("slot must be timezone-aware")
    if slot <= now:
        raise ValidationError(
            "slot",
            f"预约时段 {slot:%Y-%m-%d %H:%M} 已经过去，请选择以后的时间",
            f"slot {slot.isoformat()} is not in the future",
            code="appointment.slot_past",
        )
    if bool(name) != bool(id_number):
        raise ValidationError(
            "name", "姓名和身份证号须一起给出", "give --name and --id-number together", code="appointment.who"
        )
    if id_number:
        id_number = parse_id_number(id_number, today=now.date()).number
    while True:
        code = new_appointment_code()
        if db.execute("SELECT 1 FROM appointments WHERE code = ?", (code,)).fetchone() is None:
            break
    db.execute(
        f"INSERT INTO appointments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
        (
            code,
            service,
            service_name,
            slot.isoformat(timespec="minutes"),
            slot.date().isoformat(),
            name or None,
            id_number or None,
            now.isoformat(timespec="seconds"),
        ),
    )
    return get(db, code)


def find(db: sqlite_utils.Database, code: str) -> Appointment | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM appointments WHERE code = ?", (code,)).fetchone()
    return None if row is None else Appointment(*row)


def get(db: sqlite_utils.Database, code: str) -> Appointment:
    found = find(db, code)
    if found is None:
        raise NotFoundError(
            "没有这个预约，请核对预约码；也可以先取普通号",
            f"no appointment {code[:16]}",
            code="appointment.unknown",
        )
    return found


def listed(db: sqlite_utils.Database, day: date | None = None) -> list[Appointment]:
    """The appointments of ``day`` (all when None), by slot."""
    where, params = ("WHERE day = ?", (day.isoformat(),)) if day else ("", ())
    rows = db.execute(f"SELECT {_COLUMNS} FROM appointments {where} ORDER BY slot, created_at", params)
    return [Appointment(*row) for row in rows.fetchall()]


def cancel(db: sqlite_utils.Database, code: str, now: datetime) -> Appointment:
    """Cancel a booked appointment; call inside a write transaction."""
    found = get(db, code)
    if found.cancelled_at:
        raise ValidationError(
            "appointment",
            f"预约 {code} 已于 {found.cancelled_at[:16]} 取消",
            "already cancelled",
            code="appointment.cancelled",
        )
    if found.redeemed_at:
        raise ValidationError(
            "appointment",
            f"预约 {code} 已经取号，不能再取消",
            "already redeemed",
            code="appointment.redeemed",
        )
    db.execute(
        "UPDATE appointments SET cancelled_at = ? WHERE code = ?", (now.isoformat(timespec="seconds"), code)
    )
    return get(db, code)


def redeemable(db: sqlite_utils.Database, code: str) -> Appointment:
    """The appointment a kiosk redeems, unless cancelled (the time window is core's check_redeemable)."""
    found = get(db, code)
    if found.cancelled_at:
        raise ValidationError(
            "appointment",
            "这个预约已经取消，不能取预约号；请取普通号排队",
            f"appointment {code} was cancelled",
            code="appointment.cancelled",
        )
    return found


def mark_redeemed(db: sqlite_utils.Database, code: str, ticket_id: str, now: datetime) -> None:
    """Call in the write transaction that stores the ticket's ISSUED event."""
    db.execute(
        "UPDATE appointments SET redeemed_at = ?, ticket_id = ? WHERE code = ? AND redeemed_at IS NULL",
        (now.isoformat(timespec="seconds"), ticket_id, code),
    )
