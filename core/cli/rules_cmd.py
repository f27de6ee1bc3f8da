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
from core.rules.retirement import Category, YearMonth, age_text, retirement_rules, years_text

MAX_WORKDAYS: Final = 3650  # far beyond any published limit; a typo of a year is not waited on


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban rules`` (core.cli.commands adds the command)."""
    rs = p.add_subparsers(dest="rules_command", metavar="RULE", required=True)
    add_workdays(rs)
    add_retirement(rs)


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


# -- retirement ------------------------------------------------------------------------------


def add_retirement(rs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = rs.add_parser(
        "retirement",
        help="法定退休年龄、退休年月和最低缴费年限（2025年起渐进式延迟）(statutory retirement age and month)",
        description="按《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》及国务院办法的对照表计算"
        "（assets/rules/retirement.json）。(Under the tables of the 2025 law: the statutory retirement age, the"
        " retirement month and the minimum contribution years.)",
    )
    r.add_argument("--birth", required=True, metavar="YYYY-MM", help="出生年月，如 1966-06 (birth month)")
    r.add_argument(
        "--category",
        required=True,
        choices=[c.value for c in Category],
        help="male 男职工；female50 原法定退休年龄五十周岁的女职工；female55 原法定退休年龄五十五周岁的女职工",
    )
    r.add_argument(
        "--json",
        action="store_true",
        help="以 JSON 输出 (age_years, age_months, retire_month, min_contribution_years …)",
    )
    r.set_defaults(handler=cmd_retirement)


def cmd_retirement(args: argparse.Namespace) -> int:
    rules = retirement_rules()
    r = rules.statutory(YearMonth.parse(args.birth, field="--birth"), args.category)
    if args.json:
        print_json(r.to_json())
        return 0
    label = rules.tables[r.category].label
    early = f"最早 {r.early_from}" if r.early_from <= r.early_to else "不适用（法定退休年龄没有延迟）"
    print(f"出生年月 {r.born}，{label}：法定退休年龄 {age_text(r.age)}，{r.retire_month} 退休。")
    print(
        f"按月领取基本养老金最低缴费年限（{r.retire_month.year}年）：{years_text(r.min_contribution_months)}。"
    )
    print(
        f"弹性提前退休：{early}（不低于原法定退休年龄 {r.original_age} 岁）；弹性延迟退休：最迟 {r.delay_to}。"
    )
    print(
        f"born {r.born}, {r.category.value}: statutory retirement age {r.age_years}y{r.age_months}m,"
        f" retires {r.retire_month}; minimum contribution {r.min_contribution_years} years."
    )
    print(f"依据 (basis)：{rules.basis}")
    return 0
