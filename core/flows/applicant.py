"""Who applies, in an intake: the applicant (from an ID card or typed), the card's validity with a
supervisor's authorisation, and — on an outreach laptop — the principal's authorisation of a helper
(帮办代办). Part of core.flows.intake.IntakeFlow, which tells listeners what changed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from core.cases.applicants import PASSPORT_KEYS, TYPED_DOCUMENT_KEYS, applicant_from, document_keys
from core.cases.intake import ProxyInput, proxy_from
from core.cases.model import Applicant
from core.errors import ValidationError
from core.flows.cards import CardData, card_problems
from core.flows.problems import Problem


class ApplicantEntry:
    """The applicant's part of one intake. Each change method returns whether anything changed
    (the flow then notifies); nothing here is assigned from outside. GUI thread, with its flow."""

    def __init__(self, today: date, *, proxy: bool) -> None:
        self._today = today
        self._proxy_mode = proxy
        self._fields: dict[str, str] = {}
        self._source = "typed"
        self._card: CardData | None = None  # the ID card the applicant was read from, if any
        self._authorised_by: str | None = None  # the supervisor who let ``_card`` through
        self._proxy: dict[str, Any] = {}

    # -- views --------------------------------------------------------------------------------

    @property
    def fields(self) -> Mapping[str, str]:
        return MappingProxyType(self._fields)

    @property
    def source(self) -> str:
        """How the applicant was identified: "id_card", "typed" or (kiosk) "token"."""
        return self._source

    @property
    def card(self) -> CardData | None:
        """The ID card the applicant was read from (None when typed, or typed over by another person)."""
        return self._card

    @property
    def card_authorised_by(self) -> str | None:
        """The supervisor's staff id who let the card's problems through (值班长确认), if any."""
        return self._authorised_by

    @property
    def proxy(self) -> Mapping[str, Any]:
        return MappingProxyType(self._proxy)

    # -- changes ------------------------------------------------------------------------------

    def from_card(self, card: CardData, source: str) -> bool:
        """Fill from a card (phone stays as typed). Another card than the one a supervisor
        authorised needs its own authorisation."""
        before = self._snapshot()
        self._drop_document_keys(())  # a card's number says which card it is
        self._fields.update(
            name=card.name, id_number=card.id_number, nation=card.nation, address=card.address
        )
        self._source = source
        if card != self._card:
            self._card, self._authorised_by = card, None
        return self._snapshot() != before

    def set_field(self, name: str, value: str) -> bool:
        """Typed input. Typing another name or number makes the applicant typed; typing another
        person's ID number drops the card (and its validity) read before."""
        before = self._snapshot()
        if name in ("name", "id_number", "id_kind") and value != self._fields.get(name, ""):
            self._source = "typed"
        self._fields[name] = value
        if name == "id_kind":  # what another document does not ask for goes (e.g. a passport's nationality)
            self._drop_document_keys(document_keys(value))
            if document_keys(value):  # a typed document is not the card read before
                self._card, self._authorised_by = None, None
        if self._card is not None and self._fields.get("id_number") != self._card.id_number:
            self._card, self._authorised_by = None, None
        return self._snapshot() != before

    def authorise_card(self, supervisor: str) -> bool:
        """A supervisor decided the card may be used despite card_problems; ValueError if it has none."""
        if self._card is None or not card_problems(self._card, self._today):
            raise ValueError("nothing to authorise: the applicant's card has no problem")
        changed = supervisor != self._authorised_by
        self._authorised_by = supervisor
        return changed

    def set_proxy_field(self, name: str, value: Any) -> bool:
        if name in self._proxy and self._proxy[name] == value:
            return False
        self._proxy[name] = value
        return True

    def _drop_document_keys(self, kept: tuple[str, ...]) -> None:
        for key in (*TYPED_DOCUMENT_KEYS, *PASSPORT_KEYS):
            if key not in kept:
                self._fields.pop(key, None)
        if not kept:
            self._fields.pop("id_kind", None)

    def _snapshot(self) -> tuple[dict[str, str], str, CardData | None]:
        return dict(self._fields), self._source, self._card

    # -- rules --------------------------------------------------------------------------------

    def value(self) -> Applicant:
        """The validated applicant; raises ValidationError naming the field."""
        return applicant_from({k: v for k, v in self._fields.items() if v}, self._today, self._source)

    def field_problem(self, name: str) -> Problem | None:
        try:
            self.value()
        except ValidationError as exc:
            if exc.field == f"applicant.{name}":
                return Problem.of(exc)
        return None

    def problems(self) -> list[Problem]:
        """What blocks the applicant step: the applicant's data first, then the card's validity."""
        try:
            self.value()
        except ValidationError as exc:
            return [Problem.of(exc)]
        return self.card_problems()

    def card_problems(self) -> list[Problem]:
        """core's card_problems for the card read, unless a supervisor authorised it; none without a card."""
        if self._card is None or self._authorised_by is not None:
            return []
        return card_problems(self._card, self._today)

    def proxy_input(self) -> ProxyInput | None:
        if not self._proxy_mode:
            return None
        p = self._proxy
        valid_until = p.get("valid_until")
        return ProxyInput(
            helper_name=str(p.get("helper_name", "")),
            helper_id_number=str(p.get("helper_id_number", "")),
            scope=str(p.get("scope", "")),
            valid_until=valid_until if isinstance(valid_until, date) else date.min,
            signature=bytes(p.get("signature") or b""),
            photo=bytes(p.get("photo") or b""),
            organisation=str(p.get("organisation", "")),
        )

    def proxy_problems(self) -> list[Problem]:
        given = self.proxy_input()
        if given is None:
            return []
        if not isinstance(self._proxy.get("valid_until"), date):
            return [Problem("proxy.valid_until", "请选择委托有效期")]
        try:
            proxy_from(given, self.value(), self._today)
        except ValidationError as exc:
            return [Problem.of(exc)]
        return []
