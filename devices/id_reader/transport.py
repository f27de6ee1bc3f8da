"""Where an ID-card reader is: device URIs and pyserial URLs resolved and opened with ``serial_for_url``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import serial

from devices.errors import DeviceNotFound, DeviceUriError
from devices.uri import Scheme, parse_device_uri

DEFAULT_BAUD = 115200  # research/devices.md §1.1
# pyserial's own timeout is only the slice a read may block; exchanges keep their own deadline,
# so a stop request is seen within one slice and a complete frame returns at once.
READ_SLICE = 0.05
WRITE_TIMEOUT = 1.0
# ?poll=MS: how often the driver asks for a card. The vendors advise 300 ms (the default,
# serial_reader.DEFAULT_POLL_INTERVAL); a simulator or a bench may ask faster. Faster than 50 ms
# would keep a real reader's serial line busy, slower than 2 s keeps a citizen waiting.
POLL_MS_MIN = 50
POLL_MS_MAX = 2000
try:
    import termios  # pyserial lets termios.error (not an OSError) escape, e.g. tcflush on a dead pty

    _TERMIOS_ERRORS: tuple[type[Exception], ...] = (termios.error,)
except ImportError:  # Windows
    _TERMIOS_ERRORS = ()
# Everything a pyserial call on a vanished port can raise.
PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError, *_TERMIOS_ERRORS)
_OPEN_ERRORS: tuple[type[Exception], ...] = (*PORT_ERRORS, ValueError)
_URL = re.compile(r"^[a-z][a-z0-9+]*://", re.IGNORECASE)
_WINDOWS_PORT = re.compile(r"^COM\d+$", re.IGNORECASE)


class SerialPort(Protocol):
    """The slice of ``serial.Serial`` the driver uses (pyserial ships no type hints)."""

    def write(self, data: bytes) -> int | None: ...

    def read(self, size: int = 1) -> bytes: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PortTarget:
    """A resolved reader location: ``url`` is what ``serial.serial_for_url`` opens."""

    text: str  # as the operator wrote it, for messages
    url: str
    baudrate: int = DEFAULT_BAUD
    timeout: float | None = None  # ?timeout=S: seconds allowed for every answer
    fingerprint: bool | None = None  # ?fingerprint=0|1: read with 30 10 (1) or 30 01 (0)
    poll_interval: float | None = None  # ?poll=MS: seconds between two asks for a card


def resolve_target(text: str) -> PortTarget:
    """Resolve ``serial:PATH?baudrate=N``, ``tcp:HOST:PORT``, a pyserial URL or a bare port name.

    Options: ``baudrate``, ``timeout`` (seconds for every answer), ``fingerprint`` (0|1) and
    ``poll`` (milliseconds between two asks for a card, POLL_MS_MIN to POLL_MS_MAX).

    ``tcp:`` maps to pyserial's ``socket://`` (a serial-to-Ethernet server tunnels the same
    frames, research/devices.md §1.1). Raises DeviceUriError for anything else.
    """
    raw = text.strip()
    if _URL.match(raw):
        return PortTarget(raw, raw)
    if raw.startswith(("/", "\\\\.\\")) or _WINDOWS_PORT.match(raw):
        return PortTarget(raw, raw)
    uri = parse_device_uri(raw)
    if uri.scheme is Scheme.SERIAL:
        url = uri.path
    elif uri.scheme is Scheme.TCP:
        host = f"[{uri.host}]" if ":" in uri.host else uri.host
        url = f"socket://{host}:{uri.port}"
    else:
        raise DeviceUriError(
            f"身份证阅读器的地址“{raw}”不可用：只支持 serial:串口?baudrate=115200 或 tcp:主机:端口",
            f"ID reader URI {raw!r}: scheme {uri.scheme} is not supported (serial:, tcp:)",
        )
    baudrate = uri.option_int("baudrate", DEFAULT_BAUD)
    if baudrate <= 0:
        raise DeviceUriError(f"设备地址“{raw}”有误：波特率应为正整数", f"bad baudrate in {raw!r}")
    timeout = uri.option_float("timeout", 0.0)
    if timeout < 0:
        raise DeviceUriError(f"设备地址“{raw}”有误：timeout 应为正数（秒）", f"bad timeout in {raw!r}")
    fingerprint = uri.options.get("fingerprint")
    return PortTarget(
        raw,
        url,
        baudrate,
        timeout or None,
        None if fingerprint is None else uri.option_int("fingerprint", 1) != 0,
        _poll_interval(uri.options.get("poll"), raw),
    )


def _poll_interval(text: str | None, raw: str) -> float | None:
    """``?poll=MS`` in seconds (None when absent); DeviceUriError outside POLL_MS_MIN..POLL_MS_MAX."""
    if text is None:
        return None
    try:
        ms = int(text)
    except ValueError:
        ms = -1
    if not POLL_MS_MIN <= ms <= POLL_MS_MAX:
        raise DeviceUriError(
            f"设备地址“{raw}”有误：poll 是读卡间隔的毫秒数，应为 {POLL_MS_MIN} 到 {POLL_MS_MAX} 的整数，现在是“{text}”",
            f"bad poll in {raw!r}: milliseconds between card polls, an integer from {POLL_MS_MIN} to "
            f"{POLL_MS_MAX}, not {text!r}",
        )
    return ms / 1000


def open_port(target: PortTarget) -> SerialPort:
    """Open the port (8N1, no flow control, §1.1); DeviceNotFound when it is not there."""
    try:
        port: SerialPort = serial.serial_for_url(
            target.url,
            baudrate=target.baudrate,
            bytesize=serial.EIGHTBITS,
            parity=serial.PARITY_NONE,
            stopbits=serial.STOPBITS_ONE,
            timeout=READ_SLICE,
            write_timeout=WRITE_TIMEOUT,
        )
    except _OPEN_ERRORS as exc:
        raise DeviceNotFound(
            f"找不到身份证阅读器（{target.text}），请检查阅读器是否接好、端口设置是否正确",
            f"cannot open {target.url}: {exc}",
            code="id_reader.not_found",
            params={"port": target.text},
        ) from exc
    return port
