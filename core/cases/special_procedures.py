"""特别程序 (special procedures) that pause a case's clock: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审,
公示, 现场勘查 — pure rules; CaseService records them as events.

Sources:
- 《中华人民共和国行政许可法》第四十五条: "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、
  检疫、鉴定和专家评审的，所需时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人。"
  (text as published, e.g. http://121jk.cn/news/342/show39372_4.html). Hence the 承诺 and 法定 limits
  both move by the time a procedure takes, and staff record its expected duration (所需时间) to tell
  the applicant.
- 公示 and 现场勘查 are not in §45 but are 特别程序 in local practice: 山东省住房和城乡建设厅《关于规范工程建设
  项目审批服务事项特殊程序管理的通知》(2022) lists 现场踏勘、专家评审、技术评估 … and wants each procedure's
  start and end recorded in the system (http://www.sdenews.com/html/2022/7/336667.shtml); 特殊工种提前退休
  is publicised for 5 days before it is approved (公示, seen in a public summary of local rules:
  https://m.3dmxku.com/daquan/zonghe/11181564.html — a third-party page, not the rule itself). A
  provincial rule naming 公示 as time not counted was not found; docs/limits.md says so.
- National 办件过程 codes keep 特别程序开始 / 特别程序结束 as their own stages (domain review M2), which is
  why a pause is a pair of events here and not a case status.

Counting: a procedure started on day S and ended on day E did not count the working days after S up
to and including E (the same convention as ``add_working_days``: the start day is not counted), so one
started and ended the same day pauses nothing. The due date of its scope (one matter, or the whole
case) moves on by that many working days under the shipped calendar; while it is still open, by its
expected duration (shown as 预计).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from core.cases.model import Case, CaseStatus
from core.errors import LifecycleError, ValidationError
from core.workdays import add_working_days, working_days_between

PAUSABLE = frozenset({CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT, CaseStatus.DISPATCHED})
"""Statuses in which a 特别程序 may start: accepted and not yet decided."""
MAX_EXPECTED_DAYS = 250  # about a working year: anything longer is a typing error
WHOLE_CASE = "*"  # how the CLI and the event body name "the whole case" as a scope


class ProcedureKind(StrEnum):
    """A kind of 特别程序. Persisted values: never rename one (a test pins them)."""

    HEARING = "hearing"  # 听证 (§45)
    TENDER = "tender"  # 招标 (§45)
    AUCTION = "auction"  # 拍卖 (§45)
    INSPECTION = "inspection"  # 检验 (§45)
    TESTING = "testing"  # 检测 (§45)
    QUARANTINE = "quarantine"  # 检疫 (§45)
    APPRAISAL = "appraisal"  # 鉴定 (§45)
    EXPERT_REVIEW = "expert_review"  # 专家评审 (§45)
    PUBLICITY = "publicity"  # 公示 (local practice, e.g. 特殊工种提前退休)
    SITE_SURVEY = "site_survey"  # 现场勘查 / 现场踏勘 (local practice)

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ProcedureKind.HEARING: "听证",
    ProcedureKind.TENDER: "招标",
    ProcedureKind.AUCTION: "拍卖",
    ProcedureKind.INSPECTION: "检验",
    ProcedureKind.TESTING: "检测",
    ProcedureKind.QUARANTINE: "检疫",
    ProcedureKind.APPRAISAL: "鉴定",
    ProcedureKind.EXPERT_REVIEW: "专家评审",
    ProcedureKind.PUBLICITY: "公示",
    ProcedureKind.SITE_SURVEY: "现场勘查",
}


@dataclass(frozen=True, slots=True)
class SpecialProcedure:
    """One 特别程序 of a case: on one matter (``matter_id``) or the whole case (None).

    ``due_after`` is the due date of its scope once its time is left out (expected while open);
    ``paused_days`` the working days it took, once ended.
    """

    number: int  # 1, 2, … within the case
    kind: ProcedureKind
    reason: str
    matter_id: str | None
    started_on: date
    started_at: str
    started_by: str
    expected_days: int | None = None  # 预计所需工作日 (told to the applicant in writing, §45)
    ended_on: date | None = None
    ended_at: str | None = None
    ended_by: str = ""
    note: str = ""
    paused_days: int | None = None
    due_after: date | None = None

    @property
    def open(self) -> bool:
        return self.ended_on is None

    def covers(self, matter_id: str | None) -> bool:
        """Whether this procedure's scope overlaps ``matter_id`` (None: the whole case)."""
        return self.matter_id is None or matter_id is None or self.matter_id == matter_id


