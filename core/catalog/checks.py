"""Cross-field rules declared in the catalog (a bundle's ``checks``), read and evaluated here only.

A bundle may declare rules that its answers and form values must agree on, e.g.

    "checks": [
      {"rule": "sex", "field": "mother.id_number", "sex": "female"},
      {"rule": "age_band", "field": "child.birth_date", "question": "age_band",
       "bands": {"lt_1m": {"under": "1m"}, "1m_to_1y": {"from": "1m", "under": "1y"}, "gt_1y": {"from": "1y"}}},
      {"rule": "age_limit", "field": "child.birth_date", "days": 90, "severity": "warn", "note": "…"},
      {"rule": "retirement_age", "person": "applicant.id_number", "category": "category",
       "kind": "kind", "date": "retire.date", "kinds": {"normal": "statutory", …}}
    ]

The rules are a fixed set (RULES); their parameters are checked when the catalog loads
(``read_checks``, called by the bundle reader), and one function evaluates them for every caller
(``run_checks``; the intake raises the first refusal through ``enforce_checks``). A rule reads a
form value only when it is there: an optional field left blank is not checked. The grammar and
the messages are documented in assets/catalog/README.md ("Cross-field checks").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from core.catalog.answer_checks import (
    AnswersCheck,
    ContributionCheck,
    answered,
    judge_answers,
    judge_contribution,
)
from core.catalog.check_findings import Finding as Finding  # re-exported: callers import them here
from core.catalog.check_findings import Severity as Severity
from core.catalog.condition_checks import Guarded
from core.catalog.conditions import Condition, In
from core.catalog.json_reader import FIELD_ID_RE, Problems, Reader, json_type
from core.catalog.model import Answers, AnswerValue, FieldType, Question, QuestionType
from core.errors import Params
from core.rules.retirement import Category, Kind, YearMonth, category_sex, retirement_rules
from core.validation.idnumbers import parse_id_number

if TYPE_CHECKING:
    from core.catalog.checklist import Checklist

RULES: Final = ("sex", "age_band", "age_limit", "retirement_age", "answers", "min_contribution")
APPLICANT_ID: Final = "applicant.id_number"  # always the applicant's own (ID card or typed) number
_AGE_RE: Final = re.compile(r"([1-9][0-9]{0,2})([dmy])\Z")
_SEX_WORDS: Final = {"male": "男", "female": "女"}
_SEX_NOUNS: Final = {"male": "男性", "female": "女性"}


@dataclass(frozen=True, slots=True)
class Age:
    """An age or period written ``90d``, ``1m``, ``1y`` (days, calendar months, years)."""

    amount: int
    unit: str  # d, m or y

    @classmethod
    def parse(cls, text: str) -> Age | None:
        match = _AGE_RE.match(text)
        return None if match is None else cls(int(match.group(1)), match.group(2))

    def after(self, day: date) -> date:
        """The day this age is reached by someone born on ``day`` (29 Feb + 1y → 28 Feb)."""
        if self.unit == "d":
            return day + timedelta(days=self.amount)
        months = self.amount * (12 if self.unit == "y" else 1)
        year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
        month += 1
        next_month = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, min(day.day, (next_month - timedelta(days=1)).day))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


@dataclass(frozen=True, slots=True)
class Band:
    """An answer's age range: reached ``start`` (None: from birth), not yet ``under`` (None: no limit)."""

    start: Age | None
    under: Age | None


@dataclass(frozen=True, slots=True)
class SexCheck:
    """The ID number in ``field`` belongs to a person of ``sex`` ("male" or "female")."""

    field: str
    sex: str
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


@dataclass(frozen=True, slots=True)
class AgeBandCheck:
    """The date in ``field`` (a birth date) gives today the age the answer to ``question`` says."""

    field: str
    question: str
    bands: Mapping[str, Band]
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


