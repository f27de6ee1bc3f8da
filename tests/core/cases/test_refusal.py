"""Applications not accepted (行政许可法 §32): 补正告知 and 不予受理, stored, audited, printed; never dispatched.

Sources: 《中华人民共和国行政许可法》第三十二条 ("申请材料不齐全或者不符合法定形式的，应当当场或者在五日内
一次性告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理"; a written notice with
the agency's seal and date), 第八十二条 (periods in working days); 《行政复议法》第二十条 (60 days);
《行政诉讼法》第四十六条 (six months). Domain review §4 R5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.case_numbers import parse_case_number
from core.cases.intake import IntakeRequest, MaterialInput, page_digest
from core.cases.model import CaseStatus, EventKind, ItemState, RefusalKind
from core.cases.refusal import RefusalRequest, missing_items
from core.cases.service import CaseQuery, CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.errors import LifecycleError, ValidationError
from core.printing import PrintService, receipt_kinds
from core.receipts import deficiency_notice, rejection_notice, render_text, supplement_notice
from core.store.store import Store
from tests.core.cases.conftest import JPEG_PAGE

Make = Callable[..., IntakeRequest]
CONFIG = DeviceConfig.demo()


def _without(request: IntakeRequest, *material_ids: str) -> IntakeRequest:
    materials = {k: v for k, v in request.materials.items() if k not in material_ids}
    return replace(request, materials=materials)


def _given(request: IntakeRequest) -> list[str]:
    """Materials given on paper or as e-licences (not the scanned one), in checklist order."""
    return [k for k, v in request.materials.items() if v.state in (ItemState.PAPER, ItemState.E_LICENCE)]


def test_a_supplement_notice_lists_everything_missing_and_the_record_is_never_accepted(
    service: CaseService, store: Store, make_request: Make, tmp_path: Path, catalog: Catalog, clock: Any
) -> None:
    full = make_request(scan=True)
    first, second, defective = _given(full)[:3]
    request = RefusalRequest(
        RefusalKind.SUPPLEMENT,
        _without(full, first, second),
        defects={defective: "复印件不清晰，请提供清晰的复印件"},
    )
    case = service.refuse(request)

    assert case.status is CaseStatus.SUPPLEMENT_NOTIFIED and case.status.final
    assert parse_case_number(case.number).sequence == 1  # a number staff and the citizen can quote
    missing = {i.material_id: i.note for i in missing_items(case)}
    assert missing == {first: "", second: "", defective: "复印件不清晰，请提供清晰的复印件"}
    assert case.refusal is not None and case.refusal.received_on == clock.now().date()
    assert case.refusal.notice_by == date(2026, 11, 30)  # Mon 23rd + 5 working days
    # Materials of an application not accepted go back to the applicant: no page, no form, no signature.
    assert case.attachments == () and case.form == {} and case.promised_date is None
    assert not store.has_attachment(page_digest(JPEG_PAGE))
    assert [e.kind for e in store.events_for(case.number)] == [EventKind.NOT_ACCEPTED.value]
    assert [a.action for a in store.audit_entries(case.number)] == ["case.refuse"]
    store.close()
    reopened = Store.open(tmp_path / "data", clock=clock)
    try:
        again = CaseService(catalog, reopened, clock, CONFIG, "window07").get(case.number)
        assert again == case
    finally:
        reopened.close()


def test_the_supplement_notice_prints_each_item_and_the_law(service: CaseService, make_request: Make) -> None:
    full = make_request()
    first = _given(full)[0]
    case = service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, _without(full, first)))
    name = case.item(first).name
    receipt = supplement_notice(case, CONFIG)
    assert (receipt.kind, receipt.title) == ("supplement", "一次性补正告知书")
    text = render_text(receipt, width=400)
    for words in (
        "一次性补正告知书",
        name,
        "缺少此项材料",
        "不予受理",
        "第三十二条",
        "盖章",
        "2026-11-23",
        "凭本告知书",
    ):
        assert words in text, words
    assert receipt_kinds(case) == ("supplement",)
    with pytest.raises(ValidationError):
        rejection_notice(case, CONFIG)


def test_the_notice_is_due_within_five_working_days_of_receipt(
    service: CaseService, make_request: Make
) -> None:
    # 行政许可法 §32(四) and §82: five working days; after that the application counts as accepted.
    incomplete = _without(make_request(), _given(make_request())[0])
    on_time = service.refuse(
        RefusalRequest(RefusalKind.SUPPLEMENT, incomplete, received_on=date(2026, 11, 16))
    )
    assert on_time.refusal is not None and on_time.refusal.notice_by == date(2026, 11, 23)
    with pytest.raises(ValidationError) as late:
        service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, incomplete, received_on=date(2026, 11, 13)))
    assert late.value.code == "refusal.notice_late" and "即为受理" in late.value.message
    assert late.value.params["due"] == "2026-11-20"
    with pytest.raises(ValidationError) as future:
        service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, incomplete, received_on=date(2026, 11, 24)))
    assert future.value.code == "refusal.future"


def test_nothing_missing_is_no_supplement_and_a_deferral_is_a_missing_material(
    service: CaseService, make_request: Make
) -> None:
    with pytest.raises(ValidationError) as complete:
        service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, make_request()))
    assert complete.value.code == "refusal.nothing_missing"
    deferred = make_request(defer=True)
    (material_id,) = [k for k, v in deferred.materials.items() if v.state is ItemState.DEFICIENT]
    case = service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, deferred))
    assert [i.material_id for i in missing_items(case)] == [material_id]  # 容缺 is for accepted cases
    assert case.deficient_items == () and case.deficiency_deadline is None


def test_a_supplement_needs_every_situation_answered(service: CaseService, make_request: Make) -> None:
    request = make_request()
    partial = replace(request, answers={}, materials={})
    with pytest.raises(ValidationError) as unanswered:
        service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, partial))
    assert unanswered.value.code == "refusal.unanswered"
    # A rejection does not list materials: it may come before the questions.
    case = service.refuse(RefusalRequest(RefusalKind.REJECT, partial, reason="申请事项不属于本机关职权范围"))
    assert case.status is CaseStatus.NOT_ACCEPTED


def test_a_rejection_has_a_reason_and_states_the_remedies(
    service: CaseService, store: Store, make_request: Make, clock: Any
) -> None:
    with pytest.raises(ValidationError) as no_reason:
        service.refuse(RefusalRequest(RefusalKind.REJECT, make_request(), reason="  "))
    assert no_reason.value.code == "refusal.no_reason"
    reason = "申请事项依法不属于本机关职权范围，请向户籍所在地公安机关申请"
    case = service.refuse(RefusalRequest(RefusalKind.REJECT, make_request(), reason=reason))
    assert case.status is CaseStatus.NOT_ACCEPTED and receipt_kinds(case) == ("rejection",)
    text = render_text(rejection_notice(case, CONFIG), width=400)
    for words in (
        "不予受理通知书",
        reason,
        "六十日内",
        "行政复议",
        "六个月内",
        "行政诉讼",
        "第四十六条",
        "盖章",
    ):
        assert words in text, words
    printing = PrintService(store, clock, CONFIG, "window07")
    with pytest.raises(ValidationError, match="没有受理回执"):
        printing.prepare_kind(case, "receipt")
    (job, receipt), *rest = printing.prepare(case)
    assert not rest and (job.kind, receipt.title) == ("rejection", "不予受理通知书")


def test_a_refused_record_is_never_supplemented_dispatched_or_taken_for_deficiency(
    service: CaseService, make_request: Make, clock: Any
) -> None:
    incomplete = _without(make_request(), _given(make_request())[0])
    case = service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, incomplete))
    missing = missing_items(case)[0].material_id
    with pytest.raises(LifecycleError):
        service.supplement(case.number, [missing])
    with pytest.raises(LifecycleError):
        service.dispatch(case.number)
    clock.advance(days=400)
    assert service.terminate_overdue() == []
    assert service.find(CaseQuery(status=CaseStatus.SUPPLEMENT_NOTIFIED)) == [case]


def test_the_deficiency_notice_keeps_its_own_name(service: CaseService, make_request: Make) -> None:
    # 一次性告知 is the 补正 notice of §32; an application accepted with a material owed gets a
    # 容缺受理通知书 (domain review R5).
    case = service.accept(make_request(defer=True))
    notice = deficiency_notice(case, CONFIG)
    assert notice.title == "容缺受理通知书" and "一次性告知书" not in render_text(notice)


def test_a_material_not_on_the_checklist_is_refused_by_name(service: CaseService, make_request: Make) -> None:
    request = make_request()
    bad = replace(request, materials={**request.materials, "no_such": MaterialInput(ItemState.PAPER)})
    with pytest.raises(ValidationError) as error:
        service.refuse(RefusalRequest(RefusalKind.SUPPLEMENT, bad))
    assert error.value.field == "materials.no_such"
    with pytest.raises(ValidationError) as long_note:
        service.refuse(RefusalRequest(RefusalKind.REJECT, request, reason="理" * 501))
    assert long_note.value.code == "refusal.too_long"