def paused_working_days(
    start: date, end: date, holidays: Collection[date] = (), workdays: Collection[date] = ()
) -> int:
    """Working days a procedure from ``start`` to ``end`` left out: those after ``start`` up to and
    including ``end`` (0 when ``end`` ≤ ``start``)."""
    return working_days_between(start, end, holidays, workdays)


def accepted_on(case: Case) -> date:
    """The day the case was accepted (its limits count from here)."""
    return date.fromisoformat(case.created_at[:10])


def with_due_dates(case: Case, holidays: Collection[date] = (), workdays: Collection[date] = ()) -> Case:
    """``case`` with every procedure's ``due_after`` computed again, in the order they were started.

    Each matter's due date starts at acceptance + its promised days; a procedure moves the due date
    of each matter in its scope by its working days (the expected ones while open).
    """
    start = accepted_on(case)
    dues: dict[str, date | None] = {
        m.matter_id: None
        if m.promise_days is None
        else add_working_days(start, m.promise_days, holidays, workdays)
        for m in case.matters
    }
    procedures = []
    for p in sorted(case.special_procedures, key=lambda p: p.number):
        days = (p.paused_days if not p.open else p.expected_days) or 0
        scope = [m for m in dues if p.matter_id in (None, m)]
        for matter in scope:
            due = dues[matter]
            dues[matter] = None if due is None else add_working_days(due, days, holidays, workdays)
        moved = [dues[m] for m in scope]
        due_after = None if not moved or any(d is None for d in moved) else max(d for d in moved if d)
        procedures.append(replace(p, due_after=due_after))
    return replace(case, special_procedures=tuple(procedures))


def started(
    case: Case,
    kind: ProcedureKind,
    reason: str,
    *,
    matter_id: str | None,
    expected_days: int | None,
    today: date,
    at: str,
    by: str,
    holidays: Collection[date] = (),
    workdays: Collection[date] = (),
) -> tuple[Case, SpecialProcedure]:
    """``case`` with a 特别程序 started ``today``; the new procedure. Raises a Chinese ValidationError or
    LifecycleError when it cannot start (case not in handling, unknown or settled matter, one already
    open over the same scope, no reason, an impossible expected duration)."""
    if case.status not in PAUSABLE:
        raise LifecycleError(
            f"办件当前状态为“{case.status.label}”，不能启动特别程序。",
            f"case is {case.status.value}: no special procedure",
        )
    if not reason.strip():
        raise ValidationError(
            "reason",
            "请说明启动特别程序的原因",
            "a special procedure needs a reason",
            code="procedure.no_reason",
        )
    if matter_id is not None:
        matter = next((m for m in case.matters if m.matter_id == matter_id), None)
        if matter is None:
            names = "、".join(f"{m.matter_id}（{m.name}）" for m in case.matters)
            raise ValidationError(
                "matter",
                f"本办件没有事项“{matter_id}”。可选事项：{names}",
                f"no matter {matter_id}",
                code="procedure.unknown_matter",
                params={"matter": matter_id},
            )
        if matter.status.final:
            raise LifecycleError(
                f"事项“{matter.name}”已{matter.status.label}，不能启动特别程序。",
                f"matter {matter_id} is final",
            )
    if expected_days is not None and not 1 <= expected_days <= MAX_EXPECTED_DAYS:
        raise ValidationError(
            "days",
            f"预计所需时间应为 1 至 {MAX_EXPECTED_DAYS} 个工作日",
            f"expected days {expected_days} out of range",
            code="procedure.bad_days",
            params={"most": MAX_EXPECTED_DAYS},
        )
    busy = next((p for p in case.special_procedures if p.open and p.covers(matter_id)), None)
    if busy is not None:
        raise LifecycleError(
            f"已有特别程序（{busy.kind.label}，{scope_text(case, busy.matter_id)}）进行中，请先结束它。",
            f"special procedure {busy.number} is still open",
        )
    procedure = SpecialProcedure(
        number=len(case.special_procedures) + 1,
        kind=kind,
        reason=reason.strip(),
        matter_id=matter_id,
        started_on=today,
        started_at=at,
        started_by=by,
        expected_days=expected_days,
    )
    updated = with_due_dates(
        replace(case, special_procedures=(*case.special_procedures, procedure)), holidays, workdays
    )
    return updated, updated.special_procedures[-1]


