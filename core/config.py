"""The per-device configuration file (TOML): who this device is, where it stands, what it talks to."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from core.calendar import HolidayCalendar, current_calendar, shipped_calendar
from core.case_numbers import valid_region_code
from core.durable_files import private_dirs, replace_durably, write_durably
from core.errors import TongbanError, ValidationError

CONFIG_NAME = "tongban.toml"
MAX_NOTICE: Final = 120  # characters of one hall-display notice: two lines of the big screen
ROLES = ("window", "kiosk", "outreach", "display")  # display: the hall's big screen (tongban hall-display)


DEMO_REGION_CODE: Final = "320115"  # 江宁区, Nanjing: the demonstration hall's GB/T 2260 code


class NoIdentityError(TongbanError):
    """This device has no identity yet (region code and device number), so it may not number a case."""

    exit_code = 1  # the environment is not ready, the input may be fine


@dataclass(frozen=True, slots=True)
class DeviceConfig:
    """One device's settings. The defaults are a device with no identity yet.

    ``region_code`` is the hall's GB/T 2260 code and ``device_no`` the device's number within that
    region (1–999; 0 until assigned at setup or by the platform at enrolment): together they make
    case numbers unique without asking the platform, so a device takes no case until it has both
    (``require_identity``). ``devices`` maps a role (id_reader, printer, scanner, camera) to a device URI.
    """

    role: str = "window"
    region_code: str = ""
    device_no: int = 0
    hall_name: str = ""
    hall_address: str = ""
    hall_phone: str = "12345"  # 12345 政务服务便民热线, the same number nationwide
    operator: str = ""
    platform_url: str = ""
    devices: Mapping[str, str] = field(default_factory=dict)
    # [platform]: ``adapter`` names the platform adapter (sync/adapter.py; default "tongban", our
    # own contract), the other keys are that adapter's options (e.g. gov-standard's app_key)
    platform: Mapping[str, str] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()  # local holidays only: the official ones are ``calendar``'s
    workdays: frozenset[date] = frozenset()  # local 调休 make-up working days on weekends
    bad_rating_follow_up_days: int = 5  # 差评整改时限 (5 or 15 working days seen locally)
    # A kiosk's offline ticket slot (1-9, core/queue/model.py): its tickets while the hall server is
    # down are numbered A1001…; 0 = the device number's last digit when that is 1-9 (``offline_queue_slot``).
    queue_slot: int = 0
    # A window's number in the hall (窗口号, 1-999; 0 = none: no queue panel) and the catalog ids of
    # the services it calls (叫号); empty = every service (window_client/queue/).
    window_no: int = 0
    queue_services: tuple[str, ...] = ()
    # The hall display's notices (公告), shown in turn under the calls; empty = its standard one.
    display_notices: tuple[str, ...] = ()
    # The official holiday calendar (shipped, or pulled when newer: core/calendar.py); not in the file.
    calendar: HolidayCalendar = field(default_factory=shipped_calendar, compare=False, repr=False)

    @classmethod
    def demo(cls, **changes: Any) -> DeviceConfig:
        """The demonstration hall's identity (江宁区, device 001, "（演示）" on every receipt), for
        ``tongban demo``, the walk-throughs and tests; it is written to their tongban.toml."""
        values: dict[str, Any] = {
            "region_code": DEMO_REGION_CODE,
            "device_no": 1,
            "hall_name": "江宁区政务服务中心（演示）",
            "hall_address": "南京市江宁区上元大街 100 号（演示地址）",
            "operator": "window01",
        }
        return cls(**(values | changes))

    @property
    def working_calendar(self) -> HolidayCalendar:
        """The official calendar with this hall's local days added: what every time limit counts on."""
        return self.calendar.with_local(self.holidays, self.workdays)

    @property
    def platform_adapter(self) -> str:
        return self.platform.get("adapter", "tongban")

    @property
    def platform_options(self) -> dict[str, str]:
        """The ``[platform]`` table without ``adapter``: the adapter's own options."""
        return {key: value for key, value in self.platform.items() if key != "adapter"}

    @property
    def offline_queue_slot(self) -> int | None:
        """The slot this kiosk numbers its offline tickets from: ``queue_slot``, else the device
        number's last digit when it is 1-9; None when neither gives one (no offline tickets then)."""
        if self.queue_slot:
            return self.queue_slot
        last = self.device_no % 10
        return last if 1 <= last <= 9 else None

    @property
    def has_identity(self) -> bool:
        return valid_region_code(self.region_code) and 1 <= self.device_no <= 999

    def require_identity(self, source: Path | None = None) -> None:
        """NoIdentityError (Chinese and English) unless this device has a region code and a device number."""
        if self.has_identity:
            return
        where = f"（{source}）" if source is not None else ""
        raise NoIdentityError(
            f"本机尚未设置设备身份（行政区划代码和设备编号）{where}，不能受理办件：否则两台新设备会给出相同的办件编号。"
            "请先完成新设备首次设置，或在省级平台登记（tongban sync enroll --region 行政区划代码 …，平台分配设备编号）；"
            "只想看演示请用 tongban demo。",
            "this device has no identity yet (region_code and device_no"
            + (f" in {source}" if source is not None else "")
            + "), so it takes no case: two new devices would make the same case numbers. Run the "
            "first-run setup, or enroll with the platform (tongban sync enroll --region CODE …, "
            "which assigns a device number); for a demonstration use `tongban demo`.",
        )


