"""``tongban doctor``: one command that says what is wrong with this device, in Chinese, and what to do.

Core checks what core can see without a network, a device or Qt: the configuration, the data
directory and the device key (owner-only modes), the database (``PRAGMA integrity_check``,
read-only), its migrations, disk space, enrolment, unsent and quarantined cases, the display and
a speech program. Packages above core add checks through the ``tongban.doctor`` entry-point
group (pyproject.toml): a function ``checks(inputs: DoctorInputs) -> Iterable[Finding]``;
``services.doctor_checks`` asks the platform for its clock and each configured device for its
status. Nothing here writes: a doctor that migrated or "repaired" would hide the fault.

Exit code by the worst finding: 0 all ok, 1 warnings only, 2 at least one error. (Bad
arguments also exit 2, as for every command.)
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import IntEnum
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Final

from core.cli.context import print_json
from core.cli.main import installed_version
from core.clock import Clock, SystemClock
from core.config import DeviceConfig, load_config
from core.crypto import DeviceKey, key_location
from core.errors import TongbanError
from core.store.maintenance import StoreFacts, inspect
from core.store.opening import DB_NAME, STORE_MARKER

logger = logging.getLogger(__name__)

DOCTOR_GROUP: Final = "tongban.doctor"  # name → checks(inputs) -> Iterable[Finding]
MIN_FREE_ERROR: Final = 200 * 1024 * 1024  # below this a day of scans may not fit: intake would fail
MIN_FREE_WARNING: Final = 2 * 1024 * 1024 * 1024
STALE_PENDING: Final = timedelta(hours=24)
_RESTORE: Final = "停止使用本机，从最近的备份恢复（tongban restore --from 备份目录），并联系运维人员。"


class Severity(IntEnum):
    OK = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return {Severity.OK: "正常", Severity.WARNING: "警告", Severity.ERROR: "错误"}[self]

    @property
    def word(self) -> str:
        return {Severity.OK: "ok", Severity.WARNING: "warning", Severity.ERROR: "error"}[self]


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's outcome: ``message`` and ``hint`` (what to do) in Chinese, ``detail`` in English."""

    check: str  # stable id: "key", "database", "device.printer" …
    title: str
    severity: Severity
    message: str
    detail: str
    hint: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "title": self.title,
            "severity": self.severity.word,
            "message": self.message,
            "detail": self.detail,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class DoctorInputs:
    """What every check may look at. ``config`` is None when tongban.toml cannot be read, ``facts``
    when there is no readable database."""

    data_dir: Path
    config_path: Path
    timeout: float
    clock: Clock = field(default_factory=SystemClock)
    config: DeviceConfig | None = None
    facts: StoreFacts | None = None


