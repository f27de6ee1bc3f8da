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
through callbacks on those threads (STYLE.md). The manager is the only door to each device in a
window or kiosk: test pages, case receipts and certificates all print through ``print_receipt``,
checks and page captures all use the one camera of ``capture_page``, and every outcome updates
that device's health (review §4.1; Electrum's single hardware thread).
"""

from __future__ import annotations

import logging
import threading
import tomllib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from devices.access import (
    OwnedCamera,
    camera_state,
    open_document_camera,
    print_on,
    probe_camera,
    probe_printer,
)
from devices.camera import CapturedPage
from devices.errors import DeviceError, DeviceUriError
from devices.id_reader import CardCheck
from devices.printer import PrintableReceipt, PrintResult
from devices.simulator_rack import SimulatorRack
from devices.states import (
    CAMERA_AS_SCANNER,
    CONNECTED,
    NOT_CONFIGURED,
    PAPER_NEAR_END,
    READY,
    STARTED,
    UNEXPECTED,
    DeviceState,
    reader_state,
)
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
    """One device's state. ``ok`` is None when the role is not configured. ``code`` and ``params``
    (devices.states, or the DeviceError's) let a GUI say ``message`` in its own language."""

    role: str
    uri: str
    ok: bool | None
    message: str  # Chinese, for staff
    detail: str = ""  # English, for logs
    code: str = ""
    params: Mapping[str, str | int] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, role: str, uri: str, ok: bool | None, state: DeviceState) -> DeviceHealth:
        return cls(role, uri, ok, state.message, state.detail, state.code, state.params)

    @classmethod
    def failed(cls, role: str, uri: str, exc: DeviceError) -> DeviceHealth:
        return cls(role, uri, False, exc.message, exc.detail, exc.code, exc.params)

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


def probe(role: str, uri: str, timeout: float = 3.0) -> DeviceHealth:
    """Open the device once, ask it how it is, close it. Never raises for a device problem."""
    try:
        state = _PROBES[role](uri, timeout)
    except KeyError:
        return DeviceHealth(
            role,
            uri,
            False,
            f"不认识的外设类型“{role}”",
            f"unknown role {role!r}",
            "device.unknown_role",
            {"role": role},
        )
    except DeviceError as exc:
        return DeviceHealth.failed(role, uri, exc)
    return DeviceHealth.of(role, uri, True, state)


def probe_configured(table: Mapping[str, str], timeout: float = 3.0) -> list[DeviceHealth]:
    """Every role's health, in ROLES order: a configured device opened once and asked (``sim``
    through a simulator started for the purpose and stopped after), ``ok=None`` where none is
    configured. For ``tongban devices list`` and ``tongban doctor``; never raises for a device."""
    rack = SimulatorRack()
    results: list[DeviceHealth] = []
    try:
        for role in ROLES:
            uri = table.get(role, "")
            if not uri:
                results.append(DeviceHealth.of(role, "", None, NOT_CONFIGURED))
                continue
            try:
                real = rack.resolve(role, uri)
            except DeviceError as exc:
                results.append(DeviceHealth.failed(role, uri, exc))
                continue
            health = probe(role, real, timeout)
            results.append(
                DeviceHealth(role, uri, health.ok, health.message, health.detail, health.code, health.params)
            )
    finally:
        rack.stop()
    return results


def _probe_id_reader(uri: str, timeout: float) -> DeviceState:
    from devices.id_reader.session import SamSession
    from devices.id_reader.transport import open_port, resolve_target

    port = open_port(resolve_target(uri))
    session = SamSession(port, response_timeout=timeout)
    try:
        session.check_status()  # 11 FF: the SAM module answers 90 when it is ready
    finally:
        session.close()
    return READY