@dataclass(frozen=True, slots=True)
class AgeLimitCheck:
    """The date in ``field`` is at most ``days`` days ago; ``note`` says what follows if it is not."""

    field: str
    days: int
    note: str
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


@dataclass(frozen=True, slots=True)
class RetirementCheck:
    """The retirement ``kind`` and ``date`` agree with the 2025 law for the person in ``person``
    (birth month and sex from the ID number) and the answer to ``category`` (core.rules.retirement)."""

    person: str
    category: str  # question whose options are core.rules.retirement.Category values
    kind: str  # question whose options ``kinds`` maps onto core.rules.retirement.Kind
    kinds: Mapping[str, Kind]
    date: str
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


Check = SexCheck | AgeBandCheck | AgeLimitCheck | RetirementCheck | AnswersCheck | ContributionCheck


# -- evaluation ------------------------------------------------------------------------------


def enforce_checks(
    checklist: Checklist, answers: Answers, values: Mapping[str, object], today: date
) -> tuple[Finding, ...]:
    """Raise the first refusal of ``run_checks`` as a ValidationError naming the field; return the
    warnings (for the caller to show)."""
    findings = run_checks(checklist, answers, values, today)
    for finding in findings:
        if finding.severity is Severity.REFUSE:
            raise finding.error()
    return findings


def run_checks(
    checklist: Checklist, answers: Answers, values: Mapping[str, object], today: date
) -> tuple[Finding, ...]:
    """Every finding of the bundle's checks, in declaration order.

    ``answers`` are the situation answers (only those of relevant questions count), ``values`` the
    form's values by field id (``applicant.id_number``: the applicant's own number). A check whose
    ``when`` is not known to hold, or that reads a value or answer that is not there, is skipped.
    """
    relevant = {q.id for q in checklist.questions}
    effective = {k: v for k, v in answers.items() if k in relevant}
    labels = {f.id: f.label for f in checklist.fields}
    judge = _Judge(checklist, effective, values, labels, today)
    found: list[Finding] = []
    for check in checklist.bundle.checks:
        if check.when is not None and check.when.evaluate(effective) is not True:
            continue
        finding = judge.judge(check)
        if finding is not None:
            found.append(finding)
    return tuple(found)


