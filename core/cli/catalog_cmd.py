"""``tongban catalog list | show | guide | check | import | export | generate``: what the catalog offers,
what a situation needs, a matter's 办事指南, and the catalog feed in and out of a device."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from core.cases.codec import answers_to_json
from core.catalog import build_checklist, check_catalog
from core.catalog.answers import describe_answer, parse_answers_text
from core.catalog.checklist import Checklist
from core.catalog.checks import enforce_checks
from core.catalog.feed import feed_text, read_raw
from core.catalog.guide import guide_of, guide_text, guide_to_json
from core.catalog.install import current_version, install_feed
from core.catalog.loader import default_root, load_catalog, pulled_catalog_root
from core.catalog.model import Bundle, Catalog, MaterialSource, Matter, QuestionType, limit_text
from core.catalog.synthetic import synthetic_feed
from core.cli.context import Context, print_json, print_table
from core.durable_files import write_durably
from core.errors import CatalogError, ValidationError
from core.validation import validate_field
from core.validation.travel_documents import document_name

SOURCE_LABELS = {
    MaterialSource.APPLICANT: "申请人提供",
    MaterialSource.SHARED: "共享/电子证照",
    MaterialSource.GENERATED: "系统生成",
}
SUBJECT_LABELS = {"person": "个人", "entity": "法人"}


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban catalog`` (core.cli.commands adds the command)."""
    cs = p.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    lst = cs.add_parser("list", help="列出事项和“一件事” (list matters and bundles)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    lst.add_argument("--bundles", action="store_true", help="只列“一件事” (bundles only)")
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
    show.add_argument(
        "--form",
        nargs="*",
        default=[],
        metavar="FIELD=VALUE",
        help="申请表的值，用于核对跨栏规则，如 applicant.id_number=… retire.date=2026-12-08",
    )
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=cmd_show)

    guide = cs.add_parser("guide", help="办事指南 (the guide of a matter or bundle)")
    guide.add_argument("entry", metavar="ID", help="事项编号、实施编码或“一件事”编号，如 newborn")
    guide.add_argument("--json", action="store_true", help="以 JSON 输出")
    guide.set_defaults(handler=cmd_guide)

    check = cs.add_parser("check", help="检查目录数据 (validate catalog data)")
    check.add_argument(
        "path", nargs="?", type=Path, default=None, metavar="PATH", help="目录数据文件夹（默认：内置目录）"
    )
    check.set_defaults(handler=cmd_check)

    imp = cs.add_parser(
        "import",
        help="导入目录数据（JSON Lines 目录文件），检查通过后启用 (check and install a catalog feed)",
    )
    imp.add_argument("feed", type=Path, metavar="FEED", help="目录文件 catalog.jsonl（或目录数据文件夹）")
    imp.set_defaults(handler=cmd_import)

    exp = cs.add_parser(
        "export", help="导出当前目录为 JSON Lines 目录文件 (write the current catalog as a feed)"
    )
    exp.add_argument("--out", type=Path, default=None, metavar="FILE", help="输出文件（默认：标准输出）")
    exp.add_argument(
        "--source", type=Path, default=None, metavar="PATH", help="从这个目录数据导出（默认：当前目录）"
    )
    exp.set_defaults(handler=cmd_export)

    gen = cs.add_parser(
        "generate", help="生成一份合成的省级目录文件，供测试和压测 (deterministic synthetic province feed)"
    )
    gen.add_argument("--out", type=Path, required=True, metavar="FILE", help="输出文件 catalog.jsonl")
    gen.add_argument("--matters", type=int, default=5000, metavar="N", help="事项数（默认 5000）")
    gen.add_argument("--departments", type=int, default=60, metavar="N", help="部门数（默认 60）")
    gen.add_argument("--bundles", type=int, default=100, metavar="N", help="“一件事”数（默认 100）")
    gen.add_argument("--seed", type=int, default=1, metavar="N", help="随机种子（同一种子生成同一文件）")
    gen.set_defaults(handler=cmd_generate)


def bundle_summary(bundle: Bundle) -> dict[str, Any]:
    return {
        "id": bundle.id,
        "name": bundle.name,
        "subject": bundle.subject.value,
        "category": bundle.category,
        "lead": bundle.lead,
        "matters": len(bundle.sub_matters),
        "promise_days": bundle.limit_days,
        "self_service": bundle.self_service,
        "batch": bundle.batch,
        "codes": [m.code for m in bundle.sub_matters],
        "sources": [{"title": s.title, "url": s.url} for s in bundle.sources],
    }


def matter_summary(matter: Matter, catalog: Catalog) -> dict[str, Any]:
    return {
        "id": matter.id,
        "code": matter.code,
        "basic_code": matter.basic_code,
        "name": matter.name,
        "type": matter.type,
        "subject": matter.subject,
        "dept": matter.dept,
        "dept_name": catalog.departments[matter.dept].name,
        "agency": matter.agency,
        "legal_days": matter.legal_days,
        "promise_days": matter.promise_days,
        "immediate": matter.immediate,
        "fee": matter.fee,
        "category": matter.category,
        "sources": [{"title": s.title, "url": s.url} for s in matter.sources],
    }