Checks = Callable[[DoctorInputs], Iterable[Finding]]


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban doctor`` (core.cli.commands adds the command)."""
    p.description = (
        "检查本机：配置、数据目录与密钥权限、数据库完整性、迁移、磁盘空间、平台时钟、登记、"
        "待上传与暂停上传的办件、各外设、中文字体、显示与语音。退出码：0 正常，1 有警告，2 有错误。"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出 (machine-readable)")
    p.add_argument(
        "--timeout",
        type=float,
        default=3.0,
        metavar="S",
        help="连接平台、检测每个外设的超时（秒，默认 3）(timeout per network or device check)",
    )
    p.set_defaults(handler=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    if not args.timeout > 0:
        print(
            "错误：--timeout 应为正数（秒）。\nerror: --timeout must be a positive number of seconds",
            file=sys.stderr,
        )
        return 2
    findings = diagnose(args.data_dir, args.config, timeout=args.timeout)
    worst = max((f.severity for f in findings), default=Severity.OK)
    if args.json:
        print_json(
            {
                "version": installed_version(),
                "data_dir": str(args.data_dir),
                "status": worst.word,
                "exit_code": int(worst),
                "checks": [f.as_json() for f in findings],
            }
        )
    else:
        _print_text(args.data_dir, findings, worst)
    return int(worst)


def diagnose(
    data_dir: Path, config_path: Path, *, timeout: float, clock: Clock | None = None
) -> list[Finding]:
    """Every finding, core's first, then each contributor's (sorted by name)."""
    findings: list[Finding] = []
    config = _check_config(config_path, findings)
    _check_data_dir(data_dir, findings)
    facts = _check_database(data_dir, findings)
    _check_key(data_dir, facts, findings)
    if facts is not None:
        _check_migrations(facts, findings)
        _check_sync_state(facts, findings, clock or SystemClock())
    _check_disk(data_dir, findings)
    role = config.role if config is not None else "window"
    _check_display(role, findings)
    _check_speech(role, findings)
    inputs = DoctorInputs(data_dir, config_path, timeout, clock or SystemClock(), config, facts)
    for name, checks in _contributors():
        try:
            findings.extend(checks(inputs))
        except Exception as exc:  # a broken check must not hide the others' answers
            logger.exception("doctor checks %r failed", name)
            findings.append(
                Finding(
                    f"{name}.failed",
                    "自检程序",
                    Severity.ERROR,
                    f"“{name}”部分的检查本身出错，未能完成。",
                    f"the {name} checks raised {type(exc).__name__}: {exc}",
                    "请把本输出发给运维人员。",
                )
            )
    return findings


def _contributors() -> list[tuple[str, Checks]]:
    found = sorted(entry_points(group=DOCTOR_GROUP), key=lambda ep: ep.name)
    loaded: list[tuple[str, Checks]] = []
    for ep in found:
        loaded.append((ep.name, ep.load()))
    return loaded


def _print_text(data_dir: Path, findings: list[Finding], worst: Severity) -> None:
    print(f"通办自检 (tongban doctor)：数据目录 {data_dir}")
    for f in findings:
        print(f"  [{f.severity.label}] {f.title}：{f.message}")
        if f.hint and f.severity is not Severity.OK:
            print(f"         处理：{f.hint}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    if worst is Severity.OK:
        print(f"结论：全部 {len(findings)} 项正常。")
    else:
        print(f"结论：{errors} 项错误，{warnings} 项警告。")
    print(f"result: {worst.word} ({errors} errors, {warnings} warnings; exit code {int(worst)})")


# -- core's checks -------------------------------------------------------------------------


def _check_config(path: Path, out: list[Finding]) -> DeviceConfig | None:
    title = "设备配置"
    try:
        config = load_config(path)
    except TongbanError as exc:
        out.append(
            Finding("config", title, Severity.ERROR, exc.message, exc.detail, f"修改 {path} 后重新运行自检。")
        )
        return None
    if not path.exists():
        out.append(
            Finding(
                "config",
                title,
                Severity.WARNING,
                f"没有配置文件 {path}：本机没有设备身份，也没有配置外设。",
                f"no configuration file at {path}: no device identity, no devices",
                "完成新设备首次设置，或在平台登记（tongban sync enroll …）。",
            )
        )
    elif not config.has_identity:
        out.append(
            Finding(
                "config",
                title,
                Severity.WARNING,
                f"{path} 中没有设备身份（行政区划代码和设备编号），本机不能受理办件。",
                f"{path} has no device identity (region_code, device_no): no case can be numbered",
                "在平台登记（tongban sync enroll --region 行政区划代码 …）或补全配置。",
            )
        )
    else:
        out.append(
            Finding(
                "config",
                title,
                Severity.OK,
                f"角色 {config.role}，行政区划 {config.region_code}，设备编号 {config.device_no:03d}。",
                f"role {config.role}, region {config.region_code}, device {config.device_no:03d}",
            )
        )
    return config


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _check_data_dir(data_dir: Path, out: list[Finding]) -> None:
    title = "数据目录"
    if not data_dir.is_dir():
        out.append(
            Finding(
                "data_dir",
                title,
                Severity.ERROR,
                f"数据目录 {data_dir} 不存在。",
                f"data directory {data_dir} does not exist",
                "检查 --data-dir 或 TONGBAN_DATA_DIR；安装包的数据目录是 /var/lib/tongban。",
            )
        )
        return
    if not os.access(data_dir, os.R_OK | os.W_OK | os.X_OK):
        out.append(
            Finding(
                "data_dir",
                title,
                Severity.ERROR,
                f"当前账号不能读写数据目录 {data_dir}。",
                f"the current account cannot read and write {data_dir}",
                "用运行通办的账号执行自检，例如 sudo -u tongban tongban doctor。",
            )
        )
        return
    if os.name != "nt" and _mode(data_dir) & 0o077:
        out.append(
            Finding(
                "data_dir",
                title,
                Severity.ERROR,
                f"数据目录 {data_dir} 的权限为 {_mode(data_dir):04o}，其他账号可以访问（应为 0700）。",
                f"data directory {data_dir} has mode {_mode(data_dir):04o}; it must be 0700",
                f"chmod 700 {data_dir}",
            )
        )
        return
    out.append(
        Finding(
            "data_dir",
            title,
            Severity.OK,
            f"{data_dir} 仅本账号可访问。",
            f"{data_dir} exists, is writable and owner-only",
        )
    )


def _check_database(data_dir: Path, out: list[Finding]) -> StoreFacts | None:
    title = "数据库"
    db_path = data_dir / DB_NAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        own_key = key_location(data_dir)
        if (data_dir / STORE_MARKER).exists() or (not own_key.supplied and own_key.path.exists()):
            out.append(
                Finding(
                    "database",
                    title,
                    Severity.ERROR,
                    f"数据库 {db_path} 不见了或为空，但本机曾有数据。",
                    f"database {db_path} is missing or empty, but this device had data",
                    "从备份恢复（tongban restore --from 备份目录），切勿删除设备密钥。",
                )
            )
        else:
            out.append(
                Finding(
                    "database",
                    title,
                    Severity.WARNING,
                    "本机还没有数据库：首次启动窗口、自助终端或同步时会新建。",
                    f"no database yet at {db_path}; the first run creates it",
                )
            )
        return None
    try:
        facts = inspect(db_path)
    except TongbanError as exc:
        out.append(
            Finding(
                "database",
                title,
                Severity.ERROR,
                f"数据库无法读取，可能已损坏：{exc.message}",
                exc.detail,
                _RESTORE,
            )
        )
        return None
    if not facts.intact:
        out.append(
            Finding(
                "database",
                title,
                Severity.ERROR,
                "数据库完整性检查未通过：文件已损坏。",
                "PRAGMA integrity_check: " + "; ".join(facts.integrity),
                _RESTORE,
            )
        )
    elif os.name != "nt" and _mode(db_path) & 0o077:
        out.append(
            Finding(
                "database",
                title,
                Severity.ERROR,
                f"数据库文件 {db_path} 其他账号可以读取（权限 {_mode(db_path):04o}，应为 0600）。",
                f"database {db_path} has mode {_mode(db_path):04o}; it must be 0600",
                f"chmod 600 {db_path}*",
            )
        )
    else:
        out.append(
            Finding(
                "database",
                title,
                Severity.OK,
                f"完整性检查通过，共 {facts.cases} 件办件。",
                f"integrity_check ok; {facts.cases} cases",
            )
        )
    return facts


def _check_key(data_dir: Path, facts: StoreFacts | None, out: list[Finding]) -> None:
    title = "设备密钥"
    where = key_location(data_dir)
    if not where.path.exists():
        if facts is not None:
            out.append(
                Finding(
                    "key",
                    title,
                    Severity.ERROR,
                    f"找不到设备密钥 {where.path}，本机已有的数据无法读取。",
                    f"device key {where.path} is missing while the database exists",
                    "从备份恢复（tongban restore --from 备份目录），或把 TONGBAN_DEVICE_KEY_FILE 指向原来的密钥。",
                )
            )
        else:
            out.append(
                Finding(
                    "key",
                    title,
                    Severity.OK if not where.supplied else Severity.ERROR,
                    "还没有设备密钥：首次启动时与数据库一起生成。"
                    if not where.supplied
                    else f"部署指定的密钥文件 {where.path} 不存在。",
                    f"no device key yet at {where.path}"
                    + (" (supplied by TONGBAN_DEVICE_KEY_FILE)" if where.supplied else ""),
                )
            )
        return
    try:
        key = DeviceKey.load(where.path)  # refuses a key that group or others can read
    except TongbanError as exc:
        out.append(
            Finding("key", title, Severity.ERROR, exc.message, exc.detail, "修正密钥文件后重新运行自检。")
        )
        return
    keys_dir = where.path.parent
    if not where.supplied and os.name != "nt" and _mode(keys_dir) & 0o077:
        out.append(
            Finding(
                "key",
                title,
                Severity.ERROR,
                f"密钥目录 {keys_dir} 其他账号可以访问（权限 {_mode(keys_dir):04o}，应为 0700）。",
                f"key directory {keys_dir} has mode {_mode(keys_dir):04o}; it must be 0700",
                f"chmod 700 {keys_dir}",
            )
        )
        return
    if facts is not None and facts.key_check is not None and facts.key_check != key.check_value():
        out.append(
            Finding(
                "key",
                title,
                Severity.ERROR,
                f"设备密钥 {where.path} 与数据库不匹配：不是创建该数据库时的密钥。",
                f"device key {where.path} does not match the database (key check differs)",
                "恢复原来的密钥文件（从备份），或检查 TONGBAN_DEVICE_KEY_FILE。",
            )
        )
        return
    out.append(
        Finding(
            "key",
            title,
            Severity.OK,
            f"{where.path} 仅本账号可读" + ("，与数据库匹配。" if facts is not None else "。"),
            f"{where.path} is owner-only" + (" and matches the database" if facts is not None else ""),
        )
    )


def _check_migrations(facts: StoreFacts, out: list[Finding]) -> None:
    title = "数据库版本"
    if facts.unknown_migrations:
        out.append(
            Finding(
                "migrations",
                title,
                Severity.ERROR,
                "数据库由更新版本的通办写入，本程序不能使用它。",
                "database has migrations this version does not know: " + ", ".join(facts.unknown_migrations),
                "安装更新版本的通办（不要降级）。",
            )
        )
    elif facts.pending_migrations:
        out.append(
            Finding(
                "migrations",
                title,
                Severity.WARNING,
                f"有 {len(facts.pending_migrations)} 项数据库升级尚未执行，下次启动时自动执行。",
                "pending migrations: " + ", ".join(facts.pending_migrations),
                "先备份（tongban backup --to 目录），再启动通办。",
            )
        )
    else:
        out.append(
            Finding(
                "migrations",
                title,
                Severity.OK,
                f"已是最新（{len(facts.applied)} 项迁移）。",
                f"all {len(facts.applied)} migrations applied",
            )
        )


def _check_sync_state(facts: StoreFacts, out: list[Finding], clock: Clock) -> None:
    if facts.platform_url is None:
        out.append(
            Finding(
                "enrolment",
                "平台登记",
                Severity.WARNING,
                "本机尚未登记到省级平台：可以离线受理，但办件不会上传。",
                "not enrolled with a platform: cases stay on this device",
                "tongban sync enroll --platform 平台地址 --code 一次性登记码",
            )
        )
    else:
        out.append(
            Finding(
                "enrolment",
                "平台登记",
                Severity.OK,
                f"已登记到 {facts.platform_url}（{(facts.enrolled_at or '')[:10]}）。",
                f"enrolled with {facts.platform_url} at {facts.enrolled_at}",
            )
        )
    if facts.numbering_held_since is not None:
        enrolled = facts.platform_url is not None
        out.append(
            Finding(
                "numbering",
                "办件编号",
                Severity.ERROR,
                f"本机于 {facts.numbering_held_since[:16]} 从备份恢复，尚未核对原设备用过的办件编号：暂不能受理新办件。",
                f"numbering held since the restore at {facts.numbering_held_since}",
                "连接网络后执行 tongban sync once（自动核对并恢复编号）。"
                if enrolled
                else "确认原设备在备份之后没有受理过办件，再执行 tongban numbering --release。",
            )
        )
    unsent = facts.unsent  # every outbox, counted as the package's purge counts it
    stale = _older_than(unsent.oldest_at, clock.now() - STALE_PENDING)
    if unsent.total and stale:
        out.append(
            Finding(
                "pending",
                "待上传",
                Severity.WARNING,
                f"{unsent.describe_zh()}待上传，最早的一条已超过 24 小时（{(unsent.oldest_at or '')[:16]}）。",
                f"{unsent.describe_en()}; the oldest is from {unsent.oldest_at}",
                "检查网络与平台登记：tongban sync status；立即同步：tongban sync once。",
            )
        )
    else:
        out.append(
            Finding(
                "pending",
                "待上传",
                Severity.OK,
                f"{unsent.describe_zh()}待上传。" if unsent.total else "没有待上传的记录。",
                unsent.describe_en(),
            )
        )
    if facts.quarantined or facts.rework:
        out.append(
            Finding(
                "quarantine",
                "暂停上传",
                Severity.WARNING,
                f"{facts.quarantined} 件办件被平台拒收、暂停上传；{facts.rework} 件被退回需重新办理。",
                f"{facts.quarantined} quarantined cases, {facts.rework} sent back for re-work",
                "tongban sync status 查看原因，核对后 tongban sync release 办件编号。",
            )
        )
    else:
        out.append(
            Finding(
                "quarantine",
                "暂停上传",
                Severity.OK,
                "没有被拒收或退回的办件。",
                "no quarantined or re-work cases",
            )
        )


def _older_than(stamp: str | None, limit: datetime) -> bool:
    if not stamp:
        return False
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=limit.tzinfo)
    return when < limit


def _check_disk(data_dir: Path, out: list[Finding]) -> None:
    title = "磁盘空间"
    where = data_dir
    while not where.exists() and where != where.parent:
        where = where.parent
    try:
        usage = shutil.disk_usage(where)
    except OSError as exc:
        out.append(
            Finding(
                "disk",
                title,
                Severity.WARNING,
                f"无法查看 {where} 的磁盘空间。",
                f"disk_usage({where}): {exc}",
            )
        )
        return
    free_mb = usage.free // (1024 * 1024)
    if usage.free < MIN_FREE_ERROR:
        severity, message = Severity.ERROR, f"{where} 所在磁盘只剩 {free_mb} MB，受理可能失败。"
    elif usage.free < MIN_FREE_WARNING:
        severity, message = Severity.WARNING, f"{where} 所在磁盘只剩 {free_mb} MB。"
    else:
        severity, message = Severity.OK, f"{where} 所在磁盘剩余 {usage.free / 1024**3:.1f} GB。"
    out.append(
        Finding(
            "disk",
            title,
            severity,
            message,
            f"{usage.free} bytes free of {usage.total} on the file system of {where}",
            "清理磁盘或扩容；不要删除数据目录中的文件。",
        )
    )


def _check_display(role: str, out: list[Finding]) -> None:
    title = "显示"
    shown = os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if shown:
        out.append(Finding("display", title, Severity.OK, f"图形显示 {shown}。", f"display {shown}"))
    elif platform in ("offscreen", "minimal", "eglfs", "linuxfb", "vnc") or os.name == "nt":
        out.append(
            Finding(
                "display",
                title,
                Severity.OK,
                f"Qt 平台 {platform or 'windows'}。",
                f"Qt platform {platform or 'windows'}",
            )
        )
    else:
        out.append(
            Finding(
                "display",
                title,
                Severity.WARNING,
                f"当前没有图形显示（DISPLAY 未设置），{'窗口' if role != 'kiosk' else '自助终端'}程序无法在此启动。",
                "no display (DISPLAY and WAYLAND_DISPLAY unset)",
                "在本机的图形会话中运行，或远程执行时忽略此项。",
            )
        )


def _check_speech(role: str, out: list[Finding]) -> None:
    title = "语音"
    found = shutil.which("espeak-ng") or shutil.which("espeak")
    if found:
        out.append(Finding("speech", title, Severity.OK, f"可以朗读（{found}）。", f"speech program {found}"))
    elif role == "kiosk":
        out.append(
            Finding(
                "speech",
                title,
                Severity.WARNING,
                "没有语音程序：长辈版无法朗读提示（屏幕文字不受影响）。",
                "no espeak-ng: the elderly mode cannot speak",
                "apt install espeak-ng",
            )
        )
    else:
        out.append(
            Finding(
                "speech",
                title,
                Severity.OK,
                "没有语音程序（窗口不需要朗读）。",
                "no espeak-ng (a window does not speak)",
            )
        )
