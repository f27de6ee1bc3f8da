"""A 办件 record as the national platform's 办件 tables keep it: one per matter of a case, as values.

The shape follows the 政务服务事项办件信息 tables (受理信息, 过程信息, 结果信息, 材料目录信息;
docs/banjian.md) and the national 好差评 payload for ratings. Our Python names are English; the JSON
names the codec writes are those of the sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.banjian.states import HandleState
from core.cases.model import ItemState
from core.cases.ratings import AppealOutcome, RatingChannel, RatingStage


@dataclass(frozen=True, slots=True)
class Party:
    """The applicant (申请人): ``kind`` 1 自然人, 2 法人 (applyerType); ``id_kind`` our IdKind value, or the
    platform's own 证件类型 code where we have no IdKind for it."""

    name: str
    id_kind: str
    id_number: str
    kind: str = "1"
    phone: str = ""
    address: str = ""


@dataclass(frozen=True, slots=True)
class Agent:
    """帮办代办: the helper who applied for the applicant, under a signed authorisation (委托)."""

    name: str
    id_kind: str
    id_number: str
    organisation: str
    scope: str  # 委托事项, in the principal's words
    valid_until: date


@dataclass(frozen=True, slots=True)
class Material:
    """One material of the matter and how it was provided (收取方式: our ItemState)."""

    material_id: str
    name: str
    sort: int  # 材料序号, from 1
    provided: ItemState
    taken: bool  # 是否收取: satisfied now (a 容缺 material is not, until supplied)
    taken_at: str | None  # 收取时间: acceptance, or when a 容缺 material was supplied
    licence_type: str = ""  # the 电子证照 type (catalog licence name), for an e-licence
    licence_number: str = ""  # 电子证照编号, when the case recorded one
    deficiency_deadline: date | None = None  # 容缺补齐期限
    note: str = ""


@dataclass(frozen=True, slots=True)
class ProcessRecord:
    """One 环节: the 办件状态 it set, who handled it where, when, and the opinion (意见)."""

    state: HandleState
    node: str  # 环节名称
    handler: str  # 经办人: operator id at the window, the department for its step, "" when not kept
    dept: str  # 办理部门名称
    at: str  # ISO 8601 with offset: when the step ended (环节结束时间)
    opinion: str = ""
    started_at: str | None = None  # 环节开始时间, when it differs from ``at`` (our steps are moments)


@dataclass(frozen=True, slots=True)
class Settlement:
    """办结: the decision, by whom and when, its text and the result documents (结果证照/文书)."""

    state: HandleState  # 11, 12 or 13
    handler: str
    at: str
    result: str
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A 差评's 整改, 回访 and 申诉复核 (GB/T 39734 §9.3), as far as they were recorded."""

    rectify_by: date
    rectified: str = ""
    rectified_at: str | None = None
    visited_on: date | None = None
    visit_outcome: str = ""
    appeal_outcome: AppealOutcome | None = None
    appeal_reason: str = ""


@dataclass(frozen=True, slots=True)
class Rating:
    """好差评: ``number`` 1 for the visit (一次一评), 2 for the result (一事一评) (assessNumber)."""

    number: int
    stage: RatingStage
    level: int  # satisfaction, 5 非常满意 … 1 非常不满意
    channel: RatingChannel  # pf: 评价渠道
    at: str
    categories: tuple[str, ...] = ()  # evalDetail: GB/T 39734 附录A 差评 categories
    text: str = ""  # writingEvaluation
    helper_present: bool = False  # a 帮办代办 helper was present
    follow_up: FollowUp | None = None


@dataclass(frozen=True, slots=True)
class BanjianRecord:
    """One 办件: one matter of one case, in the platform's terms.

    ``official_number`` is the platform's 办件编号 once bound (None before); ``local_number`` is our
    case number, kept on every record so it stays searchable; the records of one bundle (一件事)
    share it and differ by ``matter_id`` and ``implementation_code``.
    """

    official_number: str | None
    local_number: str
    matter_id: str
    implementation_code: str  # 实施编码
    handling_item_code: str  # 业务办理项编码 ("" when the matter has none or several)
    basic_code: str  # 基本编码
    matter_name: str
    project_name: str  # 申报名称
    bundle_id: str
    bundle_name: str
    state: HandleState
    applicant: Party
    agent: Agent | None
    dept_id: str
    dept_name: str
    agency: str  # 实施机构 (受理部门 in the national tables)
    org_code: str  # its 实施主体编码 (USCC or organisation code), read from the 实施编码; "" if unreadable
    area_code: str  # 收件部门所属行政区划 (GB/T 2260, from the case number)
    receiver: str  # 收件人 (operator id)
    received_at: str
    accepted_at: str | None  # None: not accepted (补正告知, 不予受理)
    promise_days: int | None  # 承诺期限, working days
    promised_date: date | None  # 承诺办结时间
    materials: tuple[Material, ...]
    process: tuple[ProcessRecord, ...]
    settlement: Settlement | None
    ratings: tuple[Rating, ...]
    catalog_version: str
