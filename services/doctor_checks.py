"""What ``tongban doctor`` checks above core: the platform's clock, each configured device, the CJK font.

Contributed through the ``tongban.doctor`` entry point (pyproject.toml), since core may not reach
the network or the devices. Each check is bounded by the doctor's ``--timeout``: a platform that
does not answer is reported as 无法连接, never waited for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from core.cli.doctor import DoctorInputs, Finding, Severity

SKEW_WARNING_S = 60.0  # a minute off: case times drift from the platform's; signatures still pass


def checks(inputs: DoctorInputs) -> Iterable[Finding]:
    yield from _clock(inputs)
    yield from _devices(inputs)
    yield _fonts()


def _clock(inputs: DoctorInputs) -> Iterable[Finding]:
    facts = inputs.facts
    if facts is None or facts.platform_url is None:
        return  # core's enrolment check already says so
    from sync import contract
    from sync.adapter import AdapterSettings, open_adapter
    from sync.errors import SyncError

    title = "平台时钟"
    url = facts.platform_url
    try:
        settings = AdapterSettings(
            url,
            facts.device_id or "",
            ca_file=facts.platform_ca_file,
            pin=facts.platform_pin,
            timeout=(inputs.timeout, inputs.timeout),
            options=facts.platform_options,
        )
        with open_adapter(facts.platform_adapter, settings) as client:
            before = inputs.clock.now()
            answer = client.health((inputs.timeout, inputs.timeout))
            after = inputs.clock.now()
    except SyncError as exc:
        yield Finding(
            "clock",
            title,
            Severity.WARNING,
            f"无法连接省级平台 {url}：{exc.message}",
            f"cannot reach the platform at {url}: {exc.detail}",
            "检查网络；离线期间可以照常受理，恢复后自动上传。",
        )
        return
    try:
        platform_time = datetime.fromisoformat(answer["time"])
    except (KeyError, TypeError, ValueError):
        yield Finding(
            "clock",
            title,
            Severity.WARNING,
            "平台没有告知时间，无法比对时钟。",
            "the platform's health answer has no time",
        )
        return
    # The platform read its clock somewhere between our two readings: compare with the middle.
    skew = ((before + (after - before) / 2) - platform_time).total_seconds()
    ahead = "快" if skew >= 0 else "慢"
    text = f"本机时钟比平台{ahead} {abs(skew):.0f} 秒"
    detail = f"device clock minus platform clock: {skew:+.1f} s"
    hint = "校准本机时间（启用 NTP：timedatectl set-ntp true）。"
    if abs(skew) > contract.MAX_CLOCK_SKEW_S:
        yield Finding("clock", title, Severity.ERROR, f"{text}，平台会拒绝本机的同步请求。", detail, hint)
    elif abs(skew) > SKEW_WARNING_S:
        yield Finding("clock", title, Severity.WARNING, f"{text}。", detail, hint)
    else:
        yield Finding("clock", title, Severity.OK, f"平台可以连接，{text}。", detail)


def _devices(inputs: DoctorInputs) -> Iterable[Finding]:
    from devices.errors import DeviceError
    from devices.manager import probe_configured, read_device_table

    try:
        table = read_device_table(inputs.config_path)
    except DeviceError as exc:
        yield Finding(
            "devices",
            "外设",
            Severity.ERROR,
            exc.message,
            exc.detail,
            f"修改 {inputs.config_path} 的 [devices]。",
        )
        return
    if not table:
        yield Finding(
            "devices",
            "外设",
            Severity.OK if inputs.config is None or inputs.config.role == "outreach" else Severity.WARNING,
            "没有配置任何外设。",
            "no devices configured",
            f'在 {inputs.config_path} 的 [devices] 中写入外设地址，例如 printer = "tcp:10.0.0.5:9100"。',
        )
        return
    for health in probe_configured(table, inputs.timeout):
        if health.ok is None:
            continue
        where = f"（{health.uri}）"
        if health.ok:
            yield Finding(
                f"device.{health.role}", health.name, Severity.OK, health.message + where, health.detail
            )
        else:
            yield Finding(
                f"device.{health.role}",
                health.name,
                Severity.ERROR,
                health.message + where,
                health.detail or health.message,
                "检查连线、电源和设备地址；tongban devices list 可单独检测。",
            )


def _fonts() -> Finding:
    from devices.errors import DeviceError
    from devices.printer.raster import find_cjk_fonts

    try:
        face = find_cjk_fonts()[0]  # the one search the receipt printer uses
    except DeviceError as exc:
        return Finding(
            "fonts", "中文字体", Severity.ERROR, exc.message, exc.detail, "apt install fonts-noto-cjk"
        )
    return Finding(
        "fonts",
        "中文字体",
        Severity.OK,
        f"{face.family}（{face.path}）。",
        f"CJK font {face.family} at {face.path}",
    )
