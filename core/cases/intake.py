"""Intake rules, pure: an intake request + the catalog → a valid Case, or a ValidationError saying why not.

Both GUIs and ``tongban cases add`` go through ``build_case``: there is one set of rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from core.cases.applicants import applicant_from, check_documents, number_checks_apply
from core.cases.model import (
    Applicant,
    Case,
    CaseStatus,
    ItemRecord,
    ItemState,
    MatterRecord,
    ProxyAuthorisation,
)
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json
from core.catalog.checklist import Checklist, ChecklistItem
from core.catalog.checks import APPLICANT_ID, enforce_checks
from core.catalog.model import Catalog, FieldDef, FieldType, MaterialSource
from core.errors import ValidationError
from core.rules.deficiency import deficiency_rule
from core.validation import normalise_id_number, parse_id_number, validate_field
from core.workdays import add_working_days


@dataclass(frozen=True, slots=True)
class MaterialInput:
    """What staff recorded for one material. ``pages`` are scanned pages (JPEG/PNG/PDF bytes)."""

    state: ItemState
    deadline: date | None = None
    pages: tuple[bytes, ...] = ()
    note: str = ""
    licence_number: str = ""  # 电子证照编号, for an E_LICENCE material when the look-up gave one


@dataclass(frozen=True, slots=True)
class ProxyInput:
    """帮办代办 as entered: the helper, what and until when the principal (the applicant) authorised,
    the principal's signature on the authorisation and a photo of the visit."""

    helper_name: str
    helper_id_number: str
    scope: str
    valid_until: date
    signature: bytes
    photo: bytes
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class IntakeRequest:
    """Everything an intake collects, as entered (strings not yet validated)."""

    bundle_id: str
    applicant: Mapping[str, Any]
    answers: Mapping[str, Any]
    materials: Mapping[str, MaterialInput]
    form: Mapping[str, Any] = field(default_factory=dict)
    applicant_source: str = "typed"
    signature: bytes | None = None  # the applicant's signature (PNG) on the application
    proxy: ProxyInput | None = None


@dataclass(frozen=True, slots=True)
class IntakeContext:
    """Who takes the case, where and when."""

    number: str
    device_id: str
    operator: str
    now: datetime
    holidays: Collection[date] = ()
    workdays: Collection[date] = ()


def page_digest(page: bytes) -> str:
    """Content address of a scanned page: the sha256 the store and the sync contract use."""
    return hashlib.sha256(page).hexdigest()


def _prefill(field_def: FieldDef, applicant: Applicant) -> str | None:
    values = {
        "id_card.name": applicant.name,
        "id_card.id_number": applicant.id_number,
        "id_card.sex": applicant.sex,
        "id_card.birth_date": applicant.birth_date.isoformat() if applicant.birth_date else "",
        "id_card.address": applicant.address,
        "id_card.nation": applicant.nation,
    }
    if field_def.prefill is None:
        return None
    return values.get(field_def.prefill) or None


def fill_form(
    checklist: Checklist, raw: Mapping[str, Any], applicant: Applicant, today: date
) -> dict[str, str | int]:
    """The unified form: each field once, typed values validated, blanks pre-filled from the card."""
    wanted = {f.id: f for f in checklist.fields}
    for key in raw:
        if key not in wanted:
            raise ValidationError(
                f"form.{key}",
                f"本事项的申请表中没有“{key}”这一栏",
                f"form field {key} not in this checklist",
                code="form.unknown_field",
                params={"field": key},
            )
    form: dict[str, str | int] = {}
    for f in checklist.fields:
        value = raw.get(f.id)
        if value in (None, ""):
            value = _prefill(f, applicant)
        if value in (None, ""):
            if f.required:
                raise ValidationError(
                    f"form.{f.id}",
                    f"请填写“{f.label}”",
                    f"form field {f.id} is required",
                    code="form.required",
                    params={"label": f.label},
                )
            continue
        if f.type is FieldType.ID_NUMBER and normalise_id_number(str(value)) == applicant.id_number:
            # The applicant's own number, validated for its document (a passport's, too).
            form[f.id] = applicant.id_number
            continue
        options = [o.value for o in f.options]
        form[f.id] = validate_field(f.type, value, field=f"form.{f.id}", today=today, options=options)
    return form


def deficiency_limit(item: ChecklistItem, checklist: Checklist, ctx: IntakeContext) -> date:
    """The latest 容缺 deadline allowed for ``item`` (core/rules/deficiency.py: at least two working days
    before the promised limit of every matter needing it, at most 20); ValidationError when a matter
    publishes no limit or one too short to leave the department its time (so 容缺 is not offered)."""
    limits = [m.promise_days for m in checklist.matters if m.id in item.matters]
    if any(days is None for days in limits):
        raise ValidationError(
            f"materials.{item.material.id}",
            f"“{item.material.name}”所属事项未公布办理时限，不能容缺受理，请收齐材料或按补正处理",
            f"material {item.material.id}: a matter needing it publishes no time limit; no 容缺",
            code="material.no_limit_for_deferral",
            params={"name": item.material.name},
        )
    promised = min(d for d in limits if d is not None)
    rule = deficiency_rule()
    days = rule.allowed_days(promised)
    if days is None:
        raise ValidationError(
            f"materials.{item.material.id}",
            f"“{item.material.name}”所属事项承诺 {promised} 个工作日办结，补齐期限须比承诺时限早"
            f" {rule.reserve_days} 个工作日以上，不能容缺受理，请收齐材料或按补正处理",
            f"material {item.material.id}: a {promised}-day limit leaves no time for 容缺",
            code="material.limit_too_short_for_deferral",
            params={"name": item.material.name, "days": promised, "reserve": rule.reserve_days},
        )
    return add_working_days(ctx.now.date(), days, ctx.holidays, ctx.workdays)


