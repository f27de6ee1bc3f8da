"""The window intake as a Qt-free step machine (Electrum's wizard): one state, one rule set, any UI.

The window client shows one screen per step and a progress rail of ``steps``; it feeds what staff
enter into the flow and asks it what blocks the next step. The flow does no I/O: the GUI commits
``request()`` through CaseService.accept on the store worker.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from core.cases.intake import (
    IntakeContext,
    IntakeRequest,
    MaterialInput,
    ProxyInput,
    applicant_from,
    build_case,
    deficiency_limit,
    fill_form,
    material_record,
    proxy_from,
)
from core.cases.model import Applicant, Case, ItemState
from core.catalog.answers import answers_from_json
from core.catalog.checklist import Checklist, ChecklistItem, build_checklist
from core.catalog.model import AnswerValue, Bundle, Catalog, FieldDef, MaterialSource, Question, Subject
from core.catalog.search import search_bundles
from core.errors import NotFoundError, ValidationError
from core.validation import validate_field

PLACEHOLDER_NUMBER = "0" * 20  # the review step previews the case before a number is spent


class Step(StrEnum):
    APPLICANT = "applicant"
    PROXY = "proxy"  # only for 帮办代办
    BUNDLE = "bundle"
    QUESTIONS = "questions"
    CHECKLIST = "checklist"
    FORM = "form"
    SIGNATURE = "signature"
    REVIEW = "review"
    DONE = "done"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS = {
    Step.APPLICANT: "申请人",
    Step.PROXY: "委托代办",
    Step.BUNDLE: "选择事项",
    Step.QUESTIONS: "情形问题",
    Step.CHECKLIST: "材料清单",
    Step.FORM: "填写表单",
    Step.SIGNATURE: "签名确认",
    Step.REVIEW: "核对受理",
    Step.DONE: "完成",
}


@dataclass(frozen=True, slots=True)
class CardData:
    """What an ID card gives the form (services.cards.card_data maps devices.id_reader.IdCard to this).

    ``valid_from``/``valid_to`` are the card's 有效期; ``valid_to`` None means 长期 (long-term) —
    or, with ``valid_from`` None too, that no card validity is known (an online token's person).
    """

    name: str
    id_number: str
    sex: str = ""
    nation: str = ""
    birth_date: date | None = None
    address: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that blocks leaving a step: ``field`` as in ValidationError, ``message`` in Chinese,
    ``detail`` in English (logs and the CLI)."""

    field: str
    message: str
    detail: str = ""

    @classmethod
    def of(cls, exc: ValidationError) -> Problem:
        return cls(exc.field, exc.message, exc.detail)


def card_problems(card: CardData, today: date) -> list[Problem]:
    """Why ``card`` cannot be used ``today``: expired, or not valid yet. Empty when it can.

    The one rule the window (a supervisor may decide otherwise), the kiosk (refuses) and
    ``cases add`` (refuses) apply. A card is valid through the last day of the 有效期限 printed on
    it ("2016.04.02-2036.04.02" includes 2036-04-02); 长期 never ends.
    """
    out = []
    if card.valid_from is not None and card.valid_from > today:
        shown = card.valid_from.isoformat()
        out.append(
            Problem(
                "applicant.valid_from",
                f"证件尚未生效（有效期自 {shown} 起）。请核对证件和本机日期。",
                f"the ID card is not valid before {shown}; check the card and this device's date",
            )
        )
    if card.valid_to is not None and card.valid_to < today:
        shown = card.valid_to.isoformat()
        out.append(
            Problem(
                "applicant.valid_to",
                f"证件已过有效期（有效期至 {shown}）。",
                f"the ID card expired on {shown}",
            )
        )
    return out


class IntakeFlow:
    """One intake at a window, from the applicant to the accepted case. Lives on the GUI thread.

    Changing an earlier answer drops what no longer fits (materials and form values of a bundle
    not chosen any more; materials off the new checklist), so the checklist always follows the
    answers ("照单抓药").
    """

    def __init__(
        self,
        catalog: Catalog,
        *,
        today: date,
        proxy: bool = False,
        holidays: Collection[date] = (),
        workdays: Collection[date] = (),
        recent: Sequence[str] = (),
    ) -> None:
        self.catalog = catalog
        self.today = today
        self.proxy_mode = proxy
        self._holidays = holidays
        self._workdays = workdays
        self.recent = list(recent)
        self.current = Step.APPLICANT
        self.applicant: dict[str, str] = {}
        self.applicant_source = "typed"
        self.bundle_id: str | None = None
        self.answers: dict[str, AnswerValue] = {}
        self.materials: dict[str, MaterialInput] = {}
        self.form: dict[str, Any] = {}
        self.signature: bytes | None = None
        self.proxy: dict[str, Any] = {}
        self.case: Case | None = None
        self._card: CardData | None = None  # the ID card the applicant was read from, if any
        self._card_authorised_by: str | None = None  # the supervisor who let ``_card`` through

    # -- steps -------------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(s for s in Step if s is not Step.PROXY or self.proxy_mode)

    def problems(self, step: Step | None = None) -> list[Problem]:
        """What blocks leaving ``step`` (default: the current one); empty when it is complete."""
        step = step or self.current
        check = {
            Step.APPLICANT: self._applicant_problems,
            Step.PROXY: self._proxy_problems,
            Step.BUNDLE: self._bundle_problems,
            Step.QUESTIONS: self._question_problems,
            Step.CHECKLIST: self._material_problems,
            Step.FORM: self._form_problems,
            Step.SIGNATURE: self._signature_problems,
            Step.REVIEW: self._review_problems,
            Step.DONE: list,
        }[step]
        return check()

    def reachable(self, step: Step) -> bool:
        """A step is reachable when every step before it is complete (the rail's clickable ones)."""
        if self.case is not None:
            return step is Step.DONE
        return all(not self.problems(earlier) for earlier in self.steps[: self.steps.index(step)])

    def go(self, step: Step) -> list[Problem]:
        """Move to ``step`` if reachable; else stay and return the first step's problems."""
        if self.case is not None and step is not Step.DONE:
            return [Problem("case", "本件已受理，请开始新的受理。")]
        for earlier in self.steps[: self.steps.index(step)]:
            blocking = self.problems(earlier)
            if blocking:
                self.current = earlier
                return blocking
        self.current = step
        return []

    def next(self) -> list[Problem]:
        index = self.steps.index(self.current)
        if index + 1 >= len(self.steps):
            return []
        if self.steps[index + 1] is Step.DONE:
            return [Problem("review", "请点击“确认受理”。")]
        return self.go(self.steps[index + 1])

    def back(self) -> None:
        index = self.steps.index(self.current)
        if index > 0 and self.case is None:
            self.current = self.steps[index - 1]

    # -- applicant ---------------------------------------------------------------------------

    def set_applicant_from_card(self, card: CardData) -> None:
        """Fill the applicant from an ID card (source "id_card"); phone stays as typed.

        Another card than the one a supervisor authorised needs its own authorisation.
        """
        self.applicant.update(
            name=card.name, id_number=card.id_number, nation=card.nation, address=card.address
        )
        self.applicant_source = "id_card"
        if card != self._card:
            self._card, self._card_authorised_by = card, None

    def set_applicant_field(self, name: str, value: str) -> Problem | None:
        """Typed input, validated at once (inline validation); returns the problem, if any.

        Typing another person's ID number drops the card (and its validity) read before.
        """
        self.applicant[name] = value
        if name in ("name", "id_number"):
            self.applicant_source = "typed"
        if self._card is not None and self.applicant.get("id_number") != self._card.id_number:
            self._card, self._card_authorised_by = None, None
        return self._applicant_field_problem(name)

    def card_problems(self) -> list[Problem]:
        """Why the card the applicant was read from cannot be used today (core rule card_problems),
        unless a supervisor authorised it; empty without a card."""
        if self._card is None or self._card_authorised_by is not None:
            return []
        return card_problems(self._card, self.today)

    @property
    def card(self) -> CardData | None:
        """The ID card the applicant was read from (None when typed, or typed over by another person)."""
        return self._card

    @property
    def card_authorised_by(self) -> str | None:
        """The supervisor's staff id who let the card's problems through (值班长确认), if any."""
        return self._card_authorised_by

    def authorise_card(self, supervisor: str) -> None:
        """A supervisor decided the card may be used despite card_problems (the GUI checked their
        right and audited it: core.staff.StaffDirectory.override). ValueError if nothing to authorise."""
        if self._card is None or not card_problems(self._card, self.today):
            raise ValueError("nothing to authorise: the applicant's card has no problem")
        self._card_authorised_by = supervisor

    def applicant_value(self) -> Applicant:
        """The validated applicant; raises ValidationError naming the field."""
        return applicant_from(
            {k: v for k, v in self.applicant.items() if v}, self.today, self.applicant_source
        )

    def _applicant_field_problem(self, name: str) -> Problem | None:
        try:
            self.applicant_value()
        except ValidationError as exc:
            if exc.field == f"applicant.{name}":
                return Problem.of(exc)
        return None

    def _applicant_problems(self) -> list[Problem]:
        try:
            self.applicant_value()
        except ValidationError as exc:
            return [Problem.of(exc)]
        return self.card_problems()

    # -- proxy (帮办代办) -----------------------------------------------------------------------

    def set_proxy_field(self, name: str, value: Any) -> None:
        """helper_name, helper_id_number, organisation, scope, valid_until (date), signature, photo."""
        self.proxy[name] = value

    def proxy_input(self) -> ProxyInput | None:
        if not self.proxy_mode:
            return None
        p = self.proxy
        valid_until = p.get("valid_until")
        return ProxyInput(
            helper_name=str(p.get("helper_name", "")),
            helper_id_number=str(p.get("helper_id_number", "")),
            scope=str(p.get("scope", "")),
            valid_until=valid_until if isinstance(valid_until, date) else date.min,
            signature=bytes(p.get("signature") or b""),
            photo=bytes(p.get("photo") or b""),
            organisation=str(p.get("organisation", "")),
        )

    def _proxy_problems(self) -> list[Problem]:
        given = self.proxy_input()
        if given is None:
            return []
        if not isinstance(self.proxy.get("valid_until"), date):
            return [Problem("proxy.valid_until", "请选择委托有效期")]
        try:
            proxy_from(given, self.applicant_value(), self.today)
        except ValidationError as exc:
            return [Problem.of(exc)]
        return []

    # -- bundle ------------------------------------------------------------------------------

    def search(self, query: str, subject: Subject | None = None) -> list[Bundle]:
        return search_bundles(self.catalog, query, subject=subject, recent=self.recent)

    def choose_bundle(self, bundle_id: str) -> None:
        """Choose the "一件事"; choosing another one starts its questions afresh."""
        bundle = self.catalog.bundle(bundle_id)
        if bundle.id != self.bundle_id:
            self.bundle_id = bundle.id
            self.answers, self.materials, self.form = {}, {}, {}
        if bundle.id in self.recent:
            self.recent.remove(bundle.id)
        self.recent.insert(0, bundle.id)

    @property
    def bundle(self) -> Bundle:
        if self.bundle_id is None:
            raise NotFoundError("尚未选择事项。", "no bundle chosen")
        return self.catalog.bundle(self.bundle_id)

    def _bundle_problems(self) -> list[Problem]:
        return [] if self.bundle_id else [Problem("bundle", "请选择要办理的事项")]

    # -- questions ---------------------------------------------------------------------------

    def checklist(self) -> Checklist:
        return build_checklist(self.catalog, self.bundle.id, self.answers)

    def questions(self) -> tuple[Question, ...]:
        """The questions relevant to the answers so far, in order; one appears as soon as it applies."""
        return self.checklist().questions

    def answer(self, question_id: str, value: Any) -> Problem | None:
        """Record an answer (JSON-like value); later questions and the checklist follow it."""
        try:
            parsed = answers_from_json(self.bundle, {question_id: value})
        except ValidationError as exc:
            return Problem.of(exc)
        if question_id in parsed:
            self.answers[question_id] = parsed[question_id]
        else:
            self.answers.pop(question_id, None)
        self._drop_stale()
        return None

    def _drop_stale(self) -> None:
        checklist = self.checklist()
        relevant = {q.id for q in checklist.questions}
        self.answers = {k: v for k, v in self.answers.items() if k in relevant}
        listed = {i.material.id for i in checklist.items}
        self.materials = {k: v for k, v in self.materials.items() if k in listed}

    def _question_problems(self) -> list[Problem]:
        if self.bundle_id is None:
            return self._bundle_problems()
        return [Problem(f"answers.{q.id}", f"请回答：{q.text}") for q in self.checklist().unanswered]

    # -- materials ---------------------------------------------------------------------------

    def _context(self) -> IntakeContext:
        return IntakeContext(
            number=PLACEHOLDER_NUMBER,
            device_id="",
            operator="",
            now=datetime.combine(self.today, time(9)),
            holidays=self._holidays,
            workdays=self._workdays,
        )

    def items(self) -> tuple[ChecklistItem, ...]:
        return self.checklist().items

    def _item(self, material_id: str) -> ChecklistItem:
        for item in self.items():
            if item.material.id == material_id:
                return item
        raise ValidationError(f"materials.{material_id}", f"本情形不需要材料“{material_id}”")

    def set_material(self, material_id: str, given: MaterialInput) -> Problem | None:
        """Record how a material was satisfied; refused at once when the catalog forbids it."""
        item = self._item(material_id)
        try:
            material_record(item, given, self.checklist(), self._context())
        except ValidationError as exc:
            return Problem.of(exc)
        self.materials[material_id] = given
        return None

    def add_page(self, material_id: str, page: bytes) -> Problem | None:
        """Another scanned page for a material (several pages make one material)."""
        pages = self.materials.get(material_id, MaterialInput(ItemState.SCANNED)).pages
        return self.set_material(material_id, MaterialInput(ItemState.SCANNED, pages=(*pages, page)))

    def clear_material(self, material_id: str) -> None:
        self.materials.pop(material_id, None)

    def deficiency_limit(self, material_id: str) -> date:
        """The latest 容缺 deadline for the material (its matters' promised working days)."""
        return deficiency_limit(self._item(material_id), self.checklist(), self._context())

    def allowed_states(self, material_id: str) -> tuple[ItemState, ...]:
        """The states the catalog allows for this material, for the GUI's buttons."""
        m = self._item(material_id).material
        if m.source is MaterialSource.GENERATED:
            return (ItemState.GENERATED,)
        states = [ItemState.PAPER, ItemState.SCANNED]
        if m.licence:
            states.append(ItemState.E_LICENCE)
        if m.commitment_ok:
            states.append(ItemState.COMMITMENT)
        if m.deferrable and not m.core:
            states.append(ItemState.DEFICIENT)
        return tuple(states)

    def _material_problems(self) -> list[Problem]:
        if self.bundle_id is None or self._question_problems():
            return self._question_problems()
        checklist = self.checklist()
        out = []
        for item in checklist.items:
            try:
                material_record(item, self.materials.get(item.material.id), checklist, self._context())
            except ValidationError as exc:
                out.append(Problem.of(exc))
        return out

    # -- form --------------------------------------------------------------------------------

    def fields(self) -> tuple[FieldDef, ...]:
        return self.checklist().fields

    def prefill_from_history(self, values: Mapping[str, Any]) -> None:
        """Fill blank fields from an earlier case of the same person; typed values win."""
        wanted = {f.id for f in self.fields()}
        for key, value in values.items():
            if key in wanted and not self.form.get(key):
                self.form[key] = value

    def field_value(self, field: FieldDef) -> str:
        """What the form shows: the typed value, else what the ID card gives."""
        typed = self.form.get(field.id)
        if typed not in (None, ""):
            return str(typed)
        try:
            applicant = self.applicant_value()
        except ValidationError:
            return ""
        prefilled = fill_form(
            replace(self.checklist(), fields=(replace(field, required=False),)), {}, applicant, self.today
        )
        return str(prefilled.get(field.id, ""))

    def set_form_value(self, field_id: str, value: Any) -> Problem | None:
        """Record a form value and validate it as typed."""
        field = next((f for f in self.fields() if f.id == field_id), None)
        if field is None:
            return Problem(f"form.{field_id}", f"本事项的申请表中没有“{field_id}”这一栏")
        self.form[field_id] = value
        if value in (None, ""):
            return Problem(f"form.{field_id}", f"请填写“{field.label}”") if field.required else None
        try:
            validate_field(
                field.type,
                value,
                field=f"form.{field_id}",
                today=self.today,
                options=[o.value for o in field.options],
            )
        except ValidationError as exc:
            return Problem.of(exc)
        return None

    def _form_problems(self) -> list[Problem]:
        if self._material_problems():
            return self._material_problems()
        try:
            applicant = self.applicant_value()
        except ValidationError as exc:
            return [Problem.of(exc)]
        out = []
        for field in self.fields():
            try:
                fill_form(
                    replace(self.checklist(), fields=(field,)), self._form_of(field), applicant, self.today
                )
            except ValidationError as exc:
                out.append(Problem.of(exc))
        return out

    def _form_of(self, field: FieldDef) -> dict[str, Any]:
        value = self.form.get(field.id)
        return {} if value in (None, "") else {field.id: value}

    # -- signature, review, done ---------------------------------------------------------------

    def set_signature(self, png: bytes | None) -> None:
        self.signature = png or None

    def _signature_problems(self) -> list[Problem]:
        return [] if self.signature else [Problem("signature", "请申请人签名确认")]

    def request(self) -> IntakeRequest:
        """Everything entered, as the request CaseService.accept commits."""
        return IntakeRequest(
            bundle_id=self.bundle.id,
            applicant={k: v for k, v in self.applicant.items() if v},
            answers=_json_answers(self.answers),
            materials=dict(self.materials),
            form={k: v for k, v in self.form.items() if v not in (None, "")},
            applicant_source=self.applicant_source,
            signature=self.signature,
            proxy=self.proxy_input(),
        )

    def preview(self) -> Case:
        """The case as it would be accepted (review step); raises ValidationError naming the field."""
        return build_case(self.catalog, self.request(), self._context())

    def _review_problems(self) -> list[Problem]:
        try:
            self.preview()
        except ValidationError as exc:
            return [Problem.of(exc)]
        return []

    def accepted(self, case: Case) -> None:
        """The case is durable: the flow is done and shows its number."""
        self.case = case
        self.current = Step.DONE


def _json_answers(answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in answers.items()}