_KEYS: dict[str, type | tuple[type, ...]] = {
    "role": str,
    "region_code": str,
    "device_no": int,
    "hall_name": str,
    "hall_address": str,
    "hall_phone": str,
    "operator": str,
    "platform_url": str,
    "devices": dict,
    "platform": dict,
    "holidays": list,
    "workdays": list,
    "bad_rating_follow_up_days": int,
    "queue_slot": int,
    "window_no": int,
    "queue_services": list,
    "display_notices": list,
}


def _problem(path: Path, key: str, message: str) -> ValidationError:
    return ValidationError(
        f"config.{key}", f"配置文件 {path} 中 {key} {message}", f"{path}: {key}: {message}"
    )


def _dates(path: Path, key: str, raw: list[Any]) -> frozenset[date]:
    out = set()
    for value in raw:
        if isinstance(value, date):
            out.add(value)
            continue
        try:
            out.add(date.fromisoformat(str(value)))
        except ValueError:
            raise _problem(path, key, f"中的“{value}”不是 YYYY-MM-DD 日期") from None
    return frozenset(out)


def load_config(path: Path, data_dir: Path | None = None) -> DeviceConfig:
    """Read a device TOML file; a missing file gives the defaults (no identity). Unknown keys are errors.

    With ``data_dir`` the holiday calendar is the device's current one (a newer one pulled from the
    platform wins over the shipped one); without, the shipped one.
    """
    calendar = current_calendar(data_dir)
    if not path.exists():
        return DeviceConfig(calendar=calendar)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError("config", f"配置文件 {path} 格式有误：{exc}", f"{path}: {exc}") from None
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise _problem(path, key, "不是可用的配置项（可用：" + "、".join(_KEYS) + "）")
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is int):
            raise _problem(path, key, "的类型不对")
        values[key] = value
    if "role" in values and values["role"] not in ROLES:
        raise _problem(path, "role", "应为 " + " / ".join(ROLES))
    if "region_code" in values and not valid_region_code(values["region_code"]):
        raise _problem(path, "region_code", "应为 6 位行政区划代码")
    if "device_no" in values and not 1 <= values["device_no"] <= 999:
        raise _problem(path, "device_no", "应在 1–999 之间")
    if "queue_slot" in values and not 1 <= values["queue_slot"] <= 9:
        raise _problem(path, "queue_slot", "应在 1–9 之间（本机离线取号的号段）")
    if "window_no" in values and not 0 <= values["window_no"] <= 999:
        raise _problem(path, "window_no", "应在 0–999 之间（本窗口在大厅的窗口号，0 表示不叫号）")
    if "queue_services" in values:
        services = values["queue_services"]
        if not all(isinstance(v, str) and v.strip() for v in services):
            raise _problem(path, "queue_services", "中的值应为非空的事项编号字符串")
        values["queue_services"] = tuple(v.strip() for v in services)
    if "display_notices" in values:
        notices = values["display_notices"]
        if not all(isinstance(v, str) and v.strip() and len(v) <= MAX_NOTICE for v in notices):
            raise _problem(path, "display_notices", f"中的每条公告应为 1–{MAX_NOTICE} 字的文字")
        values["display_notices"] = tuple(v.strip() for v in notices)
    for table in ("devices", "platform"):
        if table in values:
            if not all(isinstance(v, str) for v in values[table].values()):
                raise _problem(path, table, "中的值应为字符串")
            values[table] = {str(k): v for k, v in values[table].items()}
    adapter = values.get("platform", {}).get("adapter")
    if adapter is not None and not adapter.strip():
        raise _problem(path, "platform", "中的 adapter 不能为空")
    for key in ("holidays", "workdays"):
        if key in values:
            values[key] = _dates(path, key, values[key])
    return DeviceConfig(**values, calendar=calendar)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string: JSON's escapes are TOML's


