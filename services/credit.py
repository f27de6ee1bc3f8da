"""信用核查: ask the platform whether an applicant is 失信 — one way for the window and the kiosk.

A 失信 applicant may use neither 告知承诺 nor 容缺受理 (国办发〔2020〕42号; core/cases/commitments.py holds
the rule, core.flows.intake.IntakeFlow applies it). The question is online only (sync/contract.py
``P_CREDIT``); a device that cannot ask records the standing as not checked (UNKNOWN), the window and
the kiosk alike. Runs on the caller's worker thread (never the GUI thread: it does HTTP).
"""

from __future__ import annotations

from typing import Final

from core.cases.model import CreditStanding
from core.store.store import Store
from sync import contract
from sync.adapter import PlatformAdapter
from sync.enrollment import client_for

CREDIT_TIMEOUT: Final = (3.0, 8.0)  # (connect, read) seconds: asked while the intake goes on


def standing_of(reply: contract.CreditResponse) -> CreditStanding:
    """The platform's answer as the case records it."""
    return CreditStanding.DISHONEST if reply["dishonest"] else CreditStanding.GOOD


def ask_credit(client: PlatformAdapter, id_number: str) -> CreditStanding:
    """The standing of ``id_number`` through an open client; SyncError when the platform does not answer."""
    return standing_of(client.check_credit(id_number))


def check_credit(store: Store, id_number: str) -> contract.CreditResponse:
    """Ask the platform about ``id_number`` (on a worker, with that worker's Store); SyncError offline."""
    with client_for(store, timeout=CREDIT_TIMEOUT) as client:
        return client.check_credit(id_number)
