"""Where a kiosk ticket comes from: the hall server, or — when it does not answer — this kiosk alone.

Online, the hall server numbers the ticket (``A023``) and says how many wait before it. When it is
down (no answer, a 5xx, or the platform this kiosk syncs with has no hall queue), the kiosk numbers
it from its own offline slot (``A1017``, DeviceConfig.offline_queue_slot) with the store's durable
counter and keeps the ISSUED event in its outbox (core/store/queue_outbox.py); the sync round sends
it once the server answers again (sync/queue_push.py). Functions here run on the net or store worker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from core.clock import Clock
from core.config import DeviceConfig
from core.errors import ValidationError
from core.flows.kiosk_ticket import TicketRequest
from core.queue.model import Ticket, load_queue_rules
from core.store.store import Store
from sync.adapter import PlatformAdapter, Unsupported
from sync.errors import SyncTransientError
from sync.queue_client import redeem_appointment, take_ticket

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Taken:
    ticket: Ticket
    ahead: int | None  # None when issued offline: the kiosk does not know the queue
    offline: bool
    again: bool = False  # an appointment redeemed before: its ticket once more


def hall_unreachable(exc: BaseException) -> bool:
    """Whether a failed request means "carry on alone" (no answer, a 5xx, no hall queue at all)
    rather than a refusal the citizen must read (e.g. the day's numbers used up)."""
    return isinstance(exc, SyncTransientError | Unsupported)


def take_online(request: TicketRequest, client: PlatformAdapter, _store: Store) -> Taken:
    """On the net worker: the hall server's ticket."""
    issued = take_ticket(
        client,
        service=request.service,
        service_name=request.service_name,
        applicant=request.applicant,
        birth_date=request.birth_date,
        claim=request.claim,
    )
    logger.info("ticket %s taken from the hall server (%d ahead)", issued.ticket.number, issued.ahead)
    return Taken(issued.ticket, issued.ahead, offline=False)


def redeem_online(code: str, client: PlatformAdapter, _store: Store) -> Taken:
    """On the net worker: the Y-lane ticket of a 预约码, checked by the hall server (only it knows the
    appointments: offline there is no ticket for one, the citizen takes an ordinary ticket)."""
    issued = redeem_appointment(client, code)
    logger.info("appointment redeemed: ticket %s (again: %s)", issued.ticket.number, issued.again)
    return Taken(issued.ticket, issued.ahead, offline=False, again=issued.again)


def issue_offline(request: TicketRequest, config: DeviceConfig, clock: Clock, store: Store) -> Taken:
    """On the store worker: a ticket from this kiosk's offline slot, its event kept for the hall server."""
    slot = config.offline_queue_slot
    rules = load_queue_rules()
    if slot is None or slot > rules.offline_slots:  # a hall's rules may allow fewer slots than nine
        raise ValidationError(
            "queue_slot",
            "叫号系统暂时连不上，本机也没有可用的离线取号号段，请到人工窗口取号",
            f"no offline queue slot (queue_slot {slot}, the rules allow {rules.offline_slots}):"
            " set queue_slot (1-9) in tongban.toml",
            code="queue.no_slot",
        )
    now = clock.now()
    ticket = store.queue_outbox.issue_offline(
        rules,
        slot=slot,
        now=now,
        device=store.device_id,
        service=request.service,
        service_name=request.service_name,
        priority=request.priority(rules, now.date()),
        applicant=request.applicant,
    )
    logger.info("ticket %s issued offline from slot %d", ticket.number, slot)
    return Taken(ticket, None, offline=True)