def ended(
    case: Case,
    *,
    matter_id: str | None,
    today: date,
    at: str,
    by: str,
    note: str = "",
    holidays: Collection[date] = (),
    workdays: Collection[date] = (),
) -> tuple[Case, SpecialProcedure]:
    """``case`` with its open 特别程序 (the one on ``matter_id``, or the only one open) ended ``today``."""
    open_ones = [p for p in case.special_procedures if p.open]
    if matter_id is not None:
        open_ones = [p for p in open_ones if p.matter_id == matter_id]
    if not open_ones:
        where = "" if matter_id is None else f"事项“{matter_id}”"
        raise LifecycleError(f"本办件{where}没有进行中的特别程序。", "no open special procedure")
    if len(open_ones) > 1:
        names = "、".join(str(p.matter_id) for p in open_ones)
        raise ValidationError(
            "matter",
            f"本办件有多个特别程序进行中，请指定事项：{names}",
            "several open special procedures: name the matter",
            code="procedure.which",
            params={"matters": names},
        )
    (current,) = open_ones
    if today < current.started_on:
        raise ValidationError(
            "date",
            f"特别程序结束日期不能早于开始日期 {current.started_on.isoformat()}",
            "end before start",
            code="procedure.end_before_start",
        )
    done = replace(
        current,
        ended_on=today,
        ended_at=at,
        ended_by=by,
        note=note.strip(),
        paused_days=paused_working_days(current.started_on, today, holidays, workdays),
    )
    procedures = tuple(done if p.number == current.number else p for p in case.special_procedures)
    updated = with_due_dates(replace(case, special_procedures=procedures), holidays, workdays)
    return updated, next(p for p in updated.special_procedures if p.number == current.number)


def scope_text(case: Case, matter_id: str | None) -> str:
    """The scope of a procedure as staff read it: 整个办件, or the matter's name."""
    if matter_id is None:
        return "整个办件"
    return next((f"事项“{m.name}”" for m in case.matters if m.matter_id == matter_id), f"事项“{matter_id}”")


def procedure_to_dict(p: SpecialProcedure) -> dict[str, Any]:
    return {
        "number": p.number,
        "kind": p.kind.value,
        "reason": p.reason,
        "matter_id": p.matter_id,
        "started_on": p.started_on.isoformat(),
        "started_at": p.started_at,
        "started_by": p.started_by,
        "expected_days": p.expected_days,
        "ended_on": None if p.ended_on is None else p.ended_on.isoformat(),
        "ended_at": p.ended_at,
        "ended_by": p.ended_by,
        "note": p.note,
        "paused_days": p.paused_days,
        "due_after": None if p.due_after is None else p.due_after.isoformat(),
    }


def procedure_from_dict(d: Mapping[str, Any]) -> SpecialProcedure:
    ended_on, due_after = d.get("ended_on"), d.get("due_after")
    expected, paused = d.get("expected_days"), d.get("paused_days")
    return SpecialProcedure(
        number=int(d["number"]),
        kind=ProcedureKind(d["kind"]),
        reason=str(d["reason"]),
        matter_id=None if d.get("matter_id") is None else str(d["matter_id"]),
        started_on=date.fromisoformat(d["started_on"]),
        started_at=str(d["started_at"]),
        started_by=str(d.get("started_by", "")),
        expected_days=None if expected is None else int(expected),
        ended_on=None if not ended_on else date.fromisoformat(ended_on),
        ended_at=d.get("ended_at"),
        ended_by=str(d.get("ended_by", "")),
        note=str(d.get("note", "")),
        paused_days=None if paused is None else int(paused),
        due_after=None if not due_after else date.fromisoformat(due_after),
    )
