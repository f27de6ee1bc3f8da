"""``tongban platform ratings`` and ``tongban platform rating-follow-up``: the kiosk ratings with no case
the platform holds, and the 整改结果, 回访 and 申诉复核 of a 差评 among them (sync.server.ratings).

Handlers follow sync.server.commands: 0 success, 1 the database failed, 2 bad input; a Chinese message
and an English detail, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
from datetime import date
from typing import Any

from core.calendar import shipped_calendar
from core.cases.model import EVALUATION_LEVELS
from core.cases.ratings import AppealOutcome, FollowUp
from core.clock import SystemClock
from core.errors import LifecycleError, NotFoundError, ValidationError
from sync.server.ratings import follow_up_kiosk_rating, kiosk_ratings

SERVICE_LABELS = {"certificate": "打印证明", "progress": "查询进度"}


def fill(actions: argparse._SubParsersAction[argparse.ArgumentParser], db_option: Any) -> None:
    """Add both actions to ``platform``; ``db_option(parser)`` adds its ``--db``."""
    ratings = actions.add_parser(
        "ratings", help="列出平台收到的自助终端评价（无本地办件）及差评的整改期限、整改与回访情况"
    )
    db_option(ratings)
    ratings.add_argument("--open", action="store_true", help="只列出尚有整改、回访或复核未记录的差评")
    ratings.add_argument("--json", action="store_true", help="以 JSON 输出")
    ratings.set_defaults(handler=cmd_ratings)

    fu = actions.add_parser(
        "rating-follow-up", help="记录自助终端差评的整改结果、回访或申诉复核 (follow up a kiosk bad rating)"
    )
    db_option(fu)
    fu.add_argument("id", metavar="ID", help="评价编号（platform ratings 所列，至少 6 位）")
    fu.add_argument(
        "--action",
        choices=[a.value for a in FollowUp],
        required=True,
        help="rectify 整改结果 / visit 回访 / appeal 申诉复核",
    )
    fu.add_argument("--text", required=True, help="整改结果、回访情况或申诉理由")
    fu.add_argument("--staff", required=True, help="经办人（回访人、复核人）")
    fu.add_argument("--on", default=None, metavar="YYYY-MM-DD", help="回访日期（visit 必填）")
    fu.add_argument(
        "--outcome",
        choices=[o.value for o in AppealOutcome],
        default=None,
        help="申诉复核结论（appeal 必填）：upheld 差评成立 / voided 差评不成立",
    )
    fu.set_defaults(handler=cmd_follow_up)


def cmd_ratings(args: argparse.Namespace) -> int:
    from sync.server.commands import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, _database, _fail

    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        with _database(args.db) as db:
            held = kiosk_ratings(db, open_only=args.open)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法读取平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({"ratings": held}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not held:
        print("没有待处置的自助终端差评。" if args.open else "平台上还没有自助终端评价。")
        return EXIT_OK
    today = SystemClock().now().date()
    for item in held:
        print("\n".join(rating_lines(item, today)))
    print(f"共 {len(held)} 条。")
    return EXIT_OK


def rating_lines(item: dict[str, Any], today: date) -> list[str]:
    """One held rating as ``platform ratings`` prints it: its id, when, where, the level and reason;
    a 差评's 整改 deadline (逾期 once past), result, 回访 and 申诉复核."""
    services = "、".join(SERVICE_LABELS.get(s, s) for s in item.get("services", [])) or "—"
    level = int(item["level"])
    head = (
        f"{str(item['id'])[:8]}  {str(item['at'])[:16].replace('T', ' ')}  设备 {item['device_id']}"
        f"  {services}  {EVALUATION_LEVELS.get(level, level)}"
    )
    if item.get("case_number"):
        head += f"  办件 {item['case_number']} 办结后评价"
    if item.get("categories"):
        head += f"［{'、'.join(item['categories'])}］"
    lines = [head + (f"：{item['reason']}" if item.get("reason") else "")]
    handling = item.get("handling")
    if not isinstance(handling, dict):
        return lines
    fix, visit, appeal = handling["rectification"], handling.get("visit"), handling.get("appeal")
    deadline = date.fromisoformat(fix["deadline"])
    provisional = "（暂定）" if shipped_calendar().is_provisional(deadline) else ""
    if fix.get("at"):
        state = f"已整改（{fix['by']}，{str(fix['at'])[:10]}）：{fix['result']}"
    elif appeal and appeal["outcome"] == AppealOutcome.VOIDED.value:
        state = "申诉复核认定差评不成立，无需整改"
    else:
        state = "待整改，已逾期" if deadline < today else "待整改"
    lines.append(
        f"    整改：{deadline.isoformat()}{provisional} 前，{state} (rectify by {deadline.isoformat()})"
    )
    lines.append(
        f"    回访：{visit['on']} {visit['staff']}：{visit['outcome']}" if visit else "    回访：尚未回访"
    )
    if appeal:
        lines.append(
            f"    申诉复核：{AppealOutcome(appeal['outcome']).label}（{appeal['by']}）：{appeal['reason']}"
        )
    return lines


def cmd_follow_up(args: argparse.Namespace) -> int:
    from core.cli.context import option_date
    from sync.server.commands import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, _database, _fail

    if not args.db.exists():
        return _fail(f"平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        visit_on = option_date(args.on, "--on", "日期")
        with _database(args.db) as db:
            item = follow_up_kiosk_rating(
                db,
                args.id,
                FollowUp(args.action),
                text=args.text,
                by=args.staff,
                now=SystemClock().now(),
                visit_on=visit_on,
                outcome=None if args.outcome is None else AppealOutcome(args.outcome),
            )
    except (ValidationError, NotFoundError, LifecycleError) as exc:
        return _fail(exc.message, EXIT_BAD_INPUT, exc.detail)
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"无法写入平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    done = {"rectify": "整改结果", "visit": "回访", "appeal": "申诉复核"}[args.action]
    print(f"已记录{done}。 ({args.action} recorded)")
    print("\n".join(rating_lines(item, SystemClock().now().date())))
    return EXIT_OK
