"""``tongban cases banjian NUMBER``: a case as the national 办件 records a platform receives (docs/banjian.md)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from core.banjian import BanjianRecord, banjian_records, record_to_json
from core.catalog.model import FieldType
from core.cli.context import Context, NewStore, print_json
from core.masking import mask_field, mask_id_number, mask_name, mask_phone


def fill(cs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``cases banjian`` (added by core.cli.cases_cmd.fill)."""
    bj = cs.add_parser("banjian", help="以国家办件数据格式查看一件办件 (the case as national 办件 records)")
    bj.add_argument("number", metavar="NUMBER", help="办件编号（可含分隔符）或平台正式编号")
    bj.add_argument(
        "--reveal", action="store_true", help="显示完整的姓名、证件号码、电话、地址（记入审计日志）"
    )
    bj.set_defaults(handler=cmd_banjian)


def cmd_banjian(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        service = ctx.cases()
        case = (
            service.reveal(args.number, "cli banjian --reveal") if args.reveal else service.get(args.number)
        )
        records = banjian_records(case, ctx.catalog)
    finally:
        ctx.close()
    print_json([record_to_json(r if args.reveal else _masked(r)) for r in records])
    return 0


def _masked(r: BanjianRecord) -> BanjianRecord:
    """The record with the applicant's and the helper's personal data masked, as ``cases show`` does."""
    a = r.applicant
    applicant = replace(
        a,
        name=mask_name(a.name),
        id_number=mask_id_number(a.id_number),
        phone=mask_phone(a.phone),
        address=mask_field(FieldType.ADDRESS.value, a.address),
    )
    agent = None if r.agent is None else replace(r.agent, id_number=mask_id_number(r.agent.id_number))
    return replace(r, applicant=applicant, agent=agent)
