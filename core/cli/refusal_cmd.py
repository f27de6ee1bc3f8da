"""``tongban cases refuse`` (补正告知 / 不予受理, 行政许可法 §32) and ``tongban cases verify`` (the 核查 of a 告知承诺).

``refuse`` takes the same intake document as ``cases add`` and records the application as not
accepted (core/cases/refusal.py), then shows its notice. Printing it needs a printer driver, which
core does not import: the window client adds ``--print``/``--printer`` to this command
(window_client/commands.py) and sets ``print_notice``, which prints through the one receipt chain.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.case_numbers import parse_case_number
from core.cases.model import Case, CheckOutcome, RefusalKind
from core.cases.refusal import RefusalRequest, missing_items
from core.cli.context import Context, NewStore, option_date, print_json
from core.cli.intake_json import load_intake_file
from core.config import DeviceConfig
from core.errors import ValidationError
from core.receipts import Receipt, rejection_notice, render_text, supplement_notice

PrintNotice = Callable[[argparse.Namespace, Context, Case], str]
"""Prints ``case``'s notice through the receipt chain and says what it printed (window_client/commands.py)."""

KIND_NAMES = {"supplement": RefusalKind.SUPPLEMENT, "reject": RefusalKind.REJECT}


def fill(cs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``cases refuse`` and ``cases verify`` (added by core.cli.cases_cmd.fill)."""
    p = cs.add_parser(
        "refuse", help="不予受理：一次性补正告知或不予受理，打印通知书 (record an application not accepted)"
    )
    p.add_argument(
        "--json", dest="file", type=Path, required=True, metavar="FILE", help="受理数据 JSON（同 cases add）"
    )
    p.add_argument(
        "--kind",
        choices=sorted(KIND_NAMES),
        required=True,
        help="supplement 材料不齐全或不符合法定形式，一次性告知补正 / reject 不予受理（须写明理由）",
    )
    p.add_argument("--reason", default="", help="不予受理的理由（reject 必填）；补正时为补充说明")
    p.add_argument(
        "--defect",
        action="append",
        default=[],
        metavar="ID=TEXT",
        help="已提交但需补正的材料及问题，如 marriage_cert=复印件不清晰（可重复）",
    )
    p.add_argument("--received", default=None, metavar="YYYY-MM-DD", help="收到申请材料的日期（默认今天）")
    p.add_argument("--operator", default=None, help="经办人工号")
    p.add_argument("--as-json", dest="as_json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(handler=cmd_refuse)

    v = cs.add_parser("verify", help="记录告知承诺的核查结果 (record the check of a commitment)")
    v.add_argument("number", metavar="NUMBER", help="办件编号")
    v.add_argument("--material", required=True, metavar="ID", help="承诺替代的材料编号")
    v.add_argument("--outcome", required=True, choices=("true", "false"), help="true 属实 / false 不实")
    v.add_argument("--note", default="", help="核查情况（不实时必填）")
    v.add_argument("--operator", default=None, help="经办人工号")
    v.set_defaults(handler=cmd_verify)


def cmd_refuse(args: argparse.Namespace) -> int:
    doc = load_intake_file(args.file, data_dir=args.data_dir)
    request = RefusalRequest(
        KIND_NAMES[args.kind],
        doc.request,
        reason=args.reason,
        defects=_defects(args.defect),
        received_on=option_date(args.received, "--received", "收到材料日期"),
    )
    ctx = Context.from_args(args, NewStore.ANNOUNCE)  # a refusal may be a device's first record
    print_notice: PrintNotice | None = getattr(args, "print_notice", None)
    try:
        operator = _operator(ctx, args.operator, doc.operator)
        case = ctx.cases(operator).refuse(request)
        if args.as_json:
            print_json(refusal_summary(case))
        else:  # said before printing: a printer that fails must not hide the record's number
            display = parse_case_number(case.number).display
            print(display)
            print(f"{case.status.label}：{case.bundle_name}（办件编号 {display}）。")
            print(render_text(notice(case, ctx.config)))
        printed = print_notice(args, ctx, case) if print_notice is not None else ""
    finally:
        ctx.close()
    if printed and not args.as_json:
        print(printed)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        ctx.cases().get(args.number)  # a missing data directory or case is told before a missing operator
        case = ctx.cases(_operator(ctx, args.operator)).record_check(
            args.number, args.material, CheckOutcome(args.outcome), args.note
        )
    finally:
        ctx.close()
    item = case.item(args.material)
    assert item.check is not None and item.check.outcome is not None
    print(f"已记录核查结果：{item.name}，承诺{item.check.outcome.label}。")
    left = case.check_deadline
    print(f"尚待核查的承诺最早期限：{left.isoformat()}。" if left else "本办件的告知承诺已全部核查。")
    return 0


def notice(case: Case, config: DeviceConfig) -> Receipt:
    """The notice of a refused case (一次性补正告知书 or 不予受理通知书)."""
    if case.refusal is not None and case.refusal.kind is RefusalKind.REJECT:
        return rejection_notice(case, config)
    return supplement_notice(case, config)


def refusal_summary(case: Case) -> dict[str, Any]:
    refusal = case.refusal
    assert refusal is not None
    return {
        "number": case.number,
        "display_number": parse_case_number(case.number).display,
        "status": case.status.value,
        "status_label": case.status.label,
        "kind": refusal.kind.value,
        "reason": refusal.reason,
        "received_on": refusal.received_on.isoformat(),
        "notice_by": refusal.notice_by.isoformat(),
        "missing": [  # what a 补正 notice asks for; a rejection asks for nothing
            {"material": i.material_id, "name": i.name, "note": i.note}
            for i in (missing_items(case) if refusal.kind is RefusalKind.SUPPLEMENT else ())
        ],
    }


def _operator(ctx: Context, *given: str | None) -> str:
    from core.cli.cases_cmd import _operator as operator  # one rule for who makes a change

    return operator(ctx, *given)


def _defects(specs: list[str]) -> dict[str, str]:
    defects = {}
    for spec in specs:
        material, sep, text = spec.partition("=")
        if not sep or not material.strip() or not text.strip():
            raise ValidationError(
                "--defect", f"“{spec}”应写成 材料编号=需补正的问题", f"{spec!r}: expected ID=TEXT"
            )
        defects[material.strip()] = text.strip()
    return defects
