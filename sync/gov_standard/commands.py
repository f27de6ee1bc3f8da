"""``tongban platform … --flavour gov-standard``: serve the simulator, issue a registration code,
list the 办件 records it holds (sync/server/commands.py dispatches here)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sqlite3
from typing import Any

from sync.gov_standard.simulator import GovStandardSimulator, SimulatorConfig
from sync.server.runner import Tls, base_url, bind, check_tls, serve_forever

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def _open(args: argparse.Namespace, *, step_s: float = 1.0, departments: bool = True) -> GovStandardSimulator:
    return GovStandardSimulator(SimulatorConfig(args.db, step_s=step_s, departments=departments))


def _fail(message: str, code: int, detail: str) -> int:
    print(message)
    logger.error("%s", detail)
    return code


def serve(args: argparse.Namespace, step_s: float, stop_with_stdin: Any) -> int:
    """Serve the simulator until SIGINT/SIGTERM; the first stdout line is ``listening on URL``."""
    tls = Tls(args.cert, args.key) if args.cert is not None else None
    try:
        if tls is not None:
            check_tls(tls)
        simulator = _open(args, step_s=step_s, departments=not args.no_departments)
        sock = bind(args.host, args.port)
    except sqlite3.Error as exc:
        return _fail(f"无法打开模拟平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    except OSError as exc:
        return _fail(
            f"无法监听 {args.host}:{args.port} 或读取证书：{exc.strerror or exc}", EXIT_FAILURE, f"{exc!r}"
        )
    url = base_url(sock, tls)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda signum, frame: None)
    if args.exit_with_stdin:
        stop_with_stdin()
    try:
        serve_forever(
            simulator.app(),
            sock,
            tls=tls,
            on_started=lambda: print(f"listening on {url}", flush=True),
            access_log=args.access_log,
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
        simulator.close()
    print("stopped", flush=True)
    return EXIT_OK


def issue_code(args: argparse.Namespace) -> int:
    try:
        simulator = _open(args, departments=False)
        code = simulator.issue_code()
        simulator.close()
    except sqlite3.Error as exc:
        return _fail(f"无法写入模拟平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    print(json.dumps({"code": code}, ensure_ascii=False) if args.json else code)
    return EXIT_OK


def cases(args: argparse.Namespace) -> int:
    """The 办件 records the simulated province holds: 办件编号, 实施编码, 办件状态, local number."""
    if not args.db.exists():
        return _fail(f"模拟平台数据库 {args.db} 不存在", EXIT_BAD_INPUT, "no such database")
    try:
        simulator = _open(args, departments=False)
        records = simulator.records()
        simulator.close()
    except sqlite3.Error as exc:
        return _fail(f"无法读取模拟平台数据库 {args.db}：{exc}", EXIT_FAILURE, f"{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({"records": records}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not records:
        print("模拟平台上还没有办件。")
        return EXIT_OK
    from core.banjian.states import HandleState

    for r in records:
        state = HandleState(r["proStatus"])
        print(
            f"{r['projectNo']}  {r['taskCode']}  {state.value} {state.label}  "
            f"{r['taskName']}  (local {r['localProjectNo']})"
        )
    return EXIT_OK
