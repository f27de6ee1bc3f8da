"""The hall's queue (排队叫号) as values: tickets, the events that move them, the rules data.

A ticket is taken at a kiosk (取号), called at a window (叫号), served and rated. Everything that
happens to it is an event with its own random id, made by the device where it happened: the hall
server keeps the ledger, and when it is down each kiosk and window keeps its own events and hands
them over when it returns. The state of a ticket is a fold of its events (core/queue/ledger.py),
so merging two ledgers is a union by event id — nothing lost, nothing doubled — and the times are
the devices' own. Pure: no I/O beyond reading the shipped rules file.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from core.assets import assets_dir
from core.errors import TongbanError, ValidationError

FORMAT: Final = 1
# A ticket number: the lane letter, then 3 digits when the hall server issued it, or the issuing
# kiosk's offline slot (1-9) and 3 digits when it issued it alone: the two never meet.
_NUMBER_RE: Final = re.compile(r"([A-Z])([1-9])?(?!000)([0-9]{3})\Z")  # no ticket is numbered 0


class QueueDataError(TongbanError):
    """The queue rules file is malformed (a packaging or configuration defect)."""

    exit_code = 1
    default_code = "queue.rules_invalid"


class LaneKind(StrEnum):
    NORMAL = "normal"
    PRIORITY = "priority"  # 优先: age, 残疾人证, 孕妇, 军人 (rules, not staff's discretion)
    APPOINTMENT = "appointment"  # 预约: called from its slot on


class Priority(StrEnum):
    """Why a ticket is in the priority lane. Persisted values: never rename one."""

    NONE = "none"
    ELDERLY = "elderly"  # age from the ID card's birth date, at or over the rules' age
    DISABLED = "disabled"
    PREGNANT = "pregnant"
    MILITARY = "military"
    APPOINTMENT = "appointment"


class EventKind(StrEnum):
    """What happened to a ticket. Persisted values: never rename one."""

    ISSUED = "issued"  # 取号 (carries the ticket)
    CALLED = "called"  # 叫号: to a window
    RECALLED = "recalled"  # 重呼: the same call announced again
    SKIPPED = "skipped"  # 过号: not there when called
    RETURNED = "returned"  # a skipped ticket back in the queue (once, rules.skip_returns)
    TRANSFERRED = "transferred"  # 转窗口: waits again, for another window
    SERVING = "serving"  # the citizen is at the window (intake begun)
    DONE = "done"  # 办结 at the window: the case number, if a case was taken
    RATED = "rated"  # 好差评 of this visit (1-5)


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"  # skipped more often than it may return

    @property
    def label(self) -> str:
        return {
            "waiting": "等候中",
            "called": "已叫号",
            "serving": "办理中",
            "done": "已办结",
            "no_show": "过号",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Lane:
    id: str
    name: str
    kind: LaneKind


@dataclass(frozen=True, slots=True)
class Claim:
    """A priority a citizen states and staff can see proof of (残疾人证, 军人证件, 孕妇)."""

    id: str
    name: str
    proof: str


@dataclass(frozen=True, slots=True)
class QueueRules:
    lanes: tuple[Lane, ...]
    elderly_age: int
    claims: tuple[Claim, ...]
    appointment_early_minutes: int
    appointment_late_minutes: int
    skip_returns: int
    waiting_target_minutes: int
    online_range: tuple[int, int]
    offline_slots: int

    def lane(self, kind: LaneKind) -> Lane:
        return next(lane for lane in self.lanes if lane.kind is kind)

    def lane_by_id(self, lane_id: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.id == lane_id), None)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


@dataclass(frozen=True, slots=True)
class Applicant:
    """Who took a ticket by ID card: enough for the window to pre-fill the intake. Never printed
    or shown on the hall display (only the masked name)."""

    name: str
    id_number: str
    birth_date: str = ""  # YYYY-MM-DD, from the card
    sex: str = ""


@dataclass(frozen=True, slots=True)
class Ticket:
    """One ticket as issued; its later life is in its events.

    ``id`` (uuid4 hex, made where it was issued) is the merge key; ``number`` is what the citizen
    hears. ``service`` is the catalog id the citizen chose (a matter, a bundle or a life event),
    ``service_name`` its name then. ``slot`` is an appointment's start (ISO 8601) or None.
    """

    id: str
    number: str
    lane: str
    service: str
    service_name: str
    priority: Priority
    taken_at: str
    issued_by: str  # the device id of the kiosk (or the hall server)
    applicant: Applicant | None = None
    appointment: str | None = None
    slot: str | None = None


@dataclass(frozen=True, slots=True)
class TicketEvent:
    """One thing that happened to a ticket, where and when (the device's clock).

    ``window`` is the window's number in the hall (窗口号) for calls and service; ``data`` holds the
    kind's extra: the Ticket for ISSUED, ``to_window`` or ``to_service`` for TRANSFERRED,
    ``case_number`` for DONE, ``level`` for RATED.
    """

    id: str
    ticket_id: str
    kind: EventKind
    at: str
    device: str
    window: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def parse_ticket_number(text: str) -> tuple[str, int | None, int]:
    """``"A023"`` → ("A", None, 23); ``"A1017"`` (kiosk slot 1, offline) → ("A", 1, 17); typed
    forms too (`` a023 ``, full-width ``Ａ０２３``). ValidationError with a Chinese message otherwise
    (a typed ticket number at the window)."""
    compact = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    match = _NUMBER_RE.match(compact)
    if match is None:
        raise ValidationError(
            "ticket",
            f"“{text.strip()[:12]}”不是排队号（应为一个字母加 3 位数字，如 A023；离线取的号为 4 位数字，如 A1017）",
            f"not a ticket number: {text.strip()[:12]!r}",
            code="queue.bad_number",
        )
    lane, slot, seq = match.groups()
    return lane, int(slot) if slot else None, int(seq)


def typed_ticket_number(text: str) -> str:
    """A typed number as tickets carry it (`` a023 ``, ``Ａ０２３`` → ``A023``); ValidationError as
    parse_ticket_number's."""
    lane, slot, seq = parse_ticket_number(text)
    return ticket_number(lane, seq, slot)


def ticket_number(lane: str, seq: int, slot: int | None = None) -> str:
    """The number of the ``seq``-th ticket of ``lane`` (online, or from kiosk ``slot`` offline)."""
    if not 1 <= seq <= 999:
        raise ValueError(f"ticket sequence {seq} outside 1-999")
    return f"{lane}{slot or ''}{seq:03d}"


def rules_path() -> Path:
    return assets_dir() / "rules" / "queue.json"


@functools.cache
def load_queue_rules(path: Path | None = None) -> QueueRules:
    """The queue rules (assets/rules/queue.json, or a hall's own file); QueueDataError naming the key."""
    where = path or rules_path()
    try:
        raw = json.loads(where.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT:
            raise ValueError(f"format {raw.get('format')!r} is not {FORMAT}")
        lanes = tuple(Lane(str(x["id"]), str(x["name"]), LaneKind(x["kind"])) for x in raw["lanes"])
        if {lane.kind for lane in lanes} != set(LaneKind) or len({lane.id for lane in lanes}) != len(lanes):
            raise ValueError("lanes: one of each kind, distinct ids")
        if not all(len(lane.id) == 1 and lane.id.isascii() and lane.id.isupper() for lane in lanes):
            raise ValueError("lanes: each id one capital letter")
        priority = raw["priority"]
        claims = tuple(Claim(str(c["id"]), str(c["name"]), str(c["proof"])) for c in priority["claims"])
        low, high = (int(v) for v in raw["online_range"])
        rules = QueueRules(
            lanes=lanes,
            elderly_age=int(priority["elderly_age"]),
            claims=claims,
            appointment_early_minutes=int(raw["appointment_early_minutes"]),
            appointment_late_minutes=int(raw["appointment_late_minutes"]),
            skip_returns=int(raw["skip_returns"]),
            waiting_target_minutes=int(raw["waiting_target_minutes"]),
            online_range=(low, high),
            offline_slots=int(raw["offline_slots"]),
        )
        if not (1 <= low <= high <= 999 and 0 <= rules.offline_slots <= 9 and rules.skip_returns >= 0):
            raise ValueError("online_range within 1-999, offline_slots 0-9, skip_returns ≥ 0")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise QueueDataError(
            f"排队规则文件 {where} 有误：{exc}", f"queue rules {where} are malformed: {exc}"
        ) from None
    return rules
