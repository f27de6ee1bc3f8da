"""告知承诺 with its 告知 and 核查, and the 失信 applicant who may use neither it nor 容缺.

Source: 国务院办公厅《关于全面推行证明事项告知承诺制的指导意见》(国办发〔2020〕42号): the 告知 names what is
checked and the consequence of a false commitment; 事中事后核查 follows; an applicant with a serious
bad credit record may not use 告知承诺 (and local 容缺受理 rules exclude 失信 applicants: domain review R3, R6).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.assets import assets_dir
from core.cases.codec import item_from_dict
from core.cases.commitments import DEFAULT_CHECK, FALSE_COMMITMENT, check_for
from core.cases.intake import IntakeRequest
from core.cases.model import CaseStatus, CheckOutcome, CreditStanding, EventKind, ItemState
from core.cases.service import CaseQuery, CaseService
from core.catalog import load_catalog
from core.config import DeviceConfig
from core.errors import LifecycleError, ValidationError
from core.receipts import acceptance_receipt, render_text
from core.store.store import Store
from core.workdays import add_working_days
from tests.core.cases.conftest import NEWBORN_ANSWERS

Make = Callable[..., IntakeRequest]
CONFIG = DeviceConfig.demo()
OLDER = {**NEWBORN_ANSWERS, "age_band": "gt_1y"}  # a child over one: 未在其他地方登记户口 may be promised


def older(make_request: Make, **kwargs: Any) -> IntakeRequest:
    """A newborn intake for a child over one, whose hukou registration may rest on a commitment."""
    request = make_request(answers=OLDER, **kwargs)
    return replace(request, form={**request.form, "child.birth_date": "2024-05-01"})


def _committed(case: Any) -> Any:
    (item,) = [i for i in case.items if i.state is ItemState.COMMITMENT]
    return item


def test_a_commitment_is_told_what_is_checked_and_by_when(service: CaseService, make_request: Make) -> None:
    case = service.accept(older(make_request, commit=True))
    item = _committed(case)
    assert item.check is not None and item.check.what == DEFAULT_CHECK and item.check.outcome is None
    # No check days in the catalog: checked before the decision, within the limit of its matters.
    limits = [m.promise_days for m in case.matters if m.matter_id in item.matters]
    assert None not in limits
    assert item.check.deadline == add_working_days(
        date(2026, 11, 23), min(d for d in limits if d is not None)
    )
    assert case.check_deadline == item.check.deadline
    text = render_text(acceptance_receipt(case, CONFIG), width=400)
    for words in (
        "告知承诺事项",
        item.name,
        DEFAULT_CHECK,
        f"核查期限：{item.check.deadline.isoformat()} 前",
    ):
        assert words in text, words
    assert FALSE_COMMITMENT in text and "纳入信用记录" in FALSE_COMMITMENT


def test_the_catalog_may_say_what_is_checked_and_within_how_many_days(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    shutil.copytree(assets_dir() / "catalog", root)
    path = root / "bundles" / "newborn.json"
    bundle = json.loads(path.read_text(encoding="utf-8"))
    material = next(m for m in bundle["materials"] if m.get("commitment_ok"))
    material["commitment_check"] = "公安机关通过人口信息系统核查未办理户口登记的情况"
    material["commitment_check_days"] = 30
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    loaded = load_catalog(root).bundle("newborn").materials[material["id"]]
    check = check_for(loaded, [5, None], date(2026, 11, 23))
    assert check.what == "公安机关通过人口信息系统核查未办理户口登记的情况"
    assert check.deadline == add_working_days(date(2026, 11, 23), 30)  # the catalog's days win
    assert (
        check_for(
            load_catalog().bundle("newborn").materials[material["id"]], [5, None], date(2026, 11, 23)
        ).deadline
        is None
    )
    material.pop("commitment_ok")
    material.pop("commitment_text")
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception, match="commitment_check"):
        load_catalog(root)


def test_a_dishonest_applicant_may_use_neither_commitment_nor_deferral(
    service: CaseService, store: Store, make_request: Make
) -> None:
    for request in (older(make_request, commit=True), make_request(defer=True)):
        with pytest.raises(ValidationError) as refused:
            service.accept(request, credit=CreditStanding.DISHONEST)
        assert refused.value.code in (
            "credit.no_commitment",
            "credit.no_deferral",
        ) and refused.value.field.startswith("materials.")
        assert "失信" in refused.value.message
    assert service.find(CaseQuery()) == [] and store.pending_count() == 0
    case = service.accept(make_request(), credit=CreditStanding.DISHONEST)  # every material brought
    assert (
        case.credit is CreditStanding.DISHONEST
        and service.get(case.number).credit is CreditStanding.DISHONEST
    )
    assert (
        service.accept(older(make_request, commit=True), credit=CreditStanding.GOOD).credit
        is CreditStanding.GOOD
    )


def test_the_check_is_recorded_once_and_leaves_the_deadline_list(
    service: CaseService, store: Store, make_request: Make
) -> None:
    case = service.accept(older(make_request, commit=True))
    item = _committed(case)
    assert item.check is not None and item.check.deadline is not None
    due = service.find(CaseQuery(deadline_before=item.check.deadline + timedelta(days=1)))
    assert [c.number for c in due] == [case.number]  # the desk's deadline filter finds a check
    with pytest.raises(ValidationError) as no_note:
        service.record_check(case.number, item.material_id, CheckOutcome.FALSE)
    assert no_note.value.code == "check.no_note"
    with pytest.raises(ValidationError) as not_commitment:
        service.record_check(
            case.number, next(i for i in case.items if i is not item).material_id, CheckOutcome.TRUE
        )
    assert not_commitment.value.code == "check.not_commitment"
    done = service.record_check(case.number, item.material_id, CheckOutcome.TRUE, "人口信息系统无登记记录")
    check = done.item(item.material_id).check
    assert check is not None and (check.outcome, check.checked_by, check.note) == (
        CheckOutcome.TRUE, "window07", "人口信息系统无登记记录",
    )  # fmt: skip
    assert done.check_deadline is None and done.next_deadline is None
    assert service.find(CaseQuery(deadline_before=date(2030, 1, 1))) == []
    assert [e.kind for e in store.events_for(case.number)][-1] == EventKind.COMMITMENT_CHECKED.value
    assert store.audit_entries(case.number)[-1].action == "case.commitment_check"
    with pytest.raises(LifecycleError):
        service.record_check(case.number, item.material_id, CheckOutcome.FALSE, "again")


def test_a_false_commitment_is_written_into_the_history(service: CaseService, make_request: Make) -> None:
    case = service.accept(older(make_request, commit=True))
    item = _committed(case)
    done = service.record_check(case.number, item.material_id, CheckOutcome.FALSE, "已在外地办理户口登记")
    assert done.history[-1] == f"告知承诺核查不实：{item.name}，已在外地办理户口登记"


def test_a_withdrawn_case_has_nothing_left_to_check(service: CaseService, make_request: Make) -> None:
    case = service.accept(older(make_request, commit=True))
    gone = service.withdraw(case.number, "申请人撤回")
    assert gone.status is CaseStatus.WITHDRAWN and gone.open_checks == () and gone.next_deadline is None
    with pytest.raises(LifecycleError):
        service.record_check(case.number, _committed(case).material_id, CheckOutcome.TRUE)


def test_cases_from_before_have_no_check() -> None:
    item = item_from_dict({"material_id": "x", "name": "x", "state": "commitment", "commitment_text": "承诺"})
    assert item.check is None
