"""出生即参保 at a hospital self-service point as a Qt-free step machine: the parent, the baby, the phone.

A parent alone at the maternity hospital's kiosk enrols the newborn in 城乡居民基本医疗保险
(catalog bundle ``newborn_insurance``, one sub-matter ``mi_enrol``). The parent's ID card is the
applicant; the baby's 出生医学证明 number is scanned from its barcode or typed, and when the kiosk
is online the platform's e-licence (keyed by the parent's ID number) confirms it and gives the
baby's name. The flow validates every value as it is entered, in Chinese, and builds the
IntakeRequest that CaseService.accept commits. No I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Final

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import Case, ItemState, MatterStatus
from core.catalog.model import Catalog, FieldType
from core.errors import NotFoundError, ValidationError
from core.flows.intake import Problem
from core.flows.kiosk import Citizen
from core.flows.newborn_payment import Payment, PaymentChannel, make_payment
from core.validation import parse_birth_certificate_number, parse_mobile, validate_field

BUNDLE_ID: Final = "newborn_insurance"
MATTER_ID: Final = "mi_enrol"  # 城乡居民基本医疗保险参保登记（新生儿）
GUARDIAN_ID: Final = "guardian_id"  # 监护人居民身份证 (shared)
BIRTH_CERT: Final = "birth_cert_e"  # 出生医学证明（电子证照） (shared)
APP_FORM: Final = "app_form"  # 新生儿参保登记申请表 (generated)
BIRTH_LICENCE: Final = "birth_medical_cert"  # the catalog's e-licence type of the certificate
SEXES: Final = ("男", "女")
UNVERIFIED_NOTE: Final = "待联网核验"


class NewbornStep(StrEnum):
    """One decision per screen, in order (the screen shows them one at a time). The parent's ID card
    comes before: the form is made for the card's holder."""

    CERTIFICATE = "certificate"  # 出生医学证明编号
    NAME = "name"
    SEX = "sex"
    BIRTH_DATE = "birth_date"
    PHONE = "phone"
    PAYMENT = "payment"  # 缴费情况, as the parent states it (core.flows.newborn_payment)
    CONFIRM = "confirm"
    DONE = "done"


STEPS: Final = tuple(NewbornStep)


