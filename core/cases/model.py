"""Cases (办件) as values: applicant, answers, checklist item states, per-matter results, evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from core.cases.ratings import Appeal, AppealOutcome, FollowUpVisit, RatingChannel, RatingStage, Rectification
from core.catalog.model import AnswerValue

if TYPE_CHECKING:
    from core.cases.special_procedures import SpecialProcedure


class CaseStatus(StrEnum):
    """Where a case stands. Persisted values: never rename one (a test pins them)."""

    DRAFT = "draft"
    ACCEPTED = "accepted"  # 已受理
    ACCEPTED_DEFICIENT = "accepted_deficient"  # 容缺受理: accepted with materials to supply later
    DISPATCHED = "dispatched"  # 已分发至各部门并联办理
    COMPLETED = "completed"  # 已办结
    REJECTED = "rejected"  # 不予办理
    WITHDRAWN = "withdrawn"  # 申请人撤回
    TERMINATED = "terminated"  # 容缺材料逾期未补齐, 终止办理
    # Not accepted at the window (行政许可法 §32): a record with a number, never dispatched.
    SUPPLEMENT_NOTIFIED = "supplement_notified"  # 补正告知: 一次性补正告知书 issued
    NOT_ACCEPTED = "not_accepted"  # 不予受理: 不予受理通知书 issued

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def final(self) -> bool:
        return self in _FINAL


_STATUS_LABELS = {
    CaseStatus.DRAFT: "草稿",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.ACCEPTED_DEFICIENT: "容缺受理",
    CaseStatus.DISPATCHED: "办理中",
    CaseStatus.COMPLETED: "已办结",
    CaseStatus.REJECTED: "不予办理",
    CaseStatus.WITHDRAWN: "已撤回",
    CaseStatus.TERMINATED: "已终止",
    CaseStatus.SUPPLEMENT_NOTIFIED: "已告知补正",
    CaseStatus.NOT_ACCEPTED: "不予受理",
}
_FINAL = frozenset(
    {
        CaseStatus.COMPLETED,
        CaseStatus.REJECTED,
        CaseStatus.WITHDRAWN,
        CaseStatus.TERMINATED,
        CaseStatus.SUPPLEMENT_NOTIFIED,
        CaseStatus.NOT_ACCEPTED,
    }
)
# Statuses in which a 告知承诺 still has to be checked (事中事后核查): accepted and after, even once
# settled (a check may follow 办结); not once the application is gone or refused.
_CHECKS_LAPSE = frozenset(
    {
        CaseStatus.REJECTED,
        CaseStatus.WITHDRAWN,
        CaseStatus.TERMINATED,
        CaseStatus.SUPPLEMENT_NOTIFIED,
        CaseStatus.NOT_ACCEPTED,
    }
)


class ItemState(StrEnum):
    """How one checklist material was satisfied. Persisted values: never rename one."""

    PENDING = "pending"  # 待收取
    PAPER = "paper"  # 纸质材料已收
    SCANNED = "scanned"  # 已扫描 (pages attached)
    E_LICENCE = "e_licence"  # 电子证照, 免提交
    COMMITMENT = "commitment"  # 告知承诺, commitment signed
    DEFICIENT = "deficient"  # 容缺, to be supplied by a deadline
    GENERATED = "generated"  # 系统生成 from the form

    @property
    def label(self) -> str:
        return _ITEM_LABELS[self]

    @property
    def satisfied(self) -> bool:
        return self not in (ItemState.PENDING, ItemState.DEFICIENT)


_ITEM_LABELS = {
    ItemState.PENDING: "待收取",
    ItemState.PAPER: "纸质已收",
    ItemState.SCANNED: "已扫描",
    ItemState.E_LICENCE: "电子证照免提交",
    ItemState.COMMITMENT: "告知承诺",
    ItemState.DEFICIENT: "容缺待补",
    ItemState.GENERATED: "系统生成",
}


class MatterStatus(StrEnum):
    """A sub-matter's progress at its department. Persisted values: never rename one."""

    PENDING = "pending"  # 待分发
    DISPATCHED = "dispatched"  # 已分发
    PROCESSING = "processing"  # 部门办理中
    DONE = "done"  # 已办结
    REJECTED = "rejected"  # 不予办理

    @property
    def label(self) -> str:
        return _MATTER_LABELS[self]

    @property
    def final(self) -> bool:
        return self in (MatterStatus.DONE, MatterStatus.REJECTED)


