"""办件 records to and from JSON, under the field names of the public sources (docs/banjian.md).

Names: the national platform's 政务服务事项办件信息 tables, in the lowerCamelCase their integrations
use (受理信息 ``projectNo``, ``taskCode``, ``taskHandleItem``, ``catalogCode``, ``applyerName`` …; 过程信息
``eventName`` 业务动作, ``processName``, ``handleExplain`` …; 结果信息 ``resultType``, ``resultDate``,
``resultExplain``; 材料目录信息 ``materialName``, ``getType``) and the national 好差评 payload
(``proStatus``, ``assessNumber``, ``satisfaction``, ``pf``, ``evalDetail``, ``writingEvaluation``).
Fields no source had are ours, in the same style, and listed as ours in docs/banjian.md. Reading is
strict (core/banjian/json_fields.py).
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
from core.validation.idnumbers import IdKind

VERSION = 1  # "version": bump with a reader for the old shape when the shape changes
_STAGE = {1: RatingStage.INTAKE, 2: RatingStage.RESULT}
_APPLYER_TYPES = ("1", "2")  # applyerType: 1 自然人, 2 法人
# applyerPageType / contactType: the 证件类型 codes integrations send (docs/banjian.md, "Code values");
# a kind with no code seen travels as our IdKind value. 553 covers both 外国人永久居留身份证 shapes,
# told apart on reading by the number's length (15 or 18 characters).
FOREIGN_PERMANENT = "553"
_PAGE_TYPES = {
    IdKind.RESIDENT.value: "111",
    IdKind.HK_MO_TRAVEL_PERMIT.value: "516",  # 港澳居民来往内地通行证 (回乡证)
    IdKind.TW_TRAVEL_PERMIT.value: "511",  # 台湾居民来往大陆通行证 (台胞证)
    IdKind.FOREIGN_PERMANENT_2017.value: FOREIGN_PERMANENT,
    IdKind.FOREIGN_PERMANENT_2023.value: FOREIGN_PERMANENT,
}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _page_type(id_kind: str) -> str:
    return _PAGE_TYPES.get(id_kind, id_kind)


def record_to_json(r: BanjianRecord) -> dict[str, Any]:
    """One record as a JSON-ready dict."""
    a = r.applicant
    return {
        "version": VERSION,
        "projectNo": r.official_number,
        "localProjectNo": r.local_number,
        "matterId": r.matter_id,
        "taskCode": r.implementation_code,
        "taskHandleItem": r.handling_item_code,
        "catalogCode": r.basic_code,
        "taskName": r.matter_name,
        "projectName": r.project_name,
        "bundleId": r.bundle_id,
        "bundleName": r.bundle_name,
        "proStatus": r.state.value,
        "applyerType": a.kind,
        "applyerName": a.name,
        "applyerPageType": _page_type(a.id_kind),
        "applyerPageCode": a.id_number,
        "contactMobile": a.phone,
        "address": a.address,
        "agent": _agent_to_json(r.agent),
        "deptId": r.dept_id,
        "deptName": r.dept_name,
        "orgName": r.agency,
        "orgCode": r.org_code,
        "areaCode": r.area_code,
        "handleUserName": r.receiver,
        "applyDate": r.received_at,
        "acceptDate": r.accepted_at,
        "promiseDay": r.promise_days,
        "promiseDate": _day(r.promised_date),
        "materials": [_material_to_json(m) for m in r.materials],
        "processes": [_process_to_json(p) for p in r.process],
        "result": _settlement_to_json(r.settlement),
        "evaluations": [_rating_to_json(e) for e in r.ratings],
        "catalogVersion": r.catalog_version,
    }


def _agent_to_json(a: Agent | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "contactName": a.name,
        "contactType": _page_type(a.id_kind),
        "contactCode": a.id_number,
        "agentOrg": a.organisation,
        "agentScope": a.scope,
        "agentValidUntil": a.valid_until.isoformat(),
    }


def _material_to_json(m: Material) -> dict[str, Any]:
    return {
        "materialId": m.material_id,
        "materialName": m.name,
        "sortNo": m.sort,
        "getType": m.provided.value,
        "taken": m.taken,
        "getTime": m.taken_at,
        "certificateName": m.licence_type,
        "certificateNumber": m.licence_number,
        "deficiencyDeadline": _day(m.deficiency_deadline),
        "remark": m.note,
    }


def _process_to_json(p: ProcessRecord) -> dict[str, Any]:
    return {
        "eventName": p.state.value,
        "processName": p.node,
        "handleUserName": p.handler,
        "handleDeptName": p.dept,
        "eventStartTime": p.started_at or p.at,
        "eventEndTime": p.at,
        "handleExplain": p.opinion,
    }


def _settlement_to_json(s: Settlement | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "resultType": s.state.value,
        "handleUserName": s.handler,
        "resultDate": s.at,
        "resultExplain": s.result,
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
    official = f.maybe_text("projectNo")
    if official is not None and not official.strip():
        raise bad(f.at("projectNo"), "不能为空（未赋号时应为 null）", "empty; null when not bound")
    applyer_type = f.text("applyerType", required=True, max_len=2)
    if applyer_type not in _APPLYER_TYPES:
        raise bad(
            f.at("applyerType"),
            f"的值“{applyer_type}”不在 1、2 之中",
            f"unknown applyerType {applyer_type!r}",
        )
    record = BanjianRecord(
        official_number=official,
        local_number=f.text("localProjectNo", required=True, max_len=64),
        matter_id=f.text("matterId", required=True, max_len=128),
        implementation_code=f.text("taskCode", required=True, max_len=64),
        handling_item_code=f.text("taskHandleItem", max_len=64),
        basic_code=f.text("catalogCode", max_len=64),
        matter_name=f.text("taskName", required=True),
        project_name=f.text("projectName", required=True),
        bundle_id=f.text("bundleId", required=True, max_len=128),
        bundle_name=f.text("bundleName", required=True),
        state=f.choice("proStatus", HandleState),
        applicant=Party(
            name=f.text("applyerName", required=True, max_len=200),
            id_kind=_id_kind(f, "applyerPageType", "applyerPageCode", required=True),
            id_number=f.text("applyerPageCode", required=True, max_len=64),
            kind=applyer_type,
            phone=f.text("contactMobile", max_len=64),
            address=f.text("address"),
        ),
        agent=_agent_from(f.child("agent")),
        dept_id=f.text("deptId", required=True, max_len=128),
        dept_name=f.text("deptName", required=True),
        agency=f.text("orgName"),
        org_code=f.text("orgCode", max_len=64),
        area_code=_area(f),
        receiver=f.text("handleUserName", required=True, max_len=128),
        received_at=_moment(f, "applyDate"),
        accepted_at=f.moment("acceptDate", nullable=True),
        promise_days=f.integer("promiseDay", 0, 3650, nullable=True),
        promised_date=f.day("promiseDate", nullable=True),
        materials=tuple(_material_from(Fields(v, p)) for p, v in f.items("materials")),
        process=tuple(_process_from(Fields(v, p)) for p, v in f.items("processes")),
        settlement=_settlement_from(f.child("result")),
        ratings=tuple(_rating_from(Fields(v, p)) for p, v in f.items("evaluations")),
        catalog_version=f.text("catalogVersion", required=True, max_len=128),
    )
    f.done()
    return record


def _moment(f: Fields, key: str) -> str:
    value = f.moment(key)
    assert value is not None  # not nullable
    return value


def _id_kind(f: Fields, key: str, number_key: str, *, required: bool = False) -> str:
    """Our IdKind value for a 证件类型 code (a code we have no kind for is kept as it came)."""
    code = f.text(key, required=required, max_len=64)
    if code == FOREIGN_PERMANENT:
        short = len(f.text(number_key, max_len=64).strip()) == 15
        return (IdKind.FOREIGN_PERMANENT_2017 if short else IdKind.FOREIGN_PERMANENT_2023).value
    return next((kind for kind, known in _PAGE_TYPES.items() if known == code), code)


def _area(f: Fields) -> str:
    code = f.text("areaCode", required=True, max_len=12)
    if not (code.isascii() and code.isdigit() and len(code) in (6, 9, 12)):
        raise bad(f.at("areaCode"), f"“{code}”不是行政区划代码", "not a GB/T 2260 code (6, 9 or 12 digits)")
    return code


def _agent_from(f: Fields | None) -> Agent | None:
    if f is None:
        return None
    until = f.day("agentValidUntil")
    assert until is not None
    agent = Agent(
        name=f.text("contactName", required=True, max_len=200),
        id_kind=_id_kind(f, "contactType", "contactCode"),
        id_number=f.text("contactCode", required=True, max_len=64),
        organisation=f.text("agentOrg"),
        scope=f.text("agentScope", required=True),
        valid_until=until,
    )
    f.done()
    return agent


def _material_from(f: Fields) -> Material:
    material = Material(
        material_id=f.text("materialId", required=True, max_len=128),
        name=f.text("materialName", required=True),
        sort=f.whole("sortNo", 1, 10_000),
        provided=f.choice("getType", ItemState),
        taken=f.flag("taken"),
        taken_at=f.moment("getTime", nullable=True),
        licence_type=f.text("certificateName", max_len=200),
        licence_number=f.text("certificateNumber", max_len=128),
        deficiency_deadline=f.day("deficiencyDeadline", nullable=True),
        note=f.text("remark"),
    )
    if material.taken != material.provided.satisfied:
        raise bad(
            f.at("taken"), "与收取方式不符", f"taken {material.taken} contradicts {material.provided.value}"
        )
    f.done()
    return material


def _process_from(f: Fields) -> ProcessRecord:
    started = _moment(f, "eventStartTime")
    ended = _moment(f, "eventEndTime")
    process = ProcessRecord(
        state=f.choice("eventName", HandleState),
        node=f.text("processName", required=True, max_len=1000),
        handler=f.text("handleUserName", max_len=200),
        dept=f.text("handleDeptName", max_len=200),
        at=ended,
        opinion=f.text("handleExplain"),
        started_at=None if started == ended else started,
    )
    f.done()
    return process


def _settlement_from(f: Fields | None) -> Settlement | None:
    if f is None:
        return None
    state = f.choice("resultType", HandleState)
    if not state.settled:
        raise bad(f.at("resultType"), "应为办结状态 11、12 或 13", f"{state.value} is not a 办结 state")
    settlement = Settlement(
        state=state,
        handler=f.text("handleUserName", max_len=200),
        at=_moment(f, "resultDate"),
        result=f.text("resultExplain"),
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
    """Records from a JSON array; ValidationError naming the first bad field (``[3].materials[0].getType``)."""
    data = parse_text(text)
    if not isinstance(data, list):
        raise bad("$", "应为办件数组", "expected an array of records")
    return [record_from_json(item, f"[{n}]") for n, item in enumerate(data)]