def one_year_before(day: date) -> date:
    """The same calendar day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def check_catalog(catalog: Catalog) -> None:
    """NotFoundError (Chinese) unless the catalog has the bundle with the materials this flow fills."""
    bundle = catalog.bundle(BUNDLE_ID)
    missing = [m for m in (GUARDIAN_ID, BIRTH_CERT, APP_FORM) if m not in bundle.materials]
    if missing or not any(m.id == MATTER_ID for m in bundle.sub_matters):
        raise NotFoundError(
            "本机的事项目录不支持出生即参保，请到医保经办窗口办理。",
            f"bundle {BUNDLE_ID} lacks {missing or MATTER_ID}",
        )


@dataclass(frozen=True, slots=True)
class LicenceCheck:
    """What the platform's e-licence look-up said about the certificate.

    ``checked`` False: not asked (offline) or not answered. ``found``: the parent holds a
    出生医学证明 e-licence; ``matches``: its number is the one entered.
    """

    checked: bool = False
    found: bool = False
    holder_name: str = ""
    licence_number: str = ""
    issued_by: str = ""

    @property
    def verified(self) -> bool:
        return self.checked and self.found and bool(self.licence_number)


class NewbornForm:
    """The values of one enrolment, validated as entered. Lives on the GUI thread."""

    def __init__(self, parent: Citizen, today: date) -> None:
        self.parent = parent
        self.today = today
        self.cert_no = ""
        self.child_name = ""
        self.child_sex = ""
        self.birth_date: date | None = None
        self.phone = ""
        self.licence = LicenceCheck()
        self.payment: Payment | None = None
        self.current = NewbornStep.CERTIFICATE

    # -- values ---------------------------------------------------------------------------------

    def set_certificate(self, text: str) -> Problem | None:
        """The 出生医学证明 number (one letter + 9 digits). A new number forgets an earlier look-up."""
        try:
            number = parse_birth_certificate_number(text, field="child.birth_cert_no")
        except ValidationError as exc:
            return Problem.of(exc)
        if number != self.cert_no:
            self.licence = LicenceCheck()
        self.cert_no = number
        return None

    def apply_licence(self, answer: Mapping[str, Any]) -> Problem | None:
        """The platform's LicenceLookupResponse for the parent's 出生医学证明.

        Found with the same number: verified, and the baby's name filled in when none was typed.
        Found with another number, or not found: a problem to show (the case may still go on,
        unverified: 医保 checks it when it gets the case).
        """
        found = bool(answer.get("found"))
        number = str(answer.get("licence_number") or "").strip().upper()
        if not found:
            self.licence = LicenceCheck(checked=True)
            return Problem(
                "child.birth_cert_no",
                "政务服务平台上暂未查到这张出生医学证明的电子证照（可能刚签发）。请核对编号；"
                "核对无误可继续办理，由医保部门核验。",
                "no e-licence found for this birth certificate number",
                "newborn.licence_not_found",
            )
        if number != self.cert_no:
            self.licence = LicenceCheck(checked=True)
            return Problem(
                "child.birth_cert_no",
                f"您名下出生医学证明的编号是 {number}，与输入的 {self.cert_no} 不一致。"
                "请核对证明上的编号后重新输入。",
                "the birth certificate number differs from the one on the platform",
                "newborn.licence_number_differs",
                {"number": number, "typed": self.cert_no},
            )
        self.licence = LicenceCheck(
            checked=True,
            found=True,
            holder_name=str(answer.get("holder_name") or ""),
            licence_number=number,
            issued_by=str(answer.get("issued_by") or ""),
        )
        if not self.child_name and self.licence.holder_name:
            try:
                self.child_name = str(
                    validate_field(
                        FieldType.NAME, self.licence.holder_name, field="child.name", today=self.today
                    )
                )
            except ValidationError:
                self.child_name = ""  # a name the platform sent that we cannot use: the parent types it
        return None

    def set_name(self, text: str) -> Problem | None:
        try:
            self.child_name = str(
                validate_field(FieldType.NAME, text, field="child.name", today=self.today, label="宝宝姓名")
            )
        except ValidationError as exc:
            self.child_name = ""
            return Problem.of(exc)
        return None

    def set_sex(self, sex: str) -> Problem | None:
        if sex not in SEXES:
            return Problem(
                "child.sex", "请选择宝宝的性别：男或女", f"sex {sex!r} is not 男/女", "newborn.sex_invalid"
            )
        self.child_sex = sex
        return None

    def birth_date_problem(self, day: date | None) -> Problem | None:
        """Why ``day`` cannot be the baby's birth date for 出生即参保, or None."""
        if day is None:
            return Problem(
                "child.birth_date", "请选择宝宝的出生日期", "no birth date", "newborn.birth_date_required"
            )
        if day > self.today:
            return Problem(
                "child.birth_date",
                f"出生日期不能晚于今天（{self.today.isoformat()}），请往前选择。",
                "birth date after today",
                "newborn.birth_date_future",
                {"today": self.today.isoformat()},
            )
        if self.parent.birth_date is not None and day <= self.parent.birth_date:
            return Problem(
                "child.birth_date",
                "宝宝的出生日期不能早于您本人的出生日期，请核对后重新选择。",
                "birth date before the parent's",
                "newborn.birth_date_before_parent",
            )
        if day <= one_year_before(self.today):
            return Problem(
                "child.birth_date",
                "宝宝已满一周岁，不能在医院自助点办理出生即参保。请带出生医学证明和户口簿到医保经办窗口办理参保登记。",
                "the baby is a year old or older",
                "newborn.too_old",
            )
        return None

    def set_birth_date(self, day: date) -> Problem | None:
        problem = self.birth_date_problem(day)
        if problem is None:
            self.birth_date = day
        return problem

    def set_phone(self, text: str) -> Problem | None:
        try:
            self.phone = parse_mobile(text, field="applicant.phone")
        except ValidationError as exc:
            return Problem.of(exc)
        return None

    def set_payment(self, channel: PaymentChannel, amount: str = "", receipt: str = "") -> Problem | None:
        made = make_payment(channel, amount, receipt)
        if isinstance(made, Problem):
            return made
        self.payment = made
        return None

    # -- steps ----------------------------------------------------------------------------------

    def problems(self, step: NewbornStep) -> list[Problem]:
        """What blocks leaving ``step``; empty when it is complete."""
        if step is NewbornStep.CERTIFICATE and not self.cert_no:
            return [
                Problem(
                    "child.birth_cert_no",
                    "请扫描或输入出生医学证明编号",
                    "no birth certificate number",
                    "newborn.cert_required",
                )
            ]
        if step is NewbornStep.NAME and not self.child_name:
            return [Problem("child.name", "请填写宝宝的姓名", "no name", "newborn.name_required")]
        if step is NewbornStep.SEX and not self.child_sex:
            return [Problem("child.sex", "请选择宝宝的性别", "no sex", "newborn.sex_required")]
        if step is NewbornStep.BIRTH_DATE:
            problem = self.birth_date_problem(self.birth_date)
            return [problem] if problem else []
        if step is NewbornStep.PHONE and not self.phone:
            return [Problem("applicant.phone", "请输入您的手机号码", "no phone", "newborn.phone_required")]
        if step is NewbornStep.PAYMENT and self.payment is None:
            return [
                Problem("payment.status", "请选择缴费情况", "no payment answer", "newborn.payment_required")
            ]
        if step is NewbornStep.CONFIRM:
            return [p for s in STEPS[: STEPS.index(NewbornStep.CONFIRM)] for p in self.problems(s)]
        return []

    def next(self) -> list[Problem]:
        """Leave the current step when it is complete."""
        blocking = self.problems(self.current)
        if not blocking and self.current is not NewbornStep.DONE:
            self.current = STEPS[STEPS.index(self.current) + 1]
        return blocking

    def back(self) -> bool:
        """One step back; False at the first step (the screen then leaves the service)."""
        index = STEPS.index(self.current)
        if index == 0 or self.current is NewbornStep.DONE:
            return False
        self.current = STEPS[index - 1]
        return True

    # -- the case -------------------------------------------------------------------------------

    def form_values(self) -> dict[str, str]:
        """The unified-form values this flow gathered (also what the 出生一件事 declaration reuses)."""
        values = {
            "child.name": self.child_name,
            "child.sex": self.child_sex,
            "child.birth_date": self.birth_date.isoformat() if self.birth_date else "",
            "child.birth_cert_no": self.cert_no,
            "applicant.phone": self.phone,
        }
        return {k: v for k, v in values.items() if v}

    def materials(self) -> dict[str, MaterialInput]:
        if self.parent.source == "id_card":
            guardian = MaterialInput(ItemState.E_LICENCE, note="自助终端读取居民身份证芯片核验")
        else:
            guardian = MaterialInput(
                ItemState.E_LICENCE, note=f"{self.parent.token_issuer or '电子码'}在线核验身份"
            )
        if self.licence.verified:
            note = " ".join(x for x in (self.licence.licence_number, self.licence.issued_by) if x)
        else:
            note = f"出生医学证明编号 {self.cert_no}，{UNVERIFIED_NOTE}"
        return {
            GUARDIAN_ID: guardian,
            BIRTH_CERT: MaterialInput(
                ItemState.E_LICENCE,
                note=note,
                licence_number=self.licence.licence_number if self.licence.verified else "",
            ),
            APP_FORM: MaterialInput(ItemState.GENERATED),
        }

    def request(self) -> IntakeRequest:
        """The intake CaseService.accept commits; ValidationError if a value is still missing."""
        blocking = self.problems(NewbornStep.CONFIRM)
        if blocking:
            raise ValidationError(blocking[0].field, blocking[0].message, "newborn form incomplete")
        applicant = {
            "name": self.parent.name,
            "id_number": self.parent.id_number,
            "phone": self.phone,
            "nation": self.parent.nation,
            "address": self.parent.address,
        }
        return IntakeRequest(
            bundle_id=BUNDLE_ID,
            applicant={k: v for k, v in applicant.items() if v},
            answers={},
            materials=self.materials(),
            form={**self.form_values(), **(self.payment.form_values() if self.payment else {})},
            applicant_source=self.parent.source,
        )