_MATTER_LABELS = {
    MatterStatus.PENDING: "待分发",
    MatterStatus.DISPATCHED: "已分发",
    MatterStatus.PROCESSING: "办理中",
    MatterStatus.DONE: "已办结",
    MatterStatus.REJECTED: "不予办理",
}


class EventKind(StrEnum):
    """Kinds of append-only case events (the sync outbox). Persisted values: never rename one."""

    ACCEPTED = "accepted"
    SUPPLEMENTED = "supplemented"
    EVALUATED = "evaluated"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    DISPATCHED = "dispatched"
    MATTER_RESULT = "matter_result"
    COMPLETED = "completed"
    REJECTED = "rejected"
    OFFICIAL_NUMBER_BOUND = "official_number_bound"
    NOT_ACCEPTED = "not_accepted"  # the whole record of an application not accepted (补正告知 or 不予受理)
    COMMITMENT_CHECKED = "commitment_checked"  # the 核查 of a 告知承诺 was recorded
    RATING_FOLLOWED_UP = "rating_followed_up"  # a 差评's 整改结果, 回访 or 申诉复核 (core/cases/ratings.py)
    PROCEDURE_STARTED = (
        "procedure_started"  # a 特别程序 began: the clock pauses (core/cases/special_procedures.py)
    )
    PROCEDURE_ENDED = "procedure_ended"  # a 特别程序 ended: the due date moved by the days it took


class RefusalKind(StrEnum):
    """Why an application was not accepted (行政许可法 §32). Persisted values: never rename one."""

    SUPPLEMENT = "supplement"  # 材料不齐全或不符合法定形式: 一次性补正告知
    REJECT = "reject"  # 不予受理, with the reason and the applicant's remedies

    @property
    def label(self) -> str:
        return "补正告知" if self is RefusalKind.SUPPLEMENT else "不予受理"

    @property
    def status(self) -> CaseStatus:
        return CaseStatus.SUPPLEMENT_NOTIFIED if self is RefusalKind.SUPPLEMENT else CaseStatus.NOT_ACCEPTED


class CheckOutcome(StrEnum):
    """The result of checking a 告知承诺 (核查). Persisted values: never rename one."""

    TRUE = "true"  # 承诺属实
    FALSE = "false"  # 承诺不实

    @property
    def label(self) -> str:
        return "属实" if self is CheckOutcome.TRUE else "不实"


class CreditStanding(StrEnum):
    """The applicant's standing in the credit records (信用记录), as the platform answered at intake.
    Persisted values: never rename one."""

    UNKNOWN = "unknown"  # not asked (offline, or a case from before the question existed)
    GOOD = "good"  # no record of serious dishonesty
    DISHONEST = "dishonest"  # 失信: may use neither 告知承诺 nor 容缺 (国办发〔2020〕42号)

    @property
    def label(self) -> str:
        return {"unknown": "未核验", "good": "无失信记录", "dishonest": "有失信记录"}[self.value]


EVALUATION_LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
"""好差评 levels (国办发〔2019〕51号); the bottom two are 差评 and must be followed up."""


