"""Enumerating the complete situations of a questionnaire (情形组合), to prove conditions decidable."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from core.catalog.conditions import Compare, Condition, In
from core.catalog.model import AnswerValue, Question, QuestionType


def int_points(conditions: Iterable[Condition]) -> dict[str, frozenset[int]]:
    """Per int question, the numbers conditions compare it with."""
    points: dict[str, set[int]] = {}
    for condition in conditions:
        for atom in condition.atoms():
            values = (
                atom.values if isinstance(atom, In) else (atom.value,) if isinstance(atom, Compare) else ()
            )
            for v in values:
                if isinstance(v, int):
                    points.setdefault(atom.name, set()).add(v)
    return {name: frozenset(vs) for name, vs in points.items()}


def domain(question: Question, points: Iterable[int] = ()) -> tuple[AnswerValue, ...]:
    """Representative answers: every option (every subset for multi). For int questions the
    numbers around each compared point, which is all a condition can tell apart."""
    options = [o.value for o in question.options]
    match question.type:
        case QuestionType.BOOL:
            return (True, False)
        case QuestionType.ENUM:
            return tuple(options)
        case QuestionType.MULTI:
            return tuple(
                frozenset(combo) for size in range(len(options) + 1) for combo in combinations(options, size)
            )
        case QuestionType.INT:
            near = {0} | {p + d for p in points for d in (-1, 0, 1)}
            return tuple(sorted(n for n in near if n >= 0))


def closure(questions: Sequence[Question], names: Iterable[str]) -> list[Question]:
    """The questions ``names`` refer to plus those their ``when`` depends on, in asking order."""
    by_id = {q.id: q for q in questions}
    wanted: set[str] = set()
    todo = [n for n in names if n in by_id]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            when = by_id[name].when
            todo.extend(n for n in (when.names() if when else ()) if n in by_id)
    return [q for q in questions if q.id in wanted]


def complete_situations(
    questions: Sequence[Question], points: Mapping[str, Iterable[int]], limit: int
) -> list[dict[str, AnswerValue]] | None:
    """Every answer set in which exactly the relevant questions are answered, or None when there
    are more than ``limit`` (the caller then skips the proof rather than stall loading)."""
    out: list[dict[str, AnswerValue]] = []
    answers: dict[str, AnswerValue] = {}

    def walk(i: int) -> bool:
        if i == len(questions):
            out.append(dict(answers))
            return len(out) <= limit
        q = questions[i]
        if q.when is not None and q.when.evaluate(answers) is not True:
            return walk(i + 1)
        for value in domain(q, points.get(q.id, ())):
            answers[q.id] = value
            if not walk(i + 1):
                return False
        del answers[q.id]
        return True

    return out if walk(0) else None


def format_answers(answers: Mapping[str, AnswerValue]) -> str:
    """``married=no, follow=father, items=name,scope`` — the CLI's answer syntax."""
    parts = []
    for key, value in answers.items():
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, frozenset):
            shown = ",".join(sorted(value)) or "(none)"
        else:
            shown = str(value)
        parts.append(f"{key}={shown}")
    return ", ".join(parts) or "(no answers)"
