"""特别程序 in the national 办件 model: 9 特别程序（开始） and 10 特别程序（结束） 环节 records for each matter in
a procedure's scope, the matter's own state unchanged ([S] in core/banjian/states.py; docs/banjian.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.banjian import HandleState, banjian_records
from core.cases.intake import IntakeRequest
from core.cases.service import CaseService
from core.cases.special_procedures import ProcedureKind
from core.catalog.model import Catalog

H = HandleState


def test_a_matter_pause_writes_9_then_10_on_that_matter_only(
    service: CaseService, make_request: Callable[..., IntakeRequest], catalog: Catalog, clock: Any
) -> None:
    case = service.accept(make_request("newborn"))
    service.start_procedure(case.number, ProcedureKind.PUBLICITY, "户口登记信息公示", matter_id="hukou_birth")
    clock.advance(days=2)
    case = service.end_procedure(case.number, note="公示无异议")
    records = banjian_records(case, catalog)
    paused = [r for r in records if any(p.state is H.SPECIAL_STARTED for p in r.process)]
    (record,) = paused
    codes = [p.state.value for p in record.process]
    assert codes == ["1", "3", "9", "10"]
    start, end = record.process[2], record.process[3]
    assert start.node == end.node == "特别程序" and start.opinion == "公示：户口登记信息公示"
    assert end.opinion == "公示结束，不计时 2 个工作日：公示无异议" and end.at > start.at
    assert record.state is H.ACCEPTED  # the matter's own state stays as it was
    others = [r for r in records if r is not record]
    assert others and all([p.state.value for p in r.process] == ["1", "3"] for r in others)
