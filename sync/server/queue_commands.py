"""``tongban queue stats``: the hall manager's figures from the hall server's database."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from datetime import date
from pathlib import Path

from core.queue.model import load_queue_rules
from core.queue.stats import BY, Group, report_to_dict, rows_csv
from sync.server.db import open_platform_db
from sync.server.queue_ledger import read_day_report

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def fill(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    stats = actions.add_parser("stats", help="等候与办理时长、超时号票、评价（按小时、队列、事项或窗口）")
    stats.add_argument(
        "--db", type=Path, required=True, metavar="PATH", help="大厅服务器（参考平台）的数据库文件"
    )
    stats.add_argument(
        "--day", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD", help="哪一天（默认今天）"
    )
    stats.add_argument("--by", choices=sorted(BY), default="hour", help="分组方式（默认 hour）")
    stats.add_argument("--csv", type=Path, metavar="FILE", help="把每张号票写成 CSV（不含个人信息）")
    stats.add_argument("--json", action="store_true", help="以 JSON 输出")
    stats.set_defaults(handler=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    if not args.db.exists():
        print(f"错误：大厅服务器数据库 {args.db} 不存在", file=sys.stderr)
        print(f"error: no database at {args.db}", file=sys.stderr)
        return EXIT_BAD_INPUT
    day = args.day or date.today()
    rules = load_queue_rules()
    try:
        db = open_platform_db(args.db)
        try:
            report = read_day_report(db, rules, day, args.by)  # what GET /api/v1/queue/stats answers
        finally:
            db.close()
    except sqlite3.Error as exc:
        print(f"错误：无法读取大厅服务器数据库 {args.db}：{exc}", file=sys.stderr)
        return EXIT_FAILURE
    stats, late = report.stats, report.over_target
    if args.csv is not None:
        args.csv.write_text(rows_csv(report.rows), encoding="utf-8")
    if args.json:
        print(json.dumps(report_to_dict(report, rows=False), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{day.isoformat()} 排队统计（按 {args.by}；等候目标 {rules.waiting_target_minutes} 分钟）")
    print(
        f"{'分组':<16}{'号票':>6}{'已办结':>7}{'等候中位':>10}{'最长等候':>10}{'办理中位':>10}{'超时':>6}{'评价':>6}"
    )
    for g in (*stats.groups, stats.total):
        print(_row(g))
    if late:
        print("超过等候目标的号票：" + "、".join(late[:30]) + ("…" if len(late) > 30 else ""))
    return EXIT_OK


def _minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}分"


def _row(g: Group) -> str:
    rating = "—" if g.rating_mean is None else f"{g.rating_mean:.1f}"
    return (
        f"{g.key:<16}{g.tickets:>6}{g.served:>7}{_minutes(g.waiting_median_s):>10}"
        f"{_minutes(g.waiting_max_s):>10}{_minutes(g.service_median_s):>10}{g.over_target:>6}{rating:>6}"
    )