@dataclass(frozen=True, slots=True)
class Applicant:
    """The person applying (or the entity's agent). ``id_kind`` is a core.validation IdKind value."""

    name: str
    id_number: str
    id_kind: str
    sex: str = ""
    birth_date: date | None = None
    nation: str = ""
    address: str = ""
    phone: str = ""
    source: str = "typed"  # "id_card" when read from the card, else "typed"
    # Typed documents (core.validation.travel_documents): the name in Latin letters as printed,
    # a passport's nationality (ICAO 9303 three-letter code) and its 外国人居留许可 number.
    latin_name: str = ""
    nationality: str = ""
    residence_permit: str = ""


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """The state of one checklist material in a case."""

    material_id: str
    name: str
    state: ItemState
    matters: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # sha256 of encrypted, content-addressed files
    deadline: date | None = None  # 容缺补齐期限, only for DEFICIENT
    commitment_text: str | None = None  # the 告知承诺 text the applicant signed
    supplemented_at: str | None = None
    note: str = ""
    check: CommitmentCheck | None = None  # the later 核查 of a 告知承诺, only for COMMITMENT
    licence_number: str = ""  # 电子证照编号 of the licence that satisfied it, only for E_LICENCE


@dataclass(frozen=True, slots=True)
class CommitmentCheck:
    """告知承诺's 告知 and 核查: what the department will check, by when, and (once checked) the outcome."""

    what: str  # 核查内容: what will be checked, and how
    deadline: date | None  # 核查期限; None: a matter publishes no limit (以部门告知为准)
    outcome: CheckOutcome | None = None
    checked_at: str | None = None
    checked_by: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why and when an application was not accepted (行政许可法 §32).

    ``received_on`` is the day the materials were received; a 补正 notice is due by ``notice_by``
    (five working days later: 行政许可法 §32(四), §82), after which the application counts as accepted.
    """

    kind: RefusalKind
    reason: str
    received_on: date
    notice_by: date
    at: str


@dataclass(frozen=True, slots=True)
class MatterRecord:
    """One sub-matter of the case at its department, with the result pulled from the platform."""

    matter_id: str
    name: str
    dept: str  # department id, as the catalog and the platform name it
    promise_days: int | None  # None: the matter publishes no limit
    dept_name: str = ""  # the department's name, for receipts and screens
    status: MatterStatus = MatterStatus.PENDING
    result: str = ""
    updated_at: str | None = None
    code: str = ""  # the matter's 实施编码 (GB/T 39554.1): the platform files the matter under it


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A 好差评 rating: 5 非常满意 … 1 非常不满意; 1 and 2 flag a follow-up (整改, core/cases/ratings.py).

    ``categories``: the GB/T 39734 附录A 差评 categories chosen, beside the free-text ``reason``."""

    level: int
    reason: str
    at: str
    stage: RatingStage = RatingStage.INTAKE
    channel: RatingChannel = RatingChannel.WINDOW
    categories: tuple[str, ...] = ()
    helper_present: bool = False  # a 帮办代办 helper was present when the applicant rated
    rectification: Rectification | None = None  # only for a 差评
    visit: FollowUpVisit | None = None
    appeal: Appeal | None = None

    @property
    def label(self) -> str:
        return EVALUATION_LEVELS[self.level]

    @property
    def follow_up(self) -> bool:
        return self.level <= 2


@dataclass(frozen=True, slots=True)
class ProxyAuthorisation:
    """帮办代办: a helper acts for the applicant (the principal), who authorised it (委托).

    ``signature`` and ``photo`` are sha256 of attachments: the principal's signature on the
    authorisation and a photo taken at the visit.
    """

    helper_name: str
    helper_id_number: str
    scope: str  # what the helper may do, in the principal's words (委托事项)
    valid_until: date
    signature: str
    photo: str
    organisation: str = ""  # e.g. the community service station the helper works for


