"""The condition language: parser tables, Kleene logic, printing round trips, and no eval anywhere."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.catalog
from core.catalog import build_checklist, load_catalog
from core.catalog.conditions import (
    COMPARISON_OPS,
    KEYWORDS,
    And,
    Compare,
    Condition,
    ConditionSyntaxError,
    Has,
    In,
    Name,
    Not,
    Or,
    parse_condition,
)

VALID: list[tuple[str, Condition]] = [
    ("married", Name("married")),
    ("not married", Not(Name("married"))),
    ("not not married", Not(Not(Name("married")))),
    ("a and b and c", And((Name("a"), Name("b"), Name("c")))),
    ("a or b and c", Or((Name("a"), And((Name("b"), Name("c")))))),
    ("(a or b) and c", And((Or((Name("a"), Name("b"))), Name("c")))),
    ("not a and b", And((Not(Name("a")), Name("b")))),
    ("not (a and b)", Not(And((Name("a"), Name("b"))))),
    ("follow == father", Compare("follow", "==", "father")),
    ("age_band != lt_1m", Compare("age_band", "!=", "lt_1m")),
    ("age_band == 1m_to_1y", Compare("age_band", "==", "1m_to_1y")),
    ("fleet_size >= 10", Compare("fleet_size", ">=", 10)),
    ("n<3", Compare("n", "<", 3)),
    ("n > -2", Compare("n", ">", -2)),
    ("n <= 0", Compare("n", "<=", 0)),
    ("housing in [rent, none]", In("housing", ("rent", "none"))),
    ("grade in [1, 2]", In("grade", (1, 2))),
    ("category in [智力, 精神]", In("category", ("智力", "精神"))),
    ("food_types has 生食类", Has("food_types", "生食类")),
    ('x == "two words"', Compare("x", "==", "two words")),
    ("x == 'single'", Compare("x", "==", "single")),
    ('x == "1"', Compare("x", "==", "1")),
    ('x == "and"', Compare("x", "==", "and")),
    (r'x == "q\"uote\\"', Compare("x", "==", 'q"uote\\')),
    ("  married\n and\tfollow==mother ", And((Name("married"), Compare("follow", "==", "mother")))),
    ("not married and follow == father", And((Not(Name("married")), Compare("follow", "==", "father")))),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_valid_conditions_parse_to_the_expected_tree(text: str, expected: Condition) -> None:
    assert parse_condition(text) == expected


INVALID: list[tuple[str, int, str]] = [
    ("", 0, "empty condition"),
    ("   ", 0, "empty condition"),
    ("a and", 5, "expected a question id"),
    ("and a", 0, "expected a question id"),
    ("a b", 2, "expected 'and', 'or' or the end"),
    ("(a", 2, "expected ')'"),
    ("a)", 1, "expected 'and', 'or' or the end"),
    ("x ==", 4, "expected a value"),
    ("x == and", 5, "expected a value"),
    ("x in []", 6, "expected a value"),
    ("x in [a, ]", 9, "expected a value"),
    ("x in [a b]", 8, "expected ',' or ']'"),
    ("x in a", 5, "expected '[' after 'in'"),
    ("x has", 5, "expected a value"),
    ("x = 1", 2, "unexpected character '='"),
    ("x == 1 & y", 7, "unexpected character '&'"),
    ('x == "open', 5, "unterminated string"),
    (r'x == "bad \n escape"', 10, "bad escape in string"),
    ("x == -a", 5, "expected digits after '-'"),
    ("1abc", 0, "expected a question id"),
    ("已婚", 0, "expected a question id"),
    ("in == 3", 0, "expected a question id"),
    ("x == 1234567890123456789", 5, "number too large"),
    ("__import__('os')", 10, "expected 'and', 'or' or the end"),
    ("open('/etc/passwd').read()", 19, "unexpected character '.'"),  # the lexer reads everything first
    ("x.y == 1", 1, "unexpected character '.'"),
    ("(" * 70 + "a" + ")" * 70, 64, "nested too deeply"),
    ("not " * 70 + "a", 256, "nested too deeply"),
]


@pytest.mark.parametrize(("text", "position", "reason"), INVALID, ids=[t[:30] for t, _, _ in INVALID])
def test_invalid_conditions_fail_with_position(text: str, position: int, reason: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert info.value.position == position
    assert info.value.reason.startswith(reason)
    assert f"at position {position}" in info.value.detail
    assert f"第 {position + 1} 个字符" in info.value.message


T, F, U = True, False, None
ANSWERS = {"t": True, "f": False}  # "u" stays unanswered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("t and t", T), ("t and f", F), ("t and u", U), ("f and u", F), ("u and f", F), ("u and u", U),
        ("t or t", T), ("t or f", T), ("f or f", F), ("f or u", U), ("u or t", T), ("t or u", T), ("u or u", U),
        ("not t", F), ("not f", T), ("not u", U), ("not (f and u)", T), ("not (t and u)", U),
        ("(u or t) and not f", T), ("u and (f or f)", F),
    ],
)  # fmt: skip
def test_kleene_truth_tables(text: str, expected: bool | None) -> None:
    assert parse_condition(text).evaluate(ANSWERS) is expected


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("follow == father", {"follow": "father"}, True),
        ("follow == father", {"follow": "mother"}, False),
        ("follow == father", {}, None),
        ("follow != father", {"follow": "mother"}, True),
        ("grade in [1, 2]", {"grade": "2"}, True),
        ("grade in [1, 2]", {"grade": "3"}, False),
        ("n >= 10", {"n": 10}, True),
        ("n >= 10", {"n": 9}, False),
        ("n > 10", {"n": 10}, False),
        ("n < 10", {"n": 9}, True),
        ("n <= 10", {"n": 11}, False),
        ("n == 3", {"n": 3}, True),
        ("n in [1, 3]", {"n": 3}, True),
        ("items has name", {"items": frozenset({"name", "scope"})}, True),
        ("items has name", {"items": frozenset()}, False),
        ("items has name", {}, None),
        ("married", {"married": False}, False),
        # Type mismatches the loader forbids simply do not hold (and never raise).
        ("married", {"married": "yes"}, False),
        ("n >= 1", {"n": "5"}, False),
        ("n >= 1", {"n": True}, False),
        ("follow == 1", {"follow": True}, False),
        ("items has name", {"items": "name"}, False),
    ],
)
def test_atoms_evaluate_against_answers(text: str, answers: dict[str, Any], expected: bool | None) -> None:
    assert parse_condition(text).evaluate(answers) is expected


def test_names_lists_every_question_read() -> None:
    condition = parse_condition("not a and (b == x or c in [1, 2]) and d has y and e >= 3 and a")
    assert condition.names() == frozenset({"a", "b", "c", "d", "e"})
    assert [atom.name for atom in condition.atoms()] == ["a", "b", "c", "d", "e", "a"]


# Hypothesis: any tree prints to text that parses back to the same tree.
names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True).filter(lambda s: s not in KEYWORDS)
values = st.one_of(st.integers(-(10**12), 10**12), st.text(max_size=6))
atoms = st.one_of(
    st.builds(Name, names),
    st.builds(Compare, names, st.sampled_from(COMPARISON_OPS), values),
    st.builds(In, names, st.lists(values, min_size=1, max_size=3).map(tuple)),
    st.builds(Has, names, values),
)
trees = st.recursive(
    atoms,
    lambda sub: st.one_of(
        st.builds(Not, sub),
        st.builds(And, st.lists(sub, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(sub, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=10,
)


@given(trees)
@settings(max_examples=300, deadline=None)
def test_str_round_trips_through_the_parser(tree: Condition) -> None:
    assert parse_condition(str(tree)) == tree


bool_trees = st.recursive(
    st.builds(Name, st.sampled_from(["a", "b", "c"])),
    lambda sub: st.one_of(
        st.builds(Not, sub),
        st.builds(And, st.lists(sub, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(sub, min_size=2, max_size=3).map(tuple)),
    ),
    max_leaves=8,
)
partial = st.dictionaries(st.sampled_from(["a", "b", "c"]), st.booleans())


@given(bool_trees, partial, st.fixed_dictionaries({k: st.booleans() for k in "abc"}))
@settings(max_examples=300, deadline=None)
def test_kleene_results_never_change_when_more_is_answered(
    tree: Condition, known: dict[str, bool], rest: dict[str, bool]
) -> None:
    complete = {**rest, **known}
    full = tree.evaluate(complete)
    assert full is not None  # every question answered: always decided
    partial_result = tree.evaluate(known)
    assert partial_result is None or partial_result == full


def _python_truth(tree: Condition, answers: dict[str, bool]) -> bool:
    if isinstance(tree, Name):
        return answers[tree.name]
    if isinstance(tree, Not):
        return not _python_truth(tree.operand, answers)
    if isinstance(tree, And):
        return all(_python_truth(c, answers) for c in tree.operands)
    assert isinstance(tree, Or)
    return any(_python_truth(c, answers) for c in tree.operands)


@given(bool_trees, st.fixed_dictionaries({k: st.booleans() for k in "abc"}))
@settings(max_examples=200, deadline=None)
def test_complete_answers_give_ordinary_boolean_logic(tree: Condition, answers: dict[str, bool]) -> None:
    assert tree.evaluate(answers) is _python_truth(tree, answers)


def test_catalog_code_never_calls_eval_exec_or_compile() -> None:
    builtins_called = {"eval", "exec", "compile", "__import__", "literal_eval"}
    package = Path(core.catalog.__file__).parent
    found = []
    for path in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (isinstance(func, ast.Name) and func.id in builtins_called) or (
                isinstance(func, ast.Attribute) and func.attr in {"eval", "exec", "literal_eval"}
            ):
                found.append(f"{path.name}:{node.lineno}")
    assert len(list(package.glob("*.py"))) >= 8  # the scan really looked at the package
    assert found == []


def test_nothing_is_evaluated_as_code_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("code evaluation attempted")

    catalog = load_catalog()  # before patching: imports may legitimately compile modules
    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, refuse)
    with pytest.raises(ConditionSyntaxError):
        parse_condition("__import__('os').system('true')")
    assert parse_condition("a == \"__import__('os')\"").evaluate({"a": "__import__('os')"}) is True
    checklist = build_checklist(catalog, "newborn", {"married": False, "follow": "father"})
    assert checklist.items
