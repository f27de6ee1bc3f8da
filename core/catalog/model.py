"""Value types of the service catalog: bundles (一件事), sub-matters, situation questions, materials, form fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    ones may be replaced by a signed commitment (告知承诺) whose text is ``commitment_text``.
    ``licence`` names the e-licence type (电子证照) that satisfies the material when online.
    """

    id: str
    name: str
    source: MaterialSource
    core: bool = False
    deferrable: bool = False
    commitment_ok: bool = False
    commitment_text: str | None = None
    licence: str | None = None
    form: str = ""  # 原件 / 复印件 / 电子 …
    note: str = ""


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
    promise_days: int  # 承诺办结时限, working days
    optional: bool = False
    when: Condition | None = None
    requirements: tuple[Requirement, ...] = ()
    fields: tuple[str, ...] = ()  # ids of FieldDefs this matter's own form needs
    note: str = ""


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

    def bundle(self, bundle_id: str) -> Bundle:
        """The bundle with this id; raises NotFoundError with a Chinese message."""
        from core.errors import NotFoundError

        try:
            return self.bundles[bundle_id]
        except KeyError:
            raise NotFoundError(
                f"没有找到“{bundle_id}”这件事，请用 catalog list 查看可办事项。",
                f"unknown bundle {bundle_id!r}",
            ) from None
