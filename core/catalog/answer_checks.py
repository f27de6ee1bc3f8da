"""Cross-field rules over the situation answers: a combination the law excludes (``answers``) and the
minimum contribution for a monthly pension (``min_contribution``). Declared in a bundle's ``checks``
beside the rules of core.catalog.checks, which reads them and calls the judges here.

``answers``: the check's ``when`` names the excluded combination (e.g. 生育津贴 asked for a mother in
城乡居民医保, who has none: 社会保险法 第五十四条、第五十六条 give 生育津贴 to 职工 only); ``question``
is where the applicant changes it; ``message`` (Chinese) and ``detail`` (English) say why.

``min_contribution``: the contribution months answered to ``months`` reach the minimum for a monthly
pension starting in the year of the ``date`` field (国务院关于渐进式延迟法定退休年龄的办法 第二条:
15 years until 2029, then 6 months more a year to 20 in 2039; assets/rules/retirement.json);
``note`` says what the applicant can do (the same article: 延长缴费 or 一次性缴费).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from core.catalog.check_findings import Finding, Severity
from core.catalog.conditions import Compare, Condition, In
from core.catalog.model import AnswerValue, Bundle, Question, QuestionType
from core.rules.retirement import retirement_rules, years_text

ANSWERED_TYPES: Final = (QuestionType.BOOL, QuestionType.ENUM, QuestionType.INT)


@dataclass(frozen=True, slots=True)
class AnswersCheck:
    """The answers never meet the check's ``when``; where they do, ``question`` is to be changed."""

    question: str
    message: str
    detail: str
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


@dataclass(frozen=True, slots=True)
class ContributionCheck:
    """The months answered to the int question ``months`` reach the minimum contribution for a
    pension starting in the year of the date in the form field ``date``."""

    months: str
    date: str
    note: str
    when: Condition | None = None
    severity: Severity = Severity.REFUSE


def answered(q: Question) -> Condition:
    """A condition that holds for every answer of ``q`` (for the loader's proof that ``q`` is asked)."""
    if q.type is QuestionType.INT:
        return Compare(q.id, ">=", 0)
    if q.type is QuestionType.BOOL:
        return In(q.id, (True, False))
    return In(q.id, tuple(o.value for o in q.options))


def judge_answers(check: AnswersCheck, bundle: Bundle) -> Finding:
    """The finding of an ``answers`` check whose ``when`` holds (the caller tested it)."""
    q = bundle.question(check.question)
    return Finding(
        check.severity,
        f"answers.{check.question}",
        check.message,
        check.detail,
        "check.answers",
        {"question": q.text, "message": check.message, "detail": check.detail},
    )


def judge_contribution(
    check: ContributionCheck, bundle: Bundle, answers: Mapping[str, AnswerValue], day: date | None
) -> Finding | None:
    """None when the months reach the minimum for ``day``'s year, or a value is missing."""
    months = answers.get(check.months)
    if day is None or not isinstance(months, int) or isinstance(months, bool):
        return None
    need = retirement_rules().min_contribution_months(day.year)
    if months >= need:
        return None
    have_text, need_text, short_text = _period(months), _period(need), _period(need - months)
    message = (
        f"基本养老保险累计缴费 {have_text}，{day.year} 年开始按月领取基本养老金的最低缴费年限为 "
        f"{need_text}，还差 {short_text}。{check.note}"
    )
    detail = (
        f"{check.months}={months} months is below the minimum of {need} months for a pension "
        f"starting in {day.year}"
    )
    params: dict[str, str | int] = {
        "have": have_text,
        "year": day.year,
        "need": need_text,
        "short": short_text,
        "note": check.note,
        "have_months": months,
        "need_months": need,
        "short_months": need - months,
    }
    q = bundle.question(check.months)
    params["question"] = q.text
    return Finding(
        check.severity, f"answers.{check.months}", message, detail, "check.min_contribution", params
    )


def _period(months: int) -> str:
    """15年, 16年6个月, 10个月."""
    return years_text(months) if months >= 12 else f"{months}个月"
