"""好差评 to the end (GB/T 39734-2020): two ratings per case, a bad one's 整改, 回访 and 申诉复核.

Sources (domain review §5, E1–E4):
- GB/T 39734-2020 §7.1 评价次数: 一次一评 (the visit) and 一事一评 (the matter, after 办结) — so a case
  takes one rating at intake and one after its decision;
- §9.3 差评处置: a 差评 (不满意, 非常不满意) is 整改 within a time limit, the rater is visited again (回访),
  and a malicious or mistaken 差评 may be appealed (申诉复核); local rules give the limit in working days
  (5 or 15 seen: ``bad_rating_follow_up_days``, core/config.py);
- E4: each rating records its channel (窗口评价器, 自助终端, 二维码) and whether a 帮办代办 helper was present.

The 差评 categories of 附录A are data (assets/rules/bad-rating-reasons.json, read by ``bad_reason_categories``);
a category not in that list is refused. Pure rules; CaseService records them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from core.assets import assets_dir
from core.errors import LifecycleError, ValidationError
from core.workdays import add_working_days

if TYPE_CHECKING:
    from core.cases.model import Case, Evaluation

REASONS_FILE = "bad-rating-reasons.json"


class RatingStage(StrEnum):
    """When a rating was given (GB/T 39734 §7.1). Persisted values: never rename one."""

    INTAKE = "intake"  # 一次一评: the visit, at the window or the kiosk
    RESULT = "result"  # 一事一评: the matter, after its decision (办结)

    @property
    def label(self) -> str:
        return "一次一评（受理时）" if self is RatingStage.INTAKE else "一事一评（办结后）"


class RatingChannel(StrEnum):
    """Where a rating was given (评价渠道). Persisted values: never rename one."""

    WINDOW = "window"  # 窗口评价器 (the citizen screen at the window)
    KIOSK = "kiosk"  # 自助终端
    QR = "qr"  # 二维码 (the receipt's code, on the citizen's phone)

    @property
    def label(self) -> str:
        return {"window": "窗口评价器", "kiosk": "自助终端", "qr": "二维码"}[self.value]


class AppealOutcome(StrEnum):
    """The decision of a 申诉复核 of a 差评. Persisted values: never rename one."""

    UPHELD = "upheld"  # 差评成立: the 整改 stands
    VOIDED = "voided"  # 差评不成立 (恶意或误评): no 整改 is owed

    @property
    def label(self) -> str:
        return "差评成立" if self is AppealOutcome.UPHELD else "差评不成立"


@dataclass(frozen=True, slots=True)
class Rectification:
    """The 整改 a bad rating opens: due by ``deadline``; ``result`` once recorded."""

    deadline: date
    result: str = ""
    at: str | None = None
    by: str = ""

    @property
    def done(self) -> bool:
        return self.at is not None


@dataclass(frozen=True, slots=True)
class FollowUpVisit:
    """回访: on which day, by whom, and what the rater said."""

    on: date
    staff: str
    outcome: str
    at: str


@dataclass(frozen=True, slots=True)
class Appeal:
    """申诉复核 of a 差评: why it was appealed and what the review decided."""

    reason: str
    outcome: AppealOutcome
    at: str
    by: str


class FollowUp(StrEnum):
    """What staff record against a bad rating (``tongban cases follow-up --action``)."""

    RECTIFY = "rectify"  # 整改结果
    VISIT = "visit"  # 回访
    APPEAL = "appeal"  # 申诉复核


@functools.cache
def _read_reasons(path: str) -> tuple[str, ...]:
    with open(path, encoding="utf-8") as f:
        raw: Any = json.load(f)
    categories = raw.get("categories", []) if isinstance(raw, dict) else []
    return tuple(str(c["name"]) for c in categories if isinstance(c, dict) and c.get("name"))


def bad_reason_categories() -> tuple[str, ...]:
    """The 差评 categories of GB/T 39734 附录A as shipped (empty while unconfirmed: free text only)."""
    return _read_reasons(str(assets_dir() / "rules" / REASONS_FILE))


def default_stage(case: Case) -> RatingStage:
    """A decided case is rated on its result (一事一评); any other on the visit (一次一评)."""
    from core.cases.model import CaseStatus

    return (
        RatingStage.RESULT
        if case.status in (CaseStatus.COMPLETED, CaseStatus.REJECTED)
        else RatingStage.INTAKE
    )


def check_rating(case: Case, level: int, reason: str, stage: RatingStage, categories: Sequence[str]) -> None:
    """Raise ValidationError or LifecycleError unless ``case`` may take this rating."""
    from core.cases.model import EVALUATION_LEVELS, CaseStatus

    if level not in EVALUATION_LEVELS:
        raise ValidationError(
            "level", "评价等级应为 1–5（5 非常满意 … 1 非常不满意）", "level must be 1-5", code="rating.level"
        )
    known = bad_reason_categories()
    unknown = [c for c in categories if c not in known]
    if unknown:
        raise ValidationError(
            "categories",
            f"差评分类“{'、'.join(unknown)}”不在 GB/T 39734 附录A 的分类中",
            f"unknown bad-rating categories: {', '.join(unknown)}",
            code="rating.category",
            params={"categories": "、".join(unknown)},
        )
    if categories and level > 2:
        raise ValidationError(
            "categories",
            "只有差评才选差评分类",
            "categories are for a bad rating only",
            code="rating.category_good",
        )
    if level <= 2 and not reason.strip() and not categories:  # the 附录A categories say what went wrong too
        raise ValidationError(
            "reason", "差评请说明原因，以便整改和回访", "a bad rating needs a reason", code="rating.no_reason"
        )
    if case.status is CaseStatus.DRAFT:
        raise LifecycleError("办件尚未受理，不能评价。", "draft cannot be evaluated")
    if case.rating(stage) is not None:
        how = "一次一评" if stage is RatingStage.INTAKE else "一事一评"
        raise LifecycleError(f"本办件已评价过（{how}）。", f"case already rated ({stage.value})")
    if stage is RatingStage.RESULT and case.status not in (CaseStatus.COMPLETED, CaseStatus.REJECTED):
        raise LifecycleError(
            f"办件状态为“{case.status.label}”，办结后才能评价办理结果（一事一评）。",
            f"case is {case.status.value}: the result is rated after the decision",
        )


def rectification_for(
    level: int, rated_on: date, days: int, holidays: Collection[date] = (), workdays: Collection[date] = ()
) -> Rectification | None:
    """The 整改 a rating of ``level`` opens on ``rated_on``: due ``days`` working days later; None if good."""
    if level > 2:
        return None
    return Rectification(deadline=add_working_days(rated_on, days, holidays, workdays))


def followed_up(
    case: Case,
    stage: RatingStage | None,
    action: FollowUp,
    *,
    text: str,
    at: str,
    by: str,
    visit_on: date | None = None,
    outcome: AppealOutcome | None = None,
) -> tuple[Case, Evaluation]:
    """``case`` with the 整改结果, 回访 or 申诉复核 of its bad rating recorded; the changed rating.

    ``stage`` None: the only bad rating whose follow-up is open (ValidationError if none or two).
    """
    rating = _bad_rating(case, stage)
    done = follow_up_rating(rating, action, text=text, at=at, by=by, visit_on=visit_on, outcome=outcome)
    ratings = tuple(done if r.stage is rating.stage else r for r in case.evaluations)
    return replace(case, evaluations=ratings), done


def follow_up_rating(
    rating: Evaluation,
    action: FollowUp,
    *,
    text: str,
    at: str,
    by: str,
    visit_on: date | None = None,
    outcome: AppealOutcome | None = None,
) -> Evaluation:
    """``rating`` (a 差评) with its 整改结果, 回访 or 申诉复核 recorded: the one rule for a rating on a
    case (``followed_up``) and for a kiosk rating with no case that the platform follows up."""
    text = text.strip()
    if rating.rectification is None:
        raise ValidationError(
            "rating", "这条评价不是差评，无需整改", "not a bad rating", code="rating.no_bad_rating"
        )
    if not text:
        what = {FollowUp.RECTIFY: "整改结果", FollowUp.VISIT: "回访情况", FollowUp.APPEAL: "申诉理由"}[action]
        raise ValidationError(
            "text", f"请填写{what}", f"{action.value}: text is empty", code="rating.no_text"
        )
    if action is FollowUp.RECTIFY:
        if rating.rectification.done:
            raise LifecycleError("该差评的整改结果已记录，不能再改。", "rectification already recorded")
        if rating.appeal is not None and rating.appeal.outcome is AppealOutcome.VOIDED:
            raise LifecycleError("该差评经申诉复核不成立，无需整改。", "the bad rating was voided on appeal")
        return replace(rating, rectification=replace(rating.rectification, result=text, at=at, by=by))
    if action is FollowUp.VISIT:
        if visit_on is None:
            raise ValidationError(
                "on", "请填写回访日期", "a visit needs its date", code="rating.no_visit_date"
            )
        if rating.visit is not None:
            raise LifecycleError("该差评的回访已记录，不能再改。", "visit already recorded")
        return replace(rating, visit=FollowUpVisit(on=visit_on, staff=by, outcome=text, at=at))
    if outcome is None:
        raise ValidationError(
            "outcome", "请选择复核结论", "an appeal needs its outcome", code="rating.no_appeal_outcome"
        )
    if rating.appeal is not None:
        raise LifecycleError("该差评已申诉复核，不能再改。", "appeal already recorded")
    if rating.rectification.done:
        raise LifecycleError("整改已完成，不能再申诉复核。", "rectification already done")
    return replace(rating, appeal=Appeal(reason=text, outcome=outcome, at=at, by=by))


def _bad_rating(case: Case, stage: RatingStage | None) -> Evaluation:
    bad = [r for r in case.evaluations if r.rectification is not None]
    if stage is not None:
        bad = [r for r in bad if r.stage is stage]
    if not bad:
        raise ValidationError(
            "number", "本办件没有需要整改的差评", "no bad rating on this case", code="rating.no_bad_rating"
        )
    if len(bad) > 1:
        raise ValidationError(
            "stage",
            "本办件有两条差评，请指明一次一评（intake）或一事一评（result）",
            "two bad ratings: name the stage (intake or result)",
            code="rating.which_stage",
        )
    return bad[0]


def open_follow_ups(case: Case) -> tuple[Evaluation, ...]:
    """Bad ratings with something still to record (``open_actions``): 整改, 回访 or 申诉复核."""
    return tuple(r for r in case.evaluations if open_actions(r))


def open_actions(rating: Evaluation) -> tuple[FollowUp, ...]:
    """What can still be recorded against ``rating`` (``followed_up`` refuses the rest)."""
    fix = rating.rectification
    if fix is None:
        return ()
    actions = []
    if not fix.done and not _voided(rating):
        actions.append(FollowUp.RECTIFY)
    if rating.visit is None:
        actions.append(FollowUp.VISIT)
    if rating.appeal is None and not fix.done:
        actions.append(FollowUp.APPEAL)
    return tuple(actions)


def _voided(rating: Evaluation) -> bool:
    return rating.appeal is not None and rating.appeal.outcome is AppealOutcome.VOIDED
