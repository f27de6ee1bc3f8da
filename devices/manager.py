"""The device manager: builds the configured devices (``sim`` included), reports their health, stops them.

A device TOML (the ``[devices]`` table of the device's configuration file) maps a role to a URI:

    [devices]
    id_reader = "serial:/dev/ttyUSB0?baudrate=115200"
    printer = "tcp:10.0.0.5:9100"
    scanner = "serial:/dev/ttyACM0?baudrate=9600"
    camera = "camera:0"

``sim`` (or ``sim:CARDS.json`` for the ID reader) starts that device's simulator and connects the
REAL driver to it, so a demonstration exercises the same code as a hall (Electrum's
``detect_simulator()``). Every device keeps its own owner thread (the ID reader and the scanner
their reader threads; printer and camera a one-worker executor each), and results come back
through callbacks on those threads (STYLE.md).
"""

from __future__ import annotations

import logging
import tempfile
import threading
import tomllib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from devices.errors import DeviceError, DeviceUriError
from devices.printer import PrintableReceipt, PrintResult
from devices.uri import Scheme, parse_device_uri

logger = logging.getLogger(__name__)

ROLES: Final = ("id_reader", "printer", "scanner", "camera")
ROLE_NAMES: Final = {
    "id_reader": "身份证阅读器",
    "printer": "小票打印机",
    "scanner": "扫码枪",
    "camera": "高拍仪",
}


@dataclass(frozen=True, slots=True)
class DeviceHealth:
    """One device's state. ``ok`` is None when the role is not configured."""

    role: str
    uri: str
    ok: bool | None
    message: str  # Chinese, for staff
    detail: str = ""  # English, for logs

    @property
    def name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


def read_device_table(config_path: Path) -> dict[str, str]:
    """The ``[devices]`` table of a device TOML (empty when the file or table is absent)."""
    if not config_path.exists():
        return {}
    try:
        raw = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DeviceUriError(f"配置文件 {config_path} 读不了：{exc}", f"{config_path}: {exc}") from None
    table = raw.get("devices", {})
    if not isinstance(table, dict):
        raise DeviceUriError(
            f"配置文件 {config_path} 中 [devices] 应为表", f"{config_path}: devices is not a table"
        )
    unknown = sorted(set(table) - set(ROLES))
    if unknown:
        raise DeviceUriError(
            f"配置文件 {config_path} 中 [devices] 有不认识的外设“{'、'.join(unknown)}”（可用：{'、'.join(ROLES)}）",
            f"{config_path}: unknown device roles {unknown}",
        )
    return {str(k): str(v) for k, v in table.items()}


def _sim_reader_options(uri: str, options: Mapping[str, str], count: int) -> tuple[float, int | None]:
    """(auto-cycle seconds, first card index or None) from a ``sim`` reader URI's query."""
    cycle_text, card_text = options.get("cycle", "3"), options.get("card", "0")
    try:
        cycle = float(cycle_text)
        first = None if card_text == "none" else int(card_text)
    except ValueError:
        raise DeviceUriError(
            f"模拟读卡器参数不对：{uri}（cycle 为秒数，card 为卡片序号或 none）",
            f"bad sim reader options in {uri!r}",
        ) from None
    if cycle < 0 or (first is not None and not 0 <= first < max(count, 1)):
        raise DeviceUriError(f"模拟读卡器参数超出范围：{uri}", f"sim reader option out of range in {uri!r}")
    return cycle, first


class SimulatorRack:
    """Starts the simulators behind ``sim`` URIs and hands back the real URIs to connect to.

    Lives on the thread that builds the devices; ``stop()`` stops every simulator it started.
    """

    def __init__(self) -> None:
        self._stops: list[Callable[[], None]] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.printer: Any = None  # the PrinterSimulator, for demos that show what was printed
        self.id_reader: Any = None
        self.scanner: Any = None

    def resolve(self, role: str, uri: str) -> str:
        """``uri`` itself, or for ``sim…`` the URI of a simulator started for it."""
        parsed = parse_device_uri(uri)
        if parsed.scheme is not Scheme.SIM:
            return uri
        if role == "id_reader":
            from devices.id_reader.card_file import demo_cards_path, load_cards
            from devices.id_reader.simulator import IdReaderSimulator

            cards = load_cards(Path(parsed.path) if parsed.path else demo_cards_path())
            # ``sim:cards.json?card=none&cycle=0``: a kiosk's reader starts empty and keeps a card
            # until told otherwise (a card lying on it would start a citizen's session by itself).
            cycle, first = _sim_reader_options(uri, parsed.options, len(cards))
            reader = IdReaderSimulator(cards, transport="pty", auto_cycle=cycle)
            if first is not None:
                reader.place_card(first)
            reader.start()
            self._stops.append(reader.stop)
            self.id_reader = reader
            return str(reader.uri)
        if role == "printer":
            from devices.printer.simulator import PrinterSimulator

            printer = PrinterSimulator()
            printer.start()
            self._stops.append(printer.stop)
            self.printer = printer
            return str(printer.uri)
        if role == "scanner":
            from devices.qr.simulator import ScannerSimulator

            scanner = ScannerSimulator().open()
            self._stops.append(scanner.close)
            self.scanner = scanner
            return str(scanner.uri)
        if role == "camera":
            from devices.camera.simulator import write_demo_photos

            self._folder = tempfile.TemporaryDirectory(prefix="tongban-camera-")
            write_demo_photos(Path(self._folder.name), count=3)
            return f"images:{self._folder.name}"
        raise DeviceUriError(f"没有“{role}”的模拟器", f"no simulator for role {role!r}")

    def stop(self) -> None:
        while self._stops:
            stop = self._stops.pop()
            try:
                stop()
            except DeviceError as exc:
                logger.warning("stopping a simulator failed: %s", exc.detail)
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def probe(role: str, uri: str, timeout: float = 3.0) -> DeviceHealth:
    """Open the device once, ask it how it is, close it. Never raises for a device problem."""
    try:
        message = _PROBES[role](uri, timeout)
    except KeyError:
        return DeviceHealth(role, uri, False, f"不认识的外设类型“{role}”", f"unknown role {role!r}")
    except DeviceError as exc:
        return DeviceHealth(role, uri, False, exc.message, exc.detail)
    return DeviceHealth(role, uri, True, message)


