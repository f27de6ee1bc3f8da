"""``CreditCheck``: the 信用核查 at intake — asks the platform whether the applicant is 失信 and tells the flow.

A 失信 applicant may use neither 告知承诺 nor 容缺受理 (国办发〔2020〕42号; core/cases/commitments.py).
The question is online only (sync/contract.py ``P_CREDIT``); offline the standing stays "not
checked", which the checklist says and the case records, and it is asked again once the platform
answers a sync round.
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from core.cases.model import CreditStanding
from core.flows.intake import IntakeFlow, Step
from core.store.store import Store
from services.credit import check_credit, standing_of
from sync import contract
from window_client.intake.online_question import OnlineQuestion


class CreditCheck(OnlineQuestion):
    """``fetch()`` after any change of the intake asks once per applicant whose details are complete;
    ``dishonest`` when the platform says so. Asked again once the platform answers."""

    dishonest = Signal()
    what = "credit check"
    asks_again_online = True

    def is_open(self, flow: IntakeFlow) -> bool:
        return not flow.problems(Step.APPLICANT)

    def ask(self, store: Store, id_number: str) -> contract.CreditResponse:
        return check_credit(store, id_number)

    def answered(self, flow: IntakeFlow, id_number: str, reply: contract.CreditResponse) -> None:
        standing = standing_of(reply)
        flow.set_credit(standing, id_number)
        if standing is CreditStanding.DISHONEST and flow.credit is standing:
            self.dishonest.emit()
