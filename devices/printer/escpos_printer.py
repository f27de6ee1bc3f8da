"""ESC/POS printer transports (tcp, serial, usb, file, cups, sim) chosen by URI, and print_receipt."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Sequence
from pathlib import Path

from devices.errors import DeviceError, DeviceUriError
from devices.printer import (
    OfflineReason,
    PrintableReceipt,
    PrinterCoverOpen,
    PrinterNotReady,
    PrinterOffline,
    PrinterPaperOut,
    PrinterStatus,
    PrintResult,
    ReceiptPrinter,
)
from devices.printer.profiles import PrinterProfile
from devices.printer.raster import FontFace, find_cjk_fonts
from devices.printer.render import render_receipt
from devices.printer.simulator import PrinterSimulator
from devices.printer.stream import SerialPrinter, TcpPrinter, connect_socket
from devices.printer.transports import CupsPrinter, FilePrinter, UsbPrinter
from devices.uri import DeviceUri, Scheme, parse_device_uri

log = logging.getLogger(__name__)


class SimulatedPrinter(TcpPrinter):
    """``sim``: the real TCP driver connected to a PrinterSimulator it started; close() stops both."""

    def __init__(self, name: str, sock: socket.socket, timeout: float, simulator: PrinterSimulator) -> None:
        super().__init__(name, sock, timeout)
        self.simulator = simulator  # for demos and tests: inject faults, read what was printed

    def close(self) -> None:
        super().close()
        self.simulator.stop()


def open_printer(uri: str | DeviceUri, timeout: float) -> ReceiptPrinter:
    """Connect to the printer at ``uri`` (serial: tcp: usb: file: cups: sim). Raises DeviceUriError for a
    malformed URI, DeviceNotFound / DeviceTimeout / DeviceUnavailableFeature when it cannot be opened."""
    parsed = parse_device_uri(uri) if isinstance(uri, str) else uri
    timeout = parsed.option_float("timeout", timeout)
    status_enabled = parsed.options.get("status", "on") != "off"
    if parsed.scheme is Scheme.TCP:
        return TcpPrinter.connect(parsed.text, parsed.host, parsed.port, timeout, status_enabled)
    if parsed.scheme is Scheme.SERIAL:
        return SerialPrinter.open(parsed, timeout)
    if parsed.scheme is Scheme.USB:
        return UsbPrinter.open(parsed, timeout)
    if parsed.scheme is Scheme.FILE:
        return FilePrinter.open(parsed, timeout)
    if parsed.scheme is Scheme.CUPS:
        return CupsPrinter.open(parsed, timeout)
    if parsed.scheme is Scheme.SIM:
        return _open_simulated(parsed, timeout)
    raise DeviceUriError(
        f"“{parsed.text}”不是打印机地址，可用 tcp:、serial:、usb:、file:、cups: 或 sim",
        f"{parsed.text}: scheme {parsed.scheme} is not a printer transport",
    )


def fonts_for_uri(uri: DeviceUri) -> tuple[FontFace, ...] | None:
    """The raster fonts a ``?font=/path/to.ttf`` option asks for (first), or None to look them up
    only when a receipt needs them."""
    font = uri.options.get("font")
    return find_cjk_fonts([font]) if font else None


def _open_simulated(uri: DeviceUri, timeout: float) -> SimulatedPrinter:
    simulator = PrinterSimulator(out=Path(uri.path) if uri.path else None)
    simulator.start()
    try:
        sock = connect_socket(uri.text, "127.0.0.1", simulator.port, timeout)
    except DeviceError:
        simulator.stop()
        raise
    return SimulatedPrinter(uri.text, sock, timeout, simulator)


def print_receipt(
    printer: ReceiptPrinter,
    receipt: PrintableReceipt,
    profile: PrinterProfile,
    fonts: Sequence[FontFace] | None = None,
) -> PrintResult:
    """Render, check status, send, check status again. Returns only when the printer took every byte
    and (where status can be read) reported no problem afterwards; otherwise raises a DeviceError
    (PrinterNotReady with ``sent`` telling whether bytes went out) and the caller keeps the job."""
    rendered = render_receipt(receipt, profile, fonts)  # a layout error sends nothing
    before = printer.status()
    _raise_if_not_ready(printer.name, before, sent=False)
    started = time.monotonic()
    printer.send(rendered.data)
    after = printer.status()
    _raise_if_not_ready(printer.name, after, sent=True)
    log.info(
        "%s printed %s (%d bytes, %d raster lines) in %.2f s, status %s",
        printer.name,
        receipt.kind,
        len(rendered.data),
        rendered.raster_lines,
        time.monotonic() - started,
        after.raw.hex(" ") or "unknown",
    )
    return PrintResult(
        bytes_sent=len(rendered.data),
        confirmed=after.readable,
        status_before=before,
        status_after=after,
        raster_lines=rendered.raster_lines,
        missing_glyphs=rendered.missing_glyphs,
    )


def _raise_if_not_ready(name: str, status: PrinterStatus, *, sent: bool) -> None:
    if not status.readable:
        return
    error: type[PrinterNotReady]
    if status.paper_ok is False:
        error, code = PrinterPaperOut, "printer.paper_out"
        zh = "打印过程中缺纸，回执可能未打印完整，请装纸后补打" if sent else "打印机缺纸，请装纸后重试"
    elif status.cover_open:
        error, code = PrinterCoverOpen, "printer.cover_open"
        zh = "打印过程中打印机盖被打开，请合上后补打" if sent else "打印机盖未合上，请合上后重试"
    elif status.online is False:
        error = PrinterOffline
        fault = status.offline_reason is OfflineReason.ERROR
        code = "printer.fault" if fault else "printer.offline"
        zh = "打印机故障（例如切刀卡纸），请检查后重试" if fault else "打印机离线，请检查打印机后重试"
    else:
        return
    if sent:
        code += "_while_printing"
    phase = "after sending" if sent else "before sending"
    raise error(
        zh,
        f"{name}: {status.offline_reason} {phase} (status {status.raw.hex(' ')})",
        status,
        sent=sent,
        code=code,
    )
