"""From our case to 办件 records: one record per matter, each with its national codes and states.

Pure: the case and the catalog in, values out. Process records (环节) are rebuilt from what the case
itself holds (its times, its matters' results, its refusal and reasons), through the one table of
core/banjian/states.py; a step whose time the case no longer holds (a matter's dispatch, once its
result overwrote the time) is left out, and the device's event log still has it.
"""

from __future__ import annotations

from core.banjian.model import (
    Agent,
    BanjianRecord,
    FollowUp,
    Material,
    Party,
    ProcessRecord,
    Rating,
    Settlement,
)
from core.banjian.states import HandleState, event_rule, record_state
from core.case_numbers import parse_case_number
from core.cases.model import (
    Case,
    CaseStatus,
    Evaluation,
    EventKind,
    ItemRecord,
    ItemState,
    MatterRecord,
    MatterStatus,
)
from core.cases.ratings import RatingStage
from core.catalog.code_shapes import read_impl
from core.catalog.model import Bundle, Catalog, Matter, Subject
from core.errors import NotFoundError, ValidationError

WINDOW_DEPT = "综合受理窗口"  # 无差别综合受理窗口: where our cases are received
_ASSESS_NUMBER = {RatingStage.INTAKE: 1, RatingStage.RESULT: 2}  # assessNumber: 评价次数


def banjian_records(case: Case, catalog: Catalog) -> list[BanjianRecord]:
    """The 办件 records of ``case``, one per matter in the case's order.

    ``catalog`` supplies what the case does not keep: 基本编码, 业务办理项编码, 实施机构, licence
    names. ValidationError for a draft, which is not a 办件 until it is accepted or refused.
    """
    if case.status is CaseStatus.DRAFT:
        raise ValidationError(
            "status",
            "草稿尚未受理，不是办件，不能上报",
            f"case {case.number} is a draft: no 办件 record",
            code="banjian.draft",
        )
    bundle = _bundle(case, catalog)
    area = parse_case_number(case.number).region
    return [_record(case, catalog, bundle, area, m) for m in case.matters]


def _bundle(case: Case, catalog: Catalog) -> Bundle | None:
    try:
        return catalog.bundle(case.bundle_id)
    except NotFoundError:
        return None  # a bundle retired since: the case still keeps what it needs


def _matter(catalog: Catalog, m: MatterRecord) -> Matter | None:
    return (catalog.matter_by_code(m.code) if m.code else None) or catalog.matters.get(m.matter_id)


def _record(case: Case, catalog: Catalog, bundle: Bundle | None, area: str, m: MatterRecord) -> BanjianRecord:
    matter = _matter(catalog, m)
    items = tuple(i for i in case.items if not i.matters or m.matter_id in i.matters)
    deficient = any(i.state is ItemState.DEFICIENT for i in items)
    state = record_state(case.status, m.status, deficient)
    assert state is not None  # only a draft has none, refused above
    dept_name = m.dept_name or (catalog.departments[m.dept].name if m.dept in catalog.departments else m.dept)
    single = bundle is not None and bundle.single
    process = _process(case, m, state, dept_name)
    return BanjianRecord(
        official_number=case.official_number,
        local_number=case.number,
        matter_id=m.matter_id,
        implementation_code=m.code or (matter.code if matter else ""),
        handling_item_code=matter.items[0].code if matter and len(matter.items) == 1 else "",
        basic_code=matter.basic_code if matter else "",
        matter_name=m.name,
        project_name=m.name if single else f"{case.bundle_name}：{m.name}",
        bundle_id=case.bundle_id,
        bundle_name=case.bundle_name,
        state=state,
        applicant=_applicant(case, bundle),
        agent=_agent(case),
        dept_id=m.dept,
        dept_name=dept_name,
        agency=matter.agency if matter else "",
        org_code=_org_code(m.code or (matter.code if matter else "")),
        area_code=area,
        receiver=case.operator,
        received_at=case.created_at,
        accepted_at=None if case.refusal is not None else case.created_at,
        promise_days=m.promise_days,
        promised_date=case.promised_date,
        materials=tuple(_material(case, catalog, bundle, n, i) for n, i in enumerate(items, start=1)),
        process=process,
        settlement=_settlement(process, state),
        ratings=tuple(_rating(e) for e in case.evaluations),
        catalog_version=case.catalog_version,
    )


def _org_code(implementation_code: str) -> str:
    """The 实施主体编码 a 实施编码 carries (docs/matter-codes.md), or "" when it cannot be read."""
    impl, _ = read_impl(implementation_code) if implementation_code else (None, [])
    return impl.agency if impl is not None else ""


def _applicant(case: Case, bundle: Bundle | None) -> Party:
    a = case.applicant
    kind = "2" if bundle is not None and bundle.subject is Subject.ENTITY else "1"  # applyerType
    return Party(a.name, a.id_kind, a.id_number, kind, a.phone, a.address)


def _agent(case: Case) -> Agent | None:
    p = case.proxy
    if p is None:
        return None
    # The authorisation records the helper's number but not the document kind: "" says so.
    return Agent(p.helper_name, "", p.helper_id_number, p.organisation, p.scope, p.valid_until)


def _material(case: Case, catalog: Catalog, bundle: Bundle | None, sort: int, item: ItemRecord) -> Material:
    licence_type = ""
    if item.state is ItemState.E_LICENCE and bundle is not None and item.material_id in bundle.materials:
        licence_id = bundle.materials[item.material_id].licence
        if licence_id:
            found = catalog.licences.get(licence_id)
            licence_type = found.name if found else licence_id
    taken_at = item.supplemented_at or (case.created_at if item.state.satisfied else None)
    return Material(
        material_id=item.material_id,
        name=item.name,
        sort=sort,
        provided=item.state,
        taken=item.state.satisfied,
        taken_at=taken_at,
        licence_type=licence_type,
        licence_number=item.licence_number,
        deficiency_deadline=item.deadline,
        note=item.note,
    )


