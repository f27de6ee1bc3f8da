"""Pure progress rules after intake: dispatch to departments (并联) and per-matter results."""

from __future__ import annotations

from dataclasses import replace

from core.cases.lifecycle import check_move
from core.cases.model import Case, CaseStatus, MatterStatus
from core.errors import LifecycleError, ValidationError


def dispatched(case: Case, at: str) -> Case:
    """The case sent to every department at once; its pending matters become dispatched."""
    check_move(case.status, CaseStatus.DISPATCHED)
    matters = tuple(
        replace(m, status=MatterStatus.DISPATCHED, updated_at=at) if m.status is MatterStatus.PENDING else m
        for m in case.matters
    )
    return replace(case, status=CaseStatus.DISPATCHED, status_changed_at=at, matters=matters)


def with_matter_result(case: Case, matter_id: str, status: MatterStatus, result: str, at: str) -> Case:
    """A department's result for one matter. When every matter is final the case completes —
    or is rejected when every department rejected it. A result for a case not yet marked
    dispatched implies the dispatch (the platform dispatched it)."""
    if status is MatterStatus.PENDING:
        raise ValidationError("status", "部门办理结果不能是“待分发”")
    if case.status in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT):
        case = dispatched(case, at)
    if case.status is not CaseStatus.DISPATCHED:
        raise LifecycleError(
            f"办件当前状态为“{case.status.label}”，不再接收部门办理结果。",
            f"case is {case.status.value}, result ignored",
        )
    try:
        current = next(m for m in case.matters if m.matter_id == matter_id)
    except StopIteration:
        raise ValidationError("matter", f"本办件没有事项“{matter_id}”") from None
    if current.status.final:
        if current.status is status and current.result == result:
            return case  # the same result delivered twice
        raise LifecycleError(
            f"事项“{current.name}”当前状态为“{current.status.label}”，不能再改为“{status.label}”。",
            f"matter {matter_id} is already {current.status.value}",
        )
    matters = tuple(
        replace(m, status=status, result=result, updated_at=at) if m.matter_id == matter_id else m
        for m in case.matters
    )
    updated = replace(case, matters=matters)
    return _settled(updated, at)


def _settled(case: Case, at: str) -> Case:
    if not all(m.status.final for m in case.matters):
        return case
    final = (
        CaseStatus.REJECTED
        if all(m.status is MatterStatus.REJECTED for m in case.matters)
        else CaseStatus.COMPLETED
    )
    check_move(case.status, final)
    return replace(case, status=final, status_changed_at=at)
