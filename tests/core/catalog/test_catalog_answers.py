"""Answers typed as ``question=value`` or sent as JSON, checked against the bundle's questions."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from core.catalog import (
    Bundle,
    answers_from_json,
    answers_to_json,
    check_answers,
    describe_answer,
    load_catalog,
    parse_answer_text,
    parse_answers_text,
)
from core.errors import ValidationError


@cache
def bundle(bundle_id: str) -> Bundle:
    return load_catalog().bundle(bundle_id)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("married=yes", True), ("married=YES", True), ("married=true", True), ("married=是", True), ("married=1", True),
        ("married=no", False), ("married=False", False), ("married=否", False), ("married=0", False),
        (" married = no ", False), ("married＝否", False),
    ],
)  # fmt: skip
def test_bool_words(text: str, value: bool) -> None:
    assert parse_answer_text(bundle("newborn"), text) == ("married", value)


def test_enum_int_and_multi_texts() -> None:
    assert parse_answer_text(bundle("newborn"), "follow=father") == ("follow", "father")
    assert parse_answer_text(bundle("disability"), "category=精神") == ("category", "精神")
    assert parse_answer_text(bundle("open_transport_company"), "fleet_size=12") == ("fleet_size", 12)
    items = bundle("change_company_info")
    assert parse_answer_text(items, "items=name,address") == ("items", frozenset({"name", "address"}))
    assert parse_answer_text(items, "items=name，scope、capital") == (
        "items",
        frozenset({"name", "scope", "capital"}),
    )
    assert parse_answer_text(items, "items=") == ("items", frozenset())


def test_several_answers() -> None:
    answers = parse_answers_text(bundle("newborn"), ["married=no", "follow=father"])
    assert answers == {"married": False, "follow": "father"}


@pytest.mark.parametrize(
    ("bundle_id", "text", "field", "message"),
    [
        ("newborn", "married", "answers", "请写成 问题=答案"),
        ("newborn", "=yes", "answers", "请写成 问题=答案"),
        (
            "newborn",
            "foo=1",
            "answers.foo",
            "可以回答的问题：born_in_province_hospital、age_band、late_reason",
        ),
        ("newborn", "married=maybe", "answers.married", "请回答 是 或 否"),
        ("newborn", "follow=uncle", "answers.follow", "只能选：father（随父亲落户）、mother（随母亲落户）"),
        ("newborn", "follow=", "answers.follow", "只能选"),
        ("open_transport_company", "fleet_size=-1", "answers.fleet_size", "不小于 0 的整数"),
        ("open_transport_company", "fleet_size=1.5", "answers.fleet_size", "不小于 0 的整数"),
        ("open_transport_company", "fleet_size=１２", "answers.fleet_size", "不小于 0 的整数"),
        (
            "change_company_info",
            "items=name,moon",
            "answers.items",
            "没有“moon”这一项，可选（可多选，用逗号分隔）：name（企业名称）",
        ),
    ],
)
def test_bad_texts_name_the_field_and_the_choices(
    bundle_id: str, text: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        parse_answer_text(bundle(bundle_id), text)
    assert info.value.field == field
    assert message in info.value.message
    assert info.value.detail and info.value.detail != info.value.message  # English for logs


def test_answering_twice_is_an_error() -> None:
    with pytest.raises(ValidationError) as info:
        parse_answers_text(bundle("newborn"), ["married=no", "married=yes"])
    assert info.value.field == "answers.married"
    assert "回答了两次" in info.value.message


def test_json_answers() -> None:
    answers = answers_from_json(
        bundle("change_company_info"),
        {"items": ["name", "scope"], "cross_region": None, "licensed_scope": True},
    )
    assert answers == {"items": frozenset({"name", "scope"}), "licensed_scope": True}
    assert answers_to_json(answers) == {"items": ["name", "scope"], "licensed_scope": True}
    assert answers_from_json(bundle("change_company_info"), answers_to_json(answers)) == answers


@pytest.mark.parametrize(
    ("bundle_id", "data", "field"),
    [
        ("newborn", {"married": "yes"}, "answers.married"),
        ("newborn", {"married": 1}, "answers.married"),
        ("newborn", {"follow": ["father"]}, "answers.follow"),
        ("newborn", {"nobody": True}, "answers.nobody"),
        ("open_transport_company", {"fleet_size": "3"}, "answers.fleet_size"),
        ("open_transport_company", {"fleet_size": True}, "answers.fleet_size"),
        ("open_transport_company", {"fleet_size": 2.0}, "answers.fleet_size"),
        ("change_company_info", {"items": "name"}, "answers.items"),
        ("change_company_info", {"items": ["name", 3]}, "answers.items"),
        ("change_company_info", {"items": ["moon"]}, "answers.items"),
    ],
)
def test_json_answers_of_the_wrong_type(bundle_id: str, data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        answers_from_json(bundle(bundle_id), data)
    assert info.value.field == field


def test_check_answers_accepts_valid_runtime_values_only() -> None:
    check_answers(bundle("newborn"), {"married": True, "follow": "mother"})
    with pytest.raises(ValidationError):
        check_answers(bundle("change_company_info"), {"items": frozenset({"name", "moon"})})


def test_describe_answer_uses_labels() -> None:
    newborn = bundle("newborn")
    assert describe_answer(newborn.question("married"), True) == "是"
    assert describe_answer(newborn.question("follow"), "mother") == "随母亲落户"
    items = bundle("change_company_info").question("items")
    assert describe_answer(items, frozenset({"scope", "name"})) == "企业名称、经营范围"
    assert describe_answer(items, frozenset()) == "（都不需要）"
    assert describe_answer(bundle("open_transport_company").question("fleet_size"), 7) == "7"