def _probe_scanner(uri: str, timeout: float) -> DeviceState:
    parsed = parse_device_uri(uri)
    if parsed.scheme in (Scheme.CAMERA, Scheme.VIDEO, Scheme.IMAGES):
        probe_camera(uri, timeout)
        return CAMERA_AS_SCANNER
    from devices.qr.serial_scanner import SerialScanner

    scanner = SerialScanner(uri)
    errors: list[DeviceError] = []
    scanner.start(lambda _scan: None, errors.append)
    try:
        if not scanner.wait_connected(timeout):
            if errors:
                raise errors[0]
            raise DeviceError(
                "扫码枪没有连接",
                f"scanner {uri} not connected within {timeout:g} s",
                code="scanner.not_connected",
            )
    finally:
        scanner.stop()
    return CONNECTED


_PROBES: dict[str, Callable[[str, float], DeviceState]] = {
    "id_reader": _probe_id_reader,
    "printer": probe_printer,
    "scanner": _probe_scanner,
    "camera": probe_camera,
}


class DeviceManager:
    """Owns the configured devices of one window or kiosk.

    Built and stopped on the GUI (or main) thread; each device works on its own owner thread and
    reports through the callbacks, which run on those threads — a Qt bridge re-emits them as
    signals. Printing, capturing and checking return Futures resolved on the device's owner
    thread (a one-worker executor, asserted), and each updates the device's health.
    """

    def __init__(
        self,
        table: Mapping[str, str],
        *,
        on_card: Callable[[Any], None] = lambda _card: None,
        on_scan: Callable[[Any], None] = lambda _scan: None,
        on_health: Callable[[DeviceHealth], None] = lambda _health: None,
        timeout: float = 5.0,
        open_camera: Callable[[str], OwnedCamera] = open_document_camera,
        validate_card: CardCheck | None = None,
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
        self._open_camera = open_camera
        self._validate_card = validate_card  # e.g. core's rules (services.card_checks)
        self._camera: OwnedCamera | None = None  # only ever touched on the camera's owner thread
        self._owners: dict[str, threading.Thread] = {}
        self._printer_executor = self._owner_executor("printer")
        self._camera_executor = self._owner_executor("camera")

    @property
    def simulators(self) -> SimulatorRack:
        return self._rack

    def start(self) -> None:
        """Start simulators for ``sim`` URIs, then the reader and scanner threads."""
        for role in ROLES:
            uri = self._table.get(role)
            if not uri:
                self._report(DeviceHealth.of(role, "", None, NOT_CONFIGURED))
                continue
            try:
                self._uris[role] = self._rack.resolve(role, uri)
            except DeviceError as exc:
                self._report(DeviceHealth.failed(role, uri, exc))
        if "id_reader" in self._uris:
            self._start_reader(self._uris["id_reader"])
        if "scanner" in self._uris:
            self._start_scanner(self._uris["scanner"])
        for role in ("printer", "camera"):
            if role in self._uris:
                self._executor(role).submit(self._check, role)

    def _start_reader(self, uri: str) -> None:
        from devices.id_reader.serial_reader import SerialIdReader

        self._reader = SerialIdReader(uri, validate=self._validate_card)

        def on_state(state: str) -> None:
            ok = state not in ("disconnected", "not_responding", "fault")
            self._report(DeviceHealth.of("id_reader", uri, ok, reader_state(state)))

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
        self._report(DeviceHealth.of("scanner", uri, True, STARTED))

    def _owner_executor(self, role: str) -> ThreadPoolExecutor:
        def enter() -> None:
            self._owners[role] = threading.current_thread()

        return ThreadPoolExecutor(max_workers=1, thread_name_prefix=role, initializer=enter)

    def _require_owner(self, role: str) -> None:
        if threading.current_thread() is not self._owners.get(role):
            raise RuntimeError(f"the {role} was used off its owner thread")

    def _executor(self, role: str) -> ThreadPoolExecutor:
        return self._printer_executor if role == "printer" else self._camera_executor

    def _check(self, role: str) -> DeviceHealth:
        self._require_owner(role)
        uri = self._uris[role]
        health = self._check_camera(uri) if role == "camera" else probe(role, uri, self._timeout)
        self._report(health)
        return health

    def _check_camera(self, uri: str) -> DeviceHealth:
        """The camera's probe, on the camera it captures with (opened only for the check when closed)."""
        opened_here = self._camera is None
        try:
            state = camera_state(self._owned_camera(uri), self._timeout)
        except DeviceError as exc:
            self._close_camera()
            return DeviceHealth.failed("camera", uri, exc)
        if opened_here:
            self._close_camera()
        return DeviceHealth.of("camera", uri, True, state)

    def _failed(self, role: str, uri: str, exc: BaseException) -> None:
        if isinstance(exc, DeviceError):
            self._report(DeviceHealth.failed(role, uri, exc))
        else:  # a bug, not the device: logged here, and the device is no longer known to work
            logger.error("the %s failed unexpectedly", role, exc_info=exc)
            self._report(
                DeviceHealth(
                    role, uri, False, UNEXPECTED.message, f"{type(exc).__name__}: {exc}", UNEXPECTED.code
                )
            )

    def _report(self, health: DeviceHealth) -> None:
        with self._lock:
            self._health[health.role] = health
        self._on_health(health)

    def health(self) -> list[DeviceHealth]:
        """The last known state of every role."""
        with self._lock:
            return [
                self._health.get(r, DeviceHealth.of(r, self._table.get(r, ""), None, NOT_CONFIGURED))
                for r in ROLES
            ]

    def uri(self, role: str) -> str | None:
        """The URI the driver of ``role`` connects to (a simulator's for ``sim``)."""
        return self._uris.get(role)

    def check(self, role: str) -> Future[DeviceHealth]:
        """Probe a printer or camera again on its owner thread (the "test" button)."""
        self._configured(role)
        return self._executor(role).submit(self._check, role)

    def _configured(self, role: str) -> str:
        """The URI of ``role``; a DeviceUriError when the configuration names no such device."""
        uri = self._uris.get(role)
        if uri is None:
            raise DeviceUriError(
                f"{ROLE_NAMES.get(role, role)}未配置",
                f"{role} not configured",
                code="device.role_not_configured",
                params={"role": role},
            )
        return uri

    def print_receipt(self, receipt: PrintableReceipt) -> Future[PrintResult]:
        """Print on the printer's owner thread: status checked before and after sending. The
        Future holds the PrintResult only when the printer took the receipt; else a DeviceError."""
        return self._printer_executor.submit(self._print, self._configured("printer"), receipt)

    def _print(self, uri: str, receipt: PrintableReceipt) -> PrintResult:
        self._require_owner("printer")
        try:
            result = print_on(uri, receipt, self._timeout)
        except Exception as exc:
            self._failed("printer", uri, exc)
            raise
        self._report(
            DeviceHealth.of("printer", uri, True, PAPER_NEAR_END if result.paper_near_end else READY)
        )
        return result

    def capture_page(self, timeout: float) -> Future[CapturedPage]:
        """Photograph the page under the document camera on its owner thread, which keeps the camera
        open until ``stop``. The Future holds the page, or the DeviceError; health follows either way."""
        return self._camera_executor.submit(self._capture, self._configured("camera"), timeout)

    def _capture(self, uri: str, timeout: float) -> CapturedPage:
        try:
            page = self._owned_camera(uri).capture_page(timeout)
        except Exception as exc:
            self._close_camera()  # opened afresh next time: it may have been unplugged and put back
            self._failed("camera", uri, exc)
            raise
        with self._lock:
            known_ok = self._health.get("camera", DeviceHealth("camera", uri, None, "")).ok
        if not known_ok:
            self._report(DeviceHealth.of("camera", uri, True, READY))
        return page

    def _owned_camera(self, uri: str) -> OwnedCamera:
        self._require_owner("camera")
        if self._camera is None:
            self._camera = self._open_camera(uri)
        return self._camera

    def _close_camera(self) -> None:
        camera, self._camera = self._camera, None
        if camera is not None:
            camera.close()

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
        self._close_camera()  # its owner thread has ended: nothing else can be using it now
        self._rack.stop()