class _Judge:
    def __init__(
        self,
        checklist: Checklist,
        answers: Mapping[str, AnswerValue],
        values: Mapping[str, object],
        labels: Mapping[str, str],
        today: date,
    ) -> None:
        self.bundle = checklist.bundle
        self.answers = answers
        self.values = values
        self.labels = labels
        self.today = today

    def judge(self, check: Check) -> Finding | None:
        if isinstance(check, SexCheck):
            return self.sex(check)
        if isinstance(check, AgeBandCheck):
            return self.age_band(check)
        if isinstance(check, AgeLimitCheck):
            return self.age_limit(check)
        if isinstance(check, AnswersCheck):
            return judge_answers(check, self.bundle)
        if isinstance(check, ContributionCheck):
            return judge_contribution(check, self.bundle, self.answers, self.day(check.date))
        return self.retirement(check)

    def where(self, field_id: str) -> str:
        return field_id if field_id == APPLICANT_ID else f"form.{field_id}"

    def label(self, field_id: str) -> str:
        return self.labels.get(field_id, field_id)

    def text(self, field_id: str) -> str | None:
        value = self.values.get(field_id)
        return str(value) if value not in (None, "") else None

    def day(self, field_id: str) -> date | None:
        text = self.text(field_id)
        try:
            return None if text is None else date.fromisoformat(text)
        except ValueError:
            return None  # the form's own validation names a malformed date

    def answer_label(self, question_id: str) -> tuple[str, str] | None:
        """(question text, the answer's option label) of an answered enum question."""
        answer = self.answers.get(question_id)
        if not isinstance(answer, str):
            return None
        q = self.bundle.question(question_id)
        label = next((o.label for o in q.options if o.value == answer), answer)
        return q.text, label

    def finding(
        self, check: Check, field: str, message: str, detail: str, code: str, params: Params
    ) -> Finding:
        return Finding(check.severity, field, message, detail, code, params)

    def sex(self, check: SexCheck) -> Finding | None:
        number = self.text(check.field)
        if number is None:
            return None
        info = parse_id_number(number, field=self.where(check.field), today=self.today)
        if info.sex == _SEX_WORDS[check.sex]:
            return None
        label = self.label(check.field)
        if check.sex == "female":
            message = f"{label}是男性的号码，应为女性，请核对"
        else:
            message = f"{label}是女性的号码，应为男性，请核对"
        detail = f"{check.field} belongs to a {'man' if check.sex == 'female' else 'woman'}; expected a {'woman' if check.sex == 'female' else 'man'}"
        return self.finding(
            check, self.where(check.field), message, detail, f"check.sex_{check.sex}", {"label": label}
        )

    def age_band(self, check: AgeBandCheck) -> Finding | None:
        birth = self.day(check.field)
        answer = self.answers.get(check.question)
        shown = self.answer_label(check.question)
        if birth is None or not isinstance(answer, str) or shown is None or answer not in check.bands:
            return None
        band = check.bands[answer]
        started = band.start is None or band.start.after(birth) <= self.today
        ended = band.under is not None and band.under.after(birth) <= self.today
        if started and not ended:
            return None
        label, question, chosen = self.label(check.field), shown[0], shown[1]
        message = (
            f"{label} {birth.isoformat()} 与情形“{question}”的回答“{chosen}”不一致，请核对出生日期或修改回答"
        )
        detail = f"{check.field} {birth.isoformat()} does not agree with the answer {check.question}={answer}"
        params = {"label": label, "date": birth.isoformat(), "question": question, "answer": chosen}
        return self.finding(check, self.where(check.field), message, detail, "check.age_band", params)

    def age_limit(self, check: AgeLimitCheck) -> Finding | None:
        day = self.day(check.field)
        if day is None or (self.today - day).days <= check.days:
            return None
        label = self.label(check.field)
        message = f"{label} {day.isoformat()} 距今已超过 {check.days} 天。{check.note}"
        detail = f"{check.field} {day.isoformat()} is more than {check.days} days ago"
        params: Params = {"label": label, "date": day.isoformat(), "days": check.days, "note": check.note}
        return self.finding(check, self.where(check.field), message, detail, "check.age_limit", params)

    def retirement(self, check: RetirementCheck) -> Finding | None:
        number = self.text(check.person)
        category = self.answers.get(check.category)
        if number is None or not isinstance(category, str):
            return None
        info = parse_id_number(number, field=self.where(check.person), today=self.today)
        shown = self.answer_label(check.category)
        assert shown is not None  # an answered enum question
        sex = "male" if info.sex == "男" else "female"
        if category_sex(category) != sex:
            message = f"身份证显示申请人是{_SEX_NOUNS[sex]}，与“{shown[1]}”不符，请核对退休人员类别"
            detail = f"the applicant's ID number is a {'man' if sex == 'male' else 'woman'}'s; category {category} does not fit"
            return self.finding(
                check,
                f"answers.{check.category}",
                message,
                detail,
                "check.retirement_sex",
                {"sex": _SEX_NOUNS[sex], "category": shown[1]},
            )
        kind = self.answers.get(check.kind)
        day = self.day(check.date)
        kind_shown = self.answer_label(check.kind)
        if not isinstance(kind, str) or day is None or kind_shown is None or kind not in check.kinds:
            return None
        rule = check.kinds[kind]
        r = retirement_rules().statutory(info.birth_date, Category(category))
        month = YearMonth.of(day)
        if r.allows(rule, month):
            return None
        first, last = r.window(rule)
        facts: dict[str, str | int] = {
            "born": str(r.born),
            "category": shown[1],
            "age_years": r.age_years,
            "age_months": r.age_months,
            "retire": str(r.retire_month),
            "kind": kind_shown[1],
            "date": day.isoformat(),
        }
        lead = (
            f"申请人 {r.born} 出生，按“{shown[1]}”法定退休年龄为 {r.age_years} 岁 {r.age_months} 个月，"
            f"{r.retire_month} 到龄"
        )
        english = (
            f"born {r.born}, category {category}: statutory age {r.age_years}y{r.age_months}m, "
            f"reached {r.retire_month}"
        )
        if first is not None and last is not None and first > last:
            message = f"{lead}，法定退休年龄没有延迟，不能按“{kind_shown[1]}”办理"
            detail = f"{english}; no delay, so no {rule.value} retirement"
            code = "check.retirement_none"
        elif first is not None and month < first:
            facts["first"] = str(first)
            message = f"{lead}；申请退休时间 {day.isoformat()} 早于 {first}，不能按“{kind_shown[1]}”办理"
            detail = f"{english}; {check.date} {day.isoformat()} is before {first}: too early for {rule.value} retirement"
            code = "check.retirement_before"
        else:
            facts["last"] = str(last)
            message = f"{lead}；申请退休时间 {day.isoformat()} 晚于 {last}，不能按“{kind_shown[1]}”办理"
            detail = f"{english}; {check.date} {day.isoformat()} is after {last}: too late for {rule.value} retirement"
            code = "check.retirement_after"
        return self.finding(check, self.where(check.date), message, detail, code, facts)


