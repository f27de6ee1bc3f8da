"""``tongban cases pause`` and ``tongban cases resume``: a 特别程序 stops and restarts a case's clock
(行政许可法 §45; core/cases/special_procedures.py), and the lines ``cases show`` prints about them."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from core.case_numbers import parse_case_number
from core.cases.model import Case
from core.cases.special_procedures import WHOLE_CASE, ProcedureKind, SpecialProcedure, scope_text
from core.cli.context import Context, NewStore

KINDS = ", ".join(f"{k.value} {k.label}" for k in ProcedureKind)


def fill(cs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``cases pause`` and ``cases resume`` (added by core.cli.cases_cmd.fill)."""
    p = cs.add_parser(
        "pause",
        help="启动特别程序，暂停计时（行政许可法第四十五条） (start a special procedure: the clock pauses)",
    )
    p.add_argument("number", metavar="NUMBER", help="办件编号")
    p.add_argument(
        "--kind", required=True, choices=[k.value for k in ProcedureKind], metavar="KIND", help=KINDS
    )
    p.add_argument("--reason", required=True, help="启动原因（书面告知申请人）")
    p.add_argument(
        "--days", type=int, default=None, metavar="N", help="预计所需工作日（所需时间书面告知申请人）"
    )
    p.add_argument("--matter", default=None, metavar="ID", help="只暂停其中一个事项（默认：整个办件）")
    p.add_argument("--operator", default=None, help="经办人工号")
    p.set_defaults(handler=cmd_pause)

    r = cs.add_parser(
        "resume", help="结束特别程序，恢复计时 (end the special procedure: the clock runs again)"
    )
    r.add_argument("number", metavar="NUMBER", help="办件编号")
    r.add_argument(
        "--matter", default=None, metavar="ID", help="结束哪个事项的特别程序（有多个进行中时必填）"
    )
    r.add_argument("--note", default="", help="特别程序的结果")
    r.add_argument("--operator", default=None, help="经办人工号")
    r.set_defaults(handler=cmd_resume)


def _operator(ctx: Context, given: str | None) -> str:
    from core.cli.cases_cmd import _operator as operator  # one rule for who is recorded

    return operator(ctx, given)


def cmd_pause(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        ctx.cases().get(args.number)  # a missing data directory or case is told before a missing operator
        matter = None if args.matter in (None, WHOLE_CASE) else args.matter
        case = ctx.cases(_operator(ctx, args.operator)).start_procedure(
            args.number, ProcedureKind(args.kind), args.reason, matter_id=matter, expected_days=args.days
        )
    finally:
        ctx.close()
    p = case.special_procedures[-1]
    display = parse_case_number(case.number).display
    print(f"办件 {display}：{scope_text(case, p.matter_id)}启动特别程序（{p.kind.label}），暂停计时。")
    print(due_line(case))
    return 0


def cmd_resume(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        ctx.cases().get(args.number)
        case = ctx.cases(_operator(ctx, args.operator)).end_procedure(
            args.number, matter_id=None if args.matter in (None, WHOLE_CASE) else args.matter, note=args.note
        )
    finally:
        ctx.close()
    p = max((p for p in case.special_procedures if p.ended_at), key=lambda p: p.ended_at or "")
    display = parse_case_number(case.number).display
    print(
        f"办件 {display}：{scope_text(case, p.matter_id)}特别程序（{p.kind.label}）结束，恢复计时；"
        f"不计时 {p.paused_days} 个工作日。"
    )
    print(due_line(case))
    return 0


def due_line(case: Case) -> str:
    """The case's due date as moved by its 特别程序 (预计 while one is open)."""
    if case.due_date is None:
        return "办结期限：以部门告知为准（有事项未公布办理时限）"
    if case.due_date == case.promised_date:
        return f"办结期限：{case.due_date.isoformat()} 前（未顺延）"
    expected = "预计" if case.open_procedures else ""
    return (
        f"办结期限：{expected}顺延至 {case.due_date.isoformat()} 前"
        f"（原承诺 {case.promised_date.isoformat() if case.promised_date else '—'}；特别程序时间不计入）"
    )


def show_lines(case: Case) -> Iterator[str]:
    """What ``cases show`` prints about the case's 特别程序."""
    if not case.special_procedures:
        return
    yield "特别程序："
    for p in case.special_procedures:
        yield "  · " + procedure_line(case, p)
    yield "  " + due_line(case)


def procedure_line(case: Case, p: SpecialProcedure) -> str:
    started = f"{p.started_on.isoformat()} 起"
    expected = f"，预计 {p.expected_days} 个工作日" if p.expected_days else ""
    if p.ended_on is None:
        state = "进行中"
    else:
        state = f"{p.ended_on.isoformat()} 结束，不计时 {p.paused_days} 个工作日" + (
            f"：{p.note}" if p.note else ""
        )
    return f"{p.kind.label}（{scope_text(case, p.matter_id)}，{started}{expected}）{state}。原因：{p.reason}"
