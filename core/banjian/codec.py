"""办件 records to and from JSON, under the field names of the public sources (docs/banjian.md).

Names: the 办件 tables of a provincial exchange (``projid``, ``servicecode``, ``applyname``,
``handlestart`` [sic], ``attrs`` of ``attrname``/``taketype``, ``nodes`` of ``nodeName``/``opinion``,
``transact``); the national 好差评 payload for ratings (``assessNumber``, ``satisfaction``, ``pf``,
``evalDetail``, ``writingEvaluation``) and ``taskHandleItem``. Fields no source had are ours, in the
same style, and listed as ours in docs/banjian.md. Reading is strict (core/banjian/json_fields.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from core.banjian.json_fields import Fields, bad, parse_text
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
from core.banjian.states import HandleState
from core.cases.model import EVALUATION_LEVELS, ItemState
from core.cases.ratings import AppealOutcome, RatingChannel, RatingStage

VERSION = 1  # "version": bump with a reader for the old shape when the shape changes
WORKING_DAYS = "1"  # anticipateType: 期限单位 1 工作日 (the source's code; our limits are all working days)
_STAGE = {1: RatingStage.INTAKE, 2: RatingStage.RESULT}
_APPLY_TYPES = ("0", "1", "2")  # applyType: 0 个人, 1 企业, 2 非企业


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def record_to_json(r: BanjianRecord) -> dict[str, Any]:
    """One record as a JSON-ready dict."""
    a = r.applicant
    return {
        "version": VERSION,
        "projid": r.official_number,
        "localProjid": r.local_number,
        "matterId": r.matter_id,
        "servicecode": r.implementation_code,
        "taskHandleItem": r.handling_item_code,
        "servicecodeId": r.basic_code,
        "servicename": r.matter_name,
        "projectname": r.project_name,
        "bundleId": r.bundle_id,
        "bundleName": r.bundle_name,
        "handlestart": r.state.value,
        "applyType": a.kind,
        "applyname": a.name,
        "applyCardtype": a.id_kind,
        "applyCardnumber": a.id_number,
        "telphone": a.phone,
        "address": a.address,
        "agent": _agent_to_json(r.agent),
        "deptid": r.dept_id,
        "deptname": r.dept_name,
        "agency": r.agency,
        "areacode": r.area_code,
        "receiveName": r.receiver,
        "receivetime": r.received_at,
        "acceptTime": r.accepted_at,
        "promiseDay": r.promise_days,
        "anticipateType": WORKING_DAYS,
        "promiseEtime": _day(r.promised_date),
        "attrs": [_material_to_json(m) for m in r.materials],
        "nodes": [_node_to_json(p) for p in r.process],
        "transact": _settlement_to_json(r.settlement),
        "evaluations": [_rating_to_json(e) for e in r.ratings],
        "catalogVersion": r.catalog_version,
    }


def _agent_to_json(a: Agent | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "contactman": a.name,
        "contactmanCardtype": a.id_kind,
        "contactmanCardnumber": a.id_number,
        "agentOrg": a.organisation,
        "agentScope": a.scope,
        "agentValidUntil": a.valid_until.isoformat(),
    }


def _material_to_json(m: Material) -> dict[str, Any]:
    return {
        "attrid": m.material_id,
        "attrname": m.name,
        "sortid": m.sort,
        "taketype": m.provided.value,
        "istake": m.taken,
        "taketime": m.taken_at,
        "licenceType": m.licence_type,
        "licenceNo": m.licence_number,
        "deficiencyDeadline": _day(m.deficiency_deadline),
        "memo": m.note,
    }


def _node_to_json(p: ProcessRecord) -> dict[str, Any]:
    return {
        "handlestart": p.state.value,
        "nodeName": p.node,
        "name": p.handler,
        "handerDeptname": p.dept,
        "endTime": p.at,
        "opinion": p.opinion,
    }


def _settlement_to_json(s: Settlement | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "transactResult": s.state.value,
        "transactUser": s.handler,
        "transactTime": s.at,
        "transactDescribe": s.result,
        "resultFiles": list(s.documents),
    }


def _rating_to_json(e: Rating) -> dict[str, Any]:
    f = e.follow_up
    return {
        "assessNumber": e.number,
        "satisfaction": e.level,
        "pf": e.channel.value,
        "assessTime": e.at,
        "evalDetail": list(e.categories),
        "writingEvaluation": e.text,
        "helperPresent": e.helper_present,
        "followUp": None
        if f is None
        else {
            "rectifyBy": f.rectify_by.isoformat(),
            "rectified": f.rectified,
            "rectifiedAt": f.rectified_at,
            "visitedOn": _day(f.visited_on),
            "visitOutcome": f.visit_outcome,
            "appealOutcome": f.appeal_outcome.value if f.appeal_outcome else None,
            "appealReason": f.appeal_reason,
        },
    }


def record_from_json(data: object, path: str = "$") -> BanjianRecord:
    """One record from JSON values; ValidationError naming the first bad field."""
    f = Fields(data, path)
    version = f.whole("version", 1, 1_000_000)
    if version != VERSION:
        raise bad(f.at("version"), f"版本 {version} 无法识别（应为 {VERSION}）", f"unknown version {version}")
    official = f.maybe_text("projid")
    if official is not None and not official.strip():
        raise bad(f.at("projid"), "不能为空（未赋号时应为 null）", "empty; null when not bound")
    apply_type = f.text("applyType", required=True, max_len=1)
    if apply_type not in _APPLY_TYPES:
        raise bad(
            f.at("applyType"), f"的值“{apply_type}”不在 0、1、2 之中", f"unknown applyType {apply_type!r}"
        )
    if f.text("anticipateType", required=True, max_len=8) != WORKING_DAYS:
        raise bad(f.at("anticipateType"), "应为 1（工作日）", "only working days (1) are known")
    record = BanjianRecord(
        official_number=official,
        local_number=f.text("localProjid", required=True, max_len=64),
        matter_id=f.text("matterId", required=True, max_len=128),
        implementation_code=f.text("servicecode", required=True, max_len=64),
        handling_item_code=f.text("taskHandleItem", max_len=64),
        basic_code=f.text("servicecodeId", max_len=64),
        matter_name=f.text("servicename", required=True),
        project_name=f.text("projectname", required=True),
        bundle_id=f.text("bundleId", required=True, max_len=128),
        bundle_name=f.text("bundleName", required=True),
        state=f.choice("handlestart", HandleState),
        applicant=Party(
            name=f.text("applyname", required=True, max_len=200),
            id_kind=f.text("applyCardtype", required=True, max_len=64),
            id_number=f.text("applyCardnumber", required=True, max_len=64),
            kind=apply_type,
            phone=f.text("telphone", max_len=64),
            address=f.text("address"),
        ),
        agent=_agent_from(f.child("agent")),
        dept_id=f.text("deptid", required=True, max_len=128),
        dept_name=f.text("deptname", required=True),
        agency=f.text("agency"),
        area_code=_area(f),
        receiver=f.text("receiveName", required=True, max_len=128),
        received_at=_moment(f, "receivetime"),
        accepted_at=f.moment("acceptTime", nullable=True),
        promise_days=f.integer("promiseDay", 0, 3650, nullable=True),
        promised_date=f.day("promiseEtime", nullable=True),
        materials=tuple(_material_from(Fields(v, p)) for p, v in f.items("attrs")),
        process=tuple(_node_from(Fields(v, p)) for p, v in f.items("nodes")),
        settlement=_settlement_from(f.child("transact")),
        ratings=tuple(_rating_from(Fields(v, p)) for p, v in f.items("evaluations")),
        catalog_version=f.text("catalogVersion", required=True, max_len=128),
    )
    f.done()
    return record


def _moment(f: Fields, key: str) -> str:
    value = f.moment(key)
    assert value is not None  # not nullable
    return value


def _area(f: Fields) -> str:
    code = f.text("areacode", required=True, max_len=12)
    if not (code.isascii() and code.isdigit() and len(code) in (6, 9, 12)):
        raise bad(f.at("areacode"), f"“{code}”不是行政区划代码", "not a GB/T 2260 code (6, 9 or 12 digits)")
    return code


def _agent_from(f: Fields | None) -> Agent | None:
    if f is None:
        return None
    until = f.day("agentValidUntil")
    assert until is not None
    agent = Agent(
        name=f.text("contactman", required=True, max_len=200),
        id_kind=f.text("contactmanCardtype", max_len=64),
        id_number=f.text("contactmanCardnumber", required=True, max_len=64),
        organisation=f.text("agentOrg"),
        scope=f.text("agentScope", required=True),
        valid_until=until,
    )
    f.done()
    return agent


def _material_from(f: Fields) -> Material:
    material = Material(
        material_id=f.text("attrid", required=True, max_len=128),
        name=f.text("attrname", required=True),
        sort=f.whole("sortid", 1, 10_000),
        provided=f.choice("taketype", ItemState),
        taken=f.flag("istake"),
        taken_at=f.moment("taketime", nullable=True),
        licence_type=f.text("licenceType", max_len=200),
        licence_number=f.text("licenceNo", max_len=128),
        deficiency_deadline=f.day("deficiencyDeadline", nullable=True),
        note=f.text("memo"),
    )
    if material.taken != material.provided.satisfied:
        raise bad(
            f.at("istake"), "与收取方式不符", f"istake {material.taken} contradicts {material.provided.value}"
        )
    f.done()
    return material


def _node_from(f: Fields) -> ProcessRecord:
    node = ProcessRecord(
        state=f.choice("handlestart", HandleState),
        node=f.text("nodeName", required=True, max_len=200),
        handler=f.text("name", required=True, max_len=200),
        dept=f.text("handerDeptname", max_len=200),
        at=_moment(f, "endTime"),
        opinion=f.text("opinion"),
    )
    f.done()
    return node


def _settlement_from(f: Fields | None) -> Settlement | None:
    if f is None:
        return None
    state = f.choice("transactResult", HandleState)
    if not state.settled:
        raise bad(f.at("transactResult"), "应为办结状态 11、12 或 13", f"{state.value} is not a 办结 state")
    settlement = Settlement(
        state=state,
        handler=f.text("transactUser", required=True, max_len=200),
        at=_moment(f, "transactTime"),
        result=f.text("transactDescribe"),
        documents=f.texts("resultFiles"),
    )
    f.done()
    return settlement


def _rating_from(f: Fields) -> Rating:
    number = f.whole("assessNumber", 1, 2)
    follow = f.child("followUp")
    rating = Rating(
        number=number,
        stage=_STAGE[number],
        level=f.whole("satisfaction", min(EVALUATION_LEVELS), max(EVALUATION_LEVELS)),
        channel=f.choice("pf", RatingChannel),
        at=_moment(f, "assessTime"),
        categories=f.texts("evalDetail"),
        text=f.text("writingEvaluation"),
        helper_present=f.flag("helperPresent"),
        follow_up=None if follow is None else _follow_up_from(follow),
    )
    f.done()
    return rating


def _follow_up_from(f: Fields) -> FollowUp:
    by = f.day("rectifyBy")
    assert by is not None
    outcome = None if f.maybe_text("appealOutcome") is None else f.choice("appealOutcome", AppealOutcome)
    follow_up = FollowUp(
        rectify_by=by,
        rectified=f.text("rectified"),
        rectified_at=f.moment("rectifiedAt", nullable=True),
        visited_on=f.day("visitedOn", nullable=True),
        visit_outcome=f.text("visitOutcome"),
        appeal_outcome=outcome,
        appeal_reason=f.text("appealReason"),
    )
    f.done()
    return follow_up


def records_to_text(records: Sequence[BanjianRecord]) -> str:
    """Records as one JSON array (UTF-8 text, Chinese as is)."""
    return json.dumps([record_to_json(r) for r in records], ensure_ascii=False, sort_keys=False)


def records_from_text(text: str | bytes) -> list[BanjianRecord]:
    """Records from a JSON array; ValidationError naming the first bad field (``[3].attrs[0].taketype``)."""
    data = parse_text(text)
    if not isinstance(data, list):
        raise bad("$", "应为办件数组", "expected an array of records")
    return [record_from_json(item, f"[{n}]") for n, item in enumerate(data)]
