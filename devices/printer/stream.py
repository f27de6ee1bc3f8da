"""Bidirectional ESC/POS transports (TCP 9100, serial) with the DLE EOT status dialogue."""

from __future__ import annotations

import logging
import socket
from abc import ABC, abstractmethod

import serial

from devices.errors import DeviceDisconnected, DeviceNotFound, DeviceTimeout
from devices.printer import PrinterStatus
from devices.printer.status import STATUS_QUERIES, decode_status, status_query
from devices.uri import DeviceUri

log = logging.getLogger(__name__)

_CHUNK = 16 * 1024  # bytes per write: the timeout bounds how long one chunk may take


def timeout_error(name: str, what: str) -> DeviceTimeout:
    return DeviceTimeout(
        "打印机无响应，请检查打印机电源和连接后重试", f"{name}: timed out {what}", code="printer.no_answer"
    )


def disconnected_error(name: str, exc: BaseException | str) -> DeviceDisconnected:
    return DeviceDisconnected(
        "打印机连接中断，请检查连接后重试", f"{name}: connection lost: {exc}", code="printer.disconnected"
    )


def connect_socket(name: str, host: str, port: int, timeout: float) -> socket.socket:
    """A connected TCP socket whose every operation times out after ``timeout`` seconds."""
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except TimeoutError:
        raise timeout_error(name, f"connecting to {host}:{port}") from None
    except OSError as exc:  # refused, unreachable, unknown host
        raise DeviceNotFound(
            f"连接不到打印机（{name}），请检查打印机是否开机、网线是否接好、地址是否正确",
            f"{name}: cannot connect to {host}:{port}: {exc}",
            code="printer.unreachable",
            params={"printer": name},
        ) from exc
    sock.settimeout(timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # status queries are 3 bytes
    return sock


class StreamPrinter(ABC):
    """A bidirectional transport: one write and one read primitive (like escpos ``_raw``/``_read``)
    and the DLE EOT status dialogue on top. Lives on the caller's device worker thread."""

    def __init__(self, name: str, timeout: float, status_enabled: bool = True) -> None:
        self._name = name
        self._timeout = timeout
        self._chunk = _CHUNK
        self._status_enabled = status_enabled  # ?status=off: printers that ignore DLE EOT (Star, §2.1)

    @property
    def name(self) -> str:
        return self._name

    def status(self) -> PrinterStatus:
        if not self._status_enabled:
            return PrinterStatus.unknown()
        self._discard_input()  # stale replies (auto status back, DLE EOT inside image data) would shift ours
        replies = []
        for n in STATUS_QUERIES:
            self._write(status_query(n))
            replies.append(self._read_byte(f"waiting for the reply to DLE EOT {n}"))
        status = decode_status(*replies)
        log.debug("%s status %s", self._name, status.raw.hex(" "))
        return status

    def send(self, data: bytes) -> None:
        for start in range(0, len(data), self._chunk):
            self._write(data[start : start + self._chunk])

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _write(self, data: bytes) -> None:
        """Write every byte or raise DeviceTimeout / DeviceDisconnected."""

    @abstractmethod
    def _read_byte(self, what: str) -> int:
        """One byte within the timeout, or raise DeviceTimeout / DeviceDisconnected."""

    @abstractmethod
    def _discard_input(self) -> None: ...


class TcpPrinter(StreamPrinter):
    """ESC/POS over a raw TCP socket (port 9100). Every socket operation has the timeout."""

    def __init__(self, name: str, sock: socket.socket, timeout: float, status_enabled: bool = True) -> None:
        super().__init__(name, timeout, status_enabled)
        self._sock = sock

    @classmethod
    def connect(
        cls, name: str, host: str, port: int, timeout: float, status_enabled: bool = True
    ) -> TcpPrinter:
        return cls(name, connect_socket(name, host, port, timeout), timeout, status_enabled)

    def close(self) -> None:
        self._sock.close()

    def _write(self, data: bytes) -> None:
        try:
            self._sock.sendall(data)
        except TimeoutError:
            raise timeout_error(self._name, f"sending {len(data)} bytes") from None
        except OSError as exc:
            raise disconnected_error(self._name, exc) from exc

    def _read_byte(self, what: str) -> int:
        try:
            data = self._sock.recv(1)
        except TimeoutError:
            raise timeout_error(self._name, what) from None
        except OSError as exc:
            raise disconnected_error(self._name, exc) from exc
        if not data:
            raise disconnected_error(self._name, "closed by the printer")
        return data[0]

    def _discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while True:
                try:
                    data = self._sock.recv(256)
                except BlockingIOError:
                    return
                if not data:
                    raise disconnected_error(self._name, "closed by the printer")
                log.debug("%s discarded %d stale bytes", self._name, len(data))
        except OSError as exc:
            raise disconnected_error(self._name, exc) from exc
        finally:
            self._sock.settimeout(self._timeout)


class SerialPrinter(StreamPrinter):
    """ESC/POS over a serial port (or any pyserial URL, e.g. ``socket://``), with read and write timeouts."""

    def __init__(self, name: str, port: serial.Serial, timeout: float, status_enabled: bool = True) -> None:
        super().__init__(name, timeout, status_enabled)
        self._port = port
        # write_timeout covers one write() call: size the chunks so one takes at most half the timeout
        # at the line rate (10 bits a byte), or a long raster job at 9600 baud would time out while healthy.
        self._chunk = max(64, min(_CHUNK, int(port.baudrate / 10 * timeout / 2)))

    @classmethod
    def open(cls, uri: DeviceUri, timeout: float) -> SerialPrinter:
        try:
            port = serial.serial_for_url(
                uri.path,
                baudrate=uri.option_int("baudrate", 9600),  # Chinese printers ship at 9600 or 115200 (§2.1)
                timeout=timeout,
                write_timeout=timeout,
                dsrdtr=uri.option_int("dsrdtr", 0) == 1,  # off: cables without DSR/DTR stall writes (§2.1)
                rtscts=uri.option_int("rtscts", 0) == 1,
                xonxoff=uri.option_int("xonxoff", 0) == 1,
            )
        except (serial.SerialException, ValueError) as exc:
            raise DeviceNotFound(
                f"打不开打印机串口（{uri.path}），请检查串口号和连接线",
                f"{uri.text}: cannot open serial port: {exc}",
                code="printer.port_failed",
                params={"port": uri.path},
            ) from exc
        return cls(uri.text, port, timeout, uri.options.get("status", "on") != "off")

    def close(self) -> None:
        self._port.close()

    def _write(self, data: bytes) -> None:
        try:
            self._port.write(data)
        except serial.SerialTimeoutException:
            raise timeout_error(self._name, f"sending {len(data)} bytes") from None
        except (serial.SerialException, OSError) as exc:
            raise disconnected_error(self._name, exc) from exc

    def _read_byte(self, what: str) -> int:
        try:
            data = self._port.read(1)
        except (serial.SerialException, OSError) as exc:
            raise disconnected_error(self._name, exc) from exc
        if not data:
            raise timeout_error(self._name, what)
        return int(data[0])

    def _discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            raise disconnected_error(self._name, exc) from exc