def handover_answers() -> dict[str, bool]:
    """The 出生一件事 answers this enrolment settles, for the hand-over to 自助申报: born in a hospital
    of the province (this kiosk's), the 出生医学证明 issued (its number was given), and enrolled in 医保
    here, so the bundle does not enrol the baby a second time (its ``mi_enrolled_at_birth``)."""
    return {"born_in_province_hospital": True, "birth_cert_issued": True, "mi_enrolled_at_birth": True}


# -- after the commit: the 医保 department's answer ------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnrolmentOutcome:
    """Where the enrolment matter of a stored case stands."""

    status: MatterStatus
    result: str
    promised_date: date | None  # None: a matter of the case publishes no limit

    @property
    def confirmed(self) -> bool:
        return self.status is MatterStatus.DONE

    @property
    def rejected(self) -> bool:
        return self.status is MatterStatus.REJECTED

    @property
    def settled(self) -> bool:
        return self.status.final


def enrolment_outcome(case: Case) -> EnrolmentOutcome:
    """The ``mi_enrol`` matter of ``case`` (a newborn_insurance case, or a 出生一件事 one)."""
    matter = next((m for m in case.matters if m.matter_id == MATTER_ID), None)
    if matter is None:
        raise NotFoundError("本办件不含医保参保登记。", f"case {case.number} has no {MATTER_ID}")
    return EnrolmentOutcome(matter.status, matter.result, case.promised_date)


