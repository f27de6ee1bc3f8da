"""Situation answers from text (``married=no``) and JSON, checked against a bundle's questions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from core.catalog.model import Answers, AnswerValue, Bundle, Question, QuestionType
from core.errors import ValidationError

TRUE_WORDS: Final = frozenset({"yes", "true", "是", "1"})
FALSE_WORDS: Final = frozenset({"no", "false", "否", "0"})
_MULTI_SEPARATORS: Final = re.compile(r"[,，、]")  # staff type Chinese commas as often as ASCII ones
_INT_TEXT: Final = re.compile(r"[0-9]{1,9}\Z")  # counts (vehicles, subsidiaries); never negative

JsonAnswer = bool | str | int | list[str]


def parse_answer_text(bundle: Bundle, text: str) -> tuple[str, AnswerValue]:
    """``"married=no"`` → ``("married", False)``; multi answers are comma-separated."""
    key, sep, raw = text.replace("＝", "=").partition("=")
    key, raw = key.strip(), raw.strip()
    if not sep or not key:
        raise ValidationError(
            "answers",
            f"“{text}”格式不对，请写成 问题=答案，例如 married=no。",
            f"answer {text!r} is not of the form question=value",
        )
    question = _question(bundle, key)
    return key, _from_text(question, raw)


def parse_answers_text(bundle: Bundle, texts: Iterable[str]) -> dict[str, AnswerValue]:
    """Several ``question=value`` texts; answering the same question twice is an error."""
    answers: dict[str, AnswerValue] = {}
    for text in texts:
        key, value = parse_answer_text(bundle, text)
        if key in answers:
            raise ValidationError(
                f"answers.{key}",
                f"“{bundle.question(key).text}”回答了两次，请只保留一个答案。",
                f"question {key!r} answered twice",
            )
        answers[key] = value
    return answers


def answers_from_json(bundle: Bundle, data: Mapping[str, object]) -> dict[str, AnswerValue]:
    """Answers from decoded JSON: bool, string (enum), integer, array of strings (multi).
    A null value means "not answered yet" and is left out."""
    answers: dict[str, AnswerValue] = {}
    for key, raw in data.items():
        question = _question(bundle, key)
        if raw is None:
            continue
        value: object = (
            frozenset(raw) if isinstance(raw, list) and question.type is QuestionType.MULTI else raw
        )
        if isinstance(raw, list) and not all(isinstance(v, str) for v in raw):
            value = raw  # not all strings: let the check below report the wrong type
        answers[key] = _checked(question, value)
    return answers


def answers_to_json(answers: Answers) -> dict[str, JsonAnswer]:
    """The JSON form answers_from_json reads back (multi answers as sorted arrays)."""
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in answers.items()}


def check_answers(bundle: Bundle, answers: Answers) -> None:
    """Raises ValidationError (field ``answers.<id>``) for an unknown question or a wrong answer."""
    for key, value in answers.items():
        _checked(_question(bundle, key), value)


def describe_answer(question: Question, value: AnswerValue) -> str:
    """The answer as staff and citizens read it: 是/否, option labels, numbers."""
    labels = {o.value: o.label for o in question.options}
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, frozenset):
        chosen = [o.label for o in question.options if o.value in value]
        return "、".join(chosen) or "（都不需要）"
    return labels.get(str(value), str(value))


def _question(bundle: Bundle, key: str) -> Question:
    try:
        return bundle.question(key)
    except KeyError:
        known = "、".join(q.id for q in bundle.questions) or "（无）"
        raise ValidationError(
            f"answers.{key}",
            f"“{bundle.name}”没有“{key}”这个问题。可以回答的问题：{known}。",
            f"bundle {bundle.id!r} has no question {key!r}",
        ) from None


def _from_text(q: Question, raw: str) -> AnswerValue:
    match q.type:
        case QuestionType.BOOL:
            word = raw.lower()
            if word in TRUE_WORDS or word in FALSE_WORDS:
                return word in TRUE_WORDS
            raise _invalid(q, raw)
        case QuestionType.INT:
            if _INT_TEXT.match(raw):
                return int(raw)
            raise _invalid(q, raw)
        case QuestionType.MULTI:
            parts = [p.strip() for p in _MULTI_SEPARATORS.split(raw)]
            return _checked(q, frozenset(p for p in parts if p))
        case QuestionType.ENUM:
            return _checked(q, raw)


def _checked(q: Question, value: object) -> AnswerValue:
    """``value`` if it is a valid answer to ``q``, else a ValidationError naming the choices."""
    options = {o.value for o in q.options}
    match q.type:
        case QuestionType.BOOL if isinstance(value, bool):
            return value
        case QuestionType.INT if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        case QuestionType.ENUM if isinstance(value, str) and value in options:
            return value
        case QuestionType.MULTI if isinstance(value, frozenset | set):
            bad = sorted(str(v) for v in value if not isinstance(v, str) or v not in options)
            if not bad:
                return frozenset(str(v) for v in value)
            raise _invalid(q, bad[0])
    raise _invalid(q, value)


def _invalid(q: Question, value: object) -> ValidationError:
    shown = value if isinstance(value, str) else repr(value)
    choices = "、".join(f"{o.value}（{o.label}）" for o in q.options)
    match q.type:
        case QuestionType.BOOL:
            message = f"“{q.text}”请回答 是 或 否（yes/no），不能是“{shown}”。"
        case QuestionType.INT:
            message = f"“{q.text}”请填写不小于 0 的整数，不能是“{shown}”。"
        case QuestionType.MULTI:
            message = f"“{q.text}”没有“{shown}”这一项，可选（可多选，用逗号分隔）：{choices}。"
        case QuestionType.ENUM:
            message = f"“{q.text}”没有“{shown}”这一项，只能选：{choices}。"
    return ValidationError(
        f"answers.{q.id}",
        message,
        f"invalid answer {value!r} to {q.type} question {q.id!r}; options: {sorted(o.value for o in q.options)}",
    )