def _probe_id_reader(uri: str, timeout: float) -> str:
    from devices.id_reader.session import SamSession
    from devices.id_reader.transport import open_port, resolve_target

    port = open_port(resolve_target(uri))
    session = SamSession(port, response_timeout=timeout)
    try:
        session.check_status()  # 11 FF: the SAM module answers 90 when it is ready
    finally:
        session.close()
    return "就绪"


def _probe_printer(uri: str, timeout: float) -> str:
    from devices.printer.escpos_printer import open_printer

    printer = open_printer(uri, timeout)
    try:
        status = printer.status()
    finally:
        printer.close()
    if not status.readable:
        return "已连接（该连接方式读不到打印机状态）"
    # A printer that answers but cannot print is not healthy: staff must see it before a receipt fails.
    # Paper out also takes an ESC/POS printer offline (DLE EOT 2), so name the cause first.
    if status.paper_ok is False:
        raise DeviceError("打印机缺纸，请装纸", f"printer {uri} reports paper out")
    if not status.online:
        raise DeviceError("打印机离线，请检查打印机电源和纸仓盖", f"printer {uri} reports offline")
    return "纸将尽，请准备换纸" if status.paper_near_end else "就绪"


def _probe_scanner(uri: str, timeout: float) -> str:
    parsed = parse_device_uri(uri)
    if parsed.scheme in (Scheme.CAMERA, Scheme.VIDEO, Scheme.IMAGES):
        _probe_camera(uri, timeout)
        return "摄像头可用"
    from devices.qr.serial_scanner import SerialScanner

    scanner = SerialScanner(uri)
    errors: list[DeviceError] = []
    scanner.start(lambda _scan: None, errors.append)
    try:
        if not scanner.wait_connected(timeout):
            if errors:
                raise errors[0]
            raise DeviceError("扫码枪没有连接", f"scanner {uri} not connected within {timeout:g} s")
    finally:
        scanner.stop()
    return "已连接"


def _probe_camera(uri: str, timeout: float) -> str:
    from devices.camera.opencv_camera import OpenCvDocumentCamera

    with OpenCvDocumentCamera(uri) as camera:
        frame = camera.capture_frame(timeout)
    return f"就绪（{frame.shape[1]}×{frame.shape[0]}）"


_PROBES: dict[str, Callable[[str, float], str]] = {
    "id_reader": _probe_id_reader,
    "printer": _probe_printer,
    "scanner": _probe_scanner,
    "camera": _probe_camera,
}