# -- reading the declaration (the bundle reader calls this) ----------------------------------


ConditionOf = Callable[[dict[str, object], str], Condition | None]


@dataclass(frozen=True, slots=True)
class CheckRefs:
    """What a bundle's checks may refer to."""

    questions: Mapping[str, Question]  # the bundle's sound questions
    declared: Collection[object]  # every question id the file declares, sound or not
    field_types: Mapping[str, FieldType]  # the catalog's fields
    form_fields: Collection[str]  # the fields of the bundle's sub-matters
    condition: ConditionOf  # the bundle reader's own (parses, checks and records a ``when``)


def read_checks(
    obj: dict[str, object], refs: CheckRefs, problems: Problems
) -> tuple[tuple[Check, ...], list[Guarded]]:
    """The bundle's ``checks`` and, for the decidability proof, a condition per question a check
    reads (it must be answered wherever the check applies) guarded by the check's ``when``."""
    reader = _CheckReader(refs, problems)
    checks: list[Check] = []
    for path, item in reader.r.array(obj, "checks", "$"):
        check = reader.read(item, path)
        if check is not None:
            checks.append(check)
    return tuple(checks), reader.asked


_KEYS: Final[Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "sex": (("field", "sex"), ()),
    "age_band": (("field", "question", "bands"), ()),
    "age_limit": (("field", "days", "note"), ()),
    "retirement_age": (("person", "category", "kind", "kinds", "date"), ()),
    "answers": (("when", "question", "message", "detail"), ()),
    "min_contribution": (("months", "date", "note"), ()),
}


