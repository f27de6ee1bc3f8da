"""``tongban cases …``: headless intake with the GUIs' rules, finding, showing and changing cases."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from core.case_numbers import parse_case_number
from core.cases.codec import case_to_dict
from core.cases.model import Case, CaseStatus
from core.cases.service import CaseQuery
from core.cli import banjian_cmd, procedure_cmd, rating_cmd, refusal_cmd
from core.cli.context import Context, NewStore, print_json, print_table
from core.cli.intake_json import load_intake_file
from core.errors import ValidationError
from core.masking import mask_field, mask_id_number, mask_name, mask_phone
from core.receipts import (
    acceptance_receipt,
    deficiency_notice,
    procedure_notice,
    promised_line,
    rejection_notice,
    render_text,
    supplement_notice,
)
from core.rules.deficiency import department_days
from core.validation.scans import read_scan_file
from core.validation.travel_documents import document_name


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban cases`` (core.cli.commands adds the command)."""
    cs = p.add_subparsers(dest="cases_command", metavar="ACTION", required=True)

    add = cs.add_parser("add", help="按 JSON 受理一件（与窗口相同的规则） (headless intake)")
    add.add_argument(
        "--json",
        dest="file",
        type=Path,
        required=True,
        metavar="FILE",
        help="受理数据 JSON 文件（格式见 README）",
    )
    add.add_argument(
        "--operator", default=None, help="经办人工号（默认：受理数据中的 operator，其次配置文件的 operator）"
    )
    add.set_defaults(handler=cmd_add)

    lst = cs.add_parser("list", help="列出办件 (list cases)")
    lst.add_argument("--status", choices=[s.value for s in CaseStatus], help="按状态筛选")
    lst.add_argument("--id-number", help="按证件号码查找")
    lst.add_argument("--name", help="按申请人姓名查找（完全一致）")
    lst.add_argument("--bundle", help="按“一件事”编号筛选")
    lst.add_argument("--due-within", type=int, metavar="DAYS", help="容缺补齐或承诺核查期限在 DAYS 天内")
    lst.add_argument("--limit", type=int, default=200)
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    lst.set_defaults(handler=cmd_list)

    show = cs.add_parser("show", help="查看一件办件 (show a case)")
    show.add_argument("number", metavar="NUMBER", help="办件编号（可含分隔符）或平台正式编号")
    show.add_argument(
        "--reveal", action="store_true", help="显示完整的姓名、证件号码、电话、银行账号（记入审计日志）"
    )
    show.add_argument(
        "--receipt",
        choices=["receipt", "notice", "supplement", "rejection", "procedure"],
        help="以文本显示受理回执、容缺受理通知书、一次性补正告知书、不予受理通知书或特别程序告知书",
    )
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)

    sup = cs.add_parser("supplement", help="补齐容缺材料 (supply deficient materials)")
    sup.add_argument("number", metavar="NUMBER")
    sup.add_argument(
        "--material", action="append", required=True, metavar="ID", help="补齐的材料编号（可重复）"
    )
    sup.add_argument("--page", action="append", default=[], metavar="ID=FILE", help="补交材料的扫描页")
    sup.add_argument("--operator", default=None)
    sup.set_defaults(handler=cmd_supplement)

    rating_cmd.fill(cs)  # cases evaluate (好差评) and cases follow-up (整改, 回访, 申诉复核)

    wd = cs.add_parser("withdraw", help="撤回办件 (withdraw)")
    wd.add_argument("number", metavar="NUMBER")
    wd.add_argument("--reason", required=True)
    wd.add_argument("--operator", default=None)
    wd.set_defaults(handler=cmd_withdraw)

    term = cs.add_parser(
        "terminate-overdue", help="终止容缺逾期未补齐的办件 (terminate overdue deficiency cases)"
    )
    term.add_argument("--json", action="store_true")
    term.set_defaults(handler=cmd_terminate)

    refusal_cmd.fill(cs)  # cases refuse (补正告知 / 不予受理) and cases verify (告知承诺的核查)
    procedure_cmd.fill(cs)  # cases pause / resume (特别程序)
    banjian_cmd.fill(cs)  # cases banjian: the case as national 办件 records


def _ctx(args: argparse.Namespace) -> Context:
    """Every cases command but ``add`` works on cases that exist: a missing data directory is a typo."""
    return Context.from_args(args, NewStore.REFUSE)


