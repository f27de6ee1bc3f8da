"""ESC/POS transports beyond sockets and serial ports: USB (pyusb via python-escpos), a file or device node, a CUPS queue."""

from __future__ import annotations

import importlib
import logging
import os
import select
import shutil
import subprocess
import time
from typing import Any

from escpos.printer import Usb

from devices.errors import DeviceError, DeviceNotFound, DeviceUnavailableFeature, DeviceUriError
from devices.printer import PrinterStatus
from devices.printer.stream import StreamPrinter, disconnected_error, timeout_error
from devices.uri import DeviceUri

log = logging.getLogger(__name__)

_POSIX = os.name == "posix"


class UsbPrinter(StreamPrinter):
    """USB bulk endpoints through python-escpos's ``Usb`` (pyusb + libusb; it detaches ``usblp``).

    Options: ``in_ep``/``out_ep`` (defaults 0x82/0x01; many Chinese printers differ, see ``lsusb -v``).
    escpos's default ``timeout=0`` means none (§2.1); we always pass one.
    """

    def __init__(self, name: str, device: Any, usb_core: Any, timeout: float) -> None:
        super().__init__(name, timeout)
        self._device = device  # escpos.printer.Usb, opened
        self._usb_core = usb_core  # the usb.core module, for its exception classes
        self._timeout_ms = max(1, int(timeout * 1000))

    @classmethod
    def open(cls, uri: DeviceUri, timeout: float) -> UsbPrinter:
        if not Usb.is_usable():
            raise DeviceUnavailableFeature(
                "USB 打印需要安装 pyusb（python-escpos[usb]）；在 Linux 上也可改用 file:/dev/usb/lp0",
                f"{uri.text}: pyusb is not installed",
            )
        usb_core = importlib.import_module("usb.core")
        try:
            in_ep, out_ep = (
                int(uri.options.get(k, d), 0) for k, d in (("in_ep", "0x82"), ("out_ep", "0x01"))
            )
        except ValueError:
            raise DeviceUriError(
                f"设备地址“{uri.text}”有误：in_ep/out_ep 应为端点号，例如 0x81", f"{uri.text}: bad endpoint"
            ) from None
        device = Usb(
            uri.vendor_id, uri.product_id, timeout=max(1, int(timeout * 1000)), in_ep=in_ep, out_ep=out_ep
        )
        try:
            device.open(raise_not_found=True)
        except Exception as exc:  # escpos DeviceNotFoundError, usb.core.USBError
            raise DeviceNotFound(
                f"找不到 USB 打印机（{uri.text}），请检查连接线和设备权限（udev）",
                f"{uri.text}: cannot open USB device: {exc}",
            ) from exc
        return cls(uri.text, device, usb_core, timeout)

    def close(self) -> None:
        self._device.close()

    def _write(self, data: bytes) -> None:
        try:
            self._device.device.write(self._device.out_ep, data, self._timeout_ms)
        except self._usb_core.USBTimeoutError:
            raise timeout_error(self._name, f"sending {len(data)} bytes") from None
        except self._usb_core.USBError as exc:
            raise disconnected_error(self._name, exc) from exc

    def _read_byte(self, what: str) -> int:
        try:
            data = self._device.device.read(self._device.in_ep, 16, self._timeout_ms)
        except self._usb_core.USBTimeoutError:
            raise timeout_error(self._name, what) from None
        except self._usb_core.USBError as exc:
            raise disconnected_error(self._name, exc) from exc
        if not data:
            raise timeout_error(self._name, what)
        return int(data[-1])

    def _discard_input(self) -> None:
        return  # bulk IN is read per query; the last byte of a read is the reply


class FilePrinter:
    """Bytes appended to a file or written to a device node (``/dev/usb/lp0``); status is unknown.

    On POSIX the descriptor is non-blocking and each write waits at most ``timeout`` for the device,
    so an offline printer cannot hang the worker (a blocking write to usblp can wait forever).
    """

    def __init__(self, name: str, fd: int, timeout: float) -> None:
        self._name = name
        self._fd = fd
        self._timeout = timeout

    @classmethod
    def open(cls, uri: DeviceUri, timeout: float) -> FilePrinter:
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        if not uri.path.startswith("/dev/"):
            flags |= os.O_CREAT  # a receipt file is created; a missing device node is an error
        try:
            fd = os.open(uri.path, flags, 0o644)
        except OSError as exc:
            raise DeviceNotFound(
                f"打不开打印机设备或文件（{uri.path}），请检查路径和权限", f"{uri.text}: {exc}"
            ) from exc
        return cls(uri.text, fd, timeout)

    @property
    def name(self) -> str:
        return self._name

    def status(self) -> PrinterStatus:
        return PrinterStatus.unknown()

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        deadline = time.monotonic() + self._timeout
        while view:
            if _POSIX:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([], [self._fd], [], remaining)[1]:
                    raise timeout_error(self._name, f"writing, {len(view)} of {len(data)} bytes left")
            try:
                written = os.write(self._fd, view[: 64 * 1024])
            except BlockingIOError:
                continue
            except OSError as exc:
                raise disconnected_error(self._name, exc) from exc
            view = view[written:]

    def close(self) -> None:
        os.close(self._fd)


class CupsPrinter:
    """A CUPS queue fed raw bytes by ``lp -d NAME -o raw`` (a subprocess with a timeout); status is unknown."""

    def __init__(self, name: str, queue: str, lp: str, timeout: float) -> None:
        self._name = name
        self._queue = queue
        self._lp = lp
        self._timeout = timeout

    @classmethod
    def open(cls, uri: DeviceUri, timeout: float) -> CupsPrinter:
        lp = shutil.which("lp")
        if lp is None:
            raise DeviceNotFound(
                f"本机没有安装 CUPS 打印服务（找不到 lp 命令），无法使用打印队列“{uri.path}”",
                f"{uri.text}: the lp command (CUPS client) is not installed",
            )
        return cls(uri.text, uri.path, lp, timeout)

    @property
    def name(self) -> str:
        return self._name

    def status(self) -> PrinterStatus:
        return PrinterStatus.unknown()

    def send(self, data: bytes) -> None:
        try:
            done = subprocess.run(
                [self._lp, "-d", self._queue, "-o", "raw", "-t", "tongban-receipt"],
                input=data,
                capture_output=True,
                timeout=self._timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise timeout_error(self._name, f"waiting for lp to queue {len(data)} bytes") from None
        except OSError as exc:
            raise DeviceNotFound(
                "无法调用 CUPS 打印命令 lp，请检查打印服务", f"{self._name}: cannot run lp: {exc}"
            ) from exc
        message = done.stderr.decode("utf-8", "replace").strip()
        if done.returncode == 0:
            log.debug("%s: %s", self._name, done.stdout.decode("utf-8", "replace").strip())
            return
        if "not exist" in message or "不存在" in message:
            raise DeviceNotFound(
                f"找不到打印队列“{self._queue}”，请检查打印机设置", f"{self._name}: lp: {message}"
            )
        raise DeviceError(
            f"打印服务拒绝了打印任务（{self._queue}），请检查打印机",
            f"{self._name}: lp exit {done.returncode}: {message}",
        )

    def close(self) -> None:
        return
