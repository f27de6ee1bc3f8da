"""``tongban demo``: the one dispatcher of every demonstration, and core's headless text demo.

``demo --text`` runs here: a sample newborn case (出生一件事) taken through intake into a fresh local
store. The window client (the default) and ``--kiosk`` are demonstrations of the GUI packages, found
through the ``tongban.demos`` entry-point group: core declares every option of ``demo`` and picks
one demonstration, so no package adds to another's parser or reads another's arguments.
"""

from __future__ import annotations

import argparse
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from core.assets import assets_dir
from core.case_numbers import parse_case_number
from core.cases.model import ItemState
from core.catalog import build_checklist
from core.catalog.answers import answers_from_json, describe_answer
from core.cli.context import Context
from core.cli.intake_json import load_intake_file
from core.config import CONFIG_NAME, DeviceConfig, write_config
from core.errors import TongbanError, ValidationError
from core.flows.kiosk import KioskMode
from core.masking import mask_id_number, mask_name
from core.receipts import acceptance_receipt, deficiency_notice, render_text

EXAMPLE = "examples/newborn-case.json"


DEMO_GROUP = "tongban.demos"  # name → handler(args) -> exit code: "window", "kiosk"


def fill(p: argparse.ArgumentParser) -> None:
    """Every argument of ``tongban demo`` (core.cli.commands adds the command)."""
    face = p.add_mutually_exclusive_group()
    face.add_argument("--text", action="store_true", help="只运行文字版演示（不开窗口）(headless text demo)")
    face.add_argument(
        "--kiosk", action="store_true", help="自助终端演示（模拟外设 + 内嵌参考平台）(the kiosk)"
    )
    face.add_argument(
        "--hall",
        action="store_true",
        help="整个大厅：大厅服务器 + 自助终端取号 + 窗口叫号 + 叫号屏 (the hall's queue, every device)",
    )
    p.add_argument(
        "--screenshots",
        type=Path,
        default=None,
        metavar="DIR",
        help="--hall 时：离屏运行脚本化演示，截图保存到 DIR（没有显示器时也会离屏运行）",
    )
    p.add_argument(
        "--mode",
        choices=[m.value for m in KioskMode],
        default=None,
        help="--kiosk 时：general 政务大厅（默认）/ hospital 医院出生即参保",
    )
    p.add_argument("--elderly", action="store_true", help="--kiosk 时：长辈版")
    p.add_argument(
        "--platform",
        choices=("tongban", "gov-standard"),
        default=None,
        help="演示受理后与平台同步（不开窗口）：tongban 参考平台，gov-standard 模拟省级统一受理接口（国家办件数据模型）",
    )
    p.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="界面语言（默认 zh_CN）")
    p.add_argument(
        "--keep", type=Path, default=None, metavar="DIR", help="演示数据放在 DIR（默认：新建临时目录）"
    )
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Pick the demonstration: ``--text`` here, else the window client or ``--kiosk``."""
    if not args.kiosk and (args.mode is not None or args.elderly):
        raise ValidationError(
            "--mode", "--mode 和 --elderly 只用于 --kiosk", "--mode and --elderly need --kiosk"
        )
    if args.platform is not None and (args.text or args.kiosk or args.hall):
        raise ValidationError(
            "--platform",
            "--platform 自成一个演示，不与 --text、--kiosk 或 --hall 同用",
            "--platform is a demonstration of its own: not with --text, --kiosk or --hall",
        )
    if args.screenshots is not None and not args.hall:
        raise ValidationError(
            "--screenshots",
            "--screenshots 只用于 --hall（窗口和自助终端的离屏演示：tongban window|kiosk --offscreen --screenshots DIR）",
            "--screenshots needs --hall (for the window or the kiosk: tongban window|kiosk --offscreen --screenshots DIR)",
        )
    if args.text:
        return run_text_demo(args)
    if args.mode is None:
        args.mode = KioskMode.GENERAL.value
    name = "platform" if args.platform else "hall" if args.hall else "kiosk" if args.kiosk else "window"
    found = [ep for ep in entry_points(group=DEMO_GROUP) if ep.name == name]
    if not found:
        raise TongbanError(
            f"没有安装“{name}”演示（图形界面包缺失），可用 tongban demo --text 运行文字版演示",
            f"no {name!r} demonstration is installed (entry point group {DEMO_GROUP}); try demo --text",
        )
    return int(found[0].load()(args))


def _step(n: int, title: str) -> None:
    print(f"\n{'=' * 8} 第 {n} 步：{title} {'=' * 8}")


def run_text_demo(args: argparse.Namespace) -> int:
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="tongban-demo-"))
    config_path = data_dir / CONFIG_NAME
    if not config_path.exists():  # the demo hall's identity, written down: never a silent default
        write_config(config_path, DeviceConfig.demo())
    ctx = Context(data_dir=data_dir, config_path=config_path)
    try:
        return _run(ctx)
    finally:
        ctx.close()


def _run(ctx: Context) -> int:
    catalog = ctx.catalog
    _step(1, "载入事项目录")
    print(f"目录版本 {catalog.version}，共 {len(catalog.bundles)} 件“一件事”：")
    print("  " + "、".join(b.name for b in catalog.bundles.values()))

    request = load_intake_file(assets_dir() / EXAMPLE).request
    bundle = catalog.bundle(request.bundle_id)
    answers = answers_from_json(bundle, request.answers)
    checklist = build_checklist(catalog, bundle.id, answers)
    _step(2, f"选择 {bundle.name}，回答情形问题")
    for q in checklist.questions:
        print(f"  {q.text}  → {describe_answer(q, answers[q.id])}")
    print(
        f"  并联办理 {len(checklist.matters)} 个事项："
        + "、".join(f"{m.name}（{catalog.departments[m.dept].name}）" for m in checklist.matters)
    )

    _step(3, "按清单收取材料（每份只交一次）")
    for item in checklist.items:
        given = request.materials.get(item.material.id)
        state = given.state if given else ItemState.GENERATED
        print(
            f"  · {item.material.name}：{state.label}"
            + (f"（{len(given.pages)} 页扫描件）" if given and given.pages else "")
        )

    _step(4, "受理：先写入本地数据库，再告知“已受理”")
    service = ctx.cases()
    case = service.accept(request)
    print(f"  办件编号 {parse_case_number(case.number).display}（{case.status.label}）")
    print(f"  申请人 {mask_name(case.applicant.name)}，证件 {mask_id_number(case.applicant.id_number)}")
    print(f"  数据目录 {ctx.data_dir}")

    _step(5, "受理回执")
    print(render_text(acceptance_receipt(case, ctx.config)))
    if case.deficient_items:
        _step(6, "容缺受理通知书（容缺材料）")
        print(render_text(deficiency_notice(case, ctx.config)))

    _step(7, "补齐容缺材料，申请人评价（好差评）")
    if case.deficient_items:
        case = service.supplement(case.number, [i.material_id for i in case.deficient_items])
        print(f"  已补齐，办件状态：{case.status.label}")
    case = service.evaluate(case.number, 5)
    assert case.evaluation is not None
    print(f"  评价：{case.evaluation.label}")

    _step(8, "本地数据的安全")
    store = ctx.store
    print(f"  待上传事件（outbox）：{store.pending_count()} 条，联网后由同步程序推送至省级平台")
    audit = store.verify_audit()
    print(f"  审计日志：{audit.entries} 条，哈希链{'完整' if audit.ok else '已被篡改！'}")
    leaks = _plaintext_hits(ctx.data_dir, [case.applicant.name, case.applicant.id_number])
    print(
        "  明文检查：数据目录中"
        + ("没有" if not leaks else f"有 {len(leaks)} 个文件含有")
        + "申请人姓名或证件号码的明文"
    )
    print(
        f"\n演示完成。可继续查看：tongban --data-dir {ctx.data_dir} cases show {parse_case_number(case.number).display}"
    )
    return 0 if audit.ok and not leaks else 1


def _plaintext_hits(root: Path, secrets: list[str]) -> list[Path]:
    needles = [s.encode(enc) for s in secrets for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and path.name != "device.key":
            data = path.read_bytes()
            if any(n in data for n in needles):
                hits.append(path)
    return hits
