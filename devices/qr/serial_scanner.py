"""Serial (USB COM / RS-232) QR scanners: line framing and the ``SerialScanner`` driver (research §4.1)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

import serial

from devices.errors import DeviceDisconnected, DeviceError, DeviceNotFound, DeviceTimeout, DeviceUriError
from devices.qr import UNKNOWN_FORMAT, ScanResult
from devices.qr.owner import OwnerThread
from devices.qr.text import decode_payload, split_aim_identifier
from devices.uri import DeviceUri, Scheme, parse_device_uri

_log = logging.getLogger(__name__)
_T = TypeVar("_T")

_READ_TIMEOUT_S = 0.05  # §4.1: Serial(port, baud, timeout=0.05); also bounds how fast stop() is honoured
_MAX_LINE = 8192  # a QR holds at most 2953 bytes; anything longer is line noise


class Terminator(StrEnum):
    """What ends one scan on the wire (§4.1: CR is the common default; CRLF or none are settable)."""

    AUTO = "auto"  # CR, LF or CRLF; empty lines are dropped
    CR = "cr"
    LF = "lf"
    CRLF = "crlf"
    NONE = "none"  # no suffix: a scan ends after an idle gap


_SEPARATORS = {Terminator.CR: b"\r", Terminator.LF: b"\n", Terminator.CRLF: b"\r\n"}


class LineFramer:
    """Splits a byte stream into payloads. Pure; the clock is passed in (seconds, monotonic).

    A partial payload is also flushed after ``idle_flush_s`` without bytes, for scanners set to send
    no suffix (§4.1); 0 disables that. Scanners send one code in one burst, so a gap inside a
    payload does not happen in practice.
    """

    def __init__(self, terminator: Terminator = Terminator.AUTO, idle_flush_s: float = 0.1) -> None:
        self._terminator = terminator
        self._idle_flush_s = idle_flush_s
        self._buffer = bytearray()
        self._last_data = 0.0

    def feed(self, data: bytes, now: float) -> list[bytes]:
        """Add received bytes; return the payloads completed by them (terminators removed)."""
        out = self.poll(now)
        if not data:
            return out
        self._buffer += data
        self._last_data = now
        pending = bytes(self._buffer)
        if self._terminator is Terminator.AUTO:
            parts = pending.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
            # CRLF split across two reads ends the line at CR and leaves an empty line at LF,
            # which is dropped below
        elif self._terminator is Terminator.NONE:
            parts = [pending]
        else:
            parts = pending.split(_SEPARATORS[self._terminator])
        self._buffer = bytearray(parts.pop())
        out += [p for p in parts if p]
        if len(self._buffer) > _MAX_LINE:
            _log.warning("dropping %d bytes without a terminator", len(self._buffer))
            self._buffer.clear()
        return out

    def poll(self, now: float) -> list[bytes]:
        """Flush a partial payload after the idle gap; call this when a read returned nothing."""
        if self._buffer and self._idle_flush_s > 0 and now - self._last_data >= self._idle_flush_s:
            payload = bytes(self._buffer)
            self._buffer.clear()
            return [payload]
        return []


class SerialScanner(OwnerThread):
    """A scanner in serial mode behind ``serial:PORT?baudrate=9600&terminator=cr&idle_ms=100&aim=0``.

    Implements ``devices.qr.CodeSource``. After ``start`` one owner thread (``qr-serial``) opens,
    reads and re-opens the port after an unplug; ``on_scan``/``on_error`` run on it. ``read_one``
    is for callers that have not started the thread (the CLI) and runs on the caller's thread.
    """

    thread_name = "qr-serial"

    def __init__(
        self,
        uri: str | DeviceUri,
        *,
        reconnect_interval_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._uri = parse_device_uri(uri) if isinstance(uri, str) else uri
        if self._uri.scheme is not Scheme.SERIAL:
            raise DeviceUriError(
                f"扫码枪地址应为 serial:端口，例如 serial:/dev/ttyACM0，现在是“{self._uri}”",
                f"scanner URI must use serial:, got {self._uri}",
            )
        self._baudrate = self._uri.option_int("baudrate", 9600)  # §4.1: 9600 on many older scanners
        try:
            self._terminator = Terminator(self._uri.options.get("terminator", "auto").lower())
        except ValueError:
            raise DeviceUriError(
                f"参数 terminator 应为 {'/'.join(Terminator)} 之一，现在是“{self._uri.options['terminator']}”",
                "bad terminator option",
            ) from None
        self._idle_flush_s = self._uri.option_int("idle_ms", 100) / 1000
        self._strip_aim = self._uri.option_int("aim", 0) == 1
        self._reconnect_interval_s = reconnect_interval_s
        self._clock = clock
        super().__init__()
        self._connected = threading.Event()

    @property
    def uri(self) -> str:
        return self._uri.text

    def wait_connected(self, timeout: float) -> bool:
        """True once the owner thread holds the port open (for status displays and tests)."""
        return self._connected.wait(timeout)

    def read_one(self, timeout: float) -> ScanResult:
        if self._thread is not None:
            raise RuntimeError("read_one() while the owner thread is running; use the on_scan callback")
        framer = LineFramer(self._terminator, self._idle_flush_s)
        deadline = self._clock() + timeout
        port = self._open()
        try:
            while self._clock() < deadline:
                for payload in self._read(port, framer):
                    return self._result(payload)
        finally:
            port.close()
        raise DeviceTimeout(
            f"{timeout:g} 秒内扫码枪没有扫到码，请把二维码或条码对准扫码窗口再试。",
            f"no scan from {self._uri.path} within {timeout:g} s",
        )

    def _run(self, on_scan: Callable[[ScanResult], None], on_error: Callable[[DeviceError], None]) -> None:
        port: serial.SerialBase | None = None
        framer = LineFramer(self._terminator, self._idle_flush_s)
        reported = False  # one error per outage, not one per retry
        while not self._stop.is_set():
            if port is None:
                try:
                    port = self._open()
                except DeviceError as exc:
                    if not reported:
                        _call(on_error, exc)
                        reported = True
                    self._stop.wait(self._reconnect_interval_s)
                    continue
                _log.info("scanner %s open%s", self._uri.path, " again" if reported else "")
                reported = False
                framer = LineFramer(self._terminator, self._idle_flush_s)
                self._connected.set()
            try:
                payloads = self._read(port, framer)
            except DeviceDisconnected as exc:
                self._connected.clear()
                _close_quietly(port)
                port = None
                _call(on_error, exc)
                reported = True
                continue
            for payload in payloads:
                _call(on_scan, self._result(payload))
        self._connected.clear()
        if port is not None:
            _close_quietly(port)

    def _open(self) -> serial.SerialBase:
        try:
            return serial.serial_for_url(self._uri.path, baudrate=self._baudrate, timeout=_READ_TIMEOUT_S)
        except (OSError, ValueError) as exc:  # SerialException is an OSError
            raise DeviceNotFound(
                f"打不开扫码枪（{self._uri.path}）：请检查扫码枪是否插好、是否设为串口（虚拟串口）模式。",
                f"cannot open scanner port {self._uri.path}: {exc}",
                code="scanner.not_found",
                params={"port": self._uri.path},
            ) from exc

    def _read(self, port: serial.SerialBase, framer: LineFramer) -> list[bytes]:
        try:
            data: bytes = port.read(port.in_waiting or 1)
        except OSError as exc:  # pyserial reports an unplug as SerialException or EIO
            raise DeviceDisconnected(
                "扫码枪已断开，正在等待重新连接。",
                f"scanner {self._uri.path} disconnected: {exc}",
                code="scanner.disconnected",
            ) from exc
        return framer.feed(data, self._clock())

    def _result(self, payload: bytes) -> ScanResult:
        fmt: str | None = None
        if self._strip_aim:
            fmt, payload = split_aim_identifier(payload)
        return ScanResult(fmt or UNKNOWN_FORMAT, decode_payload(payload), payload, self._uri.text)


def _call(callback: Callable[[_T], None], value: _T) -> None:
    """Run a callback; its exception is logged, never allowed to kill the owner thread."""
    try:
        callback(value)
    except Exception:
        _log.exception("scanner callback failed")


def _close_quietly(port: serial.SerialBase) -> None:
    try:
        port.close()
    except OSError:
        _log.debug("closing %s failed", port.name, exc_info=True)