class _CheckReader:
    def __init__(self, refs: CheckRefs, problems: Problems) -> None:
        self.refs = refs
        self.problems = problems
        self.r = Reader(problems)
        self.asked: list[Guarded] = []

    def read(self, item: object, path: str) -> Check | None:
        if not isinstance(item, dict):
            self.problems.add(path, f"expected an object, got {json_type(item)}")
            return None
        rule = item.get("rule")
        if rule not in _KEYS:
            self.problems.add(f"{path}.rule", f"expected one of: {', '.join(RULES)}")
            return None
        required, optional = _KEYS[str(rule)]
        before = self.problems.count
        allowed = tuple(k for k in (*optional, "when", "severity") if k not in required)
        o = self.r.obj(item, path, ("rule", *required), allowed)
        if o is None:
            return None
        when = self.refs.condition(o, path)
        severity = self.r.text(o, "severity", path, default=Severity.REFUSE.value)
        if severity not in {s.value for s in Severity}:
            self.problems.add(f"{path}.severity", "expected refuse or warn")
            severity = Severity.REFUSE.value
        sev = Severity(severity)
        check: Check | None
        if rule == "sex":
            check = self.sex(o, path, when, sev)
        elif rule == "age_band":
            check = self.age_band(o, path, when, sev)
        elif rule == "age_limit":
            check = self.age_limit(o, path, when, sev)
        elif rule == "answers":
            check = self.answers(o, path, when, sev)
        elif rule == "min_contribution":
            check = self.contribution(o, path, when, sev)
        else:
            check = self.retirement(o, path, when, sev)
        return check if self.problems.count == before else None

    def field(
        self, o: dict[str, object], key: str, path: str, ftype: FieldType, *, person: bool = False
    ) -> str:
        value = self.r.ident(o, key, path, FIELD_ID_RE) or ""
        if not value:
            return ""
        if value not in self.refs.field_types:
            self.problems.add(f"{path}.{key}", f"unknown field '{value}'")
        elif self.refs.field_types[value] is not ftype:
            self.problems.add(
                f"{path}.{key}",
                f"'{value}' is a {self.refs.field_types[value].value} field, not {ftype.value}",
            )
        elif value not in self.refs.form_fields and not (person and value == APPLICANT_ID):
            self.problems.add(f"{path}.{key}", f"'{value}' is in the form of no sub-matter of this bundle")
        return value

    def question(self, o: dict[str, object], key: str, path: str, when: Condition | None) -> Question | None:
        qid = self.r.ident(o, key, path)
        if qid is None:
            return None
        q = self.refs.questions.get(qid)
        if q is None:
            if qid not in self.refs.declared:
                self.problems.add(f"{path}.{key}", f"unknown question '{qid}'")
            return None
        if q.type is not QuestionType.ENUM:
            self.problems.add(f"{path}.{key}", f"'{qid}' must be a single-choice question")
            return None
        # Proven like any condition: answered wherever the check applies (guarded by its ``when``).
        self.asked.append(Guarded(f"{path}.{key}", In(qid, tuple(o.value for o in q.options)), when))
        return q

    def options(self, q: Question) -> list[str]:
        return [o.value for o in q.options]

    def sex(self, o: dict[str, object], path: str, when: Condition | None, sev: Severity) -> Check | None:
        field = self.field(o, "field", path, FieldType.ID_NUMBER, person=True)
        sex = self.r.text(o, "sex", path)
        if sex is not None and sex not in _SEX_WORDS:
            self.problems.add(f"{path}.sex", "expected male or female")
        return SexCheck(field, sex or "", when, sev)

    def age_band(
        self, o: dict[str, object], path: str, when: Condition | None, sev: Severity
    ) -> Check | None:
        field = self.field(o, "field", path, FieldType.DATE)
        q = self.question(o, "question", path, when)
        bands_obj = o.get("bands")
        if not isinstance(bands_obj, dict):
            self.problems.add(f"{path}.bands", "expected an object: option → {from, under}")
            return None
        bands: dict[str, Band] = {}
        for value, spec in bands_obj.items():
            bands_path = f"{path}.bands.{value}"
            s = self.r.obj(spec, bands_path, (), ("from", "under"))
            if s is None:
                continue
            start, under = (self.age(s, k, bands_path) for k in ("from", "under"))
            if start is None and under is None:
                self.problems.add(bands_path, "a band needs 'from', 'under' or both")
            elif (
                start is not None
                and under is not None
                and under.after(date(2000, 1, 1)) <= start.after(date(2000, 1, 1))
            ):
                self.problems.add(bands_path, "'under' must be later than 'from'")
            bands[str(value)] = Band(start, under)
        if q is not None and sorted(bands) != sorted(self.options(q)):
            self.problems.add(
                f"{path}.bands", f"give one band for each option of '{q.id}': {', '.join(self.options(q))}"
            )
        return AgeBandCheck(field, q.id if q else "", bands, when, sev)

    def age(self, s: dict[str, object], key: str, path: str) -> Age | None:
        text = self.r.text(s, key, path)
        if text is None:
            return None
        age = Age.parse(text)
        if age is None:
            self.problems.add(f"{path}.{key}", f"'{text}' is not an age like 90d, 1m or 1y")
        return age

    def age_limit(
        self, o: dict[str, object], path: str, when: Condition | None, sev: Severity
    ) -> Check | None:
        field = self.field(o, "field", path, FieldType.DATE)
        days = self.r.positive_int(o, "days", path)
        note = self.r.text(o, "note", path)
        return AgeLimitCheck(field, days or 0, note or "", when, sev)

    def retirement(
        self, o: dict[str, object], path: str, when: Condition | None, sev: Severity
    ) -> Check | None:
        person = self.field(o, "person", path, FieldType.ID_NUMBER, person=True)
        day = self.field(o, "date", path, FieldType.DATE)
        category = self.question(o, "category", path, when)
        kind = self.question(o, "kind", path, when)
        allowed = {c.value for c in Category}
        if category is not None and not set(self.options(category)) <= allowed:
            self.problems.add(
                f"{path}.category",
                f"the options of '{category.id}' must be among: {', '.join(sorted(allowed))}",
            )
        kinds_obj = o.get("kinds")
        kinds: dict[str, Kind] = {}
        if not isinstance(kinds_obj, dict):
            self.problems.add(
                f"{path}.kinds",
                "expected an object: option → statutory, flexible_early, flexible_delay or early",
            )
        else:
            for value, meaning in kinds_obj.items():
                if meaning not in {k.value for k in Kind}:
                    self.problems.add(
                        f"{path}.kinds.{value}", f"expected one of: {', '.join(k.value for k in Kind)}"
                    )
                else:
                    kinds[str(value)] = Kind(meaning)
            if kind is not None and sorted(kinds_obj) != sorted(self.options(kind)):
                self.problems.add(
                    f"{path}.kinds",
                    f"give a meaning to each option of '{kind.id}': {', '.join(self.options(kind))}",
                )
        return RetirementCheck(
            person, category.id if category else "", kind.id if kind else "", kinds, day, when, sev
        )

    def any_question(
        self,
        o: dict[str, object],
        key: str,
        path: str,
        when: Condition | None,
        types: tuple[QuestionType, ...],
    ) -> Question | None:
        """A question of the bundle of one of ``types``, proven answered wherever the check applies."""
        qid = self.r.ident(o, key, path)
        q = None if qid is None else self.refs.questions.get(qid)
        if qid is not None and q is None and qid not in self.refs.declared:
            self.problems.add(f"{path}.{key}", f"unknown question '{qid}'")
        if q is None:
            return None
        if q.type not in types:
            self.problems.add(
                f"{path}.{key}", f"'{qid}' must be a {' or '.join(t.value for t in types)} question"
            )
            return None
        self.asked.append(Guarded(f"{path}.{key}", answered(q), when))
        return q

    def answers(self, o: dict[str, object], path: str, when: Condition | None, sev: Severity) -> Check:
        q = self.any_question(
            o, "question", path, when, (QuestionType.BOOL, QuestionType.ENUM, QuestionType.INT)
        )
        if when is None:
            self.problems.add(f"{path}.when", "an answers check needs the condition it refuses")
        message = self.r.text(o, "message", path) or ""
        detail = self.r.text(o, "detail", path) or ""
        return AnswersCheck(q.id if q else "", message, detail, when, sev)

    def contribution(self, o: dict[str, object], path: str, when: Condition | None, sev: Severity) -> Check:
        q = self.any_question(o, "months", path, when, (QuestionType.INT,))
        day = self.field(o, "date", path, FieldType.DATE)
        note = self.r.text(o, "note", path) or ""
        return ContributionCheck(q.id if q else "", day, note, when, sev)
