"""The persisted status values and the one-way lifecycle."""

from __future__ import annotations

import pytest

from core.cases.lifecycle import ALLOWED, can_move, check_move
from core.cases.model import (
    CaseStatus,
    CheckOutcome,
    CreditStanding,
    EventKind,
    ItemState,
    MatterStatus,
    RefusalKind,
)
from core.errors import LifecycleError


def test_persisted_values_never_change() -> None:
    # These strings are in every store and every platform; renaming one loses data (Kolibri's lesson).
    assert [s.value for s in CaseStatus] == [
        "draft", "accepted", "accepted_deficient", "dispatched", "completed", "rejected", "withdrawn", "terminated",
        "supplement_notified", "not_accepted",
    ]  # fmt: skip
    assert [s.value for s in ItemState] == [
        "pending", "paper", "scanned", "e_licence", "commitment", "deficient", "generated",
    ]  # fmt: skip
    assert [s.value for s in MatterStatus] == ["pending", "dispatched", "processing", "done", "rejected"]
    assert [k.value for k in EventKind] == [
        "accepted", "supplemented", "evaluated", "withdrawn", "terminated", "dispatched", "matter_result",
        "completed", "rejected", "official_number_bound", "not_accepted", "commitment_checked", "rating_followed_up",
        "procedure_started", "procedure_ended",
    ]  # fmt: skip
    assert [k.value for k in RefusalKind] == ["supplement", "reject"]
    assert [o.value for o in CheckOutcome] == ["true", "false"]
    assert [c.value for c in CreditStanding] == ["unknown", "good", "dishonest"]


def _reachable(start: CaseStatus) -> set[CaseStatus]:
    seen, todo = set(), [start]
    while todo:
        for nxt in ALLOWED[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@pytest.mark.parametrize("status", list(CaseStatus))
def test_no_status_can_come_back(status: CaseStatus) -> None:
    assert status not in _reachable(status)


def test_final_statuses_are_dead_ends() -> None:
    for status in CaseStatus:
        assert (not ALLOWED[status]) == status.final


def test_the_usual_path_and_the_deficient_path() -> None:
    assert can_move(CaseStatus.DRAFT, CaseStatus.ACCEPTED)
    assert can_move(CaseStatus.ACCEPTED, CaseStatus.DISPATCHED)
    assert can_move(CaseStatus.DISPATCHED, CaseStatus.COMPLETED)
    assert can_move(CaseStatus.ACCEPTED_DEFICIENT, CaseStatus.ACCEPTED)
    assert can_move(CaseStatus.ACCEPTED_DEFICIENT, CaseStatus.TERMINATED)
    assert not can_move(
        CaseStatus.ACCEPTED, CaseStatus.TERMINATED
    )  # nothing missing, nothing to be late with
    assert not can_move(CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT)


def test_refusal_is_in_chinese() -> None:
    with pytest.raises(LifecycleError, match=r"已办结.*不能变更为.*已撤回"):
        check_move(CaseStatus.COMPLETED, CaseStatus.WITHDRAWN)


def test_an_application_not_accepted_ends_where_it_starts() -> None:
    # 行政许可法 §32: 补正告知 and 不予受理 are decided instead of accepting; nothing follows them
    # (the applicant who comes back makes a new application).
    for status in (CaseStatus.SUPPLEMENT_NOTIFIED, CaseStatus.NOT_ACCEPTED):
        assert can_move(CaseStatus.DRAFT, status) and status.final
        assert not can_move(status, CaseStatus.ACCEPTED) and not can_move(status, CaseStatus.DISPATCHED)