class DeviceManager:
    """Owns the configured devices of one window or kiosk.

    Built and stopped on the GUI (or main) thread; each device works on its own owner thread and
    reports through the callbacks, which run on those threads — a Qt bridge re-emits them as
    signals. Printing and capturing return Futures resolved on the device's executor thread.
    """

    def __init__(
        self,
        table: Mapping[str, str],
        *,
        on_card: Callable[[Any], None] = lambda _card: None,
        on_scan: Callable[[Any], None] = lambda _scan: None,
        on_health: Callable[[DeviceHealth], None] = lambda _health: None,
        timeout: float = 5.0,
    ) -> None:
        for role in table:
            if role not in ROLES:
                raise DeviceUriError(f"不认识的外设“{role}”", f"unknown device role {role!r}")
        self._table = dict(table)
        self._on_card = on_card
        self._on_scan = on_scan
        self._on_health = on_health
        self._timeout = timeout
        self._rack = SimulatorRack()
        self._uris: dict[str, str] = {}
        self._health: dict[str, DeviceHealth] = {}
        self._lock = threading.Lock()
        self._reader: Any = None
        self._scanner: Any = None
        self._printer_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="printer")
        self._camera_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="camera")

    @property
    def simulators(self) -> SimulatorRack:
        return self._rack

    def start(self) -> None:
        """Start simulators for ``sim`` URIs, then the reader and scanner threads."""
        for role in ROLES:
            uri = self._table.get(role)
            if not uri:
                self._report(DeviceHealth(role, "", None, "未配置"))
                continue
            try:
                self._uris[role] = self._rack.resolve(role, uri)
            except DeviceError as exc:
                self._report(DeviceHealth(role, uri, False, exc.message, exc.detail))
        if "id_reader" in self._uris:
            self._start_reader(self._uris["id_reader"])
        if "scanner" in self._uris:
            self._start_scanner(self._uris["scanner"])
        for role in ("printer", "camera"):
            if role in self._uris:
                self._executor(role).submit(self._check, role)

    def _start_reader(self, uri: str) -> None:
        from devices.id_reader.serial_reader import SerialIdReader

        self._reader = SerialIdReader(uri)

        def on_state(state: str) -> None:
            ok = state not in ("disconnected", "not_responding", "fault")
            self._report(DeviceHealth("id_reader", uri, ok, _READER_STATES.get(state, state)))

        self._reader.start(self._on_card, lambda exc: self._failed("id_reader", uri, exc), on_state)

    def _start_scanner(self, uri: str) -> None:
        parsed = parse_device_uri(uri)
        if parsed.scheme in (Scheme.CAMERA, Scheme.VIDEO, Scheme.IMAGES):
            from devices.qr.camera_decoder import CameraScanner

            self._scanner = CameraScanner(uri)
        else:
            from devices.qr.serial_scanner import SerialScanner

            self._scanner = SerialScanner(uri)
        self._scanner.start(self._on_scan, lambda exc: self._failed("scanner", uri, exc))
        self._report(DeviceHealth("scanner", uri, True, "已启动"))

    def _executor(self, role: str) -> ThreadPoolExecutor:
        return self._printer_executor if role == "printer" else self._camera_executor

    def _check(self, role: str) -> DeviceHealth:
        health = probe(role, self._uris[role], self._timeout)
        self._report(health)
        return health

    def _failed(self, role: str, uri: str, exc: DeviceError) -> None:
        self._report(DeviceHealth(role, uri, False, exc.message, exc.detail))

    def _report(self, health: DeviceHealth) -> None:
        with self._lock:
            self._health[health.role] = health
        self._on_health(health)

    def health(self) -> list[DeviceHealth]:
        """The last known state of every role."""
        with self._lock:
            return [
                self._health.get(r, DeviceHealth(r, self._table.get(r, ""), None, "未配置")) for r in ROLES
            ]

    def uri(self, role: str) -> str | None:
        """The URI the driver of ``role`` connects to (a simulator's for ``sim``)."""
        return self._uris.get(role)

    def check(self, role: str) -> Future[DeviceHealth]:
        """Probe a printer or camera again on its owner thread (the "test" button)."""
        if role not in self._uris:
            raise DeviceUriError(f"{ROLE_NAMES.get(role, role)}未配置", f"{role} not configured")
        return self._executor(role).submit(self._check, role)

    def print_receipt(self, receipt: PrintableReceipt) -> Future[PrintResult]:
        """Print on the printer's owner thread: status checked before and after sending. The
        Future holds the PrintResult only when the printer took the receipt; else a DeviceError."""
        uri = self._uris.get("printer")
        if uri is None:
            raise DeviceUriError("小票打印机未配置", "printer not configured")
        return self._printer_executor.submit(self._print, uri, receipt)

    def _print(self, uri: str, receipt: PrintableReceipt) -> PrintResult:
        from devices.printer.escpos_printer import fonts_for_uri, open_printer, print_receipt
        from devices.printer.profiles import profile_for_uri

        parsed = parse_device_uri(uri)
        printer = open_printer(parsed, self._timeout)
        try:
            result = print_receipt(printer, receipt, profile_for_uri(parsed), fonts_for_uri(parsed))
        except DeviceError as exc:
            self._failed("printer", uri, exc)
            raise
        finally:
            printer.close()
        self._report(
            DeviceHealth("printer", uri, True, "纸将尽，请准备换纸" if result.paper_near_end else "就绪")
        )
        return result

    def stop(self) -> None:
        """Stop every device thread and simulator; safe to call twice."""
        if self._reader is not None:
            self._reader.stop()
            self._reader = None
        if self._scanner is not None:
            self._scanner.stop()
            self._scanner = None
        self._printer_executor.shutdown(wait=True, cancel_futures=True)
        self._camera_executor.shutdown(wait=True, cancel_futures=True)
        self._rack.stop()


_READER_STATES: Final = {
    "connected": "已连接",
    "disconnected": "已断开，正在重连",
    "not_responding": "没有应答",
    "fault": "故障",
    "no_card": "就绪，请放置证件",
    "reading": "正在读卡",
    "awaiting_removal": "已读取，请取走证件",
    "stopped": "已停止",
}
