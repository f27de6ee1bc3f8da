"""``tongban numbering``: whether a restored device may number cases again, and the operator's release.

After ``tongban restore`` the device holds numbering until it knows how far the lost device had
numbered (core/store/numbering.py): the next sync learns that from the platform by itself. Only a
device whose cases never reached a platform needs a person: ``--release`` is the operator's word
that the lost device issued no case number after the backup was taken.
"""

from __future__ import annotations

import argparse
import getpass
from datetime import datetime

from core.cli.context import Context, NewStore, print_json
from core.errors import ValidationError
from core.store.records import AuditEntry

RELEASE_ACTION = "numbering.released_by_operator"


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban numbering`` (core.cli.commands adds the command)."""
    p.description = (
        "从备份恢复后，本机在核对原设备用过的办件编号之前暂停编号。已登记到平台的设备在下次同步时自动核对；"
        "从未登记的设备由运维人员确认原设备在备份之后没有受理过办件，再用 --release 恢复编号。"
    )
    p.add_argument(
        "--release",
        action="store_true",
        help="确认原设备在备份之后没有发出过办件编号，恢复编号 (the operator releases numbering)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="本机已登记到平台但平台长期无法连接时，仍由运维人员确认后恢复编号",
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_numbering)


def cmd_numbering(args: argparse.Namespace) -> int:
    ctx = Context.from_args(args, NewStore.REFUSE)
    try:
        store = ctx.store
        since = store.numbering_held_since()
        platform = store.sync.enrollment()
        released = False
        if args.release and since is not None:
            if platform is not None and not args.force:
                raise ValidationError(
                    "--release",
                    f"本机已登记到省级平台 {platform.platform_url}：请同步（tongban sync once），"
                    "平台会告知原设备用过的编号，核对后自动恢复。平台确实无法连接（或所对接的平台不提供编号核对），"
                    "且确认原设备在备份之后没有受理过办件时，才加 --force。",
                    f"this device is enrolled with {platform.platform_url}: sync (tongban sync once) to learn "
                    "its marks; add --force only if the platform cannot be reached (or its adapter offers no marks) "
                    "and the lost device "
                    "issued no case number after the backup",
                    code="numbering.enrolled",
                )
            audit = AuditEntry(
                actor=f"operator:{getpass.getuser()}",
                action=RELEASE_ACTION,
                at=datetime.now().astimezone().isoformat(timespec="seconds"),
                detail={"held_since": since, "enrolled": platform is not None},
            )
            store.release_numbering({}, audit)
            released = True
    finally:
        ctx.close()
    held = since is not None and not released
    if args.json:
        print_json({"held": held, "held_since": since if held else None, "released": released})
    elif released:
        print("已恢复编号：本机可以继续受理办件。\nnumbering released by the operator")
    elif since is not None and held:
        print(f"本机自 {since[:19]} 从备份恢复后暂停编号，尚未与平台核对。")
        print(
            "处理：连接网络后执行 tongban sync once；从未登记到平台的设备，确认后执行 tongban numbering --release。"
        )
        print(f"numbering held since the restore at {since}")
    else:
        print("本机可以正常编号。\nnumbering is not held")
    return 1 if held else 0
