"""Any 办件 record survives JSON and back (Hypothesis), whatever its text, numbers and optional parts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from core.banjian import (
    Agent,
    BanjianRecord,
    FollowUp,
    HandleState,
    Material,
    Party,
    ProcessRecord,
    Rating,
    Settlement,
    record_from_json,
    records_from_text,
    records_to_text,
)
from core.banjian.codec import record_to_json
from core.cases.model import ItemState
from core.cases.ratings import AppealOutcome, RatingChannel, RatingStage
from core.validation.idnumbers import IdKind

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
word = text.filter(lambda s: bool(s.strip()))
days = st.dates(date(2000, 1, 1), date(2099, 12, 31))
moments = st.builds(
    lambda d, tz: d.replace(microsecond=0).astimezone(tz).isoformat(),
    st.datetimes(datetime(2000, 1, 1), datetime(2099, 1, 1), timezones=st.just(UTC)),
    st.sampled_from([UTC, timezone(timedelta(hours=8))]),
)
# Our IdKind values without a 证件类型 code or with a code of their own (the two 外国人永久居留身份证
# shapes share 553: test_codec.py), or another platform's code.
id_kinds = st.sampled_from(
    [k.value for k in IdKind if k not in (IdKind.FOREIGN_PERMANENT_2017, IdKind.FOREIGN_PERMANENT_2023)]
) | word.filter(lambda s: s not in ("111", "511", "516", "553"))
settled = st.sampled_from([s for s in HandleState if s.settled])

materials = st.builds(
    lambda state, **kw: Material(provided=state, taken=state.satisfied, **kw),
    st.sampled_from(ItemState),
    material_id=word,
    name=word,
    sort=st.integers(1, 10_000),
    taken_at=st.none() | moments,
    licence_type=text,
    licence_number=text,
    deficiency_deadline=st.none() | days,
    note=text,
)
ratings = st.builds(
    lambda number, **kw: Rating(
        number=number, stage=[RatingStage.INTAKE, RatingStage.RESULT][number - 1], **kw
    ),
    st.integers(1, 2),
    level=st.integers(1, 5),
    channel=st.sampled_from(RatingChannel),
    at=moments,
    categories=st.lists(word, max_size=3).map(tuple),
    text=text,
    helper_present=st.booleans(),
    follow_up=st.none()
    | st.builds(
        FollowUp,
        rectify_by=days,
        rectified=text,
        rectified_at=st.none() | moments,
        visited_on=st.none() | days,
        visit_outcome=text,
        appeal_outcome=st.none() | st.sampled_from(AppealOutcome),
        appeal_reason=text,
    ),
)
records = st.builds(
    BanjianRecord,
    official_number=st.none() | word,
    local_number=word,
    matter_id=word,
    implementation_code=word,
    handling_item_code=text,
    basic_code=text,
    matter_name=word,
    project_name=word,
    bundle_id=word,
    bundle_name=word,
    state=st.sampled_from(HandleState),
    applicant=st.builds(
        Party,
        name=word,
        id_kind=id_kinds,
        id_number=word,
        kind=st.sampled_from("12"),
        phone=text,
        address=text,
    ),
    agent=st.none()
    | st.builds(
        Agent, name=word, id_kind=text, id_number=word, organisation=text, scope=word, valid_until=days
    ),
    dept_id=word,
    dept_name=word,
    agency=text,
    org_code=text,
    area_code=st.from_regex(r"[0-9]{6}([0-9]{3}){0,2}", fullmatch=True),
    receiver=word,
    received_at=moments,
    accepted_at=st.none() | moments,
    promise_days=st.none() | st.integers(0, 3650),
    promised_date=st.none() | days,
    materials=st.lists(materials, max_size=3).map(tuple),
    process=st.lists(
        st.builds(
            ProcessRecord, st.sampled_from(HandleState), word, text, text, moments, text, st.none() | moments
        ).map(lambda p: replace(p, started_at=None) if p.started_at == p.at else p),
        max_size=4,
    ).map(tuple),
    settlement=st.none()
    | st.builds(Settlement, settled, word, moments, text, st.lists(word, max_size=2).map(tuple)),
    ratings=st.lists(ratings, max_size=2).map(tuple),
    catalog_version=word,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(records, max_size=3))
def test_every_record_round_trips(found: list[BanjianRecord]) -> None:
    assert records_from_text(records_to_text(found)) == found
    for record in found:
        assert record_from_json(record_to_json(record)) == record
