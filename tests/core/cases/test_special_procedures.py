"""特别程序 pause the clock (行政许可法 §45: "所需时间不计算在本节规定的期限内"; domain review R4).

Vectors under the shipped 2026 calendar (国办 2025-11-04: 国庆 10-01…10-07 off, Saturday 10-10 worked),
counted by hand: the working days after the start day, up to and including the end day, are not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

import pytest

from core.calendar import shipped_calendar
from core.cases.codec import case_from_dict, case_to_dict
from core.cases.intake import IntakeRequest
from core.cases.model import CaseStatus, EventKind, MatterRecord, MatterStatus
from core.cases.service import CaseService
from core.cases.special_procedures import (
    ProcedureKind,
    ended,
    paused_working_days,
    started,
)
from core.errors import LifecycleError, ValidationError
from core.flows.kiosk import progress_of_case
from core.store.store import Store
from tests.conftest import CHINA, FakeClock

CAL = shipped_calendar()
H, W = CAL.holidays, CAL.workdays


def test_persisted_kinds_never_change() -> None:
    assert [k.value for k in ProcedureKind] == [
        "hearing", "tender", "auction", "inspection", "testing", "quarantine", "appraisal", "expert_review",
        "publicity", "site_survey",
    ]  # fmt: skip
    assert [k.label for k in ProcedureKind][:8] == [
        "听证",
        "招标",
        "拍卖",
        "检验",
        "检测",
        "检疫",
        "鉴定",
        "专家评审",
    ]


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 11, 23), date(2026, 11, 23), 0),  # started and ended the same day
        (date(2026, 11, 23), date(2026, 11, 30), 5),  # Mon → next Mon: Tue–Fri and Mon
        (date(2026, 9, 30), date(2026, 10, 9), 2),  # across 国庆: only 10-08 and 10-09 were worked
        (date(2026, 10, 9), date(2026, 10, 16), 6),  # the make-up Saturday 10-10 counts
        (date(2026, 11, 30), date(2026, 11, 23), 0),  # never negative
    ],
)
def test_paused_working_days(start: date, end: date, days: int) -> None:
    assert paused_working_days(start, end, H, W) == days


def _case(service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock):  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))
    request = make_request(
        answers={"married": True, "follow": "father", "want_maternity": True, "mother_scheme": "employee"}
    )
    return service.accept(request)


def test_a_whole_case_pause_moves_the_due_date_by_the_days_it_took(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock, store: Store
) -> None:
    case = _case(service, make_request, clock)
    # Accepted 2026-09-30 with 生育津贴 (15 working days): due 2026-10-27 (issue #12's vector).
    assert case.promised_date == date(2026, 10, 27) == case.due_date
    clock.set(datetime(2026, 10, 9, 9, 0, tzinfo=CHINA))
    paused = service.start_procedure(
        case.number, ProcedureKind.APPRAISAL, "出生医学证明真伪存疑，送鉴定", expected_days=3
    )
    (p,) = paused.open_procedures
    assert (p.kind, p.matter_id, p.started_on, p.expected_days) == (
        ProcedureKind.APPRAISAL,
        None,
        date(2026, 10, 9),
        3,
    )
    # While open, the due date moves by the expected 3 days: 10-28, 10-29, 10-30.
    assert paused.due_date == date(2026, 10, 30) and paused.promised_date == date(2026, 10, 27)
    assert progress_of_case(paused, uploaded=False).promised_date == date(2026, 10, 30)  # the kiosk's card
    with pytest.raises(LifecycleError, match="进行中"):
        service.start_procedure(case.number, ProcedureKind.PUBLICITY, "公示")
    clock.set(datetime(2026, 10, 16, 17, 0, tzinfo=CHINA))
    resumed = service.end_procedure(case.number, note="鉴定为真")
    assert resumed.open_procedures == ()
    (p,) = resumed.special_procedures
    # 6 working days not counted (10-10 Sat worked, 10-12…10-16): 10-27 → 11-04.
    assert (p.paused_days, p.ended_on, p.note) == (6, date(2026, 10, 16), "鉴定为真")
    assert resumed.due_date == date(2026, 11, 4)
    assert service.get(case.number).due_date == date(2026, 11, 4)  # durable
    assert case_from_dict(case_to_dict(resumed)) == resumed
    events = [e for e in store.pending_events(100) if e.case_number == case.number]
    kinds = [e.kind for e in events]
    assert kinds[-2:] == [EventKind.PROCEDURE_STARTED.value, EventKind.PROCEDURE_ENDED.value]
    assert events[-1].payload["due_date"] == "2026-11-04"
    assert events[-1].payload["procedure"]["paused_days"] == 6
    actions = [a.action for a in store.audit_entries(case_number=case.number)]
    assert "case.procedure_start" in actions and "case.procedure_end" in actions
    with pytest.raises(LifecycleError, match="没有进行中的特别程序"):
        service.end_procedure(case.number)


def test_a_matter_pause_moves_its_own_due_date_and_the_case_only_when_it_goes_past(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock
) -> None:
    case = _case(service, make_request, clock)
    # 户口登记 (5 working days) is due 2026-10-13; a 5-day 现场勘查 on it moves it to 10-20, within 10-27.
    short = service.start_procedure(
        case.number, ProcedureKind.SITE_SURVEY, "核实居住地址", matter_id="hukou_birth", expected_days=5
    )
    (p,) = short.open_procedures
    assert p.due_after == date(2026, 10, 20) and short.due_date == date(2026, 10, 27)
    # Another matter may pause at the same time; the same one may not; the whole case may not.
    with pytest.raises(LifecycleError):
        service.start_procedure(case.number, ProcedureKind.PUBLICITY, "公示", matter_id="hukou_birth")
    with pytest.raises(LifecycleError):
        service.start_procedure(case.number, ProcedureKind.PUBLICITY, "公示")
    both = service.start_procedure(
        case.number, ProcedureKind.EXPERT_REVIEW, "专家评审", matter_id="maternity", expected_days=2
    )
    assert both.due_date == date(2026, 10, 29)  # 生育津贴 10-27 + 2
    with pytest.raises(ValidationError, match="请指定事项"):
        service.end_procedure(case.number)
    clock.set(datetime(2026, 10, 8, 9, 0, tzinfo=CHINA))
    done = service.end_procedure(case.number, matter_id="maternity")  # 9-30 → 10-08: one working day
    assert done.special_procedures[1].paused_days == 1 and done.due_date == date(2026, 10, 28)


def test_what_cannot_pause(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock
) -> None:
    case = _case(service, make_request, clock)
    with pytest.raises(ValidationError, match="原因"):
        service.start_procedure(case.number, ProcedureKind.HEARING, "  ")
    with pytest.raises(ValidationError, match="没有事项"):
        service.start_procedure(case.number, ProcedureKind.HEARING, "听证", matter_id="nope")
    with pytest.raises(ValidationError, match="工作日"):
        service.start_procedure(case.number, ProcedureKind.HEARING, "听证", expected_days=0)
    service.withdraw(case.number, "申请人撤回")
    with pytest.raises(LifecycleError, match="不能启动特别程序"):
        service.start_procedure(case.number, ProcedureKind.HEARING, "听证")


def test_a_settled_matter_cannot_pause_and_pure_rules_keep_the_case_unchanged(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock
) -> None:
    case = _case(service, make_request, clock)
    matters = tuple(
        replace(m, status=MatterStatus.DONE) if m.matter_id == "vaccine_cert" else m for m in case.matters
    )
    settled = replace(case, matters=matters, status=CaseStatus.DISPATCHED)
    with pytest.raises(LifecycleError, match="已办结，不能启动"):
        started(settled, ProcedureKind.TESTING, "检测", matter_id="vaccine_cert", expected_days=None,
                today=date(2026, 10, 8), at="t", by="w", holidays=H, workdays=W)  # fmt: skip
    paused, _ = started(settled, ProcedureKind.TESTING, "检测", matter_id=None, expected_days=None,
                        today=date(2026, 10, 8), at="t", by="w", holidays=H, workdays=W)  # fmt: skip
    assert paused.due_date == case.promised_date  # no expected days: nothing moves until it ends
    assert settled.special_procedures == ()
    with pytest.raises(ValidationError, match="早于开始日期"):
        ended(paused, matter_id=None, today=date(2026, 10, 7), at="t", by="w", holidays=H, workdays=W)
    assert isinstance(case.matters[0], MatterRecord)


def test_a_special_type_of_work_retirement_pauses_its_pension_matter_for_a_public_notice(
    service: CaseService, make_request: Callable[..., IntakeRequest], clock: FakeClock
) -> None:
    # 特殊工种提前退休 is publicised before approval (公示): the 养老金 matter pauses, the others run on.
    case = service.accept(make_request("retirement"))
    pension = next(m for m in case.matters if m.matter_id == "pension")
    assert pension.promise_days == 20
    paused = service.start_procedure(
        case.number, ProcedureKind.PUBLICITY, "特殊工种提前退休公示", matter_id="pension", expected_days=5
    )
    (p,) = paused.open_procedures
    # Accepted Monday 2026-11-23: 20 working days → 2026-12-21; 5 more → 2026-12-28.
    assert p.due_after == date(2026, 12, 28)
    assert paused.due_date == max(date(2026, 12, 28), case.promised_date or date.min)