def _steps(kind: EventKind, result: HandleState | None) -> tuple[HandleState, ...]:
    rule = event_rule(kind)
    assert rule is not None, kind  # only events that write 环节 records are asked for
    return rule.states + ((result,) if rule.by_result and result is not None else ())


def _node(kind: EventKind) -> str:
    rule = event_rule(kind)
    assert rule is not None, kind
    return rule.node


def _process(case: Case, m: MatterRecord, state: HandleState, dept_name: str) -> tuple[ProcessRecord, ...]:
    """The 环节 records of one matter, in order, each as the table of states.py says."""
    op = case.operator
    records: list[ProcessRecord] = []
    refusal = case.refusal
    if refusal is not None:  # 补正告知 or 不予受理: the record's state (the table's) is the decision
        received, decided = _steps(EventKind.NOT_ACCEPTED, state)
        records.append(ProcessRecord(received, "收件", op, WINDOW_DEPT, case.created_at))
        node = refusal.kind.label
        records.append(ProcessRecord(decided, node, op, WINDOW_DEPT, refusal.at, refusal.reason))
        return tuple(records)
    received, accepted = _steps(EventKind.ACCEPTED, None)
    deferred = any(i.deadline is not None or i.supplemented_at for i in case.items)
    records.append(ProcessRecord(received, "收件", op, WINDOW_DEPT, case.created_at))
    records.append(
        ProcessRecord(
            accepted,
            _node(EventKind.ACCEPTED),
            op,
            WINDOW_DEPT,
            case.created_at,
            "容缺受理" if deferred else "",
        )
    )
    if m.status in (MatterStatus.DISPATCHED, MatterStatus.PROCESSING) and m.updated_at:
        (started,) = _steps(EventKind.DISPATCHED, None)
        records.append(
            ProcessRecord(started, _node(EventKind.DISPATCHED), dept_name, dept_name, m.updated_at)
        )
    records += _paused(case, m)
    if state.settled and m.status in (MatterStatus.DONE, MatterStatus.REJECTED) and m.updated_at:
        (settled,) = _steps(EventKind.MATTER_RESULT, state)
        node = _node(EventKind.MATTER_RESULT)
        records.append(ProcessRecord(settled, node, dept_name, dept_name, m.updated_at, m.result))
    elif case.status in _CLOSING and not m.status.final:
        kind = _CLOSING[case.status]
        closed = _steps(kind, state)[-1]
        reason = case.history[-1] if case.history else ""
        # The case does not keep who closed it (a window, the platform, the overdue check): "" says so.
        records.append(ProcessRecord(closed, _node(kind), "", "", case.status_changed_at, reason))
    return tuple(records)


def _paused(case: Case, m: MatterRecord) -> list[ProcessRecord]:
    """9 特别程序（开始） and 10 特别程序（结束） for each 特别程序 over this matter (or the whole case); the
    matter's own state stays as it was [S] (core/cases/special_procedures.py)."""
    records = []
    for p in case.special_procedures:
        if p.matter_id not in (None, m.matter_id):
            continue
        (started,) = _steps(EventKind.PROCEDURE_STARTED, None)
        node = _node(EventKind.PROCEDURE_STARTED)
        records.append(
            ProcessRecord(
                started, node, p.started_by, WINDOW_DEPT, p.started_at, f"{p.kind.label}：{p.reason}"
            )
        )
        if p.ended_at is not None:
            (ended,) = _steps(EventKind.PROCEDURE_ENDED, None)
            opinion = f"{p.kind.label}结束，不计时 {p.paused_days} 个工作日" + (
                f"：{p.note}" if p.note else ""
            )
            records.append(ProcessRecord(ended, node, p.ended_by, WINDOW_DEPT, p.ended_at, opinion))
    return records


# Case statuses that close the matters still open, and the event that does it.
_CLOSING = {
    CaseStatus.WITHDRAWN: EventKind.WITHDRAWN,
    CaseStatus.TERMINATED: EventKind.TERMINATED,
    CaseStatus.REJECTED: EventKind.REJECTED,
}


def _settlement(process: tuple[ProcessRecord, ...], state: HandleState) -> Settlement | None:
    """办结: the last process record, when it settled the matter (11, 12, 13)."""
    if not state.settled or not process or not process[-1].state.settled:
        return None
    last = process[-1]
    # The case keeps a department's result as text; result documents (证照, 文书) are not kept yet.
    return Settlement(last.state, last.handler, last.at, last.opinion)


def _rating(e: Evaluation) -> Rating:
    follow_up = None
    if e.rectification is not None:
        r = e.rectification
        follow_up = FollowUp(
            rectify_by=r.deadline,
            rectified=r.result,
            rectified_at=r.at,
            visited_on=e.visit.on if e.visit else None,
            visit_outcome=e.visit.outcome if e.visit else "",
            appeal_outcome=e.appeal.outcome if e.appeal else None,
            appeal_reason=e.appeal.reason if e.appeal else "",
        )
    return Rating(
        number=_ASSESS_NUMBER[e.stage],
        stage=e.stage,
        level=e.level,
        channel=e.channel,
        at=e.at,
        categories=e.categories,
        text=e.reason,
        helper_present=e.helper_present,
        follow_up=follow_up,
    )
