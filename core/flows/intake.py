"""The window intake as a Qt-free step machine (Electrum's wizard): one state, one rule set, any UI.

The window client shows one screen per step and a progress rail of ``steps``; it feeds what staff
enter into the flow through its methods and asks it what blocks the next step. The flow owns its
state: callers read it through read-only views, and every call that changes it tells the injected
``on_change`` once what it changed (``Change``). The flow does no I/O: the GUI commits ``request()``
through CaseService.accept on the store worker.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from core.cases.applicants import check_documents
from core.cases.commitments import check_for, credit_allows, credit_problem
from core.cases.intake import (
    IntakeContext,
    IntakeRequest,
    MaterialInput,
    ProxyInput,
    build_case,
    deficiency_limit,
    fill_form,
    material_record,
)
from core.cases.model import Applicant, Case, CommitmentCheck, CreditStanding, ItemState, RefusalKind
from core.cases.refusal import RefusalRequest, build_refusal
from core.catalog.answers import answers_from_json
from core.catalog.checklist import Checklist, ChecklistItem, build_checklist
from core.catalog.checks import APPLICANT_ID, Severity, run_checks
from core.catalog.model import AnswerValue, Bundle, Catalog, FieldDef, MaterialSource, Question, Subject
from core.catalog.search import Entry, SearchIndex
from core.errors import NotFoundError, ValidationError
from core.flows.applicant import ApplicantEntry
from core.flows.cards import CardData, card_problems
from core.flows.problems import Problem
from core.validation import validate_field

__all__ = [
    "PLACEHOLDER_NUMBER",
    "CardData",
    "Change",
    "IntakeFlow",
    "Part",
    "Problem",
    "Step",
    "card_problems",
]

PLACEHOLDER_NUMBER = "0" * 20  # the review step previews the case before a number is spent


class Step(StrEnum):
    """The intake's steps; the GUI names them in the interface language (window_client.intake.rail)."""

    APPLICANT = "applicant"
    PROXY = "proxy"  # only for 帮办代办
    BUNDLE = "bundle"
    QUESTIONS = "questions"
    CHECKLIST = "checklist"
    FORM = "form"
    SIGNATURE = "signature"
    REVIEW = "review"
    DONE = "done"


class Part(StrEnum):
    """What one change of the flow touched."""

    APPLICANT = "applicant"
    CARD = "card"  # a supervisor authorised the applicant's card (值班长确认)
    PROXY = "proxy"
    BUNDLE = "bundle"
    ANSWERS = "answers"
    MATERIALS = "materials"
    FORM = "form"
    SIGNATURE = "signature"
    CREDIT = "credit"  # the platform answered the 信用核查 (失信: no 告知承诺, no 容缺)
    STEP = "step"  # ``current`` moved
    CASE = "case"  # accepted: the flow is done


# What the applicant signs (the signature step's summary and the case built from it): a change of
# any of these after signing voids the signature, so the applicant signs what is accepted.
SIGNED_CONTENT = frozenset({Part.APPLICANT, Part.PROXY, Part.BUNDLE, Part.ANSWERS, Part.MATERIALS, Part.FORM})


@dataclass(frozen=True, slots=True)
class Change:
    """One change of the flow, told once: ``part`` it touched; ``signature_voided`` when it changed
    what had been signed and the applicant must sign again."""

    part: Part
    signature_voided: bool = False


OnChange = Callable[[Change], None]


