"""``tongban backup --to DIR`` and ``tongban restore --from DIR``: a device's data, to keep and to bring back.

The backup is consistent while the window or kiosk keeps taking cases (SQLite's online backup
API in one read transaction; scans are written before the row that names them, so every scan the
copy names is on disk). The device key goes with it, sealed under a passphrase the operator types
twice (core.cli.backup_archive). Restore brings the device back on new hardware: same identity,
same case-number counters, same enrolment; it refuses a data directory that already holds a store
unless ``--force``, and then moves the old data aside, never deletes it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import platform
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from core.cli.backup_archive import (
    FORMAT,
    MANIFEST,
    Backup,
    BackupError,
    check_passphrase,
    copy_file,
    files_under,
    find_backup,
    open_key,
    seal_key,
    sha256_of,
    sync_tree,
)
from core.cli.main import installed_version
from core.clock import SystemClock
from core.crypto import DeviceKey, key_location
from core.durable_files import fsync_directory, private_dirs, replace_durably, write_durably
from core.errors import KeyMaterialError, ValidationError
from core.store.maintenance import attachment_refs, copy_database, inspect
from core.store.numbering import hold_database
from core.store.opening import DB_NAME, FIRST_RUN_MARKER, STORE_MARKER
from core.store.unsent import Unsent

_COPIED_EXTRAS = ("tongban.toml", "catalog")  # besides the database and the scans


def fill_backup(p: argparse.ArgumentParser) -> None:
    p.description = (
        "备份本机数据：数据库（一致的快照，可在受理时进行）、附件、设备配置，以及用口令保护的设备密钥。"
    )
    p.add_argument("--to", type=Path, required=True, metavar="DIR", help="备份写到 DIR 下的新文件夹中")
    _passphrase_file(p)
    p.set_defaults(handler=cmd_backup)


def fill_restore(p: argparse.ArgumentParser) -> None:
    p.description = "从备份恢复本机（或在新硬件上恢复原设备）：数据库、附件、配置、设备密钥。"
    p.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="DIR",
        help="备份文件夹（或存放备份的目录，取最新的一份）",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="数据目录已有数据时仍然恢复：原有数据移到旁边的 .replaced-时间 目录，不删除",
    )
    _passphrase_file(p)
    p.set_defaults(handler=cmd_restore)


def _passphrase_file(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help="从文件第一行读取备份口令（脚本用；默认在终端输入）",
    )


def _read_passphrase(args: argparse.Namespace, *, twice: bool) -> str:
    if args.passphrase_file is not None:
        try:
            text = args.passphrase_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(
                "--passphrase-file", f"口令文件 {args.passphrase_file} 读不了：{exc}", str(exc)
            ) from None
        return text.splitlines()[0] if text.splitlines() else ""
    if not sys.stdin.isatty():
        raise ValidationError(
            "passphrase",
            "需要备份口令：请在终端中运行，或用 --passphrase-file 指定口令文件。",
            "a passphrase is needed: run on a terminal, or pass --passphrase-file",
        )
    first = getpass.getpass("备份口令 (passphrase): ")
    if twice:
        check_passphrase(first)
        if getpass.getpass("再输入一次 (again): ") != first:
            raise ValidationError(
                "passphrase",
                "两次输入的口令不一致，未备份。",
                "the two passphrases differ; nothing was written",
            )
    return first


# -- backup --------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    db_path = data_dir / DB_NAME
    if not db_path.is_file():
        raise BackupError(
            f"{data_dir} 中没有通办数据库，没有可备份的数据（检查 --data-dir 或 TONGBAN_DATA_DIR）。",
            f"no database in {data_dir}; nothing to back up (check --data-dir)",
            code="backup.no_store",
        )
    where = key_location(data_dir)
    key = DeviceKey.load(where.path)  # missing, too open or malformed: said before any passphrase
    facts = inspect(db_path)
    if facts.key_check is not None and facts.key_check != key.check_value():
        raise KeyMaterialError(
            f"设备密钥 {where.path} 与数据库不匹配，这样的备份无法恢复。",
            f"device key {where.path} does not match the database; such a backup could not be restored",
            code="key.mismatch",
        )
    passphrase = _read_passphrase(args, twice=True)
    check_passphrase(passphrase)

    now = datetime.now().astimezone()
    private_dirs(args.to)
    name = f"tongban-backup-{now:%Y%m%dT%H%M%S}-{(facts.device_id or 'device')[:8]}"
    final = args.to / name
    partial = args.to / f".{name}.partial"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} 已存在。", f"{final} exists")
    partial.mkdir(mode=0o700)
    try:
        manifest, missing = _write_backup(data_dir, partial, now=now)
        seal_key(manifest, where.path.read_bytes(), passphrase)
        write_durably(
            partial / MANIFEST,
            json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"),
            exclusive=True,
        )
        sync_tree(partial)
        os.rename(partial, final)
        fsync_directory(args.to)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    copy = manifest["store"]
    print(f"已备份到 {final}")
    print(
        f"  办件 {copy['cases']} 件，附件 {copy['attachments']} 个，待上传：{Unsent(**copy['unsent']).describe_zh()}；"
        "设备密钥已用口令保护。请把口令与备份分开保管：没有口令无法恢复。"
    )
    print(f"backup written to {final}: {copy['cases']} cases, {copy['attachments']} attachments")
    if missing:
        print(
            f"警告：数据库提到的 {len(missing)} 个附件文件在本机已缺失，备份中也没有。请运行 tongban doctor。",
            file=sys.stderr,
        )
        print(f"warning: {len(missing)} attachment files named by the database are missing", file=sys.stderr)
        return 1
    return 0


def _write_backup(data_dir: Path, folder: Path, *, now: datetime) -> tuple[dict[str, Any], list[str]]:
    files: dict[str, dict[str, Any]] = {}
    copy_database(data_dir / DB_NAME, folder / DB_NAME)
    facts = inspect(folder / DB_NAME)
    if not facts.intact:
        raise BackupError(
            "复制出的数据库未通过完整性检查，本机数据库可能已损坏：请运行 tongban doctor。",
            "the copied database fails integrity_check: " + "; ".join(facts.integrity),
        )
    files[DB_NAME] = {"size": (folder / DB_NAME).stat().st_size, "sha256": sha256_of(folder / DB_NAME)}
    # After the snapshot: every scan it names was written (and synced) before its row committed.
    missing: list[str] = []
    refs = attachment_refs(folder / DB_NAME)
    for ref in refs:
        relative = Path("attachments") / ref[:2] / ref
        source = data_dir / relative
        if not source.is_file():
            missing.append(ref)
            continue
        files[relative.as_posix()] = {
            "size": source.stat().st_size,
            "sha256": copy_file(source, folder / relative),
        }
    for extra in _COPIED_EXTRAS:
        source = data_dir / extra
        if source.is_file():
            files[extra] = {"size": source.stat().st_size, "sha256": copy_file(source, folder / extra)}
        elif source.is_dir():
            for relative in files_under(source):
                target = Path(extra) / relative
                files[target.as_posix()] = {
                    "size": (source / relative).stat().st_size,
                    "sha256": copy_file(source / relative, folder / target),
                }
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": now.isoformat(timespec="seconds"),
        "tongban_version": installed_version(),
        "host": platform.node(),
        "source": str(data_dir),
        "store": {
            "device_id": facts.device_id,
            "migrations": list(facts.applied),
            "cases": facts.cases,
            "pending_events": facts.pending_events,
            "unsent": {
                "events": facts.unsent.events,
                "attachments": facts.unsent.attachments,
                "kiosk_ratings": facts.unsent.kiosk_ratings,
                "queue_events": facts.unsent.queue_events,
            },
            "attachments": len(refs) - len(missing),
            "enrolled_with": facts.platform_url,
        },
        "files": files,
    }
    return manifest, missing


# -- restore -------------------------------------------------------------------------------


def _occupied(data_dir: Path) -> list[Path]:
    """What in ``data_dir`` says a store lives there already."""
    where = key_location(data_dir)
    found = [data_dir / n for n in (DB_NAME, STORE_MARKER) if (data_dir / n).exists()]
    if where.path.exists():
        found.append(where.path)
    return found


def cmd_restore(args: argparse.Namespace) -> int:
    data_dir: Path = args.data_dir
    backup = find_backup(args.source)
    occupied = _occupied(data_dir)
    if occupied and not args.force:
        raise BackupError(
            f"数据目录 {data_dir} 已有通办数据（{', '.join(p.name for p in occupied)}），未恢复。"
            "确认要用备份替换时加 --force（原有数据会移到旁边保留，不删除）。",
            f"{data_dir} already holds a store ({', '.join(map(str, occupied))}); nothing restored. "
            "Pass --force to replace it (the old data is moved aside, not deleted).",
            code="backup.target_occupied",
        )
    passphrase = _read_passphrase(args, twice=False)
    key_text = open_key(backup.manifest, passphrase)
    damaged = backup.damaged()
    if damaged:
        raise BackupError(
            f"备份已损坏：{len(damaged)} 个文件与清单不符（{', '.join(damaged[:3])}…），未恢复。",
            f"backup {backup.folder} is damaged: {', '.join(damaged)}",
            code="backup.damaged",
        )
    moved_to = _move_aside(data_dir, occupied) if occupied else None
    _put_in_place(backup, data_dir, key_text)
    # Open it as the programs will: the key must match, newer migrations are applied, the chain holds.
    from core.store.store import Store

    with Store.open(data_dir, clock=SystemClock()) as store:
        verdict = store.verify_audit()
        cases = len(store.list_cases(limit=1_000_000))
        pending = store.pending_count()
    _give_to_owner(data_dir)
    print(f"已从 {backup.folder} 恢复到 {data_dir}：办件 {cases} 件，待上传记录 {pending} 条。")
    if moved_to is not None:
        print(f"原有数据已移到 {moved_to}（未删除）。")
    print(
        "注意：恢复后本机就是原设备（同一设备身份与办件编号）。原设备不得再开机受理，否则会出现重复的办件编号。"
    )
    print(
        "本机暂停编号，直到核对原设备在备份之后用过的办件编号：已登记到平台的，下次同步时自动核对"
        "（tongban sync once）；从未登记的，确认原设备在备份后没有受理过办件，再执行 tongban numbering --release。"
    )
    print(f"restored {backup.folder} into {data_dir}: {cases} cases, {pending} unsent events; numbering held")
    if not verdict.ok:
        print(f"警告：审计日志校验未通过（第 {verdict.first_bad} 条）。", file=sys.stderr)
        return 1
    return 0


def _move_aside(data_dir: Path, occupied: list[Path]) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = data_dir.with_name(f"{data_dir.name}.replaced-{stamp}")
    try:
        aside.mkdir(mode=0o700)
        for entry in list(data_dir.iterdir()):
            os.rename(entry, aside / entry.name)
        for path in occupied:  # a supplied key outside the data directory
            if path.exists() and data_dir not in path.parents:
                os.rename(path, aside / path.name)
    except OSError as exc:
        raise BackupError(
            f"无法把原有数据移到 {aside}：{exc}。请以管理员身份运行，或先手工移走原有数据。",
            f"cannot move the old data to {aside}: {exc}",
        ) from exc
    fsync_directory(data_dir)
    return aside


def _put_in_place(backup: Backup, data_dir: Path, key_text: bytes) -> None:
    private_dirs(data_dir)
    data_dir.chmod(0o700)
    staging = data_dir / ".restoring"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    for name in backup.files:
        copy_file(backup.folder / name, staging / name)
    # No new number until the device knows how far the lost one had gone (core/store/numbering.py):
    # held in the staged copy, so the database never stands in place without its hold.
    hold_database(staging / DB_NAME, datetime.now().astimezone().isoformat(timespec="seconds"))
    sync_tree(staging)
    # The database last of the data, then the key, then the marker that says a store lives here.
    for entry in sorted(staging.iterdir(), key=lambda p: p.name == DB_NAME):
        replace_durably(entry, data_dir / entry.name)
    staging.rmdir()
    where = key_location(data_dir)
    private_dirs(where.path.parent)
    partial = where.path.with_name(f".{where.path.name}.restoring")
    write_durably(partial, key_text)
    replace_durably(partial, where.path)
    (data_dir / FIRST_RUN_MARKER).unlink(missing_ok=True)
    fsync_directory(data_dir)


def _give_to_owner(data_dir: Path) -> None:
    """Run as root for a data directory another account owns (/var/lib/tongban): hand it the files."""
    if os.name == "nt" or os.geteuid() != 0:
        return
    st = data_dir.stat()
    if st.st_uid == 0:
        return
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chown(path, st.st_uid, st.st_gid, follow_symlinks=False)


# -- migrate -------------------------------------------------------------------------------


def fill_migrate(p: argparse.ArgumentParser) -> None:
    p.description = "升级本机数据库到本程序的版本（安装新版本后由安装包执行；先备份）。"
    p.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    """Apply the pending migrations (each in one transaction, as every open does); 0 when up to date."""
    data_dir: Path = args.data_dir
    db_path = data_dir / DB_NAME
    if not db_path.is_file():
        print(f"{data_dir} 中还没有数据库，无需升级。\nno database in {data_dir}; nothing to migrate")
        return 0
    pending = inspect(db_path).pending_migrations
    from core.store.store import Store

    Store.open(data_dir, clock=SystemClock()).close()  # migrates, or raises and leaves it as it was
    if pending:
        print(f"数据库已升级：{', '.join(pending)}。\nmigrated: {', '.join(pending)}")
    else:
        print("数据库已是最新版本。\nthe database is up to date")
    return 0
