"""The receipt printer as core's ReceiptSink: devices.printer behind core.printing's port (no Qt here)."""

from __future__ import annotations

from core.printing import PrintFailed
from core.receipts import Receipt
from devices.errors import DeviceError
from devices.printer.escpos_printer import fonts_for_uri, open_printer, print_receipt
from devices.printer.profiles import profile_for_uri
from devices.uri import parse_device_uri


class DevicePrinterSink:
    """Prints on the printer at ``uri`` from the calling thread (one job at a time).

    A device error becomes PrintFailed, so core keeps the job open for a retry.
    """

    def __init__(self, uri: str, timeout: float = 10.0) -> None:
        self._uri = parse_device_uri(uri)
        self._timeout = timeout

    def print_receipt(self, receipt: Receipt) -> None:
        try:
            printer = open_printer(self._uri, self._timeout)
            try:
                print_receipt(printer, receipt, profile_for_uri(self._uri), fonts_for_uri(self._uri))
            finally:
                printer.close()
        except DeviceError as exc:
            raise PrintFailed(exc.message, exc.detail) from exc
