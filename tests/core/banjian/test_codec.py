"""办件 records to JSON and back: a round trip keeps everything; bad input is refused naming its field."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.banjian import BanjianRecord, banjian_records, record_from_json, record_to_json, records_from_text
from core.banjian.codec import records_to_text
from core.cases.intake import IntakeRequest
from core.cases.model import MatterStatus
from core.cases.ratings import FollowUp as FollowUpAction
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.errors import ValidationError
from core.validation.idnumbers import IdKind

Make = Callable[..., IntakeRequest]


@pytest.fixture
def records(service: CaseService, make_request: Make, catalog: Catalog, clock: Any) -> list[BanjianRecord]:
    """A newborn bundle with everything a record can hold: a helper, a 容缺 material, results, an
    official number, and a bad rating with its 整改 and 回访."""
    case = service.accept(make_request("newborn", defer=True, proxy=True))
    case = service.dispatch(case.number)
    clock.advance(days=1)
    case = service.record_matter_result(case.number, case.matters[0].matter_id, MatterStatus.DONE, "已签发")
    case = service.bind_official_number(case.number, "11320115TB000001XX432900090000120261124000001", "r-1")
    case = service.evaluate(case.number, 1, "窗口人员态度差", helper_present=True)
    case = service.follow_up(case.number, FollowUpAction.RECTIFY, "已约谈窗口人员并整改")
    return banjian_records(case, catalog)


def test_records_survive_the_round_trip(records: list[BanjianRecord]) -> None:
    text = records_to_text(records)
    assert records_from_text(text) == records
    assert records_from_text(text.encode("utf-8")) == records
    first = json.loads(text)[0]
    assert (
        first["projectNo"] == records[0].official_number
        and first["localProjectNo"] == records[0].local_number
    )
    assert first["proStatus"] == "11" and first["result"]["resultType"] == "11"
    assert first["applyerPageType"] == "111"  # a 居民身份证, as integrations code it (docs/banjian.md)
    assert first["evaluations"][0]["satisfaction"] == 1 and first["evaluations"][0]["followUp"]["rectified"]
    assert first["agent"]["contactName"] == "周帮办"
    assert "林晓雨" in text  # Chinese is written as is, not escaped


def _mutated(record: BanjianRecord, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = record_to_json(record)
    change(data)
    return data


def _set(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key) and None


BAD = [
    ("unknown field", _set(["handleState"], "3"), "handleState"),
    ("missing field", _drop("taskCode"), "taskCode"),
    ("empty code", _set(["taskCode"], " "), "taskCode"),
    ("unknown state", _set(["proStatus"], "99"), "proStatus"),
    ("state as a number", _set(["proStatus"], 3), "proStatus"),
    ("empty official number", _set(["projectNo"], ""), "projectNo"),
    ("bad material state", _set(["materials", 0, "getType"], "magic"), "materials[0].getType"),
    ("taken contradicts state", _set(["materials", 0, "taken"], "yes"), "materials[0].taken"),
    (
        "time without offset",
        _set(["processes", 1, "eventEndTime"], "2026-11-23T09:30:00"),
        "processes[1].eventEndTime",
    ),
    ("not a time", _set(["applyDate"], "yesterday"), "applyDate"),
    ("bad date", _set(["promiseDate"], "2026-02-30"), "promiseDate"),
    ("negative limit", _set(["promiseDay"], -1), "promiseDay"),
    ("bool as a number", _set(["promiseDay"], True), "promiseDay"),
    ("bad area", _set(["areaCode"], "32A115"), "areaCode"),
    ("unknown applyer type", _set(["applyerType"], "0"), "applyerType"),
    ("start not a time", _set(["processes", 0, "eventStartTime"], 20261123), "processes[0].eventStartTime"),
    ("rating out of range", _set(["evaluations", 0, "satisfaction"], 7), "evaluations[0].satisfaction"),
    ("unknown channel", _set(["evaluations", 0, "pf"], "wechat"), "evaluations[0].pf"),
    ("empty category", _set(["evaluations", 0, "evalDetail"], [""]), "evaluations[0].evalDetail[0]"),
    ("not a 办结 state", _set(["result", "resultType"], "3"), "result.resultType"),
    ("agent without scope", _set(["agent", "agentScope"], ""), "agent.agentScope"),
    ("materials not a list", _set(["materials"], {}), "materials"),
    ("node not an object", _set(["processes", 0], "受理"), "processes[0]"),
    ("unknown version", _set(["version"], 2), "version"),
    ("extra field in a node", _set(["processes", 0, "action"], "x"), "processes[0].action"),
]


@pytest.mark.parametrize(("why", "change", "field"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_field_is_refused_by_name(
    records: list[BanjianRecord], why: str, change: Callable[[dict[str, Any]], None], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        record_from_json(_mutated(records[0], change))
    assert raised.value.field == field, why
    assert field in raised.value.message and raised.value.code == "banjian.field"


def test_a_bad_record_in_a_list_is_named_with_its_position(records: list[BanjianRecord]) -> None:
    data = [record_to_json(r) for r in records]
    data[1]["materials"][0]["getType"] = "magic"
    with pytest.raises(ValidationError) as raised:
        records_from_text(json.dumps(data))
    assert raised.value.field == "[1].materials[0].getType"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "{}",
        '{"a": 1}',
        "[NaN]",
        '[{"version": 1, "version": 1}]',
        "[" * 100_000 + "]" * 100_000,
        b"\xff\xfe[",
    ],
    ids=["empty", "truncated", "object", "object2", "nan", "duplicate key", "deep", "not utf-8"],
)
def test_text_that_is_not_records_is_refused_clearly(text: str | bytes) -> None:
    with pytest.raises(ValidationError) as raised:
        records_from_text(text)
    assert raised.value.field.startswith(("$", "[0]"))


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda c: st.lists(c) | st.dictionaries(st.text(max_size=8), c),
    )
)
def test_any_json_value_is_a_record_or_a_validation_error(value: object) -> None:
    try:
        records_from_text(json.dumps([value]))
    except ValidationError as exc:
        assert exc.field


@pytest.mark.parametrize(
    ("kind", "number"),
    [
        (IdKind.RESIDENT, "320115199003070043"),
        (IdKind.FOREIGN_PERMANENT_2017, "USA330072180211"),
        (IdKind.FOREIGN_PERMANENT_2023, "933110199001010016"),
        (IdKind.HK_MO_TW_PERMIT, "810000199001010010"),
        (IdKind.HK_MO_TRAVEL_PERMIT, "H12345678"),
        (IdKind.TW_TRAVEL_PERMIT, "12345678"),
        (IdKind.FOREIGN_PASSPORT, "E12345678"),
    ],
)
def test_the_id_document_travels_as_its_code_and_comes_back_as_our_kind(
    records: list[BanjianRecord], kind: IdKind, number: str
) -> None:
    record = replace(
        records[0], applicant=replace(records[0].applicant, id_kind=kind.value, id_number=number)
    )
    sent = record_to_json(record)
    expected = {
        IdKind.RESIDENT: "111",
        IdKind.HK_MO_TRAVEL_PERMIT: "516",
        IdKind.TW_TRAVEL_PERMIT: "511",
        IdKind.HK_MO_TW_PERMIT: "hk_mo_tw_permit",  # no code seen: our value
        IdKind.FOREIGN_PASSPORT: "foreign_passport",  # [C]'s 414 is the Chinese 普通护照
    }.get(kind, "553")
    assert sent["applyerPageType"] == expected
    assert record_from_json(sent) == record
