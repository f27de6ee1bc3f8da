"""取号 at the kiosk, Qt-free: what a citizen may take a ticket for, and who the ticket names.

The ticket's ``service`` is a catalog id the windows' call lists name (sync/queue_client.call_next):
the catalog's "一件事" bundles, those for persons first (a citizen at a kiosk), then those for
enterprises (an agent of one), each in catalog order. The catalog has no record of which single
matters are asked for most, so single matters are not offered here: the window transfers a
ticket to another matter when needed (core/queue: TRANSFERRED).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.catalog.model import Catalog, Subject
from core.flows.kiosk import Citizen
from core.queue.model import Applicant, Priority, QueueRules
from core.queue.rules import priority_for


@dataclass(frozen=True, slots=True)
class TicketChoice:
    service: str  # the catalog id (a bundle's)
    name: str
    category: str  # its life event or enterprise stage, shown beside the name


def ticket_choices(catalog: Catalog) -> list[TicketChoice]:
    """The buttons of the 取号 screen, persons' bundles first, then enterprises'."""
    bundles = [b for b in catalog.bundles.values() if not b.single]
    ordered = [b for b in bundles if b.subject is Subject.PERSON] + [
        b for b in bundles if b.subject is not Subject.PERSON
    ]
    return [TicketChoice(b.id, b.name, b.category) for b in ordered]


@dataclass(frozen=True, slots=True)
class TicketRequest:
    """What the citizen asked for; ``applicant`` and ``birth_date`` only when taken by ID card."""

    service: str
    service_name: str
    claim: str | None = None
    applicant: Applicant | None = None
    birth_date: date | None = None

    def priority(self, rules: QueueRules, today: date) -> Priority:
        """The same rule the hall server applies (core/queue/rules.py), for a ticket issued here."""
        return priority_for(rules, today=today, birth_date=self.birth_date, claim=self.claim)


def ticket_request(choice: TicketChoice, citizen: Citizen | None, claim: str | None = None) -> TicketRequest:
    """The request for ``choice``: the citizen's name, number and birth date go with it so the window
    can pre-fill the intake (never printed, never on the hall display)."""
    if citizen is None:
        return TicketRequest(choice.service, choice.name, claim)
    birth = citizen.birth_date
    applicant = Applicant(citizen.name, citizen.id_number, birth.isoformat() if birth else "", citizen.sex)
    return TicketRequest(choice.service, choice.name, claim, applicant, birth)
