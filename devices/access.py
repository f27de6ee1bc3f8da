"""One-shot access to the receipt printer and the document camera, on the caller's thread.

DeviceManager runs these on each device's owner thread (the only door in a window or kiosk);
``tongban devices list`` and the ``cases print`` CLI, which have no manager, run them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from devices.camera import CapturedPage
from devices.errors import DeviceError
from devices.printer import PrintableReceipt, PrintResult
from devices.states import PAPER_NEAR_END, READY, STATUS_UNREADABLE, DeviceState, camera_ready
from devices.uri import parse_device_uri

if TYPE_CHECKING:
    from devices.camera.frames import Frame


def probe_printer(uri: str, timeout: float) -> DeviceState:
    """How the printer at ``uri`` is; a DeviceError when it cannot print."""
    from devices.printer.escpos_printer import open_printer

    printer = open_printer(uri, timeout)
    try:
        status = printer.status()
    finally:
        printer.close()
    if not status.readable:
        return STATUS_UNREADABLE
    # A printer that answers but cannot print is not healthy: staff must see it before a receipt fails.
    # Paper out also takes an ESC/POS printer offline (DLE EOT 2), so name the cause first.
    if status.paper_ok is False:
        raise DeviceError("打印机缺纸，请装纸", f"printer {uri} reports paper out", code="printer.paper_out")
    if not status.online:
        raise DeviceError(
            "打印机离线，请检查打印机电源和纸仓盖", f"printer {uri} reports offline", code="printer.offline"
        )
    return PAPER_NEAR_END if status.paper_near_end else READY


def probe_camera(uri: str, timeout: float) -> DeviceState:
    """Open the camera at ``uri``, take one frame, close it: how it is, or a DeviceError."""
    camera = open_document_camera(uri)
    try:
        return camera_state(camera, timeout)
    finally:
        camera.close()


class OwnedCamera(Protocol):
    """What the manager uses of a document camera (``OpenCvDocumentCamera``; tests may watch one)."""

    def capture_page(self, timeout: float) -> CapturedPage: ...

    def capture_frame(self, timeout: float) -> Frame: ...

    def close(self) -> None: ...


def open_document_camera(uri: str) -> OwnedCamera:
    """The camera driver for ``uri``; it opens the device on its first capture, on the caller's thread."""
    from devices.camera.opencv_camera import OpenCvDocumentCamera  # imports OpenCV: only when used

    return OpenCvDocumentCamera(uri)


def camera_state(camera: OwnedCamera, timeout: float) -> DeviceState:
    """One frame from an open ``camera``: ready, at which resolution (or a DeviceError)."""
    frame = camera.capture_frame(timeout)
    return camera_ready(int(frame.shape[1]), int(frame.shape[0]))


def print_on(uri: str, receipt: PrintableReceipt, timeout: float) -> PrintResult:
    """Open the printer at ``uri``, print ``receipt`` (status checked before and after sending), close
    it, all on the caller's thread. A DeviceError unless the printer took the receipt. In a window or
    kiosk only the manager's printer thread calls this; the ``cases print`` CLI calls it directly."""
    from devices.printer.escpos_printer import fonts_for_uri, open_printer, print_receipt
    from devices.printer.profiles import profile_for_uri

    parsed = parse_device_uri(uri)
    printer = open_printer(parsed, timeout)
    try:
        return print_receipt(printer, receipt, profile_for_uri(parsed), fonts_for_uri(parsed))
    finally:
        printer.close()