class IntakeFlow:
    """One intake at a window, from the applicant to the accepted case. Lives on the GUI thread.

    Changing an earlier answer drops what no longer fits (materials and form values of a bundle
    not chosen any more; materials off the new checklist), so the checklist always follows the
    answers ("照单抓药"). Only calls that change something notify ``on_change``, after the state
    is whole again (a listener may call the flow).
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
        on_change: OnChange | None = None,
    ) -> None:
        self._catalog = catalog
        self._today = today
        self._proxy_mode = proxy
        self._holidays = holidays
        self._workdays = workdays
        self._on_change = on_change
        self._recent = list(recent)
        self._current = Step.APPLICANT
        self._who = ApplicantEntry(today, proxy=proxy)
        self._bundle_id: str | None = None
        self._answers: dict[str, AnswerValue] = {}
        self._materials: dict[str, MaterialInput] = {}
        self._form: dict[str, Any] = {}
        self._signature: bytes | None = None
        self._credit = CreditStanding.UNKNOWN
        self._case: Case | None = None

    # -- read-only views ----------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    @property
    def today(self) -> date:
        return self._today

    @property
    def proxy_mode(self) -> bool:
        return self._proxy_mode

    @property
    def recent(self) -> tuple[str, ...]:
        """The matters and bundles chosen lately, the latest first (the search ranks them higher)."""
        return tuple(self._recent)

    @property
    def current(self) -> Step:
        return self._current

    @property
    def applicant(self) -> Mapping[str, str]:
        return self._who.fields

    @property
    def applicant_source(self) -> str:
        """How the applicant was identified: "id_card", "typed" or (kiosk) "token"."""
        return self._who.source

    @property
    def bundle_id(self) -> str | None:
        return self._bundle_id

    @property
    def answers(self) -> Mapping[str, AnswerValue]:
        return MappingProxyType(self._answers)

    @property
    def materials(self) -> Mapping[str, MaterialInput]:
        return MappingProxyType(self._materials)

    @property
    def form(self) -> Mapping[str, Any]:
        return MappingProxyType(self._form)

    @property
    def signature(self) -> bytes | None:
        return self._signature

    @property
    def proxy(self) -> Mapping[str, Any]:
        return self._who.proxy

    @property
    def case(self) -> Case | None:
        return self._case

    def _changed(self, part: Part) -> None:
        """Tell the listener; void the signature first when what was signed changed."""
        voided = part in SIGNED_CONTENT and self._signature is not None and self._case is None
        if voided:
            self._signature = None
        if self._on_change is not None:
            self._on_change(Change(part, voided))

    # -- steps -------------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(s for s in Step if s is not Step.PROXY or self._proxy_mode)

    def problems(self, step: Step | None = None) -> list[Problem]:
        """What blocks leaving ``step`` (default: the current one); empty when it is complete."""
        step = step or self._current
        check = {
            Step.APPLICANT: self._who.problems,
            Step.PROXY: self._who.proxy_problems,
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
        if self._case is not None:
            return step is Step.DONE
        return all(not self.problems(earlier) for earlier in self.steps[: self.steps.index(step)])

    def go(self, step: Step) -> list[Problem]:
        """Move to ``step`` if reachable; else stay and return the first step's problems."""
        if self._case is not None and step is not Step.DONE:
            return [
                Problem("case", "本件已受理，请开始新的受理。", "the case is accepted", "intake.accepted")
            ]
        for earlier in self.steps[: self.steps.index(step)]:
            blocking = self.problems(earlier)
            if blocking:
                self._move(earlier)
                return blocking
        self._move(step)
        return []

    def next(self) -> list[Problem]:
        index = self.steps.index(self._current)
        if index + 1 >= len(self.steps):
            return []
        if self.steps[index + 1] is Step.DONE:
            return [Problem("review", "请点击“确认受理”。", "press Accept", "intake.press_accept")]
        return self.go(self.steps[index + 1])

    def back(self) -> None:
        index = self.steps.index(self._current)
        if index > 0 and self._case is None:
            self._move(self.steps[index - 1])

    def _move(self, step: Step) -> None:
        if step is not self._current:
            self._current = step
            self._changed(Part.STEP)

    # -- applicant and 帮办代办 (core.flows.applicant) ------------------------------------------

    def set_applicant_from_card(self, card: CardData, *, source: str = "id_card") -> None:
        """Fill the applicant from an ID card (or, at the kiosk, the person an online token names:
        ``source`` "token"); the phone stays as typed. Another card needs its own authorisation."""
        if self._who.from_card(card, source):
            self._credit = CreditStanding.UNKNOWN  # another person: ask again
            self._changed(Part.APPLICANT)

    def set_applicant_field(self, name: str, value: str) -> Problem | None:
        """Typed input, validated at once (inline validation); returns the problem, if any.
        Typing another person's ID number drops the card (and its validity) read before."""
        if self._who.set_field(name, value):
            self._credit = CreditStanding.UNKNOWN  # another person: ask again
            self._changed(Part.APPLICANT)
        return self._who.field_problem(name)

    def applicant_value(self) -> Applicant:
        """The validated applicant; raises ValidationError naming the field."""
        return self._who.value()

    @property
    def card(self) -> CardData | None:
        """The ID card the applicant was read from (None when typed, or typed over by another person)."""
        return self._who.card

    @property
    def card_authorised_by(self) -> str | None:
        """The supervisor's staff id who let the card's problems through (值班长确认), if any."""
        return self._who.card_authorised_by

    def card_problems(self) -> list[Problem]:
        """Why the applicant's card cannot be used today (core.flows.cards.card_problems), unless a
        supervisor authorised it; empty without a card."""
        return self._who.card_problems()

    def authorise_card(self, supervisor: str) -> None:
        """A supervisor decided the card may be used despite card_problems (the GUI checked their
        right and audited it: core.staff.StaffDirectory.override). ValueError if nothing to authorise."""
        if self._who.authorise_card(supervisor):
            self._changed(Part.CARD)

    def set_proxy_field(self, name: str, value: Any) -> None:
        """helper_name, helper_id_number, organisation, scope, valid_until (date), signature, photo."""
        if self._who.set_proxy_field(name, value):
            self._changed(Part.PROXY)

    def proxy_input(self) -> ProxyInput | None:
        return self._who.proxy_input()

    # -- bundle ------------------------------------------------------------------------------

    def search(
        self, query: str, subject: Subject | None = None, *, kind: str | None = None, limit: int | None = None
    ) -> list[Entry]:
        """Matters and bundles for ``query``, the recently chosen first among equals
        (core.catalog.search; builds the catalog's index on first use)."""
        return SearchIndex.of(self._catalog).search(
            query, subject=subject, kind=kind, recent=self._recent, limit=limit
        )

    def choose_bundle(self, bundle_id: str) -> None:
        """Choose the "一件事"; choosing another one starts its questions afresh."""
        bundle = self._catalog.bundle(bundle_id)
        if bundle.id in self._recent:
            self._recent.remove(bundle.id)
        self._recent.insert(0, bundle.id)
        if bundle.id != self._bundle_id:
            self._bundle_id = bundle.id
            self._answers.clear()
            self._materials.clear()
            self._form.clear()
            self._changed(Part.BUNDLE)

    @property
    def bundle(self) -> Bundle:
        if self._bundle_id is None:
            raise NotFoundError("尚未选择事项。", "no bundle chosen")
        return self._catalog.bundle(self._bundle_id)

    def _bundle_problems(self) -> list[Problem]:
        return (
            []
            if self._bundle_id
            else [Problem("bundle", "请选择要办理的事项", "no matter chosen", "bundle.required")]
        )

    # -- questions ---------------------------------------------------------------------------

    def checklist(self) -> Checklist:
        return build_checklist(self._catalog, self.bundle.id, self._answers)

    def questions(self) -> tuple[Question, ...]:
        """The questions relevant to the answers so far, in order; one appears as soon as it applies."""
        return self.checklist().questions

    def answer(self, question_id: str, value: Any) -> Problem | None:
        """Record an answer (JSON-like value); later questions and the checklist follow it."""
        try:
            parsed = answers_from_json(self.bundle, {question_id: value})
        except ValidationError as exc:
            return Problem.of(exc)
        before = (dict(self._answers), dict(self._materials))
        if question_id in parsed:
            self._answers[question_id] = parsed[question_id]
        else:
            self._answers.pop(question_id, None)
        self._drop_stale()
        if (self._answers, self._materials) != before:
            self._changed(Part.ANSWERS)
        return None

    def _drop_stale(self) -> None:
        checklist = self.checklist()
        relevant = {q.id for q in checklist.questions}
        for key in [k for k in self._answers if k not in relevant]:
            del self._answers[key]
        listed = {i.material.id for i in checklist.items}
        for key in [k for k in self._materials if k not in listed]:
            del self._materials[key]

    def _question_problems(self) -> list[Problem]:
        if self._bundle_id is None:
            return self._bundle_problems()
        unanswered = [
            Problem(
                f"answers.{q.id}",
                f"请回答：{q.text}",
                f"question {q.id} unanswered",
                "answers.open",
                {"question": q.text},
            )
            for q in self.checklist().unanswered
        ]
        # a document refused is said first; the catalog's refusals of the answers once all are given
        return self._document_problems() or unanswered or self._answer_refusals()

    def _document_problems(self) -> list[Problem]:
        """Once the matters are known: whether they take the applicant's document (catalog
        ``accepted_documents``), said before staff collect materials for nothing."""
        try:
            applicant = self._who.value()
        except ValidationError:
            return []  # the applicant step says what is wrong with the applicant
        try:
            check_documents(self.checklist(), applicant)
        except ValidationError as exc:
            return [Problem.of(exc)]
        return []

    def _answer_refusals(self) -> list[Problem]:
        """The catalog's cross-field refusals that answers alone decide (e.g. 生育津贴 for a mother in
        城乡居民医保; the applicant's sex against the retirement category), shown at the questions
        step instead of at acceptance: the same rules core.cases.intake enforces."""
        values: dict[str, object] = {}
        with suppress(ValidationError):  # the applicant step names a bad number; checks needing it wait
            values[APPLICANT_ID] = self.applicant_value().id_number
        findings = run_checks(self.checklist(), self._answers, values, self._today)
        return [
            Problem.of(f.error())
            for f in findings
            if f.severity is Severity.REFUSE and f.field.startswith("answers.")
        ]

    # -- materials ---------------------------------------------------------------------------

    def _context(self) -> IntakeContext:
        return IntakeContext(
            number=PLACEHOLDER_NUMBER,
            device_id="",
            operator="",
            now=datetime.combine(self._today, time(9)),
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
        refused = credit_problem(material_id, item.material.name, given.state, self._credit)
        if refused is not None:
            return Problem.of(refused)
        if self._materials.get(material_id) != given:
            self._materials[material_id] = given
            self._changed(Part.MATERIALS)
        return None

    def add_page(self, material_id: str, page: bytes) -> Problem | None:
        """Another scanned page for a material (several pages make one material)."""
        pages = self._materials.get(material_id, MaterialInput(ItemState.SCANNED)).pages
        return self.set_material(material_id, MaterialInput(ItemState.SCANNED, pages=(*pages, page)))

    def clear_material(self, material_id: str) -> None:
        if self._materials.pop(material_id, None) is not None:
            self._changed(Part.MATERIALS)

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
        if m.deferrable and not m.core and self._deferral_bounded(material_id):
            states.append(ItemState.DEFICIENT)
        return tuple(s for s in states if credit_allows(s, self._credit))

    def _deferral_bounded(self, material_id: str) -> bool:
        """Whether a 容缺 deadline exists for the material: its matters publish limits long enough
        to leave the department its time (core/rules/deficiency.py)."""
        try:
            self.deficiency_limit(material_id)
        except ValidationError:
            return False
        return True

    # -- 信用核查 and 告知承诺 (core.cases.commitments) -------------------------------------------

    @property
    def credit(self) -> CreditStanding:
        """The applicant's credit standing as the platform answered (UNKNOWN until it did)."""
        return self._credit

    def set_credit(self, standing: CreditStanding, id_number: str) -> None:
        """The platform's answer for ``id_number``; ignored when the applicant changed meanwhile.
        A 失信 applicant's 告知承诺 or 容缺 already recorded becomes a problem of the checklist."""
        if id_number == self._who.fields.get("id_number") and standing is not self._credit:
            self._credit = standing
            self._changed(Part.CREDIT)

    def commitment_check(self, material_id: str) -> CommitmentCheck:
        """The 告知 of a commitment for ``material_id`` accepted today: what is checked, by when."""
        item = self._item(material_id)
        limits = [m.promise_days for m in self.checklist().matters if m.id in item.matters]
        return check_for(item.material, limits, self._today, self._holidays, self._workdays)

    def _material_problems(self) -> list[Problem]:
        if self._bundle_id is None or self._question_problems():
            return self._question_problems()
        checklist = self.checklist()
        out = []
        for item in checklist.items:
            given = self._materials.get(item.material.id)
            try:
                material_record(item, given, checklist, self._context())
            except ValidationError as exc:
                out.append(Problem.of(exc))
                continue
            refused = given and credit_problem(
                item.material.id, item.material.name, given.state, self._credit
            )
            if refused:
                out.append(Problem.of(refused))
        return out

    # -- form --------------------------------------------------------------------------------

    def fields(self) -> tuple[FieldDef, ...]:
        return self.checklist().fields

    def prefill_from_history(self, values: Mapping[str, Any]) -> None:
        """Fill blank fields from an earlier case of the same person; typed values win."""
        wanted = {f.id for f in self.fields()}
        filled = False
        for key, value in values.items():
            if key in wanted and not self._form.get(key) and value not in (None, ""):
                self._form[key] = value
                filled = True
        if filled:
            self._changed(Part.FORM)

    def field_value(self, field: FieldDef) -> str:
        """What the form shows: the typed value, else what the ID card gives."""
        typed = self._form.get(field.id)
        if typed not in (None, ""):
            return str(typed)
        try:
            applicant = self.applicant_value()
        except ValidationError:
            return ""
        prefilled = fill_form(
            replace(self.checklist(), fields=(replace(field, required=False),)), {}, applicant, self._today
        )
        return str(prefilled.get(field.id, ""))

    def form_value_problem(self, field_id: str, value: Any) -> Problem | None:
        """What is wrong with ``value`` for the field, as typed; nothing is kept."""
        field = next((f for f in self.fields() if f.id == field_id), None)
        if field is None:
            return Problem(
                f"form.{field_id}",
                f"本事项的申请表中没有“{field_id}”这一栏",
                f"form field {field_id} not in this checklist",
                "form.unknown_field",
                {"field": field_id},
            )
        return self._value_problem(field, value)

    def _value_problem(self, field: FieldDef, value: Any) -> Problem | None:
        field_id = field.id
        if value in (None, ""):
            if not field.required:
                return None
            return Problem(
                f"form.{field_id}",
                f"请填写“{field.label}”",
                f"form field {field_id} is required",
                "form.required",
                {"label": field.label},
            )
        try:
            validate_field(
                field.type,
                value,
                field=f"form.{field_id}",
                today=self._today,
                options=[o.value for o in field.options],
            )
        except ValidationError as exc:
            return Problem.of(exc)
        return None

    def set_form_value(self, field_id: str, value: Any) -> Problem | None:
        """Record a form value and validate it as typed (kept even when it has a problem)."""
        field = next((f for f in self.fields() if f.id == field_id), None)
        if field is None:
            return self.form_value_problem(field_id, value)
        if field_id not in self._form or self._form[field_id] != value:
            self._form[field_id] = value
            self._changed(Part.FORM)
        return self._value_problem(field, value)

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
                    replace(self.checklist(), fields=(field,)), self._form_of(field), applicant, self._today
                )
            except ValidationError as exc:
                out.append(Problem.of(exc))
        return out

    def _form_of(self, field: FieldDef) -> dict[str, Any]:
        value = self._form.get(field.id)
        return {} if value in (None, "") else {field.id: value}

    # -- signature, review, done ---------------------------------------------------------------

    def set_signature(self, png: bytes | None) -> None:
        png = png or None
        if png != self._signature:
            self._signature = png
            self._changed(Part.SIGNATURE)

    def _signature_problems(self) -> list[Problem]:
        return (
            []
            if self._signature
            else [Problem("signature", "请申请人签名确认", "not signed", "signature.required")]
        )

    def request(self) -> IntakeRequest:
        """Everything entered, as the request CaseService.accept commits."""
        return IntakeRequest(
            bundle_id=self.bundle.id,
            applicant={k: v for k, v in self._who.fields.items() if v},
            answers=_json_answers(self._answers),
            materials=dict(self._materials),
            form={k: v for k, v in self._form.items() if v not in (None, "")},
            applicant_source=self._who.source,
            signature=self._signature,
            proxy=self.proxy_input(),
        )

    def preview(self) -> Case:
        """The case as it would be accepted (review step); raises ValidationError naming the field."""
        return build_case(self._catalog, self.request(), self._context())

    def _review_problems(self) -> list[Problem]:
        try:
            self.preview()
        except ValidationError as exc:
            return [Problem.of(exc)]
        return []

    def accepted(self, case: Case) -> None:
        """The case is durable: the flow is done and shows its number (one change: Part.CASE).
        An application not accepted (``refusal_request``) ends here too, with its record."""
        self._case = case
        self._current = Step.DONE
        self._changed(Part.CASE)

    # -- not accepted: 补正告知, 不予受理 (core.cases.refusal) --------------------------------------

    def refusal_request(
        self, kind: RefusalKind, reason: str = "", defects: Mapping[str, str] | None = None
    ) -> RefusalRequest:
        """What was entered so far, as an application not accepted (CaseService.refuse commits it)."""
        return RefusalRequest(kind, self.request(), reason=reason, defects=dict(defects or {}))

    def refusal_preview(
        self, kind: RefusalKind, reason: str = "", defects: Mapping[str, str] | None = None
    ) -> Case:
        """The record ``refusal_request`` would make (what a 补正 notice would list); raises
        ValidationError naming the field when it cannot be made."""
        return build_refusal(self._catalog, self.refusal_request(kind, reason, defects), self._context())


def _json_answers(answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in answers.items()}
