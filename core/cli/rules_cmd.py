"""``tongban rules …``: the rules staff and citizens ask about, computed as the device computes them.

One function per subcommand (``add_workdays`` …) adds its parser to the group, so another rule is
one more function and one more line in ``fill``.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import Final

from core.cli.context import Context, NewStore, print_json
from core.errors import ValidationError

MAX_WORKDAYS: Final = 3650  # far beyond any published limit; a typo of a year is not waited on


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban rules`` (core.cli.commands adds the command)."""
    rs = p.add_subparsers(dest="rules_command", metavar="RULE", required=True)
    add_workdays(rs)


# -- workdays --------------------------------------------------------------------------------


def add_workdays(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    w = rs.add_parser(
        "workdays",
        help="DATE 之后第 N 个工作日（按节假日及调休安排）(the date N working days after DATE)",
        description="按国务院办公厅节假日及调休安排（及本机配置的本地节假日）计算：DATE 之后的第一个工作日为第 1 天。"
        " (Under the official holiday calendar plus this device's local days; the first working day after DATE is day 1.)",
    )
    w.add_argument("date", metavar="DATE", help="起算日期 YYYY-MM-DD，如受理日 (start date)")
    w.add_argument("days", metavar="N", help="工作日数 (working days, 0–3650)")
    w.add_argument("--json", action="store_true", help="以 JSON 输出 (date, calendar_version, provisional)")
    w.set_defaults(handler=cmd_workdays)


def _start_date(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValidationError(
        "date", f"起算日期“{text}”不是有效的 YYYY-MM-DD 日期", f"DATE {text!r} is not a valid YYYY-MM-DD date"
    )


def _days(text: str) -> int:
    if re.fullmatch(r"\d{1,6}", text.strip()) and int(text) <= MAX_WORKDAYS:
        return int(text)
    raise ValidationError(
        "days",
        f"工作日数“{text}”应为 0 到 {MAX_WORKDAYS} 之间的整数",
        f"N {text!r} should be a whole number from 0 to {MAX_WORKDAYS}",
    )


def cmd_workdays(args: argparse.Namespace) -> int:
    start, days = _start_date(args.date), _days(args.days)
    calendar = Context.from_args(args, NewStore.REFUSE).config.working_calendar
    due = calendar.due(start, days)
    if args.json:
        print_json(
            {
                "date": due.day.isoformat(),
                "calendar_version": due.calendar_version,
                "provisional": due.provisional,
            }
        )
        return 0
    print(f"{start.isoformat()} 之后第 {days} 个工作日：{due.day.isoformat()}")
    print(f"{days} working day(s) after {start.isoformat()}: {due.day.isoformat()}")
    print(
        f"节假日安排版本 (calendar version)：{due.calendar_version}，收录 {calendar.years[0]}–{calendar.last_year} 年"
    )
    if due.provisional:
        print(
            f"注意：计算跨入 {calendar.last_year} 年之后，该年的节假日及调休安排尚未收录，结果为暂定（仅计入元旦、劳动节、国庆节的法定假日）。"
        )
        print(
            f"note: provisional: the count runs past {calendar.last_year}, for which no official holiday"
            " calendar is held yet (only the fixed-date statutory holidays are counted)."
        )
    return 0
