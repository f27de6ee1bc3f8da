"""Case operations against a real encrypted store on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.case_numbers import parse_case_number
from core.cases.intake import IntakeRequest
from core.cases.model import CaseStatus, EventKind, ItemState, MatterStatus
from core.cases.service import CaseQuery, CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.errors import LifecycleError, NotFoundError, ValidationError
from core.store.store import Store

Make = Callable[..., IntakeRequest]


def test_accepted_case_is_durable_with_its_event_and_audit(
    service: CaseService, store: Store, make_request: Make, tmp_path: Path, catalog: Catalog, clock: Any
) -> None:
    case = service.accept(make_request(scan=True))
    number = parse_case_number(case.number)
    assert (number.region, number.device_no, number.sequence) == ("320115", 1, 1)
    assert number.day == clock.now().date()
    store.close()
    reopened = Store.open(tmp_path / "data", clock=clock)
    try:
        again = CaseService(catalog, reopened, clock, DeviceConfig.demo(), "window07").get(number.display)
        assert again == case
        events = reopened.events_for(case.number)
        assert [e.kind for e in events] == [EventKind.ACCEPTED.value]
        assert events[0].payload["applicant"]["name"] == "林晓雨"
        assert [e.seq for e in reopened.pending_events()] == [events[0].seq]
        assert [a.action for a in reopened.audit_entries(case.number)] == ["case.accept"]
        scanned = next(i for i in again.items if i.state is ItemState.SCANNED)
        assert reopened.get_attachment(scanned.attachments[0]).startswith(b"\xff\xd8")
    finally:
        reopened.close()


def test_numbers_count_up_per_day(service: CaseService, make_request: Make, clock: Any) -> None:
    first = parse_case_number(service.accept(make_request()).number)
    second = parse_case_number(service.accept(make_request()).number)
    clock.advance(days=1)
    third = parse_case_number(service.accept(make_request()).number)
    assert (first.sequence, second.sequence, third.sequence) == (1, 2, 1)
    assert third.day > first.day


def test_rejected_intake_leaves_nothing(service: CaseService, store: Store, make_request: Make) -> None:
    bad = make_request(applicant={"name": "林晓雨", "id_number": "320115199003070044"})
    with pytest.raises(ValidationError):
        service.accept(bad)
    assert service.find(CaseQuery()) == []
    assert store.pending_count() == 0


def test_supplement_completes_a_deficient_case(
    service: CaseService, store: Store, make_request: Make
) -> None:
    case = service.accept(make_request(defer=True))
    assert case.status is CaseStatus.ACCEPTED_DEFICIENT
    (missing,) = case.deficient_items
    with pytest.raises(ValidationError, match="待补材料"):
        service.supplement(case.number, ["no_such_material"])
    done = service.supplement(
        case.number, [missing.material_id], {missing.material_id: [b"\xff\xd8page\xff\xd9"]}
    )
    assert done.status is CaseStatus.ACCEPTED and done.version == 2
    item = done.item(missing.material_id)
    assert item.state is ItemState.SCANNED and item.deadline is None and item.supplemented_at
    assert [e.kind for e in store.events_for(case.number)] == ["accepted", "supplemented"]
    with pytest.raises(ValidationError, match="不是容缺待补材料"):
        service.supplement(case.number, [missing.material_id])


def test_evaluation_rules(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request())
    with pytest.raises(ValidationError, match="差评请说明原因"):
        service.evaluate(case.number, 2)
    with pytest.raises(ValidationError, match="1–5"):
        service.evaluate(case.number, 6)
    rated = service.evaluate(case.number, 1, "等候时间太长")
    assert (
        rated.evaluation is not None and rated.evaluation.follow_up and rated.evaluation.label == "非常不满意"
    )
    with pytest.raises(LifecycleError, match="一次一评"):
        service.evaluate(case.number, 5)


def test_withdrawn_case_is_final(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request(defer=True))
    out = service.withdraw(case.number, "申请人要求撤回")
    assert out.status is CaseStatus.WITHDRAWN and out.history
    with pytest.raises(LifecycleError):
        service.withdraw(case.number, "again")
    with pytest.raises(LifecycleError):
        service.supplement(case.number, [case.deficient_items[0].material_id])


def test_overdue_deficiency_terminates_only_after_the_deadline(
    service: CaseService, make_request: Make, clock: Any
) -> None:
    case = service.accept(make_request(defer=True))
    complete = service.accept(make_request())
    deadline = case.deficiency_deadline
    assert deadline is not None
    assert service.terminate_overdue(deadline) == []
    (ended,) = service.terminate_overdue(deadline.fromordinal(deadline.toordinal() + 1))
    assert ended.number == case.number and ended.status is CaseStatus.TERMINATED
    assert service.get(complete.number).status is CaseStatus.ACCEPTED


def test_find_by_id_number_name_and_status(service: CaseService, make_request: Make) -> None:
    mine = service.accept(make_request())
    other = service.accept(make_request(applicant={"name": "周建国", "id_number": "320115198805120036"}))
    assert [c.number for c in service.find(CaseQuery(id_number="320115199003070043"))] == [mine.number]
    assert [c.number for c in service.find(CaseQuery(name="周建国"))] == [other.number]
    assert {c.number for c in service.find(CaseQuery(status=CaseStatus.ACCEPTED))} == {
        mine.number,
        other.number,
    }
    with pytest.raises(NotFoundError):
        service.get("32011526112300199999")


def test_reveal_is_audited(service: CaseService, store: Store, make_request: Make) -> None:
    case = service.accept(make_request())
    service.reveal(case.number, "核对身份")
    assert [a.action for a in store.audit_entries(case.number)] == ["case.accept", "case.reveal"]
    assert store.verify_audit().ok


def test_department_results_settle_the_case(service: CaseService, store: Store, make_request: Make) -> None:
    case = service.accept(make_request())
    first, *rest = [m.matter_id for m in case.matters]
    out = service.record_matter_result(case.number, first, MatterStatus.DONE, "已出证")
    assert out.status is CaseStatus.DISPATCHED  # a result implies the platform dispatched it
    assert (
        service.record_matter_result(case.number, first, MatterStatus.DONE, "已出证") == out
    )  # delivered twice
    with pytest.raises(LifecycleError, match="不能再改为"):
        service.record_matter_result(case.number, first, MatterStatus.REJECTED, "")
    for matter_id in rest:
        out = service.record_matter_result(case.number, matter_id, MatterStatus.DONE, "")
    assert out.status is CaseStatus.COMPLETED
    assert [e.kind for e in store.events_for(case.number)][-1] == EventKind.COMPLETED.value
    with pytest.raises(LifecycleError, match="不再接收"):
        service.record_matter_result(case.number, first, MatterStatus.DONE, "")


def test_all_rejected_means_rejected(service: CaseService, make_request: Make) -> None:
    case = service.dispatch(service.accept(make_request()).number)
    assert case.status is CaseStatus.DISPATCHED
    assert {m.status for m in case.matters} == {MatterStatus.DISPATCHED}
    for m in case.matters:
        case = service.record_matter_result(case.number, m.matter_id, MatterStatus.REJECTED, "材料不符")
    assert case.status is CaseStatus.REJECTED
    with pytest.raises(LifecycleError):
        service.dispatch(case.number)


PNG = b"\x89PNG\r\n\x1a\n" + b"signature strokes" * 20


def test_signature_and_proxy_authorisation_are_kept(
    service: CaseService, store: Store, make_request: Make
) -> None:
    from dataclasses import replace
    from datetime import date

    from core.cases.intake import ProxyInput

    proxy = ProxyInput(
        helper_name="赵帮办",
        helper_id_number="320115198805120036",
        scope="代为办理新生儿出生一件事",
        valid_until=date(2026, 12, 31),
        signature=PNG + b"principal",
        photo=b"\xff\xd8visit photo\xff\xd9",
        organisation="东山街道便民服务中心",
    )
    case = service.accept(replace(make_request(), signature=PNG, proxy=proxy))
    assert case.proxy is not None and case.proxy.helper_name == "赵帮办"
    assert case.signature is not None and set(case.attachments) >= {case.signature, case.proxy.photo}
    for ref in case.attachments:
        assert store.has_attachment(ref)
    assert service.get(case.number) == case
    bad = replace(proxy, helper_id_number="320115199003070043")  # the applicant herself
    with pytest.raises(ValidationError, match="代办人不能是申请人本人"):
        service.accept(replace(make_request(), proxy=bad))
    with pytest.raises(ValidationError, match="委托有效期已过"):
        service.accept(replace(make_request(), proxy=replace(proxy, valid_until=date(2026, 1, 1))))
    with pytest.raises(ValidationError, match="现场照片"):
        service.accept(replace(make_request(), proxy=replace(proxy, photo=b"")))


def test_earlier_form_values_prefill_the_next_case(service: CaseService, make_request: Make) -> None:
    assert service.earlier_form_values("320115199003070043") == {}
    first = service.accept(make_request())
    values = service.earlier_form_values("320115199003070043")
    assert values and values == dict(first.form)
    assert service.earlier_form_values("320115198805120036") == {}
