"""告知承诺 with its 告知 and its 核查, and who may not use it (失信): pure rules over cases.

Sources: 国务院办公厅《关于全面推行证明事项告知承诺制的指导意见》(国办发〔2020〕42号):
- the 告知 says what is checked, how and by when, and what a false commitment costs;
- 事中事后核查 "通过数据共享、部门核验、网络核验、现场核查等方式" checks what was promised;
- an applicant with a serious bad credit record, or who made a false commitment before, may not use
  告知承诺 until the record is repaired; local 容缺受理 rules exclude 失信 applicants likewise
  (domain review R3).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date

from core.cases.model import (
    Case,
    CheckOutcome,
    CommitmentCheck,
    CreditStanding,
    ItemRecord,
    ItemState,
)
from core.catalog.model import Catalog, Material
from core.errors import LifecycleError, ValidationError
from core.workdays import add_working_days

DEFAULT_CHECK = "受理部门将通过数据共享、部门核验、网络核验或现场核查等方式核实承诺内容。"
"""What the 告知 says is checked when the catalog names nothing more precise."""

FALSE_COMMITMENT = (
    "申请人作出不实承诺的，行政机关将依法终止办理、责令限期整改、撤销行政决定或者予以行政处罚，"
    "并将不实承诺信息纳入信用记录。"
)
"""The consequence of a false commitment (国办发〔2020〕42号), printed with every commitment."""

NOT_FOR_DISHONEST = frozenset({ItemState.COMMITMENT, ItemState.DEFICIENT})
"""What a 失信 applicant may not use: 告知承诺 and 容缺受理."""


def check_text(material: Material) -> str:
    """What the department will check for ``material``'s commitment: the catalog's words, else the default."""
    return material.commitment_check or DEFAULT_CHECK


def credit_allows(state: ItemState, standing: CreditStanding) -> bool:
    """Whether an applicant of ``standing`` may satisfy a material by ``state``."""
    return not (standing is CreditStanding.DISHONEST and state in NOT_FOR_DISHONEST)


def credit_problem(
    material_id: str, name: str, state: ItemState, standing: CreditStanding
) -> ValidationError | None:
    """Why a 失信 applicant cannot have ``state`` for a material (a ValidationError to raise), or None."""
    if credit_allows(state, standing):
        return None
    commitment = state is ItemState.COMMITMENT
    how = "告知承诺" if commitment else "容缺受理"
    return ValidationError(
        f"materials.{material_id}",
        f"申请人有失信记录，“{name}”不能适用{how}，请提交材料（国办发〔2020〕42号）",
        f"material {material_id}: a dishonest applicant may not use {state.value}",
        code="credit.no_commitment" if commitment else "credit.no_deferral",
        params={"name": name},
    )


def check_credit(case: Case) -> None:
    """Raise ValidationError when the case's applicant is 失信 and a material is promised or deferred."""
    for item in case.items:
        problem = credit_problem(item.material_id, item.name, item.state, case.credit)
        if problem is not None:
            raise problem


def check_for(
    material: Material,
    promise_days: Sequence[int | None],
    today: date,
    holidays: Collection[date] = (),
    workdays: Collection[date] = (),
) -> CommitmentCheck:
    """The 告知 of ``material``'s commitment accepted ``today``: what is checked and by when.

    The deadline is ``commitment_check_days`` working days after ``today`` when the catalog gives
    them; otherwise the check comes before the decision (事中核查): the shortest of ``promise_days``
    (the limits of the matters needing the material), None when one of them publishes no limit.
    """
    days = material.commitment_check_days
    if days is None and promise_days and None not in promise_days:
        days = min(d for d in promise_days if d is not None)
    deadline = None if days is None else add_working_days(today, days, holidays, workdays)
    return CommitmentCheck(what=check_text(material), deadline=deadline)


def with_checks(
    case: Case,
    catalog: Catalog,
    today: date,
    holidays: Collection[date] = (),
    workdays: Collection[date] = (),
) -> Case:
    """``case`` with its 核查 (``check_for``) on every commitment that has none yet."""
    materials = catalog.bundle(case.bundle_id).materials
    limits = {m.matter_id: m.promise_days for m in case.matters}
    items = []
    for item in case.items:
        material = materials.get(item.material_id)
        if item.state is ItemState.COMMITMENT and item.check is None and material is not None:
            days = [limits.get(matter) for matter in item.matters]
            item = replace(item, check=check_for(material, days, today, holidays, workdays))
        items.append(item)
    return replace(case, items=tuple(items))


def checked(
    case: Case, material_id: str, outcome: CheckOutcome, note: str, at: str, by: str
) -> tuple[Case, ItemRecord]:
    """``case`` with the 核查 of ``material_id`` recorded; the changed item. A false commitment needs a note."""
    try:
        item = case.item(material_id)
    except KeyError:
        raise ValidationError(
            f"materials.{material_id}",
            f"本办件没有材料“{material_id}”",
            f"no material {material_id}",
            code="check.unknown_material",
            params={"material": material_id},
        ) from None
    if item.check is None:
        raise ValidationError(
            f"materials.{material_id}",
            f"材料“{item.name}”不是告知承诺，没有要核查的内容",
            f"material {material_id} is no commitment with a check",
            code="check.not_commitment",
            params={"name": item.name},
        )
    if item.check.outcome is not None:
        raise LifecycleError(
            f"材料“{item.name}”的核查结果已记录（{item.check.outcome.label}），不能再改。",
            f"check of {material_id} already recorded",
        )
    if item not in case.open_checks:
        raise LifecycleError(
            f"办件状态为“{case.status.label}”，不再核查告知承诺。", f"case is {case.status.value}: no check"
        )
    if outcome is CheckOutcome.FALSE and not note.strip():
        raise ValidationError(
            "note", "承诺不实，请写明核查发现的情况", "a false commitment needs a note", code="check.no_note"
        )
    done = replace(
        item, check=replace(item.check, outcome=outcome, checked_at=at, checked_by=by, note=note.strip())
    )
    items = tuple(done if i.material_id == material_id else i for i in case.items)
    history = case.history
    if outcome is CheckOutcome.FALSE:
        history = (*history, f"告知承诺核查不实：{item.name}，{note.strip()}")
    return replace(case, items=items, history=history), done
