"""好差评 to the end (GB/T 39734-2020, domain review §5 E1–E4): a rating at intake (一次一评) and one after
办结 (一事一评), each with its channel; a 差评 opens 整改 due ``bad_rating_follow_up_days`` working days later
(core/config.py, counted on the official calendar), then 回访 and 申诉复核, each recorded as a synced event.

Calendar vectors (issue 12 §1, State Council 2026 holiday notice): 2026-09-30 + 5 working days = 2026-10-13,
+ 15 = 2026-10-27.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from core.cases.codec import case_from_dict, case_to_dict
from core.cases.intake import IntakeRequest
from core.cases.model import CaseStatus, Evaluation, EventKind, MatterStatus
from core.cases.ratings import (
    REASONS_FILE,
    AppealOutcome,
    FollowUp,
    RatingChannel,
    RatingStage,
    follow_up_rating,
)
from core.cases.service import CaseQuery, CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.errors import LifecycleError, ValidationError
from core.store.store import Store
from tests.conftest import CHINA

Make = Callable[..., IntakeRequest]


def _completed(service: CaseService, number: str) -> None:
    case = service.get(number)
    for matter in case.matters:
        service.record_matter_result(number, matter.matter_id, MatterStatus.DONE, "已出证")
    assert service.get(number).status is CaseStatus.COMPLETED


def test_a_bad_rating_opens_rectification_due_in_working_days(
    catalog: Catalog, store: Store, clock: Any, make_request: Make
) -> None:
    clock.set(datetime(2026, 9, 30, 10, 0, tzinfo=CHINA))  # the eve of 国庆/中秋 2026
    for days, due in ((5, date(2026, 10, 13)), (15, date(2026, 10, 27))):
        service = CaseService(catalog, store, clock, DeviceConfig.demo(bad_rating_follow_up_days=days), "w1")
        case = service.accept(make_request())
        rated = service.evaluate(
            case.number, 1, "等候时间太长", channel=RatingChannel.KIOSK, helper_present=True
        )
        rating = rated.rating(RatingStage.INTAKE)
        assert rating is not None and rating.rectification is not None
        assert rating.rectification.deadline == due
        assert (rating.channel, rating.helper_present) == (RatingChannel.KIOSK, True)
        assert rated.open_rectifications == (rating,) and rated.next_deadline == due
        # The store indexes it: the case desk's "due within" look-up finds the 整改.
        found = service.find(CaseQuery(deadline_before=date(due.year, due.month, due.day + 1)))
        assert case.number in [c.number for c in found]
        assert service.get(case.number) == rated  # durable
        (event,) = [e for e in store.events_for(case.number) if e.kind == EventKind.EVALUATED.value]
        assert event.payload["rectification"]["deadline"] == due.isoformat()
        assert event.payload["stage"] == "intake" and event.payload["channel"] == "kiosk"


def test_a_good_rating_opens_nothing(service: CaseService, make_request: Make) -> None:
    rated = service.evaluate(service.accept(make_request()).number, 4)
    assert rated.evaluation is not None and rated.evaluation.rectification is None
    assert rated.open_rectifications == () and rated.next_deadline is None


def test_one_rating_at_intake_and_one_after_completion(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request())
    with pytest.raises(LifecycleError, match="办结后才能评价"):
        service.evaluate(case.number, 5, stage=RatingStage.RESULT)
    service.evaluate(case.number, 5)
    with pytest.raises(LifecycleError, match="一次一评"):
        service.evaluate(case.number, 4)
    _completed(service, case.number)
    rated = service.evaluate(case.number, 2, "结果与承诺不符")  # a decided case: 一事一评 by default
    assert [(r.stage, r.level) for r in rated.evaluations] == [
        (RatingStage.INTAKE, 5),
        (RatingStage.RESULT, 2),
    ]
    assert rated.evaluation == rated.rating(RatingStage.RESULT)
    assert [r.stage for r in rated.open_rectifications] == [RatingStage.RESULT]
    with pytest.raises(LifecycleError, match="一事一评"):
        service.evaluate(case.number, 1, "again")


def test_rectification_visit_and_appeal_are_recorded(
    service: CaseService, store: Store, make_request: Make
) -> None:
    case = service.accept(make_request())
    with pytest.raises(ValidationError, match="没有需要整改的差评"):
        service.follow_up(case.number, FollowUp.RECTIFY, "已整改")
    service.evaluate(case.number, 2, "窗口人员态度不好")
    with pytest.raises(ValidationError, match="请填写整改结果"):
        service.follow_up(case.number, FollowUp.RECTIFY, "  ")
    with pytest.raises(ValidationError, match="回访日期"):
        service.follow_up(case.number, FollowUp.VISIT, "申请人表示满意")
    visited = service.follow_up(
        case.number, FollowUp.VISIT, "申请人表示满意", visit_on=date(2026, 11, 25), staff="王科长"
    )
    rating = visited.rating(RatingStage.INTAKE)
    assert rating is not None and rating.visit is not None
    assert (rating.visit.on, rating.visit.staff, rating.visit.outcome) == (
        date(2026, 11, 25),
        "王科长",
        "申请人表示满意",
    )
    assert visited.open_rectifications  # a visit alone does not close the 整改
    done = service.follow_up(case.number, FollowUp.RECTIFY, "已对窗口人员批评教育并培训")
    rating = done.rating(RatingStage.INTAKE)
    assert rating is not None and rating.rectification is not None
    assert rating.rectification.done and rating.rectification.by == "window07"
    assert done.open_rectifications == () and done.next_deadline is None
    with pytest.raises(LifecycleError, match="整改结果已记录"):
        service.follow_up(case.number, FollowUp.RECTIFY, "again")
    with pytest.raises(LifecycleError, match="整改已完成"):
        service.follow_up(case.number, FollowUp.APPEAL, "误评", outcome=AppealOutcome.VOIDED)
    kinds = [e.kind for e in store.events_for(case.number)]
    assert kinds.count(EventKind.RATING_FOLLOWED_UP.value) == 2
    assert [a.action for a in store.audit_entries() if a.case_number == case.number][
        -1
    ] == "case.rating_follow_up"


def test_an_appeal_that_voids_the_bad_rating_closes_its_rectification(
    service: CaseService, make_request: Make
) -> None:
    case = service.accept(make_request())
    service.evaluate(case.number, 1, "随便点的")
    with pytest.raises(ValidationError, match="复核结论"):
        service.follow_up(case.number, FollowUp.APPEAL, "申请人误评")
    voided = service.follow_up(
        case.number, FollowUp.APPEAL, "申请人误评，回访确认", outcome=AppealOutcome.VOIDED
    )
    rating = voided.rating(RatingStage.INTAKE)
    assert rating is not None and rating.appeal is not None and rating.appeal.outcome is AppealOutcome.VOIDED
    assert voided.open_rectifications == ()
    with pytest.raises(LifecycleError, match="不成立，无需整改"):
        service.follow_up(case.number, FollowUp.RECTIFY, "x")


def test_categories_come_only_from_the_shipped_list(
    service: CaseService, make_request: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, other = service.accept(make_request()), service.accept(make_request())
    with pytest.raises(ValidationError, match="不在 GB/T 39734 附录A"):
        service.evaluate(case.number, 1, "态度差", categories=["服务态度"])  # not confirmed: none ship
    rules = tmp_path / "assets" / "rules"
    rules.mkdir(parents=True)
    (rules / REASONS_FILE).write_text(json.dumps({"categories": [{"name": "服务态度"}]}), encoding="utf-8")
    monkeypatch.setenv("TONGBAN_ASSETS", str(tmp_path / "assets"))
    with pytest.raises(ValidationError, match="只有差评"):
        service.evaluate(case.number, 5, categories=["服务态度"])
    rated = service.evaluate(case.number, 1, "态度差", categories=["服务态度", "服务态度"])
    assert rated.evaluation is not None and rated.evaluation.categories == ("服务态度",)
    # A category says what went wrong: a 差评 with one needs no more words (the 一事一评 here).
    with pytest.raises(ValidationError, match="差评请说明原因"):
        service.evaluate(other.number, 2)
    assert service.evaluate(other.number, 2, categories=["服务态度"]).evaluation is not None


def test_a_good_rating_has_nothing_to_follow_up() -> None:
    """follow_up_rating is the one rule for a case's rating and for a kiosk rating the platform holds."""
    good = Evaluation(level=4, reason="", at="2026-11-23T09:30:00+08:00")
    with pytest.raises(ValidationError, match="不是差评"):
        follow_up_rating(
            good,
            FollowUp.VISIT,
            text="x",
            at="2026-11-24T10:00:00+08:00",
            by="王",
            visit_on=date(2026, 11, 24),
        )


