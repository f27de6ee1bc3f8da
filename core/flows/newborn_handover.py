"""What the platform already knows of a 出生即参保, for the window's 出生一件事 intake.

After 出生即参保 at the hospital (bundle ``newborn_insurance``), 出生一件事 must not enrol the baby in
医保 a second time: its question ``mi_enrolled_at_birth`` makes the ``mi_enrol`` matter conditional.
The kiosk answers it in its hand-over (core.flows.newborn.handover_answers); at a window the
platform's 办件进度 by the applicant's ID number may show the hospital case, and ``enrolled_case``
says which one settles the answer. The progress answer names no child, so a parent's earlier child
could match: only a case accepted within the last year counts, and staff may still change the answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final

from core.cases.model import CaseStatus, MatterStatus
from core.flows.newborn import BUNDLE_ID, MATTER_ID

ENROLLED_QUESTION: Final = "mi_enrolled_at_birth"
RECENT: Final = timedelta(
    days=366
)  # the bundle's 出生即参保 is for babies under one year (core.flows.newborn)
_CLOSED: Final = frozenset(
    {
        CaseStatus.REJECTED,
        CaseStatus.WITHDRAWN,
        CaseStatus.TERMINATED,
        CaseStatus.SUPPLEMENT_NOTIFIED,
        CaseStatus.NOT_ACCEPTED,
    }
)


def enrolled_case(cases: Sequence[Mapping[str, Any]], today: date) -> str | None:
    """The number of a 出生即参保 case in a platform progress answer (sync contract ``ProgressCase``
    dicts) that enrols a baby: accepted within the last year, not closed without doing so, its
    ``mi_enrol`` matter not refused. None when there is none (or the answer is malformed)."""
    for case in cases:
        if case.get("bundle_id") != BUNDLE_ID or case.get("status") in _CLOSED:
            continue
        try:
            accepted = datetime.fromisoformat(str(case.get("accepted_at"))).date()
        except ValueError:
            continue
        if not timedelta(0) <= today - accepted <= RECENT:
            continue
        matters = case.get("matters") or []
        if any(m.get("matter_id") == MATTER_ID and m.get("status") != MatterStatus.REJECTED for m in matters):
            return str(case.get("case_number") or "")
    return None
