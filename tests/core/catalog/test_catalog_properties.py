"""Properties of build_checklist over every shipped bundle and random answer sets (Hypothesis)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.catalog import Bundle, Catalog, Checklist, Question, QuestionType, build_checklist, load_catalog
from core.catalog.model import AnswerValue

BUNDLES = list(load_catalog().bundles)


@cache
def catalog() -> Catalog:
    return load_catalog()


def answer_strategy(q: Question) -> st.SearchStrategy[AnswerValue]:
    values = [o.value for o in q.options]
    match q.type:
        case QuestionType.BOOL:
            return st.booleans()
        case QuestionType.ENUM:
            return st.sampled_from(values)
        case QuestionType.MULTI:
            return st.frozensets(st.sampled_from(values))
        case QuestionType.INT:
            return st.integers(0, 40)


def any_answers(bundle: Bundle) -> st.SearchStrategy[dict[str, AnswerValue]]:
    """Any subset of the questions answered, relevant or not."""
    return st.fixed_dictionaries({}, optional={q.id: answer_strategy(q) for q in bundle.questions})


def effective(bundle: Bundle, answers: dict[str, AnswerValue]) -> tuple[list[str], dict[str, AnswerValue]]:
    """The oracle: relevant question ids in order, and the answers that count."""
    relevant: list[str] = []
    counted: dict[str, AnswerValue] = {}
    for q in bundle.questions:
        if q.when is None or q.when.evaluate(counted) is True:
            relevant.append(q.id)
            if q.id in answers:
                counted[q.id] = answers[q.id]
    return relevant, counted


def check_invariants(checklist: Checklist, answers: dict[str, AnswerValue]) -> None:
    bundle = checklist.bundle
    relevant, counted = effective(bundle, answers)
    # Questions: exactly the relevant ones, in catalog order; unanswered = relevant without an answer.
    assert [q.id for q in checklist.questions] == relevant
    assert [q.id for q in checklist.unanswered] == [qid for qid in relevant if qid not in counted]
    for q in bundle.questions:
        if q.id not in relevant:
            assert q.when is not None and q.when.evaluate(counted) is not True
    # Matters: those whose condition holds.
    applicable = [m for m in bundle.sub_matters if m.when is None or m.when.evaluate(counted) is True]
    assert checklist.matters == tuple(applicable)
    by_id = {m.id: m for m in applicable}
    # Items: each material once, required (or maybe required) by the matters listed.
    ids = [item.material.id for item in checklist.items]
    assert len(ids) == len(set(ids))
    for item in checklist.items:
        assert item.matters and len(item.matters) == len(set(item.matters))
        for mid in item.matters:
            req = next(r for r in by_id[mid].requirements if r.material == item.material.id)
            truth = True if req.when is None else req.when.evaluate(counted)
            assert truth is (True if item.decided else None)
    for matter in applicable:
        for req in matter.requirements:
            if req.when is None or req.when.evaluate(counted) is not False:
                assert req.material in ids
    # Fields: the union of the applicable matters' fields, once each, in first-appearance order.
    expected_fields = list(dict.fromkeys(f for m in applicable for f in m.fields))
    assert [f.id for f in checklist.fields] == expected_fields
    limits = [m.promise_days for m in applicable]
    # 并联: the longest limit; unknown as soon as one applicable matter publishes none.
    expected = None if None in limits else max((d for d in limits if d is not None), default=0)
    assert checklist.promise_days == expected
    # Completeness: answering every relevant question decides everything (the loader's proof).
    assert checklist.complete == (not checklist.unanswered and all(i.decided for i in checklist.items))
    if not checklist.unanswered:
        assert checklist.complete
        assert all(m.when is None or m.when.evaluate(counted) is not None for m in bundle.sub_matters)


@pytest.mark.parametrize("bundle_id", BUNDLES)
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_random_answers_give_a_consistent_checklist(bundle_id: str, data: st.DataObject) -> None:
    bundle = catalog().bundle(bundle_id)
    answers = data.draw(any_answers(bundle))
    checklist = build_checklist(catalog(), bundle_id, answers)
    check_invariants(checklist, answers)
    # Deterministic, independent of the order answers were given in, and blind to irrelevant answers.
    again = build_checklist(catalog(), bundle_id, dict(reversed(list(answers.items()))))
    assert again == checklist
    _, counted = effective(bundle, answers)
    assert build_checklist(catalog(), bundle_id, counted) == checklist


@pytest.mark.parametrize("bundle_id", BUNDLES)
@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_answering_every_relevant_question_completes_the_checklist(
    bundle_id: str, data: st.DataObject
) -> None:
    bundle = catalog().bundle(bundle_id)
    answers: dict[str, AnswerValue] = {}
    for q in bundle.questions:  # answer exactly the questions that become relevant, in asking order
        if q.when is None or q.when.evaluate(answers) is True:
            answers[q.id] = data.draw(answer_strategy(q), label=q.id)
    checklist = build_checklist(catalog(), bundle_id, answers)
    check_invariants(checklist, answers)
    assert checklist.complete and not checklist.unanswered
    assert all(item.decided for item in checklist.items)
    assert checklist.matters  # every complete situation has something to do
    assert not any(m.optional and m.when is None for m in checklist.matters)


@pytest.mark.parametrize("bundle_id", BUNDLES)
@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_answering_more_never_drops_a_decided_item(bundle_id: str, data: st.DataObject) -> None:
    bundle = catalog().bundle(bundle_id)
    answers: dict[str, AnswerValue] = {}
    before = build_checklist(catalog(), bundle_id, answers)
    for q in bundle.questions:
        if q.when is None or q.when.evaluate(answers) is True:
            answers[q.id] = data.draw(answer_strategy(q), label=q.id)
            after = build_checklist(catalog(), bundle_id, answers)
            decided_before = {i.material.id for i in before.items if i.decided}
            assert decided_before <= {i.material.id for i in after.items if i.decided}
            before = after
