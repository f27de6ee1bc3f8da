"""The persisted status values and the one-way lifecycle."""

from __future__ import annotations

import pytest

from core.cases.lifecycle import ALLOWED, can_move, check_move
from core.cases.model import CaseStatus, EventKind, ItemState, MatterStatus
from core.errors import LifecycleError


def test_persisted_values_never_change() -> None:
    # These strings are in every store and every platform; renaming one loses data (Kolibri's lesson).
    assert [s.value for s in CaseStatus] == [
        "draft", "accepted", "accepted_deficient", "dispatched", "completed", "rejected", "withdrawn", "terminated",
    ]  # fmt: skip
    assert [s.value for s in ItemState] == [
        "pending", "paper", "scanned", "e_licence", "commitment", "deficient", "generated",
    ]  # fmt: skip
    assert [s.value for s in MatterStatus] == ["pending", "dispatched", "processing", "done", "rejected"]
    assert [k.value for k in EventKind] == [
        "accepted", "supplemented", "evaluated", "withdrawn", "terminated", "dispatched", "matter_result",
        "completed", "rejected", "official_number_bound",
    ]  # fmt: skip


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