@dataclass(frozen=True, slots=True)
class Case:
    """A case (办件): one application for a bundle, from intake to its final status."""

    number: str
    bundle_id: str
    bundle_name: str
    catalog_version: str
    status: CaseStatus
    applicant: Applicant
    answers: Mapping[str, AnswerValue]
    items: tuple[ItemRecord, ...]
    form: Mapping[str, str | int]
    matters: tuple[MatterRecord, ...]
    operator: str
    device_id: str
    created_at: str
    status_changed_at: str
    promised_date: (
        date | None
    )  # the date the bundle is promised by (承诺办结日期); None: a matter publishes no limit
    evaluations: tuple[Evaluation, ...] = ()  # at most one per RatingStage (一次一评, 一事一评)
    official_number: str | None = None
    history: tuple[str, ...] = field(default=())  # reasons given for withdraw/terminate/reject
    signature: str | None = None  # sha256 of the applicant's signature (PNG attachment)
    proxy: ProxyAuthorisation | None = None  # 帮办代办 authorisation, when a helper applied
    refusal: Refusal | None = None  # only for an application not accepted (补正告知, 不予受理)
    credit: CreditStanding = CreditStanding.UNKNOWN  # what the platform said at intake
    special_procedures: tuple[SpecialProcedure, ...] = ()  # 特别程序: clock paused (行政许可法 §45)
    version: int = 1

    @property
    def attachments(self) -> tuple[str, ...]:
        """Every attachment the case references: scanned pages, signature, authorisation."""
        refs = [a for item in self.items for a in item.attachments]
        if self.signature:
            refs.append(self.signature)
        if self.proxy is not None:
            refs += [self.proxy.signature, self.proxy.photo]
        return tuple(dict.fromkeys(refs))

    @property
    def due_date(self) -> date | None:
        """The promised date as moved by 特别程序, whose time is not counted (行政许可法 §45;
        core/cases/special_procedures.py); None when a matter publishes no limit."""
        if self.promised_date is None:
            return None
        return max([self.promised_date, *(p.due_after for p in self.special_procedures if p.due_after)])

    @property
    def open_procedures(self) -> tuple[SpecialProcedure, ...]:
        """特别程序 still running (none once the case is settled or gone)."""
        if self.status.final:
            return ()
        return tuple(p for p in self.special_procedures if p.ended_on is None)

    @property
    def deficient_items(self) -> tuple[ItemRecord, ...]:
        return tuple(i for i in self.items if i.state is ItemState.DEFICIENT)

    @property
    def deficiency_deadline(self) -> date | None:
        """The earliest open 容缺 deadline, or None when nothing is missing."""
        deadlines = [i.deadline for i in self.deficient_items if i.deadline is not None]
        return min(deadlines) if deadlines else None

    @property
    def open_checks(self) -> tuple[ItemRecord, ...]:
        """Commitments whose 核查 is still to be recorded (none once the application is gone or refused)."""
        if self.status in _CHECKS_LAPSE:
            return ()
        return tuple(i for i in self.items if i.check is not None and i.check.outcome is None)

    @property
    def check_deadline(self) -> date | None:
        """The earliest open 核查 deadline, or None."""
        deadlines = [i.check.deadline for i in self.open_checks if i.check and i.check.deadline]
        return min(deadlines) if deadlines else None

    @property
    def evaluation(self) -> Evaluation | None:
        """The latest rating, or None before any."""
        return self.evaluations[-1] if self.evaluations else None

    def rating(self, stage: RatingStage) -> Evaluation | None:
        """The rating given at ``stage``, or None."""
        return next((r for r in self.evaluations if r.stage is stage), None)

    @property
    def open_rectifications(self) -> tuple[Evaluation, ...]:
        """Bad ratings whose 整改 is still to be recorded (not those voided on 申诉复核)."""
        return tuple(
            r
            for r in self.evaluations
            if r.rectification is not None
            and not r.rectification.done
            and not (r.appeal is not None and r.appeal.outcome is AppealOutcome.VOIDED)
        )

    @property
    def rectification_deadline(self) -> date | None:
        """The earliest open 整改 deadline, or None."""
        deadlines = [r.rectification.deadline for r in self.open_rectifications if r.rectification]
        return min(deadlines) if deadlines else None

    @property
    def next_deadline(self) -> date | None:
        """The earliest deadline staff must act by: an open 容缺, 核查 or 整改 deadline."""
        found = [
            d
            for d in (self.deficiency_deadline, self.check_deadline, self.rectification_deadline)
            if d is not None
        ]
        if self.status.final and self.deficiency_deadline in found:
            found.remove(self.deficiency_deadline)  # nothing is supplied to a settled case
        return min(found) if found else None

    def item(self, material_id: str) -> ItemRecord:
        for item in self.items:
            if item.material_id == material_id:
                return item
        raise KeyError(material_id)
