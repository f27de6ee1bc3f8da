"""``tongban catalog list | show | check``: what the catalog offers and what a situation needs."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.cases.codec import answers_to_json
from core.catalog import build_checklist, check_catalog
from core.catalog.answers import describe_answer, parse_answers_text
from core.catalog.checklist import Checklist
from core.catalog.model import Bundle, Catalog, MaterialSource, QuestionType
from core.cli.context import Context, print_json, print_table

SOURCE_LABELS = {
    MaterialSource.APPLICANT: "申请人提供",
    MaterialSource.SHARED: "共享/电子证照",
    MaterialSource.GENERATED: "系统生成",
}
SUBJECT_LABELS = {"person": "个人", "entity": "法人"}


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban catalog`` (core.cli.commands adds the command)."""
    cs = p.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    lst = cs.add_parser("list", help="列出全部“一件事” (list bundles)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    lst.set_defaults(handler=cmd_list)

    show = cs.add_parser("show", help="按情形生成材料清单 (checklist for the given answers)")
    show.add_argument("bundle", metavar="BUNDLE", help="“一件事”编号，如 newborn")
    show.add_argument(
        "--answers",
        nargs="*",
        default=[],
        metavar="KEY=VALUE",
        help="情形问题的回答，如 married=no follow=father",
    )
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)

    check = cs.add_parser("check", help="检查目录数据 (validate catalog data)")
    check.add_argument(
        "path", nargs="?", type=Path, default=None, metavar="PATH", help="目录数据文件夹（默认：内置目录）"
    )
    check.set_defaults(handler=cmd_check)


def bundle_summary(bundle: Bundle) -> dict[str, Any]:
    return {
        "id": bundle.id,
        "name": bundle.name,
        "subject": bundle.subject.value,
        "category": bundle.category,
        "lead": bundle.lead,
        "matters": len(bundle.sub_matters),
        "promise_days": max(m.promise_days for m in bundle.sub_matters),
        "self_service": bundle.self_service,
    }


def cmd_list(args: argparse.Namespace) -> int:
    catalog = Context.from_args(args).catalog
    bundles = [bundle_summary(b) for b in catalog.bundles.values()]
    if args.json:
        print_json({"version": catalog.version, "bundles": bundles})
        return 0
    print(f"事项目录版本 {catalog.version}，共 {len(bundles)} 件事：")
    rows = [
        (
            b["id"],
            b["name"],
            SUBJECT_LABELS[b["subject"]],
            b["category"],
            b["matters"],
            f"{b['promise_days']}个工作日",
            "是" if b["self_service"] else "",
        )
        for b in bundles
    ]
    print_table(("编号", "名称", "对象", "类别", "联办事项", "最长时限", "可自助"), rows)
    return 0


def checklist_to_json(checklist: Checklist, catalog: Catalog) -> dict[str, Any]:
    return {
        "bundle": checklist.bundle.id,
        "name": checklist.bundle.name,
        "catalog_version": checklist.catalog_version,
        "complete": checklist.complete,
        "questions": [
            {"id": q.id, "text": q.text, "type": q.type.value, "options": [o.value for o in q.options]}
            for q in checklist.questions
        ],
        "unanswered": [q.id for q in checklist.unanswered],
        "matters": [
            {
                "id": m.id,
                "name": m.name,
                "dept": catalog.departments[m.dept].name,
                "promise_days": m.promise_days,
            }
            for m in checklist.matters
        ],
        "materials": [
            {
                "id": i.material.id,
                "name": i.material.name,
                "source": i.material.source.value,
                "licence": i.material.licence,
                "core": i.material.core,
                "deferrable": i.material.deferrable,
                "commitment_ok": i.material.commitment_ok,
                "matters": list(i.matters),
                "decided": i.decided,
            }
            for i in checklist.items
        ],
        "fields": [
            {"id": f.id, "label": f.label, "type": f.type.value, "required": f.required}
            for f in checklist.fields
        ],
        "promise_days": checklist.promise_days,
    }


def _answer_hint(bundle: Bundle, qid: str) -> str:
    q = bundle.question(qid)
    if q.type is QuestionType.BOOL:
        return "yes/no"
    if q.type is QuestionType.INT:
        return "整数"
    return "/".join(f"{o.value}({o.label})" for o in q.options)


def cmd_show(args: argparse.Namespace) -> int:
    catalog = Context.from_args(args).catalog
    bundle = catalog.bundle(args.bundle)
    answers = parse_answers_text(bundle, args.answers)
    checklist = build_checklist(catalog, bundle.id, answers)
    if args.json:
        data = checklist_to_json(checklist, catalog)
        data["answers"] = answers_to_json(answers)
        print_json(data)
        return 0
    print(f"{bundle.name}（{bundle.id}，目录 {catalog.version}）")
    if bundle.eligibility:
        print(f"适用条件：{bundle.eligibility}")
    print("\n情形问题：")
    for q in checklist.questions:
        value = answers.get(q.id)
        shown = "（未回答）" if value is None else describe_answer(q, value)
        print(f"  {q.id}：{q.text}  → {shown}   [{_answer_hint(bundle, q.id)}]")
    print("\n并联办理事项：")
    for matter in checklist.matters:
        print(f"  · {matter.name}（{catalog.departments[matter.dept].name}，{matter.promise_days}个工作日）")
    print("\n材料清单（每份材料只交一次）：")
    for i in checklist.items:
        m = i.material
        flags = [SOURCE_LABELS[m.source]]
        if m.core:
            flags.append("核心材料")
        if m.deferrable:
            flags.append("可容缺")
        if m.commitment_ok:
            flags.append("可告知承诺")
        pending = "" if i.decided else "  〔取决于未回答的问题〕"
        print(f"  [{m.id}] {m.name}：{'、'.join(flags)}{pending}")
    print("\n申请表（多表合一，每项只填一次）：")
    print("  " + "、".join(f.label + ("" if f.required else "（选填）") for f in checklist.fields))
    print(f"\n承诺办结时限：{checklist.promise_days} 个工作日")
    if checklist.unanswered:
        hints = " ".join(f"{q.id}=…" for q in checklist.unanswered)
        print(f"\n还有 {len(checklist.unanswered)} 个问题未回答，清单可能会变化。请补充：--answers {hints}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = check_catalog(args.path)
    where = args.path or "内置目录"
    if problems:
        print(f"目录数据有 {len(problems)} 处问题（{where}）：")
        for line in problems:
            print(f"  {line}")
        return 2
    print(f"目录数据检查通过（{where}）。")
    return 0