def material_record(
    item: ChecklistItem, given: MaterialInput | None, checklist: Checklist, ctx: IntakeContext
) -> ItemRecord:
    """How ``item`` was satisfied, checked against the catalog's rules for it."""
    m = item.material
    where = f"materials.{m.id}"
    if given is None:
        if m.source is MaterialSource.GENERATED:
            given = MaterialInput(ItemState.GENERATED)
        else:
            raise ValidationError(
                where,
                f"材料“{m.name}”尚未处理：请登记为已收、已扫描、电子证照、承诺或容缺",
                f"material {m.id} not handled",
                code="material.unhandled",
                params={"name": m.name},
            )
    state = given.state
    deadline = None
    commitment = None
    if state is ItemState.PENDING:
        raise ValidationError(
            where,
            f"材料“{m.name}”尚未收取，不能受理",
            f"material {m.id} not collected",
            code="material.not_collected",
            params={"name": m.name},
        )
    if state is ItemState.GENERATED and m.source is not MaterialSource.GENERATED:
        raise ValidationError(
            where,
            f"材料“{m.name}”需要申请人提供，不是系统生成的",
            f"material {m.id} is not generated",
            code="material.not_generated",
            params={"name": m.name},
        )
    if state is ItemState.E_LICENCE and not m.licence:
        raise ValidationError(
            where,
            f"材料“{m.name}”没有对应的电子证照，请收取纸质材料或扫描",
            f"material {m.id} has no e-licence",
            code="material.no_licence",
            params={"name": m.name},
        )
    if state is ItemState.SCANNED and not given.pages:
        raise ValidationError(
            where,
            f"材料“{m.name}”登记为已扫描，但没有扫描页",
            f"material {m.id} scanned without pages",
            code="material.no_pages",
            params={"name": m.name},
        )
    if state is ItemState.COMMITMENT:
        if not m.commitment_ok:
            raise ValidationError(
                where,
                f"材料“{m.name}”不适用告知承诺，请提交材料",
                f"material {m.id} allows no commitment",
                code="material.no_commitment",
                params={"name": m.name},
            )
        commitment = m.commitment_text
    if state is ItemState.DEFICIENT:
        if m.core or not m.deferrable:
            raise ValidationError(
                where,
                f"材料“{m.name}”是核心材料，不能容缺受理",
                f"material {m.id} cannot be deferred",
                code="material.not_deferrable",
                params={"name": m.name},
            )
        limit = deficiency_limit(item, checklist, ctx)
        deadline = given.deadline or limit
        if deadline <= ctx.now.date():
            raise ValidationError(
                where,
                f"材料“{m.name}”的补齐期限应晚于今天",
                f"deficiency deadline {deadline} is not after today",
                code="deficiency.deadline_past",
                params={"name": m.name},
            )
        if deadline > limit:
            raise ValidationError(
                where,
                f"材料“{m.name}”的补齐期限最晚为 {limit.isoformat()}（须在承诺办结前留给部门办理时间）",
                f"deficiency deadline {deadline} after {limit}",
                code="deficiency.deadline_late",
                params={"name": m.name, "limit": limit.isoformat()},
            )
    elif given.deadline is not None:
        raise ValidationError(
            where,
            f"只有容缺材料才有补齐期限（材料“{m.name}”）",
            f"material {m.id} has a deadline but is not deferred",
            code="deficiency.deadline_unexpected",
            params={"name": m.name},
        )
    return ItemRecord(
        material_id=m.id,
        name=m.name,
        state=state,
        matters=item.matters,
        attachments=tuple(page_digest(p) for p in given.pages),
        deadline=deadline,
        commitment_text=commitment,
        note=given.note,
        licence_number=_licence_number(given, m.name, where),
    )


def _licence_number(given: MaterialInput, name: str, where: str) -> str:
    """The 电子证照编号 as recorded: only for an e-licence, one line of at most 64 characters."""
    number = given.licence_number.strip()
    if not number:
        return ""
    if given.state is not ItemState.E_LICENCE:
        raise ValidationError(
            where,
            f"只有以电子证照提供的材料才有证照编号（材料“{name}”）",
            f"material {where} has a licence number but is not an e-licence",
            code="material.licence_number_unexpected",
            params={"name": name},
        )
    if len(number) > 64 or not number.isprintable():
        raise ValidationError(
            where,
            f"材料“{name}”的电子证照编号应为一行、不超过 64 个字符",
            "licence number too long or not printable",
            code="material.licence_number_invalid",
            params={"name": name},
        )
    return number