def test_ratings_survive_the_codec_and_old_payloads_read(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request())
    service.evaluate(case.number, 2, "等太久", channel=RatingChannel.QR)
    case = service.follow_up(case.number, FollowUp.VISIT, "已解释", visit_on=date(2026, 11, 24))
    assert case_from_dict(json.loads(json.dumps(case_to_dict(case)))) == case
    old = case_to_dict(case)
    del old["evaluations"]
    old["evaluation"] = {"level": 3, "reason": "", "at": "2026-11-23T09:30:00+08:00"}
    (rating,) = case_from_dict(old).evaluations
    assert (rating.level, rating.stage, rating.channel) == (3, RatingStage.INTAKE, RatingChannel.WINDOW)


def test_a_rating_at_a_proxy_intake_records_the_helper_as_present(
    service: CaseService, make_request: Make
) -> None:
    from dataclasses import replace

    from core.cases.intake import ProxyInput

    png = b"\x89PNG\r\n\x1a\n" + b"signature" * 20
    proxy = ProxyInput(
        helper_name="赵帮办",
        helper_id_number="320115198805120036",
        scope="代为办理新生儿出生一件事",
        valid_until=date(2026, 12, 31),
        signature=png,
        photo=b"\xff\xd8visit photo\xff\xd9",
    )
    case = service.accept(replace(make_request(), proxy=proxy))
    rated = service.evaluate(case.number, 5)
    assert rated.evaluation is not None and rated.evaluation.helper_present
    plain = service.evaluate(service.accept(make_request()).number, 5)
    assert plain.evaluation is not None and not plain.evaluation.helper_present


def test_what_is_still_open_for_a_bad_rating(service: CaseService, make_request: Make) -> None:
    from core.cases.ratings import open_actions, open_follow_ups

    case = service.accept(make_request())
    rated = service.evaluate(case.number, 1, "态度差")
    (rating,) = open_follow_ups(rated)
    assert open_actions(rating) == (FollowUp.RECTIFY, FollowUp.VISIT, FollowUp.APPEAL)
    voided = service.follow_up(case.number, FollowUp.APPEAL, "误评", outcome=AppealOutcome.VOIDED)
    (rating,) = open_follow_ups(voided)
    assert open_actions(rating) == (FollowUp.VISIT,)  # every 差评 is visited, even one found void
    visited = service.follow_up(case.number, FollowUp.VISIT, "已说明", visit_on=date(2026, 11, 24))
    assert open_follow_ups(visited) == ()
