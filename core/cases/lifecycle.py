"""The one-way case lifecycle: which status may follow which."""

from __future__ import annotations

from core.cases.model import CaseStatus
from core.errors import LifecycleError

S = CaseStatus

# draft → accepted | accepted_deficient → dispatched → completed | rejected; withdrawn from any
# open status; terminated when 容缺 materials are overdue. A deficient case becomes plainly
# accepted once everything is supplied; nothing ever moves back (ODK's one-way record status).
# An application not accepted (补正告知, 不予受理: 行政许可法 §32) is a record that ends there: the
# applicant who comes back with everything makes a new application (core/cases/refusal.py).
ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.DRAFT: frozenset(
        {S.ACCEPTED, S.ACCEPTED_DEFICIENT, S.WITHDRAWN, S.SUPPLEMENT_NOTIFIED, S.NOT_ACCEPTED}
    ),
    S.ACCEPTED_DEFICIENT: frozenset({S.ACCEPTED, S.DISPATCHED, S.WITHDRAWN, S.TERMINATED}),
    S.ACCEPTED: frozenset({S.DISPATCHED, S.WITHDRAWN}),
    S.DISPATCHED: frozenset({S.COMPLETED, S.REJECTED, S.WITHDRAWN, S.TERMINATED}),
    S.COMPLETED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.TERMINATED: frozenset(),
    S.SUPPLEMENT_NOTIFIED: frozenset(),
    S.NOT_ACCEPTED: frozenset(),
}


def can_move(current: CaseStatus, target: CaseStatus) -> bool:
    return target in ALLOWED[current]


def check_move(current: CaseStatus, target: CaseStatus) -> None:
    """Raise LifecycleError (Chinese message) unless ``current`` may move to ``target``."""
    if not can_move(current, target):
        raise LifecycleError(
            f"办件当前状态为“{current.label}”，不能变更为“{target.label}”。",
            f"case status {current.value} cannot move to {target.value}",
        )