def proxy_from(given: ProxyInput, applicant: Applicant, today: date) -> ProxyAuthorisation:
    """The 帮办代办 authorisation, checked."""
    name = str(validate_field(FieldType.NAME, given.helper_name, field="proxy.helper_name", today=today))
    helper = parse_id_number(given.helper_id_number, field="proxy.helper_id_number", today=today)
    if helper.number == applicant.id_number:
        raise ValidationError(
            "proxy.helper_id_number",
            "代办人不能是申请人本人",
            "the helper is the applicant",
            code="proxy.self",
        )
    if not given.scope.strip():
        raise ValidationError("proxy.scope", "请填写委托事项", "no proxy scope", code="proxy.no_scope")
    if given.valid_until < today:
        raise ValidationError(
            "proxy.valid_until",
            "委托有效期已过，请重新办理委托",
            "proxy authorisation expired",
            code="proxy.expired",
        )
    if not given.signature:
        raise ValidationError(
            "proxy.signature", "请委托人在委托书上签名", "proxy not signed", code="proxy.no_signature"
        )
    if not given.photo:
        raise ValidationError("proxy.photo", "请拍摄委托现场照片", "no proxy photo", code="proxy.no_photo")
    return ProxyAuthorisation(
        helper_name=name,
        helper_id_number=helper.number,
        scope=given.scope.strip(),
        valid_until=given.valid_until,
        signature=page_digest(given.signature),
        photo=page_digest(given.photo),
        organisation=given.organisation.strip(),
    )


def build_case(catalog: Catalog, request: IntakeRequest, ctx: IntakeContext) -> Case:
    """Validate an intake and build the accepted case. Raises ValidationError naming the field."""
    today = ctx.now.date()
    bundle = catalog.bundle(request.bundle_id)
    applicant = applicant_from(request.applicant, today, request.applicant_source)
    answers = answers_from_json(bundle, request.answers)
    checklist = build_checklist(catalog, bundle.id, answers)
    if checklist.unanswered:
        q = checklist.unanswered[0]
        raise ValidationError(
            f"answers.{q.id}",
            f"请回答情形问题：{q.text}",
            f"question {q.id} unanswered",
            code="answers.unanswered",
            params={"question": q.text},
        )
    check_documents(checklist, applicant)  # e.g. 户口 matters take a 居民身份证, not a passport
    listed = {i.material.id for i in checklist.items}
    for material_id in request.materials:
        if material_id not in listed:
            raise ValidationError(
                f"materials.{material_id}",
                f"本情形不需要材料“{material_id}”，请核对情形问题的回答",
                f"material {material_id} not in this checklist",
                code="material.not_listed",
                params={"material": material_id},
            )
    items = tuple(
        material_record(i, request.materials.get(i.material.id), checklist, ctx) for i in checklist.items
    )
    form = fill_form(checklist, request.form, applicant, today)
    # The catalog's cross-field rules (mother's ID, child's age, retirement age …), on the applicant's
    # own number; a typed document's number encodes neither sex nor age, so rules on it are skipped.
    own = {APPLICANT_ID: applicant.id_number} if number_checks_apply(applicant) else {}
    enforce_checks(checklist, answers, {**form, **own}, today)
    proxy = None if request.proxy is None else proxy_from(request.proxy, applicant, today)
    if request.signature is not None and not request.signature:
        raise ValidationError(
            "signature", "签名为空，请申请人重新签名", "the signature is empty", code="signature.empty"
        )
    status = (
        CaseStatus.ACCEPTED_DEFICIENT
        if any(i.state is ItemState.DEFICIENT for i in items)
        else CaseStatus.ACCEPTED
    )
    stamp = ctx.now.isoformat(timespec="seconds")
    return Case(
        number=ctx.number,
        bundle_id=bundle.id,
        bundle_name=bundle.name,
        catalog_version=catalog.version,
        status=status,
        applicant=applicant,
        answers=answers,
        items=items,
        form=form,
        matters=tuple(
            MatterRecord(m.id, m.name, m.dept, m.promise_days, catalog.departments[m.dept].name, code=m.code)
            for m in checklist.matters
        ),
        operator=ctx.operator,
        device_id=ctx.device_id,
        created_at=stamp,
        status_changed_at=stamp,
        promised_date=None
        if checklist.promise_days is None
        else add_working_days(today, checklist.promise_days, ctx.holidays, ctx.workdays),
        signature=page_digest(request.signature) if request.signature else None,
        proxy=proxy,
    )


def pages_of(request: IntakeRequest) -> Sequence[bytes]:
    """Every file the request brings: scanned pages, the signature, the authorisation's signature and photo."""
    files = [p for m in request.materials.values() for p in m.pages]
    if request.signature:
        files.append(request.signature)
    if request.proxy is not None:
        files += [request.proxy.signature, request.proxy.photo]
    return files