def receipt_notes(outcome: EnrolmentOutcome, *, submitted: bool) -> tuple[str, ...]:
    """Lines the kiosk adds to the 受理回执: plainly, whether and when the enrolment completes.

    ``submitted``: the case reached the platform (False: queued on this kiosk, offline).
    """
    promised = (
        "以部门告知为准" if outcome.promised_date is None else f"{outcome.promised_date.isoformat()} 前"
    )
    if outcome.confirmed:
        return ("医保参保：已确认参保。", outcome.result)
    if outcome.rejected:
        return (f"医保部门不予办理：{outcome.result}", "请带出生医学证明到医保经办窗口咨询办理。")
    if not submitted:
        return (
            "本机离线受理：联网后自动提交医保部门，",
            f"一般 1 个工作日内完成参保，承诺 {promised}。",
            "可扫描下方二维码查询参保结果。",
        )
    return (
        "已提交医保部门，参保结果稍后返回，",
        f"承诺 {promised}办结；可扫描下方二维码查询。",
    )


def days_old(birth: date, today: date) -> int:
    """How many days the baby is (0 on the day of birth)."""
    return max(0, (today - birth).days)


def shift_date(day: date, *, days: int = 0, months: int = 0) -> date:
    """``day`` moved by whole days and calendar months (the day clamped to the month's end)."""
    if months:
        month_index = day.year * 12 + day.month - 1 + months
        year, month = divmod(month_index, 12)
        month += 1
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
        day = date(year, month, min(day.day, last))
    return day + timedelta(days=days)
