"""Device URIs parsed in one place: ``serial:/dev/ttyUSB0?baudrate=115200``, ``tcp:HOST:PORT``, ``sim`` …"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import parse_qsl

from devices.errors import DeviceUriError


class Scheme(StrEnum):
    SERIAL = "serial"
    TCP = "tcp"
    USB = "usb"
    FILE = "file"
    CUPS = "cups"
    CAMERA = "camera"
    VIDEO = "video"
    IMAGES = "images"
    SIM = "sim"


_EXAMPLES = (
    "serial:/dev/ttyUSB0?baudrate=115200, tcp:10.0.0.5:9100, usb:0x0416:0x5011, file:receipt.bin, "
    "cups:Receipt, camera:0, video:clip.avi, images:scans/, sim, sim:cards.json"
)
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)$")
_HEX16 = re.compile(r"^(0x)?[0-9A-Fa-f]{1,4}$")


@dataclass(frozen=True, slots=True)
class DeviceUri:
    """A parsed device URI. Only the attributes of its scheme are set.

    ``options`` holds the query parameters (``?baudrate=115200&timeout=2``) as strings.
    """

    scheme: Scheme
    text: str
    path: str = ""  # serial device, file, video, image folder, cups queue, simulator data file
    host: str = ""
    port: int = 0
    vendor_id: int = 0
    product_id: int = 0
    index: int = 0
    options: dict[str, str] = field(default_factory=dict)

    def option_int(self, name: str, default: int) -> int:
        """An integer option, or ``default``; a non-integer value is a DeviceUriError."""
        raw = self.options.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise _bad(
                self.text, f"参数 {name} 应为整数，现在是“{raw}”", f"option {name} must be an integer"
            ) from None

    def option_float(self, name: str, default: float) -> float:
        raw = self.options.get(name)
        if raw is None:
            return default
        try:
            return float(raw)
        except ValueError:
            raise _bad(
                self.text, f"参数 {name} 应为数字，现在是“{raw}”", f"option {name} must be a number"
            ) from None

    def __str__(self) -> str:
        return self.text


def _bad(text: str, what_zh: str, what_en: str) -> DeviceUriError:
    return DeviceUriError(
        f"设备地址“{text}”有误：{what_zh}。可用的写法例如：{_EXAMPLES}",
        f"bad device URI {text!r}: {what_en}",
    )


def _port(text: str, raw: str) -> int:
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise _bad(text, f"端口“{raw}”应为 1–65535 之间的整数", f"port {raw!r} must be 1-65535")
    return int(raw)


def _usb_id(text: str, raw: str, what: str) -> int:
    if not _HEX16.match(raw):
        raise _bad(text, f"USB {what}“{raw}”应为十六进制数，例如 0x0416", f"USB {what} {raw!r} is not hex")
    return int(raw, 16)


def parse_device_uri(text: str) -> DeviceUri:
    """Parse a device URI; raises DeviceUriError naming what is wrong (in Chinese and English)."""
    raw = text.strip()
    if not raw:
        raise _bad(text, "地址为空", "empty URI")
    body, _, query = raw.partition("?")
    scheme_text, sep, rest = body.partition(":")
    try:
        scheme = Scheme(scheme_text.lower())
    except ValueError:
        raise _bad(raw, f"不认识的类型“{scheme_text}”", f"unknown scheme {scheme_text!r}") from None
    options: dict[str, str] = {}
    if query:
        try:
            options = dict(parse_qsl(query, keep_blank_values=True, strict_parsing=True))
        except ValueError:
            raise _bad(raw, f"参数“{query}”格式不对", f"malformed query {query!r}") from None
    if scheme is Scheme.SIM:
        return DeviceUri(scheme, raw, path=rest, options=options)
    if not sep or not rest:
        raise _bad(raw, f"“{scheme_text}:”后面缺少内容", f"nothing after {scheme_text}:")
    if scheme is Scheme.TCP:
        host, colon, port = rest.rpartition(":")
        if not colon or not host or not _HOST.match(host):
            raise _bad(raw, "应写成 tcp:主机:端口", "expected tcp:HOST:PORT")
        return DeviceUri(scheme, raw, host=host.strip("[]"), port=_port(raw, port), options=options)
    if scheme is Scheme.USB:
        vid, colon, pid = rest.partition(":")
        if not colon:
            raise _bad(raw, "应写成 usb:厂商ID:产品ID", "expected usb:VID:PID")
        return DeviceUri(
            scheme,
            raw,
            vendor_id=_usb_id(raw, vid, "厂商ID"),
            product_id=_usb_id(raw, pid, "产品ID"),
            options=options,
        )
    if scheme is Scheme.CAMERA:
        if not rest.isdigit():
            raise _bad(raw, f"摄像头序号“{rest}”应为非负整数", f"camera index {rest!r} is not an integer")
        return DeviceUri(scheme, raw, index=int(rest), options=options)
    return DeviceUri(scheme, raw, path=rest, options=options)