def cmd_list(args: argparse.Namespace) -> int:
    catalog = Context.from_args(args).catalog
    bundles = [bundle_summary(b) for b in catalog.bundles.values()]
    matters = [] if args.bundles else [matter_summary(m, catalog) for m in catalog.matters.values()]
    if args.json:
        data: dict[str, Any] = {"version": catalog.version, "bundles": bundles}
        if not args.bundles:
            data["matters"] = matters
        print_json(data)
        return 0
    print(f"事项目录版本 {catalog.version}，共 {len(catalog.matters)} 个事项、{len(bundles)} 件“一件事”。")
    print("\n“一件事”：")
    rows = [
        (
            b["id"],
            b["name"],
            SUBJECT_LABELS[b["subject"]],
            b["category"],
            b["matters"],
            limit_text(b["promise_days"]),
            "是" if b["self_service"] else "",
        )
        for b in bundles
    ]
    print_table(("编号", "名称", "对象", "类别", "联办事项", "最长时限", "可自助"), rows)
    if matters:
        print("\n单项事项：")
        print_table(
            ("实施编码", "名称", "部门", "承诺时限"),
            [(m["code"], m["name"], m["dept_name"], limit_text(m["promise_days"])) for m in matters],
        )
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
                "accepted_documents": list(m.accepted_documents),  # [] = every document
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


def _form_values(catalog: Catalog, texts: list[str], today: date) -> dict[str, str | int]:
    """``FIELD=VALUE`` texts as validated form values (the catalog's cross-field checks read them)."""
    values: dict[str, str | int] = {}
    for text in texts:
        key, sep, raw = text.partition("=")
        f = catalog.fields.get(key.strip())
        if not sep or f is None:
            raise ValidationError(
                f"form.{key.strip()}",
                f"“{text}”应写成 栏目=值，栏目须是目录中的申请表栏目（如 retire.date=2026-12-08）",
                f"{text!r}: expected FIELD=VALUE with a field of the catalog",
            )
        options = [o.value for o in f.options]
        values[f.id] = validate_field(
            f.type, raw, field=f"form.{f.id}", today=today, options=options, label=f.label
        )
    return values


def cmd_show(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    catalog = ctx.catalog
    bundle = catalog.bundle(args.bundle)
    answers = parse_answers_text(bundle, args.answers)
    checklist = build_checklist(catalog, bundle.id, answers)
    today = ctx.clock.now().date()
    # The catalog's cross-field rules on what is given: a refusal exits 2 with its reason.
    warnings = enforce_checks(checklist, answers, _form_values(catalog, args.form, today), today)
    if args.json:
        data = checklist_to_json(checklist, catalog)
        data["answers"] = answers_to_json(answers)
        data["warnings"] = [{"field": w.field, "code": w.code, "message": w.message} for w in warnings]
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
        print(
            f"  · {matter.name}（{catalog.departments[matter.dept].name}，{limit_text(matter.promise_days)}）"
        )
        if matter.accepted_documents:
            print(f"    受理证件：{'、'.join(document_name(k) for k in matter.accepted_documents)}")
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
    print(f"\n承诺办结时限：{limit_text(checklist.promise_days)}")
    for w in warnings:
        print(f"\n注意：{w.message}")
    if checklist.unanswered:
        hints = " ".join(f"{q.id}=…" for q in checklist.unanswered)
        print(f"\n还有 {len(checklist.unanswered)} 个问题未回答，清单可能会变化。请补充：--answers {hints}")
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    guide = guide_of(Context.from_args(args).catalog, args.entry)  # NotFoundError: exit 2
    if args.json:
        print_json(guide_to_json(guide))
    else:
        print(guide_text(guide))
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


def cmd_import(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args)
    before = current_version(ctx.data_dir, load_catalog().version)
    try:
        catalog = load_catalog(args.feed)  # first at its own path: problems name the file the user gave
        data = args.feed.read_bytes() if args.feed.is_file() else _feed_of(args.feed)
        version = install_feed(ctx.data_dir, data, catalog.version)
    except CatalogError as exc:
        print(
            f"目录数据有 {len(exc.problems)} 处问题，未导入，继续使用目录 {before}（catalog not imported）："
        )
        for line in exc.problems:
            print(f"  {line}")
        return 2
    except OSError as exc:
        print(f"读不了目录文件 {args.feed}：{exc.strerror}（cannot read the feed）")
        return 2
    print(
        f"已导入目录 {version}：{len(catalog.matters)} 个事项、{len(catalog.bundles)} 件“一件事”，"
        f"已启用（原目录 {before}）。(catalog {version} imported and made current)"
    )
    return 0


def _feed_of(root: Path) -> bytes:
    problems: list[str] = []
    raw = read_raw(root, problems)
    if raw is None or problems:
        raise CatalogError(problems)
    return feed_text(list(raw.records())).encode("utf-8")


def cmd_export(args: argparse.Namespace) -> int:
    if args.source is not None:
        root = args.source
    else:
        ctx = Context.from_args(args)
        root = pulled_catalog_root(ctx.data_dir) or default_root()
    try:
        data = _feed_of(root)
    except CatalogError as exc:
        print(f"目录数据有 {len(exc.problems)} 处问题，未导出（catalog not exported）：")
        for line in exc.problems:
            print(f"  {line}")
        return 2
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    write_durably(args.out, data)
    print(f"已导出到 {args.out}（{len(data) // 1024} KB）。(feed written)")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    for name in ("matters", "departments", "bundles"):
        if getattr(args, name) < 1:
            print(f"--{name} 须为正整数（--{name} must be positive）")
            return 2
    records = synthetic_feed(args.matters, args.departments, args.bundles, seed=args.seed)
    data = feed_text(records).encode("utf-8")
    write_durably(args.out, data)
    print(
        f"已生成合成目录 {args.out}：{args.matters} 个事项、{args.departments} 个部门、{args.bundles} 件“一件事”"
        f"（{len(data) // 1024} KB）。(synthetic feed written)"
    )
    return 0