def _toml_key(key: str) -> str:
    """A bare TOML key where it may be one, else a quoted one."""
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def config_toml(config: DeviceConfig) -> str:
    """The TOML text of ``config``: every scalar key, then the holidays and the ``[devices]`` table.

    Only keys load_config knows are written (unknown keys there are errors), so the two round-trip.
    """
    defaults = DeviceConfig()
    lines = ["# 通办 设备配置 (written by Tongban: first-run setup or the demo)"]
    for key in (
        "role",
        "region_code",
        "device_no",
        "hall_name",
        "hall_address",
        "hall_phone",
        "operator",
        "platform_url",
    ):
        value = getattr(config, key)
        if value not in ("", 0):  # 0: no device number yet
            lines.append(f"{key} = {_toml_value(value)}")
    if config.bad_rating_follow_up_days != defaults.bad_rating_follow_up_days:
        lines.append(f"bad_rating_follow_up_days = {config.bad_rating_follow_up_days}")
    if config.queue_slot:
        lines.append(f"queue_slot = {config.queue_slot}")
    if config.window_no:
        lines.append(f"window_no = {config.window_no}")
    if config.queue_services:
        lines.append(f"queue_services = [{', '.join(_toml_value(s) for s in config.queue_services)}]")
    if config.display_notices:
        lines.append(f"display_notices = [{', '.join(_toml_value(s) for s in config.display_notices)}]")
    for key in ("holidays", "workdays"):
        days = sorted(getattr(config, key))
        if days:
            lines.append(f"{key} = [{', '.join(_toml_value(d.isoformat()) for d in days)}]")
    if config.devices:
        lines += ["", "[devices]"]
        lines += [f"{role} = {_toml_value(uri)}" for role, uri in config.devices.items() if uri]
    if config.platform:
        lines += ["", "[platform]"]
        lines += [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in config.platform.items()]
    return "\n".join(lines) + "\n"


def write_config(path: Path, config: DeviceConfig) -> Path:
    """Write ``config`` to ``path`` atomically (temporary file, fsync, rename, directory fsync):
    a power cut leaves the old file or the new one. Returns ``path``."""
    private_dirs(path.parent)
    temporary = path.with_name(path.name + ".tmp")
    write_durably(temporary, config_toml(config).encode("utf-8"))
    replace_durably(temporary, path)
    return path