def _operator(ctx: Context, *given: str | None) -> str:
    """Who makes the change (经办人): the first of ``given`` (--operator, the intake file's), else the
    configuration's operator. Nobody is refused: a case's record must say who took it in or changed it."""
    for name in (*given, ctx.config.operator):
        if name and name.strip():
            return name.strip()
    raise ValidationError(
        "--operator",
        f"没有经办人：请用 --operator 给出经办人工号，或在配置文件 {ctx.config_path} 中设置 operator。",
        f"no operator: give --operator STAFF_ID, or set operator in {ctx.config_path}",
    )


def cmd_add(args: argparse.Namespace) -> int:
    doc = load_intake_file(args.file, data_dir=args.data_dir)  # no scan may be a file of ours
    ctx = Context.from_args(args, NewStore.ANNOUNCE)  # the first case may start a device's data
    try:
        doc.check_card(ctx.clock.now().date())  # the applicant step's card rule comes first
        service = ctx.cases(_operator(ctx, args.operator, doc.operator))
        if doc.file_problems:
            service.check(doc.request)  # the rules staff meet first come first, then the files
            raise doc.file_problems[0]
        case = service.accept(doc.request)
    finally:
        ctx.close()
    print(parse_case_number(case.number).display)
    print(f"已受理：{case.bundle_name}，状态“{case.status.label}”，{promised_line(case.promised_date)}。")
    for item in case.deficient_items:
        assert item.deadline is not None
        print(f"  容缺待补：{item.name}（{item.deadline.isoformat()} 前）")
    return 0


def case_summary(case: Case) -> dict[str, Any]:
    deadline = case.deficiency_deadline
    return {
        "number": case.number,
        "display_number": parse_case_number(case.number).display,
        "official_number": case.official_number,
        "bundle": case.bundle_id,
        "bundle_name": case.bundle_name,
        "status": case.status.value,
        "status_label": case.status.label,
        "applicant": mask_name(case.applicant.name),
        "id_number": mask_id_number(case.applicant.id_number),
        "created_at": case.created_at,
        "promised_date": None if case.promised_date is None else case.promised_date.isoformat(),
        "due_date": None if case.due_date is None else case.due_date.isoformat(),  # moved by 特别程序
        "paused": bool(case.open_procedures),
        "deficiency_deadline": deadline.isoformat() if deadline else None,
        "check_deadline": None if case.check_deadline is None else case.check_deadline.isoformat(),
        "evaluation": case.evaluation.level if case.evaluation else None,
        "rectification_deadline": None
        if case.rectification_deadline is None
        else case.rectification_deadline.isoformat(),
    }


