"""Value types of the service catalog: bundles (一件事), sub-matters, situation questions, materials, form fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from core.catalog.checks import Check
    from core.catalog.conditions import Condition

# An answer to a situation question: bool for "bool", str for "enum", int for "int",
# frozenset[str] for "multi". Answers are keyed by question id.
AnswerValue = bool | str | int | frozenset[str]
Answers = Mapping[str, AnswerValue]


class Subject(StrEnum):
    """Who a bundle serves: a person (自然人) or an entity (法人)."""

    PERSON = "person"
    ENTITY = "entity"


class QuestionType(StrEnum):
    BOOL = "bool"
    ENUM = "enum"
    MULTI = "multi"
    INT = "int"


class MaterialSource(StrEnum):
    """Where a material comes from (来源渠道)."""

    APPLICANT = "applicant"  # the applicant submits it (申请人提供)
    SHARED = "shared"  # fetched by data sharing or as an e-licence (电子证照, 免提交)
    GENERATED = "generated"  # produced by the system from the form (系统生成, e.g. 申请表)


class FieldType(StrEnum):
    """Kinds of unified-form fields; each kind has one validator in core.validation."""

    TEXT = "text"
    NAME = "name"
    ID_NUMBER = "id_number"  # any personal ID document number the validator recognises
    PHONE = "phone"
    DATE = "date"
    SEX = "sex"
    ENUM = "enum"
    ADDRESS = "address"
    BIRTH_CERT_NO = "birth_cert_no"
    USCC = "uscc"
    INT = "int"
    BANK_ACCOUNT = "bank_account"


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Department:
    """A department type (卫生健康, 公安 …); each region maps it to a concrete agency."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Licence:
    """An e-licence type (电子证照, e.g. 结婚证) that can satisfy a shared material when online."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Question:
    """A situation question (情形). Asked only when ``when`` holds for the answers given so far."""

    id: str
    text: str
    type: QuestionType
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    help: str = ""


@dataclass(frozen=True, slots=True)
class FieldDef:
    """One field of the unified form (多表合一). ``prefill`` names an ID-card attribute, e.g. ``id_card.name``."""

    id: str
    label: str
    type: FieldType
    required: bool = True
    prefill: str | None = None
    options: tuple[Option, ...] = ()
    help: str = ""


@dataclass(frozen=True, slots=True)
class Material:
    """An application material (申请材料) as the bundle defines it once.

    ``core`` materials can never be deficient (容缺); ``deferrable`` ones may be; ``commitment_ok``
    ones may be replaced by a signed commitment (告知承诺) whose text is ``commitment_text``;
    ``commitment_check`` tells the applicant what the department will check (核查) and
    ``commitment_check_days`` within how many working days of acceptance (core/cases/commitments.py).
    ``licence`` names the e-licence type (电子证照) that satisfies the material when online.
    """

    id: str
    name: str
    source: MaterialSource
    core: bool = False
    deferrable: bool = False
    commitment_ok: bool = False
    commitment_text: str | None = None
    commitment_check: str | None = None  # 核查内容 (告知): what will be checked, and how
    commitment_check_days: int | None = None  # 核查期限, working days after acceptance
    licence: str | None = None
    form: str = ""  # 原件 / 复印件 / 电子 …
    note: str = ""
    copies: int | None = None  # 份数, when the guide says
    shared_from: str = ""  # whose data replaces it (共享免提交), when the guide says


@dataclass(frozen=True, slots=True)
class Requirement:
    """A sub-matter needs ``material`` when ``when`` holds (always when it is None)."""

    material: str
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class SubMatter:
    """One administrative matter inside a bundle (业务办理项), owned by one department."""

    id: str
    name: str
    dept: str
    promise_days: int | None  # 承诺办结时限, working days (0 即办); None: no limit published
    optional: bool = False
    when: Condition | None = None
    requirements: tuple[Requirement, ...] = ()
    fields: tuple[str, ...] = ()  # ids of FieldDefs this matter's own form needs
    note: str = ""
    code: str = ""  # the catalog matter's 实施编码 (GB/T 39554.1), under which the platform files it
    accepted_documents: tuple[str, ...] = ()  # IdKind values the matter accepts; () = every document


MATTER_TYPES: Final = (
    "行政许可",
    "行政确认",
    "行政给付",
    "行政裁决",
    "行政奖励",
    "行政征收",
    "行政检查",
    "行政备案",
    "其他行政权力",
    "公共服务",
)


@dataclass(frozen=True, slots=True)
class Source:
    """A public page the data was taken from (办事指南 …)."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class HandlingItem:
    """A 业务办理项: one way of doing a matter that has several (e.g. 补领 / 换领)."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Matter:
    """A single matter (政务服务事项) as the province's 实施清单 lists it: the unit of the catalog.

    Its guide (办事指南) facts are data: type, implementing body, limits in working days (0 =
    即办件; ``legal_days`` None where the law sets none), fee, scope, conditions and materials.
    A bundle refers to matters by ``code``; a matter taken alone runs through the same intake as
    a one-matter bundle (``Catalog.bundle``).
    """

    id: str
    code: str  # 实施编码
    basic_code: str  # 基本编码
    code_constructed: bool  # True: built for the demo (no public source showed one), not published
    name: str
    type: str  # one of MATTER_TYPES; "" where no source confirmed it
    subject: str  # "person", "entity" or "both"
    dept: str  # department type id
    agency: str  # 实施机构; "" where no source named it
    legal_days: int | None  # None: no legal limit, or none confirmed
    promise_days: int | None  # 0 = 即办件; None: the guide publishes no promised limit
    fee: str  # "" where no source said
    scope: str  # 通办范围
    conditions: str  # 受理条件; "" where no source said
    category: str
    questions: tuple[Question, ...]
    materials: Mapping[str, Material]
    requirements: tuple[Requirement, ...]
    fields: tuple[str, ...] = ()
    items: tuple[HandlingItem, ...] = ()
    keywords: tuple[str, ...] = ()
    visits: int | None = None
    place: str = ""
    sources: tuple[Source, ...] = ()
    note: str = ""
    # The identity documents (core.validation IdKind values) an applicant may use; () = all of them.
    accepted_documents: tuple[str, ...] = ()

    @property
    def immediate(self) -> bool:
        """即办件: done on the spot."""
        return self.promise_days == 0

    @property
    def limit_days(self) -> int | None:
        """The limit a case is promised by: the promised one, else the legal one (承诺 ≤ 法定)."""
        return self.promise_days if self.promise_days is not None else self.legal_days

    def as_bundle(self) -> Bundle:
        """The matter as a one-matter bundle, so it runs through the same intake as any bundle."""
        return Bundle(
            id=self.id,
            name=self.name,
            subject=Subject.ENTITY if self.subject == "entity" else Subject.PERSON,
            lead=self.dept,
            category=self.category,
            questions=self.questions,
            sub_matters=(
                SubMatter(
                    id=self.id,
                    name=self.name,
                    dept=self.dept,
                    promise_days=self.limit_days,
                    requirements=self.requirements,
                    fields=self.fields,
                    code=self.code,
                    accepted_documents=self.accepted_documents,
                ),
            ),
            materials=self.materials,
            keywords=self.keywords,
            eligibility=self.conditions,
            matter=self.id,
        )


@dataclass(frozen=True, slots=True)
class Bundle:
    """A "一件事": several matters of several departments, one form, one set of materials."""

    id: str
    name: str
    subject: Subject
    lead: str  # department id
    category: str  # life event (出生, 入学 …) or enterprise stage (开办, 变更 …), for browsing
    questions: tuple[Question, ...]
    sub_matters: tuple[SubMatter, ...]
    materials: Mapping[str, Material]
    self_service: bool = False  # may a citizen apply alone at a kiosk (自助申报)
    keywords: tuple[str, ...] = ()
    eligibility: str = ""
    matter: str | None = None  # set when this is a single matter taken alone (its matter id)
    batch: str = ""  # the national batch of a "一件事" (2024-1 …)
    sources: tuple[Source, ...] = ()
    checks: tuple[Check, ...] = ()  # cross-field rules its answers and form must keep (core.catalog.checks)

    @property
    def limit_days(self) -> int | None:
        """The most its matters can take (the longest, 并联); None when one publishes no limit."""
        return longest_limit(m.promise_days for m in self.sub_matters)

    @property
    def single(self) -> bool:
        """A single matter, not a "一件事" of several."""
        return self.matter is not None

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)


@dataclass(frozen=True, slots=True)
class Catalog:
    """The whole catalog at one version. Cases remember the version they were validated against."""

    version: str
    departments: Mapping[str, Department]
    fields: Mapping[str, FieldDef]
    bundles: Mapping[str, Bundle] = field(default_factory=dict)
    licences: Mapping[str, Licence] = field(default_factory=dict)
    matters: Mapping[str, Matter] = field(default_factory=dict)  # by matter id, in catalog order
    _singles: dict[str, Bundle] = field(default_factory=dict, compare=False, repr=False)
    _by_code: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code.update((m.code, m.id) for m in self.matters.values())

    def bundle(self, bundle_id: str) -> Bundle:
        """The bundle with this id — or a single matter's, taken alone (by its id or 实施编码);
        raises NotFoundError with a Chinese message."""
        from core.errors import NotFoundError

        found = self.bundles.get(bundle_id)
        if found is not None:
            return found
        matter = self.matters.get(bundle_id) or self.matter_by_code(bundle_id)
        if matter is None:
            raise NotFoundError(
                f"没有找到“{bundle_id}”这个事项，请用 catalog list 查看可办事项。",
                f"unknown matter or bundle {bundle_id!r}",
            )
        single = self._singles.get(matter.id)
        if single is None:
            single = self._singles[matter.id] = matter.as_bundle()
        return single

    def matter_by_code(self, code: str) -> Matter | None:
        """The matter with this 实施编码, if any."""
        matter_id = self._by_code.get(code)
        return None if matter_id is None else self.matters[matter_id]


def limit_text(days: int | None) -> str:
    """A time limit as staff say it: 即办, N个工作日, or 未公布 (the guide publishes none)."""
    if days is None:
        return "时限未公布"
    return "即办" if days == 0 else f"{days}个工作日"


def longest_limit(days: Iterable[int | None]) -> int | None:
    """并联: matters run in parallel, so together they take the longest limit; unknown (None) as soon
    as one of them publishes none. No matters: 0."""
    known: list[int] = []
    for d in days:
        if d is None:
            return None
        known.append(d)
    return max(known, default=0)
