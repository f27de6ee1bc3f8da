"""``tongban demo --platform tongban|gov-standard``: cases taken offline reach a platform and come back.

Without a window: a window device of the demo hall enrols with an embedded platform of the chosen
flavour — our reference platform, or the simulated provincial 统一受理 interface that speaks the
national 办件 model (``gov-standard``) — takes the example 出生一件事 and the example single matter
(临时居民身份证) into its local store, and syncs until the platform has decided both. It prints what
the platform holds (for gov-standard: one 办件 record per matter, its 实施编码, 办件编号 and 办件状态)
and what came back to the device (the official number, each matter's result).
core.cli.demo dispatches here (entry point ``platform`` of ``tongban.demos``).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Final

from core.assets import assets_dir
from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus
from core.cases.service import CaseService
from core.cli.intake_json import load_intake_file
from core.clock import SystemClock
from core.config import CONFIG_NAME, load_config
from core.store.store import Store
from services.sandbox import EmbeddedPlatform, demo_config, enroll_device
from sync.enrollment import client_for
from sync.service import CurrentCatalog, SyncService

EXAMPLES: Final = ("examples/newborn-case.json", "examples/single-matter-case.json")
_SETTLE_S: Final = 60.0


def cmd_demo(args: argparse.Namespace) -> int:
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="tongban-demo-"))
    flavour = args.platform
    name = "模拟省级统一受理接口（国家办件数据模型）" if flavour == "gov-standard" else "参考平台"
    platform = EmbeddedPlatform(data_dir / "platform", dept_delay="0.5:1.5", seed_random=7, flavour=flavour)
    clock = SystemClock()
    print(f"演示数据目录：{data_dir}")
    print(f"正在启动{name}…", flush=True)
    platform.start()
    try:
        enroll_device(data_dir, platform, demo_config(data_dir))
        config = load_config(data_dir / CONFIG_NAME, data_dir)
        print(f"已登记：{platform.url}（对接方式 {platform.adapter}）")
        with Store.open(data_dir, clock=clock) as store:
            catalog = CurrentCatalog(data_dir)
            cases = CaseService(catalog(), store, clock, config, config.operator or "window01")
            numbers = []
            for example in EXAMPLES:
                request = load_intake_file(assets_dir() / example, data_dir=data_dir).request
                case = cases.accept(request)
                numbers.append(case.number)
                print(
                    f"  受理 {parse_case_number(case.number).display}：{catalog().bundle(case.bundle_id).name}（{len(case.matters)} 个事项）"
                )
            print("正在同步…", flush=True)
            with client_for(store) as client:
                report = SyncService(store, client, clock, catalog).run_once()
            print(f"  已上报 {report.acked} 个事件{'' if report.ok else f'（未完成：{report.error}）'}")
            for number in numbers:
                open_items = [i.material_id for i in cases.get(number).deficient_items]
                if open_items:  # the 容缺 material arrives later; only then can its department finish
                    cases.supplement(number, open_items)
                    print(f"  {parse_case_number(number).display}：申请人补齐容缺材料 {len(open_items)} 份")
            print("等待平台办结…", flush=True)
            settled = _sync_until_settled(store, cases, catalog, clock, numbers)
            for number in numbers:
                case = cases.get(number)
                print(
                    f"  {parse_case_number(number).display} → {case.status.label}，平台编号 {case.official_number or '（未赋号）'}"
                )
                for m in case.matters:
                    print(f"      {m.code or m.matter_id}  {m.name}：{m.status.label}")
        print(f"\n{name}上的记录：")
        for row in platform.cases():
            if flavour == "gov-standard":
                print(
                    f"  {row['projectNo']}  {row['taskCode']}  办件状态 {row['proStatus']}  "
                    f"{row['taskName']}（本地编号 {row['localProjectNo']}）"
                )
            else:
                codes = "、".join(m["code"] for m in row["matters"])
                print(
                    f"  {row['official_number'] or '（未赋号）'}  {row['case_number']}  {row['status']}  {codes}"
                )
    finally:
        platform.stop()
    if not settled:
        print("平台在限定时间内没有办结全部办件（见平台日志 platform/platform.log）。")
        return 1
    return 0


def _sync_until_settled(
    store: Store, cases: CaseService, catalog: CurrentCatalog, clock: SystemClock, numbers: list[str]
) -> bool:
    deadline = time.monotonic() + _SETTLE_S
    with client_for(store) as client:
        service = SyncService(store, client, clock, catalog)
        while time.monotonic() < deadline:
            report = service.run_once()
            if not report.ok:
                print(f"  同步未完成：{report.error}（稍后重试）")
            done = [cases.get(n).status in (CaseStatus.COMPLETED, CaseStatus.REJECTED) for n in numbers]
            if all(done):
                return True
            time.sleep(0.5)
    return False
