"""Checks of a bundle's conditions against its questions: types, options, order, decidability."""

from __future__ import annotations

import logging
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from core.catalog.conditions import ORDERING_OPS, Atom, Compare, Condition, Has, In, Name, Value
from core.catalog.model import Question, QuestionType
from core.catalog.situations import closure, complete_situations, format_answers, int_points

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Guarded:
    """A condition found at ``path``; ``guard`` is the enclosing sub-matter's ``when``, if any."""

    path: str
    condition: Condition
    guard: Condition | None = None


# Enumerating situations proves a condition is decided once every relevant question is answered.
# Real bundles need at most a few thousand; past this the proof is skipped, not the catalog.
SITUATION_LIMIT: Final = 50_000

_KIND: Final = {
    QuestionType.BOOL: "a yes/no",
    QuestionType.ENUM: "a single-choice",
    QuestionType.MULTI: "a multi-choice",
    QuestionType.INT: "a number",
}


def check_atoms(
    condition: Condition,
    questions: Mapping[str, Question],
    declared: Container[object],
    earlier: Container[str] | None,
) -> list[str]:
    """Problems of each leaf. ``questions`` are the sound questions, ``declared`` every id the file
    declares; ``earlier`` (for a question's own ``when``) the ids asked before it, None for all."""
    problems: list[str] = []
    for atom in condition.atoms():
        question = questions.get(atom.name)
        if atom.name not in declared:
            problems.append(f"unknown question '{atom.name}'")
        elif earlier is not None and atom.name not in earlier:
            problems.append(f"question '{atom.name}' is not asked before this one")
        elif question is not None:  # a broken question was reported where it is defined
            problems.extend(_check_atom(atom, question))
    return list(dict.fromkeys(problems))


def _check_atom(atom: Atom, q: Question) -> list[str]:
    kind = f"'{q.id}' is {_KIND[q.type]} question"
    if isinstance(atom, Name):
        if q.type is not QuestionType.BOOL:
            return [f"{kind}; test it with ==, != or in, not as a bare name"]
        return []
    if isinstance(atom, Has):
        if q.type is not QuestionType.MULTI:
            return [f"'has' needs a multi-choice question; {kind}"]
        return _check_values(q, (atom.value,))
    if q.type is QuestionType.BOOL:
        return [f"{kind}; write '{q.id}' or 'not {q.id}'"]
    if q.type is QuestionType.MULTI:
        return [f"{kind}; test it with 'has'"]
    if isinstance(atom, Compare):
        if atom.op in ORDERING_OPS and q.type is not QuestionType.INT:
            return [f"'{atom.op}' needs a number question; {kind}"]
        return _check_values(q, (atom.value,))
    assert isinstance(atom, In)
    return _check_values(q, atom.values)


def _check_values(q: Question, values: Sequence[Value]) -> list[str]:
    problems = []
    options = [o.value for o in q.options]
    for value in values:
        if q.type is QuestionType.INT:
            if not isinstance(value, int):
                problems.append(
                    f"'{q.id}' is a number question; compare it with a whole number, not '{value}'"
                )
        elif str(value) not in options:
            problems.append(f"'{q.id}' has no option '{value}' (options: {', '.join(options)})")
    return problems


def check_decidable(questions: Sequence[Question], conditions: Sequence[Guarded]) -> list[tuple[str, str]]:
    """(path, problem) for conditions that stay undecided although every relevant question is
    answered (a question asked only in some situations must be guarded by the same condition),
    or that hold in no situation at all (dead data). A condition with a guard (a requirement's
    sub-matter ``when``) is only judged in the situations where the guard holds."""
    points = int_points(g.condition for g in conditions)  # question ``when``s are among them
    problems: list[tuple[str, str]] = []
    for item in conditions:
        guard_names = item.guard.names() if item.guard else frozenset()
        scope = closure(questions, item.condition.names() | guard_names)
        situations = complete_situations(scope, points, SITUATION_LIMIT)
        if situations is None:
            log.warning(
                "skipped decidability proof of %s: more than %d situations", item.path, SITUATION_LIMIT
            )
            continue
        if item.guard is not None:
            situations = [s for s in situations if item.guard.evaluate(s) is True]
        results = [(s, item.condition.evaluate(s)) for s in situations]
        undecided = next((s for s, r in results if r is None), None)
        if undecided is not None:
            problems.append(
                (
                    item.path,
                    f"'{item.condition}' is undecided when {format_answers(undecided)} although every "
                    "relevant question is answered; guard it with the condition that asks its questions",
                )
            )
        elif situations and not any(r for _, r in results):
            problems.append((item.path, f"'{item.condition}' holds in no situation"))
    return problems


def unused_questions(questions: Sequence[Question], conditions: Sequence[Guarded]) -> list[Question]:
    """Questions no condition reads: asking them would waste the applicant's time."""
    used = {n for g in conditions for n in g.condition.names()}
    return [q for q in questions if q.id not in used]


def situation_without_matters(questions: Sequence[Question], whens: Sequence[Condition | None]) -> str | None:
    """A complete situation in which no sub-matter applies (shown as answers), or None if there is none.
    Such a situation would accept a case with nothing to do."""
    if any(w is None for w in whens):
        return None
    conditions = [w for w in whens if w is not None]
    scope = closure(questions, frozenset().union(*(c.names() for c in conditions)))
    situations = complete_situations(scope, int_points(conditions), SITUATION_LIMIT)
    for s in situations or ():
        if not any(c.evaluate(s) is True for c in conditions):
            return format_answers(s)
    return None
