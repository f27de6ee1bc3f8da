"""Applications not accepted at the window (行政许可法 §32): 补正告知 and 不予受理, as pure rules.

行政许可法 §32: when materials are incomplete or not in the legal form the agency "应当当场或者在五日内
一次性告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理"; a matter outside its
remit is refused at once (不予受理) with a written notice (§32 last paragraph: 书面凭证); periods are
working days (§82). 容缺受理 is something else: an application accepted with a material owed later
(core/cases/intake.py). The applicant refused may ask for 行政复议 within 60 days (行政复议法 §20) or
sue within six months (行政诉讼法 §46); the 不予受理通知书 says so (core/receipts.py).

What such an application is in the store: a case record with its own local number (the same counter
and check digit as accepted cases, so the notice's number and QR code find it at any window and
kiosk), in status ``supplement_notified`` or ``not_accepted``. Both are final: the record is never
dispatched to a department, never supplemented; an applicant who comes back with everything makes a
new application, which gets a new number. The record keeps the applicant, the answers, what was
brought and what is missing (each missing or defective material a ``pending`` item with what is
wrong in its note); it keeps no scanned page, no form and no signature: materials of an application
not accepted go back to the applicant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from core.cases.applicants import applicant_from
from core.cases.intake import IntakeContext, IntakeRequest, material_record
from core.cases.model import Case, ItemRecord, ItemState, MatterRecord, Refusal, RefusalKind
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.checklist import Checklist, ChecklistItem
from core.catalog.model import Catalog, MaterialSource
from core.errors import ValidationError
from core.workdays import add_working_days

NOTICE_DAYS = 5
"""行政许可法 §32(四): the 补正 notice is due within five (working, §82) days of receiving the materials."""

MAX_TEXT = 500  # a reason or a defect note, in characters: it is printed on a receipt


@dataclass(frozen=True, slots=True)
class RefusalRequest:
    """An application not accepted, as staff decided it.

    ``intake`` is what was entered so far (the same request an acceptance commits); ``defects`` name
    materials brought but not in the legal form, with what must be corrected (不符合法定形式);
    ``received_on`` is the day the materials were received (default: today).
    """

    kind: RefusalKind
    intake: IntakeRequest
    reason: str = ""
    defects: Mapping[str, str] = field(default_factory=dict)
    received_on: date | None = None


def notice_by(received_on: date, ctx: IntakeContext) -> date:
    """The last day a 补正 notice may be given for materials received on ``received_on``."""
    return add_working_days(received_on, NOTICE_DAYS, ctx.holidays, ctx.workdays)


def build_refusal(catalog: Catalog, request: RefusalRequest, ctx: IntakeContext) -> Case:
    """The record of an application not accepted; ValidationError (naming the field) when it cannot be."""
    today = ctx.now.date()
    received = request.received_on or today
    if received > today:
        raise _error(
            "received_on", "收到申请材料的日期不能晚于今天", "received_on is in the future", "future"
        )
    due = notice_by(received, ctx)
    if request.kind is RefusalKind.SUPPLEMENT and today > due:
        raise _error(
            "received_on",
            f"收到申请材料（{received.isoformat()}）已超过五个工作日（告知期限 {due.isoformat()}），"
            "依法自收到申请材料之日起即为受理（行政许可法第三十二条），不能再告知补正，请予受理",
            f"the 5-working-day notice period ended on {due}: the application counts as accepted",
            "notice_late",
            received=received.isoformat(),
            due=due.isoformat(),
        )
    reason = _text(request.reason, "reason")
    if request.kind is RefusalKind.REJECT and not reason:
        raise _error("reason", "请写明不予受理的理由", "a rejection needs a reason", "no_reason")
    bundle = catalog.bundle(request.intake.bundle_id)
    applicant = applicant_from(request.intake.applicant, today, request.intake.applicant_source)
    answers = answers_from_json(bundle, request.intake.answers)
    checklist = build_checklist(catalog, bundle.id, answers)
    if request.kind is RefusalKind.SUPPLEMENT and checklist.unanswered:
        q = checklist.unanswered[0]
        raise _error(
            f"answers.{q.id}",
            f"请先回答情形问题“{q.text}”，才能一次性列出需要补正的全部材料",
            f"question {q.id} unanswered: the full list of missing materials is not known",
            "unanswered",
            question=q.text,
        )
    items = _items(checklist, request, ctx)
    if request.kind is RefusalKind.SUPPLEMENT and not any(i.state is ItemState.PENDING for i in items):
        raise _error(
            "materials",
            "材料已齐全且符合法定形式，无需补正，请予受理",
            "nothing to supplement",
            "nothing_missing",
        )
    stamp = ctx.now.isoformat(timespec="seconds")
    return Case(
        number=ctx.number,
        bundle_id=bundle.id,
        bundle_name=bundle.name,
        catalog_version=catalog.version,
        status=request.kind.status,
        applicant=applicant,
        answers=answers,
        items=items,
        form={},
        matters=tuple(
            MatterRecord(m.id, m.name, m.dept, m.promise_days, catalog.departments[m.dept].name, code=m.code)
            for m in checklist.matters
        ),
        operator=ctx.operator,
        device_id=ctx.device_id,
        created_at=stamp,
        status_changed_at=stamp,
        promised_date=None,
        refusal=Refusal(request.kind, reason, received, due, stamp),
    )


def missing_items(case: Case) -> tuple[ItemRecord, ...]:
    """What a 补正 record asks the applicant to bring or correct (its ``pending`` items)."""
    return tuple(i for i in case.items if i.state is ItemState.PENDING)


def _items(checklist: Checklist, request: RefusalRequest, ctx: IntakeContext) -> tuple[ItemRecord, ...]:
    listed = {i.material.id for i in checklist.items}
    for material_id in (*request.intake.materials, *request.defects):
        if material_id not in listed:
            raise _error(
                f"materials.{material_id}",
                f"本情形不需要材料“{material_id}”，请核对情形问题的回答",
                f"material {material_id} not in this checklist",
                "not_listed",
                material=material_id,
            )
    return tuple(_item(i, checklist, request, ctx) for i in checklist.items)


def _item(
    item: ChecklistItem, checklist: Checklist, request: RefusalRequest, ctx: IntakeContext
) -> ItemRecord:
    """What was brought (kept as recorded, without its pages) or what must be supplied (pending)."""
    m = item.material
    missing = ItemRecord(m.id, m.name, ItemState.PENDING, matters=item.matters)
    defect = _text(request.defects.get(m.id, ""), f"defects.{m.id}")
    if defect:
        return replace(missing, note=defect)
    given = request.intake.materials.get(m.id)
    if given is None and m.source is MaterialSource.GENERATED:
        return ItemRecord(m.id, m.name, ItemState.GENERATED, matters=item.matters)
    if given is None or given.state in (ItemState.PENDING, ItemState.DEFICIENT):
        return missing  # 容缺 is for accepted applications only: here the material is simply missing
    try:
        record = material_record(item, given, checklist, ctx)
    except ValidationError as exc:
        return replace(missing, note=exc.message)
    return replace(record, attachments=(), deadline=None)  # the pages go back with the materials


def _text(value: str, where: str) -> str:
    text = " ".join(str(value).split())
    if len(text) > MAX_TEXT:
        raise _error(where, f"内容不能超过 {MAX_TEXT} 个字", f"{where} longer than {MAX_TEXT}", "too_long")
    return text


def _error(where: str, message: str, detail: str, code: str, **params: str) -> ValidationError:
    return ValidationError(where, message, detail, code=f"refusal.{code}", params=params)
