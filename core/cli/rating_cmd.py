"""``tongban cases evaluate`` (好差评) and ``tongban cases follow-up`` (a 差评's 整改, 回访, 申诉复核).

The rules are core/cases/ratings.py (GB/T 39734-2020): one rating at intake (一次一评) and one after 办结
(一事一评); a 差评 opens 整改 due ``bad_rating_follow_up_days`` working days later.
"""

from __future__ import annotations

import argparse

from core.cases.model import Case
from core.cases.ratings import AppealOutcome, FollowUp, RatingChannel, RatingStage
from core.cli.context import Context, NewStore, option_date


def fill(cs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``cases evaluate`` and ``cases follow-up`` (added by core.cli.cases_cmd.fill)."""
    ev = cs.add_parser("evaluate", help="好差评 (rate the service)")
    ev.add_argument("number", metavar="NUMBER")
    ev.add_argument(
        "--level",
        type=int,
        required=True,
        choices=range(1, 6),
        metavar="1..5",
        help="5 非常满意 … 1 非常不满意",
    )
    ev.add_argument("--reason", default="", help="差评（1–2）须说明原因")
    ev.add_argument(
        "--stage",
        choices=[s.value for s in RatingStage],
        default=None,
        help="intake 一次一评（受理时）/ result 一事一评（办结后）；默认按办件状态",
    )
    ev.add_argument(
        "--channel",
        choices=[c.value for c in RatingChannel],
        default=RatingChannel.WINDOW.value,
        help="window 窗口评价器 / kiosk 自助终端 / qr 二维码",
    )
    ev.add_argument(
        "--category", action="append", default=[], metavar="NAME", help="差评分类（GB/T 39734 附录A，可重复）"
    )
    ev.add_argument("--helper-present", action="store_true", help="评价时有帮办代办人员在场")
    ev.set_defaults(handler=cmd_evaluate)

    fu = cs.add_parser("follow-up", help="差评处置：记录整改结果、回访或申诉复核 (follow up a bad rating)")
    fu.add_argument("number", metavar="NUMBER")
    fu.add_argument(
        "--action",
        choices=[a.value for a in FollowUp],
        required=True,
        help="rectify 整改结果 / visit 回访 / appeal 申诉复核",
    )
    fu.add_argument("--text", required=True, help="整改结果、回访情况或申诉理由")
    fu.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="回访日期（visit 必填）")
    fu.add_argument(
        "--outcome",
        choices=[o.value for o in AppealOutcome],
        default=None,
        help="申诉复核结论（appeal 必填）：upheld 差评成立 / voided 差评不成立",
    )
    fu.add_argument("--stage", choices=[s.value for s in RatingStage], default=None, help="哪一次评价的差评")
    fu.add_argument("--staff", default="", help="回访人（默认经办人）")
    fu.add_argument("--operator", default=None, help="经办人工号")
    fu.set_defaults(handler=cmd_follow_up)


def cmd_evaluate(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        case = ctx.cases().evaluate(
            args.number,
            args.level,
            args.reason,
            stage=None if args.stage is None else RatingStage(args.stage),
            channel=RatingChannel(args.channel),
            categories=args.category,
            helper_present=args.helper_present,
        )
    finally:
        ctx.close()
    rating = case.evaluation
    assert rating is not None
    if rating.rectification is None:
        print(f"已记录{rating.stage.label}：{rating.label}。感谢您的评价！")
    else:
        print(
            f"已记录{rating.stage.label}：{rating.label}。差评已登记，"
            f"须在 {rating.rectification.deadline.isoformat()} 前整改并回访。"
            f" (bad rating: rectify by {rating.rectification.deadline.isoformat()})"
        )
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    from core.cli.cases_cmd import _operator  # one rule for who makes a change

    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        ctx.cases().get(args.number)  # a missing data directory or case is told before a missing operator
        case = ctx.cases(_operator(ctx, args.operator)).follow_up(
            args.number,
            FollowUp(args.action),
            args.text,
            stage=None if args.stage is None else RatingStage(args.stage),
            visit_on=option_date(args.on, "--on", "日期"),
            outcome=None if args.outcome is None else AppealOutcome(args.outcome),
            staff=args.staff,
        )
    finally:
        ctx.close()
    done = {"rectify": "整改结果", "visit": "回访", "appeal": "申诉复核"}[args.action]
    print(f"已记录{done}。")
    left = case.rectification_deadline
    print(f"尚待整改的差评最早期限：{left.isoformat()}。" if left else "本办件的差评均已整改或复核。")
    return 0


def show_lines(case: Case) -> list[str]:
    """The ratings of ``case`` and their follow-up, as ``cases show`` prints them."""
    lines = []
    for r in case.evaluations:
        extra = "，帮办代办人员在场" if r.helper_present else ""
        head = f"好差评：{r.stage.label}，{r.channel.label}{extra}；{r.label}"
        if r.categories:
            head += f"［{'、'.join(r.categories)}］"
        lines.append(head + (f"：{r.reason}" if r.reason else ""))
        fix = r.rectification
        if fix is not None:
            if fix.done:
                state = f"已整改（{fix.by}，{(fix.at or '')[:10]}）：{fix.result}"
            elif r.appeal is not None and r.appeal.outcome is AppealOutcome.VOIDED:
                state = "申诉复核认定差评不成立，无需整改"
            else:
                state = "待整改"
            lines.append(f"  整改：{fix.deadline.isoformat()} 前，{state}")
        if r.visit is not None:
            lines.append(f"  回访：{r.visit.on.isoformat()} {r.visit.staff}：{r.visit.outcome}")
        if r.appeal is not None:
            lines.append(f"  申诉复核：{r.appeal.outcome.label}（{r.appeal.by}）：{r.appeal.reason}")
    return lines