def cmd_list(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    try:
        deadline = None
        if args.due_within is not None:
            deadline = ctx.clock.now().date() + timedelta(days=args.due_within + 1)
        query = CaseQuery(
            status=CaseStatus(args.status) if args.status else None,
            id_number=args.id_number,
            name=args.name,
            bundle_id=args.bundle,
            deadline_before=deadline,
            limit=args.limit,
        )
        damaged: list[str] = []
        cases = ctx.cases().find(query, damaged=damaged)
    finally:
        ctx.close()
    rows = [case_summary(c) for c in cases]
    for number in damaged:
        shown = _display(number)
        print(
            f"错误：办件 {shown} 的数据已损坏，无法读取，未列出。请联系运维人员从备份恢复。", file=sys.stderr
        )
        print(f"error: case {shown} is damaged (its stored data does not open); not listed", file=sys.stderr)
    code = 1 if damaged else 0
    if args.json:
        print_json({"cases": rows, "damaged": damaged})
        return code
    if not rows:
        print("没有符合条件的办件。")
        return code
    print_table(
        ("办件编号", "事项", "状态", "申请人", "受理时间", "期限"),
        [
            (
                r["display_number"],
                r["bundle_name"],
                r["status_label"] + ("·特别程序中" if r["paused"] else ""),
                r["applicant"],
                r["created_at"][:16].replace("T", " "),
                _deadline_cell(r),
            )
            for r in rows
        ],
    )
    print(f"共 {len(rows)} 件。")
    return code


def _deadline_cell(row: Mapping[str, Any]) -> str:
    """The earliest deadline of a listed case and what it is for: 补齐 (容缺), 核查 (告知承诺) or 整改 (差评)."""
    kinds = (
        (row["deficiency_deadline"], "补齐"),
        (row["check_deadline"], "核查"),
        (row.get("rectification_deadline"), "整改"),
    )
    dated = [(d, what) for d, what in kinds if d]
    return " ".join(min(dated)[::-1]) if dated else ""


def _display(number: str) -> str:
    try:
        return parse_case_number(number).display
    except ValidationError:
        return number


def _masked_dict(case: Case, reveal: bool, field_types: Mapping[str, str]) -> dict[str, Any]:
    """The case as JSON; unless ``reveal``, personal data masked as on screens (core.masking):
    the applicant's, the 帮办代办 helper's, and each form value by its catalog field type."""
    data = case_to_dict(case)
    if not reveal:
        a = case.applicant
        data["applicant"].update(
            name=mask_name(a.name),
            id_number=mask_id_number(a.id_number),
            phone=mask_phone(a.phone),
            birth_date=None,  # the masked ID number hides it too
        )
        for key, mask in (("latin_name", mask_name), ("residence_permit", mask_id_number)):
            if key in data["applicant"]:
                data["applicant"][key] = mask(data["applicant"][key])
        if case.proxy is not None:
            data["proxy"].update(
                helper_name=mask_name(case.proxy.helper_name),
                helper_id_number=mask_id_number(case.proxy.helper_id_number),
            )
        data["form"] = {
            key: mask_field(field_types.get(key), value) if isinstance(value, str) else value
            for key, value in data["form"].items()
        }
    data["display_number"] = parse_case_number(case.number).display
    return data


def cmd_show(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    try:
        service = ctx.cases()
        case = service.reveal(args.number, "cli show --reveal") if args.reveal else service.get(args.number)
        events = ctx.store.events_for(case.number)
        held = ctx.store.sync.quarantine_of(case.number)  # a case the platform refused: say so
        rework = next((r for r in ctx.store.sync.rework() if r.case_number == case.number), None)
        config = ctx.config
        field_types = {f.id: f.type.value for f in ctx.catalog.fields.values()}
    finally:
        ctx.close()
    if args.receipt:
        build = {
            "receipt": acceptance_receipt,
            "notice": deficiency_notice,
            "supplement": supplement_notice,
            "rejection": rejection_notice,
            "procedure": procedure_notice,
        }[args.receipt]
        if args.receipt == "receipt" and case.refusal is not None:
            raise ValidationError(
                "--receipt", f"本申请未受理（{case.status.label}），没有受理回执", "no receipt for a refusal"
            )
        print(render_text(build(case, config)))
        return 0
    if args.json:
        data = _masked_dict(case, args.reveal, field_types)
        data["evaluation"] = data["evaluations"][-1] if data["evaluations"] else None  # the latest rating
        data["events"] = [
            {"seq": e.seq, "kind": e.kind, "device_time": e.device_time, "synced": e.acked_at is not None}
            for e in events
        ]
        data["quarantine"] = (
            None
            if held is None
            else {"code": held.code, "message": held.message, "at": held.at, "retry_helps": held.retry_helps}
        )
        data["rework"] = (
            None
            if rework is None
            else {"message": rework.message, "catalog_version": rework.catalog_version, "at": rework.at}
        )
        print_json(data)
        return 0
    a = case.applicant
    print(
        f"办件编号：{parse_case_number(case.number).display}"
        + (f"（平台编号 {case.official_number}）" if case.official_number else "")
    )
    print(f"事项：{case.bundle_name}（目录 {case.catalog_version}）")
    print(f"状态：{case.status.label}（{case.status_changed_at[:16].replace('T', ' ')}）")
    shown = (lambda text: text) if args.reveal else mask_name
    latin = f"（{shown(a.latin_name)}）" if a.latin_name else ""
    number = a.id_number if args.reveal else mask_id_number(a.id_number)
    print(f"申请人：{shown(a.name)}{latin}  证件：{document_name(a.id_kind)} {number}")
    if a.nationality or a.residence_permit:
        permit = a.residence_permit if args.reveal else mask_id_number(a.residence_permit)
        print(f"国籍：{a.nationality}" + (f"  居留许可：{permit}" if permit else ""))
    if case.refusal is not None:
        r = case.refusal
        print(
            f"{r.kind.label}：{case.created_at[:16].replace('T', ' ')}  经办人 {case.operator}"
            f"  收到材料 {r.received_on.isoformat()}（告知期限 {r.notice_by.isoformat()}）"
        )
        if r.reason:
            print(f"理由：{r.reason}")
    else:
        print(
            f"受理：{case.created_at[:16].replace('T', ' ')}  经办人 {case.operator}  {promised_line(case.promised_date)}"
        )
    print("\n各部门办理情况：")
    for m in case.matters:
        extra = f"：{m.result}" if m.result else ""
        code = f"，{m.code}" if m.code else ""
        print(f"  · {m.name}（{m.dept_name or m.dept}{code}）— {m.status.label}{extra}")
    print("\n材料：")
    for i in case.items:
        extra = f"，{i.deadline.isoformat()} 前补齐" if i.deadline else ""
        pages = f"，{len(i.attachments)} 页" if i.attachments else ""
        note = f"（{i.note}）" if i.note and case.refusal is not None else ""
        print(f"  · {i.name}：{i.state.label}{extra}{pages}{note}")
        if i.check is not None:
            c = i.check
            due = f"{c.deadline.isoformat()} 前" if c.deadline else "以部门告知为准"
            done = (
                f"，核查{c.outcome.label}（{c.checked_by}，{(c.checked_at or '')[:10]}）" if c.outcome else ""
            )
            print(f"      核查：{c.what}（期限 {due}）{done}")
    for n, line in enumerate(procedure_cmd.show_lines(case)):
        print(("\n" if n == 0 else "") + line)
    for n, line in enumerate(rating_cmd.show_lines(case)):
        print(("\n" if n == 0 else "") + line)
    for line in case.history:
        print(f"\n记录：{line}")
    print("\n事件：")
    for e in events:
        print(
            f"  #{e.seq} {e.device_time[:19].replace('T', ' ')} {e.kind}{'' if e.acked_at else '（待上传）'}"
        )
    if rework is not None:
        print(
            f"\n需重新核对（目录 {rework.catalog_version}，{rework.at[:16].replace('T', ' ')}）：{rework.message}"
            "（the platform sent the case back for re-work under its current catalog）"
        )
    if held is not None:
        print(f"\n同步：平台拒收，本件暂停上传（{held.at[:16].replace('T', ' ')}）：{held.message}")
        if held.retry_helps:
            print(f"  处理后可执行 tongban sync release {parse_case_number(case.number).display} 重试。")
    return 0


def _pages(specs: list[str], data_dir: Path) -> dict[str, list[bytes]]:
    pages: dict[str, list[bytes]] = {}
    for spec in specs:
        material, sep, name = spec.partition("=")
        if not sep or not material or not name:
            raise ValidationError(
                "--page", f"“{spec}”应写成 材料编号=文件路径", f"{spec!r}: expected ID=FILE"
            )
        # A scan is a regular file of bounded size, an image or PDF, not ours (core.validation.scans).
        pages.setdefault(material, []).append(read_scan_file(Path(name), field="--page", data_dir=data_dir))
    return pages


def cmd_supplement(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    try:
        ctx.cases().get(args.number)  # a missing data directory or case is told before a missing operator
        case = ctx.cases(_operator(ctx, args.operator)).supplement(
            args.number, args.material, _pages(args.page, args.data_dir)
        )
    finally:
        ctx.close()
    left = case.deficient_items
    print(f"已补齐：{'、'.join(args.material)}。办件状态“{case.status.label}”。")
    due = case.due_date
    if (
        due is not None
    ):  # the clock runs from acceptance (core/rules/deficiency.py): what the department has left
        calendar = ctx.config.working_calendar
        days = department_days(ctx.clock.now().date(), due, calendar.holidays, calendar.workdays)
        print(f"办结期限：{due.isoformat()} 前（自受理起计时，补齐材料不重新计时；部门尚余 {days} 个工作日）")
    if left:
        print("仍待补齐：" + "、".join(f"{i.name}（{i.deadline} 前）" for i in left))
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    try:
        ctx.cases().get(args.number)  # a missing data directory or case is told before a missing operator
        case = ctx.cases(_operator(ctx, args.operator)).withdraw(args.number, args.reason)
    finally:
        ctx.close()
    print(f"办件 {parse_case_number(case.number).display} 已撤回。")
    return 0


def cmd_terminate(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    try:
        done = ctx.cases().terminate_overdue()
    finally:
        ctx.close()
    if args.json:
        print_json([c.number for c in done])
    else:
        print(f"已终止 {len(done)} 件容缺逾期办件。" if done else "没有容缺逾期的办件。")
    return 0
